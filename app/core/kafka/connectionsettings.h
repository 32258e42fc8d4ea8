#pragma once

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

/// Whether librdkafka accepts the settings as a client configuration (what every client built
/// from them starts with). On failure sets `error` to a message naming the refused property.
bool acceptsSettings(const ConnectionSettings &settings, QString *error);

/// Whether librdkafka knows the property `key` and accepts `value` for it.
bool isClientProperty(const std::string &key, const std::string &value);

} // namespace edis::kafka
