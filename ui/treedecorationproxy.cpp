#include "treedecorationproxy.h"

#include "models/clustertreemodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QStyle>

#include <cmath>

namespace edis::ui {

namespace {

QIcon dotIcon(const QColor &color)
{
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(140));
    p.setBrush(color);
    p.drawEllipse(QRectF(3, 3, 10, 10));
    return QIcon(pm);
}

QIcon topicGlyph(const QColor &color)
{
    // Three stacked bars: a log of records.
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    for (int i = 0; i < 3; ++i) {
        p.drawRoundedRect(QRectF(2, 2.5 + i * 4.0, 12, 3), 1, 1);
    }
    return QIcon(pm);
}

} // namespace

TreeDecorationProxy::TreeDecorationProxy(QObject *parent)
    : QIdentityProxyModel(parent)
    , stateIcons_ {dotIcon(QColor(0xf5, 0xa6, 0x23)), dotIcon(QColor(0x2e, 0xa0, 0x43)),
          dotIcon(QColor(0xd3, 0x2f, 0x2f))}
    , folderIcon_(QApplication::style()->standardIcon(QStyle::SP_DirIcon))
    , brokerIcon_(QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon))
    , topicIcon_(topicGlyph(QColor(0x1e, 0x6f, 0xd9)))
    , internalTopicIcon_(topicGlyph(QColor(0x9e, 0x9e, 0x9e)))
{
}

QVariant TreeDecorationProxy::data(const QModelIndex &index, int role) const
{
    using Model = models::ClusterTreeModel;
    if (role == Qt::ToolTipRole) {
        return toolTip(index);
    }
    if (role == Qt::DisplayRole && index.column() == Model::DetailColumn
        && static_cast<Model::NodeKind>(index.data(Model::KindRole).toInt()) == Model::NodeKind::Topic) {
        // Just the count beside the sparkline, as the folders show theirs: the names keep the
        // room; "3 partitions" is in the tooltip.
        return QString::number(index.data(Model::PartitionCountRole).toInt());
    }
    if (role == SparklineRole && index.column() == Model::DetailColumn
        && static_cast<Model::NodeKind>(index.data(Model::KindRole).toInt()) == Model::NodeKind::Topic) {
        const QList<double> values = topicRates(
            index.data(Model::ClusterIndexRole).toInt(), index.data(Model::TopicNameRole).toString());
        return values.isEmpty() ? QIdentityProxyModel::data(index, role) : QVariant::fromValue(values);
    }
    if (role != Qt::DecorationRole || index.column() != 0) {
        return QIdentityProxyModel::data(index, role);
    }
    switch (static_cast<Model::NodeKind>(index.data(Model::KindRole).toInt())) {
    case Model::NodeKind::Cluster:
        return stateIcons_[qBound(0, index.data(Model::ConnectionStateRole).toInt(), 2)];
    case Model::NodeKind::BrokersFolder:
    case Model::NodeKind::TopicsFolder:
        return folderIcon_;
    case Model::NodeKind::Broker:
        return brokerIcon_;
    case Model::NodeKind::Topic:
        return index.data(Model::InternalTopicRole).toBool() ? internalTopicIcon_ : topicIcon_;
    }
    return {};
}

QString TreeDecorationProxy::toolTip(const QModelIndex &index) const
{
    // The tree elides what does not fit (names in the middle, details at the end): every cell's
    // tooltip carries its whole text, then what the model adds (state, under-replication).
    using Model = models::ClusterTreeModel;
    QStringList lines;
    const QString text = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    if (!text.isEmpty()) {
        lines << text;
    }
    if (index.column() == Model::DetailColumn
        && static_cast<Model::NodeKind>(index.data(Model::KindRole).toInt()) == Model::NodeKind::Topic) {
        const QList<double> values = topicRates(
            index.data(Model::ClusterIndexRole).toInt(), index.data(Model::TopicNameRole).toString());
        if (!values.isEmpty()) {
            const double latest = values.constLast();
            lines << (std::isnan(latest) ? tr("Rate unknown")
                                         : tr("%1 msg/s now").arg(QLocale().toString(latest, 'f', 1)));
        }
    }
    const QString more = QIdentityProxyModel::data(index, Qt::ToolTipRole).toString();
    if (!more.isEmpty() && !lines.contains(more)) {
        lines << more;
    }
    return lines.join(QLatin1Char('\n'));
}

void TreeDecorationProxy::setTopicRates(int cluster, QHash<QString, QList<double>> rates)
{
    rates_[cluster] = std::move(rates);
    auto *model = qobject_cast<models::ClusterTreeModel *>(sourceModel());
    if (!model) {
        return;
    }
    const QModelIndex folder = model->topicsFolderIndex(cluster);
    const int rows = model->rowCount(folder);
    if (rows > 0) {
        using Model = models::ClusterTreeModel;
        Q_EMIT dataChanged(mapFromSource(model->index(0, Model::DetailColumn, folder)),
            mapFromSource(model->index(rows - 1, Model::DetailColumn, folder)),
            {SparklineRole, Qt::ToolTipRole});
    }
}

QList<double> TreeDecorationProxy::topicRates(int cluster, const QString &topic) const
{
    const auto c = rates_.constFind(cluster);
    return c == rates_.cend() ? QList<double>() : c->value(topic);
}

} // namespace edis::ui
