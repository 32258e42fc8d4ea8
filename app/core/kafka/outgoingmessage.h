#pragma once

#include "kafka/kafkaerror.h"
#include "kafka/rdkafkafwd.h"

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace edis::kafka {

/// The partition of a record left to the producer's partitioner (librdkafka's
/// RD_KAFKA_PARTITION_UA, checked in outgoingmessage.cpp).
inline constexpr int32_t kAnyPartition = -1;

/// A record to produce. Null key and null value (tombstone) are distinct from empty ones.
struct OutgoingMessage {
    std::string topic;
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    std::vector<std::pair<std::string, QByteArray>> headers;
    int64_t timestampMs = 0; ///< 0: let the client stamp it
    int32_t partition = kAnyPartition;
};

/// Queues `message` on a producer handle (copying the bytes). Delivery is reported through the
/// handle's delivery callback as usual.
KafkaError produceMessage(rd_kafka_s *producer, const OutgoingMessage &message);

} // namespace edis::kafka
