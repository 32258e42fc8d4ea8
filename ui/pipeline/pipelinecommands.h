#pragma once

#include "graphtypes.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

#include <optional>

namespace edis::pipeline {
class PipelineModel;
}

namespace edis::ui {

/// Undo commands for every edit of a pipeline. Each one is a thin wrapper over a reversible
/// PipelineModel step, so undoing restores the model exactly (same ids, names, properties,
/// positions). A command whose first redo() fails marks itself obsolete and is dropped by the
/// stack; error() says why.
class PipelineCommand : public QUndoCommand {
public:
    explicit PipelineCommand(pipeline::PipelineModel *model, QUndoCommand *parent = nullptr);
    QString error() const { return error_; }

protected:
    /// A node's name for texts like "Connect orders → Flatten".
    QString nodeName(pipeline::NodeId id) const;
    void fail(const QString &message);

    pipeline::PipelineModel *model_;
    QString error_;
};

/// "Add PostgreSQL CDC": a new node of a catalogue type at a position.
class AddNodeCommand : public PipelineCommand {
public:
    AddNodeCommand(pipeline::PipelineModel *model, const QString &typeId, const QPointF &position,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    pipeline::NodeId nodeId() const { return node_.id; }

private:
    QString typeId_;
    QPointF position_;
    pipeline::Node node_; ///< what the first redo created, inserted as is by later ones
};

/// "Delete Flatten", "Disconnect orders → Flatten", "Delete 3 items": nodes with their edges
/// and edges on their own.
class RemoveItemsCommand : public PipelineCommand {
public:
    RemoveItemsCommand(pipeline::PipelineModel *model, const QList<pipeline::NodeId> &nodes,
        const QList<pipeline::EdgeId> &edges, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    QList<pipeline::NodeId> nodes_;
    QList<pipeline::EdgeId> edges_;
    QList<pipeline::Edge> disconnected_;
    QList<pipeline::RemovedNode> removed_;
};

/// "Connect orders → Flatten".
class ConnectCommand : public PipelineCommand {
public:
    ConnectCommand(pipeline::PipelineModel *model, const pipeline::PortRef &from, const pipeline::PortRef &to,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    pipeline::EdgeId edgeId() const { return edge_.id; }

private:
    pipeline::PortRef from_;
    pipeline::PortRef to_;
    pipeline::Edge edge_;
};

/// "Set Topic of Orders", "Clear Key field of Orders".
class SetPropertyCommand : public PipelineCommand {
public:
    SetPropertyCommand(pipeline::PipelineModel *model, pipeline::NodeId node, const QString &key,
        const QVariant &value, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    pipeline::NodeId node_;
    QString key_;
    QVariant value_;
    QVariant old_;
};

/// "Rename Filter to Skip deletes".
class RenameNodeCommand : public PipelineCommand {
public:
    RenameNodeCommand(pipeline::PipelineModel *model, pipeline::NodeId node, const QString &name,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    pipeline::NodeId node_;
    QString name_;
    QString old_;
};

/// "Move Flatten", "Move 3 nodes", "Auto-layout". The requests of one mouse drag share a
/// drag id and merge into one step.
class MoveNodesCommand : public PipelineCommand {
public:
    enum { Id = 0x5e01 };
    /// `dragId` < 0: never merges (auto-layout, keyboard nudges).
    MoveNodesCommand(pipeline::PipelineModel *model, const QHash<pipeline::NodeId, QPointF> &positions,
        int dragId, const QString &text = {}, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override { return dragId_ >= 0 ? Id : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QHash<pipeline::NodeId, QPointF> new_;
    QHash<pipeline::NodeId, std::optional<QPointF>> old_;
    int dragId_;
};

/// "Paste 3 nodes", "Duplicate Flatten": a prepared fragment (see clipboard.h).
class InsertFragmentCommand : public PipelineCommand {
public:
    InsertFragmentCommand(pipeline::PipelineModel *model, const pipeline::PipelineDocument &fragment,
        const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    QList<pipeline::NodeId> nodeIds() const;

private:
    pipeline::PipelineDocument fragment_;
};

} // namespace edis::ui
