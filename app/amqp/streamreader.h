#pragma once

// Reads a RabbitMQ stream (x-queue-type=stream) over AMQP 0-9-1 without changing it: a
// consumer with basic.qos prefetch (RabbitMQ requires one for streams) and x-stream-offset, and
// manual acks — on a stream an ack only returns credit, no message is removed, so a read from
// "first" after any number of reads still sees everything the stream holds.
// RabbitMQ 3.10 stores stream messages as AMQP 1.0: a header whose value is a table or an array
// is not kept (application properties hold only scalars); the properties and scalar headers are,
// sorted by name.

#include "amqperror.h"
#include "message.h"

#include <QString>

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <vector>

namespace edis::amqp {

class Connection;

/// Where a stream read starts (the x-stream-offset consumer argument).
struct StreamOffset {
    enum class Kind {
        First, ///< the oldest message the stream holds
        Last, ///< the start of the last chunk written (a few of the newest messages)
        Next, ///< only messages written after the consumer starts
        Offset, ///< this offset (or the first one held, when retention removed it)
        Timestamp, ///< the first chunk written at or after this time (seconds since the epoch)
    };
    Kind kind = Kind::First;
    int64_t value = 0;

    static StreamOffset first() { return {Kind::First, 0}; }
    static StreamOffset last() { return {Kind::Last, 0}; }
    static StreamOffset next() { return {Kind::Next, 0}; }
    static StreamOffset offset(int64_t o) { return {Kind::Offset, o}; }
    static StreamOffset timestamp(int64_t secondsSinceEpoch) { return {Kind::Timestamp, secondsSinceEpoch}; }
};

class StreamReader {
public:
    /// Messages the server may send ahead of the acks (basic.qos prefetch-count).
    static constexpr uint16_t kDefaultPrefetch = 1000;

    /// Reads over `connection`, which must outlive the reader and stay on this thread.
    explicit StreamReader(Connection &connection);
    /// Cancels the consumer (bounded like every call).
    ~StreamReader();
    StreamReader(const StreamReader &) = delete;
    StreamReader &operator=(const StreamReader &) = delete;
    StreamReader(StreamReader &&) = delete;
    StreamReader &operator=(StreamReader &&) = delete;

    /// Starts consuming `stream` at `from`. NotFound when there is no such queue; RabbitMQ refuses
    /// x-stream-offset on a classic or quorum queue (PreconditionFailed), so nothing is consumed.
    /// Should a delivery still come without x-stream-offset, read() refuses it the same way and
    /// closes the channel unacked, so that it goes back to its queue.
    Error open(const QString &stream, StreamOffset from, std::stop_token stop = {},
        uint16_t prefetch = kDefaultPrefetch);
    /// Appends up to `maxMessages` messages to `out`, waiting at most `maxWait` for the first;
    /// once one came, it takes only what has already arrived. Returns how many it appended (0 when
    /// none came in time); Cancelled soon after `stop` is set. With StreamOffset::Offset, messages
    /// of the same chunk before the offset are skipped.
    Result<std::size_t> read(std::vector<Message> &out, std::size_t maxMessages,
        std::chrono::milliseconds maxWait, std::stop_token stop = {});
    /// Cancels the consumer and closes the channel.
    Error close();
    bool isOpen() const { return consuming_; }
    const QString &stream() const { return stream_; }
    /// The offset after the last message read; -1 before the first.
    int64_t nextOffset() const { return nextOffset_; }

private:
    Error ackPending();
    Error handleDelivery(const void *decoded, std::vector<Message> &out, const std::stop_token &stop);

    Connection &connection_;
    QString stream_;
    QString consumerTag_;
    StreamOffset from_;
    uint16_t prefetch_ = kDefaultPrefetch;
    bool consuming_ = false;
    uint64_t channelGeneration_ = 0;
    uint64_t lastTag_ = 0;
    uint64_t unacked_ = 0;
    int64_t nextOffset_ = -1;
};

} // namespace edis::amqp
