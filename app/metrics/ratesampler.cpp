#include "metrics/ratesampler.h"

#include <QTimer>

namespace edis::metrics {

RateSampler::RateSampler(kafka::ConnectionSettings settings, QObject *parent)
    : QObject(parent)
    , settings_(std::move(settings))
{
    qRegisterMetaType<edis::metrics::SampleRound>();
    qRegisterMetaType<edis::metrics::SamplerOptions>();
    qRegisterMetaType<edis::kafka::KafkaError>();
    thread_.setObjectName(QStringLiteral("edis-rate-sampler"));
    worker_ = new SamplerWorker(settings_, &stopping_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SamplerWorker::roundSampled, this, &RateSampler::roundSampled, Qt::QueuedConnection);
    connect(worker_, &SamplerWorker::failed, this, &RateSampler::failed, Qt::QueuedConnection);
    thread_.start();
}

RateSampler::~RateSampler()
{
    stop();
    stopping_ = true; // a round in progress gives up within ~100 ms
    thread_.quit();
    thread_.wait();
}

void RateSampler::setOptions(const SamplerOptions &options)
{
    options_ = options;
    QMetaObject::invokeMethod(
        worker_, [w = worker_, options] { w->setOptions(options); }, Qt::QueuedConnection);
}

void RateSampler::start()
{
    if (running_) {
        return;
    }
    running_ = true;
    QMetaObject::invokeMethod(
        worker_,
        [w = worker_, options = options_] {
            w->setOptions(options);
            w->start();
        },
        Qt::QueuedConnection);
}

void RateSampler::stop()
{
    if (!running_) {
        return;
    }
    running_ = false;
    QMetaObject::invokeMethod(
        worker_, [w = worker_] { w->stop(); }, Qt::QueuedConnection);
}

SamplerWorker::SamplerWorker(kafka::ConnectionSettings settings, const std::atomic<bool> *stop)
    : settings_(std::move(settings))
    , stop_(stop)
{
}

SamplerWorker::~SamplerWorker() = default;

void SamplerWorker::setOptions(const SamplerOptions &options)
{
    options_ = options;
    if (sampler_) {
        sampler_->setOptions(options);
    }
    if (timer_) {
        timer_->setInterval(static_cast<int>(std::max<qint64>(50, options.interval.count())));
    }
}

void SamplerWorker::start()
{
    if (!sampler_) {
        kafka::KafkaError error;
        sampler_ = OffsetSampler::create(settings_, &error);
        if (!sampler_) {
            Q_EMIT failed(error);
            return;
        }
        sampler_->setOptions(options_);
        sampler_->setStopFlag(stop_);
    }
    if (!timer_) {
        timer_ = new QTimer(this);
        timer_->setTimerType(Qt::PreciseTimer); // the interval is the denominator of every rate
        connect(timer_, &QTimer::timeout, this, &SamplerWorker::sampleRound);
    }
    timer_->setInterval(static_cast<int>(std::max<qint64>(50, options_.interval.count())));
    timer_->start();
    sampleRound();
}

void SamplerWorker::stop()
{
    if (timer_) {
        timer_->stop();
    }
}

void SamplerWorker::sampleRound()
{
    if (!sampler_) {
        return;
    }
    SampleRound round = sampler_->sampleOnce();
    addClientTraffic(round, kafka::ClientTraffic::instance().topicRates(kafka::trafficKey(settings_)));
    Q_EMIT roundSampled(round);
}

} // namespace edis::metrics
