#pragma once

// The one producer over librdkafka (habit 11): import, `edis produce`, the produce dialog, the
// tests and the benches send through it. It counts delivery reports, so that a caller can tell
// the user at the end whether every record reached the broker, and every wait in it ends early
// when the caller's stop flag is set.

#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/deadline.h"
#include "kafka/kafkaerror.h"
#include "kafka/outgoingmessage.h"
#include "kafka/rdkafkafwd.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace edis::kafka {

class Producer {
public:
    Producer() = default;
    /// Purges what is still queued: records nobody waits for any more are dropped on purpose,
    /// instead of rd_kafka_destroy() warning that it terminates with them ("use flush()").
    ~Producer();
    Producer(const Producer &) = delete;
    Producer &operator=(const Producer &) = delete;

    /// `extra` overrides producer properties (linger.ms, batch.size, acks, …). The producer's
    /// bytes/s count on the throughput page (kafka::ClientTraffic) for the cluster it writes to.
    KafkaError open(const ConnectionSettings &settings, const std::map<std::string, std::string> &extra = {});
    bool isOpen() const { return bool(producer_); }

    /// Queues a record (its bytes are copied). When the local queue is full it serves delivery
    /// reports until there is room, or until `stop` is set (then Kind::Cancelled).
    KafkaError produce(const OutgoingMessage &message, const std::atomic<bool> *stop = nullptr);
    /// Serves delivery reports and statistics, waiting up to `wait` for the first one.
    void poll(std::chrono::milliseconds wait = std::chrono::milliseconds(0));
    /// Waits until every queued record is delivered or failed, the timeout passes, or `stop` is
    /// set. Returns the first delivery failure, else a timeout (or, when stopped, Kind::Cancelled)
    /// that says how many records are still in flight.
    KafkaError flush(std::chrono::milliseconds timeout, const std::atomic<bool> *stop = nullptr);
    /// Drops the records not yet delivered (they count as failed): for a sender that is closing
    /// and must not wait for an unreachable broker.
    void purge();

    /// Records queued that have no delivery report yet (counted here: rd_kafka_outq_len()
    /// also counts the client's own events, such as errors nobody polled yet).
    uint64_t inFlight() const { return queued_ - delivered_ - failed_; }
    uint64_t delivered() const { return delivered_; }
    uint64_t failed() const { return failed_; }
    const KafkaError &firstFailure() const { return firstFailure_; }
    /// Partition count of a topic (from metadata), or -1 when unknown.
    int partitionCount(const std::string &topic, std::chrono::milliseconds timeout);
    /// The topic's partitions, asked for on this handle (kafka::fetchTopicMetadata): a broker that
    /// auto-creates topics creates it, as a first record would; otherwise a topic that does not
    /// exist fails at once with Kind::UnknownTopic instead of after message.timeout.ms.
    Result<TopicInfo> topicMetadata(const QString &topic, Deadline &deadline);

private:
    static void onDelivery(rd_kafka_s *rk, const rd_kafka_message_s *message, void *opaque);

    KafkaHandle producer_;
    ErrorCollector errors_;
    uint64_t queued_ = 0;
    // Written by the delivery callback, which runs in poll()/flush() on the owner's thread.
    uint64_t delivered_ = 0;
    uint64_t failed_ = 0;
    KafkaError firstFailure_;
};

} // namespace edis::kafka
