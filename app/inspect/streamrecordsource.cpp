#include "streamrecordsource.h"

#include "amqp/connection.h"
#include "amqp/message.h"
#include "amqp/streamreader.h"
#include "amqprecord.h"
#include "filterexpression.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <thread>

namespace edis::inspect {

namespace {

using Clock = std::chrono::steady_clock;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect::StreamRecordSource", text);
}

/// A paused or reconnecting source waits in steps this long, so that a stop is seen soon.
constexpr std::chrono::milliseconds kIdleStep {20};
/// After the first message of the last chunk, the rest of it is already on its way.
constexpr std::chrono::milliseconds kEndProbeTail {150};
/// The last chunk of a stream being written fast may never run dry: the probe ends here.
constexpr std::chrono::milliseconds kEndProbeLimit {3000};

/// Failures a read survives by connecting again: the broker went away or did not answer.
bool isTransient(const amqp::Error &e)
{
    using K = amqp::Error::Kind;
    return e.kind == K::Refused || e.kind == K::Network || e.kind == K::ConnectionLost
        || e.kind == K::Timeout;
}

/// A classic or quorum queue refuses x-stream-offset: say why the inspector will not read it.
kafka::KafkaError notAStream(const QString &queue)
{
    return kafka::KafkaError::make(kafka::KafkaError::Kind::NotSupported,
        tr("%1 is not a stream (x-queue-type=stream): the inspector reads streams only, since reading a "
           "classic or quorum queue would consume its messages. Peek it instead.")
            .arg(queue));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

} // namespace

StreamRecordSource::StreamRecordSource(amqp::Settings settings)
    : settings_(std::move(settings))
{
}

StreamRecordSource::~StreamRecordSource()
{
    reader_.reset(); // cancels the consumer before its connection goes
    connection_.reset();
}

kafka::KafkaError StreamRecordSource::toKafkaError(const amqp::Error &error)
{
    using K = amqp::Error::Kind;
    using KK = kafka::KafkaError::Kind;
    KK kind = KK::Other;
    switch (error.kind) {
    case K::None:
        return {};
    case K::InvalidSettings:
    case K::InvalidUse:
        kind = KK::InvalidSettings;
        break;
    case K::HostNotFound:
        kind = KK::HostNotFound;
        break;
    case K::Refused:
        kind = KK::ConnectionRefused;
        break;
    case K::Network:
    case K::ConnectionLost:
        kind = KK::Unreachable;
        break;
    case K::Tls:
        kind = KK::Tls;
        break;
    case K::Timeout:
        kind = KK::Timeout;
        break;
    case K::BadCredentials:
    case K::VhostNotAllowed:
    case K::AccessRefused:
        kind = KK::Authentication;
        break;
    case K::NotFound:
    case K::ConsumerCancelled:
        kind = KK::UnknownTopic;
        break;
    case K::PreconditionFailed:
        kind = KK::NotSupported;
        break;
    case K::Cancelled:
        kind = KK::Cancelled;
        break;
    case K::ResourceLocked:
    case K::ChannelError:
    case K::Protocol:
        break;
    }
    QString message = error.message;
    if (!error.detail.isEmpty() && !message.contains(error.detail)) {
        message += QStringLiteral(" (%1)").arg(error.detail);
    }
    return kafka::KafkaError::make(kind, message);
}

kafka::KafkaError StreamRecordSource::open(const ConsumeRequest &request, std::stop_token stop)
{
    request_ = request;
    stop_ = std::move(stop);
    if (request_.topics.empty() || request_.topics.front().topic.isEmpty()) {
        fail(kafka::KafkaError::make(kafka::KafkaError::Kind::InvalidRequest, tr("No stream to read.")));
        return error_;
    }
    stream_ = utf8(request_.topics.front().topic);
    PartitionProgress p;
    p.topic = request_.topics.front().topic;
    p.partition = 0;
    partitions_ = {p};

    if (kafka::KafkaError e = connect(); e.isError()) {
        fail(e);
        return error_;
    }
    const StartPosition start = request_.topics.front().start;
    // A read that ends, or starts from the end backwards, needs the end; a tail does not.
    const bool tail = start.kind == StartPosition::Kind::End && !request_.stopAtEnd;
    if (!tail) {
        const amqp::Result<int64_t> end = probeEnd();
        if (!end.ok()) {
            fail(end.error().kind == amqp::Error::Kind::PreconditionFailed
                    ? notAStream(request_.topics.front().topic)
                    : toKafkaError(end.error()));
            return error_;
        }
        end_ = end.value();
        partitions_.front().highWatermark = end_;
    }
    int64_t from = -1;
    switch (start.kind) {
    case StartPosition::Kind::LastN:
        from = std::max<int64_t>(0, end_ - std::max<int64_t>(0, start.value));
        break;
    case StartPosition::Kind::Offset:
        from = std::max<int64_t>(0, start.value);
        break;
    default:
        break;
    }
    if (request_.stopAtEnd && (end_ == 0 || (from >= 0 && from >= end_))) {
        // Nothing is held up to the end: the read is over before it began (as on an empty topic).
        partitions_.front().done = true;
        finished_ = true;
        return {};
    }
    if (kafka::KafkaError e = startReader(from, from < 0); e.isError()) {
        fail(e);
        return error_;
    }
    return {};
}

kafka::KafkaError StreamRecordSource::connect()
{
    reader_.reset();
    connection_ = std::make_unique<amqp::Connection>(settings_);
    if (const amqp::Error e = connection_->open(stop_); !e.ok()) {
        return toKafkaError(e);
    }
    const amqp::Result<amqp::QueueInfo> queue
        = connection_->inspectQueue(request_.topics.front().topic, stop_);
    if (!queue.ok()) {
        const amqp::Error e = queue.error();
        if (e.kind == amqp::Error::Kind::NotFound) {
            return kafka::KafkaError::make(kafka::KafkaError::Kind::UnknownTopic,
                tr("There is no stream named %1 in the virtual host %2.")
                    .arg(request_.topics.front().topic, settings_.vhost));
        }
        return toKafkaError(e);
    }
    return {};
}

amqp::Result<int64_t> StreamRecordSource::probeEnd()
{
    amqp::StreamReader probe(*connection_);
    if (const amqp::Error e = probe.open(request_.topics.front().topic, amqp::StreamOffset::last(), stop_);
        !e.ok()) {
        return e;
    }
    int64_t end = 0;
    std::vector<amqp::Message> read;
    std::chrono::milliseconds wait = kEndProbeWait;
    const Clock::time_point limit = Clock::now() + kEndProbeLimit;
    while (Clock::now() < limit) {
        read.clear();
        const amqp::Result<std::size_t> got
            = probe.read(read, amqp::StreamReader::kDefaultPrefetch, wait, stop_);
        if (!got.ok()) {
            return got.error();
        }
        if (got.value() == 0) {
            break;
        }
        end = probe.nextOffset();
        wait = kEndProbeTail;
    }
    if (const amqp::Error e = probe.close(); !e.ok()) {
        return e;
    }
    return end;
}

kafka::KafkaError StreamRecordSource::startReader(int64_t fromOffset, bool useRequestStart)
{
    amqp::StreamOffset from = amqp::StreamOffset::offset(std::max<int64_t>(0, fromOffset));
    if (useRequestStart) {
        const StartPosition start = request_.topics.front().start;
        switch (start.kind) {
        case StartPosition::Kind::Beginning:
            from = amqp::StreamOffset::first();
            break;
        case StartPosition::Kind::End:
            from = amqp::StreamOffset::next();
            break;
        case StartPosition::Kind::Timestamp:
            // Streams keep a time per chunk, in seconds: the read starts at the chunk of that second.
            from = amqp::StreamOffset::timestamp(start.value / 1000);
            break;
        case StartPosition::Kind::Offset:
        case StartPosition::Kind::LastN:
            break;
        }
    }
    reader_ = std::make_unique<amqp::StreamReader>(*connection_);
    if (const amqp::Error e = reader_->open(request_.topics.front().topic, from, stop_); !e.ok()) {
        reader_.reset();
        if (e.kind == amqp::Error::Kind::PreconditionFailed) {
            return notAStream(request_.topics.front().topic);
        }
        return toKafkaError(e);
    }
    if (from.kind == amqp::StreamOffset::Kind::Offset) {
        partitions_.front().startOffset = from.value;
    }
    return {};
}

std::size_t StreamRecordSource::poll(
    MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords)
{
    if (paused_ || finished_) {
        std::this_thread::sleep_for(std::min(maxWait, kIdleStep));
        return 0;
    }
    if (lost_ && !reconnect()) {
        std::this_thread::sleep_for(std::min(maxWait, kIdleStep));
        return 0;
    }
    std::size_t budget = maxRecords;
    if (request_.maxMessages != 0) {
        budget = std::min<uint64_t>(budget, request_.maxMessages - delivered_);
    }
    messages_.clear();
    const amqp::Result<std::size_t> got
        = reader_->read(messages_, std::max<std::size_t>(budget, 1), maxWait, stop_);
    if (!got.ok()) {
        const amqp::Error e = got.error();
        if (e.kind == amqp::Error::Kind::Cancelled) {
            return 0;
        }
        if (isTransient(e)) {
            lost_ = true;
            attempts_ = 0;
            nextAttempt_ = Clock::now();
            notice_ = tr("The connection to RabbitMQ was lost (%1); connecting again…").arg(e.message);
            reader_.reset();
            connection_.reset();
            return 0;
        }
        fail(toKafkaError(e));
        return 0;
    }
    PartitionProgress &p = partitions_.front();
    std::size_t appended = 0;
    for (const amqp::Message &m : messages_) {
        if (end_ >= 0 && request_.stopAtEnd && m.streamOffset >= end_) {
            p.done = true;
            finished_ = true;
            break;
        }
        const int64_t timestampMs
            = m.properties.timestamp ? int64_t(*m.properties.timestamp) * 1000 : int64_t(-1);
        if (request_.stopAtTimestampMs && timestampMs > *request_.stopAtTimestampMs) {
            p.done = true;
            finished_ = true;
            break;
        }
        if (p.startOffset < 0) {
            p.startOffset = m.streamOffset;
        }
        if (p.lowWatermark < 0) {
            p.lowWatermark = m.streamOffset;
        }
        p.nextOffset = m.streamOffset + 1;
        ++scanned_;
        bytes_ += std::size_t(m.body.size()) + std::size_t(m.routingKey.size());
        appendAmqpMessage(m, stream_, m.streamOffset, batch, headerBytes_);
        if (!request_.filter
            || request_.filter->matches(batch.at(batch.size() - 1), request_.payloads.get())) {
            ++appended;
            ++delivered_;
            if (request_.maxMessages != 0 && delivered_ >= request_.maxMessages) {
                finished_ = true;
                break;
            }
        } else {
            batch.removeLast();
        }
    }
    if (!finished_ && end_ >= 0 && request_.stopAtEnd && p.nextOffset >= end_) {
        p.done = true;
        finished_ = true;
    }
    return appended;
}

bool StreamRecordSource::reconnect()
{
    if (Clock::now() < nextAttempt_ || stop_.stop_requested()) {
        return false;
    }
    ++attempts_;
    nextAttempt_ = Clock::now() + kReconnectInterval;
    kafka::KafkaError e = connect();
    if (!e.isError()) {
        const int64_t resumeAt = partitions_.front().nextOffset;
        e = resumeAt >= 0 ? startReader(resumeAt, false) : startReader(-1, true);
    }
    if (!e.isError()) {
        lost_ = false;
        notice_.clear();
        return true;
    }
    reader_.reset();
    connection_.reset();
    if (e.kind == kafka::KafkaError::Kind::Cancelled) {
        return false;
    }
    // A broker that comes back may refuse a stream for a moment while it starts it: keep trying,
    // unless the broker now refuses the login (that will not pass by itself).
    if (e.kind == kafka::KafkaError::Kind::Authentication) {
        fail(e);
        return false;
    }
    notice_ = tr("The connection to RabbitMQ was lost; connecting again (attempt %1: %2)…")
                  .arg(attempts_)
                  .arg(e.message);
    return false;
}

int64_t StreamRecordSource::remaining() const
{
    if (finished_) {
        return 0;
    }
    if (end_ < 0) {
        return -1;
    }
    const PartitionProgress &p = partitions_.front();
    const int64_t at = p.nextOffset >= 0 ? p.nextOffset : std::max<int64_t>(p.startOffset, 0);
    return std::max<int64_t>(0, end_ - at);
}

void StreamRecordSource::fail(const kafka::KafkaError &error)
{
    error_ = error;
    finished_ = true;
}

} // namespace edis::inspect
