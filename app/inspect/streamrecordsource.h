#pragma once

// A RabbitMQ stream (x-queue-type=stream) as a record source: the inspector reads it like a
// one-partition Kafka topic — from the beginning, an offset, a time, the last N, or a live tail —
// with its filters, search and export, and the stream is never changed (amqp::StreamReader).
//
// A message becomes a record of partition 0 at its stream offset, as appendAmqpMessage() makes
// it (amqprecord.h: key the routing key, properties as amqp.* headers, then the headers).
//
// The end a read stops at (and the ETA) comes from the stream's last chunk, read at open. A
// connection lost while reading is re-established every second from where the read stood, with a
// notice() the status line shows, until the user stops; any other failure ends the read.

#include "amqp/amqperror.h"
#include "amqp/settings.h"
#include "recordsource.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace edis::amqp {
class Connection;
class StreamReader;
struct Message;
} // namespace edis::amqp

namespace edis::inspect {

class StreamRecordSource final : public RecordSource {
public:
    /// How long the read of the last chunk at open waits for its first message: an empty stream
    /// sends none, so this is what opening an empty stream costs.
    static constexpr std::chrono::milliseconds kEndProbeWait {600};
    /// Between two attempts to re-establish a lost connection.
    static constexpr std::chrono::milliseconds kReconnectInterval {1000};

    explicit StreamRecordSource(amqp::Settings settings);
    ~StreamRecordSource() override;
    StreamRecordSource(const StreamRecordSource &) = delete;
    StreamRecordSource &operator=(const StreamRecordSource &) = delete;
    StreamRecordSource(StreamRecordSource &&) = delete;
    StreamRecordSource &operator=(StreamRecordSource &&) = delete;

    /// Reads the stream the request's first topic names (its partitions are ignored: a stream has
    /// one). Errors: the broker's (refused, bad credentials, vhost not allowed), no such stream
    /// (UnknownTopic), a queue that is not a stream (NotSupported).
    kafka::KafkaError open(const ConsumeRequest &request, std::stop_token stop) override;
    std::size_t poll(MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords) override;
    bool finished() const override { return finished_; }
    const kafka::KafkaError &error() const override { return error_; }
    void setPaused(bool paused) override { paused_ = paused; }
    bool isPaused() const override { return paused_; }
    QString notice() const override { return notice_; }

    const std::vector<PartitionProgress> &partitions() const override { return partitions_; }
    uint64_t scanned() const override { return scanned_; }
    uint64_t delivered() const override { return delivered_; }
    uint64_t bytesRead() const override { return bytes_; }
    int64_t remaining() const override;

    /// The error an AMQP failure is shown as in the inspector (kind and sentence).
    static kafka::KafkaError toKafkaError(const amqp::Error &error);

private:
    /// Connects and checks that the stream exists; the error as the inspector shows it.
    kafka::KafkaError connect();
    /// The offset after the stream's newest message (0 when it holds none), from its last chunk.
    amqp::Result<int64_t> probeEnd();
    kafka::KafkaError startReader(int64_t fromOffset, bool useRequestStart);
    /// After a lost connection: connects again and resumes at the next offset; false while it
    /// cannot (the notice says so).
    bool reconnect();
    void fail(const kafka::KafkaError &error);

    amqp::Settings settings_;
    ConsumeRequest request_;
    std::stop_token stop_;
    std::string stream_;
    std::unique_ptr<amqp::Connection> connection_;
    std::unique_ptr<amqp::StreamReader> reader_;
    std::vector<amqp::Message> messages_;
    std::vector<std::string> headerBytes_; ///< names and values of the record being appended
    int64_t end_ = -1; ///< offset after the newest message at open; -1 when not read (a tail)
    bool paused_ = false;
    bool finished_ = false;
    bool lost_ = false; ///< the connection is gone and being re-established
    std::chrono::steady_clock::time_point nextAttempt_;
    int attempts_ = 0;
    QString notice_;
    kafka::KafkaError error_;
    uint64_t scanned_ = 0;
    uint64_t delivered_ = 0;
    uint64_t bytes_ = 0;
    std::vector<PartitionProgress> partitions_;
};

} // namespace edis::inspect
