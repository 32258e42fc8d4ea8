#include "testconsumer.h"

#include <librdkafka/rdkafka.h>

#include <QtGlobal>

#include <memory>

namespace edis::test {

namespace {
struct KafkaDeleter {
    void operator()(rd_kafka_t *rk) const
    {
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
    }
};
struct MetadataDeleter {
    void operator()(const rd_kafka_metadata_t *md) const { rd_kafka_metadata_destroy(md); }
};
struct PartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t *l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct MessageDeleter {
    void operator()(rd_kafka_message_t *m) const { rd_kafka_message_destroy(m); }
};
} // namespace

std::vector<ConsumedMessage> consumeFromBeginning(const std::string &bootstrap,
    const std::vector<std::string> &topics, std::size_t maxMessages, std::chrono::milliseconds timeout,
    QString *error, const std::map<std::string, std::string> &properties)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    std::vector<ConsumedMessage> out;
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    std::map<std::string, std::string> props = properties;
    props.emplace("bootstrap.servers", bootstrap);
    props.emplace("group.id", "edis-test-reader");
    props.emplace("enable.auto.commit", "false");
    props.emplace("enable.partition.eof", "true");
    for (const auto &[k, v] : props) {
        if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            *error = QString::fromUtf8(errstr);
            rd_kafka_conf_destroy(conf);
            return out;
        }
    }
    std::unique_ptr<rd_kafka_t, KafkaDeleter> rk(
        rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr));
    if (!rk) {
        *error = QString::fromUtf8(errstr);
        return out;
    }
    rd_kafka_poll_set_consumer(rk.get());

    std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter> assignment(
        rd_kafka_topic_partition_list_new(16));
    std::map<std::pair<std::string, int32_t>, int64_t> remaining; // partition -> high watermark
    for (const auto &topic : topics) {
        const rd_kafka_metadata_t *raw = nullptr;
        std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(
            rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr), &rd_kafka_topic_destroy);
        if (rd_kafka_metadata(rk.get(), 0, rkt.get(), &raw, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            *error = QStringLiteral("no metadata for %1").arg(QString::fromStdString(topic));
            return out;
        }
        std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> md(raw);
        for (int p = 0; md->topic_cnt == 1 && p < md->topics[0].partition_cnt; ++p) {
            const int32_t id = md->topics[0].partitions[p].id;
            int64_t low = 0;
            int64_t high = 0;
            rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), id, &low, &high, 10000);
            if (high > low) {
                remaining[{topic, id}] = high;
                rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), id)->offset
                    = RD_KAFKA_OFFSET_BEGINNING;
            }
        }
    }
    if (assignment->cnt == 0) {
        return out;
    }
    rd_kafka_assign(rk.get(), assignment.get());
    while (!remaining.empty() && out.size() < maxMessages && Clock::now() < deadline) {
        std::unique_ptr<rd_kafka_message_t, MessageDeleter> m(rd_kafka_consumer_poll(rk.get(), 200));
        if (!m || m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            continue;
        }
        if (m->err) {
            continue;
        }
        ConsumedMessage c;
        c.topic = rd_kafka_topic_name(m->rkt);
        c.partition = m->partition;
        c.offset = m->offset;
        c.timestamp = rd_kafka_message_timestamp(m.get(), nullptr);
        if (m->key) {
            c.key = QByteArray(static_cast<const char *>(m->key), static_cast<qsizetype>(m->key_len));
        }
        if (m->payload) {
            c.value = QByteArray(static_cast<const char *>(m->payload), static_cast<qsizetype>(m->len));
        }
        rd_kafka_headers_t *hdrs = nullptr;
        if (rd_kafka_message_headers(m.get(), &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            const char *name = nullptr;
            const void *value = nullptr;
            size_t size = 0;
            for (size_t i = 0;
                 rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
                c.headers.emplace_back(
                    name, QByteArray(static_cast<const char *>(value), static_cast<qsizetype>(size)));
            }
        }
        const auto it = remaining.find({c.topic, c.partition});
        if (it != remaining.end() && c.offset + 1 >= it->second) {
            remaining.erase(it);
        }
        out.push_back(std::move(c));
    }
    return out;
}

QString requiredEnv(const char *name)
{
    return qEnvironmentVariable(name);
}

} // namespace edis::test
