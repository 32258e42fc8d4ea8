#pragma once

// RAII owners for librdkafka's C handles, so no code path leaks one on an early return.

#include <librdkafka/rdkafka.h>

#include <memory>

namespace edis::kafka {

/// Drops a client from the traffic statistics (kafka/clienttraffic.h) before it is destroyed.
void forgetClientTraffic(rd_kafka_t *rk);

struct RdKafkaDeleter {
    void operator()(rd_kafka_t *rk) const
    {
        forgetClientTraffic(rk);
        rd_kafka_destroy(rk);
    }
    void operator()(rd_kafka_conf_t *conf) const { rd_kafka_conf_destroy(conf); }
    void operator()(rd_kafka_topic_partition_list_t *list) const
    {
        rd_kafka_topic_partition_list_destroy(list);
    }
    void operator()(const rd_kafka_metadata_t *md) const { rd_kafka_metadata_destroy(md); }
    void operator()(rd_kafka_queue_t *queue) const { rd_kafka_queue_destroy(queue); }
    void operator()(rd_kafka_event_t *event) const { rd_kafka_event_destroy(event); }
    void operator()(rd_kafka_AdminOptions_t *options) const { rd_kafka_AdminOptions_destroy(options); }
    void operator()(rd_kafka_message_t *message) const { rd_kafka_message_destroy(message); }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using ConfHandle = std::unique_ptr<rd_kafka_conf_t, RdKafkaDeleter>;
using PartitionListHandle = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using MetadataHandle = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using EventHandle = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using AdminOptionsHandle = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using MessageHandle = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;

} // namespace edis::kafka
