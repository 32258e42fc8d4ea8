#pragma once

// A peek at a classic or quorum queue as a record source: the first N messages, looked at with
// amqp::QueuePeeker (basic.get, then all requeued — nothing is acked, nothing removed) and shown
// in the inspector like any read, in queue order, offsets 0..N-1 their position in the peek. The
// peek has side effects the user must be told of before it runs (queuepeeker.h): the messages
// come back marked redelivered, their order may change against a running consumer, and a quorum
// queue counts the delivery towards its delivery-limit. One open() is one peek.

#include "amqp/message.h"
#include "amqp/settings.h"
#include "recordsource.h"

#include <string>
#include <vector>

namespace edis::inspect {

class QueuePeekSource final : public RecordSource {
public:
    /// Peeks `count` messages (at most amqp::QueuePeeker::kMaxPeek) of the request's queue.
    QueuePeekSource(amqp::Settings settings, std::size_t count);
    ~QueuePeekSource() override;
    QueuePeekSource(const QueuePeekSource &) = delete;
    QueuePeekSource &operator=(const QueuePeekSource &) = delete;
    QueuePeekSource(QueuePeekSource &&) = delete;
    QueuePeekSource &operator=(QueuePeekSource &&) = delete;

    /// Connects and peeks; the messages are back in the queue when this returns. Errors: the
    /// broker's, no such queue (UnknownTopic), a stream (NotSupported: read it instead).
    kafka::KafkaError open(const ConsumeRequest &request, std::stop_token stop) override;
    std::size_t poll(MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords) override;
    bool finished() const override { return finished_; }
    const kafka::KafkaError &error() const override { return error_; }
    void setPaused(bool paused) override { paused_ = paused; }
    bool isPaused() const override { return paused_; }

    const std::vector<PartitionProgress> &partitions() const override { return partitions_; }
    uint64_t scanned() const override { return next_; }
    uint64_t delivered() const override { return delivered_; }
    uint64_t bytesRead() const override { return bytes_; }
    int64_t remaining() const override { return int64_t(messages_.size() - next_); }

private:
    amqp::Settings settings_;
    std::size_t count_;
    ConsumeRequest request_;
    std::string queue_;
    std::vector<amqp::Message> messages_;
    std::vector<std::string> scratch_;
    std::size_t next_ = 0;
    uint64_t delivered_ = 0;
    uint64_t bytes_ = 0;
    bool paused_ = false;
    bool finished_ = false;
    kafka::KafkaError error_;
    std::vector<PartitionProgress> partitions_;
};

} // namespace edis::inspect
