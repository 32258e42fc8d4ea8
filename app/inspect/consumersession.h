#pragma once

// The GUI-thread side of a consumption: owns the worker thread and coalesces the worker's
// "records staged" notifications into at most one batch per flush interval (40 ms: 25 a
// second), like Wireshark's packet list.

#include "consumerequest.h"
#include "kafka/kafkaerror.h"
#include "messagebatch.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>
#include <vector>

namespace edis::inspect {

class ConsumerWorker;

class ConsumerSession : public QObject {
    Q_OBJECT
public:
    explicit ConsumerSession(QObject *parent = nullptr);
    ~ConsumerSession() override;

    /// Starts consuming (stops a running consumption first).
    void start(const ConsumeRequest &request);
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

    QThread thread_;
    std::unique_ptr<ConsumerWorker> worker_;
    QTimer flushTimer_;
    ConsumerProgress progress_;
    uint64_t generation_ = 0;
};

} // namespace edis::inspect
