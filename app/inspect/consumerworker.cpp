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
/// How long a full staging area is waited on before the run looks at its state again.
constexpr auto kRoomWait = 200ms;
/// Batches with more capacity than this are freed rather than kept for reuse.
constexpr std::size_t kMaxRecycledBytes = std::size_t(16) << 20;
/// Recycled batches kept: about what one flush takes at full speed (a read every ~10 ms).
constexpr std::size_t kMaxSpares = 4;

} // namespace

ConsumerWorker::ConsumerWorker(ConsumeRequest request, RecordSourceFactory source)
    : request_(std::move(request))
    , source_(std::move(source))
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

void ConsumerWorker::setPaused(bool paused)
{
    paused_ = paused;
}

void ConsumerWorker::run(const std::stop_token &stop, const Events &events)
{
    // No decoder detection per record on this thread: it was most of its time (UTF-8 validation
    // and JSON probing of every record, ~4x the read itself). The view detects the decoder of the
    // rows it shows (DecoderRegistry::decoderFor) and recognises heartbeats while hiding them.
    const std::unique_ptr<RecordSource> source
        = source_ ? source_() : std::unique_ptr<RecordSource>(std::make_unique<MessageConsumer>());
    RecordSource &consumer = *source;
    if (const kafka::KafkaError error = consumer.open(request_, stop)) {
        if (stop.stop_requested()) {
            events.finished(FinishReason::Stopped, {});
        } else {
            events.finished(FinishReason::Failed, error);
        }
        return;
    }
    MessageBatch local;
    Reported reported {Clock::now()};
    while (!stop.stop_requested() && !consumer.finished()) {
        consumer.setPaused(paused_);
        if (!waitForRoom(stop)) {
            continue;
        }
        consumer.poll(local, kPollWait, kPollRecords);
        if (!local.isEmpty()) {
            // The read is staged whole (moved, not copied); the next one goes into another batch.
            MessageBatch next = nextBatch(local);
            const bool wasEmpty = stage(local);
            local = std::move(next);
            if (wasEmpty) {
                events.stagedAvailable();
            }
        }
        report(consumer, reported, false, events);
    }
    report(consumer, reported, true, events);
    if (consumer.error().isError()) {
        events.finished(FinishReason::Failed, consumer.error());
    } else {
        events.finished(stop.stop_requested() ? FinishReason::Stopped : FinishReason::Completed, {});
    }
}

bool ConsumerWorker::waitForRoom(const std::stop_token &stop)
{
    // Back-pressure: a GUI that falls behind must not make staging grow without bound.
    std::unique_lock lock(mutex_);
    drained_.wait_for(lock, stop, kRoomWait, [&] { return stagedBytes_ < kMaxStagedBytes; });
    return stagedBytes_ < kMaxStagedBytes && !stop.stop_requested();
}

bool ConsumerWorker::stage(MessageBatch &read)
{
    std::lock_guard lock(mutex_);
    const bool wasEmpty = staged_.empty();
    stagedBytes_ += read.arenaBytes();
    staged_.push_back(std::move(read));
    return wasEmpty;
}

void ConsumerWorker::report(const RecordSource &consumer, Reported &last, bool force, const Events &events)
{
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - last.at).count();
    if (!force && now - last.at < kProgressInterval) {
        return;
    }
    ConsumerProgress progress;
    progress.scanned = consumer.scanned();
    progress.delivered = consumer.delivered();
    progress.bytes = consumer.bytesRead();
    if (seconds > 0) {
        progress.recordsPerSecond = double(progress.scanned - last.scanned) / seconds;
        progress.bytesPerSecond = double(progress.bytes - last.bytes) / seconds;
    }
    progress.remaining = consumer.remaining();
    progress.etaSeconds = progress.remaining >= 0 && progress.recordsPerSecond > 0
        ? double(progress.remaining) / progress.recordsPerSecond
        : -1;
    progress.paused = consumer.isPaused();
    progress.notice = consumer.notice();
    last = {now, progress.scanned, progress.bytes};
    events.progressChanged(progress);
}

} // namespace edis::inspect
