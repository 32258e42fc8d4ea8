#pragma once

#include "exportcommon.h"
#include "exporttypes.h"

#include <QMap>

namespace YAML {
class Node;
}

namespace edis::exporting::detail {

/// Turns a pipeline into Redpanda Connect streams: one YAML config per connected part of the
/// graph. Sources Redpanda Connect cannot run (Debezium CDC) are exported as Kafka Connect
/// source connectors writing their topics, and the stream reads those topics.
///
/// Shape of a stream: one input (a `broker` of labelled inputs when there are several sources,
/// each tagging messages with meta edis_source), the processors every path shares in
/// `pipeline.processors`, and the rest per path: one `switch` case per source-to-sink path with
/// `continue: true`, whose output carries the path's remaining processors. Routes become
/// mappings that delete what does not take their port, so first-match semantics hold.
/// Every processor is a labelled `mapping` whose first line `# edis:TYPE {properties}` names the
/// designer step it came from, which is what import reads back.
class RedpandaConnectExporter {
public:
    RedpandaConnectExporter(const pipeline::PipelineModel &model, ExportOptions options, ExportReport *report,
        SecretResolver *secrets);
    void run(ExportResult *result);

private:
    struct Item {
        NodeId node = pipeline::InvalidNodeId;
        QString port;
        friend bool operator==(const Item &, const Item &) = default;
    };

    void splitOffConnectSources(ExportResult *result);
    QMap<NodeId, QList<Path>> connectedParts(const QList<Path> &paths) const;
    RedpandaStream stream(const QList<Path> &paths, int index, ExportResult *result);
    static qsizetype sharedPrefix(const QList<QList<Item>> &items);
    YAML::Node streamInput(const QList<NodeId> &sources, ExportResult *result);
    YAML::Node streamOutput(const QList<Path> &paths, const QList<QList<Item>> &items, qsizetype shared,
        bool severalSources, QList<NodeId> *nodes, ExportResult *result);
    bool expressible(NodeId node) const;
    YAML::Node input(NodeId source, ExportResult *result);
    YAML::Node processor(const Item &item);
    YAML::Node output(NodeId sink, ExportResult *result);
    YAML::Node seedBrokers(ExportResult *result) const;
    void reportUnexpressed(NodeId node, const QStringList &handled);
    QString name(NodeId node) const;
    QString secret(NodeId node, const QString &property);

    const pipeline::PipelineModel &model_;
    ExportOptions options_;
    ExportReport *report_;
    SecretResolver *secrets_;
    QHash<NodeId, QString> slugs_;
    QSet<NodeId> cdcSources_;
};

/// The Bloblang of a designer step, with its `# edis:` header line.
QString filterMapping(const QString &condition);
QString flattenMapping(const QString &deleteHandling, bool dropTombstones, const QStringList &addFields);
QString mapMapping(const QStringList &drop, const QStringList &rename, const QStringList &insert);
/// Keeps what takes `port` of a route whose rules (name, condition) are given in order.
QString routeMapping(const QString &mode, const QList<QPair<QString, QString>> &rules, const QString &port);

} // namespace edis::exporting::detail
