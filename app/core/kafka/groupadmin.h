#pragma once

// Consumer groups: list, describe, committed offsets and lag, offset reset (preview, then
// apply), delete. Blocking calls for a worker thread, each bounded by its timeout.

#include "kafka/deadline.h"
#include "kafka/kafkaclient.h"
#include "kafka/kafkaerror.h"
#include "kafka/offsets.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>

namespace edis::kafka {

struct GroupListing {
    QString groupId;
    QString state; ///< Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Unknown
    bool isSimple = false; ///< no members ever joined (assign() users, admin-set offsets)
    bool operator==(const GroupListing &) const = default;
};

struct GroupMember {
    QString memberId;
    QString groupInstanceId; ///< static membership, often empty
    QString clientId;
    QString host;
    QList<TopicPartitionRef> assignment;
    bool operator==(const GroupMember &) const = default;
};

struct GroupDescription {
    QString groupId;
    QString state;
    bool isSimple = false;
    QString partitionAssignor;
    int32_t coordinatorId = -1;
    QString coordinatorHost;
    int coordinatorPort = 0;
    QList<GroupMember> members;

    bool hasActiveMembers() const { return !members.isEmpty(); }
    bool operator==(const GroupDescription &) const = default;
};

/// One partition a group has committed an offset for (or is assigned), with its lag.
struct PartitionLag {
    QString topic;
    int32_t partition = -1;
    int64_t committed = -1; ///< -1: nothing committed
    int64_t logStart = -1; ///< low watermark
    int64_t logEnd = -1; ///< high watermark
    QString error;

    /// logEnd − committed; with nothing committed the whole log (logEnd − logStart) is pending.
    /// -1 when the log end is unknown.
    int64_t lag() const;
    bool operator==(const PartitionLag &) const = default;
};

/// Everything the group browser shows for one group.
struct GroupDetails {
    GroupDescription description;
    QList<PartitionLag> offsets; ///< sorted by topic, partition
    int64_t totalLag() const;
};

/// All consumer groups (ListConsumerGroups), sorted by id.
Result<QList<GroupListing>> listGroups(KafkaClient &client, std::chrono::milliseconds timeout);

/// The same, ending soon after the deadline's stop flag is set.
Result<QList<GroupListing>> listGroups(KafkaClient &client, const Deadline &deadline);

/// What one group has committed.
struct GroupCommitted {
    QString groupId;
    QList<PartitionLag> offsets; ///< committed only (no watermarks); uncommitted partitions left out
    QString error; ///< why the group's offsets could not be read
};

/// The committed offsets of many groups for `partitions` (the sampler found librdkafka 2.0.2
/// answering a NULL "all partitions" list with an empty list, so they are named; an empty
/// `partitions` still sends NULL). All requests go out at once and are awaited together: one
/// round trip, not one per group. Same order as `groups`; a group without an answer by the
/// deadline carries an error.
QList<GroupCommitted> fetchCommittedOffsets(KafkaClient &client, const QStringList &groups,
    const QList<TopicPartitionRef> &partitions, const Deadline &deadline);

/// State, coordinator and members with their assignments (DescribeConsumerGroups). A group the
/// cluster does not know fails with Kind::UnknownGroup.
Result<GroupDescription> describeGroup(
    KafkaClient &client, const QString &groupId, std::chrono::milliseconds timeout);

/// Committed offsets (ListConsumerGroupOffsets) joined with the watermarks of those partitions.
Result<QList<PartitionLag>> fetchGroupLag(
    KafkaClient &client, const QString &groupId, std::chrono::milliseconds timeout);

/// describeGroup + fetchGroupLag in one call; the partitions assigned to members but not yet
/// committed are included with committed = -1.
Result<GroupDetails> fetchGroupDetails(
    KafkaClient &client, const QString &groupId, std::chrono::milliseconds timeout);

/// Where a reset moves a group's offsets to.
struct OffsetResetSpec {
    enum class Target { Earliest, Latest, Timestamp, Offset };
    Target target = Target::Earliest;
    /// Timestamp: ms since the epoch. Offset: the offset (clamped to the log, like
    /// kafka-consumer-groups does).
    int64_t value = 0;
    /// The topics to reset; empty means every topic the group has committed offsets for.
    QStringList topics;
};

struct OffsetResetRow {
    QString topic;
    int32_t partition = -1;
    int64_t current = -1; ///< committed now; -1 when none
    int64_t target = -1; ///< after the reset
    bool operator==(const OffsetResetRow &) const = default;
};

/// The preview: for every partition of the chosen topics, current → new offset. Changes nothing.
Result<QList<OffsetResetRow>> planOffsetReset(KafkaClient &client, const QString &groupId,
    const OffsetResetSpec &spec, std::chrono::milliseconds timeout);

/// Commits the planned offsets for the group (AlterConsumerGroupOffsets). Refused when the
/// group has active members: their next commit would overwrite the reset.
KafkaError applyOffsetReset(KafkaClient &client, const QString &groupId, const QList<OffsetResetRow> &plan,
    std::chrono::milliseconds timeout);

/// Deletes the group and its committed offsets (the cluster refuses while it has members).
KafkaError deleteGroup(KafkaClient &client, const QString &groupId, std::chrono::milliseconds timeout);

} // namespace edis::kafka

Q_DECLARE_METATYPE(edis::kafka::GroupListing)
Q_DECLARE_METATYPE(edis::kafka::GroupDescription)
Q_DECLARE_METATYPE(edis::kafka::GroupDetails)
Q_DECLARE_METATYPE(edis::kafka::PartitionLag)
Q_DECLARE_METATYPE(edis::kafka::OffsetResetRow)
