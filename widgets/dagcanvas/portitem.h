#pragma once

#include "catalogue.h"
#include "graphtypes.h"

#include <QGraphicsItem>

namespace edis::widgets {

/// A port dot on a node card, coloured by the data type it carries. Owned by its NodeItem;
/// the scene finds it under the mouse to start and end connections.
class PortItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };
    /// How the port looks while the user drags a new connection.
    /// Compatible: accepts the connection. Mismatch: accepts it, but the data types differ (the
    /// model flags the edge with its fix). Incompatible: refuses it (a cycle, a taken input).
    enum class Highlight { None, Compatible, Mismatch, Incompatible, Target };

    PortItem(pipeline::NodeId node, const QString &name, pipeline::PortDirection direction,
        QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    pipeline::NodeId nodeId() const { return node_; }
    QString portName() const { return name_; }
    pipeline::PortDirection direction() const { return direction_; }
    pipeline::PortRef portRef() const { return {node_, name_}; }
    bool isOutput() const { return direction_ == pipeline::PortDirection::Output; }

    QString dataType() const { return dataType_; }
    void setDataType(const QString &dataType);
    void setConnected(bool connected);
    void setHighlight(Highlight highlight);
    Highlight highlight() const { return highlight_; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    pipeline::NodeId node_;
    QString name_;
    pipeline::PortDirection direction_;
    QString dataType_;
    bool connected_ = false;
    Highlight highlight_ = Highlight::None;
};

} // namespace edis::widgets
