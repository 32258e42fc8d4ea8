#pragma once
// Internal to edis_export: the graph an import builds and the value conversions every engine's
// importer shares (the counterpart of exportcommon.h).

#include "catalogue.h"
#include "graphtypes.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <map>
#include <string>
#include <vector>

namespace edis::exporting::detail {

using pipeline::NodeId;

QString qs(const std::string &text);

/// ${env:VAR}, ${file:…:VAR} and ${VAR} all become the designer's ${env:VAR}.
QString secretReference(const QString &value);

/// QRegularExpression::escape, undone.
QString unescapeRegex(const QString &pattern);

/// "a, b,,c" → {"a", "b", "c"}.
QStringList splitList(const QString &text, QChar separator = QLatin1Char(','));

/// The graph being imported: nodes keyed by what identifies them in the configs, so that the
/// importers of several engines meet on the same node (a Kafka Connect source read by a Redpanda
/// Connect stream).
class GraphBuilder {
public:
    explicit GraphBuilder(const pipeline::Catalogue &catalogue)
        : catalogue_(catalogue)
    {
    }

    NodeId find(const QString &key) const { return keys_.value(key, pipeline::InvalidNodeId); }
    /// The node known as `key`, created with the catalogue defaults (and a name made unique)
    /// when it is new.
    NodeId node(const QString &key, const QString &type, const QString &name);

    void set(NodeId id, const QString &key, const QVariant &value)
    {
        nodes_[id].properties.insert(key, value);
    }
    QVariant get(NodeId id, const QString &key) const { return nodes_.at(id).properties.value(key); }
    QString type(NodeId id) const { return nodes_.at(id).type; }
    /// Sets a property from its engine text, typed by the catalogue.
    void setText(NodeId id, const QString &key, const QString &text);

    /// Adds the edge unless it is there already.
    void edge(NodeId from, const QString &fromPort, NodeId to, const QString &toPort);
    /// A single output port feeding several steps gets a Fan-out; a single input port fed by
    /// several steps a Merge (what the designer needs; engines just share topics).
    void insertFanOutsAndMerges();

    QList<NodeId> successors(NodeId id) const;
    pipeline::PipelineDocument document(const QString &name) const;
    bool empty() const { return nodes_.empty(); }

private:
    using PortEdges = std::map<std::pair<NodeId, QString>, QList<qsizetype>>;
    enum class Side { Out, In };

    /// Puts a node of `type` between a port and the edges it shares with others.
    void insertJunctions(Side side, const QString &type, const QString &name);
    bool portAllowsMany(NodeId id, const QString &port) const;

    const pipeline::Catalogue &catalogue_;
    std::map<NodeId, pipeline::Node> nodes_;
    std::vector<pipeline::Edge> edges_;
    QHash<QString, NodeId> keys_;
    QSet<QString> names_;
    NodeId nextId_ = 1;
    pipeline::EdgeId nextEdge_ = 1;
};

/// Sources whose format the configs do not carry: Debezium change events when a flatten step
/// reads them, records otherwise.
void inferFormats(GraphBuilder *graph);

} // namespace edis::exporting::detail
