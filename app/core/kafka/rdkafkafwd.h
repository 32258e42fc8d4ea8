#pragma once

// librdkafka's opaque handle types, declared (not defined) so that a pointer to one can cross a
// public header of app/core/kafka without librdkafka's header: edis_core links librdkafka
// privately, and only app/core/kafka and the .cpp files of edis_core include it
// (kafka/internal/rdkafkahandles.h). Each name is the struct behind librdkafka's typedef
// (rd_kafka_t is struct rd_kafka_s, ...), so both spellings are one type.

#include <memory>

struct rd_kafka_s; // rd_kafka_t: a client handle
struct rd_kafka_conf_s; // rd_kafka_conf_t: a configuration before rd_kafka_new
struct rd_kafka_message_s; // rd_kafka_message_t: a consumed message
struct rd_kafka_topic_s; // rd_kafka_topic_t: a topic of a handle

namespace edis::kafka {

/// Forgets the client's traffic statistics (kafka/clienttraffic.h), then destroys it.
struct ClientDeleter {
    void operator()(rd_kafka_s *rk) const;
};

/// Owns a librdkafka client handle.
using KafkaHandle = std::unique_ptr<rd_kafka_s, ClientDeleter>;

} // namespace edis::kafka
