#include "queuepeeker.h"

#include "connection.h"
#include "internal/convert.h"
#include "internal/core.h"

#include <QCoreApplication>

namespace edis::amqp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::amqp::QueuePeeker", text);
}

} // namespace

QueuePeeker::QueuePeeker(Connection &connection)
    : connection_(connection)
{
}

Result<std::vector<Message>> QueuePeeker::peek(const QString &queue, std::size_t count, std::stop_token stop)
{
    if (count > kMaxPeek) {
        return Error::make(
            Error::Kind::InvalidUse, tr("A peek takes at most %1 messages, not %2").arg(kMaxPeek).arg(count));
    }
    detail::ConnectionCore &c = connection_.core();
    if (Error e = c.ensureChannel(stop); !e.ok()) {
        return e;
    }
    const QByteArray name = queue.toUtf8();
    std::vector<Message> messages;
    messages.reserve(count);
    uint64_t lastTag = 0;
    Error failure;
    while (messages.size() < count) {
        amqp_basic_get_t get {};
        get.queue = detail::bytesOf(name);
        get.no_ack = 0; // taken unacked, so that the nack below can give it back
        auto reply = c.rpc(
            AMQP_BASIC_GET_METHOD, &get, {AMQP_BASIC_GET_OK_METHOD, AMQP_BASIC_GET_EMPTY_METHOD}, stop);
        if (!reply.ok()) {
            failure = reply.error();
            break;
        }
        if (reply.value().id == AMQP_BASIC_GET_EMPTY_METHOD) {
            c.release();
            break;
        }
        const auto *ok = static_cast<const amqp_basic_get_ok_t *>(reply.value().decoded);
        Message m;
        m.deliveryTag = ok->delivery_tag;
        m.redelivered = ok->redelivered != 0;
        m.exchange = detail::toQString(ok->exchange);
        m.routingKey = detail::toQString(ok->routing_key);
        m.messageCount = ok->message_count;
        if (Error e = c.readContent(m, stop); !e.ok()) {
            failure = e; // the connection is closed: the server requeues everything
            break;
        }
        c.release();
        lastTag = m.deliveryTag;
        messages.push_back(std::move(m));
    }
    if (Error e = requeue(lastTag); !e.ok() && failure.ok()) {
        failure = e;
    }
    if (!failure.ok()) {
        return failure;
    }
    return messages;
}

Error QueuePeeker::requeue(uint64_t lastTag)
{
    detail::ConnectionCore &c = connection_.core();
    if (!c.isOpen() || !c.channelOpen()) {
        return {}; // a closed channel or connection has requeued everything already
    }
    Error nacked;
    if (lastTag != 0) {
        amqp_basic_nack_t nack {};
        nack.delivery_tag = lastTag;
        nack.multiple = 1;
        nack.requeue = 1;
        nacked = c.send(AMQP_BASIC_NACK_METHOD, &nack);
    }
    // Closing the channel requeues whatever the nack did not, and its close-ok tells that the
    // server has processed the nack: the messages are back when peek() returns.
    const Error closed = c.closeChannel();
    return nacked.ok() ? closed : nacked;
}

} // namespace edis::amqp
