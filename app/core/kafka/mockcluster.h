#pragma once

// librdkafka's in-process mock cluster (rdkafka_mock.h) and a producer that feeds it, behind a
// small C++ API, so that the sandbox (app/core/sandbox) needs no librdkafka header.

#include "kafka/outgoingmessage.h"
#include "kafka/rdkafkafwd.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

struct rd_kafka_mock_cluster_s;

namespace edis::kafka {

/// A Kafka-protocol cluster in this process, listening on 127.0.0.1. It runs on a client handle
/// of its own (its owner), which goes after it.
class MockCluster {
public:
    /// Starts `brokers` brokers. On failure returns null and sets `clientError` to librdkafka's
    /// message when the owner could not be created, or leaves it empty when the cluster did not
    /// open its listeners.
    static std::unique_ptr<MockCluster> start(int brokers, QString *clientError);
    /// destroy()s what is left.
    ~MockCluster();
    MockCluster(const MockCluster &) = delete;
    MockCluster &operator=(const MockCluster &) = delete;

    QString bootstrapServers() const;
    /// Creates a topic; on failure returns false and sets `error` to librdkafka's message.
    bool createTopic(const char *name, int partitions, int replicationFactor, QString *error);

    /// How long each step of destroy() took, for the caller's log.
    struct DestroyTimes {
        qint64 clusterMs = 0;
        qint64 ownerMs = 0;
    };
    /// Destroys the cluster, then its owner.
    DestroyTimes destroy();

private:
    MockCluster() = default;

    KafkaHandle owner_;
    rd_kafka_mock_cluster_s *mock_ = nullptr;
};

/// A producer for a MockCluster's live traffic: acknowledgements are counted into atomics that
/// any thread may read. What is still queued when it is destroyed is dropped, not flushed: the
/// cluster is in memory and goes with the app, and a flush held the exit for up to 2 s.
class MockClusterProducer {
public:
    /// Counts each delivered record in `*delivered`, each failed one in `*failed` (both must
    /// outlive the producer). On failure returns null and sets `error` to librdkafka's message.
    static std::unique_ptr<MockClusterProducer> create(const QString &bootstrapServers,
        std::atomic<uint64_t> *delivered, std::atomic<uint64_t> *failed, QString *error);
    ~MockClusterProducer();
    MockClusterProducer(const MockClusterProducer &) = delete;
    MockClusterProducer &operator=(const MockClusterProducer &) = delete;

    /// Queues a record (its bytes are copied); false when it could not be queued.
    bool send(const OutgoingMessage &message);
    /// Serves delivery reports and statistics without waiting.
    void poll();

private:
    MockClusterProducer(std::atomic<uint64_t> *delivered, std::atomic<uint64_t> *failed);

    std::atomic<uint64_t> *delivered_;
    std::atomic<uint64_t> *failed_;
    KafkaHandle producer_;
};

} // namespace edis::kafka
