#pragma once

#include "catalogue.h"
#include "graphtypes.h"

#include <QObject>
#include <QSet>

#include <map>
#include <optional>

namespace edis::pipeline {

/// The pipeline graph, headless: nodes (catalogue steps with properties), edges between their
/// ports, and a separate layout of canvas positions. Addressed by ids; every change emits a
/// signal, so a canvas, live validation and an undo stack can all follow it.
///
/// The model is always acyclic: connect() and insertEdge() refuse an edge that would close a
/// cycle. Everything else a user can get wrong (types, missing properties, duplicate names,
/// unconnected ports) is allowed while editing and reported by validate().
///
/// Every edit is a small reversible step for QUndoCommands written by the GUI layer:
///   createNode ↔ removeNode, removeNode ↔ restoreNode, insertNode ↔ removeNode,
///   setProperty ↔ setProperty(old value), renameNode ↔ renameNode(old name),
///   moveNode ↔ moveNode(old position), connect/insertEdge ↔ disconnect ↔ insertEdge,
///   insertDocument ↔ removeNode of its nodes.
class PipelineModel : public QObject {
    Q_OBJECT
public:
    explicit PipelineModel(const Catalogue &catalogue = Catalogue::builtin(), QObject *parent = nullptr);
    ~PipelineModel() override;

    const Catalogue &catalogue() const { return catalogue_; }

    // --- reading ----------------------------------------------------------------------------
    QString name() const { return name_; }
    QString description() const { return description_; }
    qsizetype nodeCount() const { return static_cast<qsizetype>(nodes_.size()); }
    qsizetype edgeCount() const { return static_cast<qsizetype>(edges_.size()); }
    QList<NodeId> nodeIds() const; ///< ascending
    QList<EdgeId> edgeIds() const; ///< ascending
    bool hasNode(NodeId id) const { return nodes_.contains(id); }
    bool hasEdge(EdgeId id) const { return edges_.contains(id); }
    /// nullptr when there is no such node/edge. Valid until the next edit.
    const Node *node(NodeId id) const;
    const Edge *edge(EdgeId id) const;
    const NodeDescriptor *descriptor(NodeId id) const;
    /// The first node with that name (in id order), or InvalidNodeId.
    NodeId nodeByName(const QString &name) const;
    bool isNameUsed(const QString &name) const { return names_.contains(name); }
    QList<EdgeId> incomingEdges(NodeId id) const; ///< ascending
    QList<EdgeId> outgoingEdges(NodeId id) const; ///< ascending
    QList<EdgeId> edgesAt(const PortRef &port) const;
    /// The concrete ports of a node (see NodeDescriptor::portsFor).
    QList<PortDescriptor> ports(NodeId id) const;
    std::optional<QPointF> position(NodeId id) const;
    const Layout &layout() const { return layout_; }
    /// "Filter" → "Filter" if free, else "Filter 2", "Filter 3"… ("Filter 4" → "Filter 5").
    /// Names in `alsoTaken` count as used too (for pasting several nodes at once).
    QString uniqueName(const QString &wanted, const QSet<QString> &alsoTaken = {}) const;
    /// The next ids createNode()/connect() will hand out.
    NodeId nextNodeId() const { return nextNodeId_; }
    EdgeId nextEdgeId() const { return nextEdgeId_; }

    /// A plain-value copy of everything (nodes and edges sorted by id).
    PipelineDocument document() const;
    /// Only the given nodes, the edges between them, and their positions.
    PipelineDocument subDocument(const QList<NodeId> &nodes) const;

    // --- graph questions --------------------------------------------------------------------
    /// The nodes on a path from `start` to `goal` ([start, …, goal]), or empty when there is
    /// none. connect(from, to) would close a cycle exactly when cyclePath(from, to) is not empty.
    QList<NodeId> pathBetween(NodeId start, NodeId goal) const;
    /// The cycle an edge from→to would close, as [to, …, from] (the edge closes it back to
    /// `to`); empty when the edge is safe. For the GUI to highlight while the user drags.
    QList<NodeId> cyclePath(NodeId from, NodeId to) const;
    /// Why connect(from, to) would be refused, or an empty string when it would succeed.
    QString connectionError(const PortRef &from, const PortRef &to) const;

    // --- editing ----------------------------------------------------------------------------
    void setName(const QString &name);
    void setDescription(const QString &description);

    /// Adds a node of a catalogue type with the next id, default properties and a unique name
    /// (the type's display name when `name` is empty). InvalidNodeId for an unknown type.
    NodeId createNode(const QString &typeId, const QString &name = {}, std::optional<QPointF> position = {},
        QString *error = nullptr);
    /// Adds exactly this node (id, name, properties) — for redo and restore. Refuses an id in
    /// use, id 0, or an unknown type.
    bool insertNode(const Node &node, std::optional<QPointF> position = {}, QString *error = nullptr);
    /// Removes a node and its edges; returns them for restoreNode(). Empty node id when absent.
    RemovedNode removeNode(NodeId id);
    /// Puts back what removeNode() returned, with the same ids.
    bool restoreNode(const RemovedNode &removed, QString *error = nullptr);

    /// Sets one property; an invalid `value` removes it. Returns the old value (invalid when
    /// it was not set) — pass it back to undo.
    QVariant setProperty(NodeId id, const QString &key, const QVariant &value);
    /// Renames; refuses empty names and names another node has. Returns the old name.
    std::optional<QString> renameNode(NodeId id, const QString &name, QString *error = nullptr);
    /// Changes only the layout. Returns the old position (nullopt when it had none).
    std::optional<QPointF> moveNode(NodeId id, const QPointF &position);
    /// Drops a node's position (undo of a first move).
    void clearPosition(NodeId id);

    /// Connects an output port to an input port with the next edge id. Refused (InvalidEdgeId
    /// and `*error`) for unknown nodes/ports, wrong directions, a duplicate edge, a second edge
    /// on a single port, and any edge that would close a cycle (the error names its nodes).
    /// Type mismatches are allowed and reported by validate().
    EdgeId connect(const PortRef &from, const PortRef &to, QString *error = nullptr);
    /// Adds exactly this edge (redo/restore). Refuses only what would corrupt the model: an id
    /// in use, unknown nodes, a cycle.
    bool insertEdge(const Edge &edge, QString *error = nullptr);
    /// Removes an edge and returns it (nullopt when absent).
    std::optional<Edge> disconnect(EdgeId id);

    /// Adds the nodes, edges and positions of a document whose ids are all free (a prepared
    /// paste; see clipboard.h), all or nothing. Name and description are ignored.
    bool insertDocument(const PipelineDocument &fragment, QString *error = nullptr);
    /// Replaces everything (load). Refuses unknown node types, repeated ids, edges between
    /// unknown nodes and cycles; on refusal the model is unchanged.
    bool resetTo(const PipelineDocument &document, QString *error = nullptr);
    void clear();

Q_SIGNALS:
    void nodeAdded(edis::pipeline::NodeId id);
    /// After the node and its edges (each announced by edgeRemoved first) are gone.
    void nodeRemoved(edis::pipeline::NodeId id);
    void nodeRenamed(edis::pipeline::NodeId id, const QString &name);
    void propertyChanged(edis::pipeline::NodeId id, const QString &key);
    void nodeMoved(edis::pipeline::NodeId id, const QPointF &position);
    void edgeAdded(edis::pipeline::EdgeId id);
    void edgeRemoved(edis::pipeline::EdgeId id, const edis::pipeline::Edge &edge);
    void nameChanged(const QString &name);
    void descriptionChanged(const QString &description);
    /// After resetTo() and clear(): everything may have changed.
    void modelReset();
    /// After any change of meaning (not of layout): the hook for live validation.
    void graphChanged();

private:
    bool checkNodeInsertable(const Node &node, QString *error) const;
    void addNodeUnchecked(const Node &node);
    void addEdgeUnchecked(const Edge &edge);
    void removeEdgeUnchecked(EdgeId id);
    QString describeCycle(const QList<NodeId> &cycle) const;
    QString nodeLabel(NodeId id) const;

    const Catalogue &catalogue_;
    QString name_;
    QString description_;
    std::map<NodeId, Node> nodes_;
    std::map<EdgeId, Edge> edges_;
    QHash<NodeId, QList<EdgeId>> outgoing_;
    QHash<NodeId, QList<EdgeId>> incoming_;
    QMultiHash<QString, NodeId> names_;
    Layout layout_;
    NodeId nextNodeId_ = 1;
    EdgeId nextEdgeId_ = 1;
};

} // namespace edis::pipeline
