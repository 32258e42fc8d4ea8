#pragma once

#include "exporttypes.h"

#include <chrono>

namespace edis::kafka {
class KafkaClient;
}
namespace edis::pipeline {
class PipelineModel;
}

namespace edis::exporting {

/// The topics an exported pipeline needs on the Kafka cluster: designed topics (Kafka topic
/// nodes, with their expected partitions), the topics Debezium and other source connectors
/// write when no transform renames them, and Debezium MySQL's schema history topic.
QList<TopicSpec> topicsNeeded(const pipeline::PipelineModel &model, const ExportResult &result);

/// topics.json: {"topics": [{"name", "partitions", "replicationFactor", "configs", "purpose"}]}.
QByteArray topicsManifestJson(const QList<TopicSpec> &topics);
bool parseTopicsManifest(const QByteArray &json, QList<TopicSpec> *topics, QString *error);

struct TopicsOutcome {
    QStringList existing;
    QStringList created;
    QStringList missing; ///< not there and not created (dry run or failure)
    QStringList errors; ///< "topic: message"
    bool ok() const { return errors.isEmpty(); }
};

/// Compares the manifest with the cluster and, when `create`, creates what is missing. Blocking:
/// call it off the GUI thread.
TopicsOutcome ensureTopics(kafka::KafkaClient &client, const QList<TopicSpec> &topics, bool create,
    std::chrono::milliseconds timeout);

} // namespace edis::exporting
