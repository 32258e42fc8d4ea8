#include "kafka/messagereleaser.h"

#include "kafka/internal/rdkafkahandles.h"
#include "util/backgroundworker.h"

#include <system_error>
#include <vector>

namespace edis::kafka {

namespace {

/// One hand-over: destroys its messages once, in the job or, should the job be dropped (the
/// worker stopped) or never run, when the last copy of the job goes.
class HandOver {
public:
    HandOver(std::shared_ptr<MessageReleaser::Progress> progress, rd_kafka_message_t *const *messages,
        std::size_t count)
        : progress_(std::move(progress))
        , messages_(messages, messages + count)
    {
    }
    ~HandOver() { destroyAll(); }
    HandOver(const HandOver &) = delete;
    HandOver &operator=(const HandOver &) = delete;

    void destroyAll()
    {
        if (done_) {
            return;
        }
        done_ = true;
        for (rd_kafka_message_t *message : messages_) {
            rd_kafka_message_destroy(message);
        }
        {
            std::lock_guard lock(progress_->mutex);
            progress_->releasedOffThread += messages_.size();
            progress_->inFlight = false;
        }
        progress_->changed.notify_all();
    }

private:
    std::shared_ptr<MessageReleaser::Progress> progress_;
    std::vector<rd_kafka_message_t *> messages_;
    bool done_ = false;
};

} // namespace

MessageReleaser::MessageReleaser()
    : progress_(std::make_shared<Progress>())
{
}

MessageReleaser::~MessageReleaser()
{
    drain(); // the worker is then idle, and its destructor joins it at once
}

void MessageReleaser::release(rd_kafka_message_t *const *messages, std::size_t count)
{
    if (count < kMinHandOver) {
        for (std::size_t i = 0; i < count; ++i) {
            rd_kafka_message_destroy(messages[i]);
        }
        return;
    }
    // One read at a time: the last one must be destroyed before this one is taken. Destroying
    // takes the worker less time than copying a read takes the consumer, so this rarely waits,
    // and it bounds what is held to one read beyond the one being copied.
    {
        std::unique_lock lock(progress_->mutex);
        progress_->changed.wait(lock, [this] { return !progress_->inFlight; });
        progress_->inFlight = true;
    }
    auto handOver = std::make_shared<HandOver>(progress_, messages, count);
    try {
        if (!worker_) {
            worker_ = std::make_unique<util::BackgroundWorker>();
        }
        worker_->post([handOver](const util::BackgroundWorker::Context &) { handOver->destroyAll(); });
    } catch (const std::system_error &) {
        handOver->destroyAll(); // no thread to be had: destroy them here
    }
}

void MessageReleaser::drain()
{
    std::unique_lock lock(progress_->mutex);
    progress_->changed.wait(lock, [this] { return !progress_->inFlight; });
}

std::size_t MessageReleaser::releasedOffThread() const
{
    std::lock_guard lock(progress_->mutex);
    return progress_->releasedOffThread;
}

} // namespace edis::kafka
