#pragma once

// A consumer of records into MessageBatches: resolves start positions, assigns partitions (no
// consumer group: nothing is committed), applies stop conditions and an optional filter. It
// blocks in poll(), so it belongs to one worker thread (or a CLI's main loop). Its librdkafka
// handle is a kafka::Consumer; every wait on the broker returns soon after the stop token given
// to open() is set.

#include "consumerequest.h"
#include "kafka/consumer.h"
#include "kafka/kafkaerror.h"
#include "kafka/messagereleaser.h"
#include "messagebatch.h"
#include "recordsource.h"

#include <QByteArray>

#include <chrono>
#include <memory>
#include <span>
#include <stop_token>
#include <vector>

namespace edis::inspect {

class DecoderRegistry;
class FilterExpression;
class PayloadJson;

class MessageConsumer final : public RecordSource {
public:
    /// `registry` (optional) classifies each record (decoder, heartbeat) on this thread.
    explicit MessageConsumer(std::shared_ptr<const DecoderRegistry> registry = {});
    ~MessageConsumer() override;
    MessageConsumer(const MessageConsumer &) = delete;
    MessageConsumer &operator=(const MessageConsumer &) = delete;

    /// Connects, looks up partitions, watermarks and timestamp offsets, and assigns. Returns
    /// Kind::Cancelled within milliseconds of `stop` (which poll() then heeds as well).
    kafka::KafkaError open(const ConsumeRequest &request, std::stop_token stop = {}) override;

    /// Waits at most `maxWait` for records and appends up to `maxRecords` to `batch` (only
    /// records that pass the stop conditions and the filter). Returns the number appended.
    /// A fatal error ends consumption (see error()).
    std::size_t poll(MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords) override;

    /// A stop condition was met (max records, end offsets, stop time) or a fatal error occurred.
    bool finished() const override { return finished_; }
    const kafka::KafkaError &error() const override { return error_; }

    void setPaused(bool paused) override;
    bool isPaused() const override { return paused_; }

    const std::vector<PartitionProgress> &partitions() const override { return partitions_; }
    uint64_t scanned() const override { return scanned_; }
    uint64_t delivered() const override { return delivered_; }
    uint64_t bytesRead() const override { return bytes_; }
    /// True with a librdkafka that stalls a full prefetch queue for a second (before 2.2);
    /// then poll() wakes the fetcher when its queue ran dry while the broker holds more.
    bool wakesStalledFetchers() const { return wakesFetchers_; }
    /// How often poll() woke a stalled fetcher.
    uint64_t fetcherWakeups() const { return wakeups_; }
    /// Consumed messages destroyed on the releaser's thread (large reads) rather than in poll().
    std::size_t messagesReleasedOffThread() const { return releaser_.releasedOffThread(); }
    /// Records between each partition's position and its end offset at start (sum); -1 when
    /// no partition has a known end (tailing).
    int64_t remaining() const override;

private:
    enum class FilterStep { None, InPlace, OnCopyWithoutHeaders, OnCopy };
    /// The partition of the last record looked at: records come in runs of one partition.
    struct Run {
        const rd_kafka_topic_s *topic = nullptr;
        int32_t partition = -1;
        const char *topicName = "";
        PartitionProgress *progress = nullptr;
    };

    // open(), step by step.
    kafka::KafkaError createConsumer(const ConsumeRequest &request);
    kafka::KafkaError addPartitionsOf(const TopicSelection &selection);
    kafka::KafkaError readWatermarks();
    kafka::KafkaError resolveStarts(const TopicSelection &selection, std::span<PartitionProgress> range);
    kafka::KafkaError assignPartitions();
    /// What is left of open()'s timeout (at least 100 ms, as one request needs).
    std::chrono::milliseconds timeLeft() const;

    // poll(), step by step.
    ssize_t read(std::chrono::milliseconds maxWait, std::size_t want);
    /// Takes one consumed message into `batch` when it passes; returns whether it was appended.
    bool take(MessageBatch &batch, const rd_kafka_message_s *raw, Run &run);
    void onEvent(const rd_kafka_message_s *raw, const kafka::ConsumedMessage &msg, PartitionProgress *p);
    bool append(MessageBatch &batch, const rd_kafka_message_s *raw, const RecordRef &record);
    void readHeaders(const rd_kafka_message_s *raw);

    PartitionProgress *progressFor(const char *topic, int32_t partition);
    void markDone(PartitionProgress &p);
    void updateFinished();
    void fail(kafka::KafkaError error);
    /// Records the broker holds past our positions, by the high watermarks of its last fetch
    /// responses (no request): of partitions_[index]; whether all of them hold at least
    /// `records` (stops counting there: this runs on every poll).
    int64_t backlogOf(std::size_t index) const;
    bool isBehindBy(int64_t records) const;
    /// Returns true when a broker thread was woken (records are on their way).
    bool wakeStalledFetchers();

    /// An empty queue for this long, with records left on the broker, is a stalled fetcher.
    static constexpr std::chrono::milliseconds kStallProbe {20};

    std::shared_ptr<const DecoderRegistry> registry_;
    ConsumeRequest request_;
    std::stop_token stop_;
    std::chrono::steady_clock::time_point deadline_;
    std::unique_ptr<kafka::Consumer> consumer_;
    bool assigned_ = false;
    std::vector<PartitionProgress> partitions_;
    std::vector<QByteArray> topicNames_; ///< partitions_[i].topic in UTF-8, for librdkafka calls
    std::vector<rd_kafka_message_s *> messages_;
    std::vector<HeaderRef> headers_; ///< of the record being copied
    const FilterExpression *filter_ = nullptr; ///< null when every record passes
    const PayloadJson *payloads_ = nullptr; ///< request_.payloads when filtering
    FilterStep filterStep_ = FilterStep::None;
    /// Destroys each read once its records are copied (declared after the handle: it goes first).
    kafka::MessageReleaser releaser_;
    kafka::KafkaError error_;
    uint64_t scanned_ = 0;
    uint64_t delivered_ = 0;
    uint64_t bytes_ = 0;
    uint64_t wakeups_ = 0;
    bool finished_ = false;
    bool paused_ = false;
    bool tracksEnd_ = false;
    bool wakesFetchers_ = false; ///< librdkafka < 2.2: no fetch.queue.backoff.ms
};

} // namespace edis::inspect
