#pragma once

// `edis consume`'s options, read into a request that a test can check without a broker.

#include "consumerequest.h"
#include "kafka/connectionsettings.h"

#include <QCommandLineParser>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

namespace edis::cli {

/// kafka-console-consumer's formatter properties (print.key=true, …), told apart from client
/// properties, which go to librdkafka.
struct ConsumeOutput {
    bool printKey = false;
    bool printValue = true;
    bool printTimestamp = false;
    bool printPartition = false;
    bool printOffset = false;
    bool printHeaders = false;
    std::string keySeparator = "\t";
    std::string lineSeparator = "\n";
    std::string nullLiteral = "null";
    enum class Format { Text, Json, KcatJson } format = Format::Text;
};

struct ConsumeCommand {
    /// The topic, start, stop conditions and filter; its connection is left to the caller.
    inspect::ConsumeRequest request;
    ConsumeOutput output;
    /// Exit when no record arrived for this long; -1: wait for ever.
    int64_t idleTimeoutMs = -1;
};

/// --topic, the start (--from-beginning, --offset, --timestamp, --last), --partition, the stop
/// conditions (--max-messages, --until-end, --stop-at-timestamp, --timeout-ms), --filter, --format.
void addConsumeOptions(QCommandLineParser &parser);

/// Reads the options addConsumeOptions() added from a parsed `parser`. The formatter's
/// properties (print.key, key.separator, …) are not librdkafka's: they are taken out of
/// `connection->properties`. On a bad value: nullopt, and `*error` names the option and says
/// what it expects.
std::optional<ConsumeCommand> consumeCommandFromOptions(
    const QCommandLineParser &parser, kafka::ConnectionSettings *connection, QString *error);

} // namespace edis::cli
