#include "messageconsumer.h"

#include "decoderregistry.h"
#include "filterexpression.h"
#include "stopscope.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <map>

namespace edis::inspect {

using kafka::KafkaError;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr std::size_t kMaxPollRecords = 10000;
/// The shortest wait a request gets, however little of open()'s timeout is left.
constexpr milliseconds kMinRequestTime {100};

/// Evaluates a filter that reads the value or the key (not both, no header) on librdkafka's
/// bytes, without copying the record.
bool matchesInPlace(const FilterExpression &filter, const PayloadJson *payloads,
    const kafka::ConsumedMessage &msg, int64_t timestamp, std::string_view topic)
{
    MessageMeta meta;
    meta.offset = msg.offset;
    meta.timestamp = timestamp;
    meta.partition = msg.partition;
    meta.flags = uint8_t((msg.key ? 0 : NullKey) | (msg.value ? 0 : NullValue));
    const bool keySide = filter.usesKey();
    const char *bytes = keySide ? msg.key : msg.value;
    (keySide ? meta.keyLength : meta.valueLength)
        = uint32_t(bytes ? (keySide ? msg.keyLength : msg.valueLength) : 0);
    return filter.matches(MessageView(&meta, bytes, topic), payloads);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

TimestampType toTimestampType(kafka::Consumer::TimestampKind kind)
{
    switch (kind) {
    case kafka::Consumer::TimestampKind::CreateTime:
        return TimestampType::CreateTime;
    case kafka::Consumer::TimestampKind::LogAppendTime:
        return TimestampType::LogAppendTime;
    case kafka::Consumer::TimestampKind::NotAvailable:
        break;
    }
    return TimestampType::NotAvailable;
}

} // namespace

MessageConsumer::MessageConsumer(std::shared_ptr<const DecoderRegistry> registry)
    : registry_(std::move(registry))
{
}

MessageConsumer::~MessageConsumer()
{
    releaser_.drain(); // every message destroyed before its consumer is closed
    // The handle goes here, while the releaser's thread still exists: destroyed after it (as
    // members), rd_kafka_destroy hung in 5 of 9 runs of bench_inspector_gui with the releaser
    // (librdkafka 2.0.2), and in none of 18 in this order.
    consumer_.reset();
}

void MessageConsumer::fail(KafkaError error)
{
    if (!error_.isError()) {
        error_ = std::move(error);
    }
    finished_ = true;
}

KafkaError MessageConsumer::open(const ConsumeRequest &request, std::stop_token stop)
{
    releaser_.drain(); // a reopened consumer: the last one's messages go first
    request_ = request;
    stop_ = std::move(stop);
    tracksEnd_ = request.stopAtEnd;
    assigned_ = false;
    filter_ = request.filter && !request.filter->matchesEverything() ? request.filter.get() : nullptr;
    payloads_ = filter_ ? request.payloads.get() : nullptr;
    // librdkafka parses a record's headers on request, allocating even when there are none, so a
    // filter that reads no header decides before they are read: in place on librdkafka's bytes
    // when it reads the value or the key (rejected records are never copied), else on a copy
    // without headers (only matches get them).
    filterStep_ = !filter_                           ? FilterStep::None
        : filter_->usesHeaders()                     ? FilterStep::OnCopy
        : filter_->usesKey() && filter_->usesValue() ? FilterStep::OnCopyWithoutHeaders
                                                     : FilterStep::InPlace;
    if (KafkaError error = createConsumer(request)) {
        return error;
    }
    deadline_ = Clock::now() + milliseconds(request.timeoutMs);
    partitions_.clear();
    for (const TopicSelection &selection : request.topics) {
        if (KafkaError error = addPartitionsOf(selection)) {
            return error;
        }
    }
    if (KafkaError error = readWatermarks()) {
        return error;
    }
    std::size_t index = 0;
    for (const TopicSelection &selection : request.topics) {
        const std::size_t first = index;
        while (index < partitions_.size() && partitions_[index].topic == selection.topic) {
            ++index;
        }
        if (KafkaError error
            = resolveStarts(selection, std::span(partitions_).subspan(first, index - first))) {
            return error;
        }
    }
    return assignPartitions();
}

milliseconds MessageConsumer::timeLeft() const
{
    return std::max(kMinRequestTime, std::chrono::duration_cast<milliseconds>(deadline_ - Clock::now()));
}

KafkaError MessageConsumer::createConsumer(const ConsumeRequest &request)
{
    kafka::Consumer::Options options;
    options.groupIdPrefix = QStringLiteral("edis-inspect-");
    options.fixed = {
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"enable.partition.eof", "true"},
        {"auto.offset.reset", "earliest"},
        // Bound what librdkafka prefetches: the store has its own budget, and this plus the
        // worker's staging (ConsumerWorker::kMaxStagedBytes) must fit the 60 MB beside it.
        {"queued.max.messages.kbytes", "16384"},
    };
    // Bound the prefetch by count too: every queued record costs librdkafka a few hundred bytes
    // besides its payload, and reads of 10,000 records keep up with a 50,000 record queue
    // (bench_inspect: peak RSS ~10 MiB lower than with the default 100,000, same rate).
    options.defaults = {{"queued.min.messages", "50000"}};
    // Once the prefetch queue is full, librdkafka pauses fetching a partition for a second
    // (issue #2879). From 2.2 the pause is this property; before, see wakeStalledFetchers().
    options.optional = {{"fetch.queue.backoff.ms", "10"}};
    consumer_.reset(); // a reopened consumer: the last one is closed first
    KafkaError error;
    consumer_ = kafka::Consumer::create(request.connection, options, &error);
    if (!consumer_) {
        return error;
    }
    const auto &skipped = consumer_->skipped();
    wakesFetchers_ = std::find(skipped.begin(), skipped.end(), "fetch.queue.backoff.ms") != skipped.end();
    return {};
}

KafkaError MessageConsumer::addPartitionsOf(const TopicSelection &selection)
{
    const auto md = consumer_->topicMetadata(selection.topic, timeLeft(), stop_);
    if (!md.ok()) {
        return md.error;
    }
    std::vector<int32_t> ids;
    std::map<int32_t, int32_t> leaders;
    for (const kafka::PartitionInfo &p : md.value.partitions) {
        ids.push_back(p.id);
        leaders[p.id] = p.leader;
    }
    std::sort(ids.begin(), ids.end());
    if (!selection.partitions.empty()) {
        for (const int32_t p : selection.partitions) {
            if (!std::binary_search(ids.begin(), ids.end(), p)) {
                return KafkaError::make(KafkaError::Kind::InvalidRequest,
                    tr("Topic '%1' has no partition %2 (it has %3).")
                        .arg(selection.topic)
                        .arg(p)
                        .arg(ids.size()),
                    kafka::ErrorCode::kUnknownPartition);
            }
        }
        ids = selection.partitions;
    }
    for (const int32_t id : ids) {
        PartitionProgress p;
        p.topic = selection.topic;
        p.partition = id;
        p.leader = leaders[id];
        partitions_.push_back(p);
    }
    return {};
}

KafkaError MessageConsumer::readWatermarks()
{
    // The range each partition holds now (the end is what stopAtEnd stops at).
    QList<kafka::TopicPartitionRef> refs;
    for (const PartitionProgress &p : partitions_) {
        refs.push_back({p.topic, p.partition});
    }
    const auto marks = consumer_->watermarks(refs, timeLeft(), stop_);
    if (!marks.ok()) {
        return marks.error;
    }
    for (std::size_t i = 0; i < partitions_.size(); ++i) {
        const kafka::PartitionWatermarks &w = marks.value[qsizetype(i)];
        if (!w.known()) {
            const KafkaError cause = consumer_->errors().mostTelling();
            return cause.isError() ? cause : KafkaError::fromCode(w.errorCode, partitions_[i].topic);
        }
        partitions_[i].lowWatermark = w.low;
        partitions_[i].highWatermark = w.high;
    }
    return {};
}

KafkaError MessageConsumer::resolveStarts(const TopicSelection &selection, std::span<PartitionProgress> range)
{
    const StartPosition &start = selection.start;
    if (start.kind == StartPosition::Kind::Timestamp) {
        QList<kafka::TopicPartitionRef> refs;
        for (const PartitionProgress &p : range) {
            refs.push_back({p.topic, p.partition});
        }
        const auto offsets = consumer_->offsetsForTimes(refs, start.value, timeLeft(), stop_);
        if (!offsets.ok()) {
            return offsets.error;
        }
        for (std::size_t i = 0; i < range.size(); ++i) {
            const kafka::PartitionOffset &o = offsets.value[qsizetype(i)];
            if (o.error) {
                return o.error;
            }
            // -1: no record at or after that time, so start at the end.
            range[i].startOffset = o.offset >= 0 ? o.offset : range[i].highWatermark;
        }
        return {};
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
    return {};
}

KafkaError MessageConsumer::assignPartitions()
{
    std::vector<kafka::Consumer::PartitionAt> assignment;
    for (PartitionProgress &p : partitions_) {
        p.nextOffset = p.startOffset;
        if (tracksEnd_ && p.startOffset >= p.highWatermark) {
            p.done = true; // empty, or nothing between the start and the end: never assigned
            continue;
        }
        assignment.push_back({p.topic.toUtf8(), p.partition, p.startOffset});
    }
    if (KafkaError error = consumer_->assign(assignment)) {
        return error;
    }
    assigned_ = true;
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
    consumer_->pause({{p.topic.toUtf8(), p.partition}}); // stop fetching what would be thrown away
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
    std::vector<kafka::Consumer::PartitionAt> running;
    for (const PartitionProgress &p : partitions_) {
        if (!p.done) {
            running.push_back({p.topic.toUtf8(), p.partition});
        }
    }
    if (paused) {
        consumer_->pause(running);
    } else {
        consumer_->resume(running);
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
    if (p.done || position < 0 || !consumer_->cachedWatermarks(topicNames_[index], p.partition, &lo, &hi)) {
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
    for (std::size_t i = 0; i < partitions_.size() && !stop_.stop_requested(); ++i) {
        const int32_t leader = partitions_[i].leader;
        if (std::find(woken.begin(), woken.end(), leader) != woken.end() || backlogOf(i) == 0) {
            continue;
        }
        woken.push_back(leader);
        consumer_->poke(topicNames_[i], partitions_[i].partition);
    }
    wakeups_ += woken.size();
    return !woken.empty();
}

ssize_t MessageConsumer::read(milliseconds maxWait, std::size_t want)
{
    // librdkafka's batch call waits until it has `want` records or the time is up. That suits a
    // live tail (fewer, fuller batches), not reading a backlog: with the broker holding more than
    // a batch past our position, take what is queued at once. An empty queue while the broker
    // holds more may be a stalled fetcher (see wakeStalledFetchers()).
    const std::size_t queued = consumer_->queued();
    if (queued > 0 && !paused_ && isBehindBy(int64_t(want))) {
        return consumer_->consumeBatch(milliseconds(0), messages_.data(), std::min(want, queued));
    }
    if (queued == 0 && wakesFetchers_ && !paused_ && isBehindBy(1)) {
        const milliseconds probe = std::min(maxWait, kStallProbe);
        const ssize_t n = consumer_->consumeBatch(probe, messages_.data(), want);
        if (n != 0 || wakeStalledFetchers() || stop_.stop_requested()) {
            return n;
        }
        return consumer_->consumeBatch(maxWait - probe, messages_.data(), want);
    }
    return consumer_->consumeBatch(maxWait, messages_.data(), want);
}

std::size_t MessageConsumer::poll(MessageBatch &batch, milliseconds maxWait, std::size_t maxRecords)
{
    if (finished_ || !assigned_) {
        return 0;
    }
    // A filter reading framed payloads may wait for a schema (PayloadJson): the consumer's stop
    // ends that wait too.
    const StopScope stopScope(stop_);
    const std::size_t want = std::clamp<std::size_t>(maxRecords, 1, messages_.size());
    const ssize_t n = read(maxWait, want);
    consumer_->serveCallbacks(); // error_cb
    if (consumer_->errors().hasFatal()) {
        fail(consumer_->errors().mostTelling());
    }
    // The read's messages are destroyed once their records are copied, whatever happens below
    // (a large read on the releaser's thread, while the next one is copied: see
    // kafka/messagereleaser.h).
    struct ReleaseRead {
        kafka::MessageReleaser &releaser;
        rd_kafka_message_s *const *messages;
        std::size_t count;
        ~ReleaseRead() { releaser.release(messages, count); }
    } const releaseRead {releaser_, messages_.data(), n > 0 ? std::size_t(n) : 0};
    std::size_t appended = 0;
    Run run;
    for (ssize_t i = 0; i < n && !finished_; ++i) { // the rest of the read is released with it
        appended += take(batch, messages_[std::size_t(i)], run) ? 1 : 0;
    }
    updateFinished();
    return appended;
}

void MessageConsumer::onEvent(
    const rd_kafka_message_s *raw, const kafka::ConsumedMessage &msg, PartitionProgress *p)
{
    if (msg.error == kafka::ErrorCode::kPartitionEof) {
        if (p) {
            p->nextOffset = std::max(p->nextOffset, msg.offset);
            if ((tracksEnd_ && msg.offset >= p->highWatermark)
                || (request_.stopAtTimestampMs
                    && QDateTime::currentMSecsSinceEpoch() > *request_.stopAtTimestampMs)) {
                markDone(*p);
            }
        }
    } else if (kafka::Consumer::endsReading(msg.error)) {
        fail(KafkaError::fromCode(msg.error, kafka::Consumer::errorOf(raw)));
    }
}

bool MessageConsumer::take(MessageBatch &batch, const rd_kafka_message_s *raw, Run &run)
{
    const kafka::ConsumedMessage msg = kafka::Consumer::fieldsOf(raw);
    if (msg.topic != run.topic || msg.partition != run.partition) { // look it up once per run
        run.topic = msg.topic;
        run.partition = msg.partition;
        run.topicName = kafka::Consumer::topicOf(raw);
        run.progress = progressFor(run.topicName, run.partition);
    }
    PartitionProgress *p = run.progress;
    if (msg.error) {
        onEvent(raw, msg, p);
        return false;
    }
    if (!p || p->done) {
        return false;
    }
    if (tracksEnd_ && msg.offset >= p->highWatermark) {
        markDone(*p);
        return false;
    }
    kafka::Consumer::TimestampKind tsKind {};
    const int64_t ts = kafka::Consumer::timestampOf(raw, &tsKind);
    if (request_.stopAtTimestampMs && ts > *request_.stopAtTimestampMs) {
        markDone(*p);
        return false;
    }
    ++scanned_;
    bytes_ += msg.valueLength + msg.keyLength;
    p->nextOffset = msg.offset + 1;
    bool appended = false;
    if (filterStep_ != FilterStep::InPlace || matchesInPlace(*filter_, payloads_, msg, ts, run.topicName)) {
        RecordRef record;
        record.topic = run.topicName;
        record.partition = msg.partition;
        record.offset = msg.offset;
        record.timestamp = ts;
        record.timestampType = toTimestampType(tsKind);
        record.brokerId = kafka::Consumer::brokerOf(raw);
        if (msg.key) {
            record.key = std::string_view(msg.key, msg.keyLength);
        }
        if (msg.value) {
            record.value = std::string_view(msg.value, msg.valueLength);
        }
        appended = append(batch, raw, record);
    }
    if (tracksEnd_ && p->nextOffset >= p->highWatermark) {
        markDone(*p);
    }
    updateFinished();
    return appended;
}

bool MessageConsumer::append(MessageBatch &batch, const rd_kafka_message_s *raw, const RecordRef &record)
{
    if (filterStep_ == FilterStep::OnCopyWithoutHeaders) {
        headers_.clear();
    } else {
        readHeaders(raw);
    }
    RecordRef copy = record;
    copy.headers = headers_.data();
    copy.headerCount = headers_.size();
    std::size_t at = batch.append(copy);
    const bool onCopy = filterStep_ == FilterStep::OnCopy || filterStep_ == FilterStep::OnCopyWithoutHeaders;
    if (onCopy && !filter_->matches(batch.at(at), payloads_)) {
        batch.removeLast();
        return false;
    }
    if (filterStep_ == FilterStep::OnCopyWithoutHeaders) {
        // A match: store it again, now with its headers.
        batch.removeLast();
        readHeaders(raw);
        copy.headers = headers_.data();
        copy.headerCount = headers_.size();
        at = batch.append(copy);
    }
    if (registry_) {
        registry_->classify(batch.metaAt(at), batch.at(at)); // only what is kept
    }
    ++delivered_;
    return true;
}

void MessageConsumer::readHeaders(const rd_kafka_message_s *raw)
{
    headers_.clear();
    kafka::Consumer::forEachHeader(raw, [this](const char *name, const void *value, std::size_t size) {
        HeaderRef ref {name, std::nullopt};
        if (value) {
            ref.value = std::string_view(static_cast<const char *>(value), size);
        }
        headers_.push_back(ref);
    });
}

} // namespace edis::inspect
