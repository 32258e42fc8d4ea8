#include "metrics/offsetsampler.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <array>
#include <ctime>
#include <set>

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

/// Errors after which the partition's leader or existence must be looked up again.
bool needsMetadata(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH:
        return true;
    default:
        return false;
    }
}

/// Whole-request errors that mean "this broker does not do that", not "something is down".
bool isUnsupported(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE || err == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION
        || err == RD_KAFKA_RESP_ERR_INVALID_REQUEST || err == RD_KAFKA_RESP_ERR__INVALID_ARG;
}

bool isConnectivity(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT
        || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || err == RD_KAFKA_RESP_ERR__RESOLVE
        || err == RD_KAFKA_RESP_ERR__AUTHENTICATION || err == RD_KAFKA_RESP_ERR__SSL;
}

} // namespace

OffsetSampler::OffsetSampler(kafka::ConnectionSettings settings)
    : settings_(std::move(settings))
    , errors_(std::make_unique<kafka::ErrorCollector>())
{
}

OffsetSampler::~OffsetSampler() = default;

std::unique_ptr<OffsetSampler> OffsetSampler::create(
    const kafka::ConnectionSettings &settings, kafka::KafkaError *error)
{
    std::unique_ptr<OffsetSampler> sampler(new OffsetSampler(settings));
    QString message;
    kafka::ConfHandle conf = kafka::buildConf(settings, &message);
    if (!conf) {
        if (error) {
            *error = kafka::KafkaError::make(kafka::KafkaError::Kind::InvalidSettings, message);
        }
        return {};
    }
    // A consumer handle without a group: ListOffsets honours its isolation level, and
    // read_uncommitted makes "latest" the high watermark rather than the last stable offset.
    kafka::setConfProperty(conf.get(), "isolation.level", "read_uncommitted", nullptr);
    kafka::setConfProperty(conf.get(), "enable.auto.commit", "false", nullptr);
    kafka::setConfProperty(conf.get(), "reconnect.backoff.max.ms", "2000", nullptr);
    kafka::setConfProperty(conf.get(), "client.id", "edis-studio-rates", nullptr);
    sampler->errors_->install(conf.get());
    std::array<char, 512> errstr {};
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr.data(), errstr.size());
    if (!rk) {
        if (error) {
            *error = kafka::KafkaError::make(
                kafka::KafkaError::Kind::InvalidSettings, QString::fromUtf8(errstr.data()));
        }
        return {};
    }
    conf.release(); // owned by rk now
    sampler->rk_.reset(rk);
    return sampler;
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

int OffsetSampler::timeoutMs() const
{
    return static_cast<int>(std::clamp<qint64>(options_.requestTimeout.count(), 100, 600'000));
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
    const rd_kafka_metadata_t *raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk_.get(), 1, nullptr, &raw, timeoutMs());
    kafka::MetadataHandle md(raw);
    rd_kafka_poll(rk_.get(), 0); // serves error_cb into the collector
    if (err || !md) {
        kafka::KafkaError cause = errors_->mostTelling();
        return cause ? cause : kafka::KafkaError::fromCode(err);
    }
    topicPartitions_.clear();
    for (int t = 0; t < md->topic_cnt; ++t) {
        const auto &mt = md->topics[t];
        if (mt.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
            continue; // being deleted
        }
        std::vector<int32_t> ids;
        ids.reserve(mt.partition_cnt);
        for (int p = 0; p < mt.partition_cnt; ++p) {
            ids.push_back(mt.partitions[p].id);
        }
        std::sort(ids.begin(), ids.end());
        topicPartitions_[QString::fromUtf8(mt.topic)] = std::move(ids);
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
    kafka::AdminOptionsHandle adminOptions(
        rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS));
    std::array<char, 512> errstr {};
    rd_kafka_AdminOptions_set_request_timeout(adminOptions.get(), timeoutMs(), errstr.data(), errstr.size());
    kafka::QueueHandle queue(rd_kafka_queue_new(rk_.get()));
    rd_kafka_ListConsumerGroups(rk_.get(), adminOptions.get(), queue.get());
    kafka::EventHandle event(rd_kafka_queue_poll(queue.get(), timeoutMs() + 1000));
    if (!event) {
        groupListError_ = tr("Listing consumer groups timed out.");
        return;
    }
    if (const auto err = rd_kafka_event_error(event.get())) {
        groupListError_ = tr("Cannot list consumer groups: %1")
                              .arg(QString::fromUtf8(rd_kafka_event_error_string(event.get())));
        Q_UNUSED(err);
        return;
    }
    const auto *result = rd_kafka_event_ListConsumerGroups_result(event.get());
    size_t count = 0;
    const rd_kafka_ConsumerGroupListing_t **listings
        = rd_kafka_ListConsumerGroups_result_valid(result, &count);
    QStringList groups;
    for (size_t i = 0; i < count; ++i) {
        groups << QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(listings[i]));
    }
    size_t errorCount = 0;
    const rd_kafka_error_t **errors = rd_kafka_ListConsumerGroups_result_errors(result, &errorCount);
    groupListError_ = errorCount > 0 && count == 0
        ? tr("Cannot list consumer groups: %1").arg(QString::fromUtf8(rd_kafka_error_string(errors[0])))
        : QString();
    groups.sort();
    listedGroups_ = groups;
}

std::vector<OffsetSampler::Committed> OffsetSampler::readCommitted(
    const QStringList &groups, const std::vector<Partitions> &partitions)
{
    std::vector<Committed> out;
    if (groups.isEmpty()) {
        return out;
    }
    // librdkafka 2.0.2 answers a NULL partition list ("all committed partitions") with an empty
    // list, so the partitions are named: those of the watched topics.
    kafka::PartitionListHandle wanted(rd_kafka_topic_partition_list_new(1));
    for (const auto &p : partitions) {
        const QByteArray name = p.topic.toUtf8();
        for (const int32_t id : p.ids) {
            rd_kafka_topic_partition_list_add(wanted.get(), name.constData(), id);
        }
    }
    // The API takes one group per call, so all calls are issued at once on one queue and their
    // replies collected together: one round trip per round, not one per group.
    kafka::QueueHandle queue(rd_kafka_queue_new(rk_.get()));
    std::array<char, 512> errstr {};
    for (const QString &group : groups) {
        const QByteArray id = group.toUtf8();
        rd_kafka_ListConsumerGroupOffsets_t *request
            = rd_kafka_ListConsumerGroupOffsets_new(id.constData(), wanted->cnt > 0 ? wanted.get() : nullptr);
        kafka::AdminOptionsHandle adminOptions(
            rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS));
        rd_kafka_AdminOptions_set_request_timeout(
            adminOptions.get(), timeoutMs(), errstr.data(), errstr.size());
        rd_kafka_ListConsumerGroupOffsets(rk_.get(), &request, 1, adminOptions.get(), queue.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(request);
    }
    std::map<QString, Committed> byGroup;
    const auto deadline = Clock::now() + options_.requestTimeout + std::chrono::seconds(1);
    for (qsizetype received = 0; received < groups.size() && Clock::now() < deadline;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        kafka::EventHandle event(
            rd_kafka_queue_poll(queue.get(), static_cast<int>(std::max<qint64>(1, left.count()))));
        if (!event) {
            break;
        }
        if (rd_kafka_event_type(event.get()) != RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT) {
            continue;
        }
        ++received;
        const auto *result = rd_kafka_event_ListConsumerGroupOffsets_result(event.get());
        size_t count = 0;
        const rd_kafka_group_result_t **results
            = rd_kafka_ListConsumerGroupOffsets_result_groups(result, &count);
        if (count == 0) {
            continue; // a request-level failure: the group is reported missing below
        }
        for (size_t i = 0; i < count; ++i) {
            Committed c;
            c.group = QString::fromUtf8(rd_kafka_group_result_name(results[i]));
            if (const rd_kafka_error_t *err = rd_kafka_group_result_error(results[i])) {
                c.error = QString::fromUtf8(rd_kafka_error_string(err));
            } else if (const auto *list = rd_kafka_group_result_partitions(results[i])) {
                for (int p = 0; p < list->cnt; ++p) {
                    const auto &tp = list->elems[p];
                    if (tp.err || tp.offset < 0) {
                        continue; // nothing committed for that partition
                    }
                    c.offsets.emplace_back(QString::fromUtf8(tp.topic), tp.partition, tp.offset);
                }
            }
            byGroup[c.group] = std::move(c);
        }
        if (rd_kafka_event_error(event.get()) && count == 0) {
            continue;
        }
    }
    for (const QString &group : groups) {
        auto it = byGroup.find(group);
        if (it == byGroup.end()) {
            Committed c;
            c.group = group;
            c.error = tr("No answer for the group's committed offsets.");
            out.push_back(std::move(c));
        } else {
            out.push_back(std::move(it->second));
        }
    }
    return out;
}

kafka::KafkaError OffsetSampler::readWithOffsetsForTimes(
    const std::vector<Partitions> &partitions, std::map<std::pair<QString, int32_t>, int64_t> *ends)
{
    int total = 0;
    for (const auto &p : partitions) {
        total += static_cast<int>(p.ids.size());
    }
    kafka::PartitionListHandle list(rd_kafka_topic_partition_list_new(std::max(1, total)));
    for (const auto &p : partitions) {
        const QByteArray name = p.topic.toUtf8();
        for (const int32_t id : p.ids) {
            // For ListOffsets the "offset" is a timestamp; -1 (RD_KAFKA_OFFSET_END) asks for the latest.
            rd_kafka_topic_partition_list_add(list.get(), name.constData(), id)->offset = RD_KAFKA_OFFSET_END;
        }
    }
    const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk_.get(), list.get(), timeoutMs());
    if (err && needsMetadata(err) && partitions.size() > 1) {
        // One partition without a ready leader (a topic being created or deleted) fails the whole
        // batch. Ask per topic instead, so only that topic misses this round.
        metadataStale_ = true;
        bool anyRead = false;
        for (const auto &topic : partitions) {
            std::map<std::pair<QString, int32_t>, int64_t> one;
            if (!readWithOffsetsForTimes({topic}, &one)) {
                anyRead = true;
            }
            for (const int32_t id : topic.ids) {
                const auto it = one.find({topic.topic, id});
                (*ends)[{topic.topic, id}] = it == one.end() ? -1 : it->second;
            }
        }
        return anyRead ? kafka::KafkaError {} : kafka::KafkaError::fromCode(err);
    }
    if (err) {
        if (needsMetadata(err)) {
            metadataStale_ = true;
        }
        return kafka::KafkaError::fromCode(err);
    }
    for (int i = 0; i < list->cnt; ++i) {
        const auto &tp = list->elems[i];
        const bool ok = !tp.err && tp.offset >= 0;
        if (tp.err && needsMetadata(tp.err)) {
            metadataStale_ = true;
        }
        (*ends)[{QString::fromUtf8(tp.topic), tp.partition}] = ok ? tp.offset : -1;
    }
    return {};
}

kafka::KafkaError OffsetSampler::readWithWatermarks(
    const std::vector<Partitions> &partitions, std::map<std::pair<QString, int32_t>, int64_t> *ends)
{
    // One blocking request per partition: only for clusters that refuse the batched request.
    const auto deadline = Clock::now() + options_.requestTimeout;
    kafka::KafkaError firstError;
    for (const auto &p : partitions) {
        const QByteArray name = p.topic.toUtf8();
        for (const int32_t id : p.ids) {
            int64_t low = -1;
            int64_t high = -1;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
            if (left.count() > 0) {
                err = rd_kafka_query_watermark_offsets(
                    rk_.get(), name.constData(), id, &low, &high, static_cast<int>(left.count()));
            }
            if (err && needsMetadata(err)) {
                metadataStale_ = true;
            }
            if (err && !firstError) {
                firstError = kafka::KafkaError::fromCode(err);
            }
            (*ends)[{p.topic, id}] = err ? -1 : high;
        }
    }
    // Only a round where nothing at all could be read counts as failed.
    const bool anyRead = std::any_of(ends->begin(), ends->end(), [](const auto &e) { return e.second >= 0; });
    return anyRead || ends->empty() ? kafka::KafkaError {} : firstError;
}

kafka::KafkaError OffsetSampler::readEndOffsets(
    const std::vector<Partitions> &partitions, std::map<std::pair<QString, int32_t>, int64_t> *ends)
{
    if (partitions.empty()) {
        return {};
    }
    if (method_ == OffsetMethod::None || method_ == OffsetMethod::OffsetsForTimes) {
        kafka::KafkaError err = readWithOffsetsForTimes(partitions, ends);
        if (!err) {
            if (method_ == OffsetMethod::None) {
                // Some brokers answer the batched request per partition with "unsupported";
                // only fall back when nothing at all came back.
                const bool anyRead
                    = std::any_of(ends->begin(), ends->end(), [](const auto &e) { return e.second >= 0; });
                if (!anyRead) {
                    ends->clear();
                    kafka::KafkaError fallback = readWithWatermarks(partitions, ends);
                    const bool fallbackRead = std::any_of(
                        ends->begin(), ends->end(), [](const auto &e) { return e.second >= 0; });
                    if (fallbackRead) {
                        method_ = OffsetMethod::Watermarks;
                    }
                    return fallback;
                }
                method_ = OffsetMethod::OffsetsForTimes;
            }
            return {};
        }
        if (method_ == OffsetMethod::None && isUnsupported(err.code)) {
            method_ = OffsetMethod::Watermarks;
            ends->clear();
            return readWithWatermarks(partitions, ends);
        }
        return err;
    }
    return readWithWatermarks(partitions, ends);
}

SampleRound OffsetSampler::sampleOnce()
{
    const auto started = Clock::now();
    const qint64 cpuStart = threadCpuNs();
    SampleRound round;
    round.sequence = ++sequence_;
    errors_->clear();

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
    if (round.error && topicPartitions_.empty()) {
        return finish();
    }
    round.error = {};

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

    // Committed offsets first: read before the log ends, so lag is never negative by a race.
    const std::vector<Committed> committed = readCommitted(watchedGroups(), watched);
    const std::vector<Partitions> &toRead = watched;
    for (const auto &p : toRead) {
        round.partitionCount += static_cast<int>(p.ids.size());
    }

    std::map<std::pair<QString, int32_t>, int64_t> ends;
    const int64_t requestStartNs = steadyNs();
    const qint64 requestStartWall = QDateTime::currentMSecsSinceEpoch();
    if (kafka::KafkaError err = readEndOffsets(toRead, &ends)) {
        if (!isConnectivity(err.code)) {
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

    for (const Committed &c : committed) {
        GroupLag g;
        g.group = c.group;
        g.error = c.error;
        for (const auto &[topic, partition, offset] : c.offsets) {
            PartitionLag pl;
            pl.topic = topic;
            pl.partition = partition;
            pl.committedOffset = offset;
            const auto it = ends.find({topic, partition});
            if (it != ends.end() && it->second >= 0) {
                pl.endOffset = it->second;
                pl.lag = std::max<int64_t>(0, it->second - offset);
                g.totalLag = std::max<int64_t>(0, g.totalLag) + pl.lag;
            }
            g.partitions.push_back(pl);
        }
        std::sort(g.partitions.begin(), g.partitions.end(), [](const PartitionLag &a, const PartitionLag &b) {
            return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
        });
        round.groups.push_back(std::move(g));
    }
    return finish();
}

} // namespace edis::metrics
