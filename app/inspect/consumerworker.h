#pragma once

// Runs a MessageConsumer on its own thread. Each poll's records are staged as one batch under a
// mutex (moved, never copied again) and the GUI is told only when staging goes from empty to
// non-empty: never a signal per record.
// Control (stop, pause) goes through atomics, so it works while the worker blocks in poll().

#include "consumerequest.h"
#include "kafka/kafkaerror.h"
#include "messagebatch.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace edis::inspect {

class ConsumerWorker : public QObject {
    Q_OBJECT
public:
    /// Above this many staged bytes the worker stops reading until the GUI takes the batch.
    static constexpr std::size_t kMaxStagedBytes = std::size_t(64) << 20;

    explicit ConsumerWorker(ConsumeRequest request);

    /// Thread-safe: the batches staged so far, oldest first (possibly none).
    std::vector<MessageBatch> takeStaged();
    /// Thread-safe: hands taken batches back once their records are copied, so the worker reuses
    /// their memory instead of growing fresh arenas (and faulting in fresh pages) for every read.
    /// Batches the store adopted (moved from, without capacity) are skipped.
    void recycle(std::vector<MessageBatch> batches);
    /// Thread-safe.
    void requestStop();
    void setPaused(bool paused);

public Q_SLOTS:
    /// Consumes until a stop condition, an error or requestStop(). Runs on the worker thread.
    void run();

Q_SIGNALS:
    void stagedAvailable();
    void progressChanged(const edis::inspect::ConsumerProgress &progress);
    void finished(edis::inspect::FinishReason reason, const edis::kafka::KafkaError &error);

private:
    ConsumeRequest request_;
    std::atomic<bool> stop_ {false};
    std::atomic<bool> paused_ {false};
    std::mutex mutex_;
    std::condition_variable drained_;
    /// An empty batch to read into: a recycled one, else one sized like the last read.
    MessageBatch nextBatch(const MessageBatch &last);

    std::vector<MessageBatch> staged_;
    std::size_t stagedBytes_ = 0;
    std::vector<MessageBatch> spares_; ///< empty batches with capacity, from recycle()
};

} // namespace edis::inspect
