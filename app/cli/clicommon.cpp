#include "clicommon.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace edis::cli {

namespace {

// What brokers log and quotas see for the command-line tool (the GUI's handles say edis-studio);
// a --property client.id=… or a profile's own client.id wins.
constexpr const char *kCliClientId = "edis";

} // namespace

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("bootstrap-server"),
        QCoreApplication::translate("edis", "The Kafka cluster to talk to, host:port[,host:port…]."),
        QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("profile"),
        QCoreApplication::translate("edis",
            "A saved connection (name or id) from EDIS Studio's connection manager. "
            "Its secret comes from the keychain, or from EDIS_SECRET."),
        QStringLiteral("name")});
    parser.addOption({QStringLiteral("property"),
        QCoreApplication::translate(
            "edis", "A client property (librdkafka name), e.g. security.protocol=SASL_SSL. Repeatable."),
        QStringLiteral("key=value")});
    parser.addOption({QStringLiteral("timeout"),
        QCoreApplication::translate("edis", "Seconds to wait for the cluster (default 15)."),
        QStringLiteral("seconds"), QStringLiteral("15")});
}

namespace {

/// The profile's secrets: from the keychain when it has them, else from EDIS_SECRET.
std::optional<profiles::ProfileSecrets> secretsFor(const profiles::ConnectionProfile &profile)
{
    std::optional<profiles::ProfileSecrets> found;
    profiles::SecretStore store;
    QEventLoop loop;
    bool done = false;
    store.read(profile.id, [&](std::optional<profiles::ProfileSecrets> s) {
        found = std::move(s);
        done = true;
        loop.quit();
    });
    if (!done) {
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit); // a keychain that never answers
        loop.exec();
    }
    if (!found && qEnvironmentVariableIsSet("EDIS_SECRET")) {
        found = profiles::ProfileSecrets {};
        found->password = qEnvironmentVariable("EDIS_SECRET");
    }
    return found;
}

/// The saved connection named (or with the id) `nameOrId`; nullopt with `*error` set when the
/// store cannot be read or has no such connection.
std::optional<profiles::ConnectionProfile> loadProfile(const QString &nameOrId, QString *error)
{
    profiles::ProfileStore store;
    if (!store.load(error)) {
        return std::nullopt;
    }
    const profiles::ConnectionProfile *profile = store.find(nameOrId);
    if (!profile) {
        *error = QCoreApplication::translate("edis", "No saved connection named '%1' in %2.")
                     .arg(nameOrId, store.path());
        return std::nullopt;
    }
    return *profile;
}

bool settingsFromProfile(const QString &nameOrId, kafka::ConnectionSettings *settings)
{
    QString error;
    const std::optional<profiles::ConnectionProfile> profile = loadProfile(nameOrId, &error);
    if (!profile) {
        printError(error);
        return false;
    }
    profiles::ProfileSecrets secrets;
    if (profile->needsSecret()) {
        const auto found = secretsFor(*profile);
        if (!found) {
            printError(
                QCoreApplication::translate("edis", "The keychain has no %1 for '%2'; set EDIS_SECRET.")
                    .arg(profile->secretLabel().toLower(), profile->name));
            return false;
        }
        secrets = *found;
    }
    *settings = profiles::toConnectionSettings(*profile, secrets);
    settings->readOnly = profile->readOnly;
    return true;
}

} // namespace

std::optional<registry::RegistrySettings> registryFromProfile(const QString &nameOrId, QString *error)
{
    error->clear();
    const std::optional<profiles::ConnectionProfile> profile = loadProfile(nameOrId, error);
    if (!profile || !profile->registry) {
        return std::nullopt;
    }
    profiles::ProfileSecrets secrets;
    if (profile->registry->needsSecret()) {
        if (const auto found = secretsFor(*profile)) {
            secrets = *found;
        }
        if (secrets.registrySecret.isEmpty()) {
            secrets.registrySecret = qEnvironmentVariable("EDIS_SCHEMA_REGISTRY_SECRET");
        }
        if (secrets.registrySecret.isEmpty()) {
            *error = QCoreApplication::translate(
                "edis", "The keychain has no %1 for '%2'; set EDIS_SCHEMA_REGISTRY_SECRET.")
                         .arg(profile->registry->secretLabel().toLower(), profile->name);
            return std::nullopt;
        }
    }
    return profiles::toRegistrySettings(*profile, secrets);
}

bool connectionFromOptions(const QCommandLineParser &parser, kafka::ConnectionSettings *settings)
{
    if (parser.isSet(QStringLiteral("profile"))) {
        if (!settingsFromProfile(parser.value(QStringLiteral("profile")), settings)) {
            return false;
        }
    } else if (!parser.isSet(QStringLiteral("bootstrap-server"))) {
        printError(QCoreApplication::translate("edis", "--bootstrap-server or --profile is required."));
        return false;
    }
    if (parser.isSet(QStringLiteral("bootstrap-server"))) {
        settings->bootstrapServers = parser.value(QStringLiteral("bootstrap-server"));
    }
    settings->properties.try_emplace("client.id", kCliClientId);
    const QStringList properties = parser.values(QStringLiteral("property"));
    const auto malformed = std::ranges::find_if(
        properties, [](const QString &prop) { return prop.indexOf(QLatin1Char('=')) <= 0; });
    if (malformed != properties.end()) {
        printError(
            QCoreApplication::translate("edis", "--property expects key=value, got '%1'.").arg(*malformed));
        return false;
    }
    for (const QString &prop : properties) {
        const qsizetype eq = prop.indexOf(QLatin1Char('='));
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

std::unique_ptr<kafka::KafkaClient> clientFromOptions(const QCommandLineParser &parser, int *exitCode)
{
    kafka::ConnectionSettings settings;
    if (!connectionFromOptions(parser, &settings)) {
        *exitCode = ExitUsage;
        return nullptr;
    }
    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(settings, &error);
    if (!client) {
        printError(error.message);
        *exitCode = exitCodeFor(error);
    }
    return client;
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
    case K::UnknownGroup:
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
        // Qt's first line names the binary by the path it was started with
        // ("Usage: /usr/local/bin/edis [options]"); the user typed "edis <command>", which
        // main() put in arguments[0] ("/usr/local/bin/edis rabbit").
        QString help = parser.helpText();
        const QString qtUsage = QStringLiteral("Usage: ") + QCoreApplication::arguments().value(0);
        if (help.startsWith(qtUsage) && !arguments.isEmpty()) {
            help.replace(
                0, qtUsage.size(), QStringLiteral("Usage: ") + QFileInfo(arguments.constFirst()).fileName());
        }
        printOut(help);
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

} // namespace edis::cli
