#include "pipelinemodel.h"

#include "graphalgorithms.h"

#include <QQueue>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace edis::pipeline {

namespace {

void insertSorted(QList<EdgeId> &list, EdgeId id)
{
    list.insert(std::lower_bound(list.begin(), list.end(), id), id);
}

} // namespace

PipelineModel::PipelineModel(const Catalogue &catalogue, QObject *parent)
    : QObject(parent)
    , catalogue_(catalogue)
{
}

PipelineModel::~PipelineModel() = default;

QList<NodeId> PipelineModel::nodeIds() const
{
    QList<NodeId> ids;
    ids.reserve(nodeCount());
    for (const auto &entry : nodes_) {
        ids << entry.first;
    }
    return ids;
}

QList<EdgeId> PipelineModel::edgeIds() const
{
    QList<EdgeId> ids;
    ids.reserve(edgeCount());
    for (const auto &entry : edges_) {
        ids << entry.first;
    }
    return ids;
}

const Node *PipelineModel::node(NodeId id) const
{
    const auto it = nodes_.find(id);
    return it == nodes_.end() ? nullptr : &it->second;
}

const Edge *PipelineModel::edge(EdgeId id) const
{
    const auto it = edges_.find(id);
    return it == edges_.end() ? nullptr : &it->second;
}

const NodeDescriptor *PipelineModel::descriptor(NodeId id) const
{
    const Node *n = node(id);
    return n ? catalogue_.node(n->type) : nullptr;
}

NodeId PipelineModel::nodeByName(const QString &name) const
{
    const QList<NodeId> ids = names_.values(name);
    return ids.isEmpty() ? InvalidNodeId : *std::min_element(ids.cbegin(), ids.cend());
}

QList<EdgeId> PipelineModel::incomingEdges(NodeId id) const
{
    return incoming_.value(id);
}

QList<EdgeId> PipelineModel::outgoingEdges(NodeId id) const
{
    return outgoing_.value(id);
}

QList<EdgeId> PipelineModel::edgesAt(const PortRef &port) const
{
    QList<EdgeId> result;
    for (const EdgeId id : outgoing_.value(port.node)) {
        if (edges_.at(id).from.port == port.port) {
            result << id;
        }
    }
    for (const EdgeId id : incoming_.value(port.node)) {
        if (edges_.at(id).to.port == port.port) {
            result << id;
        }
    }
    return result;
}

QList<PortDescriptor> PipelineModel::ports(NodeId id) const
{
    const Node *n = node(id);
    const NodeDescriptor *d = n ? catalogue_.node(n->type) : nullptr;
    return d ? d->portsFor(n->properties) : QList<PortDescriptor>();
}

std::optional<QPointF> PipelineModel::position(NodeId id) const
{
    const auto it = layout_.constFind(id);
    return it == layout_.cend() ? std::nullopt : std::optional<QPointF>(*it);
}

QString PipelineModel::uniqueName(const QString &wanted, const QSet<QString> &alsoTaken) const
{
    const auto taken = [&](const QString &candidate) {
        return names_.contains(candidate) || alsoTaken.contains(candidate);
    };
    const QString name = wanted.trimmed().isEmpty() ? tr("Node") : wanted.trimmed();
    if (!taken(name)) {
        return name;
    }
    static const QRegularExpression numbered(QStringLiteral("^(.*\\S)\\s+(\\d+)$"));
    QString base = name;
    int n = 2;
    if (const auto match = numbered.match(name); match.hasMatch()) {
        base = match.captured(1);
        n = std::max(2, match.captured(2).toInt() + 1);
    }
    while (taken(QStringLiteral("%1 %2").arg(base).arg(n))) {
        ++n;
    }
    return QStringLiteral("%1 %2").arg(base).arg(n);
}

PipelineDocument PipelineModel::document() const
{
    PipelineDocument doc;
    doc.name = name_;
    doc.description = description_;
    doc.nodes.reserve(nodeCount());
    for (const auto &entry : nodes_) {
        doc.nodes << entry.second;
    }
    doc.edges.reserve(edgeCount());
    for (const auto &entry : edges_) {
        doc.edges << entry.second;
    }
    doc.layout = layout_;
    return doc;
}

PipelineDocument PipelineModel::subDocument(const QList<NodeId> &ids) const
{
    QList<NodeId> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const QSet<NodeId> chosen(sorted.cbegin(), sorted.cend());
    PipelineDocument doc;
    QList<EdgeId> edgeIdsInside;
    for (const NodeId id : sorted) {
        const Node *n = node(id);
        if (!n) {
            continue;
        }
        doc.nodes << *n;
        if (const auto pos = position(id)) {
            doc.layout.insert(id, *pos);
        }
        for (const EdgeId e : outgoing_.value(id)) {
            if (chosen.contains(edges_.at(e).to.node)) {
                edgeIdsInside << e;
            }
        }
    }
    std::sort(edgeIdsInside.begin(), edgeIdsInside.end());
    for (const EdgeId e : edgeIdsInside) {
        doc.edges << edges_.at(e);
    }
    return doc;
}

QList<NodeId> PipelineModel::pathBetween(NodeId start, NodeId goal) const
{
    if (!hasNode(start) || !hasNode(goal)) {
        return {};
    }
    if (start == goal) {
        return {start};
    }
    QHash<NodeId, NodeId> cameFrom;
    cameFrom.insert(start, InvalidNodeId);
    QQueue<NodeId> queue;
    queue.enqueue(start);
    while (!queue.isEmpty()) {
        const NodeId current = queue.dequeue();
        for (const EdgeId e : outgoing_.value(current)) {
            const NodeId next = edges_.at(e).to.node;
            if (cameFrom.contains(next)) {
                continue;
            }
            cameFrom.insert(next, current);
            if (next == goal) {
                QList<NodeId> path;
                for (NodeId at = goal; at != InvalidNodeId; at = cameFrom.value(at)) {
                    path.prepend(at);
                }
                return path;
            }
            queue.enqueue(next);
        }
    }
    return {};
}

QList<NodeId> PipelineModel::cyclePath(NodeId from, NodeId to) const
{
    return pathBetween(to, from);
}

QString PipelineModel::nodeLabel(NodeId id) const
{
    const Node *n = node(id);
    return n ? QStringLiteral("'%1'").arg(n->name) : QStringLiteral("#%1").arg(id);
}

QString PipelineModel::describeCycle(const QList<NodeId> &cycle) const
{
    QStringList names;
    for (const NodeId id : cycle) {
        names << nodeLabel(id);
    }
    if (!cycle.isEmpty()) {
        names << nodeLabel(cycle.first());
    }
    return names.join(QStringLiteral(" → "));
}

QString PipelineModel::connectionError(const PortRef &from, const PortRef &to) const
{
    const Node *source = node(from.node);
    const Node *target = node(to.node);
    if (!source || !target) {
        return tr("There is no node with id %1.").arg(source ? to.node : from.node);
    }
    const NodeDescriptor *sourceType = catalogue_.node(source->type);
    const NodeDescriptor *targetType = catalogue_.node(target->type);
    PortDescriptor out;
    PortDescriptor in;
    if (!sourceType || !sourceType->findPort(source->properties, from.port, &out)
        || out.direction != PortDirection::Output) {
        return tr("'%1' has no output port '%2'.").arg(source->name, from.port);
    }
    if (!targetType || !targetType->findPort(target->properties, to.port, &in)
        || in.direction != PortDirection::Input) {
        return tr("'%1' has no input port '%2'.").arg(target->name, to.port);
    }
    if (from.node == to.node) {
        return tr("'%1' cannot feed itself: that would be a cycle.").arg(source->name);
    }
    const QList<EdgeId> atOutput = edgesAt(from);
    for (const EdgeId e : atOutput) {
        if (edges_.at(e).to == to) {
            return tr("'%1' is already connected to '%2'.").arg(source->name, target->name);
        }
    }
    if (!out.multiple && !atOutput.isEmpty()) {
        return tr("Output '%1' of '%2' already feeds %3; insert a Fan-out step to send it to several places.")
            .arg(from.port, source->name, nodeLabel(edges_.at(atOutput.first()).to.node));
    }
    if (!in.multiple) {
        if (const QList<EdgeId> atInput = edgesAt(to); !atInput.isEmpty()) {
            return tr("Input '%1' of '%2' is already fed by %3; insert a Merge step to combine streams.")
                .arg(to.port, target->name, nodeLabel(edges_.at(atInput.first()).from.node));
        }
    }
    if (const QList<NodeId> cycle = cyclePath(from.node, to.node); !cycle.isEmpty()) {
        return tr("Connecting '%1' to '%2' would close the cycle %3.")
            .arg(source->name, target->name, describeCycle(cycle));
    }
    return {};
}

void PipelineModel::setName(const QString &name)
{
    if (name != name_) {
        name_ = name;
        Q_EMIT nameChanged(name_);
        Q_EMIT graphChanged();
    }
}

void PipelineModel::setDescription(const QString &description)
{
    if (description != description_) {
        description_ = description;
        Q_EMIT descriptionChanged(description_);
        Q_EMIT graphChanged();
    }
}

bool PipelineModel::checkNodeInsertable(const Node &n, QString *error) const
{
    QString message;
    if (n.id == InvalidNodeId) {
        message = tr("Node id 0 is not valid.");
    } else if (hasNode(n.id)) {
        message = tr("Node id %1 is already in use by %2.").arg(n.id).arg(nodeLabel(n.id));
    } else if (!catalogue_.node(n.type)) {
        message = tr("Unknown node type '%1' (node '%2').").arg(n.type, n.name);
    }
    if (error) {
        *error = message;
    }
    return message.isEmpty();
}

void PipelineModel::addNodeUnchecked(const Node &n)
{
    nodes_.emplace(n.id, n);
    names_.insert(n.name, n.id);
    nextNodeId_ = std::max(nextNodeId_, n.id + 1);
}

void PipelineModel::addEdgeUnchecked(const Edge &e)
{
    edges_.emplace(e.id, e);
    insertSorted(outgoing_[e.from.node], e.id);
    insertSorted(incoming_[e.to.node], e.id);
    nextEdgeId_ = std::max(nextEdgeId_, e.id + 1);
}

void PipelineModel::removeEdgeUnchecked(EdgeId id)
{
    const Edge e = edges_.at(id);
    outgoing_[e.from.node].removeOne(id);
    incoming_[e.to.node].removeOne(id);
    edges_.erase(id);
}

NodeId PipelineModel::createNode(
    const QString &typeId, const QString &name, std::optional<QPointF> pos, QString *error)
{
    const NodeDescriptor *d = catalogue_.node(typeId);
    if (!d) {
        if (error) {
            *error = tr("Unknown node type '%1'.").arg(typeId);
        }
        return InvalidNodeId;
    }
    Node n;
    n.id = nextNodeId_;
    n.type = typeId;
    n.name = uniqueName(name.isEmpty() ? d->displayName : name);
    n.properties = d->defaultProperties();
    insertNode(n, pos);
    return n.id;
}

bool PipelineModel::insertNode(const Node &n, std::optional<QPointF> pos, QString *error)
{
    if (!checkNodeInsertable(n, error)) {
        return false;
    }
    addNodeUnchecked(n);
    if (pos) {
        layout_.insert(n.id, *pos);
    }
    Q_EMIT nodeAdded(n.id);
    Q_EMIT graphChanged();
    return true;
}

RemovedNode PipelineModel::removeNode(NodeId id)
{
    RemovedNode removed;
    const auto it = nodes_.find(id);
    if (it == nodes_.end()) {
        return removed;
    }
    removed.node = it->second;
    if (const auto pos = position(id)) {
        removed.hadPosition = true;
        removed.position = *pos;
    }
    QList<EdgeId> touching = incoming_.value(id) + outgoing_.value(id);
    std::sort(touching.begin(), touching.end());
    for (const EdgeId e : touching) {
        const Edge edgeCopy = edges_.at(e);
        removed.edges << edgeCopy;
        removeEdgeUnchecked(e);
        Q_EMIT edgeRemoved(e, edgeCopy);
    }
    names_.remove(removed.node.name, id);
    nodes_.erase(it);
    layout_.remove(id);
    incoming_.remove(id);
    outgoing_.remove(id);
    Q_EMIT nodeRemoved(id);
    Q_EMIT graphChanged();
    return removed;
}

bool PipelineModel::restoreNode(const RemovedNode &removed, QString *error)
{
    if (!checkNodeInsertable(removed.node, error)) {
        return false;
    }
    const NodeId self = removed.node.id;
    QList<NodeId> upstream;
    QList<NodeId> downstream;
    for (const Edge &e : removed.edges) {
        QString message;
        const NodeId other = e.from.node == self ? e.to.node : e.from.node;
        if (hasEdge(e.id)) {
            message = tr("Edge id %1 is already in use.").arg(e.id);
        } else if ((e.from.node != self && e.to.node != self) || other == self || !hasNode(other)) {
            message = tr("Edge %1 does not connect the restored node to an existing node.").arg(e.id);
        }
        if (!message.isEmpty()) {
            if (error) {
                *error = message;
            }
            return false;
        }
        (e.to.node == self ? upstream : downstream) << other;
    }
    for (const NodeId down : downstream) {
        for (const NodeId up : upstream) {
            if (const QList<NodeId> path = pathBetween(down, up); !path.isEmpty()) {
                if (error) {
                    *error = tr("Restoring '%1' would close a cycle through %2.")
                                 .arg(removed.node.name, describeCycle(path));
                }
                return false;
            }
        }
    }
    addNodeUnchecked(removed.node);
    if (removed.hadPosition) {
        layout_.insert(self, removed.position);
    }
    Q_EMIT nodeAdded(self);
    for (const Edge &e : removed.edges) {
        addEdgeUnchecked(e);
        Q_EMIT edgeAdded(e.id);
    }
    Q_EMIT graphChanged();
    return true;
}

QVariant PipelineModel::setProperty(NodeId id, const QString &key, const QVariant &value)
{
    const auto it = nodes_.find(id);
    if (it == nodes_.end()) {
        return {};
    }
    QVariantMap &properties = it->second.properties;
    const QVariant old = properties.value(key);
    if (old.typeId() == value.typeId() && old == value) {
        return old;
    }
    if (value.isValid()) {
        properties.insert(key, value);
    } else {
        properties.remove(key);
    }
    Q_EMIT propertyChanged(id, key);
    Q_EMIT graphChanged();
    return old;
}

std::optional<QString> PipelineModel::renameNode(NodeId id, const QString &newName, QString *error)
{
    const auto it = nodes_.find(id);
    QString message;
    if (it == nodes_.end()) {
        message = tr("There is no node with id %1.").arg(id);
    } else if (newName.trimmed().isEmpty()) {
        message = tr("A node needs a name.");
    } else if (newName != it->second.name && names_.contains(newName)) {
        message = tr("Another node is already called '%1'.").arg(newName);
    }
    if (!message.isEmpty()) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    }
    const QString old = it->second.name;
    if (old != newName) {
        names_.remove(old, id);
        names_.insert(newName, id);
        it->second.name = newName;
        Q_EMIT nodeRenamed(id, newName);
        Q_EMIT graphChanged();
    }
    return old;
}

std::optional<QPointF> PipelineModel::moveNode(NodeId id, const QPointF &pos)
{
    const std::optional<QPointF> old = position(id);
    if (!hasNode(id) || old == pos) {
        return old;
    }
    layout_.insert(id, pos);
    Q_EMIT nodeMoved(id, pos);
    return old;
}

void PipelineModel::clearPosition(NodeId id)
{
    if (layout_.remove(id) > 0) {
        Q_EMIT nodeMoved(id, QPointF());
    }
}

EdgeId PipelineModel::connect(const PortRef &from, const PortRef &to, QString *error)
{
    const QString message = connectionError(from, to);
    if (!message.isEmpty()) {
        if (error) {
            *error = message;
        }
        return InvalidEdgeId;
    }
    const Edge e {nextEdgeId_, from, to};
    addEdgeUnchecked(e);
    Q_EMIT edgeAdded(e.id);
    Q_EMIT graphChanged();
    return e.id;
}

bool PipelineModel::insertEdge(const Edge &e, QString *error)
{
    QString message;
    if (e.id == InvalidEdgeId || hasEdge(e.id)) {
        message = tr("Edge id %1 is 0 or already in use.").arg(e.id);
    } else if (!hasNode(e.from.node) || !hasNode(e.to.node)) {
        message = tr("Edge %1 connects a node that does not exist.").arg(e.id);
    } else if (const QList<NodeId> cycle = cyclePath(e.from.node, e.to.node); !cycle.isEmpty()) {
        message = tr("Edge %1 would close the cycle %2.").arg(e.id).arg(describeCycle(cycle));
    }
    if (!message.isEmpty()) {
        if (error) {
            *error = message;
        }
        return false;
    }
    addEdgeUnchecked(e);
    Q_EMIT edgeAdded(e.id);
    Q_EMIT graphChanged();
    return true;
}

std::optional<Edge> PipelineModel::disconnect(EdgeId id)
{
    const auto it = edges_.find(id);
    if (it == edges_.end()) {
        return std::nullopt;
    }
    const Edge removed = it->second;
    removeEdgeUnchecked(id);
    Q_EMIT edgeRemoved(id, removed);
    Q_EMIT graphChanged();
    return removed;
}

bool PipelineModel::insertDocument(const PipelineDocument &fragment, QString *error)
{
    QString message;
    QSet<NodeId> newNodes;
    QSet<EdgeId> newEdges;
    for (const Node &n : fragment.nodes) {
        if (newNodes.contains(n.id)) {
            message = tr("Node id %1 appears twice.").arg(n.id);
        } else {
            checkNodeInsertable(n, &message);
        }
        if (!message.isEmpty()) {
            break;
        }
        newNodes.insert(n.id);
    }
    for (qsizetype i = 0; message.isEmpty() && i < fragment.edges.size(); ++i) {
        const Edge &e = fragment.edges.at(i);
        const auto known = [&](NodeId id) { return newNodes.contains(id) || hasNode(id); };
        if (e.id == InvalidEdgeId || hasEdge(e.id) || newEdges.contains(e.id)) {
            message = tr("Edge id %1 is 0 or already in use.").arg(e.id);
        } else if (!known(e.from.node) || !known(e.to.node)) {
            message = tr("Edge %1 connects a node that does not exist.").arg(e.id);
        }
        newEdges.insert(e.id);
    }
    if (message.isEmpty() && !fragment.edges.isEmpty()) {
        QList<NodeId> allNodes = nodeIds();
        for (const Node &n : fragment.nodes) {
            allNodes << n.id;
        }
        QList<Edge> allEdges = document().edges + fragment.edges;
        if (const QList<NodeId> cycle = findCycle(allNodes, allEdges); !cycle.isEmpty()) {
            message = tr("The pasted edges would close a cycle.");
        }
    }
    if (!message.isEmpty()) {
        if (error) {
            *error = message;
        }
        return false;
    }
    for (const Node &n : fragment.nodes) {
        addNodeUnchecked(n);
        if (const auto it = fragment.layout.constFind(n.id); it != fragment.layout.cend()) {
            layout_.insert(n.id, *it);
        }
    }
    for (const Edge &e : fragment.edges) {
        addEdgeUnchecked(e);
    }
    for (const Node &n : fragment.nodes) {
        Q_EMIT nodeAdded(n.id);
    }
    for (const Edge &e : fragment.edges) {
        Q_EMIT edgeAdded(e.id);
    }
    Q_EMIT graphChanged();
    return true;
}

bool PipelineModel::resetTo(const PipelineDocument &doc, QString *error)
{
    QString message;
    QHash<NodeId, QString> names;
    for (const Node &n : doc.nodes) {
        if (n.id == InvalidNodeId || names.contains(n.id)) {
            message = tr("Node id %1 is 0 or repeated.").arg(n.id);
        } else if (!catalogue_.node(n.type)) {
            message = tr("Node '%1' (id %2) has type '%3', which this version of EDIS Studio does not know.")
                          .arg(n.name)
                          .arg(n.id)
                          .arg(n.type);
        }
        if (!message.isEmpty()) {
            break;
        }
        names.insert(n.id, n.name);
    }
    QSet<EdgeId> edgeIdsSeen;
    for (qsizetype i = 0; message.isEmpty() && i < doc.edges.size(); ++i) {
        const Edge &e = doc.edges.at(i);
        if (e.id == InvalidEdgeId || edgeIdsSeen.contains(e.id)) {
            message = tr("Edge id %1 is 0 or repeated.").arg(e.id);
        } else if (!names.contains(e.from.node) || !names.contains(e.to.node)) {
            message = tr("Edge %1 connects node %2 to node %3, but one of them does not exist.")
                          .arg(e.id)
                          .arg(e.from.node)
                          .arg(e.to.node);
        }
        edgeIdsSeen.insert(e.id);
    }
    if (message.isEmpty()) {
        QList<NodeId> ids = names.keys();
        if (const QList<NodeId> cycle = findCycle(ids, doc.edges); !cycle.isEmpty()) {
            QStringList cycleNames;
            for (const NodeId id : cycle) {
                cycleNames << QStringLiteral("'%1'").arg(names.value(id));
            }
            cycleNames << QStringLiteral("'%1'").arg(names.value(cycle.first()));
            message = tr("The pipeline contains the cycle %1.").arg(cycleNames.join(QStringLiteral(" → ")));
        }
    }
    if (!message.isEmpty()) {
        if (error) {
            *error = message;
        }
        return false;
    }
    nodes_.clear();
    edges_.clear();
    incoming_.clear();
    outgoing_.clear();
    names_.clear();
    layout_.clear();
    nextNodeId_ = 1;
    nextEdgeId_ = 1;
    name_ = doc.name;
    description_ = doc.description;
    for (const Node &n : doc.nodes) {
        addNodeUnchecked(n);
    }
    for (const Edge &e : doc.edges) {
        addEdgeUnchecked(e);
    }
    for (auto it = doc.layout.cbegin(); it != doc.layout.cend(); ++it) {
        if (hasNode(it.key())) {
            layout_.insert(it.key(), it.value());
        }
    }
    Q_EMIT modelReset();
    Q_EMIT graphChanged();
    return true;
}

void PipelineModel::clear()
{
    resetTo(PipelineDocument {});
}

} // namespace edis::pipeline
