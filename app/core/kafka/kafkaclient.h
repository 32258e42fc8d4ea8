#pragma once

#include "kafka/clienthandle.h"
#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/deadline.h"
#include "kafka/kafkaerror.h"
#include "kafka/offsets.h"
#include "kafka/rdkafkafwd.h"

#include <QString>

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace edis::kafka {

struct NewTopic {
    QString name;
    int partitions = 1;
    int replicationFactor = 1; ///< -1 lets the broker use its default
    std::map<std::string, std::string> configs;
};

/// A blocking client for metadata, offsets and admin requests. Not thread-safe: one thread owns
/// it (a worker, never the GUI thread). Every call is bounded by its timeout or Deadline; the
/// Deadline forms also end soon after its stop flag is set (kafka/deadline.h).
class KafkaClient {
public:
    /// A producer handle that never creates a topic by asking for its metadata.
    static std::unique_ptr<KafkaClient> create(const ConnectionSettings &settings, KafkaError *error);
    /// A handle made to `handle` (role, properties); its errors go to this client's collector.
    static std::unique_ptr<KafkaClient> create(
        const ConnectionSettings &settings, HandleOptions handle, KafkaError *error);
    ~KafkaClient();
    KafkaClient(const KafkaClient &) = delete;
    KafkaClient &operator=(const KafkaClient &) = delete;

    const ConnectionSettings &settings() const { return settings_; }

    /// All brokers and topics. Fails fast (before the timeout) when the cause is certain:
    /// unknown host, refused connection, TLS or authentication failure.
    Result<ClusterMetadata> fetchMetadata(std::chrono::milliseconds timeout);
    Result<ClusterMetadata> fetchMetadata(Deadline &deadline);

    /// kafka::offsetsForTimes on this client's handle (kafka/offsets.h).
    Result<QList<PartitionOffset>> offsetsForTimes(const QList<TopicPartitionRef> &partitions,
        int64_t timestampMs, Deadline &deadline, LeaderWait leaderWait = LeaderWait::ReportAtOnce);
    /// How watermarks are read: batched per leader, or one request per partition for clusters
    /// that refuse the batched request.
    enum class WatermarkQuery { Batched, OneByOne };
    /// kafka::queryWatermarks or kafka::queryWatermarksOneByOne on this client's handle.
    Result<QList<PartitionWatermarks>> watermarks(const QList<TopicPartitionRef> &partitions,
        Deadline &deadline, WatermarkQuery how = WatermarkQuery::Batched);

    KafkaError createTopic(const NewTopic &topic, std::chrono::milliseconds timeout);
    KafkaError deleteTopic(const QString &name, std::chrono::milliseconds timeout);

    /// The librdkafka handle, for the code of app/core/kafka and tests that set up a scenario
    /// with a raw librdkafka call.
    rd_kafka_s *handle() const { return rk_.get(); }
    /// The client-level errors (error_cb) seen since the last request began.
    ErrorCollector &errors() const { return *errors_; }

    /// What the embedded sandbox can and cannot do (librdkafka's mock cluster serves no admin
    /// requests), as one plain piece of information for pages, tooltips and errors alike;
    /// `what` names the action, e.g. tr("Creating a topic").
    static QString sandboxLimitation(const QString &what);
    /// The error admin requests return on the embedded sandbox: sandboxLimitation(what).
    static KafkaError notSupportedBySandbox(const QString &what);

private:
    explicit KafkaClient(ConnectionSettings settings);

    ConnectionSettings settings_;
    std::unique_ptr<ErrorCollector> errors_;
    KafkaHandle rk_;
};

} // namespace edis::kafka
