#pragma once

// Plain snapshots of a cluster's metadata. Produced on a worker thread, consumed by models.

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace edis::kafka {

struct BrokerInfo {
    int32_t id = -1;
    QString host;
    int port = 0;

    bool operator==(const BrokerInfo &) const = default;
};

struct PartitionInfo {
    int32_t id = -1;
    int32_t leader = -1;
    QList<int32_t> replicas;
    QList<int32_t> isr;
    QString error; ///< empty when the partition is healthy

    bool underReplicated() const { return isr.size() < replicas.size(); }
    bool offline() const { return leader < 0; }
    bool operator==(const PartitionInfo &) const = default;
};

struct TopicInfo {
    QString name;
    QList<PartitionInfo> partitions;
    QString error; ///< empty when the topic is healthy

    bool isInternal() const { return name.startsWith(QLatin1Char('_')); }
    int replicationFactor() const
    {
        return partitions.isEmpty() ? 0 : static_cast<int>(partitions.first().replicas.size());
    }
    int underReplicatedPartitions() const;
    bool operator==(const TopicInfo &) const = default;
};

struct ClusterMetadata {
    QString clusterId;
    int32_t controllerId = -1;
    int32_t answeringBrokerId = -1;
    QList<BrokerInfo> brokers; ///< sorted by id
    QList<TopicInfo> topics; ///< sorted by name

    const TopicInfo *topic(const QString &name) const;
    int partitionCount() const;
    bool operator==(const ClusterMetadata &) const = default;
};

} // namespace edis::kafka
