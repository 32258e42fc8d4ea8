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
struct Encoders {
    inspect::SchemaEncoderPtr key;
    inspect::SchemaEncoderPtr value;
    bool any() const { return key || value; }
};

int prepareEncoders(const QCommandLineParser &parser, const ProduceRequest &request, Encoders *encoders,
    std::unique_ptr<registry::RegistryClient> *client, std::unique_ptr<registry::SchemaCache> *cache)
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
    for (auto [choice, target, what] : {std::tuple {&request.keySchema, &encoders->key, tr("key")},
             std::tuple {&request.valueSchema, &encoders->value, tr("value")}}) {
        if (!choice->isSet() || exitCode != ExitOk) {
            continue;
        }
        QEventLoop loop;
        inspect::prepareSchemaEncoder(**client, **cache, *choice,
            [&, target = target, what = what](const registry::Result<inspect::SchemaEncoderPtr> &prepared) {
                if (prepared.ok()) {
                    *target = prepared.value();
                } else {
                    const registry::RegistryError e = prepared.error();
                    printError(tr("The %1 schema: %2").arg(what, e.message));
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
    }
    return exitCode;
}

/// `records` with each non-null key and value encoded as the encoders say. A key or value that
/// does not fit its schema ends the records: `*failure` says why and `*failedAt` which record.
inspect::OutgoingRecords encodedRecords(
    inspect::OutgoingRecords records, const Encoders &encoders, QString *failure, quint64 *failedAt)
{
    return [records = std::move(records), encoders, failure, failedAt](
               quint64 sequence, kafka::OutgoingMessage *record) {
        if (!records(sequence, record)) {
            return false;
        }
        const auto encodeField = [&](const inspect::SchemaEncoder *encoder, std::optional<QByteArray> *field,
                                     const QString &what) {
            if (!encoder || !field->has_value()) {
                return true; // sent as it is; a null stays null (a tombstone)
            }
            const auto encoded = encoder->encode(std::string_view((*field)->constData(), (*field)->size()));
            if (!encoded) {
                *failure = tr("the %1 cannot be encoded with %2: %3")
                               .arg(what, encoder->describe(), encoded.error());
                *failedAt = sequence + 1;
                return false;
            }
            *field = encoded.value();
            return true;
        };
        return encodeField(encoders.key.get(), &record->key, tr("key"))
            && encodeField(encoders.value.get(), &record->value, tr("value"));
    };
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
    Encoders encoders;
    std::unique_ptr<registry::RegistryClient> registryClient;
    std::unique_ptr<registry::SchemaCache> schemaCache;
    if (const int prepared = prepareEncoders(parser, *request, &encoders, &registryClient, &schemaCache);
        prepared != ExitOk) {
        return prepared;
    }
    kafka::Producer producer;
    QString encodeFailure;
    quint64 encodeFailedAt = 0;
    const auto withEncoding = [&](inspect::OutgoingRecords records) {
        return encoders.any() ? encodedRecords(std::move(records), encoders, &encodeFailure, &encodeFailedAt)
                              : records;
    };
    const auto encodingFailed = [&](const QString &unit) {
        if (encodeFailedAt == 0) {
            return false;
        }
        printError(QStringLiteral("%1 %2: %3; not sent.").arg(unit).arg(encodeFailedAt).arg(encodeFailure));
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
