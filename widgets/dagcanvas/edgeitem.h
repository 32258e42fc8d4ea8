#pragma once

#include "graphtypes.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace edis::widgets {

/// An edge as a horizontal bezier curve from an output port to an input port, coloured by the
/// data type it carries. Selectable (a wide invisible hit band), red when it has a problem.
class EdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };
    enum class State { Normal, Warning, Error };

    explicit EdgeItem(pipeline::EdgeId id, QGraphicsItem *parent = nullptr);
    ~EdgeItem() override;
    EdgeItem(const EdgeItem &) = delete;
    EdgeItem &operator=(const EdgeItem &) = delete;

    int type() const override { return Type; }
    pipeline::EdgeId edgeId() const { return id_; }

    /// The default curve between two port positions (the preview edge, and edges with nothing in
    /// their way).
    void setEndpoints(const QPointF &from, const QPointF &to);
    /// A path the scene routed around the cards in the way; it starts at `from` and ends
    /// horizontally at `to`.
    void setRoute(const QPointF &from, const QPointF &to, const QPainterPath &path);
    /// The drawn path, in scene coordinates (the item sits at the origin).
    QPainterPath path() const { return path_; }
    QPointF fromPoint() const { return from_; }
    QPointF toPoint() const { return to_; }
    void setDataType(const QString &dataType);
    QString dataType() const { return dataType_; }
    void setProblem(State state, const QString &message);
    State state() const { return state_; }
    void setCycleHighlight(bool on);
    /// A dashed look for the edge that follows the mouse while connecting.
    void setPreview(bool preview);

    /// The live overlay: a label at the middle of the curve (e.g. "1.2k msg/s · lag 40"), drawn
    /// strong when `flowing`, muted when the topic is idle, above the node cards (a separate item,
    /// so that short edges between close nodes stay readable). An empty label removes it.
    void setOverlay(const QString &label, const QString &toolTip, bool flowing);
    QString overlayLabel() const { return overlay_; }
    bool isOverlayFlowing() const { return overlayFlowing_; }
    /// Where the overlay label is drawn, in scene coordinates (empty without one). It sits on the
    /// path, at the point nearest the middle where it covers no card, port or other label.
    QRectF overlaySceneRect() const;
    /// Places the label again (after cards or other labels moved).
    void placeOverlay();

    /// The curve between two port positions, shared with the preview edge.
    static QPainterPath curve(const QPointF &from, const QPointF &to);

    QRectF boundingRect() const override;
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    friend class EdgeOverlayItem;
    void refreshToolTip();
    void refreshOverlayItem();
    void removeOverlayItem();

    pipeline::EdgeId id_;
    QPointF from_;
    QPointF to_;
    QPainterPath path_;
    QString dataType_;
    QString problemToolTip_;
    QString overlay_;
    QString overlayToolTip_;
    bool overlayFlowing_ = false;
    class EdgeOverlayItem *overlayItem_ = nullptr; ///< top-level item in the scene, deleted with the edge
    State state_ = State::Normal;
    bool cycleHighlight_ = false;
    bool preview_ = false;
};

} // namespace edis::widgets
