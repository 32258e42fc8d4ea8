#include "dialogs/producerworker.h"

#include "recordproducer.h"

#include <QDateTime>
#include <QFile>
#include <QTimer>
#include <QUuid>

#include <chrono>

namespace edis::ui {

using namespace std::chrono_literals;

namespace {

constexpr int kTickMs = 10;
constexpr int kReportMs = 200;
constexpr auto kFlushTimeout = 15s;

QByteArray expand(const QByteArray &text, quint64 sequence)
{
    if (!text.contains("{{")) {
        return text;
    }
    QByteArray out = text;
    out.replace("{{i}}", QByteArray::number(sequence));
    out.replace("{{now}}", QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
    while (out.contains("{{uuid}}")) {
        out.replace(out.indexOf("{{uuid}}"), 8, QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    }
    return out;
}

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
    auto producer = std::make_unique<inspect::RecordProducer>();
    if (const kafka::KafkaError e = producer->open(connection_, {{"linger.ms", "5"}})) {
        *error = e.message;
        return false;
    }
    producer_ = std::move(producer);
    // Between sends the producer is still polled now and then: that serves its statistics (the
    // throughput page's bytes/s) and late delivery reports, so neither piles up in its queue.
    auto *idle = new QTimer(this);
    connect(idle, &QTimer::timeout, this, [this] { rd_kafka_poll(producer_->handle(), 0); });
    idle->start(1000);
    return true;
}

bool ProducerWorker::produceOne(const kafka::OutgoingMessage &message, quint64 sequence, QString *error)
{
    kafka::OutgoingMessage m = message;
    if (m.key) {
        m.key = expand(*m.key, sequence);
    }
    if (m.value) {
        m.value = expand(*m.value, sequence);
    }
    if (const kafka::KafkaError e = producer_->produce(m)) {
        *error = e.message;
        return false;
    }
    ++queued_;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - lastReportMs_ >= kReportMs) {
        lastReportMs_ = now;
        Q_EMIT progress(
            queued_, producer_->delivered() - deliveredAtStart_, producer_->failed() - failedAtStart_);
    }
    return true;
}

void ProducerWorker::send(const kafka::OutgoingMessage &message, quint64 count, double perSecond)
{
    stop_ = false;
    QString error;
    if (!ensureOpen(&error)) {
        Q_EMIT finished(0, 0, error);
        return;
    }
    queued_ = 0;
    deliveredAtStart_ = producer_->delivered();
    failedAtStart_ = producer_->failed();
    if (perSecond > 0) {
        rateMessage_ = message;
        rateTotal_ = count;
        ratePerSecond_ = perSecond;
        due_ = 1; // the first record goes at once
        lastTickMs_ = QDateTime::currentMSecsSinceEpoch();
        if (!rateTimer_) {
            rateTimer_ = new QTimer(this); // lives on the worker thread, like this object
            rateTimer_->setTimerType(Qt::PreciseTimer);
            connect(rateTimer_, &QTimer::timeout, this, &ProducerWorker::tick);
        }
        rateTimer_->start(kTickMs);
        tick();
        return;
    }
    for (quint64 i = 0; i < std::max<quint64>(1, count) && !stop_; ++i) {
        if (!produceOne(message, i, &error)) {
            break;
        }
    }
    finish(error);
}

void ProducerWorker::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    due_ += ratePerSecond_ * double(now - lastTickMs_) / 1000.0;
    lastTickMs_ = now;
    // Never catch up more than a second of backlog in one burst.
    due_ = std::min(due_, std::max(1.0, ratePerSecond_));
    QString error;
    while (due_ >= 1 && !stop_ && (rateTotal_ == 0 || queued_ < rateTotal_)) {
        if (!produceOne(rateMessage_, queued_, &error)) {
            rateTimer_->stop();
            finish(error);
            return;
        }
        due_ -= 1;
    }
    rd_kafka_poll(producer_->handle(), 0); // serve delivery reports between ticks
    if (stop_ || (rateTotal_ > 0 && queued_ >= rateTotal_)) {
        rateTimer_->stop();
        finish({});
    }
}

void ProducerWorker::sendLines(const kafka::OutgoingMessage &base, const QString &path)
{
    stop_ = false;
    QString error;
    if (!ensureOpen(&error)) {
        Q_EMIT finished(0, 0, error);
        return;
    }
    queued_ = 0;
    deliveredAtStart_ = producer_->delivered();
    failedAtStart_ = producer_->failed();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT finished(0, 0, tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    quint64 line = 0;
    while (!file.atEnd() && !stop_) {
        QByteArray text = file.readLine();
        if (text.endsWith('\n')) {
            text.chop(1);
        }
        if (text.endsWith('\r')) {
            text.chop(1);
        }
        kafka::OutgoingMessage m = base;
        m.value = text;
        if (!produceOne(m, line++, &error)) {
            break;
        }
    }
    finish(error);
}

void ProducerWorker::finish(const QString &error)
{
    const kafka::KafkaError flushed = producer_->flush(kFlushTimeout);
    QString message = error;
    if (message.isEmpty() && flushed.isError()) {
        message = flushed.message;
    }
    Q_EMIT progress(
        queued_, producer_->delivered() - deliveredAtStart_, producer_->failed() - failedAtStart_);
    Q_EMIT finished(
        producer_->delivered() - deliveredAtStart_, producer_->failed() - failedAtStart_, message);
}

} // namespace edis::ui
