#include "registryoptions.h"

#include "clicommon.h"

#include <QCoreApplication>

namespace edis::cli {

namespace {

const QString kRegistry = QStringLiteral("schema-registry");
const QString kUser = QStringLiteral("schema-registry-user");
const QString kSecret = QStringLiteral("schema-registry-secret");
const QString kToken = QStringLiteral("schema-registry-token");
const QString kCa = QStringLiteral("schema-registry-ca");
const QString kCert = QStringLiteral("schema-registry-cert");
const QString kKey = QStringLiteral("schema-registry-key");
const QString kNoVerify = QStringLiteral("schema-registry-no-verify-hostname");
constexpr const char *kSecretVariable = "EDIS_SCHEMA_REGISTRY_SECRET";

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::cli", text);
}

} // namespace

void addRegistryOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {kRegistry,
            tr("Decode and encode Schema Registry framed records (Avro, Protobuf, JSON Schema) with the "
               "schemas of this registry, e.g. http://localhost:8081 (Confluent) or "
               "http://host:8080/apis/ccompat/v7 (Apicurio)."),
            QStringLiteral("url")},
        {kUser, tr("Basic authentication: the user (Confluent Cloud: the API key)."), QStringLiteral("user")},
        {kSecret,
            tr("Basic authentication: the password or API secret (default: the environment variable "
               "EDIS_SCHEMA_REGISTRY_SECRET)."),
            QStringLiteral("secret")},
        {kToken, tr("Bearer authentication: the token."), QStringLiteral("token")},
        {kCa, tr("CA certificates (PEM) to trust for the registry."), QStringLiteral("file")},
        {kCert, tr("Client certificate (PEM) for the registry."), QStringLiteral("file")},
        {kKey, tr("Private key (PEM) of the client certificate."), QStringLiteral("file")},
        {kNoVerify, tr("Do not check that the registry's certificate names its host.")},
    });
}

std::optional<registry::RegistrySettings> registryFromOptions(
    const QCommandLineParser &parser, QString *error)
{
    error->clear();
    if (!parser.isSet(kRegistry)) {
        for (const QString &option : {kUser, kSecret, kToken, kCa, kCert, kKey}) {
            if (parser.isSet(option)) {
                *error = tr("--%1 needs --schema-registry.").arg(option);
                return std::nullopt;
            }
        }
        return std::nullopt;
    }
    registry::RegistrySettings settings;
    settings.url = parser.value(kRegistry);
    const QString environmentSecret = qEnvironmentVariable(kSecretVariable);
    if (parser.isSet(kUser) && parser.isSet(kToken)) {
        *error
            = tr("Give either --schema-registry-user (basic) or --schema-registry-token (bearer), not both.");
        return std::nullopt;
    }
    if (parser.isSet(kUser)) {
        settings.auth = registry::RegistryAuth::Basic;
        settings.username = parser.value(kUser);
        settings.secret = parser.isSet(kSecret) ? parser.value(kSecret) : environmentSecret;
        if (settings.secret.isEmpty()) {
            *error = tr("--schema-registry-user needs a secret: --schema-registry-secret or the "
                        "environment variable EDIS_SCHEMA_REGISTRY_SECRET.");
            return std::nullopt;
        }
    } else if (parser.isSet(kToken)) {
        settings.auth = registry::RegistryAuth::Bearer;
        settings.secret = parser.value(kToken);
    } else if (parser.isSet(kSecret)) {
        *error = tr("--schema-registry-secret needs --schema-registry-user.");
        return std::nullopt;
    }
    settings.caFile = parser.value(kCa);
    settings.certFile = parser.value(kCert);
    settings.keyFile = parser.value(kKey);
    settings.verifyHostname = !parser.isSet(kNoVerify);
    if (const QStringList problems = registry::validate(settings); !problems.isEmpty()) {
        *error = tr("--schema-registry: %1").arg(problems.join(QLatin1Char(' ')));
        return std::nullopt;
    }
    return settings;
}

std::optional<registry::RegistrySettings> registryFromOptionsOrProfile(
    const QCommandLineParser &parser, QString *error)
{
    std::optional<registry::RegistrySettings> settings = registryFromOptions(parser, error);
    // optionNames() lists the options given, so this asks nothing of a command without --profile.
    const QString profileOption = QStringLiteral("profile");
    if (settings || !error->isEmpty() || !parser.optionNames().contains(profileOption)) {
        return settings;
    }
    return registryFromProfile(parser.value(profileOption), error);
}

} // namespace edis::cli
