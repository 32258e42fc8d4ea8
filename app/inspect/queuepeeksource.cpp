#include "queuepeeksource.h"

#include "amqp/connection.h"
#include "amqp/message.h"
#include "amqp/queuepeeker.h"
#include "amqprecord.h"
#include "filterexpression.h"
#include "streamrecordsource.h"

#include <QCoreApplication>

#include <algorithm>
#include <thread>

namespace edis::inspect {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect::QueuePeekSource", text);
}

constexpr std::chrono::milliseconds kPausedStep {20};

} // namespace

QueuePeekSource::QueuePeekSource(amqp::Settings settings, std::size_t count)
    : settings_(std::move(settings))
    , count_(std::clamp<std::size_t>(count, 1, amqp::QueuePeeker::kMaxPeek))
{
}

QueuePeekSource::~QueuePeekSource() = default;

kafka::KafkaError QueuePeekSource::open(const ConsumeRequest &request, std::stop_token stop)
{
    request_ = request;
    if (request_.topics.empty() || request_.topics.front().topic.isEmpty()) {
        error_ = kafka::KafkaError::make(kafka::KafkaError::Kind::InvalidRequest, tr("No queue to peek."));
        finished_ = true;
        return error_;
    }
    const QString queue = request_.topics.front().topic;
    queue_ = queue.toStdString();
    PartitionProgress p;
    p.topic = queue;
    p.partition = 0;
    p.startOffset = 0;
    p.lowWatermark = 0;
    partitions_ = {p};

    amqp::Connection connection(settings_);
    amqp::Error e = connection.open(stop);
    if (e.ok()) {
        amqp::QueuePeeker peeker(connection);
        amqp::Result<std::vector<amqp::Message>> peeked = peeker.peek(queue, count_, stop);
        if (peeked.ok()) {
            messages_ = std::move(peeked.value());
        } else {
            e = peeked.error();
        }
    }
    if (!e.ok()) {
        if (e.kind == amqp::Error::Kind::NotFound) {
            error_ = kafka::KafkaError::make(kafka::KafkaError::Kind::UnknownTopic,
                tr("There is no queue named %1 in the virtual host %2.").arg(queue, settings_.vhost));
        } else if (e.kind == amqp::Error::Kind::PreconditionFailed
            || e.kind == amqp::Error::Kind::ChannelError) {
            // RabbitMQ refuses basic.get on a stream.
            error_ = kafka::KafkaError::make(kafka::KafkaError::Kind::NotSupported,
                tr("%1 cannot be peeked (%2): a stream is read, not peeked.").arg(queue, e.detail));
        } else {
            error_ = StreamRecordSource::toKafkaError(e);
        }
        finished_ = true;
        return error_;
    }
    partitions_.front().highWatermark = int64_t(messages_.size());
    return {};
}

std::size_t QueuePeekSource::poll(
    MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords)
{
    if (paused_ || finished_) {
        std::this_thread::sleep_for(std::min(maxWait, kPausedStep));
        return 0;
    }
    std::size_t appended = 0;
    while (next_ < messages_.size() && appended < maxRecords) {
        const amqp::Message &m = messages_[next_];
        appendAmqpMessage(m, queue_, int64_t(next_), batch, scratch_);
        bytes_ += std::size_t(m.body.size()) + std::size_t(m.routingKey.size());
        ++next_;
        partitions_.front().nextOffset = int64_t(next_);
        if (!request_.filter
            || request_.filter->matches(batch.at(batch.size() - 1), request_.payloads.get())) {
            ++appended;
            ++delivered_;
        } else {
            batch.removeLast();
        }
    }
    if (next_ >= messages_.size()) {
        partitions_.front().done = true;
        finished_ = true;
    }
    return appended;
}

} // namespace edis::inspect
