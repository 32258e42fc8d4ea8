#include "pipelinecommands.h"

#include "pipelinemodel.h"

#include <QCoreApplication>

namespace edis::ui {

using namespace pipeline;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("edis::ui::PipelineCommand", text);
}

QString portSuffix(const PipelineModel &model, const PortRef &port, PortDirection direction)
{
    // Name the port only where the node has a choice of ports on that side.
    int sameSide = 0;
    for (const PortDescriptor &p : model.ports(port.node)) {
        sameSide += p.direction == direction ? 1 : 0;
    }
    return sameSide > 1 ? QStringLiteral(" (%1)").arg(port.port) : QString();
}
} // namespace

PipelineCommand::PipelineCommand(PipelineModel *model, QUndoCommand *parent)
    : QUndoCommand(parent)
    , model_(model)
{
}

QString PipelineCommand::nodeName(NodeId id) const
{
    const Node *node = model_->node(id);
    return node ? node->name : QString::number(id);
}

void PipelineCommand::fail(const QString &message)
{
    error_ = message;
    setObsolete(true);
}

// --- add -------------------------------------------------------------------------------------

AddNodeCommand::AddNodeCommand(
    PipelineModel *model, const QString &typeId, const QPointF &position, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , typeId_(typeId)
    , position_(position)
{
    const NodeDescriptor *descriptor = model->catalogue().node(typeId);
    setText(tr("Add %1").arg(descriptor ? descriptor->displayName : typeId));
}

void AddNodeCommand::redo()
{
    if (node_.id == InvalidNodeId) {
        QString error;
        const NodeId id = model_->createNode(typeId_, {}, position_, &error);
        if (id == InvalidNodeId) {
            fail(error);
            return;
        }
        node_ = *model_->node(id);
        return;
    }
    model_->insertNode(node_, position_);
}

void AddNodeCommand::undo()
{
    model_->removeNode(node_.id);
}

// --- remove ----------------------------------------------------------------------------------

RemoveItemsCommand::RemoveItemsCommand(
    PipelineModel *model, const QList<NodeId> &nodes, const QList<EdgeId> &edges, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , nodes_(nodes)
{
    // Edges that go with a removed node are restored by restoreNode(); keep only the others.
    for (EdgeId id : edges) {
        const Edge *edge = model->edge(id);
        if (edge && !nodes.contains(edge->from.node) && !nodes.contains(edge->to.node)) {
            edges_.append(id);
        }
    }
    if (nodes_.size() == 1 && edges_.isEmpty()) {
        setText(tr("Delete %1").arg(nodeName(nodes_.first())));
    } else if (nodes_.isEmpty() && edges_.size() == 1) {
        const Edge *edge = model->edge(edges_.first());
        setText(tr("Disconnect %1 → %2").arg(nodeName(edge->from.node), nodeName(edge->to.node)));
    } else if (edges_.isEmpty()) {
        setText(tr("Delete %1 nodes").arg(nodes_.size()));
    } else {
        setText(tr("Delete %1 items").arg(nodes_.size() + edges_.size()));
    }
}

void RemoveItemsCommand::redo()
{
    disconnected_.clear();
    removed_.clear();
    for (EdgeId id : std::as_const(edges_)) {
        if (const auto edge = model_->disconnect(id)) {
            disconnected_.append(*edge);
        }
    }
    for (NodeId id : std::as_const(nodes_)) {
        RemovedNode removed = model_->removeNode(id);
        if (removed.node.id != InvalidNodeId) {
            removed_.append(removed);
        }
    }
    if (disconnected_.isEmpty() && removed_.isEmpty()) {
        fail(tr("Nothing to delete."));
    }
}

void RemoveItemsCommand::undo()
{
    // Reverse order: a node's saved edges may lead to a node removed after it.
    for (auto it = removed_.crbegin(); it != removed_.crend(); ++it) {
        model_->restoreNode(*it);
    }
    for (auto it = disconnected_.crbegin(); it != disconnected_.crend(); ++it) {
        model_->insertEdge(*it);
    }
}

// --- connect ---------------------------------------------------------------------------------

ConnectCommand::ConnectCommand(
    PipelineModel *model, const PortRef &from, const PortRef &to, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , from_(from)
    , to_(to)
{
    setText(tr("Connect %1%2 → %3%4")
                .arg(nodeName(from.node), portSuffix(*model, from, PortDirection::Output), nodeName(to.node),
                    portSuffix(*model, to, PortDirection::Input)));
}

void ConnectCommand::redo()
{
    if (edge_.id == InvalidEdgeId) {
        QString error;
        const EdgeId id = model_->connect(from_, to_, &error);
        if (id == InvalidEdgeId) {
            fail(error);
            return;
        }
        edge_ = *model_->edge(id);
        return;
    }
    model_->insertEdge(edge_);
}

void ConnectCommand::undo()
{
    model_->disconnect(edge_.id);
}

// --- properties ------------------------------------------------------------------------------

SetPropertyCommand::SetPropertyCommand(
    PipelineModel *model, NodeId node, const QString &key, const QVariant &value, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , node_(node)
    , key_(key)
    , value_(value)
{
    const NodeDescriptor *descriptor = model->descriptor(node);
    const PropertyDescriptor *property = descriptor ? descriptor->property(key) : nullptr;
    const QString label = property && !property->label.isEmpty() ? property->label : key;
    setText((value.isValid() ? tr("Set %1 of %2") : tr("Clear %1 of %2")).arg(label, nodeName(node)));
}

void SetPropertyCommand::redo()
{
    if (!model_->hasNode(node_)) {
        fail(tr("The node no longer exists."));
        return;
    }
    old_ = model_->setProperty(node_, key_, value_);
}

void SetPropertyCommand::undo()
{
    model_->setProperty(node_, key_, old_);
}

// --- rename ----------------------------------------------------------------------------------

RenameNodeCommand::RenameNodeCommand(
    PipelineModel *model, NodeId node, const QString &name, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , node_(node)
    , name_(name)
{
    setText(tr("Rename %1 to %2").arg(nodeName(node), name));
}

void RenameNodeCommand::redo()
{
    QString error;
    const auto old = model_->renameNode(node_, name_, &error);
    if (!old) {
        fail(error);
        return;
    }
    old_ = *old;
}

void RenameNodeCommand::undo()
{
    model_->renameNode(node_, old_);
}

// --- move ------------------------------------------------------------------------------------

MoveNodesCommand::MoveNodesCommand(PipelineModel *model, const QHash<NodeId, QPointF> &positions, int dragId,
    const QString &text, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , new_(positions)
    , dragId_(dragId)
{
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        old_.insert(it.key(), model->position(it.key()));
    }
    if (!text.isEmpty()) {
        setText(text);
    } else if (positions.size() == 1) {
        setText(tr("Move %1").arg(nodeName(positions.cbegin().key())));
    } else {
        setText(tr("Move %1 nodes").arg(positions.size()));
    }
}

void MoveNodesCommand::redo()
{
    for (auto it = new_.cbegin(); it != new_.cend(); ++it) {
        model_->moveNode(it.key(), it.value());
    }
}

void MoveNodesCommand::undo()
{
    for (auto it = old_.cbegin(); it != old_.cend(); ++it) {
        if (it.value()) {
            model_->moveNode(it.key(), *it.value());
        } else {
            model_->clearPosition(it.key());
        }
    }
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = dynamic_cast<const MoveNodesCommand *>(other);
    if (!move || move->dragId_ != dragId_ || dragId_ < 0) {
        return false;
    }
    // Keep where the drag started, take where it is now.
    for (auto it = move->new_.cbegin(); it != move->new_.cend(); ++it) {
        new_.insert(it.key(), it.value());
        if (!old_.contains(it.key())) {
            old_.insert(it.key(), move->old_.value(it.key()));
        }
    }
    return true;
}

// --- paste -----------------------------------------------------------------------------------

InsertFragmentCommand::InsertFragmentCommand(
    PipelineModel *model, const PipelineDocument &fragment, const QString &text, QUndoCommand *parent)
    : PipelineCommand(model, parent)
    , fragment_(fragment)
{
    setText(text);
}

void InsertFragmentCommand::redo()
{
    QString error;
    if (!model_->insertDocument(fragment_, &error)) {
        fail(error);
    }
}

void InsertFragmentCommand::undo()
{
    for (auto it = fragment_.nodes.crbegin(); it != fragment_.nodes.crend(); ++it) {
        model_->removeNode(it->id);
    }
}

QList<NodeId> InsertFragmentCommand::nodeIds() const
{
    QList<NodeId> ids;
    for (const Node &node : fragment_.nodes) {
        ids.append(node.id);
    }
    return ids;
}

} // namespace edis::ui
