#pragma once
// Internal to edis_export: Kafka Connect connector configs back to designer steps (the
// counterpart of kafkaconnectexporter.h).

#include "importcommon.h"

#include <QByteArray>
#include <QMap>
#include <optional>

namespace edis::exporting::detail {

/// One connector config as a file holds it.
struct Connector {
    QString name;
    QMap<QString, QString> config;
    QString origin; ///< the file, for warnings
};

/// java.util.Properties, the subset connector files use: key=value or key:value, # and !
/// comments, backslash escapes and continuation lines.
QMap<QString, QString> parseProperties(const QByteArray &text);

/// REST JSON {"name", "config"} or a flat config object as GET /connectors/NAME/config returns
/// it. The error starts with "not valid JSON" when the text is broken rather than another kind
/// of JSON.
bool parseConnectorJson(const QByteArray &text, Connector *connector, QString *error);

/// Builds the Kafka Connect part of an imported graph: a node per connector, SMTs grouped back
/// into steps by alias, RegexRouters into routes and Kafka topic sinks, sink topics into Kafka
/// topic sources.
class KafkaConnectImporter {
public:
    KafkaConnectImporter(GraphBuilder *graph, const pipeline::Catalogue &catalogue, QStringList *warnings)
        : graph_(graph)
        , catalogue_(catalogue)
        , warnings_(warnings)
    {
    }

    /// Sources first, so that a sink reading a source's natural topics is connected to it.
    void run(const QList<Connector> &connectors);

    /// The node of a source connector that writes its natural topics unrenamed (a Redpanda
    /// Connect input labelled with its name reads them), or InvalidNodeId.
    NodeId implicitNode(const QString &connector) const { return implicitNodes_.value(connector); }

private:
    /// One SMT of a connector, its alias split at "__" into the step it belongs to and its part.
    struct Smt {
        QString alias;
        QString base;
        QString suffix;
        QString type;
        QMap<QString, QString> params;
        QString predicatePattern;
        bool negate = false;
    };
    /// One designer step per alias group, in chain order.
    struct Step {
        NodeId node = pipeline::InvalidNodeId;
        QString port = QStringLiteral("out");
    };
    /// Where a source connector's records go after its processors.
    struct SourceRouting {
        NodeId route = pipeline::InvalidNodeId;
        QHash<QString, QString> portTopics; ///< route port → topic
        QString plainTopic; ///< one RegexRouter without predicate
        QString plainAlias;
        QHash<QString, QString> keyFields; ///< topic → key field
    };

    static QList<Smt> transformsOf(const Connector &c);
    const pipeline::NodeDescriptor *descriptorFor(const Connector &c) const;
    NodeId connectorNode(const Connector &c, const pipeline::NodeDescriptor &d);
    void readHttpHeaders(NodeId id, const Connector &c);
    QStringList naturalTopics(const Connector &c, const pipeline::NodeDescriptor &d) const;
    NodeId kafkaSinkFor(const QString &topic, const QString &name);
    void setRoutes(NodeId route);

    /// Turns processor SMTs into steps; routing and key SMTs are left to the caller.
    QList<Step> processorSteps(const QList<Smt> &smts, bool sourceSide, QList<Smt> *rest);
    NodeId flattenStep(const Smt &smt);
    NodeId mapStep(const Smt &smt);
    NodeId filterStep(const Smt &smt);
    std::optional<Step> routeFilterStep(const Smt &smt, const QList<Smt> &smts);

    void importSource(const Connector &c, const pipeline::NodeDescriptor &d);
    SourceRouting sourceRouting(const Connector &c, const QList<Smt> &rest);
    void connectSourceOutputs(
        const Connector &c, const SourceRouting &routing, NodeId last, const QString &lastPort);
    void importSink(const Connector &c, const pipeline::NodeDescriptor &d);
    QStringList sinkTopics(const Connector &c);
    QList<NodeId> sinkOrigins(const Connector &c, QStringList topics);
    void warnLeftOut(const Connector &c, const Smt &smt);

    GraphBuilder *graph_;
    const pipeline::Catalogue &catalogue_;
    QStringList *warnings_;
    QHash<NodeId, QMap<int, QPair<QString, QString>>> routes_; ///< route → rules by position
    QHash<QString, QStringList> implicitTopics_; ///< natural topics of an implicit source, by connector
    QHash<QString, NodeId> implicitNodes_;
};

} // namespace edis::exporting::detail
