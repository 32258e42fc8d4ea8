// edis produce: kafka-console-producer — one record per line of stdin.

#include "clicommon.h"
#include "recordproducer.h"

#include <QCoreApplication>

#include <iostream>
#include <set>
#include <string>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis produce", text);
}

} // namespace

int runProduce(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sends each line of standard input as a record (like kafka-console-producer). "
           "With --property parse.key=true a line is key<key.separator>value (separator default: tab). "
           "Exits non-zero when any record was not delivered."));
    addConnectionOptions(parser);
    parser.addOptions({
        {QStringLiteral("topic"), tr("The topic to write to."), QStringLiteral("name")},
        {QStringLiteral("header"), tr("A header added to every record. Repeatable."),
            QStringLiteral("key=value")},
        {QStringLiteral("partition"), tr("Write to this partition (default: the partitioner decides)."),
            QStringLiteral("p")},
    });
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    kafka::ConnectionSettings settings;
    if (!connectionFromOptions(parser, &settings)) {
        return ExitUsage;
    }
    bool parseKey = false;
    std::string keySeparator = "\t";
    std::string nullMarker;
    static const std::set<std::string> kReaderProperties = {"parse.key", "key.separator", "null.marker"};
    for (auto it = settings.properties.begin(); it != settings.properties.end();) {
        if (!kReaderProperties.count(it->first)) {
            ++it;
            continue;
        }
        if (it->first == "parse.key") {
            parseKey = it->second == "true" || it->second == "1";
        } else if (it->first == "key.separator") {
            keySeparator = it->second;
        } else {
            nullMarker = it->second;
        }
        it = settings.properties.erase(it);
    }
    if (keySeparator.empty()) {
        printError(tr("key.separator must not be empty."));
        return ExitUsage;
    }
    const QString topic = parser.value(QStringLiteral("topic"));
    if (topic.isEmpty()) {
        printError(tr("--topic is required."));
        return ExitUsage;
    }
    kafka::OutgoingMessage base;
    base.topic = topic.toStdString();
    for (const QString &h : parser.values(QStringLiteral("header"))) {
        const qsizetype eq = h.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printError(tr("--header expects key=value, got '%1'.").arg(h));
            return ExitUsage;
        }
        base.headers.emplace_back(h.left(eq).toStdString(), h.mid(eq + 1).toUtf8());
    }
    if (parser.isSet(QStringLiteral("partition"))) {
        bool ok = false;
        base.partition = parser.value(QStringLiteral("partition")).toInt(&ok);
        if (!ok || base.partition < 0) {
            printError(tr("--partition expects a partition number."));
            return ExitUsage;
        }
    }

    inspect::RecordProducer producer;
    if (const auto error = producer.open(settings, {{"linger.ms", "5"}})) {
        printError(error.message);
        return exitCodeFor(error);
    }
    std::ios::sync_with_stdio(false);
    std::string line;
    uint64_t lineNumber = 0;
    uint64_t queued = 0;
    while (std::getline(std::cin, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        kafka::OutgoingMessage m = base;
        std::string value = line;
        if (parseKey) {
            const auto at = line.find(keySeparator);
            if (at == std::string::npos) {
                printError(tr("Line %1 has no key separator '%2'; record not sent.")
                               .arg(lineNumber)
                               .arg(QString::fromStdString(keySeparator)));
                producer.flush(timeoutFromOptions(parser));
                return ExitUsage;
            }
            const std::string key = line.substr(0, at);
            value = line.substr(at + keySeparator.size());
            if (nullMarker.empty() || key != nullMarker) {
                m.key = QByteArray::fromStdString(key);
            }
        }
        if (nullMarker.empty() || value != nullMarker) {
            m.value = QByteArray::fromStdString(value);
        }
        if (const auto error = producer.produce(m)) {
            printError(tr("Line %1: %2").arg(lineNumber).arg(error.message));
            producer.flush(timeoutFromOptions(parser));
            return exitCodeFor(error);
        }
        ++queued;
    }
    const auto error = producer.flush(std::max(timeoutFromOptions(parser), std::chrono::milliseconds(30000)));
    if (error.isError() || producer.failed() > 0 || producer.delivered() != queued) {
        printError(tr("%1 of %2 records were not delivered: %3")
                       .arg(queued - producer.delivered())
                       .arg(queued)
                       .arg(error.isError() ? error.message : producer.firstFailure().message));
        return error.isError() ? std::max<int>(ExitFailure, exitCodeFor(error)) : ExitFailure;
    }
    return ExitOk;
}

} // namespace edis::cli
