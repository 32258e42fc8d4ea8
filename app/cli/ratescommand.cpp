// edis rates: msg/s per topic (and partition) and lag per consumer group, one line per sample,
// from the same sampler the GUI's throughput page uses.

#include "clicommon.h"
#include "metrics/ratesampler.h"
#include "ratesoptions.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDateTime>

#include <cmath>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis rates", text);
}

QString rateText(double rate)
{
    return metrics::isKnown(rate) ? QString::number(rate, 'f', 1) : QStringLiteral("-");
}

nlohmann::json rateJson(double rate)
{
    return metrics::isKnown(rate) ? nlohmann::json(std::round(rate * 100) / 100) : nlohmann::json(nullptr);
}

QString formatText(const metrics::SampleRound &round, bool partitions)
{
    QStringList parts;
    parts << QDateTime::fromMSecsSinceEpoch(round.wallTimeMs).toString(Qt::ISODate);
    for (const auto &t : round.topics) {
        QString text = QStringLiteral("%1 %2 msg/s").arg(t.topic, rateText(t.messagesPerSecond));
        if (partitions) {
            QStringList each;
            for (const auto &p : t.partitions) {
                each << QStringLiteral("%1:%2").arg(p.partition).arg(rateText(p.messagesPerSecond));
            }
            text += QStringLiteral(" [%1]").arg(each.join(QLatin1Char(' ')));
        }
        parts << text;
    }
    for (const auto &g : round.groups) {
        if (!g.error.isEmpty()) {
            parts << QStringLiteral("lag %1 error: %2").arg(g.group, g.error);
            continue;
        }
        QString text = QStringLiteral("lag %1 %2")
                           .arg(g.group, g.totalLag < 0 ? QStringLiteral("-") : QString::number(g.totalLag));
        if (partitions) {
            QStringList each;
            for (const auto &p : g.partitions) {
                each << QStringLiteral("%1/%2:%3").arg(p.topic).arg(p.partition).arg(p.lag);
            }
            text += QStringLiteral(" [%1]").arg(each.join(QLatin1Char(' ')));
        }
        parts << text;
    }
    return parts.join(QStringLiteral("  "));
}

std::string formatJson(const metrics::SampleRound &round, bool partitions)
{
    nlohmann::json topics = nlohmann::json::array();
    for (const auto &t : round.topics) {
        nlohmann::json topic
            = {{"topic", t.topic.toStdString()}, {"messages_per_second", rateJson(t.messagesPerSecond)}};
        if (partitions) {
            nlohmann::json each = nlohmann::json::array();
            for (const auto &p : t.partitions) {
                each.push_back({{"partition", p.partition}, {"end_offset", p.endOffset},
                    {"messages_per_second", rateJson(p.messagesPerSecond)}});
            }
            topic["partitions"] = each;
        }
        topics.push_back(topic);
    }
    nlohmann::json groups = nlohmann::json::array();
    for (const auto &g : round.groups) {
        nlohmann::json group = {{"group", g.group.toStdString()},
            {"lag", g.totalLag < 0 ? nlohmann::json(nullptr) : nlohmann::json(g.totalLag)}};
        if (!g.error.isEmpty()) {
            group["error"] = g.error.toStdString();
        }
        if (partitions) {
            nlohmann::json each = nlohmann::json::array();
            for (const auto &p : g.partitions) {
                each.push_back({{"topic", p.topic.toStdString()}, {"partition", p.partition},
                    {"committed_offset", p.committedOffset}, {"end_offset", p.endOffset},
                    {"lag", p.lag < 0 ? nlohmann::json(nullptr) : nlohmann::json(p.lag)}});
            }
            group["partitions"] = each;
        }
        groups.push_back(group);
    }
    nlohmann::json out = {
        {"time", QDateTime::fromMSecsSinceEpoch(round.wallTimeMs).toString(Qt::ISODateWithMs).toStdString()},
        {"epoch_ms", round.wallTimeMs}, {"interval_s", std::round(round.intervalSeconds * 1000) / 1000},
        {"method", metrics::methodName(round.method).toStdString()}, {"topics", topics}, {"groups", groups}};
    if (!round.missingTopics.isEmpty()) {
        nlohmann::json missing = nlohmann::json::array();
        for (const QString &t : round.missingTopics) {
            missing.push_back(t.toStdString());
        }
        out["missing_topics"] = missing;
    }
    return out.dump();
}

/// Samples until `request.samples` rounds are printed, the cluster fails, or the process is
/// interrupted; returns the exit code.
int sampleAndPrint(const kafka::ConnectionSettings &settings, const RatesRequest &request)
{
    metrics::RateSampler sampler(settings);
    sampler.setOptions(request.sampler);
    int exitCode = ExitOk;
    int printed = 0;
    bool anySuccess = false;
    QObject::connect(&sampler, &metrics::RateSampler::failed, [&](const kafka::KafkaError &error) {
        printError(error.message);
        exitCode = exitCodeFor(error);
        QCoreApplication::exit(exitCode);
    });
    QObject::connect(&sampler, &metrics::RateSampler::roundSampled, [&](const metrics::SampleRound &round) {
        if (round.error) {
            printError(round.error.message);
            if (!anySuccess) { // never reached the cluster: give up with the reason
                exitCode = exitCodeFor(round.error);
                QCoreApplication::exit(exitCode);
            }
            return;
        }
        const QStringList &topics = request.sampler.topics;
        if (!topics.isEmpty() && round.missingTopics.size() == topics.size()) {
            printError(
                tr("Topic '%1' does not exist.").arg(round.missingTopics.join(QStringLiteral("', '"))));
            exitCode = ExitNotFound;
            QCoreApplication::exit(exitCode);
            return;
        }
        anySuccess = true;
        printOut(request.json ? QString::fromStdString(formatJson(round, request.partitions))
                              : formatText(round, request.partitions));
        if (request.samples > 0 && ++printed >= request.samples) {
            QCoreApplication::exit(ExitOk);
        }
    });
    sampler.start();
    return QCoreApplication::exec();
}

} // namespace

int runRates(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints msg/s per topic and lag per consumer group, one line per sample. Rates come from "
           "the log-end offsets, so the first sample has none (it is the baseline)."));
    addConnectionOptions(parser);
    addRatesOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    kafka::ConnectionSettings settings;
    if (!connectionFromOptions(parser, &settings)) {
        return ExitUsage;
    }
    QString error;
    std::optional<RatesRequest> request = ratesRequestFromOptions(parser, &error);
    if (!request) {
        printError(error);
        return ExitUsage;
    }
    request->sampler.requestTimeout = timeoutFromOptions(parser);
    return sampleAndPrint(settings, *request);
}

} // namespace edis::cli
