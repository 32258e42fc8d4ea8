#pragma once

#include "kafka/connectionsettings.h"
#include "metrics/offsetsampler.h"
#include "metrics/ratesample.h"

#include <QObject>
#include <QThread>

#include <atomic>

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
    /// Set by the destructor: a round in progress ends within ~100 ms instead of waiting out its
    /// request timeout (kafka/deadline.h). Declared before thread_, so it outlives the worker.
    std::atomic<bool> stopping_ {false};
    QThread thread_;
    SamplerWorker *worker_ = nullptr; ///< lives on thread_, deleted when it finishes
    bool running_ = false;
};

/// Runs on RateSampler's thread and owns the OffsetSampler. Internal to RateSampler.
class SamplerWorker : public QObject {
    Q_OBJECT
public:
    /// `stop` ends the sampler's requests soon after it is set; it must outlive the worker.
    SamplerWorker(kafka::ConnectionSettings settings, const std::atomic<bool> *stop);
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
    const std::atomic<bool> *stop_;
    std::unique_ptr<OffsetSampler> sampler_;
    QTimer *timer_ = nullptr;
};

} // namespace edis::metrics

Q_DECLARE_METATYPE(edis::metrics::SamplerOptions)
