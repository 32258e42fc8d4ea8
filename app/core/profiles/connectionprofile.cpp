#include "profiles/connectionprofile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <array>
#include <utility>

namespace edis::profiles {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::profiles::ConnectionProfile", text);
}

// One table per enum: the JSON spelling, which is also what users see in exported files.
constexpr std::array kKindNames {std::pair {BrokerKind::Kafka, "kafka"},
    std::pair {BrokerKind::EventHubs, "eventhubs"}, std::pair {BrokerKind::Redpanda, "redpanda"},
    std::pair {BrokerKind::ConfluentCloud, "confluent-cloud"}};
constexpr std::array kProtocolNames {std::pair {SecurityProtocol::Plaintext, "PLAINTEXT"},
    std::pair {SecurityProtocol::Ssl, "SSL"}, std::pair {SecurityProtocol::SaslPlaintext, "SASL_PLAINTEXT"},
    std::pair {SecurityProtocol::SaslSsl, "SASL_SSL"}};
constexpr std::array kMechanismNames {std::pair {SaslMechanism::Plain, "PLAIN"},
    std::pair {SaslMechanism::ScramSha256, "SCRAM-SHA-256"},
    std::pair {SaslMechanism::ScramSha512, "SCRAM-SHA-512"},
    std::pair {SaslMechanism::OAuthBearer, "OAUTHBEARER"}, std::pair {SaslMechanism::Gssapi, "GSSAPI"}};

template <typename Table, typename Enum>
QString nameOf(const Table &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template <typename Table, typename Enum>
Enum valueOf(const Table &table, const QString &name, Enum fallback)
{
    for (const auto &[v, n] : table) {
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0) {
            return v;
        }
    }
    return fallback;
}

void put(kafka::ConnectionSettings &s, const char *key, const QString &value)
{
    if (!value.isEmpty()) {
        s.properties[key] = value.toStdString();
    }
}

} // namespace

QString toString(BrokerKind kind)
{
    return nameOf(kKindNames, kind);
}
QString toString(SecurityProtocol protocol)
{
    return nameOf(kProtocolNames, protocol);
}
QString toString(SaslMechanism mechanism)
{
    return nameOf(kMechanismNames, mechanism);
}

bool ConnectionProfile::needsSecret() const
{
    if (!usesSasl()) {
        return false;
    }
    return mechanism != SaslMechanism::Gssapi; // Kerberos authenticates with the keytab
}

QString ConnectionProfile::secretLabel() const
{
    if (!usesSasl()) {
        return {};
    }
    switch (mechanism) {
    case SaslMechanism::Plain:
        return kind == BrokerKind::EventHubs     ? tr("Connection string")
            : kind == BrokerKind::ConfluentCloud ? tr("API secret")
                                                 : tr("Password");
    case SaslMechanism::ScramSha256:
    case SaslMechanism::ScramSha512:
        return tr("Password");
    case SaslMechanism::OAuthBearer:
        return oauthMode == OAuthMode::StaticToken ? tr("Token") : tr("Client secret");
    case SaslMechanism::Gssapi:
        break;
    }
    return {};
}

QString RegistryProfile::secretLabel() const
{
    switch (auth) {
    case registry::RegistryAuth::None:
        break;
    case registry::RegistryAuth::Basic:
        return tr("Registry password");
    case registry::RegistryAuth::Bearer:
        return tr("Registry token");
    }
    return {};
}

bool isSecretProperty(const std::string &key)
{
    // The one list (habit 10): the inspector's copied commands, exports and the saved profile all
    // ask here. "sasl.oauthbearer.config" holds a static OAUTHBEARER token, "sasl.jaas.config" a
    // Java client's password, "key.pem" a private key.
    constexpr std::array kMarkers {"password", "secret", "token", "sasl.oauthbearer.config",
        "sasl.jaas.config", "key.pem", "ssl_key", "ssl.keystore"};
    return std::ranges::any_of(
        kMarkers, [&key](const char *marker) { return key.find(marker) != std::string::npos; });
}

void moveSecretProperties(ConnectionProfile &profile, ProfileSecrets &secrets)
{
    for (auto it = profile.extraProperties.begin(); it != profile.extraProperties.end();) {
        if (isSecretProperty(it->first)) {
            secrets.properties[it->first] = it->second;
            it = profile.extraProperties.erase(it);
        } else {
            ++it;
        }
    }
}

QStringList validate(const ConnectionProfile &p)
{
    QStringList problems;
    if (p.name.trimmed().isEmpty()) {
        problems << tr("Give the connection a name.");
    }
    if (p.bootstrapServers.trimmed().isEmpty()) {
        problems << tr("Enter at least one bootstrap server as host:port.");
    } else {
        for (const QString &server : p.bootstrapServers.split(QLatin1Char(','))) {
            const QString s = server.trimmed();
            const qsizetype colon = s.lastIndexOf(QLatin1Char(':'));
            bool portOk = false;
            const int port = colon > 0 ? s.mid(colon + 1).toInt(&portOk) : 0;
            if (!portOk || port < 1 || port > 65535) {
                problems << tr("'%1' is not host:port.").arg(s);
            }
        }
    }
    if (p.usesSasl()) {
        switch (p.mechanism) {
        case SaslMechanism::Plain:
        case SaslMechanism::ScramSha256:
        case SaslMechanism::ScramSha512:
            if (p.username.isEmpty()) {
                problems << tr("%1 needs a user name.").arg(toString(p.mechanism));
            }
            break;
        case SaslMechanism::OAuthBearer:
            if (p.oauthMode == OAuthMode::OidcClientCredentials
                && (p.oauthTokenEndpoint.isEmpty() || p.oauthClientId.isEmpty())) {
                problems << tr("OAUTHBEARER with OIDC needs a token endpoint URL and a client id.");
            }
            break;
        case SaslMechanism::Gssapi:
            if (p.kerberosPrincipal.isEmpty()) {
                problems << tr("GSSAPI (Kerberos) needs a principal.");
            }
            break;
        }
    }
    if (p.certFile.isEmpty() != p.keyFile.isEmpty()) {
        problems << tr("A client certificate needs both the certificate file and its key file.");
    }
    if (p.registry) {
        // The secrets do not matter for validity; the registry's own rules are in one place.
        problems << registry::validate(*toRegistrySettings(p, {}));
    }
    return problems;
}

kafka::ConnectionSettings toConnectionSettings(const ConnectionProfile &p, const ProfileSecrets &secrets)
{
    kafka::ConnectionSettings s;
    s.displayName = p.name;
    s.bootstrapServers = p.bootstrapServers.trimmed();
    s.properties["security.protocol"] = toString(p.security).toLower().toStdString();
    if (p.usesSasl()) {
        s.properties["sasl.mechanisms"] = toString(p.mechanism).toStdString();
        switch (p.mechanism) {
        case SaslMechanism::Plain:
        case SaslMechanism::ScramSha256:
        case SaslMechanism::ScramSha512:
            put(s, "sasl.username", p.username);
            put(s, "sasl.password", secrets.password);
            break;
        case SaslMechanism::OAuthBearer:
            if (p.oauthMode == OAuthMode::OidcClientCredentials) {
                s.properties["sasl.oauthbearer.method"] = "oidc";
                put(s, "sasl.oauthbearer.token.endpoint.url", p.oauthTokenEndpoint);
                put(s, "sasl.oauthbearer.client.id", p.oauthClientId);
                put(s, "sasl.oauthbearer.client.secret", secrets.password);
                put(s, "sasl.oauthbearer.scope", p.oauthScope);
            } else {
                // buildConf() installs a token callback that hands this token to librdkafka.
                s.properties["sasl.oauthbearer.config"]
                    = "edis.static.token=" + secrets.password.toStdString();
            }
            break;
        case SaslMechanism::Gssapi:
            put(s, "sasl.kerberos.principal", p.kerberosPrincipal);
            put(s, "sasl.kerberos.keytab", p.kerberosKeytab);
            put(s, "sasl.kerberos.service.name", p.kerberosServiceName);
            break;
        }
    }
    if (p.usesTls()) {
        put(s, "ssl.ca.location", p.caFile);
        put(s, "ssl.certificate.location", p.certFile);
        put(s, "ssl.key.location", p.keyFile);
        put(s, "ssl.key.password", secrets.keyPassword);
        s.properties["ssl.endpoint.identification.algorithm"] = p.verifyHostname ? "https" : "none";
    }
    // The user's own properties come last: they are the escape hatch for anything above.
    for (const auto &[k, v] : p.extraProperties) {
        s.properties[k] = v;
    }
    for (const auto &[k, v] : secrets.properties) {
        s.properties[k] = v;
    }
    return s;
}

std::optional<registry::RegistrySettings> toRegistrySettings(
    const ConnectionProfile &p, const ProfileSecrets &secrets)
{
    if (!p.registry) {
        return std::nullopt;
    }
    const RegistryProfile &r = *p.registry;
    registry::RegistrySettings s;
    s.url = r.url.trimmed();
    s.auth = r.auth;
    s.username = r.username;
    s.secret = secrets.registrySecret;
    s.caFile = r.caFile;
    s.certFile = r.certFile;
    s.keyFile = r.keyFile;
    s.keyPassword = secrets.registryKeyPassword;
    s.verifyHostname = r.verifyHostname;
    s.requestTimeout = std::chrono::milliseconds(r.requestTimeoutMs);
    return s;
}

namespace {

QJsonObject registryToJson(const RegistryProfile &r)
{
    QJsonObject o {
        {QStringLiteral("url"), r.url},
        {QStringLiteral("auth"), registry::toString(r.auth)},
        {QStringLiteral("verifyHostname"), r.verifyHostname},
        {QStringLiteral("requestTimeoutMs"), r.requestTimeoutMs},
    };
    const auto putIfSet = [&o](const char *key, const QString &value) {
        if (!value.isEmpty()) {
            o.insert(QLatin1String(key), value);
        }
    };
    putIfSet("username", r.username);
    putIfSet("caFile", r.caFile);
    putIfSet("certFile", r.certFile);
    putIfSet("keyFile", r.keyFile);
    return o;
}

RegistryProfile registryFromJson(const QJsonObject &o)
{
    RegistryProfile r;
    r.url = o.value(QLatin1String("url")).toString();
    r.auth = registry::authFromString(o.value(QLatin1String("auth")).toString());
    r.username = o.value(QLatin1String("username")).toString();
    r.caFile = o.value(QLatin1String("caFile")).toString();
    r.certFile = o.value(QLatin1String("certFile")).toString();
    r.keyFile = o.value(QLatin1String("keyFile")).toString();
    r.verifyHostname = o.value(QLatin1String("verifyHostname")).toBool(true);
    r.requestTimeoutMs = o.value(QLatin1String("requestTimeoutMs")).toInt(r.requestTimeoutMs);
    return r;
}

} // namespace

QJsonObject toJson(const ConnectionProfile &p)
{
    QJsonObject extra;
    for (const auto &[k, v] : p.extraProperties) {
        if (!isSecretProperty(k)) { // belt and braces: secrets belong in the SecretStore
            extra.insert(QString::fromStdString(k), QString::fromStdString(v));
        }
    }
    QJsonObject o {
        {QStringLiteral("id"), p.id},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("kind"), toString(p.kind)},
        {QStringLiteral("bootstrapServers"), p.bootstrapServers},
        {QStringLiteral("securityProtocol"), toString(p.security)},
        {QStringLiteral("readOnly"), p.readOnly},
        {QStringLiteral("lastUsedMs"), p.lastUsedMs},
    };
    if (p.usesSasl()) {
        o.insert(QStringLiteral("saslMechanism"), toString(p.mechanism));
        o.insert(QStringLiteral("username"), p.username);
        o.insert(QStringLiteral("oauthMode"),
            p.oauthMode == OAuthMode::StaticToken ? QStringLiteral("token") : QStringLiteral("oidc"));
        o.insert(QStringLiteral("oauthTokenEndpoint"), p.oauthTokenEndpoint);
        o.insert(QStringLiteral("oauthClientId"), p.oauthClientId);
        o.insert(QStringLiteral("oauthScope"), p.oauthScope);
        o.insert(QStringLiteral("kerberosPrincipal"), p.kerberosPrincipal);
        o.insert(QStringLiteral("kerberosKeytab"), p.kerberosKeytab);
        o.insert(QStringLiteral("kerberosServiceName"), p.kerberosServiceName);
    }
    if (p.usesTls()) {
        o.insert(QStringLiteral("caFile"), p.caFile);
        o.insert(QStringLiteral("certFile"), p.certFile);
        o.insert(QStringLiteral("keyFile"), p.keyFile);
        o.insert(QStringLiteral("verifyHostname"), p.verifyHostname);
    }
    if (!extra.isEmpty()) {
        o.insert(QStringLiteral("properties"), extra);
    }
    if (p.registry) {
        o.insert(QStringLiteral("schemaRegistry"), registryToJson(*p.registry));
    }
    return o;
}

ConnectionProfile profileFromJson(const QJsonObject &o)
{
    ConnectionProfile p;
    const auto str = [&o](const char *key, const QString &fallback = {}) {
        return o.value(QLatin1String(key)).toString(fallback);
    };
    p.id = str("id");
    p.name = str("name");
    p.kind = valueOf(kKindNames, str("kind"), BrokerKind::Kafka);
    p.bootstrapServers = str("bootstrapServers");
    p.security = valueOf(kProtocolNames, str("securityProtocol"), SecurityProtocol::Plaintext);
    p.mechanism = valueOf(kMechanismNames, str("saslMechanism"), SaslMechanism::Plain);
    p.username = str("username");
    p.oauthMode = str("oauthMode") == QLatin1String("token") ? OAuthMode::StaticToken
                                                             : OAuthMode::OidcClientCredentials;
    p.oauthTokenEndpoint = str("oauthTokenEndpoint");
    p.oauthClientId = str("oauthClientId");
    p.oauthScope = str("oauthScope");
    p.kerberosPrincipal = str("kerberosPrincipal");
    p.kerberosKeytab = str("kerberosKeytab");
    p.kerberosServiceName = str("kerberosServiceName", QStringLiteral("kafka"));
    p.caFile = str("caFile");
    p.certFile = str("certFile");
    p.keyFile = str("keyFile");
    p.verifyHostname = o.value(QLatin1String("verifyHostname")).toBool(true);
    p.readOnly = o.value(QLatin1String("readOnly")).toBool(false);
    p.lastUsedMs = o.value(QLatin1String("lastUsedMs")).toInteger(0);
    const QJsonObject extra = o.value(QLatin1String("properties")).toObject();
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        p.extraProperties[it.key().toStdString()] = it.value().toString().toStdString();
    }
    if (const QJsonValue registry = o.value(QLatin1String("schemaRegistry")); registry.isObject()) {
        p.registry = registryFromJson(registry.toObject());
    }
    return p;
}

QStringList validate(const RabbitProfile &profile)
{
    QStringList problems;
    if (profile.name.trimmed().isEmpty()) {
        problems << tr("Give the connection a name.");
    }
    const QUrl management(profile.managementUrl.trimmed());
    if (profile.managementUrl.trimmed().isEmpty()) {
        problems << tr("Enter the management API's URL (http://host:15672).");
    } else if (!management.isValid() || management.host().isEmpty()
        || (management.scheme() != QLatin1String("http") && management.scheme() != QLatin1String("https"))) {
        problems << tr("The management URL must be http:// or https:// with a host.");
    }
    const QString amqp = profile.amqpUrl.trimmed();
    if (!amqp.isEmpty()) {
        const QUrl url(amqp);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("amqp") && url.scheme() != QLatin1String("amqps"))) {
            problems << tr("The AMQP URL must be amqp:// or amqps:// with a host.");
        } else if (!url.password().isEmpty()) {
            problems << tr("Leave the password out of the AMQP URL: it is kept in the keychain.");
        }
    }
    if (profile.vhost.isEmpty()) {
        problems << tr("Enter the virtual host (/ is the default one).");
    }
    return problems;
}

QJsonObject toJson(const RabbitProfile &profile)
{
    return QJsonObject {{QStringLiteral("id"), profile.id}, {QStringLiteral("name"), profile.name},
        {QStringLiteral("managementUrl"), profile.managementUrl},
        {QStringLiteral("amqpUrl"), profile.amqpUrl}, {QStringLiteral("vhost"), profile.vhost},
        {QStringLiteral("username"), profile.username}, {QStringLiteral("readOnly"), profile.readOnly},
        {QStringLiteral("lastUsedMs"), double(profile.lastUsedMs)}};
}

RabbitProfile rabbitProfileFromJson(const QJsonObject &o)
{
    RabbitProfile p;
    p.id = o.value(QLatin1String("id")).toString();
    p.name = o.value(QLatin1String("name")).toString();
    p.managementUrl = o.value(QLatin1String("managementUrl")).toString();
    p.amqpUrl = o.value(QLatin1String("amqpUrl")).toString();
    p.vhost = o.value(QLatin1String("vhost")).toString(QStringLiteral("/"));
    p.username = o.value(QLatin1String("username")).toString();
    p.readOnly = o.value(QLatin1String("readOnly")).toBool();
    p.lastUsedMs = qint64(o.value(QLatin1String("lastUsedMs")).toDouble());
    return p;
}

} // namespace edis::profiles
