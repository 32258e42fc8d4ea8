#pragma once

// The GUI-thread side of a consumption: owns the worker thread and coalesces the worker's
// "records staged" notifications into at most one batch per flush interval (40 ms: 25 a
// second), like Wireshark's packet list. Nothing here waits for the worker: a session that is
// stopped, restarted or destroyed while its worker waits on an unreachable or frozen broker
// lets the worker finish (and free its consumer) on its own thread.

#include "consumerequest.h"
#include "kafka/kafkaerror.h"
#include "messagebatch.h"
#include "recordsource.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace edis::util {
class BackgroundWorker;
}

namespace edis::inspect {

class ConsumerWorker;

class ConsumerSession : public QObject {
    Q_OBJECT
public:
    explicit ConsumerSession(QObject *parent = nullptr);
    ~ConsumerSession() override;

    /// Starts consuming (stops a running consumption first, without waiting for it), from the
    /// Kafka topic the request names or, with `source`, from the record source it makes.
    void start(const ConsumeRequest &request, RecordSourceFactory source = {});
    /// Asks the worker to stop; finished() follows (within ~100 ms, whatever the broker does).
    void stop();
    void setPaused(bool paused);
    bool isRunning() const { return worker_ != nullptr; }

    void setFlushInterval(int ms) { flushTimer_.setInterval(ms); }
    int flushInterval() const { return flushTimer_.interval(); }
    const ConsumerProgress &progress() const { return progress_; }

Q_SIGNALS:
    /// The records read since the last flush, in order, as the worker's batches (connect to
    /// MessageTableModel::adoptBatches: one model insert per flush). A receiver may take the
    /// batches' memory (adoptBatches moves the ones the store keeps as they are); what is left
    /// goes back to the worker to read into. Connect directly (same thread) only.
    void batchesReady(std::vector<edis::inspect::MessageBatch> &batches);
    void progressChanged(const edis::inspect::ConsumerProgress &progress);
    /// Sent after the last batchesReady of the consumption.
    void finished(edis::inspect::FinishReason reason, const edis::kafka::KafkaError &error);

private:
    void flush();
    void onWorkerFinished(FinishReason reason, const kafka::KafkaError &error);
    void shutDownWorker();

    /// Shared with the job on thread_, which holds the last reference when the session lets go.
    std::shared_ptr<ConsumerWorker> worker_;
    std::unique_ptr<util::BackgroundWorker> thread_;
    QTimer flushTimer_;
    ConsumerProgress progress_;
};

} // namespace edis::inspect
