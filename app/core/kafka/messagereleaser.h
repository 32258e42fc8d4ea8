#pragma once

// Destroys consumed librdkafka messages off the consumer's thread.
//
// Destroying a consumed message frees memory that librdkafka's fetch thread allocated, under
// the lock of that thread's allocator arena, while the fetch thread allocates the next records
// under the same lock: a quarter of the consumer thread's time when it reads a backlog
// (`perf record --call-graph dwarf` of bench_inspect), and the consumer thread is what bounds
// the rate. A consumer hands each large read over once it has copied what it keeps and goes on
// with the next read; a small read (a live tail) is destroyed at once. The hand-overs run as
// jobs of a util::BackgroundWorker.

#include "kafka/rdkafkafwd.h"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>

namespace edis::util {
class BackgroundWorker;
}

namespace edis::kafka {

class MessageReleaser {
public:
    /// Reads smaller than this are destroyed on the caller's thread.
    static constexpr std::size_t kMinHandOver = 512;

    MessageReleaser();
    /// Waits for the hand-over in progress (drain()), then lets the worker go.
    ~MessageReleaser();
    MessageReleaser(const MessageReleaser &) = delete;
    MessageReleaser &operator=(const MessageReleaser &) = delete;

    /// Takes ownership of messages[0, count) and destroys them, off this thread when there are
    /// at least kMinHandOver. Waits until the previous hand-over is destroyed, so that at most
    /// one read is held beyond the caller's.
    void release(rd_kafka_message_s *const *messages, std::size_t count);

    /// Returns once every message handed over is destroyed. Call it before the consumer that
    /// produced them is closed.
    void drain();

    /// Messages destroyed off the caller's thread so far.
    std::size_t releasedOffThread() const;

    /// What a hand-over reports back (messagereleaser.cpp); shared with its job.
    struct Progress {
        std::mutex mutex;
        std::condition_variable changed;
        bool inFlight = false;
        std::size_t releasedOffThread = 0;
    };

private:
    std::shared_ptr<Progress> progress_;
    std::unique_ptr<util::BackgroundWorker> worker_; ///< started with the first hand-over
};

} // namespace edis::kafka
