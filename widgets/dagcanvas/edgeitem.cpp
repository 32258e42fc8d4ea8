#include "edgeitem.h"

#include "dagstyle.h"
#include "nodeitem.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>

namespace edis::widgets {

namespace {
constexpr double HitWidth = 12;
constexpr double ArrowSize = 7;
constexpr double OverlayPadding = 5;
constexpr double OverlayClearance = dagstyle::PortRadius + 3; ///< around a card: its ports and a gap
constexpr int OverlaySteps = 12; ///< positions tried along each half of the path
constexpr double OverlayNudge = 6;
constexpr double OverlaySearchRange = 400;

QFont overlayFont()
{
    QFont font;
    font.setPointSizeF(7.5);
    font.setBold(true);
    return font;
}
} // namespace

/// The label of the live overlay: a pill above the middle of its edge, stacked over the node
/// cards. It takes no clicks (they reach what is under it) but shows the edge's tooltip.
class EdgeOverlayItem : public QGraphicsItem {
public:
    enum { Type = QGraphicsItem::UserType + 40 };
    int type() const override { return Type; }

    explicit EdgeOverlayItem(EdgeItem *edge)
        : edge_(edge)
    {
        setZValue(5);
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
    }
    ~EdgeOverlayItem() override
    {
        if (edge_) {
            edge_->overlayItem_ = nullptr; // the scene went first
        }
    }
    EdgeOverlayItem(const EdgeOverlayItem &) = delete;
    EdgeOverlayItem &operator=(const EdgeOverlayItem &) = delete;

    void detach() { edge_ = nullptr; }
    void setText(const QString &text, bool flowing)
    {
        prepareGeometryChange();
        text_ = text;
        flowing_ = flowing;
        const QFontMetricsF metrics(overlayFont());
        size_ = QSizeF(metrics.horizontalAdvance(text) + 2 * OverlayPadding, metrics.height() + 3);
        update();
    }
    QRectF boundingRect() const override { return {QPointF(-size_.width() / 2, -size_.height()), size_}; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem * /*option*/, QWidget * /*widget*/) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF pill = boundingRect().adjusted(0.5, 0.5, -0.5, -0.5);
        painter->setPen(QPen(flowing_ ? QColor(0x22, 0xc5, 0x5e) : dagstyle::cardBorder(), 1));
        painter->setBrush(flowing_ ? QColor(0xdc, 0xfc, 0xe7) : QColor(0xf3, 0xf4, 0xf6));
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter->setFont(overlayFont());
        painter->setPen(flowing_ ? QColor(0x14, 0x53, 0x2d) : dagstyle::mutedTextColor());
        painter->drawText(pill, Qt::AlignCenter, text_);
    }

private:
    EdgeItem *edge_;
    QString text_;
    QSizeF size_;
    bool flowing_ = false;
};

EdgeItem::~EdgeItem()
{
    removeOverlayItem();
}

void EdgeItem::removeOverlayItem()
{
    if (overlayItem_) {
        overlayItem_->detach();
        delete overlayItem_;
        overlayItem_ = nullptr;
    }
}

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
    if (overlayItem_) {
        refreshOverlayItem();
    }
}

void EdgeItem::setRoute(const QPointF &from, const QPointF &to, const QPainterPath &path)
{
    if (from == from_ && to == to_ && path == path_) {
        return;
    }
    prepareGeometryChange();
    from_ = from;
    to_ = to;
    path_ = path;
    if (overlayItem_) {
        refreshOverlayItem();
    }
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
    problemToolTip_ = message;
    refreshToolTip();
    update();
}

void EdgeItem::setOverlay(const QString &label, const QString &toolTip, bool flowing)
{
    if (label == overlay_ && toolTip == overlayToolTip_ && flowing == overlayFlowing_) {
        return;
    }
    overlay_ = label;
    overlayToolTip_ = toolTip;
    overlayFlowing_ = flowing;
    refreshToolTip();
    refreshOverlayItem();
}

void EdgeItem::refreshOverlayItem()
{
    if (overlay_.isEmpty() || preview_ || !scene()) {
        removeOverlayItem();
        return;
    }
    if (!overlayItem_) {
        overlayItem_ = new EdgeOverlayItem(this);
        scene()->addItem(overlayItem_);
    }
    overlayItem_->setText(overlay_, overlayFlowing_);
    overlayItem_->setToolTip(toolTip());
    placeOverlay();
}

void EdgeItem::placeOverlay()
{
    if (!overlayItem_ || !scene()) {
        return;
    }
    // What the label must not cover: every card with its ports (the edge's own two included:
    // a label on a port hides where the edge starts), and the labels placed before it.
    QList<QRectF> taken;
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() == NodeItem::Type) {
            const auto *node = static_cast<NodeItem *>(item);
            taken << node->mapRectToScene(node->cardRect())
                         .adjusted(-OverlayClearance, -OverlayClearance, OverlayClearance, OverlayClearance);
        } else if (item != overlayItem_ && item->type() == EdgeOverlayItem::Type) {
            taken << item->sceneBoundingRect();
        }
    }
    const QRectF local = overlayItem_->boundingRect();
    const auto clear = [&taken](const QRectF &rect) {
        return std::none_of(
            taken.cbegin(), taken.cend(), [&rect](const QRectF &r) { return r.intersects(rect); });
    };
    // The pill's centre on the path, nearest the middle first; then nudged up or down a little.
    const QPointF centreOffset(0, local.center().y());
    QPointF best = path_.isEmpty() ? QPointF() : path_.pointAtPercent(0.5) - centreOffset;
    bool found = false;
    for (int step = 0; step <= OverlaySteps && !found; ++step) {
        for (const int sign : {1, -1}) {
            const double t = 0.5 + sign * step * (0.5 / (OverlaySteps + 1));
            const QPointF onPath = path_.pointAtPercent(std::clamp(t, 0.0, 1.0));
            for (const double dy : {0.0, -local.height() * 0.75, local.height() * 0.75}) {
                const QPointF pos = onPath - centreOffset + QPointF(0, dy);
                if (clear(local.translated(pos))) {
                    best = pos;
                    found = true;
                    break;
                }
            }
            if (found || step == 0) {
                break;
            }
        }
    }
    if (!found) {
        // No room along the path (cards packed tight): the nearest clear spot straight above or
        // below the middle, so that it still reads as this edge's.
        const QPointF middle = best;
        for (double d = OverlayNudge; d <= OverlaySearchRange && !found; d += OverlayNudge) {
            for (const double dy : {-d, d}) {
                if (clear(local.translated(middle + QPointF(0, dy)))) {
                    best = middle + QPointF(0, dy);
                    found = true;
                    break;
                }
            }
        }
    }
    overlayItem_->setPos(best);
}

QRectF EdgeItem::overlaySceneRect() const
{
    return overlayItem_ ? overlayItem_->sceneBoundingRect() : QRectF();
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSceneHasChanged) {
        removeOverlayItem(); // it belonged to the old scene
        refreshOverlayItem();
    }
    return QGraphicsItem::itemChange(change, value);
}

void EdgeItem::refreshToolTip()
{
    QStringList parts;
    for (const QString &part : {problemToolTip_, overlayToolTip_}) {
        if (!part.isEmpty()) {
            parts << part;
        }
    }
    setToolTip(parts.join(QLatin1Char('\n')));
    if (overlayItem_) {
        overlayItem_->setToolTip(toolTip());
    }
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
