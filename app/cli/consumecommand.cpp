// edis consume: kafka-console-consumer over the inspector's consumer (assigned partitions, no
// consumer group), with the filter language and kcat -J output.

#include "clicommon.h"
#include "decoderregistry.h"
#include "filterexpression.h"
#include "messageconsumer.h"
#include "messageexport.h"
#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <set>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis consume", text);
}

std::atomic<bool> interrupted {false};

void onSignal(int)
{
    interrupted = true;
}

/// kafka-console-consumer's formatter properties (print.key=true, …), told apart from client
/// properties, which go to librdkafka.
struct OutputOptions {
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

bool takeOutputProperties(kafka::ConnectionSettings &settings, OutputOptions &out)
{
    static const std::set<std::string> kNames
        = {"print.key", "print.value", "print.timestamp", "print.partition", "print.offset", "print.headers",
            "key.separator", "line.separator", "null.literal"};
    for (auto it = settings.properties.begin(); it != settings.properties.end();) {
        if (!kNames.count(it->first)) {
            ++it;
            continue;
        }
        const std::string &v = it->second;
        const bool yes = v == "true" || v == "1";
        if (it->first == "print.key") {
            out.printKey = yes;
        } else if (it->first == "print.value") {
            out.printValue = yes;
        } else if (it->first == "print.timestamp") {
            out.printTimestamp = yes;
        } else if (it->first == "print.partition") {
            out.printPartition = yes;
        } else if (it->first == "print.offset") {
            out.printOffset = yes;
        } else if (it->first == "print.headers") {
            out.printHeaders = yes;
        } else if (it->first == "key.separator") {
            out.keySeparator = v;
        } else if (it->first == "line.separator") {
            out.lineSeparator = v;
        } else if (it->first == "null.literal") {
            out.nullLiteral = v;
        }
        it = settings.properties.erase(it);
    }
    return true;
}

void writeBytes(std::string &out, bool present, std::string_view bytes, const OutputOptions &o)
{
    if (present) {
        out.append(bytes);
    } else {
        out += o.nullLiteral;
    }
}

std::string textLine(const inspect::MessageView &r, const OutputOptions &o)
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
        writeBytes(line, r.hasKey(), r.key(), o);
        if (o.printValue) {
            sep();
        }
    }
    if (o.printValue) {
        writeBytes(line, r.hasValue(), r.value(), o);
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

/// Our own JSON: the value embedded as JSON when it is JSON, with the decoder that was detected.
std::string jsonLine(const inspect::MessageView &r, const inspect::DecoderRegistry &registry)
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
    if (r.hasKey() && !inspect::isValidUtf8(r.key())) {
        j["key_b64"] = inspect::toBase64(r.key()).toStdString();
    } else {
        j["key"] = bytesJson(r.hasKey(), r.key());
    }
    const inspect::Decoder *decoder = registry.decoderFor(r);
    j["decoder"] = decoder ? decoder->id().toStdString() : std::string();
    if (!r.hasValue()) {
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

bool parseInt64(const QString &text, int64_t *out)
{
    bool ok = false;
    *out = text.toLongLong(&ok);
    return ok;
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
    parser.addOptions({
        {QStringLiteral("topic"), tr("The topic to read."), QStringLiteral("name")},
        {QStringLiteral("from-beginning"), tr("Start at the oldest record (default: only new records).")},
        {QStringLiteral("offset"), tr("Start at this offset in each partition, or 'earliest'/'latest'."),
            QStringLiteral("n")},
        {QStringLiteral("timestamp"), tr("Start at the first record at or after this time (epoch ms)."),
            QStringLiteral("ms")},
        {QStringLiteral("last"), tr("Start N records before the end of each partition."),
            QStringLiteral("n")},
        {QStringLiteral("partition"), tr("Read only this partition. Repeatable."), QStringLiteral("p")},
        {QStringLiteral("max-messages"), tr("Exit after printing this many records."), QStringLiteral("n")},
        {QStringLiteral("until-end"), tr("Exit when every partition reached the end it had at start.")},
        {QStringLiteral("stop-at-timestamp"),
            tr("Stop each partition before its first record after this time (epoch ms)."),
            QStringLiteral("ms")},
        {QStringLiteral("filter"),
            tr("Print only records matching this expression, e.g. value.status == \"PAID\"."),
            QStringLiteral("expression")},
        {QStringLiteral("format"), tr("text (default), json, or kcat-json (kcat -J envelope)."),
            QStringLiteral("format"), QStringLiteral("text")},
        {QStringLiteral("timeout-ms"), tr("Exit when no record arrived for this long."),
            QStringLiteral("ms")},
    });
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    inspect::ConsumeRequest request;
    if (!connectionFromOptions(parser, &request.connection)) {
        return ExitUsage;
    }
    OutputOptions output;
    takeOutputProperties(request.connection, output);
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("json")) {
        output.format = OutputOptions::Format::Json;
    } else if (format == QLatin1String("kcat-json")) {
        output.format = OutputOptions::Format::KcatJson;
    } else if (format != QLatin1String("text")) {
        printError(tr("--format must be text, json or kcat-json."));
        return ExitUsage;
    }
    const QString topic = parser.value(QStringLiteral("topic"));
    if (topic.isEmpty()) {
        printError(tr("--topic is required."));
        return ExitUsage;
    }
    inspect::TopicSelection selection;
    selection.topic = topic;
    selection.start = inspect::StartPosition::end();
    int starts = 0;
    int64_t n = 0;
    if (parser.isSet(QStringLiteral("from-beginning"))) {
        selection.start = inspect::StartPosition::beginning();
        ++starts;
    }
    if (parser.isSet(QStringLiteral("offset"))) {
        const QString v = parser.value(QStringLiteral("offset"));
        if (v == QLatin1String("earliest")) {
            selection.start = inspect::StartPosition::beginning();
        } else if (v == QLatin1String("latest")) {
            selection.start = inspect::StartPosition::end();
        } else if (parseInt64(v, &n) && n >= 0) {
            selection.start = inspect::StartPosition::offset(n);
        } else {
            printError(tr("--offset expects a non-negative number, 'earliest' or 'latest'."));
            return ExitUsage;
        }
        ++starts;
    }
    if (parser.isSet(QStringLiteral("timestamp"))) {
        if (!parseInt64(parser.value(QStringLiteral("timestamp")), &n)) {
            printError(tr("--timestamp expects epoch milliseconds."));
            return ExitUsage;
        }
        selection.start = inspect::StartPosition::timestamp(n);
        ++starts;
    }
    if (parser.isSet(QStringLiteral("last"))) {
        if (!parseInt64(parser.value(QStringLiteral("last")), &n) || n < 0) {
            printError(tr("--last expects a non-negative number."));
            return ExitUsage;
        }
        selection.start = inspect::StartPosition::lastN(n);
        ++starts;
    }
    if (starts > 1) {
        printError(tr("Give at most one of --from-beginning, --offset, --timestamp, --last."));
        return ExitUsage;
    }
    for (const QString &p : parser.values(QStringLiteral("partition"))) {
        bool ok = false;
        const int id = p.toInt(&ok);
        if (!ok || id < 0) {
            printError(tr("--partition expects a partition number, got '%1'.").arg(p));
            return ExitUsage;
        }
        selection.partitions.push_back(id);
    }
    request.topics.push_back(selection);
    if (parser.isSet(QStringLiteral("max-messages"))) {
        if (!parseInt64(parser.value(QStringLiteral("max-messages")), &n) || n <= 0) {
            printError(tr("--max-messages expects a positive number."));
            return ExitUsage;
        }
        request.maxMessages = uint64_t(n);
    }
    request.stopAtEnd = parser.isSet(QStringLiteral("until-end"));
    if (parser.isSet(QStringLiteral("stop-at-timestamp"))) {
        if (!parseInt64(parser.value(QStringLiteral("stop-at-timestamp")), &n)) {
            printError(tr("--stop-at-timestamp expects epoch milliseconds."));
            return ExitUsage;
        }
        request.stopAtTimestampMs = n;
    }
    if (parser.isSet(QStringLiteral("filter"))) {
        inspect::FilterError error;
        request.filter = inspect::FilterExpression::parse(parser.value(QStringLiteral("filter")), &error);
        if (!request.filter) {
            printError(tr("--filter: %1").arg(error.describe()));
            return ExitUsage;
        }
    }
    int64_t idleTimeoutMs = -1;
    if (parser.isSet(QStringLiteral("timeout-ms"))) {
        if (!parseInt64(parser.value(QStringLiteral("timeout-ms")), &idleTimeoutMs) || idleTimeoutMs <= 0) {
            printError(tr("--timeout-ms expects a positive number."));
            return ExitUsage;
        }
    }
    request.timeoutMs = int(timeoutFromOptions(parser).count());

    const auto registry = inspect::DecoderRegistry::shared();
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
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const inspect::MessageView r = batch.at(i);
            switch (output.format) {
            case OutputOptions::Format::Text:
                out += textLine(r, output);
                break;
            case OutputOptions::Format::Json:
                out += jsonLine(r, *registry);
                break;
            case OutputOptions::Format::KcatJson:
                out += inspect::toKcatJson(r) + "\n";
                break;
            }
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);
        out.clear();
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
