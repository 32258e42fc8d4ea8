#include "nodeitem.h"

#include "dagstyle.h"
#include "portitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace edis::widgets {

using namespace dagstyle;

namespace {
constexpr double BadgeRadius = 9;
constexpr double TextMargin = 12;
constexpr double RuntimeHeight = 18;

bool showsLabels(const QList<NodeCardContent::Port> &ports)
{
    return ports.size() > 1;
}

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(10);
    return font;
}

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(8.5);
    return font;
}

double summaryWidth()
{
    return NodeWidth - 2 * TextMargin;
}
} // namespace

NodeItem::NodeItem(pipeline::NodeId id, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , id_(id)
{
    setFlags(ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(2);
}

void NodeItem::setContent(const NodeCardContent &content)
{
    prepareGeometryChange();
    content_ = content;
    rebuildPorts();
    refreshToolTip();
    update();
}

void NodeItem::updatePortStates(const NodeCardContent &content)
{
    for (PortItem *port : std::as_const(ports_)) {
        const auto &list = port->isOutput() ? content.outputs : content.inputs;
        for (const auto &p : list) {
            if (p.name == port->portName()) {
                port->setDataType(p.dataType);
                port->setConnected(p.connected);
                port->setToolTip(p.toolTip);
            }
        }
    }
    content_.inputs = content.inputs;
    content_.outputs = content.outputs;
}

void NodeItem::rebuildPorts()
{
    qDeleteAll(ports_);
    ports_.clear();
    const auto addSide = [this](const QList<NodeCardContent::Port> &side, pipeline::PortDirection direction) {
        const double x = direction == pipeline::PortDirection::Output ? NodeWidth : 0;
        for (int row = 0; row < side.size(); ++row) {
            auto *port = new PortItem(id_, side[row].name, direction, this);
            port->setPos(x, portY(row));
            port->setDataType(side[row].dataType);
            port->setConnected(side[row].connected);
            port->setToolTip(side[row].toolTip);
            ports_.append(port);
        }
    };
    addSide(content_.inputs, pipeline::PortDirection::Input);
    addSide(content_.outputs, pipeline::PortDirection::Output);
}

PortItem *NodeItem::port(const QString &name, pipeline::PortDirection direction) const
{
    for (PortItem *port : ports_) {
        if (port->direction() == direction && port->portName() == name) {
            return port;
        }
    }
    return nullptr;
}

void NodeItem::setProblems(int errors, int warnings, const QStringList &messages)
{
    if (errors_ == errors && warnings_ == warnings && problemMessages_ == messages) {
        return;
    }
    errors_ = errors;
    warnings_ = warnings;
    problemMessages_ = messages;
    refreshToolTip();
    update();
}

QColor NodeItem::runtimeColor(RuntimeLevel level)
{
    switch (level) {
    case NodeItem::RuntimeLevel::Good:
        return {0x16, 0xa3, 0x4a};
    case NodeItem::RuntimeLevel::Busy:
        return {0x25, 0x63, 0xeb};
    case NodeItem::RuntimeLevel::Warning:
        return warningColor();
    case NodeItem::RuntimeLevel::Bad:
        return errorColor();
    case NodeItem::RuntimeLevel::Unknown:
        break;
    }
    return mutedTextColor();
}

void NodeItem::setRuntimeStatus(const QString &text, RuntimeLevel level, const QString &detail)
{
    if (text == runtimeText_ && level == runtimeLevel_ && detail == runtimeDetail_) {
        return;
    }
    prepareGeometryChange();
    runtimeText_ = text;
    runtimeLevel_ = level;
    runtimeDetail_ = detail;
    refreshToolTip();
    update();
}

QRectF NodeItem::runtimeRect() const
{
    if (runtimeText_.isEmpty()) {
        return {};
    }
    return {CornerRadius, height(), NodeWidth - 2 * CornerRadius, RuntimeHeight};
}

void NodeItem::setCycleHighlight(bool on)
{
    if (cycleHighlight_ != on) {
        cycleHighlight_ = on;
        update();
    }
}

double NodeItem::titleWidth() const
{
    const bool hasBadge = errors_ > 0 || warnings_ > 0;
    return NodeWidth - 2 * TextMargin - (hasBadge ? 2 * BadgeRadius + 6 : 0);
}

QString NodeItem::shownTitle() const
{
    return QFontMetricsF(titleFont(QFont())).elidedText(content_.title, Qt::ElideRight, titleWidth());
}

QString NodeItem::shownSummary() const
{
    return QFontMetricsF(smallFont(QFont())).elidedText(content_.summary, Qt::ElideMiddle, summaryWidth());
}

void NodeItem::refreshToolTip()
{
    // The card elides a long name and summary: the tooltip always has them whole.
    QString tip = QStringLiteral("<b>%1</b> — %2")
                      .arg(content_.title.toHtmlEscaped(), content_.typeName.toHtmlEscaped());
    if (!content_.summary.isEmpty()) {
        tip += QStringLiteral("<br>") + content_.summary.toHtmlEscaped();
    }
    if (!content_.toolTip.isEmpty()) {
        tip += QStringLiteral("<br>") + content_.toolTip.toHtmlEscaped();
    }
    for (const QString &message : std::as_const(problemMessages_)) {
        tip += QStringLiteral("<br>• ") + message.toHtmlEscaped();
    }
    if (!runtimeText_.isEmpty()) {
        tip += QStringLiteral("<br><b>%1</b>").arg(runtimeText_.toHtmlEscaped());
    }
    if (!runtimeDetail_.isEmpty()) {
        // A Java stack trace: its first lines say what failed.
        const QStringList lines = runtimeDetail_.split(QLatin1Char('\n')).mid(0, 6);
        tip += QStringLiteral("<pre>%1</pre>").arg(lines.join(QLatin1Char('\n')).toHtmlEscaped());
    }
    setToolTip(tip);
}

double NodeItem::bodyTop() const
{
    return HeaderHeight + (content_.summary.isEmpty() ? 0 : SummaryHeight) + BodyPadding / 2;
}

double NodeItem::portY(int row) const
{
    return bodyTop() + row * PortRowHeight + PortRowHeight / 2;
}

double NodeItem::height() const
{
    const auto rows = std::max<qsizetype>({1, content_.inputs.size(), content_.outputs.size()});
    return bodyTop() + static_cast<double>(rows) * PortRowHeight + BodyPadding / 2;
}

QRectF NodeItem::cardRect() const
{
    return QRectF(0, 0, NodeWidth, height());
}

QRectF NodeItem::badgeRect() const
{
    return QRectF(NodeWidth - TextMargin - 2 * BadgeRadius, HeaderHeight / 2 - BadgeRadius, 2 * BadgeRadius,
        2 * BadgeRadius);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline and the drop shadow, and the runtime strip under the card.
    return cardRect().adjusted(-4, -4, 4, runtimeText_.isEmpty() ? 6 : 6 + RuntimeHeight);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(cardRect(), CornerRadius, CornerRadius);
    return path;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card = cardRect();
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());

    QPainterPath cardPath;
    cardPath.addRoundedRect(card, CornerRadius, CornerRadius);
    QPainterPath headerBand;
    headerBand.addRect(QRectF(0, 0, NodeWidth, HeaderHeight));
    const QPainterPath headerPath = cardPath.intersected(headerBand);

    // Drop shadow, card, header band.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(15, 23, 42, 30));
    painter->drawRoundedRect(card.translated(0, 3), CornerRadius, CornerRadius);
    painter->setBrush(cardFill());
    painter->drawPath(cardPath);
    painter->fillPath(headerPath, categoryColor(content_.category));

    QPen border(cardBorder(), 1);
    if (cycleHighlight_) {
        border = QPen(errorColor(), 3);
    } else if (isSelected()) {
        border = QPen(selectionColor(), 2.5);
    } else if (errors_ > 0) {
        border = QPen(errorColor().lighter(130), 1.5);
    }
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(cardPath);

    if (!runtimeText_.isEmpty()) {
        // A tab hanging under the card: the state of what runs the node.
        const QRectF strip = runtimeRect();
        const QColor colour = runtimeColor(runtimeLevel_);
        QPainterPath tab;
        tab.addRoundedRect(strip.adjusted(0, -CornerRadius, 0, 0), CornerRadius, CornerRadius);
        QPainterPath below;
        below.addRect(strip);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawPath(tab.intersected(below));
        if (lod >= 0.35) {
            QFont font = painter->font();
            font.setPointSizeF(8);
            font.setBold(true);
            painter->setFont(font);
            painter->setPen(Qt::white);
            const QRectF textRect = strip.adjusted(6, 0, -6, 0);
            painter->drawText(textRect, Qt::AlignCenter,
                QFontMetricsF(font).elidedText(runtimeText_, Qt::ElideRight, textRect.width()));
        }
    }

    if (lod < 0.35) {
        return; // the minimap and far zoom: the shape and colour say enough
    }

    const bool hasBadge = errors_ > 0 || warnings_ > 0;
    const double textWidth = titleWidth();
    const QFont title = titleFont(painter->font());
    const QFont small = smallFont(painter->font());

    painter->setPen(Qt::white);
    painter->setFont(title);
    const QRectF titleRect(TextMargin, 5, textWidth, 20);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(title).elidedText(content_.title, Qt::ElideRight, textWidth));
    painter->setFont(small);
    painter->setPen(QColor(255, 255, 255, 215));
    const QRectF typeRect(TextMargin, 23, textWidth, 16);
    painter->drawText(typeRect, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(small).elidedText(content_.typeName, Qt::ElideRight, textWidth));

    if (hasBadge) {
        const QRectF badge = badgeRect();
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(errors_ > 0 ? errorColor() : warningColor());
        painter->drawEllipse(badge);
        QFont badgeFont = title;
        badgeFont.setPointSizeF(8);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        const int count = errors_ > 0 ? errors_ : warnings_;
        painter->drawText(badge, Qt::AlignCenter, count > 9 ? QStringLiteral("9+") : QString::number(count));
    }

    painter->setFont(small);
    const QFontMetricsF smallMetrics(small);
    if (!content_.summary.isEmpty()) {
        painter->setPen(mutedTextColor());
        const QRectF summaryRect(TextMargin, HeaderHeight + 3, summaryWidth(), SummaryHeight - 4);
        painter->drawText(summaryRect, Qt::AlignLeft | Qt::AlignVCenter,
            smallMetrics.elidedText(content_.summary, Qt::ElideMiddle, summaryRect.width()));
        painter->setPen(QPen(QColor(0xe5, 0xe8, 0xec), 1));
        painter->drawLine(
            QPointF(1, HeaderHeight + SummaryHeight), QPointF(NodeWidth - 1, HeaderHeight + SummaryHeight));
    }

    painter->setPen(textColor());
    const double labelWidth = NodeWidth / 2 - TextMargin - 4;
    if (showsLabels(content_.inputs)) {
        for (int row = 0; row < content_.inputs.size(); ++row) {
            const QRectF r(TextMargin, portY(row) - PortRowHeight / 2, labelWidth, PortRowHeight);
            painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                smallMetrics.elidedText(content_.inputs[row].label, Qt::ElideRight, labelWidth));
        }
    }
    if (showsLabels(content_.outputs)) {
        for (int row = 0; row < content_.outputs.size(); ++row) {
            const QRectF r(NodeWidth / 2 + 4, portY(row) - PortRowHeight / 2, labelWidth, PortRowHeight);
            painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                smallMetrics.elidedText(content_.outputs[row].label, Qt::ElideRight, labelWidth));
        }
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged && moved_) {
        moved_(id_);
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace edis::widgets
