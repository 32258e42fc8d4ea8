#include "streamreader.h"

#include "connection.h"
#include "internal/convert.h"
#include "internal/core.h"

#include <QCoreApplication>

namespace edis::amqp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::amqp::StreamReader", text);
}

using Clock = std::chrono::steady_clock;

FieldValue offsetArgument(StreamOffset from)
{
    switch (from.kind) {
    case StreamOffset::Kind::First:
        return FieldValue::string(QStringLiteral("first"));
    case StreamOffset::Kind::Last:
        return FieldValue::string(QStringLiteral("last"));
    case StreamOffset::Kind::Next:
        return FieldValue::string(QStringLiteral("next"));
    case StreamOffset::Kind::Offset:
        return FieldValue::int64(from.value);
    case StreamOffset::Kind::Timestamp:
        return FieldValue::timestamp(uint64_t(std::max<int64_t>(from.value, 0)));
    }
    return FieldValue::string(QStringLiteral("first"));
}

} // namespace

StreamReader::StreamReader(Connection &connection)
    : connection_(connection)
{
}

StreamReader::~StreamReader()
{
    if (consuming_) {
        close();
    }
}

Error StreamReader::open(const QString &stream, StreamOffset from, std::stop_token stop, uint16_t prefetch)
{
    if (consuming_) {
        close();
    }
    detail::ConnectionCore &c = connection_.core();
    if (Error e = c.ensureChannel(stop); !e.ok()) {
        return e;
    }
    stream_ = stream;
    from_ = from;
    prefetch_ = std::max<uint16_t>(prefetch, 1);
    lastTag_ = 0;
    unacked_ = 0;
    nextOffset_ = -1;

    amqp_basic_qos_t qos {};
    qos.prefetch_count = prefetch_;
    if (auto r = c.rpc(AMQP_BASIC_QOS_METHOD, &qos, {AMQP_BASIC_QOS_OK_METHOD}, stop); !r.ok()) {
        return r.error();
    }
    detail::Pool pool;
    const FieldTable arguments {{QStringLiteral("x-stream-offset"), offsetArgument(from)}};
    const QByteArray queue = stream.toUtf8();
    amqp_basic_consume_t consume {};
    consume.queue = detail::bytesOf(queue);
    consume.consumer_tag = amqp_empty_bytes;
    consume.no_local = 0;
    consume.no_ack = 0;
    consume.exclusive = 0;
    consume.nowait = 0;
    consume.arguments = detail::toAmqp(arguments, pool.get());
    auto reply = c.rpc(AMQP_BASIC_CONSUME_METHOD, &consume, {AMQP_BASIC_CONSUME_OK_METHOD}, stop);
    if (!reply.ok()) {
        return reply.error();
    }
    consumerTag_ = detail::toQString(
        static_cast<const amqp_basic_consume_ok_t *>(reply.value().decoded)->consumer_tag);
    c.release();
    consuming_ = true;
    channelGeneration_ = c.channelGeneration();
    return {};
}

Result<std::size_t> StreamReader::read(std::vector<Message> &out, std::size_t maxMessages,
    std::chrono::milliseconds maxWait, std::stop_token stop)
{
    detail::ConnectionCore &c = connection_.core();
    if (!consuming_ || c.channelGeneration() != channelGeneration_ || !c.isOpen()) {
        return Error::make(Error::Kind::InvalidUse, tr("The stream %1 is not being read").arg(stream_));
    }
    const std::size_t before = out.size();
    const auto deadline = Clock::now() + maxWait;
    while (out.size() - before < maxMessages) {
        // Once a message came, take only what is already there: the caller wants it now.
        const auto wait = out.size() > before
            ? std::chrono::milliseconds(0)
            : std::max(std::chrono::milliseconds(0),
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        amqp_frame_t frame {};
        const detail::FrameWait w = c.waitFrame(frame, wait, stop);
        if (w.status == detail::FrameWait::Status::Failed) {
            consuming_ = c.channelOpen() && c.isOpen() && w.error.kind == Error::Kind::Cancelled;
            return w.error;
        }
        if (w.status == detail::FrameWait::Status::TimedOut) {
            break;
        }
        if (frame.frame_type != AMQP_FRAME_METHOD || frame.channel != detail::ConnectionCore::kChannel) {
            continue; // stray content of something this reader did not ask for
        }
        if (frame.payload.method.id == AMQP_BASIC_CANCEL_METHOD) {
            consuming_ = false;
            c.release();
            return Error::make(Error::Kind::ConsumerCancelled,
                tr("RabbitMQ cancelled the reading of %1 (was the stream deleted?)").arg(stream_));
        }
        if (frame.payload.method.id != AMQP_BASIC_DELIVER_METHOD) {
            continue;
        }
        if (Error e = handleDelivery(frame.payload.method.decoded, out, stop); !e.ok()) {
            consuming_ = false;
            return e;
        }
        if (unacked_ >= std::max<uint64_t>(prefetch_ / 2, 1)) {
            if (Error e = ackPending(); !e.ok()) {
                consuming_ = false;
                return e;
            }
        }
    }
    // No ack per call: at prefetch / 2 above the server always keeps more than half its credit,
    // so no read can stall, and an ack per return was one more send per ~85 messages (a tenth of
    // the reader's CPU in bench_rabbit_stream). close() acks what is left.
    return out.size() - before;
}

Error StreamReader::handleDelivery(
    const void *decoded, std::vector<Message> &out, const std::stop_token &stop)
{
    detail::ConnectionCore &c = connection_.core();
    const auto *deliver = static_cast<const amqp_basic_deliver_t *>(decoded);
    Message m;
    m.deliveryTag = deliver->delivery_tag;
    m.redelivered = deliver->redelivered != 0;
    m.exchange = detail::toQString(deliver->exchange);
    m.routingKey = detail::toQString(deliver->routing_key);
    if (Error e = c.readContent(m, stop); !e.ok()) {
        return e;
    }
    c.release();
    lastTag_ = m.deliveryTag;
    ++unacked_;
    const FieldValue *offset = findField(m.headers, QStringLiteral("x-stream-offset"));
    const std::optional<int64_t> streamOffset = offset != nullptr ? offset->toInt64() : std::nullopt;
    if (!streamOffset) {
        unacked_ = 0;
        c.closeChannel(); // unacked: the server requeues what it sent
        return Error::make(Error::Kind::PreconditionFailed,
            tr("%1 is not a stream: its messages carry no x-stream-offset, and reading would consume them")
                .arg(stream_));
    }
    m.streamOffset = *streamOffset;
    // A consumer starts at the chunk holding the offset asked for: skip what precedes it.
    if (from_.kind == StreamOffset::Kind::Offset && m.streamOffset < from_.value) {
        return {};
    }
    nextOffset_ = m.streamOffset + 1;
    out.push_back(std::move(m));
    return {};
}

Error StreamReader::ackPending()
{
    if (unacked_ == 0) {
        return {};
    }
    amqp_basic_ack_t ack {};
    ack.delivery_tag = lastTag_;
    ack.multiple = 1;
    unacked_ = 0;
    return connection_.core().send(AMQP_BASIC_ACK_METHOD, &ack);
}

Error StreamReader::close()
{
    detail::ConnectionCore &c = connection_.core();
    const bool ours = consuming_ && c.isOpen() && c.channelGeneration() == channelGeneration_;
    consuming_ = false;
    if (!ours) {
        return {};
    }
    ackPending();
    // Closing the channel ends the consumer and drops what was sent ahead of the acks; a
    // basic.cancel would need those deliveries drained first.
    return c.closeChannel();
}

} // namespace edis::amqp
