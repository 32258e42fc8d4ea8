#pragma once

// Topic administration beyond create/delete: watermarks, configs, partitions. Blocking calls
// for a worker thread (ClusterSession::submit, the CLI, tests), each bounded by its timeout.

#include "kafka/clustermetadata.h"
#include "kafka/kafkaclient.h"
#include "kafka/kafkaerror.h"
#include "kafka/offsets.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace edis::kafka {

/// Sum of messageCount() over `partitions`.
int64_t approximateMessageCount(const QList<PartitionWatermarks> &partitions);

/// Why Kafka would refuse `name` as a topic name (empty, too long, "." or "..", characters
/// outside [a-zA-Z0-9._-]), or an empty string when it is valid.
QString topicNameProblem(const QString &name);

/// Low and high watermarks of every partition of `topics`, in the same order:
/// KafkaClient::watermarks (kafka/offsets.h), two batched ListOffsets rounds. Partitions the
/// cluster could not answer carry an error; the call fails only when no partition could be read.
Result<QList<PartitionWatermarks>> fetchWatermarks(
    KafkaClient &client, const QList<TopicInfo> &topics, std::chrono::milliseconds timeout);

/// A topic's metadata with the watermarks of all its partitions.
struct TopicDescription {
    TopicInfo info;
    QList<PartitionWatermarks> watermarks; ///< same order as info.partitions
    int64_t messageCount() const { return approximateMessageCount(watermarks); }
};

/// Metadata and watermarks of the named topics (all topics when `names` is empty). An unknown
/// name fails with Kind::UnknownTopic.
Result<QList<TopicDescription>> describeTopics(
    KafkaClient &client, const QStringList &names, std::chrono::milliseconds timeout);

/// Where a config value comes from, as DescribeConfigs reports it.
enum class ConfigSource {
    Unknown,
    DynamicTopic, ///< set on this topic (an override)
    DynamicBroker, ///< set dynamically on one broker
    DynamicDefaultBroker, ///< set dynamically as the cluster-wide default
    StaticBroker, ///< server.properties
    Default, ///< Kafka's built-in default
};
QString configSourceName(ConfigSource source);

struct ConfigSynonym {
    QString name;
    QString value;
    ConfigSource source = ConfigSource::Unknown;
    bool operator==(const ConfigSynonym &) const = default;
};

struct ConfigEntry {
    QString name;
    QString value;
    bool valueIsNull = false; ///< sensitive values are not disclosed
    ConfigSource source = ConfigSource::Unknown;
    bool isDefault = false;
    bool isReadOnly = false;
    bool isSensitive = false;
    QList<ConfigSynonym> synonyms;
    /// What the setting does. librdkafka 2.0.2 asks for DescribeConfigs without documentation,
    /// so this comes from EDIS Studio's own help table (resources/kafka/topic-configs.json);
    /// empty for settings that table does not cover.
    QString documentation;

    /// Set on the topic itself, i.e. differs from what the topic would inherit.
    bool isOverride() const { return source == ConfigSource::DynamicTopic; }
    bool operator==(const ConfigEntry &) const = default;
};

/// All configs of `topic`, sorted by name, with documentation where known.
Result<QList<ConfigEntry>> describeTopicConfigs(
    KafkaClient &client, const QString &topic, std::chrono::milliseconds timeout);

/// The help text of a topic config from the bundled table, or an empty string.
QString topicConfigDocumentation(const QString &name);

/// Changes to a topic's overrides: values to set and overrides to remove (back to inherited).
struct ConfigChanges {
    std::map<std::string, std::string> set;
    std::set<std::string> remove;
    bool isEmpty() const { return set.empty() && remove.empty(); }
};

/// Applies `changes` to the topic's overrides. librdkafka 2.0.2 has no IncrementalAlterConfigs
/// (added in 2.2.0) and AlterConfigs replaces the whole override set, so this reads the current
/// overrides first, merges the changes and sends the full set. A concurrent change by someone
/// else between the read and the write is lost (last writer wins), as with kafka-configs
/// against old brokers. Removing a name that is not overridden is not an error. Returns once
/// the broker reads the new overrides back (at most 5 s), so a following read or alter is not
/// served the old ones.
KafkaError alterTopicConfigs(KafkaClient &client, const QString &topic, const ConfigChanges &changes,
    std::chrono::milliseconds timeout);

/// Grows `topic` to `totalPartitions` (Kafka cannot shrink a topic).
KafkaError createPartitions(
    KafkaClient &client, const QString &topic, int totalPartitions, std::chrono::milliseconds timeout);

} // namespace edis::kafka

Q_DECLARE_METATYPE(edis::kafka::TopicDescription)
Q_DECLARE_METATYPE(edis::kafka::ConfigEntry)
