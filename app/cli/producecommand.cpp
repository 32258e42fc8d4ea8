// edis produce: kafka-console-producer — one record per line of stdin — or records built from
// templates ({{i}}, {{uuid}}, {{now}}), at a rate if asked, through the produce dialog's loop.

#include "clicommon.h"
#include "kafka/producer.h"
#include "produceoptions.h"
#include "recordsender.h"
#include "registry/registryclient.h"
#include "registry/schemacache.h"
#include "registryencoder.h"
#include "registryoptions.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <csignal>
#include <iostream>
#include <string>

namespace edis::cli {

namespace {

using namespace std::chrono_literals;

// The queued records get at least this long to be delivered, whatever --timeout says: --timeout
// is about reaching the cluster, and a large send legitimately takes longer to drain.
constexpr std::chrono::milliseconds kMinFlushTimeout = 30s;

std::atomic<bool> interrupted {false};

void onInterrupt(int signal)
{
    interrupted = true;
    std::signal(signal, SIG_DFL); // a second Ctrl+C ends the process without waiting
}

QString tr(const char *text)
{
    return QCoreApplication::translate("edis produce", text);
}

/// One record per line of standard input; sets `*badLine` and ends at a line parse.key refuses.
inspect::OutgoingRecords stdinRecords(const ProduceRequest &request, quint64 *badLine)
{
    std::ios::sync_with_stdio(false);
    return
        [&request, badLine, line = std::string()](quint64 sequence, kafka::OutgoingMessage *record) mutable {
            if (!std::getline(std::cin, line)) {
                return false;
            }
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            *record = request.base;
            std::string value = line;
            if (request.parseKey) {
                const auto at = line.find(request.keySeparator);
                if (at == std::string::npos) {
                    *badLine = sequence + 1;
                    return false;
                }
                const std::string key = line.substr(0, at);
                value = line.substr(at + request.keySeparator.size());
                if (request.nullMarker.empty() || key != request.nullMarker) {
                    record->key = QByteArray::fromStdString(key);
                }
            }
            if (request.nullMarker.empty() || value != request.nullMarker) {
                record->value = QByteArray::fromStdString(value);
            }
            return true;
        };
}

/// The key and value encoders the request asks for, prepared against the registry (the event
/// loop runs until both are ready or one fails). Returns an exit code.
int prepareEncoders(const QCommandLineParser &parser, const ProduceRequest &request,
    inspect::RecordEncoders *encoders, std::unique_ptr<registry::RegistryClient> *client,
    std::unique_ptr<registry::SchemaCache> *cache)
{
    if (!request.keySchema.isSet() && !request.valueSchema.isSet()) {
        return ExitOk;
    }
    QString error;
    const auto settings = registryFromOptionsOrProfile(parser, &error);
    if (!settings) {
        printError(error.isEmpty() ? tr("Encoding with a schema needs --schema-registry URL or a --profile "
                                        "whose connection has a Schema Registry.")
                                   : error);
        return ExitUsage;
    }
    *client = std::make_unique<registry::RegistryClient>(*settings);
    *cache = std::make_unique<registry::SchemaCache>(client->get());
    int exitCode = ExitOk;
    QEventLoop loop;
    inspect::prepareRecordEncoders(**client, **cache, request.keySchema, request.valueSchema,
        [&](const inspect::PreparedEncoders &prepared) {
            *encoders = prepared.encoders;
            if (!prepared.error.ok()) {
                const registry::RegistryError &e = prepared.error;
                printError(tr("The %1 schema: %2").arg(prepared.field, e.message));
                exitCode = e.isNotFound()                                      ? ExitNotFound
                    : e.kind == registry::RegistryError::Kind::InvalidSettings ? ExitUsage
                    : e.kind == registry::RegistryError::Kind::InvalidSchema   ? ExitBadInput
                    : e.isTransient() || e.kind == registry::RegistryError::Kind::Unauthorized
                        || e.kind == registry::RegistryError::Kind::Forbidden
                    ? ExitConnection
                    : ExitFailure;
            }
            loop.quit();
        });
    loop.exec();
    return exitCode;
}

/// The reason a record failed, naming the topic when it does not exist (the broker's own words,
/// "Unknown topic or partition", leave the user to guess which).
QString reasonFor(const kafka::KafkaError &error, const ProduceRequest &request)
{
    if (error.kind == kafka::KafkaError::Kind::UnknownTopic) {
        return tr("Topic '%1' does not exist.").arg(QString::fromStdString(request.base.topic));
    }
    return error.message;
}

/// Opens the producer and checks the topic (and --partition) before a record is read: a missing
/// topic is told at once, not after message.timeout.ms (30 s) of retrying. Returns an exit code.
int openFor(kafka::Producer &producer, const kafka::ConnectionSettings &settings,
    const ProduceRequest &request, std::chrono::milliseconds timeout)
{
    if (const auto e = producer.open(settings, {{"linger.ms", "5"}})) {
        printError(e.message);
        return exitCodeFor(e);
    }
    kafka::Deadline deadline(timeout);
    const auto topic = producer.topicMetadata(QString::fromStdString(request.base.topic), deadline);
    if (!topic.ok()) {
        printError(reasonFor(topic.error, request));
        return exitCodeFor(topic.error);
    }
    if (request.base.partition >= topic.value.partitions.size()) {
        printError(tr("Topic '%1' has %2 partition(s); there is no partition %3.")
                       .arg(topic.value.name)
                       .arg(topic.value.partitions.size())
                       .arg(request.base.partition));
        return ExitNotFound;
    }
    return ExitOk;
}

/// Waits for the delivery reports and turns the outcome into an exit code. `unit` names what a
/// record was made from ("Line", "Record"), for the message about one that could not be queued.
int finish(kafka::Producer &producer, const ProduceRequest &request, const inspect::SendOutcome &outcome,
    std::chrono::milliseconds timeout, const QString &unit)
{
    if (outcome.error) {
        printError(QStringLiteral("%1 %2: %3")
                       .arg(unit)
                       .arg(outcome.queued + 1)
                       .arg(reasonFor(outcome.error, request)));
        producer.flush(timeout);
        return exitCodeFor(outcome.error);
    }
    const kafka::KafkaError flushed = producer.flush(std::max(timeout, kMinFlushTimeout));
    if (flushed.isError() || producer.failed() > 0 || producer.delivered() != outcome.queued) {
        printError(tr("%1 of %2 records were not delivered: %3")
                       .arg(outcome.queued - producer.delivered())
                       .arg(outcome.queued)
                       .arg(reasonFor(flushed.isError() ? flushed : producer.firstFailure(), request)));
        return flushed.isError() ? std::max<int>(ExitFailure, exitCodeFor(flushed)) : ExitFailure;
    }
    return ExitOk;
}

} // namespace

int runProduce(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sends each line of standard input as a record (like kafka-console-producer), or --count "
           "records built from the --value and --key templates. --rate paces either. With --property "
           "parse.key=true a line is key<key.separator>value (separator default: tab). Exits non-zero "
           "when any record was not delivered."));
    addConnectionOptions(parser);
    addProduceOptions(parser);
    addRegistryOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    kafka::ConnectionSettings settings;
    if (!connectionFromOptions(parser, &settings)) {
        return ExitUsage;
    }
    QString error;
    const std::optional<ProduceRequest> request = produceRequestFromOptions(parser, &settings, &error);
    if (!request) {
        printError(error);
        return ExitUsage;
    }

    // The schemas first: a subject that does not exist is told before anything is sent.
    inspect::RecordEncoders encoders;
    std::unique_ptr<registry::RegistryClient> registryClient;
    std::unique_ptr<registry::SchemaCache> schemaCache;
    if (const int prepared = prepareEncoders(parser, *request, &encoders, &registryClient, &schemaCache);
        prepared != ExitOk) {
        return prepared;
    }
    kafka::Producer producer;
    const auto encodeFailure = std::make_shared<inspect::EncodeFailure>();
    const auto withEncoding = [&](inspect::OutgoingRecords records) {
        return encoders.any() ? inspect::encodedRecords(std::move(records), encoders, encodeFailure)
                              : records;
    };
    const auto encodingFailed = [&](const QString &unit) {
        if (encodeFailure->record == 0) {
            return false;
        }
        printError(QStringLiteral("%1 %2: %3; not sent.")
                       .arg(unit)
                       .arg(encodeFailure->record)
                       .arg(encodeFailure->reason));
        producer.flush(std::max(timeoutFromOptions(parser), kMinFlushTimeout));
        return true;
    };

    if (const int opened = openFor(producer, settings, *request, timeoutFromOptions(parser));
        opened != ExitOk) {
        return opened;
    }
    inspect::SendOptions options;
    options.perSecond = request->perSecond;
    if (request->fromTemplates) {
        // Only here: a Ctrl+C while stdin is read would wait for the next line to be seen.
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
        const auto outcome = inspect::sendRecords(producer,
            withEncoding(inspect::templatedRecords(request->base, request->count)), options, interrupted);
        if (encodingFailed(tr("Record"))) {
            return ExitBadInput;
        }
        return finish(producer, *request, outcome, timeoutFromOptions(parser), tr("Record"));
    }
    quint64 badLine = 0;
    const auto outcome = inspect::sendRecords(
        producer, withEncoding(stdinRecords(*request, &badLine)), options, interrupted);
    if (encodingFailed(tr("Line"))) {
        return ExitBadInput;
    }
    if (badLine > 0) {
        printError(tr("Line %1 has no key separator '%2'; record not sent.")
                       .arg(badLine)
                       .arg(QString::fromStdString(request->keySeparator)));
        producer.flush(timeoutFromOptions(parser));
        return ExitUsage;
    }
    return finish(producer, *request, outcome, timeoutFromOptions(parser), tr("Line"));
}

} // namespace edis::cli
