#pragma once

// The produce dialog's sender: owns a kafka::Producer used by the jobs of one
// util::BackgroundWorker, so sending (and waiting for delivery reports) never blocks the GUI.
// Its signals are emitted on that worker's thread. Sends once, N times, at a rate, or one
// record per line of a file, through the send loop `edis produce` uses too (recordsender.h).

#include "kafka/connectionsettings.h"
#include "kafka/outgoingmessage.h"
#include "recordsender.h"
#include "registryencoder.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace edis::kafka {
class Producer;
}

namespace edis::inspect {

class ProducerWorker : public QObject {
    Q_OBJECT
public:
    explicit ProducerWorker(kafka::ConnectionSettings connection);
    ~ProducerWorker() override;

    /// Thread-safe: ends a running send after the record in flight; what was queued is still
    /// waited for, so that the counts in finished() are final.
    void requestStop() { stop_ = true; }
    /// Thread-safe: ends a send and its wait for delivery reports at once, dropping what is not
    /// delivered yet. For a dialog that is closing.
    void requestAbandon()
    {
        abandon_ = true;
        stop_ = true;
    }

    /// Between sends the producer is still polled now and then: that serves its statistics
    /// (the throughput page's bytes/s) and late delivery reports, so neither piles up.
    void pollIdle();
    /// Run on the worker thread. `count` 0 with a rate: until stopped.
    /// Key and value are templates (recordtemplate.h): {{i}}, {{uuid}}, {{now}}. With
    /// `encoders`, each expanded key and value is JSON encoded with its schema; the first that
    /// does not fit ends the send, and finished() names the record and says why.
    void send(
        const kafka::OutgoingMessage &message, quint64 count, double perSecond, RecordEncoders encoders = {});
    /// Each line of the file becomes a record's value (a template, too); key, headers and
    /// partition from `base`.
    void sendLines(const kafka::OutgoingMessage &base, const QString &path, RecordEncoders encoders = {});

Q_SIGNALS:
    void progress(quint64 queued, quint64 delivered, quint64 failed);
    void finished(quint64 delivered, quint64 failed, const QString &error);

private:
    bool ensureOpen(QString *error);
    void run(OutgoingRecords source, double perSecond, RecordEncoders encoders);
    void finish(quint64 queued, const QString &error);

    kafka::ConnectionSettings connection_;
    std::unique_ptr<kafka::Producer> producer_;
    std::atomic<bool> stop_ {false};
    std::atomic<bool> abandon_ {false};
    quint64 deliveredAtStart_ = 0;
    quint64 failedAtStart_ = 0;
};

} // namespace edis::inspect
