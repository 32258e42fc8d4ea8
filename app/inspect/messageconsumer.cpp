#include "messageconsumer.h"

#include "decoderregistry.h"
#include "filterexpression.h"
#include "kafka/clienttraffic.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUuid>

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <thread>

namespace edis::inspect {

using kafka::KafkaError;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr std::size_t kMaxPollRecords = 10000;

/// Evaluates a filter that reads the value or the key (not both, no header) on librdkafka's
/// bytes, without copying the record.
bool matchesInPlace(
    const FilterExpression &filter, const rd_kafka_message_t *msg, int64_t timestamp, std::string_view topic)
{
    MessageMeta meta;
    meta.offset = msg->offset;
    meta.timestamp = timestamp;
    meta.partition = msg->partition;
    meta.flags = uint8_t((msg->key ? 0 : NullKey) | (msg->payload ? 0 : NullValue));
    const bool keySide = filter.usesKey();
    const auto *bytes = static_cast<const char *>(keySide ? msg->key : msg->payload);
    (keySide ? meta.keyLength : meta.valueLength) = uint32_t(bytes ? (keySide ? msg->key_len : msg->len) : 0);
    return filter.matches(MessageView(&meta, bytes, topic));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

int toMs(milliseconds d)
{
    return int(std::clamp<int64_t>(d.count(), 0, 1 << 30));
}

/// Errors after which reading cannot go on; others (a broker restarting) are retried by librdkafka.
bool isFatal(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
        return true;
    default:
        return false;
    }
}

/// Answers a broker gives for a topic created a moment ago, before its leaders are elected.
bool isTransientLeaderError(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        return true;
    default:
        return false;
    }
}

/// True while a topic's metadata still says "being created": unknown, or a partition without leader.
bool isSettling(const rd_kafka_metadata_topic_t &topic)
{
    if (topic.err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE
        || topic.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        return true;
    }
    if (topic.err) {
        return false;
    }
    if (topic.partition_cnt == 0) {
        return true;
    }
    for (int i = 0; i < topic.partition_cnt; ++i) {
        if (topic.partitions[i].leader < 0) {
            return true;
        }
    }
    return false;
}

} // namespace

MessageConsumer::MessageConsumer(std::shared_ptr<const DecoderRegistry> registry)
    : registry_(std::move(registry))
{
}

MessageConsumer::~MessageConsumer()
{
    releaser_.drain(); // every message destroyed before its consumer is closed
    queue_.reset(); // must go before the consumer is closed
    if (consumer_) {
        rd_kafka_consumer_close(consumer_.get());
    }
    // The handle goes here, while the error collector its callbacks reach and the releaser's
    // thread still exist: destroyed after them (as members), rd_kafka_destroy hung in 5 of 9
    // runs of bench_inspector_gui with the releaser (librdkafka 2.0.2), and in none of 18 in
    // this order.
    consumer_.reset();
}

void MessageConsumer::fail(KafkaError error)
{
    if (!error_.isError()) {
        error_ = std::move(error);
    }
    finished_ = true;
}

KafkaError MessageConsumer::open(const ConsumeRequest &request)
{
    releaser_.drain(); // a reopened consumer: the last one's messages go first
    request_ = request;
    tracksEnd_ = request.stopAtEnd;
    QString message;
    kafka::ConfHandle conf = kafka::buildConf(request.connection, &message);
    if (!conf) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
    }
    // Partitions are assigned, never subscribed: nothing joins a group and nothing is committed.
    // librdkafka still wants a group id for assign() and its consumer queue, so a throwaway one
    // is used unless the user gave one.
    if (!request.connection.properties.contains("group.id")) {
        kafka::setConfProperty(conf.get(), "group.id",
            "edis-inspect-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString(), nullptr);
    }
    const std::pair<const char *, const char *> fixed[] = {
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"enable.partition.eof", "true"},
        {"auto.offset.reset", "earliest"},
        // Bound what librdkafka prefetches: the store has its own budget.
        {"queued.max.messages.kbytes", "32768"},
    };
    for (const auto &[key, value] : fixed) {
        if (!kafka::setConfProperty(conf.get(), key, value, &message)) {
            return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
        }
    }
    // Bound the prefetch by count too: every queued record costs librdkafka a few hundred bytes
    // besides its payload, and reads of 10,000 records keep up with a 50,000 record queue
    // (bench_inspect: peak RSS ~10 MiB lower than with the default 100,000, same rate).
    if (!request.connection.properties.contains("queued.min.messages")
        && !kafka::setConfProperty(conf.get(), "queued.min.messages", "50000", &message)) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
    }
    // Once the prefetch queue is full, librdkafka pauses fetching a partition for a second
    // (issue #2879). From 2.2 the pause is this property; before, see wakeStalledFetchers().
    wakesFetchers_ = !request.connection.properties.contains("fetch.queue.backoff.ms")
        && !kafka::setConfProperty(conf.get(), "fetch.queue.backoff.ms", "10", nullptr);
    errors_.install(conf.get());
    kafka::ClientTraffic::enableStatistics(conf.get()); // bytes/s on the throughput page
    std::array<char, 512> errstr {};
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr.data(), errstr.size());
    if (!rk) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, QString::fromUtf8(errstr.data()));
    }
    conf.release();
    consumer_.reset(rk);
    kafka::ClientTraffic::instance().track(rk, kafka::trafficKey(request.connection));

    const auto deadline = Clock::now() + milliseconds(request.timeoutMs);
    const auto remainingMs = [&] {
        return toMs(
            std::max(milliseconds(100), std::chrono::duration_cast<milliseconds>(deadline - Clock::now())));
    };

    // Partitions of each topic, from metadata.
    partitions_.clear();
    for (const TopicSelection &sel : request.topics) {
        const QByteArray name = sel.topic.toUtf8();
        std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(
            rd_kafka_topic_new(rk, name.constData(), nullptr), &rd_kafka_topic_destroy);
        const rd_kafka_metadata_t *raw = nullptr;
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
        // A topic created a moment ago may not have a leader yet, or may not be known to
        // every broker: retry those answers for a short while before reporting them.
        const auto graceEnd = std::min(deadline, Clock::now() + milliseconds(3000));
        while (Clock::now() < deadline) {
            if (raw) {
                rd_kafka_metadata_destroy(raw);
                raw = nullptr;
            }
            err = rd_kafka_metadata(rk, 0, rkt.get(), &raw, std::min(remainingMs(), 1000));
            rd_kafka_poll(rk, 0);
            if (errors_.hasFatal()) {
                break;
            }
            if (!err && raw && (raw->topic_cnt < 1 || !isSettling(raw->topics[0]))) {
                break;
            }
            if (!err && Clock::now() >= graceEnd) {
                break;
            }
            std::this_thread::sleep_for(milliseconds(100));
        }
        kafka::MetadataHandle md(raw);
        if (err || !md) {
            const KafkaError cause = errors_.mostTelling();
            return cause.isError() ? cause : KafkaError::fromCode(err);
        }
        if (md->topic_cnt < 1 || md->topics[0].err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
            return KafkaError::make(KafkaError::Kind::UnknownTopic,
                tr("Topic '%1' does not exist.").arg(sel.topic), RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        }
        const rd_kafka_metadata_topic_t &t = md->topics[0];
        if (t.err) {
            return KafkaError::fromCode(t.err, sel.topic);
        }
        std::vector<int32_t> ids;
        std::map<int32_t, int32_t> leaders;
        for (int i = 0; i < t.partition_cnt; ++i) {
            ids.push_back(t.partitions[i].id);
            leaders[t.partitions[i].id] = t.partitions[i].leader;
        }
        std::sort(ids.begin(), ids.end());
        if (!sel.partitions.empty()) {
            for (const int32_t p : sel.partitions) {
                if (!std::binary_search(ids.begin(), ids.end(), p)) {
                    return KafkaError::make(KafkaError::Kind::InvalidRequest,
                        tr("Topic '%1' has no partition %2 (it has %3).")
                            .arg(sel.topic)
                            .arg(p)
                            .arg(ids.size()),
                        RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION);
                }
            }
            ids = sel.partitions;
        }
        for (const int32_t id : ids) {
            PartitionProgress p;
            p.topic = sel.topic;
            p.partition = id;
            p.leader = leaders[id];
            partitions_.push_back(p);
        }
    }

    // Watermarks: the range each partition holds now (the end is what stopAtEnd stops at).
    for (PartitionProgress &p : partitions_) {
        const QByteArray name = p.topic.toUtf8();
        int64_t lo = -1;
        int64_t hi = -1;
        auto err
            = rd_kafka_query_watermark_offsets(rk, name.constData(), p.partition, &lo, &hi, remainingMs());
        while (isTransientLeaderError(err) && Clock::now() < deadline && !errors_.hasFatal()) {
            std::this_thread::sleep_for(milliseconds(100));
            err = rd_kafka_query_watermark_offsets(
                rk, name.constData(), p.partition, &lo, &hi, remainingMs());
        }
        if (err) {
            const KafkaError cause = errors_.mostTelling();
            return cause.isError() ? cause : KafkaError::fromCode(err, p.topic);
        }
        p.lowWatermark = lo;
        p.highWatermark = hi;
    }

    // Start offsets.
    std::size_t index = 0;
    for (const TopicSelection &sel : request.topics) {
        const std::size_t first = index;
        while (index < partitions_.size() && partitions_[index].topic == sel.topic) {
            ++index;
        }
        const auto range = std::span(partitions_).subspan(first, index - first);
        const StartPosition &start = sel.start;
        if (start.kind == StartPosition::Kind::Timestamp) {
            kafka::PartitionListHandle list(rd_kafka_topic_partition_list_new(int(range.size())));
            const QByteArray name = sel.topic.toUtf8();
            for (const PartitionProgress &p : range) {
                rd_kafka_topic_partition_list_add(list.get(), name.constData(), p.partition)->offset
                    = start.value;
            }
            if (const auto err = rd_kafka_offsets_for_times(rk, list.get(), remainingMs())) {
                return KafkaError::fromCode(err, sel.topic);
            }
            for (PartitionProgress &p : range) {
                const auto *tp
                    = rd_kafka_topic_partition_list_find(list.get(), name.constData(), p.partition);
                // -1: no record at or after that time, so start at the end.
                p.startOffset = tp && tp->offset >= 0 ? tp->offset : p.highWatermark;
            }
            continue;
        }
        for (PartitionProgress &p : range) {
            switch (start.kind) {
            case StartPosition::Kind::Beginning:
                p.startOffset = p.lowWatermark;
                break;
            case StartPosition::Kind::End:
                p.startOffset = p.highWatermark;
                break;
            case StartPosition::Kind::Offset:
                p.startOffset = std::clamp(start.value, p.lowWatermark, p.highWatermark);
                break;
            case StartPosition::Kind::LastN:
                p.startOffset = std::max(p.lowWatermark, p.highWatermark - std::max<int64_t>(0, start.value));
                break;
            case StartPosition::Kind::Timestamp:
                break;
            }
        }
    }

    kafka::PartitionListHandle assignment(rd_kafka_topic_partition_list_new(int(partitions_.size())));
    for (PartitionProgress &p : partitions_) {
        p.nextOffset = p.startOffset;
        if (tracksEnd_ && p.startOffset >= p.highWatermark) {
            p.done = true; // empty, or nothing between the start and the end: never assigned
            continue;
        }
        const QByteArray name = p.topic.toUtf8();
        rd_kafka_topic_partition_list_add(assignment.get(), name.constData(), p.partition)->offset
            = p.startOffset;
    }
    if (const auto err = rd_kafka_assign(rk, assignment.get())) {
        return KafkaError::fromCode(err);
    }
    queue_.reset(rd_kafka_queue_get_consumer(rk));
    if (!queue_) {
        return KafkaError::make(KafkaError::Kind::Other, tr("The consumer has no queue."));
    }
    topicNames_.clear();
    for (const PartitionProgress &p : partitions_) {
        topicNames_.push_back(p.topic.toUtf8());
    }
    messages_.resize(kMaxPollRecords);
    updateFinished();
    return {};
}

PartitionProgress *MessageConsumer::progressFor(const char *topic, int32_t partition)
{
    for (PartitionProgress &p : partitions_) {
        if (p.partition == partition && p.topic == QLatin1String(topic)) {
            return &p;
        }
    }
    return nullptr;
}

void MessageConsumer::markDone(PartitionProgress &p)
{
    if (p.done) {
        return;
    }
    p.done = true;
    // Stop fetching what would be thrown away.
    kafka::PartitionListHandle list(rd_kafka_topic_partition_list_new(1));
    const QByteArray name = p.topic.toUtf8();
    rd_kafka_topic_partition_list_add(list.get(), name.constData(), p.partition);
    rd_kafka_pause_partitions(consumer_.get(), list.get());
}

void MessageConsumer::updateFinished()
{
    if (request_.maxMessages > 0 && delivered_ >= request_.maxMessages) {
        finished_ = true;
        return;
    }
    if (tracksEnd_ || request_.stopAtTimestampMs) {
        finished_ = finished_
            || std::all_of(
                partitions_.begin(), partitions_.end(), [](const PartitionProgress &p) { return p.done; });
    }
}

void MessageConsumer::setPaused(bool paused)
{
    if (paused == paused_ || !consumer_) {
        return;
    }
    paused_ = paused;
    kafka::PartitionListHandle list(rd_kafka_topic_partition_list_new(int(partitions_.size())));
    for (const PartitionProgress &p : partitions_) {
        if (!p.done) {
            const QByteArray name = p.topic.toUtf8();
            rd_kafka_topic_partition_list_add(list.get(), name.constData(), p.partition);
        }
    }
    if (paused) {
        rd_kafka_pause_partitions(consumer_.get(), list.get());
    } else {
        rd_kafka_resume_partitions(consumer_.get(), list.get());
    }
}

int64_t MessageConsumer::remaining() const
{
    if (!tracksEnd_) {
        return -1;
    }
    int64_t n = 0;
    for (const PartitionProgress &p : partitions_) {
        if (!p.done) {
            n += std::max<int64_t>(0, p.highWatermark - std::max(p.nextOffset, p.startOffset));
        }
    }
    return n;
}

int64_t MessageConsumer::backlogOf(std::size_t index) const
{
    const PartitionProgress &p = partitions_[index];
    const int64_t position = std::max(p.nextOffset, p.startOffset);
    int64_t lo = -1;
    int64_t hi = -1;
    if (p.done || position < 0
        || rd_kafka_get_watermark_offsets(
               consumer_.get(), topicNames_[index].constData(), p.partition, &lo, &hi)
            != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return 0;
    }
    return std::max<int64_t>(0, hi - position); // hi is negative while unknown
}

bool MessageConsumer::isBehindBy(int64_t records) const
{
    int64_t behind = 0;
    for (std::size_t i = 0; i < partitions_.size() && behind < records; ++i) {
        behind += backlogOf(i);
    }
    return behind >= records;
}

bool MessageConsumer::wakeStalledFetchers()
{
    // librdkafka before 2.2 stops fetching a partition whose prefetch queue reached its bound
    // (queued.min.messages, queued.max.messages.kbytes) and looks at it again only when its broker
    // thread wakes, at the latest a second later: reading a topic from the beginning came in
    // bursts with ~0.5-1 s pauses in between. A poll that found nothing while the broker holds
    // records past our position (its last reported high watermark, no request needed) is such a
    // pause: one request to the partition's leader wakes that broker's thread, which then fetches.
    std::vector<int32_t> woken;
    for (std::size_t i = 0; i < partitions_.size(); ++i) {
        const int32_t leader = partitions_[i].leader;
        if (std::find(woken.begin(), woken.end(), leader) != woken.end() || backlogOf(i) == 0) {
            continue;
        }
        woken.push_back(leader);
        int64_t lo = -1;
        int64_t hi = -1;
        rd_kafka_query_watermark_offsets(
            consumer_.get(), topicNames_[i].constData(), partitions_[i].partition, &lo, &hi, kWakeTimeoutMs);
    }
    wakeups_ += woken.size();
    return !woken.empty();
}

std::size_t MessageConsumer::poll(MessageBatch &batch, milliseconds maxWait, std::size_t maxRecords)
{
    if (finished_ || !queue_) {
        return 0;
    }
    const std::size_t want = std::clamp<std::size_t>(maxRecords, 1, messages_.size());
    // librdkafka's batch call waits until it has `want` records or the time is up. That suits a
    // live tail (fewer, fuller batches), not reading a backlog: with the broker holding more than
    // a batch past our position, take what is queued at once. An empty queue while the broker
    // holds more may be a stalled fetcher (see wakeStalledFetchers()).
    const std::size_t queued = rd_kafka_queue_length(queue_.get());
    ssize_t n = 0;
    if (queued > 0 && !paused_ && isBehindBy(int64_t(want))) {
        n = rd_kafka_consume_batch_queue(queue_.get(), 0, messages_.data(), std::min(want, queued));
    } else if (queued == 0 && wakesFetchers_ && !paused_ && isBehindBy(1)) {
        const milliseconds probe = std::min(maxWait, kStallProbe);
        n = rd_kafka_consume_batch_queue(queue_.get(), toMs(probe), messages_.data(), want);
        if (n == 0 && !wakeStalledFetchers()) {
            n = rd_kafka_consume_batch_queue(queue_.get(), toMs(maxWait - probe), messages_.data(), want);
        }
    } else {
        n = rd_kafka_consume_batch_queue(queue_.get(), toMs(maxWait), messages_.data(), want);
    }
    rd_kafka_poll(consumer_.get(), 0); // serves error_cb
    if (errors_.hasFatal()) {
        fail(errors_.mostTelling());
    }
    std::size_t appended = 0;
    thread_local std::vector<HeaderRef> headers;
    const int64_t stopAt = request_.stopAtTimestampMs.value_or(0);
    // librdkafka parses a record's headers on request, allocating even when there are none, so a
    // filter that reads no header decides before they are read: in place on librdkafka's bytes
    // when it reads the value or the key (rejected records are never copied), else on a copy
    // without headers (only matches get them).
    const FilterExpression *filter
        = request_.filter && !request_.filter->matchesEverything() ? request_.filter.get() : nullptr;
    enum class FilterStep { None, InPlace, OnCopyWithoutHeaders, OnCopy };
    const FilterStep step = !filter                ? FilterStep::None
        : filter->usesHeaders()                    ? FilterStep::OnCopy
        : filter->usesKey() && filter->usesValue() ? FilterStep::OnCopyWithoutHeaders
                                                   : FilterStep::InPlace;
    const auto readHeaders = [](const rd_kafka_message_t *m) {
        headers.clear();
        rd_kafka_headers_t *hdrs = nullptr;
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
            const char *name = nullptr;
            const void *value = nullptr;
            size_t size = 0;
            for (size_t h = 0;
                 rd_kafka_header_get_all(hdrs, h, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++h) {
                HeaderRef ref {name, std::nullopt};
                if (value) {
                    ref.value = std::string_view(static_cast<const char *>(value), size);
                }
                headers.push_back(ref);
            }
        }
    };
    // The read's messages are destroyed once their records are copied, whatever happens below
    // (a large read on the releaser's thread, while the next one is copied: see
    // kafka/messagereleaser.h).
    struct ReleaseRead {
        kafka::MessageReleaser &releaser;
        rd_kafka_message_t *const *messages;
        std::size_t count;
        ~ReleaseRead() { releaser.release(messages, count); }
    } const releaseRead {releaser_, messages_.data(), n > 0 ? std::size_t(n) : 0};
    const rd_kafka_topic_t *runTopic = nullptr;
    int32_t runPartition = -1;
    const char *runTopicName = "";
    PartitionProgress *runProgress = nullptr;
    for (ssize_t i = 0; i < n; ++i) {
        const rd_kafka_message_t *msg = messages_[std::size_t(i)];
        if (finished_) {
            continue; // the rest of the read is released with it
        }
        // Records come in runs of one partition: look its progress up (by name) once per run.
        if (msg->rkt != runTopic || msg->partition != runPartition) {
            runTopic = msg->rkt;
            runPartition = msg->partition;
            runTopicName = runTopic ? rd_kafka_topic_name(runTopic) : "";
            runProgress = progressFor(runTopicName, runPartition);
        }
        const char *topic = runTopicName;
        PartitionProgress *p = runProgress;
        if (msg->err) {
            if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                if (p) {
                    p->nextOffset = std::max(p->nextOffset, msg->offset);
                    if ((tracksEnd_ && msg->offset >= p->highWatermark)
                        || (request_.stopAtTimestampMs && QDateTime::currentMSecsSinceEpoch() > stopAt)) {
                        markDone(*p);
                    }
                }
            } else if (isFatal(msg->err)) {
                fail(KafkaError::fromCode(msg->err, QString::fromUtf8(rd_kafka_message_errstr(msg))));
            }
            continue;
        }
        if (!p || p->done) {
            continue;
        }
        if (tracksEnd_ && msg->offset >= p->highWatermark) {
            markDone(*p);
            continue;
        }
        rd_kafka_timestamp_type_t tsType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
        const int64_t ts = rd_kafka_message_timestamp(msg, &tsType);
        if (request_.stopAtTimestampMs && ts > stopAt) {
            markDone(*p);
            continue;
        }
        ++scanned_;
        bytes_ += msg->len + msg->key_len;
        p->nextOffset = msg->offset + 1;

        if (step == FilterStep::InPlace && !matchesInPlace(*filter, msg, ts, topic)) {
            if (tracksEnd_ && p->nextOffset >= p->highWatermark) {
                markDone(*p);
            }
            updateFinished();
            continue;
        }
        if (step == FilterStep::OnCopyWithoutHeaders) {
            headers.clear();
        } else {
            readHeaders(msg);
        }
        RecordRef record;
        record.topic = topic;
        record.partition = msg->partition;
        record.offset = msg->offset;
        record.timestamp = ts;
        record.timestampType = tsType == RD_KAFKA_TIMESTAMP_CREATE_TIME ? TimestampType::CreateTime
            : tsType == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME              ? TimestampType::LogAppendTime
                                                                        : TimestampType::NotAvailable;
        record.brokerId = rd_kafka_message_broker_id(msg);
        if (msg->key) {
            record.key = std::string_view(static_cast<const char *>(msg->key), msg->key_len);
        }
        if (msg->payload) {
            record.value = std::string_view(static_cast<const char *>(msg->payload), msg->len);
        }
        record.headers = headers.data();
        record.headerCount = headers.size();
        std::size_t at = batch.append(record);
        const bool onCopy = step == FilterStep::OnCopy || step == FilterStep::OnCopyWithoutHeaders;
        if (onCopy && !filter->matches(batch.at(at))) {
            batch.removeLast();
        } else {
            if (step == FilterStep::OnCopyWithoutHeaders) {
                // A match: store it again, now with its headers.
                batch.removeLast();
                readHeaders(msg);
                record.headers = headers.data();
                record.headerCount = headers.size();
                at = batch.append(record);
            }
            if (registry_) {
                registry_->classify(batch.metaAt(at), batch.at(at)); // only what is kept
            }
            ++delivered_;
            ++appended;
        }
        if (tracksEnd_ && p->nextOffset >= p->highWatermark) {
            markDone(*p);
        }
        updateFinished();
    }
    updateFinished();
    return appended;
}

} // namespace edis::inspect
