#include "kafka/messagereleaser.h"

#include "kafka/internal/rdkafkahandles.h"

#include <system_error>

namespace edis::kafka {

MessageReleaser::~MessageReleaser()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) {
        thread_.join(); // run() empties pending_ before it returns
    }
}

void MessageReleaser::release(rd_kafka_message_t *const *messages, std::size_t count)
{
    const auto destroyHere = [&] {
        for (std::size_t i = 0; i < count; ++i) {
            rd_kafka_message_destroy(messages[i]);
        }
    };
    if (count < kMinHandOver) {
        destroyHere();
        return;
    }
    std::unique_lock lock(mutex_);
    if (!thread_.joinable()) {
        try {
            thread_ = std::thread([this] { run(); });
        } catch (const std::system_error &) {
            lock.unlock();
            destroyHere(); // no thread to be had: destroy them here, as before
            return;
        }
    }
    // One read at a time: the last one must be destroyed before this one is taken. Destroying
    // takes the releaser less time than copying a read takes the consumer, so this rarely
    // waits, and it bounds what is held to one read beyond the one being copied.
    changed_.wait(lock, [this] { return pending_.empty() && !busy_; });
    pending_.assign(messages, messages + count); // into the storage of an earlier hand-over
    lock.unlock();
    changed_.notify_all();
}

void MessageReleaser::drain()
{
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return pending_.empty() && !busy_; });
}

std::size_t MessageReleaser::releasedOffThread() const
{
    std::lock_guard lock(mutex_);
    return releasedOffThread_;
}

void MessageReleaser::run()
{
    std::vector<rd_kafka_message_t *> work;
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stop_ || !pending_.empty(); });
        if (pending_.empty()) {
            return; // stopping, and nothing left
        }
        work.swap(pending_);
        busy_ = true;
        lock.unlock();
        changed_.notify_all(); // the consumer may hand over its next read
        for (rd_kafka_message_t *message : work) {
            rd_kafka_message_destroy(message);
        }
        const std::size_t done = work.size();
        work.clear(); // keeps its storage: the next swap hands it back to pending_
        lock.lock();
        releasedOffThread_ += done;
        busy_ = false;
        changed_.notify_all();
    }
}

} // namespace edis::kafka
