#pragma once

#include "kafka/rdkafkahandles.h"

#include <QString>

#include <map>
#include <string>

namespace edis::kafka {

/// What is needed to reach one Kafka-protocol cluster. A plain value: it crosses threads freely.
struct ConnectionSettings {
    QString displayName;
    QString bootstrapServers;
    /// librdkafka properties beyond bootstrap.servers (security.protocol, sasl.*, ssl.*, ...).
    std::map<std::string, std::string> properties;
    /// True when this is the embedded sandbox, whose mock broker serves no admin requests.
    bool isSandbox = false;
    /// Set from a read-only profile: every request that changes the cluster is refused.
    bool readOnly = false;

    bool operator==(const ConnectionSettings &) const = default;
};

/// Builds a librdkafka configuration from the settings. On failure returns null and sets
/// `error` to a message naming the property that was refused.
ConfHandle buildConf(const ConnectionSettings &settings, QString *error);

/// Sets one property on a configuration; returns librdkafka's message on failure.
bool setConfProperty(rd_kafka_conf_t *conf, const std::string &key, const std::string &value, QString *error);

} // namespace edis::kafka
