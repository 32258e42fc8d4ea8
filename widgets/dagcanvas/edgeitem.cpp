#include "edgeitem.h"

#include "dagstyle.h"

#include <QPainter>
#include <QPainterPathStroker>

namespace edis::widgets {

namespace {
constexpr double HitWidth = 12;
constexpr double ArrowSize = 7;
} // namespace

EdgeItem::EdgeItem(pipeline::EdgeId id, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , id_(id)
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(1);
}

QPainterPath EdgeItem::curve(const QPointF &from, const QPointF &to)
{
    // Leave and enter the ports horizontally; a backwards edge bows out further so that it
    // stays readable instead of folding onto itself.
    const double dx = to.x() - from.x();
    const double bend = dx >= 0 ? std::max(40.0, dx / 2) : std::max(80.0, -dx / 2 + 60);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    return path;
}

void EdgeItem::setEndpoints(const QPointF &from, const QPointF &to)
{
    if (from == from_ && to == to_ && !path_.isEmpty()) {
        return;
    }
    prepareGeometryChange();
    from_ = from;
    to_ = to;
    path_ = curve(from, to);
}

void EdgeItem::setDataType(const QString &dataType)
{
    if (dataType_ != dataType) {
        dataType_ = dataType;
        update();
    }
}

void EdgeItem::setProblem(State state, const QString &message)
{
    state_ = state;
    setToolTip(message);
    update();
}

void EdgeItem::setCycleHighlight(bool on)
{
    if (cycleHighlight_ != on) {
        cycleHighlight_ = on;
        update();
    }
}

void EdgeItem::setPreview(bool preview)
{
    preview_ = preview;
    setFlag(ItemIsSelectable, !preview);
    update();
}

QRectF EdgeItem::boundingRect() const
{
    return path_.controlPointRect().adjusted(-HitWidth, -HitWidth, HitWidth, HitWidth);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(HitWidth);
    return stroker.createStroke(path_);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = dagstyle::dataTypeColor(dataType_);
    if (state_ == State::Error || cycleHighlight_) {
        color = dagstyle::errorColor();
    } else if (state_ == State::Warning) {
        color = dagstyle::warningColor();
    }
    if (isSelected() || cycleHighlight_) {
        QColor halo = cycleHighlight_ ? dagstyle::errorColor() : dagstyle::selectionColor();
        halo.setAlpha(70);
        painter->setPen(QPen(halo, 8, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(path_);
    }
    QPen pen(color, isSelected() ? 3 : 2.2, Qt::SolidLine, Qt::RoundCap);
    if (preview_ || state_ == State::Error) {
        pen.setStyle(Qt::DashLine);
    }
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path_);

    // A small arrowhead just before the input port shows the direction of flow.
    if (!preview_) {
        const QPointF tip = to_ - QPointF(dagstyle::PortRadius + 1, 0);
        QPolygonF arrow;
        arrow << tip << tip + QPointF(-ArrowSize, -ArrowSize / 2) << tip + QPointF(-ArrowSize, ArrowSize / 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPolygon(arrow);
    }
}

} // namespace edis::widgets
