#pragma once

// Runs a MessageConsumer on its own thread. Records are staged under a mutex and the GUI is
// told only when the staging buffer goes from empty to non-empty: never a signal per record.
// Control (stop, pause) goes through atomics, so it works while the worker blocks in poll().

#include "consumerequest.h"
#include "kafka/kafkaerror.h"
#include "messagebatch.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace edis::inspect {

class ConsumerWorker : public QObject {
    Q_OBJECT
public:
    /// Above this many staged bytes the worker stops reading until the GUI takes the batch.
    static constexpr std::size_t kMaxStagedBytes = std::size_t(64) << 20;

    explicit ConsumerWorker(ConsumeRequest request);

    /// Thread-safe: everything staged so far (possibly empty).
    MessageBatch takeStaged();
    /// Thread-safe: hands a taken batch back once its records are copied, so the worker reuses
    /// its memory instead of growing a fresh arena (and faulting in fresh pages) for every read.
    void recycle(MessageBatch batch);
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
    MessageBatch staged_;
    MessageBatch spare_; ///< an empty batch with capacity, from recycle()
};

} // namespace edis::inspect
