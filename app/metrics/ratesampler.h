#pragma once

#include "kafka/connectionsettings.h"
#include "metrics/offsetsampler.h"
#include "metrics/ratesample.h"

#include <QObject>
#include <QThread>

class QTimer;

namespace edis::metrics {

class SamplerWorker;

/// Samples a cluster's throughput and lag on its own thread, for the GUI and the CLI. Owns a
/// worker thread with its own librdkafka handle; every round arrives as one queued
/// roundSampled() carrying a plain SampleRound. Methods are for the owning thread.
class RateSampler : public QObject {
    Q_OBJECT
public:
    explicit RateSampler(kafka::ConnectionSettings settings, QObject *parent = nullptr);
    ~RateSampler() override;

    const kafka::ConnectionSettings &settings() const { return settings_; }
    const SamplerOptions &options() const { return options_; }
    /// Takes effect from the next round; safe while running.
    void setOptions(const SamplerOptions &options);

    /// Starts sampling: a first round at once, then one per interval. Returns at once.
    void start();
    /// Stops the timer; a round in progress still reports. The thread ends with the object.
    void stop();
    bool isRunning() const { return running_; }

Q_SIGNALS:
    void roundSampled(const edis::metrics::SampleRound &round);
    /// The sampler could not be created (bad settings); no rounds will come.
    void failed(const edis::kafka::KafkaError &error);

private:
    kafka::ConnectionSettings settings_;
    SamplerOptions options_;
    QThread thread_;
    SamplerWorker *worker_ = nullptr; ///< lives on thread_, deleted when it finishes
    bool running_ = false;
};

/// Runs on RateSampler's thread and owns the OffsetSampler. Internal to RateSampler.
class SamplerWorker : public QObject {
    Q_OBJECT
public:
    explicit SamplerWorker(kafka::ConnectionSettings settings);
    ~SamplerWorker() override;

    void setOptions(const edis::metrics::SamplerOptions &options);
    void start();
    void stop();

Q_SIGNALS:
    void roundSampled(const edis::metrics::SampleRound &round);
    void failed(const edis::kafka::KafkaError &error);

private:
    void sampleRound();

    kafka::ConnectionSettings settings_;
    SamplerOptions options_;
    std::unique_ptr<OffsetSampler> sampler_;
    QTimer *timer_ = nullptr;
};

} // namespace edis::metrics

Q_DECLARE_METATYPE(edis::metrics::SamplerOptions)
