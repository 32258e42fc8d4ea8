#pragma once

// Destroys consumed librdkafka messages on a thread of its own.
//
// Destroying a consumed message frees memory that librdkafka's fetch thread allocated, under
// the lock of that thread's allocator arena, while the fetch thread allocates the next records
// under the same lock: a quarter of the consumer thread's time when it reads a backlog
// (`perf record --call-graph dwarf` of bench_inspect), and the consumer thread is what bounds
// the rate. A consumer hands each large read over once it has copied what it keeps and goes on
// with the next read; a small read (a live tail) is destroyed at once.

#include "kafka/rdkafkafwd.h"

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace edis::kafka {

class MessageReleaser {
public:
    /// Reads smaller than this are destroyed on the caller's thread.
    static constexpr std::size_t kMinHandOver = 512;

    MessageReleaser() = default;
    /// Destroys whatever was handed over and not yet destroyed, then stops the thread.
    ~MessageReleaser();
    MessageReleaser(const MessageReleaser &) = delete;
    MessageReleaser &operator=(const MessageReleaser &) = delete;

    /// Takes ownership of messages[0, count) and destroys them, on the releaser's thread when
    /// there are at least kMinHandOver (started on first use). Waits until the previous
    /// hand-over is destroyed, so that at most one read is held beyond the caller's.
    void release(rd_kafka_message_s *const *messages, std::size_t count);

    /// Returns once every message handed over is destroyed. Call it before the consumer that
    /// produced them is closed.
    void drain();

    /// Messages destroyed on the releaser's thread so far.
    std::size_t releasedOffThread() const;

private:
    void run();

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<rd_kafka_message_s *> pending_;
    std::size_t releasedOffThread_ = 0;
    bool busy_ = false;
    bool stop_ = false;
    std::thread thread_;
};

} // namespace edis::kafka
