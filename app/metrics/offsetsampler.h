#pragma once

#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "metrics/ratecalculator.h"
#include "metrics/ratesample.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <vector>

namespace edis::kafka {
class Deadline;
class KafkaClient;
struct GroupCommitted;
} // namespace edis::kafka

namespace edis::metrics {

struct SamplerOptions {
    /// Topics to watch; empty watches every topic (internal ones only with includeInternal).
    QStringList topics;
    bool includeInternal = false;
    /// Consumer groups whose lag is sampled, over the watched topics.
    QStringList groups;
    /// Also sample every group the cluster lists (ListConsumerGroups, refreshed with the metadata).
    bool allGroups = false;
    std::chrono::milliseconds interval {1000};
    /// Bound of each request of a round.
    std::chrono::milliseconds requestTimeout {5000};
    /// Metadata (topics, partition counts, groups) is re-read every this many rounds, and at once
    /// after a partition reported an unknown topic or a leader change.
    int metadataEveryRounds = 5;
    /// Forces a way of reading log-end offsets; None picks offsets_for_times and falls back to
    /// watermarks when the cluster refuses it.
    OffsetMethod method = OffsetMethod::None;

    bool operator==(const SamplerOptions &) const = default;
};

/// Reads log-end offsets and committed group offsets, one round per call, and derives rates.
/// Blocking and single-threaded: it owns its own client (a consumer handle without a group, see
/// create()) and is driven by one thread (RateSampler's worker, the CLI, the bench). Each request
/// of a round is bounded by the request timeout, and a round ends soon after the stop flag is set.
class OffsetSampler {
public:
    static std::unique_ptr<OffsetSampler> create(
        const kafka::ConnectionSettings &settings, kafka::KafkaError *error);
    ~OffsetSampler();
    OffsetSampler(const OffsetSampler &) = delete;
    OffsetSampler &operator=(const OffsetSampler &) = delete;

    void setOptions(const SamplerOptions &options);
    /// From now on every request ends soon after `*stop` is set (kafka/deadline.h); the round
    /// then fails with Kind::Cancelled. The flag must outlive the sampler; null: no stop.
    void setStopFlag(const std::atomic<bool> *stop) { stop_ = stop; }
    const SamplerOptions &options() const { return options_; }

    /// One sampling round: metadata when due, committed offsets of the groups, log-end offsets
    /// of every watched partition (batched), rates and lags.
    SampleRound sampleOnce();

    /// How log-end offsets are read now (None before the first round).
    OffsetMethod method() const { return method_; }

private:
    struct Partitions {
        QString topic;
        std::vector<int32_t> ids;
    };
    using EndOffsets = std::map<std::pair<QString, int32_t>, int64_t>; ///< -1 when unreadable

    explicit OffsetSampler(kafka::ConnectionSettings settings);
    kafka::Deadline requestDeadline() const;
    kafka::KafkaError refreshMetadata();
    void refreshGroupList();
    std::vector<kafka::GroupCommitted> readCommitted(
        const QStringList &groups, const std::vector<Partitions> &partitions);
    kafka::KafkaError readEndOffsets(const std::vector<Partitions> &partitions, EndOffsets *ends);
    kafka::KafkaError readWithOffsetsForTimes(const std::vector<Partitions> &partitions, EndOffsets *ends);
    kafka::KafkaError readWithWatermarks(const std::vector<Partitions> &partitions, EndOffsets *ends);
    std::vector<Partitions> watchedPartitions(SampleRound &round);
    void addGroupLags(const std::vector<kafka::GroupCommitted> &committed, const EndOffsets &ends,
        SampleRound &round) const;
    QStringList watchedGroups() const;

    kafka::ConnectionSettings settings_;
    SamplerOptions options_;
    std::unique_ptr<kafka::KafkaClient> client_;
    const std::atomic<bool> *stop_ = nullptr;
    RateCalculator calculator_;
    std::map<QString, std::vector<int32_t>> topicPartitions_; ///< from the last metadata
    QStringList listedGroups_;
    QString groupListError_;
    bool metadataStale_ = true;
    int roundsSinceMetadata_ = 0;
    OffsetMethod method_ = OffsetMethod::None;
    int64_t lastRoundSteadyNs_ = -1;
    quint64 sequence_ = 0;
};

} // namespace edis::metrics
