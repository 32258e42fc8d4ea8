#include "metrics/historystore.h"

#include "metrics/seriesdownsampler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace edis::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Rough cost of one std::map node plus the Series bookkeeping outside the sample storage.
constexpr std::size_t kNodeOverhead = 64;
/// How often (in rounds) series that fell out of every tier are dropped.
constexpr quint64 kPruneEveryRounds = 600;

} // namespace

QString SeriesKey::label() const
{
    switch (kind) {
    case Kind::TopicRate:
    case Kind::TopicBytesWritten:
    case Kind::TopicBytesRead:
        return topic;
    case Kind::PartitionRate:
        return QStringLiteral("%1/%2").arg(topic).arg(partition);
    case Kind::GroupLag:
        return group;
    case Kind::GroupPartitionLag:
        return QStringLiteral("%1 %2/%3").arg(group, topic).arg(partition);
    }
    return {};
}

QString SeriesKey::id() const
{
    static const char *const prefixes[] = {"rate", "rate", "lag", "lag", "written", "read"};
    return QStringLiteral("%1:%2").arg(QLatin1String(prefixes[static_cast<int>(kind)]), label());
}

bool SeriesKey::operator<(const SeriesKey &o) const
{
    return std::tie(kind, group, topic, partition) < std::tie(o.kind, o.group, o.topic, o.partition);
}

HistoryStore::Series::Series(const TierConfig &tier)
    : fine(static_cast<std::size_t>(std::max(0, tier.fineCapacity)))
    , coarse(static_cast<std::size_t>(std::max(0, tier.coarseCapacity)))
    , bucketMs(std::max(1, tier.coarseBucketSeconds) * 1000)
{
}

HistoryStore::HistoryStore(HistoryConfig config)
    : config_(config)
    , timeline_(
          static_cast<std::size_t>(std::max({1, config.aggregate.fineCapacity, config.detail.fineCapacity})))
{
}

void HistoryStore::clear()
{
    series_.clear();
    timeline_.clear();
    currentRound_ = -1;
    rounds_ = 0;
}

void HistoryStore::append(const SampleRound &round)
{
    ++currentRound_;
    ++rounds_;
    timeline_.push(round.wallTimeMs);
    if (round.error.isError()) {
        return; // the series get a gap at this round when they are next recorded
    }
    for (const TopicRate &t : round.topics) {
        record(SeriesKey::topicRate(t.topic), t.messagesPerSecond, round.wallTimeMs);
        // Bytes only exist for topics EDIS's clients touched: a series starts at the first value.
        for (const auto &[key, value] :
            {std::pair {SeriesKey::topicBytesWritten(t.topic), t.writtenBytesPerSecond},
                std::pair {SeriesKey::topicBytesRead(t.topic), t.readBytesPerSecond}}) {
            if (isKnown(value) || contains(key)) {
                record(key, value, round.wallTimeMs);
            }
        }
        if (config_.recordPartitionRates) {
            for (const PartitionRate &p : t.partitions) {
                record(SeriesKey::partitionRate(t.topic, p.partition), p.messagesPerSecond, round.wallTimeMs);
            }
        }
    }
    for (const GroupLag &g : round.groups) {
        if (!g.error.isEmpty()) {
            continue;
        }
        record(SeriesKey::groupLag(g.group), g.totalLag < 0 ? kNaN : static_cast<double>(g.totalLag),
            round.wallTimeMs);
        if (config_.recordPartitionLags) {
            for (const PartitionLag &p : g.partitions) {
                record(SeriesKey::groupPartitionLag(g.group, p.topic, p.partition),
                    p.lag < 0 ? kNaN : static_cast<double>(p.lag), round.wallTimeMs);
            }
        }
    }
    if (rounds_ % kPruneEveryRounds == 0) {
        prune();
    }
}

void HistoryStore::record(const SeriesKey &key, double value, qint64 wallTimeMs)
{
    auto it = series_.find(key);
    if (it == series_.end()) {
        it = series_.emplace(key, Series(key.isDetail() ? config_.detail : config_.aggregate)).first;
    }
    Series &s = it->second;
    if (s.lastRound >= 0 && currentRound_ > s.lastRound + 1) {
        // Rounds this series missed (failed rounds, a topic that was briefly gone) become gaps.
        const auto missed
            = std::min<int64_t>(currentRound_ - s.lastRound - 1, static_cast<int64_t>(s.fine.capacity()));
        for (int64_t i = 0; i < missed; ++i) {
            s.fine.push(std::numeric_limits<float>::quiet_NaN());
        }
    }
    s.fine.push(static_cast<float>(value));
    s.lastRound = currentRound_;

    const auto bucket = static_cast<int32_t>(wallTimeMs / s.bucketMs);
    if (bucket != s.pendingBucket) {
        if (s.pendingBucket >= 0) {
            flushBucket(s, bucket);
        }
        s.pendingBucket = bucket;
        s.pendingSum = 0;
        s.pendingCount = 0;
    }
    if (isKnown(value)) {
        s.pendingSum += value;
        ++s.pendingCount;
    }
}

void HistoryStore::flushBucket(Series &s, int32_t nextBucket)
{
    const float average = s.pendingCount > 0 ? static_cast<float>(s.pendingSum / s.pendingCount)
                                             : std::numeric_limits<float>::quiet_NaN();
    s.coarse.push({s.pendingBucket, average});
    if (nextBucket > s.pendingBucket + 1) {
        s.coarse.push({s.pendingBucket + 1, std::numeric_limits<float>::quiet_NaN()}); // a gap
    }
}

int64_t HistoryStore::oldestRound() const
{
    return currentRound_ - static_cast<int64_t>(timeline_.size()) + 1;
}

qint64 HistoryStore::roundTime(int64_t round) const
{
    return timeline_.at(static_cast<std::size_t>(round - oldestRound()));
}

void HistoryStore::prune()
{
    const qint64 nowMs = timeline_.empty() ? 0 : timeline_.back();
    for (auto it = series_.begin(); it != series_.end();) {
        const Series &s = it->second;
        const bool fineGone = s.lastRound < currentRound_ - static_cast<int64_t>(s.fine.capacity());
        const bool coarseGone = s.coarse.empty()
            || (static_cast<qint64>(s.coarse.back().bucket) + 1) * s.bucketMs
                    + static_cast<qint64>(s.coarse.capacity()) * s.bucketMs
                < nowMs;
        it = fineGone && coarseGone ? series_.erase(it) : std::next(it);
    }
}

std::vector<SeriesKey> HistoryStore::keys() const
{
    std::vector<SeriesKey> out;
    out.reserve(series_.size());
    for (const auto &[key, s] : series_) {
        out.push_back(key);
    }
    return out;
}

std::vector<SeriesKey> HistoryStore::keys(SeriesKey::Kind kind) const
{
    std::vector<SeriesKey> out;
    for (const auto &[key, s] : series_) {
        if (key.kind == kind) {
            out.push_back(key);
        }
    }
    return out;
}

SeriesData HistoryStore::series(const SeriesKey &key, qint64 fromMs, qint64 toMs, int maxPoints) const
{
    SeriesData out;
    const auto it = series_.find(key);
    if (it == series_.end()) {
        return out;
    }
    const Series &s = it->second;
    const std::size_t fineCount = s.fine.size();
    const int64_t firstFineRound = s.lastRound - static_cast<int64_t>(fineCount) + 1;
    // A series that stopped long ago may hold rounds older than the timeline remembers: gone.
    const int64_t firstKnownRound = std::max(firstFineRound, oldestRound());
    const qint64 fineStartMs
        = firstKnownRound <= s.lastRound ? roundTime(firstKnownRound) : std::numeric_limits<qint64>::max();

    // Older than the fine tier reaches: the averaged buckets, keyed at their middle.
    for (std::size_t i = 0; i < s.coarse.size(); ++i) {
        const CoarsePoint &p = s.coarse.at(i);
        const qint64 startMs = static_cast<qint64>(p.bucket) * s.bucketMs;
        const qint64 middleMs = startMs + s.bucketMs / 2;
        if (startMs + s.bucketMs > fineStartMs) {
            break; // the fine tier covers (part of) this bucket, at full resolution
        }
        if (middleMs < fromMs || middleMs > toMs) {
            continue;
        }
        out.keys.push_back(static_cast<double>(middleMs) / 1000.0);
        out.values.push_back(static_cast<double>(p.value));
    }
    for (std::size_t i = static_cast<std::size_t>(firstKnownRound - firstFineRound); i < fineCount; ++i) {
        const qint64 t = roundTime(firstFineRound + static_cast<int64_t>(i));
        if (t < fromMs) {
            continue;
        }
        if (t > toMs) {
            break;
        }
        out.keys.push_back(static_cast<double>(t) / 1000.0);
        out.values.push_back(static_cast<double>(s.fine.at(i)));
    }
    downsampleByAverage(out.keys, out.values, maxPoints);
    return out;
}

double HistoryStore::latest(const SeriesKey &key) const
{
    const auto it = series_.find(key);
    if (it == series_.end() || it->second.fine.empty() || it->second.lastRound != currentRound_) {
        return kNaN;
    }
    return static_cast<double>(it->second.fine.back());
}

qint64 HistoryStore::firstTimeMs() const
{
    qint64 first = std::numeric_limits<qint64>::max();
    for (const auto &[key, s] : series_) {
        if (!s.coarse.empty()) {
            first = std::min(first, static_cast<qint64>(s.coarse.front().bucket) * s.bucketMs);
        }
        const int64_t firstRound
            = std::max(s.lastRound - static_cast<int64_t>(s.fine.size()) + 1, oldestRound());
        if (!s.fine.empty() && firstRound <= s.lastRound) {
            first = std::min(first, roundTime(firstRound));
        }
    }
    return first == std::numeric_limits<qint64>::max() ? 0 : first;
}

qint64 HistoryStore::lastTimeMs() const
{
    return timeline_.empty() ? 0 : timeline_.back();
}

std::size_t HistoryStore::memoryBytes() const
{
    std::size_t bytes = timeline_.memoryBytes();
    for (const auto &[key, s] : series_) {
        bytes += s.fine.memoryBytes() + s.coarse.memoryBytes() + sizeof(Series) + sizeof(SeriesKey)
            + kNodeOverhead
            + static_cast<std::size_t>(key.topic.capacity() + key.group.capacity()) * sizeof(QChar);
    }
    return bytes;
}

} // namespace edis::metrics
