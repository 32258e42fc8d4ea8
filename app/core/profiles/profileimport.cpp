#include "profiles/profileimport.h"

#include "kafka/connectionsettings.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <map>

namespace edis::profiles {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::profiles::Import", text);
}

using Properties = std::map<QString, QString>;

/// key=value or key: value lines; '#' and '!' start comments; a trailing backslash continues
/// the line (the Java properties rules that real files use).
Properties parseProperties(const QString &text)
{
    Properties out;
    QString pending;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        QString line = raw.trimmed();
        if (pending.isEmpty()
            && (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('!')))) {
            continue;
        }
        if (line.endsWith(QLatin1Char('\\'))) {
            pending += line.chopped(1);
            continue;
        }
        line = pending + line;
        pending.clear();
        static const QRegularExpression separator(QStringLiteral("[=:]"));
        const qsizetype at = line.indexOf(separator);
        if (at <= 0) {
            continue;
        }
        out[line.left(at).trimmed()] = line.mid(at + 1).trimmed();
    }
    return out;
}

QString take(Properties &props, std::initializer_list<const char *> keys)
{
    QString value;
    for (const char *key : keys) {
        const auto it = props.find(QLatin1String(key));
        if (it != props.end()) {
            if (value.isEmpty()) {
                value = it->second;
            }
            props.erase(it);
        }
    }
    return value;
}

/// Maps what both Java and librdkafka files can say onto a profile; leaves the rest in `props`.
ImportedProfile mapCommon(Properties &props)
{
    ImportedProfile r;
    ConnectionProfile &p = r.profile;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.bootstrapServers = take(props, {"bootstrap.servers", "metadata.broker.list"});
    if (p.bootstrapServers.isEmpty()) {
        r.error = tr("The file names no bootstrap.servers.");
        return r;
    }
    p.name = p.bootstrapServers.section(QLatin1Char(','), 0, 0);
    const QString protocol = take(props, {"security.protocol"}).toUpper();
    p.security = protocol == QLatin1String("SSL")     ? SecurityProtocol::Ssl
        : protocol == QLatin1String("SASL_PLAINTEXT") ? SecurityProtocol::SaslPlaintext
        : protocol == QLatin1String("SASL_SSL")       ? SecurityProtocol::SaslSsl
                                                      : SecurityProtocol::Plaintext;
    const QString mechanism = take(props, {"sasl.mechanism", "sasl.mechanisms"}).toUpper();
    p.mechanism = mechanism == QLatin1String("SCRAM-SHA-256") ? SaslMechanism::ScramSha256
        : mechanism == QLatin1String("SCRAM-SHA-512")         ? SaslMechanism::ScramSha512
        : mechanism == QLatin1String("OAUTHBEARER")           ? SaslMechanism::OAuthBearer
        : mechanism == QLatin1String("GSSAPI")                ? SaslMechanism::Gssapi
                                                              : SaslMechanism::Plain;
    p.username = take(props, {"sasl.username"});
    r.secrets.password = take(props, {"sasl.password"});
    p.kerberosServiceName = take(props, {"sasl.kerberos.service.name"});
    if (p.kerberosServiceName.isEmpty()) {
        p.kerberosServiceName = QStringLiteral("kafka");
    }
    p.kerberosPrincipal = take(props, {"sasl.kerberos.principal"});
    p.kerberosKeytab = take(props, {"sasl.kerberos.keytab"});
    p.oauthTokenEndpoint = take(props, {"sasl.oauthbearer.token.endpoint.url"});
    p.oauthClientId = take(props, {"sasl.oauthbearer.client.id"});
    p.oauthScope = take(props, {"sasl.oauthbearer.scope"});
    if (const QString secret = take(props, {"sasl.oauthbearer.client.secret"}); !secret.isEmpty()) {
        r.secrets.password = secret;
    }
    take(props, {"sasl.oauthbearer.method"});
    p.caFile = take(props, {"ssl.ca.location"});
    p.certFile = take(props, {"ssl.certificate.location"});
    p.keyFile = take(props, {"ssl.key.location"});
    r.secrets.keyPassword = take(props, {"ssl.key.password"});
    const auto algorithm = props.find(QStringLiteral("ssl.endpoint.identification.algorithm"));
    if (algorithm != props.end()) {
        p.verifyHostname = !(algorithm->second.isEmpty()
            || algorithm->second.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0);
        props.erase(algorithm);
    }
    return r;
}

/// The Schema Registry a client file names: `schema.registry.url` with the Confluent serializers'
/// credentials (`basic.auth.credentials.source` USER_INFO, URL or SASL_INHERIT with
/// `basic.auth.user.info`, `bearer.auth.token`), also under a `schema.registry.` prefix as kcat
/// and libserdes spell them, and a PEM CA. Takes what it reads out of `props`.
void mapRegistry(Properties &props, ImportedProfile &r)
{
    const QString urls = take(props, {"schema.registry.url"});
    const QString source
        = take(props, {"basic.auth.credentials.source", "schema.registry.basic.auth.credentials.source"})
              .toUpper();
    const QString userInfo = take(props, {"basic.auth.user.info", "schema.registry.basic.auth.user.info"});
    const QString bearerSource
        = take(props, {"bearer.auth.credentials.source", "schema.registry.bearer.auth.credentials.source"})
              .toUpper();
    const QString token = take(props, {"bearer.auth.token", "schema.registry.bearer.auth.token"});
    const QString caFile = take(props, {"schema.registry.ssl.ca.location"});
    const QString trustType = take(props, {"schema.registry.ssl.truststore.type"}).toUpper();
    const QString truststore = take(props, {"schema.registry.ssl.truststore.location"});
    take(props, {"schema.registry.ssl.truststore.password"});
    if (urls.isEmpty()) {
        return;
    }
    RegistryProfile registry;
    registry.url = urls.section(QLatin1Char(','), 0, 0).trimmed();
    if (urls.contains(QLatin1Char(','))) {
        r.warnings
            << tr("The file names several Schema Registry URLs; the first, %1, was kept.").arg(registry.url);
    }
    QUrl url(registry.url);
    if (source == QLatin1String("URL") || (!url.userName().isEmpty() && source.isEmpty())) {
        registry.auth = registry::RegistryAuth::Basic;
        registry.username = url.userName(QUrl::FullyDecoded);
        r.secrets.registrySecret = url.password(QUrl::FullyDecoded);
        url.setUserInfo({});
        registry.url = url.toString();
    } else if (source == QLatin1String("SASL_INHERIT")) {
        registry.auth = registry::RegistryAuth::Basic;
        registry.username = r.profile.username;
        r.secrets.registrySecret = r.secrets.password;
    } else if (!userInfo.isEmpty()) {
        registry.auth = registry::RegistryAuth::Basic;
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':')); // a secret may hold ':'
        registry.username = userInfo.left(colon);
        r.secrets.registrySecret = colon < 0 ? QString() : userInfo.mid(colon + 1);
    } else if (!token.isEmpty()) {
        registry.auth = registry::RegistryAuth::Bearer;
        r.secrets.registrySecret = token;
    } else if (!bearerSource.isEmpty()) {
        r.warnings << tr("The registry's bearer credentials (%1) cannot be carried over; paste a token "
                         "in the connection's Schema Registry settings.")
                          .arg(bearerSource);
    }
    if (!caFile.isEmpty()) {
        registry.caFile = caFile;
    } else if (!truststore.isEmpty()) {
        if (trustType == QLatin1String("PEM")) {
            registry.caFile = truststore;
        } else {
            r.warnings << tr("The registry's Java trust store '%1' cannot be read; export its CA "
                             "certificate as PEM and choose it in the Schema Registry settings.")
                              .arg(truststore);
        }
    }
    r.profile.registry = registry;
}

/// Keeps the properties librdkafka accepts as extra properties; names the others in warnings.
void keepLibrdkafkaProperties(ImportedProfile &r, const Properties &rest)
{
    for (const auto &[key, value] : rest) {
        if (kafka::isClientProperty(key.toStdString(), value.toStdString())) {
            r.profile.extraProperties[key.toStdString()] = value.toStdString();
        } else {
            r.warnings << tr("'%1' is not a librdkafka setting and was left out.").arg(key);
        }
    }
}

} // namespace

ConnectionProfile preset(BrokerKind kind)
{
    ConnectionProfile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.kind = kind;
    switch (kind) {
    case BrokerKind::Kafka:
        p.name = tr("Kafka");
        p.bootstrapServers = QStringLiteral("localhost:9092");
        break;
    case BrokerKind::Redpanda:
        p.name = tr("Redpanda");
        p.bootstrapServers = QStringLiteral("localhost:19092");
        break;
    case BrokerKind::ConfluentCloud:
        // Confluent Cloud: SASL_SSL with PLAIN, the API key as user and the API secret as password.
        p.name = tr("Confluent Cloud");
        p.security = SecurityProtocol::SaslSsl;
        p.mechanism = SaslMechanism::Plain;
        p.extraProperties = {{"session.timeout.ms", "45000"}};
        break;
    case BrokerKind::EventHubs:
        p.name = tr("Azure Event Hubs");
        p.security = SecurityProtocol::SaslSsl;
        p.mechanism = SaslMechanism::Plain;
        p.username = QStringLiteral("$ConnectionString");
        // Azure's recommendations for librdkafka clients: its load balancer drops connections
        // idle for 240 s, so close them first and refresh metadata before that.
        p.extraProperties = {{"socket.keepalive.enable", "true"}, {"connections.max.idle.ms", "180000"},
            {"metadata.max.age.ms", "180000"}, {"request.timeout.ms", "60000"}};
        break;
    }
    return p;
}

ImportedProfile fromEventHubsConnectionString(const QString &connectionString)
{
    ImportedProfile r;
    r.profile = preset(BrokerKind::EventHubs);
    QString endpoint;
    bool hasKey = false;
    for (const QString &part : connectionString.trimmed().split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString key = part.left(eq).trimmed();
        if (key.compare(QLatin1String("Endpoint"), Qt::CaseInsensitive) == 0) {
            endpoint = part.mid(eq + 1).trimmed();
        } else if (key.compare(QLatin1String("SharedAccessKey"), Qt::CaseInsensitive) == 0
            || key.compare(QLatin1String("SharedAccessSignature"), Qt::CaseInsensitive) == 0) {
            hasKey = true;
        } else if (key.compare(QLatin1String("EntityPath"), Qt::CaseInsensitive) == 0) {
            r.warnings << tr("The string is scoped to the event hub '%1': only that topic will be visible.")
                              .arg(part.mid(eq + 1).trimmed());
        }
    }
    const QString host = QUrl(endpoint).host();
    if (host.isEmpty()) {
        r.error = tr("Not an Event Hubs connection string: it has no "
                     "Endpoint=sb://<namespace>.servicebus.windows.net/ part.");
        return r;
    }
    if (!hasKey) {
        r.error = tr("The connection string has no SharedAccessKey.");
        return r;
    }
    r.profile.name = host.section(QLatin1Char('.'), 0, 0);
    r.profile.bootstrapServers = host + QStringLiteral(":9093");
    r.secrets.password = connectionString.trimmed();
    return r;
}

ImportedProfile fromJavaProperties(const QString &text)
{
    Properties props = parseProperties(text);
    const QString jaas = take(props, {"sasl.jaas.config"});
    ImportedProfile r = mapCommon(props);
    if (!r.ok()) {
        return r;
    }
    if (!jaas.isEmpty()) {
        static const QRegularExpression user(QStringLiteral(R"re(username\s*=\s*"([^"]*)")re"));
        static const QRegularExpression password(QStringLiteral(R"re(password\s*=\s*"([^"]*)")re"));
        static const QRegularExpression principal(QStringLiteral(R"re(principal\s*=\s*"([^"]*)")re"));
        static const QRegularExpression keytab(QStringLiteral(R"re(keyTab\s*=\s*"([^"]*)")re"));
        r.profile.username = user.match(jaas).captured(1);
        r.secrets.password = password.match(jaas).captured(1);
        if (r.profile.mechanism == SaslMechanism::Gssapi) {
            r.profile.kerberosPrincipal = principal.match(jaas).captured(1);
            r.profile.kerberosKeytab = keytab.match(jaas).captured(1);
        }
    }
    mapRegistry(props, r); // after the JAAS credentials, which SASL_INHERIT reuses
    const QString trustType = take(props, {"ssl.truststore.type"}).toUpper();
    const QString truststore = take(props, {"ssl.truststore.location"});
    if (!truststore.isEmpty()) {
        if (trustType == QLatin1String("PEM")) {
            r.profile.caFile = truststore;
        } else {
            r.warnings << tr(
                "librdkafka cannot read the Java trust store '%1'. Export its CA certificate as PEM "
                "(keytool -exportcert -rfc -keystore FILE -alias ALIAS) and choose that file.")
                              .arg(truststore);
        }
    }
    take(props, {"ssl.truststore.password"});
    const QString keystore = take(props, {"ssl.keystore.location"});
    take(props, {"ssl.keystore.password", "ssl.keystore.type", "ssl.key.password"});
    if (!keystore.isEmpty()) {
        r.warnings << tr(
            "librdkafka cannot read the Java key store '%1'. Export the client certificate and key as "
            "PEM files and choose them.")
                          .arg(keystore);
    }
    // Java-only client settings (serializers, JAAS callbacks, …) mean nothing to librdkafka.
    Properties rest;
    for (const auto &[k, v] : props) {
        if (!k.startsWith(QLatin1String("key.")) && !k.startsWith(QLatin1String("value."))
            && !k.contains(QLatin1String("callback"))) {
            rest.emplace(k, v);
        }
    }
    keepLibrdkafkaProperties(r, rest);
    return r;
}

ImportedProfile fromKcatConfig(const QString &text)
{
    Properties props = parseProperties(text);
    ImportedProfile r = mapCommon(props);
    if (r.ok()) {
        mapRegistry(props, r);
        keepLibrdkafkaProperties(r, props);
    }
    return r;
}

} // namespace edis::profiles
