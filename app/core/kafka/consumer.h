#pragma once

// A librdkafka consumer handle with assigned partitions (no subscription, no group join), for
// readers of records (the inspector, the CLI's consume). The requests that wait on a broker
// (metadata, watermarks, offsets for times: kafka/metadata.h, kafka/offsets.h) take a stop token
// and return within milliseconds of a stop, whatever the broker does. Those calls look at their
// stop flag only between slices, and a slice grows to 1 s while the broker is connected but
// silent (a frozen broker: no connection error is ever seen), so each runs on a helper thread
// (util::BackgroundWorker) while the caller waits for its answer or the stop. A request cut short
// keeps the handle alive until its slice ends; the handle is then closed and destroyed on that
// helper thread.
//
// Not thread-safe: one thread owns it, like the handle.

#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/deadline.h"
#include "kafka/kafkaerror.h"
#include "kafka/offsets.h"
#include "kafka/rdkafkafwd.h"

#include <QByteArray>
#include <QList>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace edis::kafka {

/// The fields of a consumed message (librdkafka's rd_kafka_message_t) that a reader uses. The
/// pointers are valid until the message is destroyed.
struct ConsumedMessage {
    /// Set for an event (ErrorCode::kPartitionEof) or a failure, not a record.
    int error = ErrorCode::kNoError;
    const rd_kafka_topic_s *topic = nullptr; ///< the same for every message of one topic
    int32_t partition = -1;
    int64_t offset = -1;
    const char *key = nullptr; ///< null: a null key
    std::size_t keyLength = 0;
    const char *value = nullptr; ///< null: a null value (a tombstone)
    std::size_t valueLength = 0;
};

class Consumer {
public:
    using Property = std::pair<std::string, std::string>;
    struct Options {
        /// Set whatever the connection says.
        std::vector<Property> fixed;
        /// Set unless the connection sets them; refused ones fail create().
        std::vector<Property> defaults;
        /// Set unless the connection sets them; ones this librdkafka does not know are skipped
        /// (see skipped()).
        std::vector<Property> optional;
        /// A throwaway group id unless the connection has one: librdkafka wants one for assign().
        QString groupIdPrefix = QStringLiteral("edis-");
        /// Bytes/s for the throughput page (kafka::ClientTraffic).
        bool trackTraffic = true;
    };

    static std::unique_ptr<Consumer> create(
        const ConnectionSettings &settings, const Options &options, KafkaError *error);
    /// Closes the consumer here, or on the helper thread of a request cut short (see above).
    ~Consumer();
    Consumer(const Consumer &) = delete;
    Consumer &operator=(const Consumer &) = delete;

    /// Optional properties this librdkafka does not know (left at its default).
    const std::vector<std::string> &skipped() const { return skipped_; }

    /// The topic's partitions and leaders (a topic created a moment ago is given time to settle:
    /// see kafka::fetchTopicMetadata). Kind::Cancelled when `stop` comes first.
    Result<TopicInfo> topicMetadata(
        const QString &topic, std::chrono::milliseconds timeout, const std::stop_token &stop);
    /// Low and high watermarks of `partitions` (same order), batched per leader; partitions whose
    /// leader is not elected yet are asked again until the timeout.
    Result<QList<PartitionWatermarks>> watermarks(const QList<TopicPartitionRef> &partitions,
        std::chrono::milliseconds timeout, const std::stop_token &stop);
    /// The first offset at or after `timestampMs` in each of `partitions` (-1: none).
    Result<QList<PartitionOffset>> offsetsForTimes(const QList<TopicPartitionRef> &partitions,
        int64_t timestampMs, std::chrono::milliseconds timeout, const std::stop_token &stop);
    /// The range librdkafka last heard of in fetch responses (no request); false while unknown.
    bool cachedWatermarks(const QByteArray &topic, int32_t partition, int64_t *low, int64_t *high) const;
    /// Sends a watermark request to `partition`'s leader and waits at most kPokeWait for it: the
    /// request wakes that broker's thread (see MessageConsumer::wakeStalledFetchers()).
    void poke(const QByteArray &topic, int32_t partition);
    static constexpr std::chrono::milliseconds kPokeWait {100};

    /// One partition, and where reading it starts (for assign()).
    struct PartitionAt {
        QByteArray topic;
        int32_t partition = -1;
        int64_t offset = kInvalidOffset;
    };
    /// Reads exactly these partitions from their offsets (no group: nothing is committed).
    KafkaError assign(const std::vector<PartitionAt> &partitions);
    /// Stops (resumes) fetching these partitions; their offsets are ignored.
    void pause(const std::vector<PartitionAt> &partitions);
    void resume(const std::vector<PartitionAt> &partitions);

    /// Records waiting in the consumer queue (after assign()).
    std::size_t queued() const;
    /// Up to `max` records, waiting at most `wait` (librdkafka's batch read of the queue).
    ssize_t consumeBatch(std::chrono::milliseconds wait, rd_kafka_message_s **out, std::size_t max);
    /// Serves librdkafka's callbacks (errors into errors()).
    void serveCallbacks();
    const ErrorCollector &errors() const;

    // What a consumed message says.
    static ConsumedMessage fieldsOf(const rd_kafka_message_s *message);
    enum class TimestampKind { NotAvailable, CreateTime, LogAppendTime };
    static int64_t timestampOf(const rd_kafka_message_s *message, TimestampKind *kind);
    static const char *topicOf(const rd_kafka_message_s *message);
    static int32_t brokerOf(const rd_kafka_message_s *message);
    static QString errorOf(const rd_kafka_message_s *message);
    /// Errors of a consumed message after which reading cannot go on; others (a broker
    /// restarting) are retried by librdkafka.
    static bool endsReading(int error);
    /// Calls `header(name, value, size)` for each header (value null for a null header). Parses
    /// them on first use: librdkafka allocates then, even when there are none.
    template <typename Header>
    static void forEachHeader(const rd_kafka_message_s *message, Header &&header)
    {
        forEachHeaderOf(message, &visitHeader<std::remove_reference_t<Header>>, &header);
    }

private:
    using HeaderVisitor = void (*)(void *context, const char *name, const void *value, std::size_t size);
    static void forEachHeaderOf(const rd_kafka_message_s *message, HeaderVisitor visit, void *context);
    template <typename Header>
    static void visitHeader(void *context, const char *name, const void *value, std::size_t size)
    {
        (*static_cast<Header *>(context))(name, value, size);
    }

    struct Handle;
    explicit Consumer(std::shared_ptr<Handle> handle);
    template <typename Value>
    using Call = std::function<Result<Value>(rd_kafka_s *rk, ErrorCollector &errors, Deadline &deadline)>;
    template <typename Value>
    Result<Value> interruptibly(
        const Call<Value> &call, std::chrono::milliseconds timeout, const std::stop_token &stop);

    std::shared_ptr<Handle> handle_;
    std::vector<std::string> skipped_;
};

} // namespace edis::kafka
