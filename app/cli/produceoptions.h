#pragma once

// `edis produce`'s options, read into a request that a test can check without a broker.

#include "kafka/connectionsettings.h"
#include "kafka/outgoingmessage.h"
#include "registryencoder.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>
#include <string>

namespace edis::cli {

/// Far above what one producer reaches, so a larger --rate could only mean "unpaced"; the bound
/// also keeps the pacer's catch-up burst (a second's worth of records) a sane number.
inline constexpr double kMaxRecordsPerSecond = 10'000'000;

struct ProduceRequest {
    /// Topic, headers and partition of every record; with --value, key and value are templates.
    kafka::OutgoingMessage base;
    /// Records from the --value (and --key) templates, not from standard input.
    bool fromTemplates = false;
    quint64 count = 1; ///< template records to send; 0: until interrupted (only with a rate)
    double perSecond = 0; ///< 0: as fast as the broker takes them
    // Standard input, one record per line, read as kafka-console-producer reads it:
    bool parseKey = false;
    std::string keySeparator = "\t";
    std::string nullMarker;
    /// Encode keys / values (given as JSON) with these registry schemas; unset: send as given.
    inspect::SchemaChoice keySchema;
    inspect::SchemaChoice valueSchema;
};

/// --topic, --header, --partition, --value, --key, --count, --rate, and the schemas to encode
/// with: --value-subject, --value-version, --value-schema-id, --value-message (and --key-…).
void addProduceOptions(QCommandLineParser &parser);

/// Reads the options addProduceOptions() added from a parsed `parser`. The line reader's
/// properties (parse.key, key.separator, null.marker) are not librdkafka's: they are taken out
/// of `connection->properties`. On a bad value: nullopt, and `*error` names the option and says
/// what it expects.
std::optional<ProduceRequest> produceRequestFromOptions(
    const QCommandLineParser &parser, kafka::ConnectionSettings *connection, QString *error);

} // namespace edis::cli
