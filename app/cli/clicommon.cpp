#include "clicommon.h"

#include <QCoreApplication>

#include <cstdio>

namespace edis::cli {

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("bootstrap-server"),
                      QCoreApplication::translate("edis", "The Kafka cluster to talk to, host:port[,host:port…]."),
                      QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("property"),
                      QCoreApplication::translate("edis", "A client property (librdkafka name), e.g. security.protocol=SASL_SSL. Repeatable."),
                      QStringLiteral("key=value")});
    parser.addOption({QStringLiteral("timeout"),
                      QCoreApplication::translate("edis", "Seconds to wait for the cluster (default 15)."),
                      QStringLiteral("seconds"), QStringLiteral("15")});
}

bool connectionFromOptions(const QCommandLineParser &parser, kafka::ConnectionSettings *settings)
{
    if (!parser.isSet(QStringLiteral("bootstrap-server"))) {
        printError(QCoreApplication::translate("edis", "--bootstrap-server is required."));
        return false;
    }
    settings->bootstrapServers = parser.value(QStringLiteral("bootstrap-server"));
    for (const QString &prop : parser.values(QStringLiteral("property"))) {
        const qsizetype eq = prop.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printError(QCoreApplication::translate("edis", "--property expects key=value, got '%1'.").arg(prop));
            return false;
        }
        settings->properties[prop.left(eq).trimmed().toStdString()] = prop.mid(eq + 1).toStdString();
    }
    return true;
}

std::chrono::milliseconds timeoutFromOptions(const QCommandLineParser &parser)
{
    bool ok = false;
    const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    return std::chrono::milliseconds(ok && seconds > 0 ? static_cast<qint64>(seconds * 1000) : 15'000);
}

int exitCodeFor(const kafka::KafkaError &error)
{
    using K = kafka::KafkaError::Kind;
    switch (error.kind) {
    case K::None:
        return ExitOk;
    case K::InvalidSettings:
        return ExitUsage;
    case K::HostNotFound:
    case K::ConnectionRefused:
    case K::Unreachable:
    case K::Timeout:
    case K::Authentication:
    case K::Tls:
        return ExitConnection;
    case K::UnknownTopic:
        return ExitNotFound;
    default:
        return ExitFailure;
    }
}

void printError(const QString &message)
{
    std::fprintf(stderr, "edis: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

bool parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        *exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

} // namespace edis::cli
