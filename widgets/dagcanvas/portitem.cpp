#include "portitem.h"

#include "dagstyle.h"

#include <QPainter>

namespace edis::widgets {

namespace {
constexpr double HitRadius = 10; // generous, so that a port is easy to grab at any zoom
constexpr double HaloRadius = 9;
} // namespace

PortItem::PortItem(
    pipeline::NodeId node, const QString &name, pipeline::PortDirection direction, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , node_(node)
    , name_(name)
    , direction_(direction)
{
    setAcceptHoverEvents(true);
    setZValue(1);
}

void PortItem::setDataType(const QString &dataType)
{
    if (dataType_ != dataType) {
        dataType_ = dataType;
        update();
    }
}

void PortItem::setConnected(bool connected)
{
    if (connected_ != connected) {
        connected_ = connected;
        update();
    }
}

void PortItem::setHighlight(Highlight highlight)
{
    if (highlight_ != highlight) {
        highlight_ = highlight;
        update();
    }
}

QRectF PortItem::boundingRect() const
{
    return QRectF(-HitRadius, -HitRadius, 2 * HitRadius, 2 * HitRadius);
}

QPainterPath PortItem::shape() const
{
    QPainterPath path;
    path.addEllipse(QPointF(), HitRadius, HitRadius);
    return path;
}

void PortItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor color = dagstyle::dataTypeColor(dataType_);
    painter->setRenderHint(QPainter::Antialiasing);
    if (highlight_ == Highlight::Compatible || highlight_ == Highlight::Target
        || highlight_ == Highlight::Mismatch) {
        QColor halo
            = highlight_ == Highlight::Mismatch ? dagstyle::warningColor() : dagstyle::selectionColor();
        halo.setAlpha(highlight_ == Highlight::Target ? 110 : 55);
        painter->setPen(Qt::NoPen);
        painter->setBrush(halo);
        painter->drawEllipse(QPointF(), HaloRadius, HaloRadius);
    }
    QColor fill = connected_ ? color : dagstyle::cardFill();
    QColor ring = color;
    if (highlight_ == Highlight::Incompatible) {
        fill.setAlpha(70);
        ring.setAlpha(70);
    }
    const double radius = highlight_ == Highlight::Target ? dagstyle::PortRadius + 1.5 : dagstyle::PortRadius;
    painter->setPen(QPen(ring, 2));
    painter->setBrush(fill);
    painter->drawEllipse(QPointF(), radius, radius);
}

} // namespace edis::widgets
