#pragma once

#include "exportcommon.h"
#include "exporttypes.h"

namespace edis::exporting::detail {

/// Source-connector kinds, transforms and sink-connector kinds of the Kafka Connect target.
inline constexpr char KindSourceConnector[] = "source-connector";
inline constexpr char KindSinkConnector[] = "sink-connector";
inline constexpr char KindTransform[] = "transform";
inline constexpr char KindTopic[] = "topic";

/// Classes of the Kafka Connect transforms and converters the export writes and the import reads.
inline const QString kJsonConverter = QStringLiteral("org.apache.kafka.connect.json.JsonConverter");
inline const QString kFilterSmt = QStringLiteral("org.apache.kafka.connect.transforms.Filter");
inline const QString kRegexRouterSmt = QStringLiteral("org.apache.kafka.connect.transforms.RegexRouter");
inline const QString kReplaceFieldSmt
    = QStringLiteral("org.apache.kafka.connect.transforms.ReplaceField$Value");
inline const QString kInsertFieldSmt
    = QStringLiteral("org.apache.kafka.connect.transforms.InsertField$Value");
inline const QString kValueToKeySmt = QStringLiteral("org.apache.kafka.connect.transforms.ValueToKey");
inline const QString kExtractKeySmt = QStringLiteral("org.apache.kafka.connect.transforms.ExtractField$Key");
inline const QString kTopicNameMatches
    = QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
inline const QString kExtractNewRecordState = QStringLiteral("io.debezium.transforms.ExtractNewRecordState");
inline const QString kDebeziumFilter = QStringLiteral("io.debezium.transforms.Filter");

/// The topics a source connector writes before any transform: Debezium's prefix.table topics,
/// the file source's topic… `regex` is set when the names are not all known (MySQL without a
/// table list).
struct NaturalTopics {
    QStringList names;
    QString regex;
};

/// Turns a pipeline into Kafka Connect connector configs. Processors become SMT chains with
/// predicates where Connect can express them; every node it cannot express is reported.
class KafkaConnectExporter {
public:
    KafkaConnectExporter(const pipeline::PipelineModel &model, ExportOptions options, ExportReport *report,
        SecretResolver *secrets);

    /// The whole pipeline.
    void run(ExportResult *result);

    /// Only a source connector writing its natural topics, no transforms: the Kafka Connect half
    /// of a pipeline whose processing runs in Redpanda Connect.
    ConnectorConfig bareSourceConnector(NodeId source, bool jsonSchemas);

    NaturalTopics naturalTopics(NodeId source) const;
    QString kindOf(NodeId node) const;

private:
    struct Transform {
        QString alias;
        QString type;
        QList<QPair<QString, QString>> params;
        QHash<QString, ConfigOrigin> origins;
        QString predicate;
        bool negate = false;
    };
    struct Predicate {
        QString alias;
        QString type;
        QString pattern;
    };
    struct Chain {
        QList<Transform> transforms;
        QList<Predicate> predicates;
    };
    /// How a source connector writes its topic nodes: shared processors, then at most one route.
    struct SourcePlan {
        QList<PathStep> prefix;
        NodeId route = pipeline::InvalidNodeId;
        QHash<QString, NodeId> portTopics; ///< route port → topic node
        QSet<NodeId> kafkaSinks;
    };
    /// What a sink connector reads.
    struct SinkInputs {
        QStringList topics;
        QStringList regexes;
        QString startFrom;
        NodeId startFromNode = pipeline::InvalidNodeId;
    };

    ConnectorConfig baseConnector(NodeId node);
    void addNodeProperties(ConnectorConfig *config, NodeId node);
    void addConverters(ConnectorConfig *config, bool jsonSchemas);
    void exportSource(NodeId source, const QList<Path> &paths, ExportResult *result);
    bool planSource(NodeId source, const QList<Path> &paths, SourcePlan *plan);
    bool sourcePathSteps(NodeId source, const Path &path, QList<PathStep> *steps, PathStep *route);
    bool appendSourceChain(Chain *chain, ConnectorConfig *config, const SourcePlan &plan);
    bool appendKafkaSinks(Chain *chain, ConnectorConfig *config, const SourcePlan &plan);
    void exportSink(NodeId sink, const QList<Path> &paths, ExportResult *result);
    bool addSinkInput(NodeId sink, NodeId origin, SinkInputs *inputs);
    void warnSinkTopicSettings(NodeId sink, NodeId origin);
    QList<PathStep> sinkPathSteps(const Path &path, ConnectorConfig *config) const;
    void setSinkTopics(ConnectorConfig *config, const SinkInputs &inputs) const;
    /// SMTs for one processor on a path; `sourceSide` when it runs in a source connector.
    bool appendProcessor(Chain *chain, const PathStep &step, bool sourceSide);
    void appendSinkRoute(Chain *chain, NodeId route, const QString &port);
    void appendSourceRoute(Chain *chain, NodeId route, const QHash<QString, NodeId> &portTopics);
    void appendKafkaSinkTransforms(Chain *chain, NodeId kafkaSink, bool afterRoute);
    void writeChain(ConnectorConfig *config, const Chain &chain);
    QString topicOf(NodeId topicNode) const;
    QString name(NodeId node) const;
    void cannotExpress(NodeId node, const QString &message, const QString &property = {});

    const pipeline::PipelineModel &model_;
    ExportOptions options_;
    ExportReport *report_;
    SecretResolver *secrets_;
    QHash<NodeId, QString> slugs_;
    QSet<NodeId> reported_;
    QSet<NodeId> groupWarned_;
};

/// Debezium 3.x folds "what happens to deletes" and "drop tombstones" into one setting.
QString deleteTombstoneMode(const QString &deleteHandling, bool dropTombstones);
/// The inverse: false when the mode has no designer equivalent.
bool fromDeleteTombstoneMode(const QString &mode, QString *deleteHandling, bool *dropTombstones);

/// "name: regex" routes of a topic-pattern route, in order.
QList<QPair<QString, QString>> routeRules(const pipeline::PipelineModel &model, NodeId route);

/// Java regex alternation of several full-match patterns.
QString anyOf(const QStringList &patterns);

} // namespace edis::exporting::detail
