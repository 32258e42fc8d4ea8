#include "metrics/ratesampler.h"

#include "kafka/clienttraffic.h"

#include <QTimer>

namespace edis::metrics {

/// What the rounds share, on the worker's thread: the sampler (a librdkafka handle), made by the
/// first round, and the flag that ends its requests when the worker stops.
struct SamplerRounds {
    std::unique_ptr<util::StopFlag> stop; ///< before sampler_, which polls it
    std::unique_ptr<OffsetSampler> sampler;
    bool failed = false; ///< the sampler could not be created: no more rounds
};

RateSampler::RateSampler(kafka::ConnectionSettings settings, QObject *parent)
    : QObject(parent)
    , settings_(std::move(settings))
    , rounds_(std::make_shared<SamplerRounds>())
{
    qRegisterMetaType<edis::metrics::SampleRound>();
    qRegisterMetaType<edis::metrics::SamplerOptions>();
    qRegisterMetaType<edis::kafka::KafkaError>();
    timer_ = new QTimer(this);
    timer_->setTimerType(Qt::PreciseTimer); // the interval is the denominator of every rate
    connect(timer_, &QTimer::timeout, this, &RateSampler::postRound);
}

RateSampler::~RateSampler()
{
    // The handle is destroyed on the worker's thread, after a round in progress; worker_ then
    // stops that round (within ~100 ms) without this thread waiting for it.
    worker_.disposeOnThread(std::move(rounds_));
}

void RateSampler::setOptions(const SamplerOptions &options)
{
    options_ = options;
    timer_->setInterval(static_cast<int>(std::max<qint64>(50, options.interval.count())));
}

void RateSampler::start()
{
    if (running_) {
        return;
    }
    running_ = true;
    timer_->setInterval(static_cast<int>(std::max<qint64>(50, options_.interval.count())));
    timer_->start();
    postRound();
}

void RateSampler::stop()
{
    running_ = false;
    timer_->stop();
}

void RateSampler::postRound()
{
    if (worker_.isBusy()) {
        return;
    }
    worker_.post([this, rounds = rounds_, settings = settings_, options = options_](
                     const util::BackgroundWorker::Context &context) {
        if (rounds->failed) {
            return;
        }
        if (!rounds->sampler) {
            kafka::KafkaError error;
            rounds->sampler = OffsetSampler::create(settings, &error);
            if (!rounds->sampler) {
                rounds->failed = true;
                context.deliver([this, error] {
                    stop();
                    Q_EMIT failed(error);
                });
                return;
            }
            rounds->stop = std::make_unique<util::StopFlag>(context.stopToken());
            rounds->sampler->setStopFlag(rounds->stop->get());
        }
        rounds->sampler->setOptions(options);
        SampleRound round = rounds->sampler->sampleOnce();
        addClientTraffic(round, kafka::ClientTraffic::instance().topicRates(kafka::trafficKey(settings)));
        // Delivered only while this sampler is alive (the worker drops it otherwise).
        context.deliver([this, round] { Q_EMIT roundSampled(round); });
    });
}

} // namespace edis::metrics
