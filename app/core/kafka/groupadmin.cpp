#include "kafka/groupadmin.h"

#include "kafka/internal/adminrequest.h"
#include "kafka/topicadmin.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <array>
#include <map>
#include <memory>

namespace edis::kafka {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("edis::kafka::GroupAdmin", text, nullptr, n);
}

milliseconds remainingUntil(Clock::time_point deadline)
{
    return std::max(milliseconds(1), std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
}

QString fromUtf8OrEmpty(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

QString stateName(rd_kafka_consumer_group_state_t state)
{
    return QString::fromUtf8(rd_kafka_consumer_group_state_name(state));
}

KafkaError fromRdError(const rd_kafka_error_t *error)
{
    return KafkaError::fromCode(rd_kafka_error_code(error), fromUtf8OrEmpty(rd_kafka_error_string(error)));
}

KafkaError unknownGroup(const QString &groupId)
{
    return KafkaError::make(KafkaError::Kind::UnknownGroup,
        tr("Consumer group '%1' does not exist.").arg(groupId), RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND);
}

bool byTopicPartition(const auto &a, const auto &b)
{
    return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
}

/// The committed offsets of a group, one ListConsumerGroupOffsets request (all partitions).
Result<QList<PartitionLag>> fetchCommitted(KafkaClient &client, const QString &groupId, milliseconds timeout)
{
    const QByteArray id = groupId.toUtf8();
    std::unique_ptr<rd_kafka_ListConsumerGroupOffsets_t, decltype(&rd_kafka_ListConsumerGroupOffsets_destroy)>
        request(rd_kafka_ListConsumerGroupOffsets_new(id.constData(), nullptr),
            &rd_kafka_ListConsumerGroupOffsets_destroy);
    rd_kafka_ListConsumerGroupOffsets_t *raw = request.get();
    AdminOptionsHandle options
        = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_ListConsumerGroupOffsets(client.handle(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err
        = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT, timeout, &event)) {
        return {{}, err};
    }
    size_t count = 0;
    const rd_kafka_group_result_t **groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
    QList<PartitionLag> out;
    for (size_t g = 0; g < count; ++g) {
        if (const rd_kafka_error_t *err = rd_kafka_group_result_error(groups[g])) {
            return {{}, fromRdError(err)};
        }
        const rd_kafka_topic_partition_list_t *partitions = rd_kafka_group_result_partitions(groups[g]);
        for (int i = 0; partitions && i < partitions->cnt; ++i) {
            const auto &tp = partitions->elems[i];
            PartitionLag lag;
            lag.topic = QString::fromUtf8(tp.topic);
            lag.partition = tp.partition;
            lag.committed = tp.offset >= 0 ? tp.offset : -1;
            if (tp.err) {
                lag.error = KafkaError::fromCode(tp.err).message;
            }
            out.push_back(std::move(lag));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return byTopicPartition(a, b); });
    return {out, {}};
}

/// Fills logStart/logEnd of `rows` from the watermarks.
KafkaError addWatermarks(KafkaClient &client, QList<PartitionLag> &rows, milliseconds timeout)
{
    if (rows.isEmpty()) {
        return {};
    }
    QList<TopicPartitionRef> refs;
    for (const auto &r : std::as_const(rows)) {
        refs.push_back({r.topic, r.partition});
    }
    Deadline deadline(timeout);
    const auto marks = client.watermarks(refs, deadline);
    if (!marks.ok()) {
        return marks.error;
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const PartitionWatermarks &w = marks.value.at(i); // same order as refs
        rows[i].logStart = w.low;
        rows[i].logEnd = w.high;
        if (rows[i].error.isEmpty()) {
            rows[i].error = w.error;
        }
    }
    return {};
}

/// Offsets at or after `timestampMs` per partition (-1 where no message is that recent).
Result<QList<int64_t>> offsetsForTimestamp(
    KafkaClient &client, const QList<TopicPartitionRef> &refs, int64_t timestampMs, milliseconds timeout)
{
    Deadline deadline(timeout);
    const auto found = client.offsetsForTimes(refs, timestampMs, deadline);
    QList<int64_t> out;
    out.reserve(refs.size());
    for (const PartitionOffset &p : found.value) {
        if (p.error) {
            return {{}, p.error};
        }
        out.push_back(p.offset);
    }
    return {out, found.error};
}

} // namespace

int64_t PartitionLag::lag() const
{
    if (logEnd < 0) {
        return -1;
    }
    if (committed < 0) {
        return logStart >= 0 ? logEnd - logStart : -1;
    }
    return std::max<int64_t>(0, logEnd - committed);
}

int64_t GroupDetails::totalLag() const
{
    int64_t total = 0;
    for (const auto &p : offsets) {
        total += std::max<int64_t>(0, p.lag());
    }
    return total;
}

Result<QList<GroupListing>> listGroups(KafkaClient &client, milliseconds timeout)
{
    Deadline deadline(timeout);
    return listGroups(client, deadline);
}

Result<QList<GroupListing>> listGroups(KafkaClient &client, const Deadline &deadline)
{
    if (auto err = refuseOnSandbox(client, tr("Listing consumer groups"))) {
        return {{}, err};
    }
    AdminOptionsHandle options
        = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, deadline.remaining());
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_ListConsumerGroups(client.handle(), options.get(), queue.get());
    EventHandle event;
    if (auto err
        = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT, deadline, &event)) {
        return {{}, err};
    }
    const auto *result = rd_kafka_event_ListConsumerGroups_result(event.get());
    size_t validCount = 0;
    const rd_kafka_ConsumerGroupListing_t **valid
        = rd_kafka_ListConsumerGroups_result_valid(result, &validCount);
    size_t errorCount = 0;
    const rd_kafka_error_t **errors = rd_kafka_ListConsumerGroups_result_errors(result, &errorCount);
    QList<GroupListing> out;
    for (size_t i = 0; i < validCount; ++i) {
        out.push_back({QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(valid[i])),
            stateName(rd_kafka_ConsumerGroupListing_state(valid[i])),
            rd_kafka_ConsumerGroupListing_is_simple_consumer_group(valid[i]) != 0});
    }
    // Some brokers may fail to answer while others did: a partial list beats none.
    if (out.isEmpty() && errorCount > 0) {
        return {{}, fromRdError(errors[0])};
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.groupId < b.groupId; });
    return {out, {}};
}

QList<GroupCommitted> fetchCommittedOffsets(KafkaClient &client, const QStringList &groups,
    const QList<TopicPartitionRef> &partitions, const Deadline &deadline)
{
    PartitionListHandle wanted(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto &p : partitions) {
        rd_kafka_topic_partition_list_add(wanted.get(), p.topic.toUtf8().constData(), p.partition);
    }
    // The API takes one group per call, so all calls are issued at once on one queue and their
    // replies collected together: one round trip, not one per group.
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    for (const QString &group : groups) {
        const QByteArray id = group.toUtf8();
        std::unique_ptr<rd_kafka_ListConsumerGroupOffsets_t,
            decltype(&rd_kafka_ListConsumerGroupOffsets_destroy)>
            request(rd_kafka_ListConsumerGroupOffsets_new(
                        id.constData(), wanted->cnt > 0 ? wanted.get() : nullptr),
                &rd_kafka_ListConsumerGroupOffsets_destroy);
        rd_kafka_ListConsumerGroupOffsets_t *raw = request.get();
        AdminOptionsHandle options = makeAdminOptions(
            client.handle(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, deadline.remaining());
        rd_kafka_ListConsumerGroupOffsets(client.handle(), &raw, 1, options.get(), queue.get());
    }
    std::map<QString, GroupCommitted> byGroup;
    for (qsizetype received = 0; received < groups.size();) {
        const EventHandle event = pollAdminQueue(queue.get(), deadline);
        if (!event) {
            break;
        }
        if (rd_kafka_event_type(event.get()) != RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT) {
            continue;
        }
        ++received;
        size_t count = 0;
        const rd_kafka_group_result_t **results = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
        for (size_t i = 0; i < count; ++i) { // none for a request-level failure: missing below
            GroupCommitted c;
            c.groupId = QString::fromUtf8(rd_kafka_group_result_name(results[i]));
            if (const rd_kafka_error_t *err = rd_kafka_group_result_error(results[i])) {
                c.error = fromRdError(err).message;
            } else if (const auto *list = rd_kafka_group_result_partitions(results[i])) {
                for (int p = 0; p < list->cnt; ++p) {
                    const auto &tp = list->elems[p];
                    if (!tp.err && tp.offset >= 0) { // else nothing committed for that partition
                        c.offsets.push_back(
                            {QString::fromUtf8(tp.topic), tp.partition, tp.offset, -1, -1, {}});
                    }
                }
            }
            byGroup[c.groupId] = std::move(c);
        }
    }
    QList<GroupCommitted> out;
    for (const QString &group : groups) {
        auto it = byGroup.find(group);
        out.push_back(it != byGroup.end()
                ? std::move(it->second)
                : GroupCommitted {group, {},
                    deadline.stopped() ? deadline.overError().message
                                       : tr("No answer for the group's committed offsets.")});
    }
    return out;
}

Result<GroupDescription> describeGroup(KafkaClient &client, const QString &groupId, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Describing a consumer group"))) {
        return {{}, err};
    }
    const QByteArray id = groupId.toUtf8();
    const char *ids[] = {id.constData()};
    AdminOptionsHandle options
        = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeout);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_DescribeConsumerGroups(client.handle(), ids, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err
        = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT, timeout, &event)) {
        return {{}, err};
    }
    size_t count = 0;
    const rd_kafka_ConsumerGroupDescription_t **groups = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(event.get()), &count);
    if (count != 1) {
        return {{}, unknownGroup(groupId)};
    }
    const rd_kafka_ConsumerGroupDescription_t *g = groups[0];
    if (const rd_kafka_error_t *err = rd_kafka_ConsumerGroupDescription_error(g)) {
        return {{}, fromRdError(err)};
    }
    GroupDescription d;
    d.groupId = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(g));
    const auto state = rd_kafka_ConsumerGroupDescription_state(g);
    // Kafka answers "Dead" for a group it has never heard of (or just deleted).
    if (state == RD_KAFKA_CONSUMER_GROUP_STATE_DEAD) {
        return {{}, unknownGroup(groupId)};
    }
    d.state = stateName(state);
    d.isSimple = rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(g) != 0;
    d.partitionAssignor = fromUtf8OrEmpty(rd_kafka_ConsumerGroupDescription_partition_assignor(g));
    if (const rd_kafka_Node_t *node = rd_kafka_ConsumerGroupDescription_coordinator(g)) {
        d.coordinatorId = rd_kafka_Node_id(node);
        d.coordinatorHost = fromUtf8OrEmpty(rd_kafka_Node_host(node));
        d.coordinatorPort = rd_kafka_Node_port(node);
    }
    const size_t memberCount = rd_kafka_ConsumerGroupDescription_member_count(g);
    for (size_t m = 0; m < memberCount; ++m) {
        const rd_kafka_MemberDescription_t *md = rd_kafka_ConsumerGroupDescription_member(g, m);
        GroupMember member;
        member.memberId = fromUtf8OrEmpty(rd_kafka_MemberDescription_consumer_id(md));
        member.groupInstanceId = fromUtf8OrEmpty(rd_kafka_MemberDescription_group_instance_id(md));
        member.clientId = fromUtf8OrEmpty(rd_kafka_MemberDescription_client_id(md));
        member.host = fromUtf8OrEmpty(rd_kafka_MemberDescription_host(md));
        if (const rd_kafka_MemberAssignment_t *a = rd_kafka_MemberDescription_assignment(md)) {
            const rd_kafka_topic_partition_list_t *parts = rd_kafka_MemberAssignment_partitions(a);
            for (int i = 0; parts && i < parts->cnt; ++i) {
                member.assignment.push_back(
                    {QString::fromUtf8(parts->elems[i].topic), parts->elems[i].partition});
            }
            std::sort(member.assignment.begin(), member.assignment.end(),
                [](const auto &x, const auto &y) { return byTopicPartition(x, y); });
        }
        d.members.push_back(std::move(member));
    }
    std::sort(d.members.begin(), d.members.end(),
        [](const GroupMember &a, const GroupMember &b) { return a.memberId < b.memberId; });
    return {d, {}};
}

Result<QList<PartitionLag>> fetchGroupLag(KafkaClient &client, const QString &groupId, milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    auto committed = fetchCommitted(client, groupId, timeout);
    if (!committed.ok()) {
        return committed;
    }
    if (auto err = addWatermarks(client, committed.value, remainingUntil(deadline))) {
        return {{}, err};
    }
    return committed;
}

Result<GroupDetails> fetchGroupDetails(KafkaClient &client, const QString &groupId, milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    auto description = describeGroup(client, groupId, timeout);
    if (!description.ok()) {
        return {{}, description.error};
    }
    auto committed = fetchCommitted(client, groupId, remainingUntil(deadline));
    if (!committed.ok()) {
        return {{}, committed.error};
    }
    GroupDetails details;
    details.description = std::move(description.value);
    details.offsets = std::move(committed.value);
    // Partitions a member owns but has not committed yet still have lag worth showing.
    for (const auto &member : std::as_const(details.description.members)) {
        for (const auto &ref : member.assignment) {
            const bool known = std::any_of(details.offsets.cbegin(), details.offsets.cend(),
                [&](const auto &p) { return p.topic == ref.topic && p.partition == ref.partition; });
            if (!known) {
                details.offsets.push_back({ref.topic, ref.partition, -1, -1, -1, {}});
            }
        }
    }
    std::sort(details.offsets.begin(), details.offsets.end(),
        [](const auto &a, const auto &b) { return byTopicPartition(a, b); });
    if (auto err = addWatermarks(client, details.offsets, remainingUntil(deadline))) {
        return {{}, err};
    }
    return {details, {}};
}

Result<QList<OffsetResetRow>> planOffsetReset(
    KafkaClient &client, const QString &groupId, const OffsetResetSpec &spec, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Resetting consumer group offsets"))) {
        return {{}, err};
    }
    const auto deadline = Clock::now() + timeout;
    auto committed = fetchCommitted(client, groupId, timeout);
    if (!committed.ok()) {
        return {{}, committed.error};
    }
    QStringList topics = spec.topics;
    if (topics.isEmpty()) {
        for (const auto &c : std::as_const(committed.value)) {
            if (!topics.contains(c.topic)) {
                topics.push_back(c.topic);
            }
        }
        if (topics.isEmpty()) {
            return {{},
                KafkaError::make(KafkaError::Kind::InvalidRequest,
                    tr("Group '%1' has no committed offsets; name the topic to reset.").arg(groupId))};
        }
    }
    // Every partition of the chosen topics, like kafka-consumer-groups --reset-offsets.
    auto described = describeTopics(client, topics, remainingUntil(deadline));
    if (!described.ok()) {
        return {{}, described.error};
    }
    QHash<QString, QHash<int32_t, int64_t>> current;
    for (const auto &c : std::as_const(committed.value)) {
        current[c.topic].insert(c.partition, c.committed);
    }
    QList<OffsetResetRow> rows;
    QList<PartitionWatermarks> marks;
    for (const auto &topic : std::as_const(described.value)) {
        for (const auto &w : topic.watermarks) {
            if (!w.known()) {
                return {{},
                    KafkaError::make(KafkaError::Kind::Other,
                        tr("Cannot read the offsets of %1 [%2]: %3")
                            .arg(w.topic)
                            .arg(w.partition)
                            .arg(w.error))};
            }
            rows.push_back({w.topic, w.partition, current.value(w.topic).value(w.partition, -1), -1});
            marks.push_back(w);
        }
    }
    QList<int64_t> byTime;
    if (spec.target == OffsetResetSpec::Target::Timestamp) {
        QList<TopicPartitionRef> refs;
        for (const auto &r : std::as_const(rows)) {
            refs.push_back({r.topic, r.partition});
        }
        auto found = offsetsForTimestamp(client, refs, spec.value, remainingUntil(deadline));
        if (!found.ok()) {
            return {{}, found.error};
        }
        byTime = std::move(found.value);
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const PartitionWatermarks &w = marks.at(i);
        switch (spec.target) {
        case OffsetResetSpec::Target::Earliest:
            rows[i].target = w.low;
            break;
        case OffsetResetSpec::Target::Latest:
            rows[i].target = w.high;
            break;
        case OffsetResetSpec::Target::Offset:
            rows[i].target = std::clamp(spec.value, w.low, w.high);
            break;
        case OffsetResetSpec::Target::Timestamp:
            // No message at or after the time: the group starts at the end, like the Java tool.
            rows[i].target = byTime.value(i, -1) >= 0 ? byTime.value(i) : w.high;
            break;
        }
    }
    return {rows, {}};
}

KafkaError applyOffsetReset(
    KafkaClient &client, const QString &groupId, const QList<OffsetResetRow> &plan, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Resetting consumer group offsets"))) {
        return err;
    }
    if (plan.isEmpty()) {
        return KafkaError::make(KafkaError::Kind::InvalidRequest, tr("Nothing to reset."));
    }
    const auto deadline = Clock::now() + timeout;
    auto description = describeGroup(client, groupId, timeout);
    if (!description.ok() && description.error.kind != KafkaError::Kind::UnknownGroup) {
        return description.error; // an unknown group is fine: committing creates it
    }
    if (description.ok() && description.value.hasActiveMembers()) {
        return KafkaError::make(KafkaError::Kind::InvalidRequest,
            tr("Consumer group '%1' has %n active member(s) (state %2). Stop its consumers "
               "before resetting offsets: an active member would overwrite the reset with "
               "its next commit.",
                static_cast<int>(description.value.members.size()))
                .arg(groupId, description.value.state));
    }
    PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(plan.size())));
    for (const auto &row : plan) {
        rd_kafka_topic_partition_list_add(list.get(), row.topic.toUtf8().constData(), row.partition)->offset
            = row.target;
    }
    const QByteArray id = groupId.toUtf8();
    std::unique_ptr<rd_kafka_AlterConsumerGroupOffsets_t,
        decltype(&rd_kafka_AlterConsumerGroupOffsets_destroy)>
        request(rd_kafka_AlterConsumerGroupOffsets_new(id.constData(), list.get()),
            &rd_kafka_AlterConsumerGroupOffsets_destroy);
    rd_kafka_AlterConsumerGroupOffsets_t *raw = request.get();
    const milliseconds left = remainingUntil(deadline);
    AdminOptionsHandle options
        = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, left);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_AlterConsumerGroupOffsets(client.handle(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err
        = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_ALTERCONSUMERGROUPOFFSETS_RESULT, left, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_group_result_t **groups = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event.get()), &count);
    for (size_t g = 0; g < count; ++g) {
        if (const rd_kafka_error_t *err = rd_kafka_group_result_error(groups[g])) {
            return fromRdError(err);
        }
        const rd_kafka_topic_partition_list_t *parts = rd_kafka_group_result_partitions(groups[g]);
        for (int i = 0; parts && i < parts->cnt; ++i) {
            if (parts->elems[i].err) {
                return KafkaError::fromCode(parts->elems[i].err,
                    tr("%1 [%2]: %3")
                        .arg(QString::fromUtf8(parts->elems[i].topic))
                        .arg(parts->elems[i].partition)
                        .arg(QString::fromUtf8(rd_kafka_err2str(parts->elems[i].err))));
            }
        }
    }
    return {};
}

KafkaError deleteGroup(KafkaClient &client, const QString &groupId, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Deleting a consumer group"))) {
        return err;
    }
    const QByteArray id = groupId.toUtf8();
    std::unique_ptr<rd_kafka_DeleteGroup_t, decltype(&rd_kafka_DeleteGroup_destroy)> request(
        rd_kafka_DeleteGroup_new(id.constData()), &rd_kafka_DeleteGroup_destroy);
    rd_kafka_DeleteGroup_t *raw = request.get();
    AdminOptionsHandle options = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_DELETEGROUPS, timeout);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_DeleteGroups(client.handle(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_DELETEGROUPS_RESULT, timeout, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_group_result_t **groups
        = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(event.get()), &count);
    for (size_t g = 0; g < count; ++g) {
        if (const rd_kafka_error_t *err = rd_kafka_group_result_error(groups[g])) {
            if (rd_kafka_error_code(err) == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) {
                return unknownGroup(groupId);
            }
            if (rd_kafka_error_code(err) == RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP) {
                return KafkaError::make(KafkaError::Kind::InvalidRequest,
                    tr("Consumer group '%1' still has active members; stop its consumers "
                       "before deleting it.")
                        .arg(groupId),
                    RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP);
            }
            return fromRdError(err);
        }
    }
    return {};
}

} // namespace edis::kafka
