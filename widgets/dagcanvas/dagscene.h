#pragma once

#include "catalogue.h"
#include "graphtypes.h"
#include "nodeitem.h"
#include "portitem.h"
#include "validation.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

class QTimer;

namespace edis::pipeline {
class PipelineModel;
}

namespace edis::widgets {

class EdgeItem;
class NodeItem;
class PortItem;

/// The canvas scene of a pipeline. It mirrors a PipelineModel through the model's signals and
/// never edits it: what the user does (move, connect) comes out as requests that the page turns
/// into undo commands, and the result comes back as model signals.
class DagScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit DagScene(pipeline::PipelineModel *model, QObject *parent = nullptr);
    ~DagScene() override;

    pipeline::PipelineModel *model() const { return model_; }

    NodeItem *nodeItem(pipeline::NodeId id) const { return nodes_.value(id); }
    EdgeItem *edgeItem(pipeline::EdgeId id) const { return edges_.value(id); }
    PortItem *portItem(const pipeline::PortRef &port, pipeline::PortDirection direction) const;
    /// Where a port's dot is, in scene coordinates (the node's origin when it is unknown).
    QPointF portScenePos(const pipeline::PortRef &port, pipeline::PortDirection direction) const;

    QList<pipeline::NodeId> selectedNodeIds() const; ///< ascending
    QList<pipeline::EdgeId> selectedEdgeIds() const; ///< ascending
    void selectItems(const QList<pipeline::NodeId> &nodes, const QList<pipeline::EdgeId> &edges = {});

    /// Shows validation results: badges on nodes, red or amber edges.
    void setProblems(const QList<pipeline::Problem> &problems);
    /// Marks the nodes of a would-be cycle and the edges between them until the next
    /// interaction (or a few seconds).
    void highlightCycle(const QList<pipeline::NodeId> &cycle);
    void clearCycleHighlight();
    bool hasCycleHighlight() const { return !cycle_.isEmpty(); }

    bool snapToGrid() const { return snapToGrid_; }
    void setSnapToGrid(bool snap) { snapToGrid_ = snap; }
    QPointF snapped(const QPointF &position) const;

    /// Routes every edge around the cards as they stand now and places every label off them
    /// (done by itself once per event-loop turn after cards moved).
    void rerouteAll();

    /// The bounding rectangle of the nodes and edges (not of the scene rect).
    QRectF contentsRect() const;
    bool isConnecting() const { return connectOrigin_ != nullptr; }

Q_SIGNALS:
    /// The user dragged nodes to these positions. Every request of one drag has the same
    /// `dragId`, so that an undo stack can merge them into one step.
    void moveRequested(const QHash<edis::pipeline::NodeId, QPointF> &positions, int dragId);
    /// The user dropped a connection that the model accepts.
    void connectRequested(const edis::pipeline::PortRef &from, const edis::pipeline::PortRef &to);
    /// The user dropped a connection that the model or the types refuse; `cycle` is the
    /// would-be cycle (already highlighted) or empty.
    void connectionRefused(const QString &message, const QList<edis::pipeline::NodeId> &cycle);
    /// The user connected ports whose data types differ; the connection is made and the
    /// model reports it as a problem. `message` says what to do about it.
    void connectionWarned(const QString &message);
    void nodeDoubleClicked(edis::pipeline::NodeId id);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void addNodeItem(pipeline::NodeId id);
    void removeNodeItem(pipeline::NodeId id);
    void addEdgeItem(pipeline::EdgeId id);
    void removeEdgeItem(pipeline::EdgeId id);
    void refreshNode(pipeline::NodeId id);
    void placeNode(pipeline::NodeId id);
    void rerouteEdgesOf(pipeline::NodeId id);
    void rerouteEdge(pipeline::EdgeId id);
    void refreshTypes();
    void growSceneRect();
    NodeCardContent cardContent(pipeline::NodeId id) const;
    QString outputDataType(pipeline::NodeId id, const pipeline::PortDescriptor &port) const;
    PortItem *portAt(const QPointF &scenePos) const;

    // Connecting by dragging from a port.
    void beginConnect(PortItem *origin, const QPointF &scenePos);
    void updateConnect(const QPointF &scenePos);
    void finishConnect(const QPointF &scenePos);
    void endConnect();
    /// Why origin → target must not be connected, or empty; with the would-be cycle.
    /// Why the model refuses origin → target (a cycle, a taken input…); empty when it accepts.
    QString refusal(PortItem *origin, PortItem *target, QList<pipeline::NodeId> *cycle) const;
    /// What is wrong with the data types of out → in, with the fix; empty when they fit.
    QString typeMismatch(PortItem *out, PortItem *in) const;
    PortItem::Highlight highlightFor(PortItem *origin, PortItem *target) const;

    pipeline::PipelineModel *model_;
    QHash<pipeline::NodeId, NodeItem *> nodes_;
    QHash<pipeline::EdgeId, EdgeItem *> edges_;
    QHash<pipeline::EdgeId, QString> edgeTypes_;
    QList<pipeline::NodeId> cycle_;
    QTimer *cycleTimer_;
    QTimer *rerouteTimer_;
    bool snapToGrid_ = true;

    PortItem *connectOrigin_ = nullptr;
    PortItem *connectTarget_ = nullptr;
    EdgeItem *previewEdge_ = nullptr;

    bool draggingNodes_ = false;
    bool dragMoved_ = false;
    int dragId_ = 0;
    QPointF dragStartScene_;
    QHash<pipeline::NodeId, QPointF> dragStartPositions_;
};

} // namespace edis::widgets
