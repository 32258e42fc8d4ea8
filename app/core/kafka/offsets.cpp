#include "kafka/offsets.h"

#include "kafka/internal/rdkafkahandles.h"
#include "kafka/metadata.h"
#include "kafka/requesttuning.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace edis::kafka {

static_assert(kEarliestOffsetQuery == RD_KAFKA_OFFSET_BEGINNING);
static_assert(kLatestOffsetQuery == RD_KAFKA_OFFSET_END);
static_assert(kInvalidOffset == RD_KAFKA_OFFSET_INVALID);

namespace {

/// Answers a broker gives for a topic created (or deleted) a moment ago, before its leaders are
/// elected everywhere.
bool isLeaderless(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        return true;
    default:
        return false;
    }
}

bool seenUnreachable(const OffsetQueryOptions &options)
{
    return options.errors && options.errors->mostTelling().isError();
}

/// Whether a call that returned `err` is asked again: a slice without an answer, or a leader
/// that is not there yet when the caller waits for leaders.
bool askAgain(rd_kafka_t *rk, rd_kafka_resp_err_t err, Deadline &deadline, const OffsetQueryOptions &options)
{
    if (options.errors) {
        rd_kafka_poll(rk, 0); // serves error_cb into the collector
    }
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
        deadline.sliceEnded(seenUnreachable(options));
        return true;
    }
    if (isLeaderless(err) && options.leaderWait == LeaderWait::UntilDeadline) {
        deadline.pause(tuning::kLeaderRetryPause);
        return true;
    }
    return false;
}

/// One ListOffsets at `timestamp` for out[begin, end), asked again slice after slice until an
/// answer, the deadline or a stop. Returns the error of the call as a whole.
KafkaError readRange(rd_kafka_t *rk, QList<PartitionOffset> &out, qsizetype begin, qsizetype end,
    int64_t timestamp, Deadline &deadline, const OffsetQueryOptions &options)
{
    PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(end - begin)));
    QHash<QPair<QString, int32_t>, qsizetype> rowOf;
    QByteArray name;
    for (qsizetype row = begin; row < end; ++row) {
        if (row == begin || out[row].topic != out[row - 1].topic) {
            name = out[row].topic.toUtf8();
        }
        // For ListOffsets the "offset" is the timestamp asked for.
        rd_kafka_topic_partition_list_add(list.get(), name.constData(), out[row].partition)->offset
            = timestamp;
        rowOf.insert({out[row].topic, out[row].partition}, row);
    }
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
    while (!deadline.over()) {
        // On failure librdkafka leaves the list as it was, so the same list can be sent again.
        err = rd_kafka_offsets_for_times(rk, list.get(), deadline.nextSliceMs());
        if (!askAgain(rk, err, deadline, options)) {
            break;
        }
    }
    if (err || deadline.stopped()) {
        KafkaError whole = deadline.stopped() ? deadline.overError() : KafkaError::fromCode(err);
        for (qsizetype row = begin; row < end; ++row) {
            out[row].offset = -1;
            out[row].error = whole;
        }
        return whole;
    }
    for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t &tp = list->elems[i];
        // librdkafka may reorder the list, so map each answer back by topic and partition.
        const qsizetype row = rowOf.value({QString::fromUtf8(tp.topic), tp.partition}, -1);
        if (row < 0) {
            continue;
        }
        out[row].error = tp.err ? KafkaError::fromCode(tp.err, out[row].topic) : KafkaError {};
        out[row].offset = !tp.err && tp.offset >= 0 ? tp.offset : -1;
    }
    return {};
}

/// readRange over one chunk; when the chunk failed as a whole because some topic has no
/// leader, each topic of the chunk (a run of rows) is asked alone.
void readChunk(rd_kafka_t *rk, QList<PartitionOffset> &out, qsizetype begin, qsizetype end, int64_t timestamp,
    Deadline &deadline, const OffsetQueryOptions &options)
{
    const KafkaError whole = readRange(rk, out, begin, end, timestamp, deadline, options);
    if (!whole || !needsMetadataRefresh(whole.code) || out[begin].topic == out[end - 1].topic) {
        return;
    }
    for (qsizetype first = begin; first < end && !deadline.over();) {
        qsizetype last = first + 1;
        while (last < end && out[last].topic == out[first].topic) {
            ++last;
        }
        readRange(rk, out, first, last, timestamp, deadline, options);
        first = last;
    }
}

/// The call's error: the stop, or the first partition error when no partition could be read.
template <typename Row>
KafkaError overallError(const QList<Row> &rows, const Deadline &deadline, bool (*read)(const Row &),
    KafkaError (*errorOf)(const Row &))
{
    if (deadline.stopped()) {
        return deadline.overError();
    }
    if (rows.isEmpty() || std::any_of(rows.cbegin(), rows.cend(), read)) {
        return {};
    }
    return errorOf(rows.first());
}

bool offsetRead(const PartitionOffset &row)
{
    return !row.error;
}

KafkaError offsetError(const PartitionOffset &row)
{
    return row.error;
}

bool watermarksRead(const PartitionWatermarks &row)
{
    return row.known();
}

KafkaError watermarksError(const PartitionWatermarks &row)
{
    return row.errorCode ? KafkaError::fromCode(row.errorCode, row.topic)
                         : KafkaError::make(KafkaError::Kind::Other,
                             QCoreApplication::translate("edis::kafka::Offsets", "No partition answered."));
}

void setError(PartitionWatermarks &row, const KafkaError &error)
{
    if (error && row.error.isEmpty()) {
        row.error = error.message;
        row.errorCode = error.code;
    }
}

} // namespace

Result<QList<PartitionOffset>> offsetsForTimes(rd_kafka_t *rk, const QList<TopicPartitionRef> &partitions,
    int64_t timestampMs, Deadline &deadline, const OffsetQueryOptions &options)
{
    QList<PartitionOffset> out;
    out.reserve(partitions.size());
    for (const auto &p : partitions) {
        out.push_back({p.topic, p.partition, -1, {}});
    }
    for (qsizetype begin = 0; begin < out.size(); begin += tuning::kOffsetsChunk) {
        readChunk(rk, out, begin, std::min(out.size(), begin + tuning::kOffsetsChunk), timestampMs, deadline,
            options);
    }
    KafkaError error = overallError<PartitionOffset>(out, deadline, &offsetRead, &offsetError);
    return {std::move(out), std::move(error)};
}

Result<QList<PartitionWatermarks>> queryWatermarks(rd_kafka_t *rk, const QList<TopicPartitionRef> &partitions,
    Deadline &deadline, const OffsetQueryOptions &options)
{
    const auto low = offsetsForTimes(rk, partitions, kEarliestOffsetQuery, deadline, options);
    const auto high = offsetsForTimes(rk, partitions, kLatestOffsetQuery, deadline, options);
    QList<PartitionWatermarks> out;
    out.reserve(partitions.size());
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        PartitionWatermarks w {partitions[i].topic, partitions[i].partition, low.value[i].offset,
            high.value[i].offset, {}, RD_KAFKA_RESP_ERR_NO_ERROR};
        setError(w, low.value[i].error);
        setError(w, high.value[i].error);
        out.push_back(std::move(w));
    }
    KafkaError error = overallError<PartitionWatermarks>(out, deadline, &watermarksRead, &watermarksError);
    return {std::move(out), std::move(error)};
}

Result<QList<PartitionWatermarks>> queryWatermarksOneByOne(rd_kafka_t *rk,
    const QList<TopicPartitionRef> &partitions, Deadline &deadline, const OffsetQueryOptions &options)
{
    QList<PartitionWatermarks> out;
    out.reserve(partitions.size());
    for (const auto &p : partitions) {
        PartitionWatermarks w {p.topic, p.partition, -1, -1, {}, RD_KAFKA_RESP_ERR_NO_ERROR};
        const QByteArray name = p.topic.toUtf8();
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
        while (!deadline.over()) {
            err = rd_kafka_query_watermark_offsets(
                rk, name.constData(), p.partition, &w.low, &w.high, deadline.nextSliceMs());
            if (!askAgain(rk, err, deadline, options)) {
                break;
            }
        }
        if (err || deadline.stopped()) {
            w.low = -1;
            w.high = -1;
            setError(w, deadline.stopped() ? deadline.overError() : KafkaError::fromCode(err, p.topic));
        }
        out.push_back(std::move(w));
    }
    KafkaError error = overallError<PartitionWatermarks>(out, deadline, &watermarksRead, &watermarksError);
    return {std::move(out), std::move(error)};
}

bool isUnsupportedRequest(int err)
{
    return err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE || err == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION
        || err == RD_KAFKA_RESP_ERR_INVALID_REQUEST || err == RD_KAFKA_RESP_ERR__INVALID_ARG;
}

} // namespace edis::kafka
