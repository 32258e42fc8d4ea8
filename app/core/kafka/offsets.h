#pragma once

// Log offsets of many partitions through librdkafka: watermarks and offsets for times, batched
// per leader, for the code in app/core/kafka that owns a handle (KafkaClient, the sampler's
// client, the consumer). Every call is bounded by a Deadline and returns within
// kStopCheckInterval of a stop while the cluster is unreachable (kafka/requesttuning.h).

#include "kafka/deadline.h"
#include "kafka/kafkaerror.h"
#include "kafka/rdkafkafwd.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <cstdint>

namespace edis::kafka {

struct TopicPartitionRef {
    QString topic;
    int32_t partition = -1;
    bool operator==(const TopicPartitionRef &) const = default;
};

/// The offsets that bound one partition's log: the first kept (low) and the next to be written
/// (high, the log-end offset). -1 when unknown; `error` then says why.
struct PartitionWatermarks {
    QString topic;
    int32_t partition = -1;
    int64_t low = -1;
    int64_t high = -1;
    QString error;
    int errorCode = ErrorCode::kNoError; ///< librdkafka's code, for callers that branch on it

    bool known() const { return low >= 0 && high >= 0; }
    /// high − low: exact for plain topics, an upper bound on compacted topics or with
    /// transaction markers.
    int64_t messageCount() const { return known() ? high - low : 0; }
    bool operator==(const PartitionWatermarks &) const = default;
};

/// What ListOffsets found for one partition: the offset, -1 when no record is at or after the
/// timestamp, or -1 with `error` set when the partition could not be read.
struct PartitionOffset {
    QString topic;
    int32_t partition = -1;
    int64_t offset = -1;
    KafkaError error;
};

/// The "timestamps" ListOffsets understands besides ms since the epoch.
/// (librdkafka's RD_KAFKA_OFFSET_BEGINNING and RD_KAFKA_OFFSET_END, checked in offsets.cpp.)
inline constexpr int64_t kEarliestOffsetQuery = -2; ///< the low watermark
inline constexpr int64_t kLatestOffsetQuery = -1; ///< the high watermark
/// No offset (librdkafka's RD_KAFKA_OFFSET_INVALID): where a partition is read from when no
/// start is given.
inline constexpr int64_t kInvalidOffset = -1001;

/// Whether partitions whose leader is not known yet (a topic created a moment ago) are asked for
/// again until the deadline, or reported with their error at once (a sampler that asks again
/// next round anyway).
enum class LeaderWait { ReportAtOnce, UntilDeadline };

struct OffsetQueryOptions {
    LeaderWait leaderWait = LeaderWait::ReportAtOnce;
    /// The handle's error collector, if it has one: the calls then serve the handle's callbacks
    /// (rd_kafka_poll) between slices, and a slice that ended while the collector holds a
    /// connection failure keeps the next slice short (see Deadline::sliceEnded).
    const ErrorCollector *errors = nullptr;
};

/// For each of `partitions` (same order), the first offset whose record is at or after
/// `timestampMs`, or kEarliestOffsetQuery / kLatestOffsetQuery. One batched ListOffsets per
/// leader (rd_kafka_offsets_for_times), kOffsetsChunk partitions per call. A call that fails as a
/// whole because one topic has no leader is asked again per topic, so only that topic's
/// partitions carry the error. Fails only when no partition could be read (with the first
/// error, whose code says whether the cluster refused the request or could not be reached).
Result<QList<PartitionOffset>> offsetsForTimes(rd_kafka_s *rk, const QList<TopicPartitionRef> &partitions,
    int64_t timestampMs, Deadline &deadline, const OffsetQueryOptions &options = {});

/// Low and high watermarks of `partitions` (same order): two offsetsForTimes rounds (earliest,
/// latest). Fails only when no partition could be read.
Result<QList<PartitionWatermarks>> queryWatermarks(rd_kafka_s *rk, const QList<TopicPartitionRef> &partitions,
    Deadline &deadline, const OffsetQueryOptions &options = {});

/// The same with one blocking watermark query per partition (rd_kafka_query_watermark_offsets):
/// slower, for clusters that refuse the batched request.
Result<QList<PartitionWatermarks>> queryWatermarksOneByOne(rd_kafka_s *rk,
    const QList<TopicPartitionRef> &partitions, Deadline &deadline, const OffsetQueryOptions &options = {});

/// Whole-request errors that mean "this cluster does not do that", not "something is down".
bool isUnsupportedRequest(int err);

} // namespace edis::kafka

Q_DECLARE_METATYPE(edis::kafka::PartitionWatermarks)
