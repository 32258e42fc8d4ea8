#pragma once

#include "kafka/connectionsettings.h"
#include "kafka/kafkaclient.h"
#include "kafka/kafkaerror.h"

#include <QCommandLineParser>
#include <QStringList>

#include <chrono>
#include <memory>

namespace edis::cli {

/// Exit codes scripts can rely on.
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1, ///< the request reached the cluster and failed
    ExitUsage = 2, ///< wrong flags
    ExitConnection = 3, ///< the cluster could not be reached (DNS, refused, TLS, auth, timeout)
    ExitNotFound = 4, ///< the named topic/group does not exist
};

/// Adds --bootstrap-server, --command-config-like --property k=v, and --timeout.
void addConnectionOptions(QCommandLineParser &parser);
/// Reads them back; returns false (with a message on stderr) when they are incomplete.
bool connectionFromOptions(const QCommandLineParser &parser, kafka::ConnectionSettings *settings);
std::chrono::milliseconds timeoutFromOptions(const QCommandLineParser &parser);
/// The connection options, then a client for them. On failure: nullptr, the message on stderr,
/// and `*exitCode` set (ExitUsage for incomplete options, else exitCodeFor the error).
std::unique_ptr<kafka::KafkaClient> clientFromOptions(const QCommandLineParser &parser, int *exitCode);

/// Maps an error to the exit code its kind deserves.
int exitCodeFor(const kafka::KafkaError &error);

void printError(const QString &message);
void printOut(const QString &text);

/// Parses argv of a sub-command; handles --help. Returns false when the command must exit with
/// `*exitCode`.
bool parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);

} // namespace edis::cli
