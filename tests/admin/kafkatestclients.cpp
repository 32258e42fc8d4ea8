#include "kafkatestclients.h"

#include <array>
#include <atomic>
#include <thread>

namespace edis::test {

using Clock = std::chrono::steady_clock;

namespace {
rd_kafka_conf_t *baseConf(const QString &bootstrap)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    std::array<char, 256> errstr {};
    rd_kafka_conf_set(
        conf, "bootstrap.servers", bootstrap.toUtf8().constData(), errstr.data(), errstr.size());
    return conf;
}
} // namespace

QString produceRecords(const QString &bootstrap, const QString &topic,
    const std::map<int32_t, int> &perPartition, int64_t firstTimestampMs, int64_t stepMs)
{
    std::array<char, 512> errstr {};
    rd_kafka_conf_t *conf = baseConf(bootstrap);
    rd_kafka_conf_set(conf, "linger.ms", "5", errstr.data(), errstr.size());
    // Delivery failures (e.g. a compacted topic refusing a record) must fail the helper, not
    // leave the test guessing: count them in the delivery report.
    std::atomic<int> failed {0};
    rd_kafka_conf_set_opaque(conf, &failed);
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *m, void *opaque) {
        if (m->err) {
            ++*static_cast<std::atomic<int> *>(opaque);
        }
    });
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
    if (!rk) {
        return QString::fromUtf8(errstr.data());
    }
    const QByteArray name = topic.toUtf8();
    QString error;
    for (const auto &[partition, count] : perPartition) {
        for (int i = 0; i < count && error.isEmpty(); ++i) {
            const QByteArray value = QByteArray::number(i);
            const int64_t ts = firstTimestampMs > 0 ? firstTimestampMs + i * stepMs : 0;
            // rd_kafka_produceva rather than the RD_KAFKA_V_* macros, which expand to C casts.
            const QByteArray key = "k" + value;
            std::array<rd_kafka_vu_t, 6> vus {};
            vus[0].vtype = RD_KAFKA_VTYPE_TOPIC;
            vus[0].u.cstr = name.constData();
            vus[1].vtype = RD_KAFKA_VTYPE_PARTITION;
            vus[1].u.i32 = partition;
            vus[2].vtype = RD_KAFKA_VTYPE_VALUE;
            vus[2].u.mem.ptr = const_cast<char *>(value.constData());
            vus[2].u.mem.size = static_cast<size_t>(value.size());
            vus[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
            vus[3].u.i = RD_KAFKA_MSG_F_COPY;
            vus[4].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
            vus[4].u.i64 = ts;
            vus[5].vtype = RD_KAFKA_VTYPE_KEY;
            vus[5].u.mem.ptr = const_cast<char *>(key.constData());
            vus[5].u.mem.size = static_cast<size_t>(key.size());
            rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
            while (true) {
                rd_kafka_error_t *e = rd_kafka_produceva(rk, vus.data(), vus.size());
                err = e ? rd_kafka_error_code(e) : RD_KAFKA_RESP_ERR_NO_ERROR;
                if (e) {
                    rd_kafka_error_destroy(e);
                }
                if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                    break;
                }
                rd_kafka_poll(rk, 10);
            }
            if (err) {
                error = QString::fromUtf8(rd_kafka_err2str(err));
            }
        }
    }
    if (error.isEmpty() && rd_kafka_flush(rk, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        error = QStringLiteral("flush timed out");
    }
    if (error.isEmpty() && failed > 0) {
        error = QStringLiteral("%1 record(s) were not delivered").arg(failed.load());
    }
    rd_kafka_destroy(rk);
    return error;
}

GroupConsumer::GroupConsumer(const QString &bootstrap, const QString &group, const QString &topic)
{
    std::array<char, 512> errstr {};
    rd_kafka_conf_t *conf = baseConf(bootstrap);
    rd_kafka_conf_set(conf, "group.id", group.toUtf8().constData(), errstr.data(), errstr.size());
    rd_kafka_conf_set(conf, "client.id", "edis-admin-test", errstr.data(), errstr.size());
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr.data(), errstr.size());
    rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", errstr.data(), errstr.size());
    rk_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr.data(), errstr.size());
    if (!rk_) {
        error_ = QString::fromUtf8(errstr.data());
        return;
    }
    rd_kafka_poll_set_consumer(rk_);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
    if (const auto err = rd_kafka_subscribe(rk_, topics)) {
        error_ = QString::fromUtf8(rd_kafka_err2str(err));
    }
    rd_kafka_topic_partition_list_destroy(topics);
}

GroupConsumer::~GroupConsumer()
{
    close();
}

void GroupConsumer::close()
{
    if (rk_) {
        rd_kafka_consumer_close(rk_);
        rd_kafka_destroy(rk_);
        rk_ = nullptr;
    }
}

bool GroupConsumer::waitForAssignment(int partitions, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (rk_ && Clock::now() < deadline) {
        if (rd_kafka_message_t *m = rd_kafka_consumer_poll(rk_, 100)) {
            if (!m->err) {
                ++seen_[m->partition];
            }
            rd_kafka_message_destroy(m);
        }
        rd_kafka_topic_partition_list_t *assignment = nullptr;
        if (rd_kafka_assignment(rk_, &assignment) == RD_KAFKA_RESP_ERR_NO_ERROR && assignment) {
            const int count = assignment->cnt;
            rd_kafka_topic_partition_list_destroy(assignment);
            if (count == partitions) {
                return true;
            }
        }
    }
    return false;
}

bool GroupConsumer::consumeAndCommit(int count, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    rd_kafka_topic_partition_list_t *assignment = nullptr;
    while (rk_ && Clock::now() < deadline) {
        if (rd_kafka_message_t *m = rd_kafka_consumer_poll(rk_, 100)) {
            if (!m->err) {
                ++seen_[m->partition];
            }
            rd_kafka_message_destroy(m);
        }
        if (assignment) {
            rd_kafka_topic_partition_list_destroy(assignment);
            assignment = nullptr;
        }
        if (rd_kafka_assignment(rk_, &assignment) || !assignment || assignment->cnt == 0) {
            continue;
        }
        bool enough = true;
        for (int i = 0; i < assignment->cnt; ++i) {
            enough = enough && seen_[assignment->elems[i].partition] >= count;
        }
        if (!enough) {
            continue;
        }
        for (int i = 0; i < assignment->cnt; ++i) {
            assignment->elems[i].offset = count;
        }
        const auto err = rd_kafka_commit(rk_, assignment, 0);
        rd_kafka_topic_partition_list_destroy(assignment);
        if (err) {
            error_ = QString::fromUtf8(rd_kafka_err2str(err));
            return false;
        }
        return true;
    }
    if (assignment) {
        rd_kafka_topic_partition_list_destroy(assignment);
    }
    error_ = QStringLiteral("timed out consuming %1 records per partition").arg(count);
    return false;
}

} // namespace edis::test
