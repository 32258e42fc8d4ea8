#include "consumeoptions.h"

#include "filterexpression.h"

#include <QCoreApplication>

#include <set>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis consume", text);
}

const QString kTopic = QStringLiteral("topic");
const QString kFromBeginning = QStringLiteral("from-beginning");
const QString kOffset = QStringLiteral("offset");
const QString kTimestamp = QStringLiteral("timestamp");
const QString kLast = QStringLiteral("last");
const QString kPartition = QStringLiteral("partition");
const QString kMaxMessages = QStringLiteral("max-messages");
const QString kUntilEnd = QStringLiteral("until-end");
const QString kStopAtTimestamp = QStringLiteral("stop-at-timestamp");
const QString kFilter = QStringLiteral("filter");
const QString kFormat = QStringLiteral("format");
const QString kIdleTimeout = QStringLiteral("timeout-ms");

std::optional<int64_t> toInt64(const QString &text)
{
    bool ok = false;
    const qlonglong n = text.toLongLong(&ok);
    return ok ? std::optional<int64_t>(n) : std::nullopt;
}

void takeOutputProperties(std::map<std::string, std::string> &properties, ConsumeOutput &out)
{
    static const std::set<std::string> kNames
        = {"print.key", "print.value", "print.timestamp", "print.partition", "print.offset", "print.headers",
            "key.separator", "line.separator", "null.literal"};
    for (auto it = properties.begin(); it != properties.end();) {
        if (!kNames.contains(it->first)) {
            ++it;
            continue;
        }
        const std::string &name = it->first;
        const std::string &v = it->second;
        const bool yes = v == "true" || v == "1";
        if (name == "key.separator") {
            out.keySeparator = v;
        } else if (name == "line.separator") {
            out.lineSeparator = v;
        } else if (name == "null.literal") {
            out.nullLiteral = v;
        } else {
            bool ConsumeOutput::*flag = name == "print.key" ? &ConsumeOutput::printKey
                : name == "print.value"                     ? &ConsumeOutput::printValue
                : name == "print.timestamp"                 ? &ConsumeOutput::printTimestamp
                : name == "print.partition"                 ? &ConsumeOutput::printPartition
                : name == "print.offset"                    ? &ConsumeOutput::printOffset
                                                            : &ConsumeOutput::printHeaders;
            out.*flag = yes;
        }
        it = properties.erase(it);
    }
}

bool readFormat(const QCommandLineParser &parser, ConsumeOutput &output, QString *error)
{
    const QString format = parser.value(kFormat);
    if (format == QLatin1String("json")) {
        output.format = ConsumeOutput::Format::Json;
    } else if (format == QLatin1String("kcat-json")) {
        output.format = ConsumeOutput::Format::KcatJson;
    } else if (format == QLatin1String("text")) {
        output.format = ConsumeOutput::Format::Text;
    } else {
        *error = tr("--format must be text, json or kcat-json.");
        return false;
    }
    return true;
}

/// The one start position of --from-beginning, --offset, --timestamp and --last (default: the end).
bool readStart(const QCommandLineParser &parser, inspect::StartPosition &start, QString *error)
{
    start = inspect::StartPosition::end();
    int starts = 0;
    if (parser.isSet(kFromBeginning)) {
        start = inspect::StartPosition::beginning();
        ++starts;
    }
    if (parser.isSet(kOffset)) {
        const QString v = parser.value(kOffset);
        const auto n = toInt64(v);
        if (v == QLatin1String("earliest")) {
            start = inspect::StartPosition::beginning();
        } else if (v == QLatin1String("latest")) {
            start = inspect::StartPosition::end();
        } else if (n && *n >= 0) {
            start = inspect::StartPosition::offset(*n);
        } else {
            *error = tr("--offset expects a non-negative number, 'earliest' or 'latest'.");
            return false;
        }
        ++starts;
    }
    if (parser.isSet(kTimestamp)) {
        const auto n = toInt64(parser.value(kTimestamp));
        if (!n) {
            *error = tr("--timestamp expects epoch milliseconds.");
            return false;
        }
        start = inspect::StartPosition::timestamp(*n);
        ++starts;
    }
    if (parser.isSet(kLast)) {
        const auto n = toInt64(parser.value(kLast));
        if (!n || *n < 0) {
            *error = tr("--last expects a non-negative number.");
            return false;
        }
        start = inspect::StartPosition::lastN(*n);
        ++starts;
    }
    if (starts > 1) {
        *error = tr("Give at most one of --from-beginning, --offset, --timestamp, --last.");
        return false;
    }
    return true;
}

bool readSelection(const QCommandLineParser &parser, inspect::TopicSelection &selection, QString *error)
{
    selection.topic = parser.value(kTopic);
    if (selection.topic.isEmpty()) {
        *error = tr("--topic is required.");
        return false;
    }
    if (!readStart(parser, selection.start, error)) {
        return false;
    }
    for (const QString &p : parser.values(kPartition)) {
        bool ok = false;
        const int id = p.toInt(&ok);
        if (!ok || id < 0) {
            *error = tr("--partition expects a partition number, got '%1'.").arg(p);
            return false;
        }
        selection.partitions.push_back(id);
    }
    return true;
}

bool readStops(const QCommandLineParser &parser, ConsumeCommand &command, QString *error)
{
    inspect::ConsumeRequest &request = command.request;
    if (parser.isSet(kMaxMessages)) {
        const auto n = toInt64(parser.value(kMaxMessages));
        if (!n || *n <= 0) {
            *error = tr("--max-messages expects a positive number.");
            return false;
        }
        request.maxMessages = uint64_t(*n);
    }
    request.stopAtEnd = parser.isSet(kUntilEnd);
    if (parser.isSet(kStopAtTimestamp)) {
        const auto n = toInt64(parser.value(kStopAtTimestamp));
        if (!n) {
            *error = tr("--stop-at-timestamp expects epoch milliseconds.");
            return false;
        }
        request.stopAtTimestampMs = *n;
    }
    if (parser.isSet(kIdleTimeout)) {
        const auto n = toInt64(parser.value(kIdleTimeout));
        if (!n || *n <= 0) {
            *error = tr("--timeout-ms expects a positive number.");
            return false;
        }
        command.idleTimeoutMs = *n;
    }
    return true;
}

} // namespace

void addConsumeOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {kTopic, tr("The topic to read."), QStringLiteral("name")},
        {kFromBeginning, tr("Start at the oldest record (default: only new records).")},
        {kOffset, tr("Start at this offset in each partition, or 'earliest'/'latest'."), QStringLiteral("n")},
        {kTimestamp, tr("Start at the first record at or after this time (epoch ms)."), QStringLiteral("ms")},
        {kLast, tr("Start N records before the end of each partition."), QStringLiteral("n")},
        {kPartition, tr("Read only this partition. Repeatable."), QStringLiteral("p")},
        {kMaxMessages, tr("Exit after printing this many records."), QStringLiteral("n")},
        {kUntilEnd, tr("Exit when every partition reached the end it had at start.")},
        {kStopAtTimestamp, tr("Stop each partition before its first record after this time (epoch ms)."),
            QStringLiteral("ms")},
        {kFilter, tr("Print only records matching this expression, e.g. value.status == \"PAID\"."),
            QStringLiteral("expression")},
        {kFormat, tr("text (default), json, or kcat-json (kcat -J envelope)."), QStringLiteral("format"),
            QStringLiteral("text")},
        {kIdleTimeout, tr("Exit when no record arrived for this long."), QStringLiteral("ms")},
    });
}

std::optional<ConsumeCommand> consumeCommandFromOptions(
    const QCommandLineParser &parser, kafka::ConnectionSettings *connection, QString *error)
{
    ConsumeCommand command;
    takeOutputProperties(connection->properties, command.output);
    inspect::TopicSelection selection;
    if (!readFormat(parser, command.output, error) || !readSelection(parser, selection, error)
        || !readStops(parser, command, error)) {
        return std::nullopt;
    }
    command.request.topics.push_back(std::move(selection));
    if (parser.isSet(kFilter)) {
        inspect::FilterError filterError;
        command.request.filter = inspect::FilterExpression::parse(parser.value(kFilter), &filterError);
        if (!command.request.filter) {
            *error = tr("--filter: %1").arg(filterError.describe());
            return std::nullopt;
        }
    }
    return command;
}

} // namespace edis::cli
