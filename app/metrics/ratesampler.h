#pragma once

#include "kafka/connectionsettings.h"
#include "metrics/offsetsampler.h"
#include "metrics/ratesample.h"
#include "util/backgroundworker.h"

#include <QObject>

#include <memory>

class QTimer;

namespace edis::metrics {

struct SamplerRounds;

/// Samples a cluster's throughput and lag off the owning thread, for the GUI and the CLI. Each
/// round is a job on a util::BackgroundWorker whose thread owns the librdkafka handle; every
/// round arrives as one queued roundSampled() carrying a plain SampleRound. Methods are for the
/// owning thread, which never waits for a round.
class RateSampler : public QObject {
    Q_OBJECT
public:
    explicit RateSampler(kafka::ConnectionSettings settings, QObject *parent = nullptr);
    /// Returns at once: a round in progress gives up within ~100 ms (kafka/deadline.h) on the
    /// worker's thread, which also destroys the handle.
    ~RateSampler() override;

    const kafka::ConnectionSettings &settings() const { return settings_; }
    const SamplerOptions &options() const { return options_; }
    /// Takes effect from the next round; safe while running.
    void setOptions(const SamplerOptions &options);

    /// Starts sampling: a first round at once, then one per interval. Returns at once.
    void start();
    /// Stops the timer; a round in progress still reports.
    void stop();
    bool isRunning() const { return running_; }

Q_SIGNALS:
    void roundSampled(const edis::metrics::SampleRound &round);
    /// The sampler could not be created (bad settings); no rounds will come.
    void failed(const edis::kafka::KafkaError &error);

private:
    /// Posts a round unless one is still running: a round slower than the interval is not
    /// queued behind, as a timer on the sampling thread would not fire while it ran.
    void postRound();

    kafka::ConnectionSettings settings_;
    SamplerOptions options_;
    /// Used on the worker's thread only; the owner's reference goes to that thread at the end.
    std::shared_ptr<SamplerRounds> rounds_;
    QTimer *timer_ = nullptr;
    bool running_ = false;
    util::BackgroundWorker worker_ {this}; ///< last: destroyed (never joined) first
};

} // namespace edis::metrics

Q_DECLARE_METATYPE(edis::metrics::SamplerOptions)
