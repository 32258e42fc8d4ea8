#pragma once

// A producer that counts delivery reports: what import and `edis produce` need to tell the
// user, at the end, whether every record reached the broker.

#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "kafka/outgoingmessage.h"
#include "kafka/rdkafkahandles.h"

#include <chrono>
#include <map>
#include <string>

namespace edis::inspect {

class RecordProducer {
public:
    RecordProducer() = default;
    RecordProducer(const RecordProducer &) = delete;
    RecordProducer &operator=(const RecordProducer &) = delete;

    /// `extra` overrides producer properties (linger.ms, batch.size, acks, …).
    kafka::KafkaError open(
        const kafka::ConnectionSettings &settings, const std::map<std::string, std::string> &extra = {});
    /// Queues a record; waits for room when the local queue is full.
    kafka::KafkaError produce(const kafka::OutgoingMessage &message);
    /// Waits until every queued record is delivered or failed, or the timeout passes.
    /// Returns the first delivery failure (or a timeout when records are still in flight).
    kafka::KafkaError flush(std::chrono::milliseconds timeout);

    uint64_t delivered() const { return delivered_; }
    uint64_t failed() const { return failed_; }
    const kafka::KafkaError &firstFailure() const { return firstFailure_; }
    /// Partition count of a topic (from metadata), or -1 when unknown.
    int partitionCount(const std::string &topic, std::chrono::milliseconds timeout);
    rd_kafka_t *handle() const { return producer_.get(); }

private:
    static void onDelivery(rd_kafka_t *rk, const rd_kafka_message_t *message, void *opaque);

    kafka::KafkaHandle producer_;
    kafka::ErrorCollector errors_;
    uint64_t delivered_ = 0;
    uint64_t failed_ = 0;
    kafka::KafkaError firstFailure_;
};

} // namespace edis::inspect
