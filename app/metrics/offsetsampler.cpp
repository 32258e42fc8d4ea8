#include "metrics/offsetsampler.h"

#include "kafka/groupadmin.h"
#include "kafka/kafkaclient.h"
#include "kafka/metadata.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <ctime>

namespace edis::metrics {

namespace {

using Clock = std::chrono::steady_clock;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::metrics::OffsetSampler", text);
}

int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool anyRead(const std::map<std::pair<QString, int32_t>, int64_t> &ends)
{
    return std::any_of(ends.begin(), ends.end(), [](const auto &e) { return e.second >= 0; });
}

} // namespace

OffsetSampler::OffsetSampler(kafka::ConnectionSettings settings)
    : settings_(std::move(settings))
{
}

OffsetSampler::~OffsetSampler() = default;

std::unique_ptr<OffsetSampler> OffsetSampler::create(
    const kafka::ConnectionSettings &settings, kafka::KafkaError *error)
{
    std::unique_ptr<OffsetSampler> sampler(new OffsetSampler(settings));
    kafka::HandleOptions handle;
    // A consumer handle without a group: ListOffsets honours its isolation level, and
    // read_uncommitted makes "latest" the high watermark rather than the last stable offset.
    handle.role = kafka::HandleRole::Consumer;
    handle.properties = {{"isolation.level", "read_uncommitted"}, {"enable.auto.commit", "false"},
        {"client.id", "edis-studio-rates"}};
    sampler->client_ = kafka::KafkaClient::create(settings, std::move(handle), error);
    return sampler->client_ ? std::move(sampler) : nullptr;
}

void OffsetSampler::setOptions(const SamplerOptions &options)
{
    if (options.topics != options_.topics || options.includeInternal != options_.includeInternal
        || options.allGroups != options_.allGroups) {
        metadataStale_ = true;
    }
    if (options.method != options_.method) {
        method_ = options.method;
    }
    options_ = options;
}

kafka::Deadline OffsetSampler::requestDeadline() const
{
    return kafka::Deadline(options_.requestTimeout, stop_);
}

QStringList OffsetSampler::watchedGroups() const
{
    QStringList groups = options_.groups;
    if (options_.allGroups) {
        groups += listedGroups_;
    }
    groups.removeDuplicates();
    groups.sort();
    return groups;
}

kafka::KafkaError OffsetSampler::refreshMetadata()
{
    kafka::Deadline deadline = requestDeadline();
    const auto md = client_->fetchMetadata(deadline);
    if (!md.ok()) {
        return md.error;
    }
    topicPartitions_.clear();
    for (const kafka::TopicInfo &t : md.value.topics) {
        if (!t.error.isEmpty() && t.partitions.isEmpty()) {
            continue; // being deleted (or not created yet): nothing to read
        }
        std::vector<int32_t> ids;
        ids.reserve(t.partitions.size());
        for (const kafka::PartitionInfo &p : t.partitions) {
            ids.push_back(p.id); // sorted by toClusterMetadata
        }
        topicPartitions_[t.name] = std::move(ids);
    }
    if (options_.allGroups) {
        refreshGroupList();
    }
    metadataStale_ = false;
    roundsSinceMetadata_ = 0;
    return {};
}

void OffsetSampler::refreshGroupList()
{
    const auto listed = kafka::listGroups(*client_, requestDeadline());
    if (!listed.ok()) {
        groupListError_ = tr("Cannot list consumer groups: %1").arg(listed.error.message);
        return;
    }
    groupListError_.clear();
    listedGroups_.clear();
    for (const kafka::GroupListing &g : listed.value) {
        listedGroups_ << g.groupId; // sorted by listGroups
    }
}

std::vector<kafka::GroupCommitted> OffsetSampler::readCommitted(
    const QStringList &groups, const std::vector<Partitions> &partitions)
{
    if (groups.isEmpty()) {
        return {};
    }
    QList<kafka::TopicPartitionRef> refs;
    for (const auto &p : partitions) {
        for (const int32_t id : p.ids) {
            refs.push_back({p.topic, id});
        }
    }
    const QList<kafka::GroupCommitted> committed
        = kafka::fetchCommittedOffsets(*client_, groups, refs, requestDeadline());
    return {committed.cbegin(), committed.cend()};
}

kafka::KafkaError OffsetSampler::readWithOffsetsForTimes(
    const std::vector<Partitions> &partitions, EndOffsets *ends)
{
    QList<kafka::TopicPartitionRef> refs;
    for (const auto &p : partitions) {
        for (const int32_t id : p.ids) {
            refs.push_back({p.topic, id});
        }
    }
    kafka::Deadline deadline = requestDeadline();
    // A topic without a leader for a moment (being created or deleted) is asked alone by the
    // kafka layer, so only that topic misses this round; its metadata is read again next round.
    const auto read = client_->offsetsForTimes(refs, kafka::kLatestOffsetQuery, deadline);
    for (const kafka::PartitionOffset &p : read.value) {
        if (p.error && kafka::needsMetadataRefresh(p.error.code)) {
            metadataStale_ = true;
        }
        (*ends)[{p.topic, p.partition}] = p.error ? -1 : p.offset;
    }
    return read.error;
}

kafka::KafkaError OffsetSampler::readWithWatermarks(
    const std::vector<Partitions> &partitions, EndOffsets *ends)
{
    QList<kafka::TopicPartitionRef> refs;
    for (const auto &p : partitions) {
        for (const int32_t id : p.ids) {
            refs.push_back({p.topic, id});
        }
    }
    // One blocking request per partition: only for clusters that refuse the batched request.
    kafka::Deadline deadline = requestDeadline();
    const auto read = client_->watermarks(refs, deadline, kafka::KafkaClient::WatermarkQuery::OneByOne);
    for (const kafka::PartitionWatermarks &w : read.value) {
        if (w.errorCode && kafka::needsMetadataRefresh(w.errorCode)) {
            metadataStale_ = true;
        }
        (*ends)[{w.topic, w.partition}] = w.errorCode ? -1 : w.high;
    }
    // Only a round where nothing at all could be read counts as failed.
    return read.error;
}

kafka::KafkaError OffsetSampler::readEndOffsets(const std::vector<Partitions> &partitions, EndOffsets *ends)
{
    if (partitions.empty()) {
        return {};
    }
    if (method_ == OffsetMethod::Watermarks) {
        return readWithWatermarks(partitions, ends);
    }
    kafka::KafkaError err = readWithOffsetsForTimes(partitions, ends);
    if (method_ == OffsetMethod::OffsetsForTimes || err.kind == kafka::KafkaError::Kind::Cancelled) {
        return err;
    }
    // Not decided yet. Some brokers refuse the batched request as a whole, others answer it per
    // partition with "unsupported": fall back only when nothing at all came back.
    if (!err && anyRead(*ends)) {
        method_ = OffsetMethod::OffsetsForTimes;
        return {};
    }
    if (err && !kafka::isUnsupportedRequest(err.code)) {
        return err;
    }
    ends->clear();
    kafka::KafkaError fallback = readWithWatermarks(partitions, ends);
    if (anyRead(*ends) || (err && kafka::isUnsupportedRequest(err.code))) {
        method_ = OffsetMethod::Watermarks;
    }
    return fallback;
}

std::vector<OffsetSampler::Partitions> OffsetSampler::watchedPartitions(SampleRound &round)
{
    // Which topics: the watched ones that exist, plus those the groups committed to (for lag).
    std::vector<Partitions> watched;
    if (options_.topics.isEmpty()) {
        for (const auto &[topic, ids] : topicPartitions_) {
            if (options_.includeInternal || !topic.startsWith(QLatin1Char('_'))) {
                watched.push_back({topic, ids});
            }
        }
    } else {
        for (const QString &topic : options_.topics) {
            const auto it = topicPartitions_.find(topic);
            if (it == topicPartitions_.end()) {
                round.missingTopics << topic;
                // Maybe created a moment ago: look again next round rather than in five.
                metadataStale_ = true;
            } else {
                watched.push_back({topic, it->second});
            }
        }
    }
    std::sort(watched.begin(), watched.end(),
        [](const Partitions &a, const Partitions &b) { return a.topic < b.topic; });
    watched.erase(std::unique(watched.begin(), watched.end(),
                      [](const Partitions &a, const Partitions &b) { return a.topic == b.topic; }),
        watched.end());
    return watched;
}

void OffsetSampler::addGroupLags(
    const std::vector<kafka::GroupCommitted> &committed, const EndOffsets &ends, SampleRound &round) const
{
    for (const kafka::GroupCommitted &c : committed) {
        GroupLag g;
        g.group = c.groupId;
        g.error = c.error;
        for (const kafka::PartitionLag &p : c.offsets) {
            PartitionLag pl;
            pl.topic = p.topic;
            pl.partition = p.partition;
            pl.committedOffset = p.committed;
            const auto it = ends.find({p.topic, p.partition});
            if (it != ends.end() && it->second >= 0) {
                pl.endOffset = it->second;
                pl.lag = std::max<int64_t>(0, it->second - p.committed);
                g.totalLag = std::max<int64_t>(0, g.totalLag) + pl.lag;
            }
            g.partitions.push_back(pl);
        }
        std::sort(g.partitions.begin(), g.partitions.end(), [](const PartitionLag &a, const PartitionLag &b) {
            return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
        });
        round.groups.push_back(std::move(g));
    }
}

SampleRound OffsetSampler::sampleOnce()
{
    const auto started = Clock::now();
    const qint64 cpuStart = threadCpuNs();
    SampleRound round;
    round.sequence = ++sequence_;

    if (metadataStale_ || roundsSinceMetadata_ >= std::max(1, options_.metadataEveryRounds)) {
        if (kafka::KafkaError err = refreshMetadata()) {
            round.error = err;
        }
    }
    ++roundsSinceMetadata_;
    round.groupListError = options_.allGroups ? groupListError_ : QString();

    const auto finish = [&] {
        round.roundMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        round.threadCpuNs = threadCpuNs() - cpuStart;
        round.method = method_;
        if (round.wallTimeMs == 0) {
            round.wallTimeMs = QDateTime::currentMSecsSinceEpoch();
        }
        return round;
    };
    if (round.error && (topicPartitions_.empty() || round.error.kind == kafka::KafkaError::Kind::Cancelled)) {
        return finish();
    }
    round.error = {};

    const std::vector<Partitions> watched = watchedPartitions(round);
    // Committed offsets first: read before the log ends, so lag is never negative by a race.
    const std::vector<kafka::GroupCommitted> committed = readCommitted(watchedGroups(), watched);
    for (const auto &p : watched) {
        round.partitionCount += static_cast<int>(p.ids.size());
    }

    EndOffsets ends;
    const int64_t requestStartNs = steadyNs();
    const qint64 requestStartWall = QDateTime::currentMSecsSinceEpoch();
    if (kafka::KafkaError err = readEndOffsets(watched, &ends)) {
        if (!kafka::isConnectivityError(err.code) && err.kind != kafka::KafkaError::Kind::Cancelled) {
            metadataStale_ = true;
        }
        round.error = err;
        return finish();
    }
    // The offsets were read somewhere between request and reply: take the middle.
    const int64_t observedNs = requestStartNs + (steadyNs() - requestStartNs) / 2;
    round.wallTimeMs = requestStartWall + (QDateTime::currentMSecsSinceEpoch() - requestStartWall) / 2;
    round.intervalSeconds
        = lastRoundSteadyNs_ < 0 ? 0.0 : static_cast<double>(observedNs - lastRoundSteadyNs_) / 1e9;
    lastRoundSteadyNs_ = observedNs;

    std::vector<TopicOffsets> offsets;
    offsets.reserve(watched.size());
    for (const auto &p : watched) {
        TopicOffsets t;
        t.topic = p.topic;
        t.endOffsets.reserve(p.ids.size());
        for (const int32_t id : p.ids) {
            const auto it = ends.find({p.topic, id});
            t.endOffsets.emplace_back(id, it == ends.end() ? -1 : it->second);
        }
        offsets.push_back(std::move(t));
    }
    round.topics = calculator_.update(offsets, observedNs);
    addGroupLags(committed, ends, round);
    return finish();
}

} // namespace edis::metrics
