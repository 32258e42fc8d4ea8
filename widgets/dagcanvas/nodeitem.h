#pragma once

#include "catalogue.h"
#include "graphtypes.h"

#include <QGraphicsItem>

#include <functional>

namespace edis::widgets {

class PortItem;

/// What a node card shows. Built by the scene from the model, so that the item itself knows
/// nothing about PipelineModel.
struct NodeCardContent {
    struct Port {
        QString name;
        QString label; ///< shown next to the dot when a side has several ports
        QString dataType;
        QString toolTip;
        bool connected = false;
    };
    QString title; ///< the node's name
    QString typeName; ///< the catalogue display name
    pipeline::NodeCategory category = pipeline::NodeCategory::Processor;
    QString summary; ///< one line of the most telling setting, may be empty
    QString toolTip;
    QList<Port> inputs;
    QList<Port> outputs;
};

/// A node as a rounded card: a header coloured by category with name and type, a summary
/// line, input ports on the left and output ports on the right, and a badge when the node
/// has problems. Selectable; never moves itself (the scene turns drags into move requests).
class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    explicit NodeItem(pipeline::NodeId id, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    pipeline::NodeId nodeId() const { return id_; }

    void setContent(const NodeCardContent &content);
    const NodeCardContent &content() const { return content_; }
    void updatePortStates(const NodeCardContent &content);
    PortItem *port(const QString &name, pipeline::PortDirection direction) const;
    QList<PortItem *> ports() const { return ports_; }

    /// Problem counts for the badge; the messages become the tooltip.
    void setProblems(int errors, int warnings, const QStringList &messages);
    int errorCount() const { return errors_; }
    int warningCount() const { return warnings_; }
    void setCycleHighlight(bool on);
    bool isCycleHighlighted() const { return cycleHighlight_; }

    /// What runs this node on an engine, e.g. a Kafka Connect connector: shown as a strip under
    /// the card ("RUNNING · 1/1 tasks"), coloured by `level`; `detail` (a failure trace) joins
    /// the tooltip. An empty text removes it.
    enum class RuntimeLevel { Good, Busy, Warning, Bad, Unknown };
    void setRuntimeStatus(const QString &text, RuntimeLevel level, const QString &detail = {});
    /// The colour of a level, for the strip and for lists that show the same states.
    static QColor runtimeColor(RuntimeLevel level);
    QString runtimeText() const { return runtimeText_; }
    RuntimeLevel runtimeLevel() const { return runtimeLevel_; }
    QRectF runtimeRect() const;

    /// Called after the item's position changed, so that the scene can re-route edges.
    void setMovedCallback(std::function<void(pipeline::NodeId)> callback) { moved_ = std::move(callback); }

    /// The name and summary as the card draws them (elided to fit); the tooltip has them whole.
    QString shownTitle() const;
    QString shownSummary() const;

    double height() const;
    QRectF cardRect() const;
    QRectF badgeRect() const;
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void rebuildPorts();
    void refreshToolTip();
    double portY(int row) const;
    double titleWidth() const;
    double bodyTop() const;

    pipeline::NodeId id_;
    NodeCardContent content_;
    QList<PortItem *> ports_;
    int errors_ = 0;
    int warnings_ = 0;
    QStringList problemMessages_;
    bool cycleHighlight_ = false;
    QString runtimeText_;
    QString runtimeDetail_;
    RuntimeLevel runtimeLevel_ = RuntimeLevel::Unknown;
    std::function<void(pipeline::NodeId)> moved_;
};

} // namespace edis::widgets
