#pragma once

// Runs a RecordSource (a MessageConsumer unless told otherwise) on the thread that calls run() (a
// util::BackgroundWorker's, see ConsumerSession). Each poll's records are staged as one batch under a mutex
// (moved, never copied again) and the owner is told only when staging goes from empty to non-empty: never an
// event per record. Stopping is the run's stop token, pausing an atomic: both work while the
// consumer waits on the broker.

#include "consumerequest.h"
#include "kafka/kafkaerror.h"
#include "messagebatch.h"
#include "recordsource.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <vector>

namespace edis::inspect {

class ConsumerWorker {
public:
    /// What run() reports, called on its thread.
    struct Events {
        std::function<void()> stagedAvailable;
        std::function<void(const ConsumerProgress &progress)> progressChanged;
        /// The last event of a run.
        std::function<void(FinishReason reason, const kafka::KafkaError &error)> finished;
    };

    /// Above this many staged bytes the worker stops reading until the GUI takes the batch.
    /// With librdkafka's prefetch (16 MiB, MessageConsumer) this is what a view that falls
    /// behind adds to the store's memory: both fit the 60 MB the inspector's bound allows
    /// beside the store (1.3 x payload + 60 MB). 64 MiB here made the sum exceed it whenever
    /// the GUI thread was starved; reads are ~2 MB, so 16 MiB still holds several.
    static constexpr std::size_t kMaxStagedBytes = std::size_t(16) << 20;

    /// Reads with the source `source` makes (a MessageConsumer when it is empty).
    explicit ConsumerWorker(ConsumeRequest request, RecordSourceFactory source = {});

    /// Thread-safe: the batches staged so far, oldest first (possibly none).
    std::vector<MessageBatch> takeStaged();
    /// Thread-safe: hands taken batches back once their records are copied, so the worker reuses
    /// their memory instead of growing fresh arenas (and faulting in fresh pages) for every read.
    /// Batches the store adopted (moved from, without capacity) are skipped.
    void recycle(std::vector<MessageBatch> batches);
    /// Thread-safe.
    void setPaused(bool paused);

    /// Consumes until a stop condition, an error or `stop` (a stop ends it within ~100 ms, also
    /// while it waits on the broker).
    void run(const std::stop_token &stop, const Events &events);

private:
    /// Counters at the last progress report, for the rates.
    struct Reported {
        std::chrono::steady_clock::time_point at;
        uint64_t scanned = 0;
        uint64_t bytes = 0;
    };
    /// Waits while staging is full; false when the run should look again (full, or stopped).
    bool waitForRoom(const std::stop_token &stop);
    /// Stages a non-empty read; returns whether staging was empty before.
    bool stage(MessageBatch &read);
    void report(const RecordSource &consumer, Reported &last, bool force, const Events &events);
    /// An empty batch to read into: a recycled one, else one sized like the last read.
    MessageBatch nextBatch(const MessageBatch &last);

    ConsumeRequest request_;
    RecordSourceFactory source_;
    std::atomic<bool> paused_ {false};
    std::mutex mutex_;
    std::condition_variable_any drained_;

    std::vector<MessageBatch> staged_;
    std::size_t stagedBytes_ = 0;
    std::vector<MessageBatch> spares_; ///< empty batches with capacity, from recycle()
};

} // namespace edis::inspect
