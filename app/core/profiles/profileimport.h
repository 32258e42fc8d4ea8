#pragma once

// Profiles from what users already have: an Azure Event Hubs connection string, a Java
// client.properties file, a kcat/librdkafka config file, and presets for hosted services.

#include "profiles/connectionprofile.h"

#include <QString>
#include <QStringList>

namespace edis::profiles {

struct ImportedProfile {
    ConnectionProfile profile;
    ProfileSecrets secrets;
    QStringList warnings; ///< what could not be carried over, in words
    QString error; ///< set when nothing usable was found
    bool ok() const { return error.isEmpty(); }
};

/// A new profile for a broker kind with the settings its vendor recommends.
ConnectionProfile preset(BrokerKind kind);

/// "Endpoint=sb://NS.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…" →
/// NS.servicebus.windows.net:9093, SASL_SSL, PLAIN, user "$ConnectionString", the string as password.
ImportedProfile fromEventHubsConnectionString(const QString &connectionString);

/// A Java client's properties file (bootstrap.servers, security.protocol, sasl.mechanism,
/// sasl.jaas.config, ssl.truststore.*…).
ImportedProfile fromJavaProperties(const QString &text);

/// A kcat / librdkafka configuration file (librdkafka property names).
ImportedProfile fromKcatConfig(const QString &text);

} // namespace edis::profiles
