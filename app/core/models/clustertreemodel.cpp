#include "models/clustertreemodel.h"

#include <algorithm>

namespace edis::models {

namespace {
constexpr int kKindBits = 4;
constexpr int kClusterBits = 12;
constexpr quintptr kKindMask = (quintptr {1} << kKindBits) - 1;
constexpr quintptr kClusterMask = (quintptr {1} << kClusterBits) - 1;
} // namespace

ClusterTreeModel::ClusterTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

quintptr ClusterTreeModel::pack(NodeKind kind, int cluster, int row)
{
    return static_cast<quintptr>(kind) | (static_cast<quintptr>(cluster) << kKindBits)
        | (static_cast<quintptr>(row) << (kKindBits + kClusterBits));
}

ClusterTreeModel::NodeKind ClusterTreeModel::kindOf(const QModelIndex &index)
{
    return static_cast<NodeKind>(index.internalId() & kKindMask);
}

int ClusterTreeModel::clusterOf(const QModelIndex &index)
{
    return static_cast<int>((index.internalId() >> kKindBits) & kClusterMask);
}

int ClusterTreeModel::addCluster(const QString &name)
{
    const int row = static_cast<int>(clusters_.size());
    beginInsertRows({}, row, row);
    clusters_.push_back(Cluster {name, 0, {}, {}, {}});
    endInsertRows();
    return row;
}

void ClusterTreeModel::removeCluster(int cluster)
{
    if (cluster < 0 || cluster >= clusters_.size()) {
        return;
    }
    // Indexes of later clusters encode their position, so they are all invalidated.
    beginResetModel();
    clusters_.removeAt(cluster);
    endResetModel();
}

void ClusterTreeModel::setClusterState(int cluster, int connectionState, const QString &message)
{
    if (cluster < 0 || cluster >= clusters_.size()) {
        return;
    }
    auto &c = clusters_[cluster];
    c.state = connectionState;
    c.stateMessage = message;
    const QModelIndex idx = clusterIndex(cluster);
    Q_EMIT dataChanged(idx, idx.siblingAtColumn(DetailColumn));
}

template <typename Row, typename KeyOf>
void ClusterTreeModel::mergeRows(
    const QModelIndex &parent, QList<Row> &current, const QList<Row> &incoming, KeyOf keyOf)
{
    if (current.isEmpty() && !incoming.isEmpty()) {
        beginInsertRows(parent, 0, static_cast<int>(incoming.size()) - 1);
        current = incoming;
        endInsertRows();
        return;
    }
    // Both lists are sorted by key: walk them together, removing, inserting, and updating.
    int i = 0;
    int j = 0;
    while (i < current.size() || j < incoming.size()) {
        if (j >= incoming.size() || (i < current.size() && keyOf(current[i]) < keyOf(incoming[j]))) {
            int end = i;
            while (end + 1 < current.size()
                && (j >= incoming.size() || keyOf(current[end + 1]) < keyOf(incoming[j]))) {
                ++end;
            }
            beginRemoveRows(parent, i, end);
            current.remove(i, end - i + 1);
            endRemoveRows();
        } else if (i >= current.size() || keyOf(incoming[j]) < keyOf(current[i])) {
            int endJ = j;
            while (endJ + 1 < incoming.size()
                && (i >= current.size() || keyOf(incoming[endJ + 1]) < keyOf(current[i]))) {
                ++endJ;
            }
            beginInsertRows(parent, i, i + (endJ - j));
            for (int k = j; k <= endJ; ++k) {
                current.insert(i + (k - j), incoming[k]);
            }
            endInsertRows();
            i += endJ - j + 1;
            j = endJ + 1;
        } else {
            if (!(current[i] == incoming[j])) {
                current[i] = incoming[j];
                const QModelIndex first = index(i, 0, parent);
                Q_EMIT dataChanged(first, first.siblingAtColumn(DetailColumn));
            }
            ++i;
            ++j;
        }
    }
}

void ClusterTreeModel::setMetadata(int cluster, const kafka::ClusterMetadata &metadata)
{
    if (cluster < 0 || cluster >= clusters_.size()) {
        return;
    }
    auto &c = clusters_[cluster];
    QList<TopicRow> topics;
    topics.reserve(metadata.topics.size());
    for (const auto &t : metadata.topics) {
        topics.push_back({t.name, static_cast<int>(t.partitions.size()), t.underReplicatedPartitions()});
    }
    mergeRows(brokersFolderIndex(cluster), c.brokers, metadata.brokers,
        [](const kafka::BrokerInfo &b) { return b.id; });
    mergeRows(topicsFolderIndex(cluster), c.topics, topics, [](const TopicRow &t) { return t.name; });
    const QModelIndex brokers = brokersFolderIndex(cluster);
    const QModelIndex topicsFolder = topicsFolderIndex(cluster);
    Q_EMIT dataChanged(brokers, brokers.siblingAtColumn(DetailColumn));
    Q_EMIT dataChanged(topicsFolder, topicsFolder.siblingAtColumn(DetailColumn));
    const QModelIndex idx = clusterIndex(cluster);
    Q_EMIT dataChanged(idx, idx.siblingAtColumn(DetailColumn));
}

QModelIndex ClusterTreeModel::clusterIndex(int cluster) const
{
    return index(cluster, 0);
}

QModelIndex ClusterTreeModel::brokersFolderIndex(int cluster) const
{
    return index(0, 0, clusterIndex(cluster));
}

QModelIndex ClusterTreeModel::topicsFolderIndex(int cluster) const
{
    return index(1, 0, clusterIndex(cluster));
}

QModelIndex ClusterTreeModel::topicIndex(int cluster, const QString &topic) const
{
    if (cluster < 0 || cluster >= clusters_.size()) {
        return {};
    }
    const auto &topics = clusters_[cluster].topics;
    const auto it = std::lower_bound(topics.cbegin(), topics.cend(), topic,
        [](const TopicRow &t, const QString &n) { return t.name < n; });
    if (it == topics.cend() || it->name != topic) {
        return {};
    }
    return index(static_cast<int>(it - topics.cbegin()), 0, topicsFolderIndex(cluster));
}

QModelIndex ClusterTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, pack(NodeKind::Cluster, row, 0));
    }
    const int cluster = clusterOf(parent);
    switch (kindOf(parent)) {
    case NodeKind::Cluster:
        return createIndex(
            row, column, pack(row == 0 ? NodeKind::BrokersFolder : NodeKind::TopicsFolder, cluster, 0));
    case NodeKind::BrokersFolder:
        return createIndex(row, column, pack(NodeKind::Broker, cluster, row));
    case NodeKind::TopicsFolder:
        return createIndex(row, column, pack(NodeKind::Topic, cluster, row));
    default:
        return {};
    }
}

QModelIndex ClusterTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    const int cluster = clusterOf(child);
    switch (kindOf(child)) {
    case NodeKind::Cluster:
        return {};
    case NodeKind::BrokersFolder:
    case NodeKind::TopicsFolder:
        return createIndex(cluster, 0, pack(NodeKind::Cluster, cluster, 0));
    case NodeKind::Broker:
        return createIndex(0, 0, pack(NodeKind::BrokersFolder, cluster, 0));
    case NodeKind::Topic:
        return createIndex(1, 0, pack(NodeKind::TopicsFolder, cluster, 0));
    }
    return {};
}

int ClusterTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return static_cast<int>(clusters_.size());
    }
    if (parent.column() != 0) {
        return 0;
    }
    const int cluster = clusterOf(parent);
    if (cluster >= clusters_.size()) {
        return 0;
    }
    switch (kindOf(parent)) {
    case NodeKind::Cluster:
        return 2;
    case NodeKind::BrokersFolder:
        return static_cast<int>(clusters_[cluster].brokers.size());
    case NodeKind::TopicsFolder:
        return static_cast<int>(clusters_[cluster].topics.size());
    default:
        return 0;
    }
}

int ClusterTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ClusterTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const int ci = clusterOf(index);
    const auto &c = clusters_[ci];
    const NodeKind kind = kindOf(index);
    if (role == KindRole) {
        return static_cast<int>(kind);
    }
    if (role == ClusterIndexRole) {
        return ci;
    }
    switch (kind) {
    case NodeKind::Cluster:
        if (role == Qt::DisplayRole) {
            // The cluster id is long and shown on the overview page; keep the tree narrow.
            return index.column() == NameColumn ? c.name : QString();
        }
        if (role == Qt::ToolTipRole) {
            return c.stateMessage;
        }
        if (role == ConnectionStateRole) {
            return c.state;
        }
        break;
    case NodeKind::BrokersFolder:
        if (role == Qt::DisplayRole) {
            return index.column() == NameColumn ? tr("Brokers") : QString::number(c.brokers.size());
        }
        break;
    case NodeKind::TopicsFolder:
        if (role == Qt::DisplayRole) {
            return index.column() == NameColumn ? tr("Topics") : QString::number(c.topics.size());
        }
        break;
    case NodeKind::Broker: {
        const auto &b = c.brokers.at(index.row());
        if (role == Qt::DisplayRole) {
            return index.column() == NameColumn ? tr("Broker %1").arg(b.id)
                                                : QStringLiteral("%1:%2").arg(b.host).arg(b.port);
        }
        if (role == BrokerIdRole) {
            return b.id;
        }
        break;
    }
    case NodeKind::Topic: {
        const auto &t = c.topics.at(index.row());
        if (role == Qt::DisplayRole) {
            return index.column() == NameColumn ? t.name : tr("%n partition(s)", nullptr, t.partitions);
        }
        if (role == Qt::ToolTipRole && t.underReplicated > 0) {
            return tr("%n under-replicated partition(s)", nullptr, t.underReplicated);
        }
        if (role == TopicNameRole) {
            return t.name;
        }
        if (role == PartitionCountRole) {
            return t.partitions;
        }
        if (role == InternalTopicRole) {
            return t.name.startsWith(QLatin1Char('_'));
        }
        break;
    }
    }
    return {};
}

QVariant ClusterTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == NameColumn ? tr("Name") : tr("Details");
}

} // namespace edis::models
