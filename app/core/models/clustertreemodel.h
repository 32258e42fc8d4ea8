#pragma once

#include "kafka/clustermetadata.h"

#include <QAbstractItemModel>
#include <QList>
#include <QString>

namespace edis::models {

/// The navigation tree: clusters, each with its brokers and topics. Updated incrementally from
/// metadata snapshots, so expansion and selection survive a refresh.
class ClusterTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class NodeKind { Cluster, BrokersFolder, Broker, TopicsFolder, Topic };
    Q_ENUM(NodeKind)

    enum Role {
        KindRole = Qt::UserRole + 1, ///< NodeKind as int
        ClusterIndexRole,
        TopicNameRole,
        BrokerIdRole,
        PartitionCountRole,
        InternalTopicRole,
        ConnectionStateRole, ///< on cluster nodes: 0 connecting, 1 connected, 2 failed
    };

    enum Column { NameColumn, DetailColumn, ColumnCount };

    explicit ClusterTreeModel(QObject *parent = nullptr);

    int addCluster(const QString &name);
    void removeCluster(int cluster);
    int clusterCount() const { return static_cast<int>(clusters_.size()); }
    void setClusterState(int cluster, int connectionState, const QString &message);
    void setMetadata(int cluster, const kafka::ClusterMetadata &metadata);

    QModelIndex clusterIndex(int cluster) const;
    QModelIndex topicsFolderIndex(int cluster) const;
    QModelIndex brokersFolderIndex(int cluster) const;
    QModelIndex topicIndex(int cluster, const QString &topic) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct TopicRow {
        QString name;
        int partitions = 0;
        int underReplicated = 0;
        bool operator==(const TopicRow &) const = default;
    };
    struct Cluster {
        QString name;
        int state = 0;
        QString stateMessage;
        QList<kafka::BrokerInfo> brokers;
        QList<TopicRow> topics;
    };

    static quintptr pack(NodeKind kind, int cluster, int row);
    static NodeKind kindOf(const QModelIndex &index);
    static int clusterOf(const QModelIndex &index);

    template <typename Row, typename KeyOf>
    void mergeRows(const QModelIndex &parent, QList<Row> &current, const QList<Row> &incoming, KeyOf keyOf);

    QList<Cluster> clusters_;
};

} // namespace edis::models
