#pragma once

// The produce dialog's sender: owns a RecordProducer on a thread of its own, so sending (and
// waiting for delivery reports) never blocks the GUI. Sends once, N times, at a rate (driven by
// a QTimer on the worker thread) or one record per line of a file.

#include "kafka/connectionsettings.h"
#include "kafka/outgoingmessage.h"

#include <QObject>

#include <atomic>
#include <memory>

class QTimer;

namespace edis::inspect {
class RecordProducer;
}

namespace edis::ui {

class ProducerWorker : public QObject {
    Q_OBJECT
public:
    explicit ProducerWorker(kafka::ConnectionSettings connection);
    ~ProducerWorker() override;

    /// Thread-safe: ends a running send after the record in flight.
    void requestStop() { stop_ = true; }

    /// Run on the worker thread (QMetaObject::invokeMethod). `count` 0 with a rate: until stopped.
    /// "{{i}}" in key or value becomes the sequence number, "{{uuid}}" a fresh UUID, "{{now}}"
    /// the epoch milliseconds.
    void send(const kafka::OutgoingMessage &message, quint64 count, double perSecond);
    /// Each line of the file becomes a record's value; key, headers and partition from `base`.
    void sendLines(const kafka::OutgoingMessage &base, const QString &path);

Q_SIGNALS:
    void progress(quint64 queued, quint64 delivered, quint64 failed);
    void finished(quint64 delivered, quint64 failed, const QString &error);

private:
    bool ensureOpen(QString *error);
    bool produceOne(const kafka::OutgoingMessage &message, quint64 sequence, QString *error);
    void tick();
    void finish(const QString &error);

    kafka::ConnectionSettings connection_;
    std::unique_ptr<inspect::RecordProducer> producer_;
    std::atomic<bool> stop_ {false};
    QTimer *rateTimer_ = nullptr;
    kafka::OutgoingMessage rateMessage_;
    quint64 rateTotal_ = 0;
    quint64 queued_ = 0;
    quint64 deliveredAtStart_ = 0;
    quint64 failedAtStart_ = 0;
    double ratePerSecond_ = 0;
    double due_ = 0;
    qint64 lastTickMs_ = 0;
    qint64 lastReportMs_ = 0;
};

} // namespace edis::ui
