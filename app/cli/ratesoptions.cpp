#include "ratesoptions.h"

#include <QCoreApplication>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis rates", text);
}

} // namespace

void addRatesOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("topic"), tr("A topic to watch. Repeatable; default: every non-internal topic."),
            QStringLiteral("name")},
        {QStringLiteral("group"), tr("A consumer group whose lag to show. Repeatable."),
            QStringLiteral("name")},
        {QStringLiteral("interval"), tr("Seconds between samples (default 1)."), QStringLiteral("seconds"),
            QStringLiteral("1")},
        {QStringLiteral("samples"), tr("Stop after this many samples (default: run until interrupted)."),
            QStringLiteral("n"), QStringLiteral("0")},
        {QStringLiteral("partitions"), tr("Also print each partition.")},
        {QStringLiteral("json"), tr("One JSON object per line.")},
    });
}

std::optional<RatesRequest> ratesRequestFromOptions(const QCommandLineParser &parser, QString *error)
{
    const QString intervalText = parser.value(QStringLiteral("interval"));
    bool ok = false;
    const double interval = intervalText.toDouble(&ok);
    // Written so that NaN fails too.
    if (!ok || !(interval >= 0.1 && interval <= kMaxRatesIntervalSeconds)) {
        *error = tr("--interval expects seconds, at least 0.1 and at most %1, got '%2'.")
                     .arg(kMaxRatesIntervalSeconds)
                     .arg(intervalText);
        return std::nullopt;
    }
    const QString samplesText = parser.value(QStringLiteral("samples"));
    RatesRequest request;
    request.samples = samplesText.toInt(&ok);
    if (!ok || request.samples < 0) {
        *error
            = tr("--samples expects a count of 0 or more (0: until interrupted), got '%1'.").arg(samplesText);
        return std::nullopt;
    }
    request.json = parser.isSet(QStringLiteral("json"));
    request.partitions = parser.isSet(QStringLiteral("partitions"));
    request.sampler.topics = parser.values(QStringLiteral("topic"));
    request.sampler.groups = parser.values(QStringLiteral("group"));
    request.sampler.interval = std::chrono::milliseconds(static_cast<qint64>(interval * 1000));
    return request;
}

} // namespace edis::cli
