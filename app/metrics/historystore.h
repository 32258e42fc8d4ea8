#pragma once

#include "metrics/ratesample.h"
#include "metrics/ringbuffer.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <map>
#include <vector>

namespace edis::metrics {

/// Names one plotted series.
struct SeriesKey {
    enum class Kind : uint8_t {
        TopicRate,
        PartitionRate,
        GroupLag,
        GroupPartitionLag,
        TopicBytesWritten, ///< bytes/s EDIS's own clients wrote to the topic
        TopicBytesRead, ///< bytes/s EDIS's own clients read from it
    };
    Kind kind = Kind::TopicRate;
    QString group;
    QString topic;
    int32_t partition = -1;

    static SeriesKey topicRate(const QString &topic) { return {Kind::TopicRate, {}, topic, -1}; }
    static SeriesKey partitionRate(const QString &topic, int32_t partition)
    {
        return {Kind::PartitionRate, {}, topic, partition};
    }
    static SeriesKey groupLag(const QString &group) { return {Kind::GroupLag, group, {}, -1}; }
    static SeriesKey topicBytesWritten(const QString &topic)
    {
        return {Kind::TopicBytesWritten, {}, topic, -1};
    }
    static SeriesKey topicBytesRead(const QString &topic) { return {Kind::TopicBytesRead, {}, topic, -1}; }
    static SeriesKey groupPartitionLag(const QString &group, const QString &topic, int32_t partition)
    {
        return {Kind::GroupPartitionLag, group, topic, partition};
    }

    /// Per-partition series use the smaller detail tier.
    bool isDetail() const { return kind == Kind::PartitionRate || kind == Kind::GroupPartitionLag; }
    /// What a legend shows: "orders", "orders/3", "billing", "billing orders/3" (bytes series:
    /// the topic).
    QString label() const;
    /// A stable unique text id (for plots and CSV headers).
    QString id() const;

    bool operator==(const SeriesKey &o) const
    {
        return kind == o.kind && partition == o.partition && topic == o.topic && group == o.group;
    }
    bool operator<(const SeriesKey &o) const;
};

/// How much history one series keeps: `fineCapacity` samples at the sampling interval, and
/// older data averaged into `coarseBucketSeconds` buckets, `coarseCapacity` of them.
struct TierConfig {
    int fineCapacity = 86'400; ///< 24 h at 1 s
    int coarseBucketSeconds = 60; ///< 1 min
    int coarseCapacity = 43'200; ///< 30 days at 1 min

    qint64 fineSpanSeconds(double intervalSeconds) const
    {
        return static_cast<qint64>(fineCapacity * intervalSeconds);
    }
    qint64 coarseSpanSeconds() const { return static_cast<qint64>(coarseBucketSeconds) * coarseCapacity; }
};

struct HistoryConfig {
    /// The per-partition tier for `fineSeconds` at 1 s: 1 h then 24 h at 1 min, or 24 h (and
    /// more) then 30 days at 1 min like the aggregate tier.
    static TierConfig detailTier(int fineSeconds)
    {
        return fineSeconds >= 86'400 ? TierConfig {fineSeconds, 60, 43'200}
                                     : TierConfig {fineSeconds, 60, 1'440};
    }

    /// Topic rates and group totals.
    TierConfig aggregate {};
    /// Per-partition rates and lags: there can be thousands, so they keep less by default
    /// (1 h at 1 s, then 24 h at 1 min: 2,000 partitions cost about 40 MB when full).
    TierConfig detail = detailTier(3'600);
    bool recordPartitionRates = true;
    bool recordPartitionLags = true;
};

/// A series read back for plotting: keys in seconds since the epoch (what QCPAxisTickerDateTime
/// expects), NaN values are gaps.
struct SeriesData {
    QList<double> keys;
    QList<double> values;
};

/// Bounded history of every rate and lag series a sampler produced. Memory grows with use up to
/// the configured tiers and never beyond; memoryBytes() reports what it holds. Not thread-safe:
/// owned by one thread (the GUI thread, fed one SampleRound per round).
class HistoryStore {
public:
    explicit HistoryStore(HistoryConfig config = {});

    const HistoryConfig &config() const { return config_; }
    void append(const SampleRound &round);
    void clear();

    std::vector<SeriesKey> keys() const;
    std::vector<SeriesKey> keys(SeriesKey::Kind kind) const;
    bool contains(const SeriesKey &key) const { return series_.contains(key); }

    /// Points of `key` with fromMs <= time <= toMs: the fine tier where it reaches, the coarse tier
    /// before that. With maxPoints > 0, averaged down to about that many points.
    SeriesData series(const SeriesKey &key, qint64 fromMs, qint64 toMs, int maxPoints = 0) const;
    /// The newest value of a series (NaN when unknown or absent).
    double latest(const SeriesKey &key) const;

    qint64 firstTimeMs() const; ///< oldest time any series covers; 0 when empty
    qint64 lastTimeMs() const; ///< time of the newest round; 0 when empty
    std::size_t seriesCount() const { return series_.size(); }
    quint64 roundCount() const { return rounds_; }
    /// Bytes held by the history: the sample storage plus a per-series overhead estimate.
    std::size_t memoryBytes() const;

private:
    struct CoarsePoint {
        int32_t bucket; ///< time / bucket length
        float value;
    };
    struct Series {
        explicit Series(const TierConfig &tier);
        RingBuffer<float> fine;
        RingBuffer<CoarsePoint> coarse;
        int64_t lastRound = -1;
        int32_t pendingBucket = -1;
        double pendingSum = 0;
        int pendingCount = 0;
        int bucketMs = 60'000;
    };

    void record(const SeriesKey &key, double value, qint64 wallTimeMs);
    void flushBucket(Series &s, int32_t nextBucket);
    void prune();
    int64_t oldestRound() const;
    qint64 roundTime(int64_t round) const;

    HistoryConfig config_;
    std::map<SeriesKey, Series> series_;
    RingBuffer<qint64> timeline_; ///< wall time of each round, as far back as any fine tier reaches
    int64_t currentRound_ = -1;
    quint64 rounds_ = 0;
};

} // namespace edis::metrics
