#include "dagscene.h"

#include "dagstyle.h"
#include "edgeitem.h"
#include "graphalgorithms.h"
#include "nodeitem.h"
#include "pipelinemodel.h"
#include "portitem.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainterPath>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace edis::widgets {

using namespace pipeline;

namespace {
constexpr int CycleHighlightMs = 4000;
constexpr double SceneMargin = 1500;
constexpr double RouteClearance = 12; ///< how far a routed edge keeps from the cards it passes
constexpr double RouteLead = 20; ///< the straight run out of and into a port before a turn
constexpr double RouteCorner = 10;
constexpr int RouteRounds = 4; ///< a detour that meets another card widens around it this often
constexpr int CurveSamples = 40;

/// The obstacles a polyline of horizontal and vertical runs passes through (indices).
QSet<int> polylineHits(const QList<QPointF> &points, const QList<QRectF> &obstacles)
{
    QSet<int> hits;
    for (qsizetype i = 0; i + 1 < points.size(); ++i) {
        const QRectF run = QRectF(points[i], points[i + 1]).normalized();
        for (int o = 0; o < obstacles.size(); ++o) {
            const QRectF &r = obstacles[o];
            // A run is a degenerate rectangle: it crosses when it overlaps the inside.
            if (run.left() < r.right() && run.right() > r.left() && run.top() < r.bottom()
                && run.bottom() > r.top()) {
                hits.insert(o);
            }
        }
    }
    return hits;
}

QSet<int> curveHits(const QPainterPath &path, const QList<QRectF> &obstacles)
{
    QSet<int> hits;
    const QRectF bounds = path.controlPointRect();
    for (int o = 0; o < obstacles.size(); ++o) {
        if (!bounds.intersects(obstacles[o])) {
            continue;
        }
        for (int i = 1; i < CurveSamples; ++i) {
            if (obstacles[o].contains(path.pointAtPercent(double(i) / CurveSamples))) {
                hits.insert(o);
                break;
            }
        }
    }
    return hits;
}

double polylineLength(const QList<QPointF> &points)
{
    double length = 0;
    for (qsizetype i = 0; i + 1 < points.size(); ++i) {
        length += QLineF(points[i], points[i + 1]).length();
    }
    return length;
}

/// Horizontal and vertical runs with rounded corners; repeated and collinear points dropped.
QPainterPath roundedPolyline(QList<QPointF> points)
{
    for (qsizetype i = 1; i < points.size();) {
        const bool repeated = QLineF(points[i - 1], points[i]).length() < 0.5;
        const bool collinear = i + 1 < points.size()
            && ((qFuzzyCompare(points[i - 1].x(), points[i].x())
                    && qFuzzyCompare(points[i].x(), points[i + 1].x()))
                || (qFuzzyCompare(points[i - 1].y(), points[i].y())
                    && qFuzzyCompare(points[i].y(), points[i + 1].y())));
        if (repeated || collinear) {
            points.removeAt(i);
        } else {
            ++i;
        }
    }
    QPainterPath path(points.first());
    for (qsizetype i = 1; i + 1 < points.size(); ++i) {
        const QLineF in(points[i], points[i - 1]);
        const QLineF out(points[i], points[i + 1]);
        const double r = std::min({RouteCorner, in.length() / 2, out.length() / 2});
        path.lineTo(in.pointAt(r / in.length()));
        path.quadTo(points[i], out.pointAt(r / out.length()));
    }
    path.lineTo(points.last());
    return path;
}

/// A path from an output port to an input port that goes around `obstacles` (the cards it does
/// not connect, grown by the clearance): the plain curve when nothing is in its way, else a run
/// with one vertical turn in a gap, else a detour above or below the cards in the way. Cheap:
/// a few candidates, each checked against the cards; the fewest crossings win when none is clear.
QPainterPath routeAround(const QPointF &from, const QPointF &to, const QList<QRectF> &obstacles)
{
    const QPainterPath curve = EdgeItem::curve(from, to);
    if (obstacles.isEmpty() || curveHits(curve, obstacles).isEmpty()) {
        return curve;
    }
    QList<QList<QPointF>> candidates;
    if (to.x() - from.x() >= 2 * RouteLead) {
        for (const double x : {(from.x() + to.x()) / 2, from.x() + RouteLead, to.x() - RouteLead}) {
            candidates.append({from, {x, from.y()}, {x, to.y()}, to});
        }
    }
    const double x1 = from.x() + RouteLead;
    const double x2 = to.x() - RouteLead;
    const auto detour = [&](double y) {
        return QList<QPointF> {from, {x1, from.y()}, {x1, y}, {x2, y}, {x2, to.y()}, to};
    };
    for (const bool above : {true, false}) {
        // Start from the cards the straight runs meet; widen while the detour meets others.
        QSet<int> blocking
            = polylineHits(detour(from.y()), obstacles) + polylineHits(detour(to.y()), obstacles);
        QList<QPointF> path = detour(from.y());
        for (int round = 0; round < RouteRounds && !blocking.isEmpty(); ++round) {
            double y = above ? std::min(from.y(), to.y()) : std::max(from.y(), to.y());
            for (const int o : std::as_const(blocking)) {
                y = above ? std::min(y, obstacles[o].top() - 1) : std::max(y, obstacles[o].bottom() + 1);
            }
            path = detour(y);
            const QSet<int> more = polylineHits(path, obstacles);
            if (more.isEmpty() || blocking.contains(more)) {
                break;
            }
            blocking += more;
        }
        candidates.append(path);
    }
    const QList<QPointF> *best = nullptr;
    qsizetype bestHits = curveHits(curve, obstacles).size();
    double bestLength = 0;
    for (const QList<QPointF> &candidate : std::as_const(candidates)) {
        const qsizetype hits = polylineHits(candidate, obstacles).size();
        const double length = polylineLength(candidate);
        if (hits < bestHits || (best && hits == bestHits && length < bestLength)) {
            best = &candidate;
            bestHits = hits;
            bestLength = length;
        }
    }
    return best ? roundedPolyline(*best) : curve;
}

/// The property whose value best tells nodes of one type apart, for the summary line.
QString summaryOf(const NodeDescriptor &descriptor, const Node &node)
{
    const PropertyDescriptor *best = nullptr;
    for (const PropertyDescriptor &p : descriptor.properties) {
        if (p.type == PropertyType::Secret || !node.properties.contains(p.key)) {
            continue;
        }
        if (p.role == QLatin1String("topic")) {
            best = &p;
            break;
        }
        if (!best && p.required) {
            best = &p;
        }
    }
    if (!best) {
        return {};
    }
    const QVariant value = node.properties.value(best->key);
    const QString text = value.typeId() == QMetaType::QStringList
        ? value.toStringList().join(QStringLiteral(", "))
        : value.toString();
    if (text.isEmpty()) {
        return {};
    }
    return QStringLiteral("%1: %2").arg(best->label.isEmpty() ? best->key : best->label, text);
}
} // namespace

DagScene::DagScene(PipelineModel *model, QObject *parent)
    : QGraphicsScene(parent)
    , model_(model)
    , cycleTimer_(new QTimer(this))
    , rerouteTimer_(new QTimer(this))
{
    setItemIndexMethod(QGraphicsScene::NoIndex); // few, often moving items
    setSceneRect(-2000, -2000, 4000, 4000);
    cycleTimer_->setSingleShot(true);
    cycleTimer_->setInterval(CycleHighlightMs);
    QObject::connect(cycleTimer_, &QTimer::timeout, this, &DagScene::clearCycleHighlight);
    rerouteTimer_->setSingleShot(true);
    rerouteTimer_->setInterval(0);
    QObject::connect(rerouteTimer_, &QTimer::timeout, this, &DagScene::rerouteAll);

    QObject::connect(model_, &PipelineModel::nodeAdded, this, &DagScene::addNodeItem);
    QObject::connect(model_, &PipelineModel::nodeRemoved, this, &DagScene::removeNodeItem);
    QObject::connect(model_, &PipelineModel::nodeRenamed, this, [this](NodeId id) { refreshNode(id); });
    QObject::connect(model_, &PipelineModel::propertyChanged, this, [this](NodeId id) { refreshNode(id); });
    QObject::connect(model_, &PipelineModel::nodeMoved, this, [this](NodeId id) {
        placeNode(id);
        growSceneRect();
    });
    QObject::connect(model_, &PipelineModel::edgeAdded, this, &DagScene::addEdgeItem);
    QObject::connect(model_, &PipelineModel::edgeRemoved, this, [this](EdgeId id) { removeEdgeItem(id); });
    QObject::connect(model_, &PipelineModel::modelReset, this, &DagScene::rebuild);
    QObject::connect(model_, &PipelineModel::graphChanged, this, &DagScene::refreshTypes);
    rebuild();
}

DagScene::~DagScene()
{
    // Items die with the scene; make sure no callback or selection signal reaches into a
    // half-destroyed scene or into listeners that are going away with it.
    blockSignals(true);
    for (NodeItem *item : std::as_const(nodes_)) {
        item->setMovedCallback({});
    }
}

void DagScene::rebuild()
{
    endConnect();
    clearCycleHighlight();
    for (NodeItem *item : std::as_const(nodes_)) {
        item->setMovedCallback({});
    }
    qDeleteAll(edges_);
    edges_.clear();
    qDeleteAll(nodes_);
    nodes_.clear();
    for (NodeId id : model_->nodeIds()) {
        addNodeItem(id);
    }
    for (EdgeId id : model_->edgeIds()) {
        addEdgeItem(id);
    }
    refreshTypes();
    growSceneRect();
    rerouteTimer_->stop();
    rerouteAll(); // every card is in place now: a loaded pipeline shows routed at once
}

void DagScene::addNodeItem(NodeId id)
{
    if (nodes_.contains(id) || !model_->hasNode(id)) {
        return;
    }
    auto *item = new NodeItem(id);
    item->setContent(cardContent(id));
    nodes_.insert(id, item);
    addItem(item);
    placeNode(id);
    item->setMovedCallback([this](NodeId moved) { rerouteEdgesOf(moved); });
    growSceneRect();
    rerouteTimer_->start();
}

void DagScene::removeNodeItem(NodeId id)
{
    NodeItem *item = nodes_.take(id);
    if (!item) {
        return;
    }
    if (connectOrigin_ && connectOrigin_->nodeId() == id) {
        endConnect();
    }
    connectTarget_ = connectTarget_ && connectTarget_->nodeId() == id ? nullptr : connectTarget_;
    dragStartPositions_.remove(id);
    item->setMovedCallback({});
    delete item;
    rerouteTimer_->start();
}

void DagScene::addEdgeItem(EdgeId id)
{
    if (edges_.contains(id) || !model_->hasEdge(id)) {
        return;
    }
    auto *item = new EdgeItem(id);
    edges_.insert(id, item);
    addItem(item);
    rerouteEdge(id);
    const Edge *edge = model_->edge(id);
    for (NodeId node : {edge->from.node, edge->to.node}) {
        if (NodeItem *n = nodes_.value(node)) {
            n->updatePortStates(cardContent(node));
        }
    }
}

void DagScene::removeEdgeItem(EdgeId id)
{
    delete edges_.take(id);
    // Port "connected" dots are refreshed by refreshTypes() after the change.
}

void DagScene::refreshNode(NodeId id)
{
    NodeItem *item = nodes_.value(id);
    if (!item) {
        return;
    }
    item->setContent(cardContent(id)); // ports may have changed (a route's list of routes)
    rerouteEdgesOf(id);
}

void DagScene::placeNode(NodeId id)
{
    NodeItem *item = nodes_.value(id);
    if (!item) {
        return;
    }
    if (const auto position = model_->position(id)) {
        item->setPos(*position);
        return;
    }
    // No position stored (created by a script, a file without layout): put it where the
    // automatic layout would, without writing that into the model.
    item->setPos(autoLayout(*model_).value(id));
}

void DagScene::rerouteEdgesOf(NodeId id)
{
    for (EdgeId edge : model_->incomingEdges(id)) {
        rerouteEdge(edge);
    }
    for (EdgeId edge : model_->outgoingEdges(id)) {
        rerouteEdge(edge);
    }
    // A moved or resized card may now stand in the way of other edges, or under their labels:
    // those follow once per event-loop turn, however many moves it had.
    rerouteTimer_->start();
}

void DagScene::rerouteAll()
{
    for (auto it = edges_.cbegin(); it != edges_.cend(); ++it) {
        rerouteEdge(it.key());
    }
    for (EdgeItem *item : std::as_const(edges_)) {
        item->placeOverlay();
    }
}

void DagScene::rerouteEdge(EdgeId id)
{
    EdgeItem *item = edges_.value(id);
    const Edge *edge = model_->edge(id);
    if (!item || !edge) {
        return;
    }
    QList<QRectF> obstacles;
    for (auto it = nodes_.cbegin(); it != nodes_.cend(); ++it) {
        if (it.key() != edge->from.node && it.key() != edge->to.node) {
            obstacles << it.value()
                             ->mapRectToScene(it.value()->cardRect())
                             .adjusted(-RouteClearance, -RouteClearance, RouteClearance, RouteClearance);
        }
    }
    const QPointF from = portScenePos(edge->from, PortDirection::Output);
    const QPointF to = portScenePos(edge->to, PortDirection::Input);
    item->setRoute(from, to, routeAround(from, to, obstacles));
}

void DagScene::refreshTypes()
{
    edgeTypes_ = edgeDataTypes(*model_);
    for (auto it = edges_.cbegin(); it != edges_.cend(); ++it) {
        it.value()->setDataType(edgeTypes_.value(it.key(), QStringLiteral("any")));
    }
    for (auto it = nodes_.cbegin(); it != nodes_.cend(); ++it) {
        it.value()->updatePortStates(cardContent(it.key()));
    }
}

void DagScene::growSceneRect()
{
    const QRectF wanted = contentsRect().adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin);
    if (!sceneRect().contains(wanted)) {
        setSceneRect(sceneRect().united(wanted));
    }
}

QString DagScene::outputDataType(NodeId id, const PortDescriptor &port) const
{
    for (EdgeId edge : model_->edgesAt({id, port.name})) {
        const QString type = edgeTypes_.value(edge);
        if (!type.isEmpty()) {
            return type;
        }
    }
    const Node *node = model_->node(id);
    if (!port.dataTypeProperty.isEmpty() && node) {
        const QString value = node->properties.value(port.dataTypeProperty).toString();
        if (model_->catalogue().dataType(value)) {
            return value;
        }
    }
    if (!port.sameTypeAs.isEmpty()) {
        for (EdgeId edge : model_->edgesAt({id, port.sameTypeAs})) {
            const QString type = edgeTypes_.value(edge);
            if (!type.isEmpty()) {
                return type;
            }
        }
    }
    return port.dataType;
}

NodeCardContent DagScene::cardContent(NodeId id) const
{
    NodeCardContent content;
    const Node *node = model_->node(id);
    if (!node) {
        return content;
    }
    content.title = node->name;
    const NodeDescriptor *descriptor = model_->descriptor(id);
    content.typeName = descriptor ? descriptor->displayName : node->type;
    if (descriptor) {
        content.category = descriptor->category;
        content.summary = summaryOf(*descriptor, *node);
        content.toolTip = descriptor->description;
    }
    const Catalogue &catalogue = model_->catalogue();
    for (const PortDescriptor &port : model_->ports(id)) {
        NodeCardContent::Port p;
        p.name = port.name;
        const bool repeated = !port.repeatFor.isEmpty();
        p.label = repeated || port.label.isEmpty() ? port.name : port.label;
        p.dataType = port.direction == PortDirection::Output ? outputDataType(id, port) : port.dataType;
        p.connected = !model_->edgesAt({id, port.name}).isEmpty();
        const DataTypeDescriptor *type = catalogue.dataType(p.dataType);
        p.toolTip = QStringLiteral("%1 (%2)").arg(
            port.label.isEmpty() ? port.name : port.label, type ? type->displayName : p.dataType);
        (port.direction == PortDirection::Output ? content.outputs : content.inputs).append(p);
    }
    return content;
}

PortItem *DagScene::portItem(const PortRef &port, PortDirection direction) const
{
    NodeItem *item = nodes_.value(port.node);
    return item ? item->port(port.port, direction) : nullptr;
}

QPointF DagScene::portScenePos(const PortRef &port, PortDirection direction) const
{
    if (PortItem *item = portItem(port, direction)) {
        return item->scenePos();
    }
    NodeItem *node = nodes_.value(port.node);
    if (!node) {
        return {};
    }
    // A port the node no longer has (a removed route): end at the card's edge.
    const double x = direction == PortDirection::Output ? dagstyle::NodeWidth : 0;
    return node->mapToScene(QPointF(x, node->height() / 2));
}

QList<NodeId> DagScene::selectedNodeIds() const
{
    QList<NodeId> ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == NodeItem::Type) {
            ids.append(static_cast<NodeItem *>(item)->nodeId());
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<EdgeId> DagScene::selectedEdgeIds() const
{
    QList<EdgeId> ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type) {
            ids.append(static_cast<EdgeItem *>(item)->edgeId());
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DagScene::selectItems(const QList<NodeId> &nodes, const QList<EdgeId> &edges)
{
    QSignalBlocker blocker(this); // one selectionChanged for the whole change
    clearSelection();
    for (NodeId id : nodes) {
        if (NodeItem *item = nodes_.value(id)) {
            item->setSelected(true);
        }
    }
    for (EdgeId id : edges) {
        if (EdgeItem *item = edges_.value(id)) {
            item->setSelected(true);
        }
    }
    blocker.unblock();
    Q_EMIT selectionChanged();
}

void DagScene::setProblems(const QList<Problem> &problems)
{
    struct Counts {
        int errors = 0;
        int warnings = 0;
        QStringList messages;
    };
    QHash<NodeId, Counts> perNode;
    QHash<EdgeId, Counts> perEdge;
    for (const Problem &problem : problems) {
        Counts *counts = nullptr;
        if (problem.edge != InvalidEdgeId) {
            counts = &perEdge[problem.edge];
        } else if (problem.node != InvalidNodeId) {
            counts = &perNode[problem.node];
        }
        if (!counts) {
            continue; // pipeline-wide problems are for the problems list only
        }
        (problem.isError() ? counts->errors : counts->warnings)++;
        counts->messages.append(problem.message);
    }
    for (auto it = nodes_.cbegin(); it != nodes_.cend(); ++it) {
        const Counts counts = perNode.value(it.key());
        it.value()->setProblems(counts.errors, counts.warnings, counts.messages);
    }
    for (auto it = edges_.cbegin(); it != edges_.cend(); ++it) {
        const Counts counts = perEdge.value(it.key());
        const EdgeItem::State state = counts.errors > 0 ? EdgeItem::State::Error
            : counts.warnings > 0                       ? EdgeItem::State::Warning
                                                        : EdgeItem::State::Normal;
        it.value()->setProblem(state, counts.messages.join(QLatin1Char('\n')));
    }
}

void DagScene::highlightCycle(const QList<NodeId> &cycle)
{
    clearCycleHighlight();
    cycle_ = cycle;
    for (NodeId id : cycle) {
        if (NodeItem *item = nodes_.value(id)) {
            item->setCycleHighlight(true);
        }
    }
    // The existing edges along the path [to, …, from].
    for (qsizetype i = 0; i + 1 < cycle.size(); ++i) {
        for (EdgeId edge : model_->outgoingEdges(cycle[i])) {
            if (model_->edge(edge)->to.node == cycle[i + 1]) {
                if (EdgeItem *item = edges_.value(edge)) {
                    item->setCycleHighlight(true);
                }
            }
        }
    }
    if (!cycle.isEmpty()) {
        cycleTimer_->start();
    }
}

void DagScene::clearCycleHighlight()
{
    cycleTimer_->stop();
    cycle_.clear();
    for (NodeItem *item : std::as_const(nodes_)) {
        item->setCycleHighlight(false);
    }
    for (EdgeItem *item : std::as_const(edges_)) {
        item->setCycleHighlight(false);
    }
}

QPointF DagScene::snapped(const QPointF &position) const
{
    if (!snapToGrid_) {
        return position;
    }
    const double g = dagstyle::GridSize;
    return QPointF(std::round(position.x() / g) * g, std::round(position.y() / g) * g);
}

QRectF DagScene::contentsRect() const
{
    QRectF rect;
    for (NodeItem *item : nodes_) {
        rect = rect.united(item->sceneBoundingRect());
    }
    for (EdgeItem *item : edges_) {
        rect = rect.united(item->sceneBoundingRect());
    }
    return rect;
}

PortItem *DagScene::portAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == PortItem::Type) {
            return static_cast<PortItem *>(item);
        }
    }
    return nullptr;
}

// --- mouse: connecting and moving ------------------------------------------------------------

void DagScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    clearCycleHighlight();
    if (PortItem *port = portAt(event->scenePos())) {
        beginConnect(port, event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mousePressEvent(event); // selection, rubber band via the view
    const auto hit = items(event->scenePos());
    const auto node = std::find_if(
        hit.cbegin(), hit.cend(), [](QGraphicsItem *i) { return i->type() == NodeItem::Type; });
    if (node != hit.cend() && (*node)->isSelected()) {
        draggingNodes_ = true;
        dragMoved_ = false;
        dragStartScene_ = event->scenePos();
        dragStartPositions_.clear();
        for (NodeId id : selectedNodeIds()) {
            dragStartPositions_.insert(id, nodes_.value(id)->pos());
        }
    }
}

void DagScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (connectOrigin_) {
        updateConnect(event->scenePos());
        event->accept();
        return;
    }
    if (draggingNodes_ && (event->buttons() & Qt::LeftButton)) {
        const QPointF delta = event->scenePos() - dragStartScene_;
        if (!dragMoved_ && delta.manhattanLength() < 3) {
            return; // a click that wobbles is not a move
        }
        dragMoved_ = true;
        QHash<NodeId, QPointF> positions;
        for (auto it = dragStartPositions_.cbegin(); it != dragStartPositions_.cend(); ++it) {
            positions.insert(it.key(), snapped(it.value() + delta));
        }
        Q_EMIT moveRequested(positions, dragId_);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DagScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (connectOrigin_ && event->button() == Qt::LeftButton) {
        finishConnect(event->scenePos());
        event->accept();
        return;
    }
    if (draggingNodes_ && event->button() == Qt::LeftButton) {
        draggingNodes_ = false;
        if (dragMoved_) {
            ++dragId_; // the next drag is a new undo step
        }
    }
    QGraphicsScene::mouseReleaseEvent(event);
}

void DagScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (item->type() == NodeItem::Type) {
            Q_EMIT nodeDoubleClicked(static_cast<NodeItem *>(item)->nodeId());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void DagScene::beginConnect(PortItem *origin, const QPointF &scenePos)
{
    endConnect();
    connectOrigin_ = origin;
    previewEdge_ = new EdgeItem(InvalidEdgeId);
    previewEdge_->setPreview(true);
    previewEdge_->setDataType(origin->dataType());
    previewEdge_->setZValue(5);
    addItem(previewEdge_);
    // Show at once which ports would accept the connection.
    for (NodeItem *node : std::as_const(nodes_)) {
        for (PortItem *port : node->ports()) {
            if (port == origin) {
                continue;
            }
            port->setHighlight(port->direction() == origin->direction() ? PortItem::Highlight::Incompatible
                                                                        : highlightFor(origin, port));
        }
    }
    updateConnect(scenePos);
}

void DagScene::updateConnect(const QPointF &scenePos)
{
    PortItem *target = portAt(scenePos);
    if (target && (target == connectOrigin_ || target->direction() == connectOrigin_->direction())) {
        target = nullptr;
    }
    if (connectTarget_ != target) {
        if (connectTarget_) {
            connectTarget_->setHighlight(highlightFor(connectOrigin_, connectTarget_));
        }
        connectTarget_ = target;
        if (target && target->highlight() == PortItem::Highlight::Compatible) {
            target->setHighlight(PortItem::Highlight::Target);
        }
    }
    const QPointF end = target ? target->scenePos() : scenePos;
    const QPointF start = connectOrigin_->scenePos();
    if (connectOrigin_->isOutput()) {
        previewEdge_->setEndpoints(start, end);
    } else {
        previewEdge_->setEndpoints(end, start);
    }
}

void DagScene::finishConnect(const QPointF &scenePos)
{
    updateConnect(scenePos);
    PortItem *origin = connectOrigin_;
    PortItem *target = connectTarget_;
    if (!target) {
        endConnect();
        return; // dropped on empty canvas: nothing to do
    }
    PortRef from = origin->isOutput() ? origin->portRef() : target->portRef();
    PortRef to = origin->isOutput() ? target->portRef() : origin->portRef();
    QList<NodeId> cycle;
    const QString why = refusal(origin, target, &cycle);
    endConnect();
    if (!why.isEmpty()) {
        highlightCycle(cycle);
        Q_EMIT connectionRefused(why, cycle);
        return;
    }
    // A type mismatch is allowed: the model flags the edge with its fix (e.g. "insert a
    // Flatten CDC envelope step"), which the user may want to do after connecting.
    const QString mismatch
        = typeMismatch(origin->isOutput() ? origin : target, origin->isOutput() ? target : origin);
    Q_EMIT connectRequested(from, to);
    if (!mismatch.isEmpty()) {
        Q_EMIT connectionWarned(mismatch);
    }
}

void DagScene::endConnect()
{
    delete previewEdge_;
    previewEdge_ = nullptr;
    connectOrigin_ = nullptr;
    connectTarget_ = nullptr;
    for (NodeItem *node : std::as_const(nodes_)) {
        for (PortItem *port : node->ports()) {
            port->setHighlight(PortItem::Highlight::None);
        }
    }
}

QString DagScene::refusal(PortItem *origin, PortItem *target, QList<NodeId> *cycle) const
{
    PortItem *out = origin->isOutput() ? origin : target;
    PortItem *in = origin->isOutput() ? target : origin;
    const QString modelError = model_->connectionError(out->portRef(), in->portRef());
    if (!modelError.isEmpty()) {
        *cycle = model_->cyclePath(out->nodeId(), in->nodeId());
        return modelError;
    }
    return {};
}

PortItem::Highlight DagScene::highlightFor(PortItem *origin, PortItem *target) const
{
    QList<NodeId> cycle;
    if (!refusal(origin, target, &cycle).isEmpty()) {
        return PortItem::Highlight::Incompatible;
    }
    PortItem *out = origin->isOutput() ? origin : target;
    PortItem *in = origin->isOutput() ? target : origin;
    return typeMismatch(out, in).isEmpty() ? PortItem::Highlight::Compatible : PortItem::Highlight::Mismatch;
}

QString DagScene::typeMismatch(PortItem *out, PortItem *in) const
{
    const Catalogue &catalogue = model_->catalogue();
    const TypeCompatibility fit = catalogue.compatibility(out->dataType(), in->dataType());
    if (!fit.compatible) {
        const auto typeName = [&catalogue](const QString &id) {
            const DataTypeDescriptor *type = catalogue.dataType(id);
            return type ? type->displayName : id;
        };
        QString message = DagScene::tr("%1 data cannot flow into an input that expects %2.")
                              .arg(typeName(out->dataType()), typeName(in->dataType()));
        if (!fit.fix.isEmpty()) {
            message += QLatin1Char(' ') + fit.fix;
        }
        return message;
    }
    return {};
}

} // namespace edis::widgets
