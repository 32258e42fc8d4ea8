#include "kafka/metadata.h"

#include "kafka/internal/rdkafkahandles.h"
#include "kafka/requesttuning.h"

#include <QCoreApplication>

#include <algorithm>
#include <memory>

namespace edis::kafka {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::Metadata", text);
}

PartitionInfo toPartitionInfo(const rd_kafka_metadata_partition_t &mp)
{
    PartitionInfo part;
    part.id = mp.id;
    part.leader = mp.leader;
    part.replicas = QList<int32_t>(mp.replicas, mp.replicas + mp.replica_cnt);
    part.isr = QList<int32_t>(mp.isrs, mp.isrs + mp.isr_cnt);
    if (mp.err) {
        part.error = QString::fromUtf8(rd_kafka_err2str(mp.err));
    }
    return part;
}

TopicInfo toTopicInfo(const rd_kafka_metadata_topic_t &mt)
{
    TopicInfo topic;
    topic.name = QString::fromUtf8(mt.topic);
    if (mt.err) {
        topic.error = QString::fromUtf8(rd_kafka_err2str(mt.err));
    }
    topic.partitions.reserve(mt.partition_cnt);
    for (int p = 0; p < mt.partition_cnt; ++p) {
        topic.partitions.push_back(toPartitionInfo(mt.partitions[p]));
    }
    std::sort(topic.partitions.begin(), topic.partitions.end(),
        [](const PartitionInfo &a, const PartitionInfo &b) { return a.id < b.id; });
    return topic;
}

/// True while a topic's metadata still says "being created": unknown, no partitions yet, or a
/// partition without a leader.
bool isSettling(const rd_kafka_metadata_topic_t &topic)
{
    if (topic.err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE
        || topic.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        return true;
    }
    if (topic.err) {
        return false;
    }
    return topic.partition_cnt == 0
        || std::any_of(topic.partitions, topic.partitions + topic.partition_cnt,
            [](const rd_kafka_metadata_partition_t &p) { return p.leader < 0; });
}

/// What a failed wait returns: the stop, a cause that will not go away, or the most telling
/// cause seen before the deadline.
KafkaError failure(const ErrorCollector &errors, const Deadline &deadline, rd_kafka_resp_err_t last)
{
    if (deadline.stopped()) {
        return deadline.overError();
    }
    if (KafkaError cause = errors.mostTelling()) {
        return cause;
    }
    return KafkaError::fromCode(last ? last : RD_KAFKA_RESP_ERR__TIMED_OUT);
}

/// One metadata request of at most one slice (all topics, or only `rkt`); serves error_cb.
rd_kafka_resp_err_t askOnce(
    rd_kafka_t *rk, rd_kafka_topic_t *rkt, ErrorCollector &errors, Deadline &deadline, MetadataHandle *md)
{
    const rd_kafka_metadata_t *raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, rkt ? 0 : 1, rkt, &raw, deadline.nextSliceMs());
    md->reset(raw);
    rd_kafka_poll(rk, 0); // serves error_cb into the collector
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
        deadline.sliceEnded(errors.mostTelling().isError());
    } else if (err && err != RD_KAFKA_RESP_ERR__TRANSPORT) {
        // Not a connectivity problem; give the broker a moment before asking again.
        deadline.pause(tuning::kRetryPause);
    }
    return err;
}

} // namespace

ClusterMetadata toClusterMetadata(const rd_kafka_metadata_t &md)
{
    ClusterMetadata out;
    out.answeringBrokerId = md.orig_broker_id;
    for (int i = 0; i < md.broker_cnt; ++i) {
        const auto &b = md.brokers[i];
        out.brokers.push_back({b.id, QString::fromUtf8(b.host), b.port});
    }
    std::sort(out.brokers.begin(), out.brokers.end(),
        [](const BrokerInfo &a, const BrokerInfo &b) { return a.id < b.id; });
    out.topics.reserve(md.topic_cnt);
    for (int t = 0; t < md.topic_cnt; ++t) {
        out.topics.push_back(toTopicInfo(md.topics[t]));
    }
    std::sort(out.topics.begin(), out.topics.end(),
        [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return out;
}

Result<ClusterMetadata> fetchMetadata(rd_kafka_t *rk, ErrorCollector &errors, Deadline &deadline)
{
    errors.clear();
    rd_kafka_resp_err_t last = RD_KAFKA_RESP_ERR_NO_ERROR;
    while (!deadline.over()) {
        MetadataHandle md;
        last = askOnce(rk, nullptr, errors, deadline, &md);
        if (!last && md) {
            ClusterMetadata result = toClusterMetadata(*md);
            if (char *id = rd_kafka_clusterid(rk, 0)) {
                result.clusterId = QString::fromUtf8(id);
                rd_kafka_mem_free(rk, id);
            }
            result.controllerId = rd_kafka_controllerid(rk, 0);
            return {std::move(result), {}};
        }
        if (errors.hasFatal()) {
            return {{}, errors.mostTelling()};
        }
    }
    return {{}, failure(errors, deadline, last)};
}

Result<TopicInfo> fetchTopicMetadata(
    rd_kafka_t *rk, ErrorCollector &errors, const QString &topic, Deadline &deadline)
{
    errors.clear();
    const QByteArray name = topic.toUtf8();
    const std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(
        rd_kafka_topic_new(rk, name.constData(), nullptr), &rd_kafka_topic_destroy);
    const auto settledBy = Deadline::Clock::now() + tuning::kTopicSettleGrace;
    MetadataHandle md;
    rd_kafka_resp_err_t last = RD_KAFKA_RESP_ERR__TIMED_OUT;
    bool settled = false;
    while (!settled && !deadline.over()) {
        last = askOnce(rk, rkt.get(), errors, deadline, &md);
        if (errors.hasFatal()) {
            return {{}, errors.mostTelling()};
        }
        settled = !last && md
            && (md->topic_cnt < 1 || !isSettling(md->topics[0]) || Deadline::Clock::now() >= settledBy);
        if (!settled && !last) {
            deadline.pause(tuning::kLeaderRetryPause);
        }
    }
    if (!settled && deadline.stopped()) {
        return {{}, deadline.overError()};
    }
    if (last || !md) {
        return {{}, failure(errors, deadline, last)};
    }
    if (md->topic_cnt < 1 || md->topics[0].err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        return {{},
            KafkaError::make(KafkaError::Kind::UnknownTopic, tr("Topic '%1' does not exist.").arg(topic),
                RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)};
    }
    if (const rd_kafka_resp_err_t err = md->topics[0].err) {
        return {{}, KafkaError::fromCode(err, topic)};
    }
    return {toTopicInfo(md->topics[0]), {}};
}

bool needsMetadataRefresh(int err)
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

bool isConnectivityError(int err)
{
    return err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT
        || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || err == RD_KAFKA_RESP_ERR__RESOLVE
        || err == RD_KAFKA_RESP_ERR__AUTHENTICATION || err == RD_KAFKA_RESP_ERR__SSL;
}

} // namespace edis::kafka
