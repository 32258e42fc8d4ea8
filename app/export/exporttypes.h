#pragma once

#include "graphtypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace edis::exporting {

using pipeline::NodeId;

/// The engines a pipeline can be exported to.
enum class Target { KafkaConnect, RedpandaConnect };

/// "kafka-connect" / "redpanda-connect": the ids the catalogue uses for export hints.
QString targetId(Target target);
std::optional<Target> targetFromId(const QString &id);

/// Something an export could not do, or did only with a caveat, pointing at the node to fix.
struct ExportProblem {
    enum class Severity { Warning, Error };

    Severity severity = Severity::Error;
    /// Stable kind: "cannot-express" (the target has no way to run this node as designed),
    /// "unexpressed-property" (a setting the target has no place for; it is left out),
    /// "needs-plugin" (the target needs an extra plugin jar), "literal-secret" (a secret typed
    /// in plain text: not exported, replaced by a variable), "invalid-pipeline" (validation
    /// errors), "conflict" (two nodes need different values of one engine setting).
    QString code;
    QString message; ///< a sentence naming the node
    NodeId node = pipeline::InvalidNodeId;
    QString property;

    bool isError() const { return severity == Severity::Error; }
};

struct ExportReport {
    QList<ExportProblem> problems;

    bool hasErrors() const;
    QList<ExportProblem> forNode(NodeId node) const;
    void add(ExportProblem::Severity severity, const QString &code, const QString &message, NodeId node = 0,
        const QString &property = {});
};

/// How secrets appear in exported configs. Never as their value.
enum class SecretStyle {
    /// Kafka Connect: ${env:VAR} (EnvVarConfigProvider, Kafka 3.5+); Redpanda Connect: ${VAR}.
    EnvironmentVariable,
    /// Kafka Connect: ${file:SECRETS_FILE:VAR} (FileConfigProvider); Redpanda Connect: ${VAR}.
    File,
};

struct ExportOptions {
    SecretStyle secretStyle = SecretStyle::EnvironmentVariable;
    /// The path of the secrets file as the Connect worker sees it (SecretStyle::File).
    QString secretsFile = QStringLiteral("/etc/kafka-connect/secrets.properties");
    /// Kafka bootstrap servers for settings that need them (Redpanda Connect seed_brokers, MySQL
    /// schema history). Empty: a variable (KAFKA_BOOTSTRAP_SERVERS) the deployment sets.
    QString bootstrapServers;
    /// JsonConverter with schemas (needed by Debezium's SMTs in sink connectors) or without.
    bool jsonSchemas = true;
};

/// Where a connector setting came from: which node and which of its properties. Deploy uses it
/// to map the validation errors of Kafka Connect back to the designer.
struct ConfigOrigin {
    NodeId node = pipeline::InvalidNodeId;
    QString property; ///< empty: the setting belongs to the node as a whole
};

/// One Kafka Connect connector: what the REST API takes as {"name": …, "config": {…}}.
struct ConnectorConfig {
    QString name;
    bool isSource = false;
    QList<QPair<QString, QString>> entries; ///< in writing order; includes connector.class
    QHash<QString, ConfigOrigin> origins; ///< config key → node/property it expresses
    QList<NodeId> nodes; ///< every node this connector expresses (connector, transforms, topics)

    QString value(const QString &key) const;
    bool contains(const QString &key) const;
    void set(const QString &key, const QString &value, ConfigOrigin origin = {});
    QString connectorClass() const { return value(QStringLiteral("connector.class")); }
    QMap<QString, QString> toMap() const;

    QByteArray toRestJson() const; ///< {"name": …, "config": {…}}, pretty
    QByteArray toProperties() const; ///< name=… and every entry, for connect-standalone
};

/// One Redpanda Connect stream: a YAML config file.
struct RedpandaStream {
    QString name; ///< file base name
    QByteArray yaml;
    QList<NodeId> nodes;
};

/// A topic the pipeline needs.
struct TopicSpec {
    QString name;
    int partitions = -1; ///< -1: the broker's default
    int replicationFactor = -1; ///< -1: the broker's default
    QMap<QString, QString> configs;
    QString purpose; ///< why it is needed, for the manifest reader
    NodeId node = pipeline::InvalidNodeId;
};

/// A secret that an exported config refers to: the deployment must provide it.
struct SecretRef {
    QString variable; ///< environment variable / secrets-file key
    NodeId node = pipeline::InvalidNodeId;
    QString property;
    bool wasLiteral = false; ///< the pipeline held a literal value, which was not exported
    QString nodeName;
};

struct ExportFile {
    QString path; ///< relative to the export directory
    QByteArray content;
};

struct ExportResult {
    Target target = Target::KafkaConnect;
    ExportReport report;
    QList<ConnectorConfig> connectors; ///< Kafka Connect part (also Debezium sources of a Redpanda export)
    QList<RedpandaStream> streams; ///< Redpanda Connect part
    QList<TopicSpec> topics;
    QList<SecretRef> secrets;
    QStringList variables; ///< non-secret environment variables the configs refer to

    /// Every file to write: connectors/NAME.json and .properties, redpanda/NAME.yaml,
    /// topics.json, the secrets template and a README. Empty when the report has errors.
    QList<ExportFile> files(const ExportOptions &options = {}) const;
};

QString severityName(ExportProblem::Severity severity);

} // namespace edis::exporting
