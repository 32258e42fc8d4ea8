#include "kafka/mockcluster.h"

#include "kafka/clienttraffic.h"
#include "kafka/internal/rdkafkahandles.h"

#include <librdkafka/rdkafka_mock.h>

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <array>

// The sandbox's category: librdkafka's complaints about the sandbox's own clients are the
// sandbox's (app/core/sandbox/sandboxcluster.cpp logs under the same name).
Q_LOGGING_CATEGORY(lcMockCluster, "edis.sandbox", QtWarningMsg)

namespace edis::kafka {

namespace {

void quietLog(const rd_kafka_t * /*rk*/, int level, const char *facility, const char *message)
{
    if (level <= 3) {
        qCWarning(lcMockCluster, "%s: %s", facility, message);
    }
}

} // namespace

std::unique_ptr<MockCluster> MockCluster::start(int brokers, QString *clientError)
{
    std::unique_ptr<MockCluster> cluster(new MockCluster());
    std::array<char, 512> errstr {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quietLog);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        if (clientError) {
            *clientError = QString::fromUtf8(errstr.data());
        }
        return {};
    }
    cluster->owner_.reset(rk);
    cluster->mock_ = rd_kafka_mock_cluster_new(rk, brokers);
    if (!cluster->mock_) {
        return {};
    }
    return cluster;
}

MockCluster::~MockCluster()
{
    destroy();
}

QString MockCluster::bootstrapServers() const
{
    return mock_ ? QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(mock_)) : QString();
}

bool MockCluster::createTopic(const char *name, int partitions, int replicationFactor, QString *error)
{
    if (const auto err = rd_kafka_mock_topic_create(mock_, name, partitions, replicationFactor)) {
        if (error) {
            *error = QString::fromUtf8(rd_kafka_err2str(err));
        }
        return false;
    }
    return true;
}

MockCluster::DestroyTimes MockCluster::destroy()
{
    DestroyTimes times;
    QElapsedTimer timer;
    timer.start();
    if (mock_) {
        rd_kafka_mock_cluster_destroy(mock_);
        mock_ = nullptr;
    }
    times.clusterMs = timer.restart();
    owner_.reset();
    times.ownerMs = timer.elapsed();
    return times;
}

MockClusterProducer::MockClusterProducer(std::atomic<uint64_t> *delivered, std::atomic<uint64_t> *failed)
    : delivered_(delivered)
    , failed_(failed)
{
}

std::unique_ptr<MockClusterProducer> MockClusterProducer::create(const QString &bootstrapServers,
    std::atomic<uint64_t> *delivered, std::atomic<uint64_t> *failed, QString *error)
{
    std::unique_ptr<MockClusterProducer> producer(new MockClusterProducer(delivered, failed));
    std::array<char, 512> errstr {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const auto set
        = [&](const char *k, const char *v) { rd_kafka_conf_set(conf, k, v, errstr.data(), errstr.size()); };
    set("bootstrap.servers", bootstrapServers.toUtf8().constData());
    set("client.id", "edis-sandbox-traffic");
    set("linger.ms", "20");
    set("enable.idempotence", "false");
    set("partitioner", "murmur2_random"); // what Java clients use, so keys land where they expect
    rd_kafka_conf_set_log_cb(conf, quietLog);
    rd_kafka_conf_set_opaque(conf, producer.get());
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *msg, void *opaque) {
        auto *self = static_cast<MockClusterProducer *>(opaque);
        (msg->err ? self->failed_ : self->delivered_)->fetch_add(1, std::memory_order_relaxed);
    });
    ClientTraffic::enableStatistics(conf); // the throughput page shows its bytes/s
    producer->producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size()));
    if (!producer->producer_) {
        rd_kafka_conf_destroy(conf);
        if (error) {
            *error = QString::fromUtf8(errstr.data());
        }
        return {};
    }
    ClientTraffic::instance().track(producer->producer_.get(), trafficKey(bootstrapServers));
    return producer;
}

MockClusterProducer::~MockClusterProducer()
{
    if (!producer_) {
        return;
    }
    rd_kafka_purge(producer_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(producer_.get(), 0);
    producer_.reset(); // here, while its last callbacks still reach a whole object
}

bool MockClusterProducer::send(const OutgoingMessage &message)
{
    return !produceMessage(producer_.get(), message).isError();
}

void MockClusterProducer::poll()
{
    rd_kafka_poll(producer_.get(), 0);
}

} // namespace edis::kafka
