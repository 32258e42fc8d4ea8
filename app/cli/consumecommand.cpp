// edis consume: kafka-console-consumer over the inspector's consumer (assigned partitions, no
// consumer group), with the filter language and kcat -J output.

#include "clicommon.h"
#include "consumeoptions.h"
#include "decoderregistry.h"
#include "messageconsumer.h"
#include "messageexport.h"
#include "registry/registryclient.h"
#include "registry/schemacache.h"
#include "registryoptions.h"
#include "registrypayloaddecoder.h"
#include "schemaregistrydecoder.h"
#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis consume", text);
}

std::atomic<bool> interrupted {false};

void onSignal(int /*signal*/)
{
    interrupted = true;
}

using OutputOptions = ConsumeOutput;

void writeBytes(std::string &out, bool present, std::string_view bytes, const OutputOptions &o)
{
    if (present) {
        out.append(bytes);
    } else {
        out += o.nullLiteral;
    }
}

/// A key or value as the text format prints it: its bytes, or with a registry a framed one as its
/// decoded JSON on one line, like kafka-avro-console-consumer (the bytes when it does not decode,
/// the reason on standard error).
void writeField(std::string &out, bool present, std::string_view bytes, const OutputOptions &o,
    const inspect::RegistryPayloadDecoder *decoder, const inspect::MessageView &r, const QString &what)
{
    if (!decoder || !present || !decoder->recognises(bytes)) {
        writeBytes(out, present, bytes, o);
        return;
    }
    const auto decoded = decoder->decodeFramed(bytes, false);
    if (decoded.json) {
        out += *decoded.json;
        return;
    }
    printError(tr("Partition %1 offset %2: the %3 does not decode: %4")
                   .arg(r.partition())
                   .arg(r.offset())
                   .arg(what, decoded.error));
    writeBytes(out, present, bytes, o);
}

std::string textLine(
    const inspect::MessageView &r, const OutputOptions &o, const inspect::RegistryPayloadDecoder *decoder)
{
    std::string line;
    const auto sep = [&] { line += o.keySeparator; };
    if (o.printTimestamp) {
        const auto type = r.meta().timestampType;
        line += type == inspect::TimestampType::LogAppendTime ? "LogAppendTime:"
            : type == inspect::TimestampType::CreateTime      ? "CreateTime:"
                                                              : "NO_TIMESTAMP";
        if (type != inspect::TimestampType::NotAvailable) {
            line += std::to_string(r.timestamp());
        }
        sep();
    }
    if (o.printPartition) {
        line += "Partition:" + std::to_string(r.partition());
        sep();
    }
    if (o.printOffset) {
        line += "Offset:" + std::to_string(r.offset());
        sep();
    }
    if (o.printHeaders) {
        if (r.headerCount() == 0) {
            line += "NO_HEADERS";
        }
        bool first = true;
        r.forEachHeader([&](const inspect::HeaderRef &h) {
            if (!first) {
                line += ',';
            }
            first = false;
            line.append(h.name);
            line += ':';
            writeBytes(line, h.value.has_value(), h.value.value_or(std::string_view()), o);
            return true;
        });
        sep();
    }
    if (o.printKey) {
        writeField(line, r.hasKey(), r.key(), o, decoder, r, tr("key"));
        if (o.printValue) {
            sep();
        }
    }
    if (o.printValue) {
        writeField(line, r.hasValue(), r.value(), o, decoder, r, tr("value"));
    }
    line += o.lineSeparator;
    return line;
}

nlohmann::json bytesJson(bool present, std::string_view bytes)
{
    if (!present) {
        return nullptr;
    }
    return inspect::isValidUtf8(bytes) ? nlohmann::json(std::string(bytes)) : nlohmann::json();
}

/// A framed key or value decoded through the registry: `field` is its JSON, `<field>_schema_id`
/// the id, and when it cannot be decoded `<field>_error` says why and `<field>_b64` keeps the
/// bytes. False when the bytes are not framed (or there is no registry).
bool putDecoded(nlohmann::ordered_json &j, const std::string &field, bool present, std::string_view bytes,
    const inspect::RegistryPayloadDecoder *decoder)
{
    if (!decoder || !present || !decoder->recognises(bytes)) {
        return false;
    }
    const auto decoded = decoder->decodeFramed(bytes, false);
    if (decoded.json) {
        auto parsed = nlohmann::ordered_json::parse(*decoded.json, nullptr, false);
        j[field] = parsed.is_discarded() ? nlohmann::ordered_json(*decoded.json) : std::move(parsed);
    } else {
        j[field + "_b64"] = inspect::toBase64(bytes).toStdString();
        j[field + "_error"] = decoded.error.toStdString();
    }
    if (decoded.schemaId >= 0) {
        j[field + "_schema_id"] = decoded.schemaId;
    }
    if (!decoded.note.isEmpty()) {
        // Decoded, but something to know: not valid for its JSON Schema, fields not in the schema.
        j[field + "_warning"] = decoded.note.toStdString();
    }
    return true;
}

/// kcat -J with a registry, as kcat -s avro -J writes it: "key" and "payload" decoded,
/// "key_schema_id" / "value_schema_id", and "key_error" / "payload_error" for what does not decode.
std::string kcatJsonLine(const inspect::MessageView &r, const inspect::RegistryPayloadDecoder *decoder)
{
    std::string line = inspect::toKcatJson(r);
    if (!decoder
        || !((r.hasKey() && decoder->recognises(r.key()))
            || (r.hasValue() && decoder->recognises(r.value())))) {
        return line + "\n";
    }
    auto j = nlohmann::ordered_json::parse(line, nullptr, false);
    if (j.is_discarded()) {
        return line + "\n";
    }
    for (const auto &[field, present, bytes, idField] :
        {std::tuple {std::string("key"), r.hasKey(), r.key(), std::string("key_schema_id")},
            std::tuple {std::string("payload"), r.hasValue(), r.value(), std::string("value_schema_id")}}) {
        if (!present || !decoder->recognises(bytes)) {
            continue;
        }
        const auto decoded = decoder->decodeFramed(bytes, false);
        if (decoded.json) {
            auto parsed = nlohmann::ordered_json::parse(*decoded.json, nullptr, false);
            j[field] = parsed.is_discarded() ? nlohmann::ordered_json(*decoded.json) : std::move(parsed);
        } else {
            j[field + "_error"] = decoded.error.toStdString();
        }
        j[idField] = decoded.schemaId;
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

/// Our own JSON: the value embedded as JSON when it is JSON, with the decoder that was detected.
std::string jsonLine(const inspect::MessageView &r, const inspect::DecoderRegistry &registry,
    const inspect::RegistryPayloadDecoder *decoder)
{
    nlohmann::ordered_json j;
    j["topic"] = std::string(r.topic());
    j["partition"] = r.partition();
    j["offset"] = r.offset();
    j["timestamp"] = r.timestamp();
    nlohmann::ordered_json headers = nlohmann::ordered_json::object();
    r.forEachHeader([&](const inspect::HeaderRef &h) {
        headers[std::string(h.name)] = h.value && inspect::isValidUtf8(*h.value)
            ? nlohmann::ordered_json(std::string(*h.value))
            : (h.value ? nlohmann::ordered_json(inspect::toBase64(*h.value).toStdString())
                       : nlohmann::ordered_json());
        return true;
    });
    j["headers"] = headers;
    if (putDecoded(j, "key", r.hasKey(), r.key(), decoder)) {
    } else if (r.hasKey() && !inspect::isValidUtf8(r.key())) {
        j["key_b64"] = inspect::toBase64(r.key()).toStdString();
    } else {
        j["key"] = bytesJson(r.hasKey(), r.key());
    }
    const inspect::Decoder *detected = registry.decoderFor(r);
    j["decoder"] = detected ? detected->id().toStdString() : std::string();
    if (putDecoded(j, "value", r.hasValue(), r.value(), decoder)) {
    } else if (!r.hasValue()) {
        j["value"] = nullptr;
    } else {
        const auto v = r.value();
        auto parsed = nlohmann::ordered_json::parse(v.begin(), v.end(), nullptr, false);
        if (!parsed.is_discarded()) {
            j["value"] = std::move(parsed);
        } else if (inspect::isValidUtf8(v)) {
            j["value"] = std::string(v);
        } else {
            j["value_b64"] = inspect::toBase64(v).toStdString();
        }
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void printBatch(const inspect::MessageBatch &batch, const ConsumeOutput &output,
    const inspect::DecoderRegistry &registry, const inspect::RegistryPayloadDecoder *decoder,
    std::string &out)
{
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const inspect::MessageView r = batch.at(i);
        switch (output.format) {
        case OutputOptions::Format::Text:
            out += textLine(r, output, decoder);
            break;
        case OutputOptions::Format::Json:
            out += jsonLine(r, registry, decoder);
            break;
        case OutputOptions::Format::KcatJson:
            out += kcatJsonLine(r, decoder);
            break;
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    out.clear();
}

} // namespace

int runConsume(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reads records from a topic and prints them (like kafka-console-consumer). Partitions are "
           "assigned directly: no consumer group is joined and no offset is committed.\n"
           "Output properties go through --property too: print.key, print.timestamp, print.partition, "
           "print.offset, print.headers, print.value, key.separator, line.separator, null.literal."));
    addConnectionOptions(parser);
    addConsumeOptions(parser);
    addRegistryOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    kafka::ConnectionSettings connection;
    if (!connectionFromOptions(parser, &connection)) {
        return ExitUsage;
    }
    QString optionError;
    std::optional<ConsumeCommand> command = consumeCommandFromOptions(parser, &connection, &optionError);
    if (!command) {
        printError(optionError);
        return ExitUsage;
    }
    inspect::ConsumeRequest &request = command->request;
    request.connection = std::move(connection);
    request.timeoutMs = int(timeoutFromOptions(parser).count());
    const ConsumeOutput &output = command->output;
    const int64_t idleTimeoutMs = command->idleTimeoutMs;

    QString registryError;
    const std::optional<registry::RegistrySettings> registrySettings
        = registryFromOptionsOrProfile(parser, &registryError);
    if (!registryError.isEmpty()) {
        printError(registryError);
        return ExitUsage;
    }
    // With a registry: framed keys and values are decoded for the output and the filter. The
    // schemas are fetched here, on the main thread, waiting in a local event loop.
    std::unique_ptr<registry::RegistryClient> registryClient;
    std::unique_ptr<registry::SchemaCache> schemaCache;
    std::shared_ptr<inspect::RegistryPayloadDecoder> payloadDecoder;
    std::shared_ptr<const inspect::DecoderRegistry> registry = inspect::DecoderRegistry::shared();
    if (registrySettings) {
        registryClient = std::make_unique<registry::RegistryClient>(*registrySettings);
        schemaCache = std::make_unique<registry::SchemaCache>(registryClient.get());
        payloadDecoder = std::make_shared<inspect::RegistryPayloadDecoder>(
            schemaCache.get(), inspect::RegistryPayloadDecoder::OwnThread::RunEventLoop);
        std::shared_ptr<inspect::DecoderRegistry> withSchemas = inspect::DecoderRegistry::withBuiltIns();
        withSchemas->add(std::make_unique<inspect::SchemaRegistryDecoder>(payloadDecoder));
        registry = std::move(withSchemas);
        request.payloads = payloadDecoder;
    }
    inspect::MessageConsumer consumer(output.format == OutputOptions::Format::Json ? registry : nullptr);
    if (const auto error = consumer.open(request)) {
        printError(error.message);
        return exitCodeFor(error);
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    inspect::MessageBatch batch;
    QElapsedTimer idle;
    idle.start();
    std::string out;
    while (!interrupted && !consumer.finished()) {
        consumer.poll(batch, std::chrono::milliseconds(100), 5000);
        if (batch.isEmpty()) {
            if (idleTimeoutMs > 0 && idle.elapsed() >= idleTimeoutMs) {
                break;
            }
            continue;
        }
        idle.restart();
        printBatch(batch, output, *registry, payloadDecoder.get(), out);
        batch.clear();
    }
    std::fprintf(stderr, "Processed a total of %llu messages\n",
        static_cast<unsigned long long>(consumer.delivered()));
    if (consumer.error().isError()) {
        printError(consumer.error().message);
        return exitCodeFor(consumer.error());
    }
    return ExitOk;
}

} // namespace edis::cli
