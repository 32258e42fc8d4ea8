#include "consumerworker.h"

#include "messageconsumer.h"

#include <chrono>

namespace edis::inspect {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kPollWait = 100ms;
constexpr std::size_t kPollRecords = 10000;
constexpr auto kProgressInterval = 250ms;
/// Batches with more capacity than this are freed rather than kept for reuse.
constexpr std::size_t kMaxRecycledBytes = std::size_t(16) << 20;
/// Recycled batches kept: about what one flush takes at full speed (a read every ~10 ms).
constexpr std::size_t kMaxSpares = 4;

} // namespace

ConsumerWorker::ConsumerWorker(ConsumeRequest request)
    : request_(std::move(request))
{
}

std::vector<MessageBatch> ConsumerWorker::takeStaged()
{
    std::vector<MessageBatch> out;
    {
        std::lock_guard lock(mutex_);
        std::swap(out, staged_);
        stagedBytes_ = 0;
    }
    drained_.notify_all();
    return out;
}

void ConsumerWorker::recycle(std::vector<MessageBatch> batches)
{
    std::lock_guard lock(mutex_);
    for (MessageBatch &batch : batches) {
        if (spares_.size() >= kMaxSpares) {
            return;
        }
        // A batch the store adopted was moved from: it has no capacity left to reuse. One with
        // room for many more records than a read brings would never be full enough for the
        // store to adopt (MessageStore::adoptable): better a fresh one sized like the reads.
        if (batch.arenaCapacity() > 0 && batch.memoryUsed() <= kMaxRecycledBytes
            && batch.recordCapacity() <= kPollRecords + kPollRecords / 8) {
            batch.clear();
            spares_.push_back(std::move(batch));
        }
    }
}

MessageBatch ConsumerWorker::nextBatch(const MessageBatch &last)
{
    {
        std::lock_guard lock(mutex_);
        if (!spares_.empty()) {
            MessageBatch spare = std::move(spares_.back());
            spares_.pop_back();
            return spare;
        }
    }
    // Room for a read like the last one, so that filling it does not reallocate and copy.
    return {last.arenaBytes() + last.arenaBytes() / 8, last.size() + last.size() / 8};
}

void ConsumerWorker::requestStop()
{
    stop_ = true;
    drained_.notify_all();
}

void ConsumerWorker::setPaused(bool paused)
{
    paused_ = paused;
}

void ConsumerWorker::run()
{
    // No decoder detection per record on this thread: it was most of its time (UTF-8 validation
    // and JSON probing of every record, ~4x the read itself). The view detects the decoder of the
    // rows it shows (DecoderRegistry::decoderFor) and recognises heartbeats while hiding them.
    MessageConsumer consumer;
    if (const kafka::KafkaError error = consumer.open(request_)) {
        Q_EMIT finished(FinishReason::Failed, error);
        return;
    }
    MessageBatch local;
    ConsumerProgress progress;
    auto lastReport = Clock::now();
    uint64_t scannedAtLastReport = 0;
    uint64_t bytesAtLastReport = 0;
    const auto report = [&](bool force) {
        const auto now = Clock::now();
        const double seconds = std::chrono::duration<double>(now - lastReport).count();
        if (!force && seconds < std::chrono::duration<double>(kProgressInterval).count()) {
            return;
        }
        progress.scanned = consumer.scanned();
        progress.delivered = consumer.delivered();
        progress.bytes = consumer.bytesRead();
        if (seconds > 0) {
            progress.recordsPerSecond = double(progress.scanned - scannedAtLastReport) / seconds;
            progress.bytesPerSecond = double(progress.bytes - bytesAtLastReport) / seconds;
        }
        progress.remaining = consumer.remaining();
        progress.etaSeconds = progress.remaining >= 0 && progress.recordsPerSecond > 0
            ? double(progress.remaining) / progress.recordsPerSecond
            : -1;
        progress.paused = consumer.isPaused();
        scannedAtLastReport = progress.scanned;
        bytesAtLastReport = progress.bytes;
        lastReport = now;
        Q_EMIT progressChanged(progress);
    };

    while (!stop_ && !consumer.finished()) {
        consumer.setPaused(paused_);
        {
            // Back-pressure: a GUI that falls behind must not make staging grow without bound.
            std::unique_lock lock(mutex_);
            drained_.wait_for(lock, 200ms, [&] { return stop_ || stagedBytes_ < kMaxStagedBytes; });
            if (stagedBytes_ >= kMaxStagedBytes) {
                continue;
            }
        }
        consumer.poll(local, kPollWait, kPollRecords);
        if (!local.isEmpty()) {
            // The read is staged whole (moved, not copied); the next one goes into another batch.
            MessageBatch next = nextBatch(local);
            bool wasEmpty = false;
            {
                std::lock_guard lock(mutex_);
                wasEmpty = staged_.empty();
                stagedBytes_ += local.arenaBytes();
                staged_.push_back(std::move(local));
            }
            local = std::move(next);
            if (wasEmpty) {
                Q_EMIT stagedAvailable();
            }
        }
        report(false);
    }
    report(true);
    if (consumer.error().isError()) {
        Q_EMIT finished(FinishReason::Failed, consumer.error());
    } else {
        Q_EMIT finished(stop_ ? FinishReason::Stopped : FinishReason::Completed, {});
    }
}

} // namespace edis::inspect
