#pragma once

#include "kafka/connectionsettings.h"
#include "kafka/kafkaclient.h"
#include "kafka/kafkaerror.h"
#include "registry/registrysettings.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>

namespace edis::cli {

/// Exit codes scripts can rely on.
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1, ///< the request reached the cluster and failed
    ExitUsage = 2, ///< wrong flags
    ExitConnection = 3, ///< the cluster could not be reached (DNS, refused, TLS, auth, timeout)
    ExitNotFound = 4, ///< the named topic/group (subject, version, schema id) does not exist
    ExitIncompatible = 5, ///< a registry refuses the schema under the subject's compatibility level
    ExitBadInput = 6, ///< an input file is unreadable, too large or not what it should be
};

/// Adds --bootstrap-server, --command-config-like --property k=v, and --timeout.
void addConnectionOptions(QCommandLineParser &parser);
/// Reads them back; returns false (with a message on stderr) when they are incomplete.
bool connectionFromOptions(const QCommandLineParser &parser, kafka::ConnectionSettings *settings);
std::chrono::milliseconds timeoutFromOptions(const QCommandLineParser &parser);
/// The connection options, then a client for them. On failure: nullptr, the message on stderr,
/// and `*exitCode` set (ExitUsage for incomplete options, else exitCodeFor the error).
std::unique_ptr<kafka::KafkaClient> clientFromOptions(const QCommandLineParser &parser, int *exitCode);

/// The Schema Registry of a saved connection (name or id), its secret from the keychain or from
/// EDIS_SCHEMA_REGISTRY_SECRET. nullopt with `*error` empty when the profile has no registry;
/// nullopt with `*error` set when the profile is missing or its registry secret cannot be had.
std::optional<registry::RegistrySettings> registryFromProfile(const QString &nameOrId, QString *error);

/// Maps an error to the exit code its kind deserves.
int exitCodeFor(const kafka::KafkaError &error);

void printError(const QString &message);
void printOut(const QString &text);

/// Parses argv of a sub-command; handles --help. Returns false when the command must exit with
/// `*exitCode`.
bool parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);

/// Runs one asynchronous call to its answer: `call` gets a callback for the Answer and the event
/// loop spins until it came (the client's own timeout bounds the wait).
template <typename Answer, typename Call>
Answer awaitAnswer(Call call)
{
    std::optional<Answer> answer;
    QEventLoop loop;
    call([&answer, &loop](const Answer &result) {
        answer = result;
        loop.quit();
    });
    if (!answer) {
        loop.exec();
    }
    return *answer;
}

} // namespace edis::cli
