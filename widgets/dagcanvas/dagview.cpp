#include "dagview.h"

#include "dagmimedata.h"
#include "dagminimap.h"
#include "dagscene.h"
#include "dagstyle.h"
#include "nodeitem.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace edis::widgets {

namespace {
constexpr double ZoomStep = 1.2;
constexpr int MinimapMargin = 12;
} // namespace

DagView::DagView(DagScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , scene_(scene)
    , minimap_(new DagMinimap(this, this))
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Edges are curves whose bounding boxes overlap a lot; repainting the whole viewport is
    // cheaper than many small region updates and leaves no trails of the grid behind.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    placeMinimap();
}

void DagView::setMinimapVisible(bool visible)
{
    minimap_->setVisible(visible);
}

void DagView::zoomIn()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    zoomBy(ZoomStep);
    setTransformationAnchor(anchor);
}

void DagView::zoomOut()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    zoomBy(1 / ZoomStep);
    setTransformationAnchor(anchor);
}

void DagView::resetZoom()
{
    setZoom(1.0);
}

void DagView::setZoom(double factor)
{
    factor = std::clamp(factor, MinZoom, MaxZoom);
    setTransform(QTransform::fromScale(factor, factor));
    Q_EMIT zoomChanged(factor);
    minimap_->viewport()->update();
}

void DagView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    const double applied = target / zoom();
    if (std::abs(applied - 1.0) < 1e-6) {
        return;
    }
    scale(applied, applied);
    Q_EMIT zoomChanged(zoom());
    minimap_->viewport()->update();
}

void DagView::fitToContents()
{
    const QRectF contents = scene_->contentsRect();
    if (contents.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    const QRectF padded = contents.adjusted(-40, -40, 40, 40);
    fitInView(padded, Qt::KeepAspectRatio);
    if (zoom() > 1.0) {
        setZoom(1.0); // a small pipeline is shown at its natural size, not blown up
    } else if (zoom() < MinZoom) {
        setZoom(MinZoom);
    }
    centerOn(padded.center());
    Q_EMIT zoomChanged(zoom());
    minimap_->viewport()->update();
}

void DagView::centreOnNode(quint64 id)
{
    if (NodeItem *item = scene_->nodeItem(id)) {
        centerOn(item->sceneBoundingRect().center());
    }
}

void DagView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, dagstyle::canvasBackground());
    const double g = dagstyle::GridSize;
    if (zoom() * g < 6) {
        return; // too dense to help
    }
    const double left = std::floor(rect.left() / g) * g;
    const double top = std::floor(rect.top() / g) * g;
    QVarLengthArray<QLineF, 256> minor;
    QVarLengthArray<QLineF, 256> major;
    for (double x = left; x <= rect.right(); x += g) {
        const bool isMajor = std::fmod(std::abs(x), g * 5) < 0.5;
        (isMajor ? major : minor).append(QLineF(x, rect.top(), x, rect.bottom()));
    }
    for (double y = top; y <= rect.bottom(); y += g) {
        const bool isMajor = std::fmod(std::abs(y), g * 5) < 0.5;
        (isMajor ? major : minor).append(QLineF(rect.left(), y, rect.right(), y));
    }
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(dagstyle::gridMinor(), 0));
    painter->drawLines(minor.data(), static_cast<int>(minor.size()));
    painter->setPen(QPen(dagstyle::gridMajor(), 0));
    painter->drawLines(major.data(), static_cast<int>(major.size()));
}

void DagView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.15, steps));
    event->accept();
}

void DagView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            event->accept();
            return;
        case Qt::Key_Minus:
            zoomOut();
            event->accept();
            return;
        case Qt::Key_0:
            fitToContents();
            event->accept();
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Escape && scene_->hasCycleHighlight()) {
        scene_->clearCycleHighlight();
    }
    QGraphicsView::keyPressEvent(event);
}

void DagView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        if (!panning_) {
            viewport()->unsetCursor();
        }
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DagView::focusOutEvent(QFocusEvent *event)
{
    spaceHeld_ = false;
    QGraphicsView::focusOutEvent(event);
}

void DagView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (spaceHeld_ && event->button() == Qt::LeftButton)) {
        panning_ = true;
        panLast_ = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DagView::mouseMoveEvent(QMouseEvent *event)
{
    if (panning_) {
        const QPoint now = event->position().toPoint();
        const QPoint delta = now - panLast_;
        panLast_ = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DagView::mouseReleaseEvent(QMouseEvent *event)
{
    if (panning_ && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        panning_ = false;
        if (spaceHeld_) {
            viewport()->setCursor(Qt::OpenHandCursor);
        } else {
            viewport()->unsetCursor();
        }
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DagView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void DagView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    minimap_->viewport()->update();
}

void DagView::placeMinimap()
{
    const QSize size(std::clamp(width() / 5, 140, 220), std::clamp(height() / 5, 100, 150));
    const QRect area = viewport()->geometry();
    minimap_->setGeometry(area.right() - size.width() - MinimapMargin,
        area.bottom() - size.height() - MinimapMargin, size.width(), size.height());
    minimap_->raise();
}

void DagView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(NodeTypeMimeType))) {
        event->acceptProposedAction();
        return;
    }
    event->ignore();
}

void DagView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(NodeTypeMimeType))) {
        event->acceptProposedAction();
        return;
    }
    event->ignore();
}

void DagView::dropEvent(QDropEvent *event)
{
    const QByteArray typeId = event->mimeData()->data(QLatin1String(NodeTypeMimeType));
    if (typeId.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    Q_EMIT nodeDropped(QString::fromUtf8(typeId), mapToScene(event->position().toPoint()));
}

} // namespace edis::widgets
