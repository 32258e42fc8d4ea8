#pragma once

// One way to create a librdkafka handle from connection settings: EDIS's properties on top of
// the user's, the error collector, the traffic statistics for the throughput page, then
// rd_kafka_new. The handle forgets its traffic registration when destroyed (KafkaHandle).

#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "kafka/rdkafkafwd.h"

#include <functional>
#include <map>
#include <string>

namespace edis::kafka {

enum class HandleRole { Producer, Consumer };

struct HandleOptions {
    HandleRole role = HandleRole::Producer;
    /// Set after the connection's own properties: what this client needs (client.id,
    /// isolation.level, ...). reconnect.backoff.max.ms is kReconnectBackoffMaxMs unless the
    /// connection or these set it.
    std::map<std::string, std::string> properties;
    /// Receives the handle's error_cb (and sets the conf's opaque); must outlive the handle.
    ErrorCollector *errors = nullptr;
    /// Statistics for the throughput page: the handle counts for trafficKey(settings) in
    /// ClientTraffic from its creation until its KafkaHandle destroys it.
    bool countTraffic = false;
    /// Last say on the configuration (own callbacks, own opaque) before rd_kafka_new.
    std::function<void(rd_kafka_conf_s *)> configure;
};

/// A new handle, or null with `error` set (Kind::InvalidSettings, naming the refused property).
KafkaHandle createHandle(const ConnectionSettings &settings, const HandleOptions &options, KafkaError *error);

} // namespace edis::kafka
