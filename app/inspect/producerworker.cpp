#include "producerworker.h"

#include "kafka/producer.h"
#include "recordtemplate.h"

#include <QElapsedTimer>
#include <QFile>

#include <chrono>

namespace edis::inspect {

using namespace std::chrono_literals;

namespace {

constexpr qint64 kReportMs = 200; // progress() at most 5 times a second
constexpr auto kFlushTimeout = 15s;

} // namespace

ProducerWorker::ProducerWorker(kafka::ConnectionSettings connection)
    : connection_(std::move(connection))
{
}

ProducerWorker::~ProducerWorker() = default;

bool ProducerWorker::ensureOpen(QString *error)
{
    if (producer_) {
        return true;
    }
    auto producer = std::make_unique<kafka::Producer>();
    if (const kafka::KafkaError e = producer->open(connection_, {{"linger.ms", "5"}})) {
        *error = e.message;
        return false;
    }
    producer_ = std::move(producer);
    return true;
}

void ProducerWorker::pollIdle()
{
    if (producer_) {
        producer_->poll();
    }
}

void ProducerWorker::send(
    const kafka::OutgoingMessage &message, quint64 count, double perSecond, RecordEncoders encoders)
{
    // Without a rate, "until stopped" is not offered: 0 means once.
    run(templatedRecords(message, perSecond > 0 ? count : std::max<quint64>(1, count)), perSecond,
        std::move(encoders));
}

void ProducerWorker::sendLines(
    const kafka::OutgoingMessage &base, const QString &path, RecordEncoders encoders)
{
    auto file = std::make_shared<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        Q_EMIT finished(0, 0, tr("Cannot read %1: %2").arg(path, file->errorString()));
        return;
    }
    run(
        [file, base](quint64 sequence, kafka::OutgoingMessage *record) {
            if (file->atEnd()) {
                return false;
            }
            QByteArray text = file->readLine();
            if (text.endsWith('\n')) {
                text.chop(1);
            }
            if (text.endsWith('\r')) {
                text.chop(1);
            }
            kafka::OutgoingMessage line = base;
            line.value = text;
            *record = expandRecord(line, sequence);
            return true;
        },
        0, std::move(encoders));
}

void ProducerWorker::run(OutgoingRecords source, double perSecond, RecordEncoders encoders)
{
    const auto encodeFailure = std::make_shared<EncodeFailure>();
    if (encoders.any()) {
        source = encodedRecords(std::move(source), std::move(encoders), encodeFailure);
    }
    stop_ = abandon_.load();
    QString error;
    if (!ensureOpen(&error)) {
        Q_EMIT finished(0, 0, error);
        return;
    }
    deliveredAtStart_ = producer_->delivered();
    failedAtStart_ = producer_->failed();
    QElapsedTimer sinceReport;
    sinceReport.start();
    SendOptions options;
    options.perSecond = perSecond;
    options.onQueued = [this, &sinceReport](quint64 queued) {
        if (sinceReport.elapsed() >= kReportMs) {
            sinceReport.restart();
            Q_EMIT progress(
                queued, producer_->delivered() - deliveredAtStart_, producer_->failed() - failedAtStart_);
        }
    };
    const SendOutcome outcome = sendRecords(*producer_, source, options, stop_);
    finish(outcome.queued,
        encodeFailure->record > 0
            ? tr("Record %1 was not sent: %2.").arg(encodeFailure->record).arg(encodeFailure->reason)
            : outcome.error.message);
}

void ProducerWorker::finish(quint64 queued, const QString &error)
{
    const kafka::KafkaError flushed = producer_->flush(kFlushTimeout, &abandon_);
    if (abandon_) {
        producer_->purge(); // nobody waits for the rest: do not let destruction wait for it either
    }
    QString message = error;
    if (message.isEmpty() && flushed.isError()) {
        message = flushed.message;
    }
    const quint64 delivered = producer_->delivered() - deliveredAtStart_;
    const quint64 failed = producer_->failed() - failedAtStart_;
    Q_EMIT progress(queued, delivered, failed);
    Q_EMIT finished(delivered, failed, message);
}

} // namespace edis::inspect
