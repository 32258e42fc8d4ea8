#include "kafka/clustermetadata.h"

#include <algorithm>

namespace edis::kafka {

int TopicInfo::underReplicatedPartitions() const
{
    return static_cast<int>(std::count_if(
        partitions.cbegin(), partitions.cend(), [](const PartitionInfo &p) { return p.underReplicated(); }));
}

const TopicInfo *ClusterMetadata::topic(const QString &name) const
{
    const auto it = std::lower_bound(topics.cbegin(), topics.cend(), name,
        [](const TopicInfo &t, const QString &n) { return t.name < n; });
    return (it != topics.cend() && it->name == name) ? &*it : nullptr;
}

int ClusterMetadata::partitionCount() const
{
    int count = 0;
    for (const auto &t : topics) {
        count += static_cast<int>(t.partitions.size());
    }
    return count;
}

} // namespace edis::kafka
