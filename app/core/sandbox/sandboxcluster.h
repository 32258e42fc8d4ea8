#pragma once

#include "kafka/connectionsettings.h"
#include "kafka/mockcluster.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <stop_token>

namespace edis::util {
class BackgroundWorker;
}

namespace edis::sandbox {

/// The embedded sandbox: librdkafka's in-process Kafka-protocol cluster, listening on
/// 127.0.0.1, with the story's topics and a producer job (on a util::BackgroundWorker) feeding
/// them live traffic.
/// Any Kafka client (kcat too) can connect to bootstrapServers().
class SandboxCluster {
public:
    struct Options {
        int brokers = 3;
        double messagesPerSecond = 300.0;
        bool withTraffic = true;
        uint64_t seed = 20261128;
    };

    /// Starts the cluster, creates the topics, and (with traffic) emits the ERP snapshot.
    static std::unique_ptr<SandboxCluster> start(const Options &options, QString *error);
    /// At the end of the process: stops the traffic and leaves the in-memory cluster to the
    /// operating system. Destroying librdkafka 2.0.2's mock cluster waits up to a second (in 3
    /// of 10 exits: its internal broker thread polls for termination in 1 s steps), for nothing a
    /// user keeps.
    static void abandonAtExit(std::unique_ptr<SandboxCluster> sandbox);
    ~SandboxCluster();
    SandboxCluster(const SandboxCluster &) = delete;
    SandboxCluster &operator=(const SandboxCluster &) = delete;

    QString bootstrapServers() const { return bootstrap_; }
    kafka::ConnectionSettings connectionSettings() const;

    /// Messages per second of live traffic; 0 pauses it. Safe from any thread.
    void setRate(double messagesPerSecond);
    double rate() const { return traffic_->rate.load(); }
    /// Messages the producer has had acknowledged so far. Safe from any thread.
    uint64_t producedCount() const { return traffic_->produced.load(); }
    uint64_t failedCount() const { return traffic_->failed.load(); }

private:
    /// What the traffic job shares with the sandbox. The job holds it too, so that a job still
    /// ending after the sandbox is gone (it sees the stop within 10 ms) touches nothing freed.
    struct Traffic {
        std::atomic<double> rate {0.0};
        std::atomic<uint64_t> produced {0};
        std::atomic<uint64_t> failed {0};
    };

    SandboxCluster();
    /// The producer loop: the story's snapshot, then events at `traffic->rate` until `stop`.
    static void runTraffic(const std::shared_ptr<Traffic> &traffic, const QString &bootstrap, uint64_t seed,
        const std::stop_token &stop);
    /// Requests the traffic job's stop and lets its worker go; never waits for it.
    void stopTraffic();

    std::unique_ptr<kafka::MockCluster> mock_;
    QString bootstrap_;
    std::shared_ptr<Traffic> traffic_;
    std::unique_ptr<util::BackgroundWorker> trafficWorker_;
};

} // namespace edis::sandbox
