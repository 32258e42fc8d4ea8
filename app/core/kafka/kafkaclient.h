#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "kafka/rdkafkahandles.h"

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

/// A blocking client for metadata and admin requests. Not thread-safe: one thread owns it
/// (a worker, never the GUI thread). Every call is bounded by its timeout.
class KafkaClient {
public:
    static std::unique_ptr<KafkaClient> create(const ConnectionSettings &settings, KafkaError *error);
    ~KafkaClient();
    KafkaClient(const KafkaClient &) = delete;
    KafkaClient &operator=(const KafkaClient &) = delete;

    const ConnectionSettings &settings() const { return settings_; }

    /// All brokers and topics. Fails fast (before the timeout) when the cause is certain:
    /// unknown host, refused connection, TLS or authentication failure.
    Result<ClusterMetadata> fetchMetadata(std::chrono::milliseconds timeout);

    KafkaError createTopic(const NewTopic &topic, std::chrono::milliseconds timeout);
    KafkaError deleteTopic(const QString &name, std::chrono::milliseconds timeout);

    rd_kafka_t *handle() const { return rk_.get(); }

    /// What the embedded sandbox can and cannot do (librdkafka's mock cluster serves no admin
    /// requests), as one plain piece of information for pages, tooltips and errors alike;
    /// `what` names the action, e.g. tr("Creating a topic").
    static QString sandboxLimitation(const QString &what);
    /// The error admin requests return on the embedded sandbox: sandboxLimitation(what).
    static KafkaError notSupportedBySandbox(const QString &what);

private:
    explicit KafkaClient(ConnectionSettings settings);
    KafkaError runAdmin(rd_kafka_queue_t *queue, rd_kafka_event_type_t expected,
        std::chrono::milliseconds timeout, EventHandle *result);

    ConnectionSettings settings_;
    std::unique_ptr<ErrorCollector> errors_;
    KafkaHandle rk_;
};

/// Converts librdkafka's metadata into the plain, sorted snapshot the rest of the code uses.
ClusterMetadata toClusterMetadata(const rd_kafka_metadata_t &md);

} // namespace edis::kafka
