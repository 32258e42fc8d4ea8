#pragma once

// RAII owners for librdkafka's C handles, so no code path leaks one on an early return.
// Internal to edis_core (see kafka/rdkafkafwd.h): included from .cpp files only.

#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/rdkafkafwd.h"

#include <librdkafka/rdkafka.h>

#include <QString>

#include <memory>
#include <string>

namespace edis::kafka {

struct RdKafkaDeleter {
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

using ConfHandle = std::unique_ptr<rd_kafka_conf_t, RdKafkaDeleter>;
using PartitionListHandle = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using MetadataHandle = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using EventHandle = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using AdminOptionsHandle = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using MessageHandle = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;

/// Builds a librdkafka configuration from the settings. On failure returns null and sets
/// `error` to a message naming the property that was refused.
ConfHandle buildConf(const ConnectionSettings &settings, QString *error);

/// Sets one property on a configuration; returns librdkafka's message on failure.
bool setConfProperty(rd_kafka_conf_t *conf, const std::string &key, const std::string &value, QString *error);

/// Converts librdkafka's metadata into the plain, sorted snapshot the rest of the code uses.
ClusterMetadata toClusterMetadata(const rd_kafka_metadata_t &md);

} // namespace edis::kafka
