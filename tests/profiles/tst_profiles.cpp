// Connection profiles: what users type or import becomes the right librdkafka settings, and
// what is saved never contains a secret.

#include "profiles/connectionprofile.h"
#include "profiles/profileimport.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "util/filebounds.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edis::profiles;

namespace {

using Props = std::map<std::string, std::string>;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

ConnectionProfile saslProfile()
{
    ConnectionProfile p = preset(BrokerKind::Kafka);
    p.name = QStringLiteral("Prod");
    p.bootstrapServers = QStringLiteral("broker-1:9093,broker-2:9093");
    p.security = SecurityProtocol::SaslSsl;
    p.mechanism = SaslMechanism::ScramSha512;
    p.username = QStringLiteral("alice");
    p.caFile = QStringLiteral("ca.pem");
    return p;
}

} // namespace

Q_DECLARE_METATYPE(Props)

class TestProfiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The one list of secret properties: everything that builds a command, an export or a saved
    // profile asks isSecretProperty, so a row missing here is a secret that leaks there.
    void secretPropertiesAreRecognised_data()
    {
        QTest::addColumn<QString>("property");
        QTest::addColumn<bool>("secret");
        QTest::newRow("sasl.password") << "sasl.password" << true;
        QTest::newRow("ssl.key.password") << "ssl.key.password" << true;
        QTest::newRow("ssl.keystore.password") << "ssl.keystore.password" << true;
        QTest::newRow("ssl.key.pem") << "ssl.key.pem" << true;
        QTest::newRow("ssl_key.pem") << "ssl_key.pem" << true;
        QTest::newRow("static oauthbearer token") << "sasl.oauthbearer.config" << true;
        QTest::newRow("oidc client secret") << "sasl.oauthbearer.client.secret" << true;
        QTest::newRow("java jaas config") << "sasl.jaas.config" << true;
        QTest::newRow("an access token") << "sasl.oauthbearer.token" << true;
        QTest::newRow("bootstrap.servers") << "bootstrap.servers" << false;
        QTest::newRow("sasl.username") << "sasl.username" << false;
        QTest::newRow("sasl.mechanism") << "sasl.mechanism" << false;
        QTest::newRow("ssl.ca.location") << "ssl.ca.location" << false;
        QTest::newRow("ssl.certificate.location") << "ssl.certificate.location" << false;
        QTest::newRow("client.id") << "client.id" << false;
    }
    void secretPropertiesAreRecognised()
    {
        QFETCH(QString, property);
        QFETCH(bool, secret);
        QCOMPARE(isSecretProperty(property.toStdString()), secret);
        // And a secret typed into a profile's extra properties never reaches its file.
        ConnectionProfile profile;
        profile.name = QStringLiteral("p");
        profile.bootstrapServers = QStringLiteral("localhost:9092");
        profile.extraProperties[property.toStdString()] = "value-that-must-stay-put";
        ProfileSecrets secrets;
        moveSecretProperties(profile, secrets);
        QCOMPARE(secrets.properties.count(property.toStdString()) == 1, secret);
        QCOMPARE(profile.extraProperties.count(property.toStdString()) == 1, !secret);
    }

    void settingsFollowTheProfile_data()
    {
        QTest::addColumn<ConnectionProfile>("profile");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<Props>("expected");
        QTest::addColumn<QStringList>("absent");

        ConnectionProfile plain = preset(BrokerKind::Kafka);
        QTest::newRow("plaintext") << plain << QString() << Props {{"security.protocol", "plaintext"}}
                                   << QStringList {"sasl.mechanisms", "ssl.ca.location", "sasl.password"};

        ConnectionProfile scram = saslProfile();
        QTest::newRow("scram over tls")
            << scram << "s3cret"
            << Props {{"security.protocol", "sasl_ssl"}, {"sasl.mechanisms", "SCRAM-SHA-512"},
                   {"sasl.username", "alice"}, {"sasl.password", "s3cret"}, {"ssl.ca.location", "ca.pem"},
                   {"ssl.endpoint.identification.algorithm", "https"}}
            << QStringList {"sasl.oauthbearer.method"};

        ConnectionProfile noVerify = scram;
        noVerify.verifyHostname = false;
        QTest::newRow("hostname verification off")
            << noVerify << "x" << Props {{"ssl.endpoint.identification.algorithm", "none"}} << QStringList {};

        ConnectionProfile oidc = saslProfile();
        oidc.mechanism = SaslMechanism::OAuthBearer;
        oidc.oauthTokenEndpoint = QStringLiteral("https://idp.example.com/token");
        oidc.oauthClientId = QStringLiteral("edis");
        oidc.oauthScope = QStringLiteral("kafka");
        QTest::newRow("oauth oidc") << oidc << "client-secret"
                                    << Props {{"sasl.mechanisms", "OAUTHBEARER"},
                                           {"sasl.oauthbearer.method", "oidc"},
                                           {"sasl.oauthbearer.client.id", "edis"},
                                           {"sasl.oauthbearer.client.secret", "client-secret"},
                                           {"sasl.oauthbearer.token.endpoint.url",
                                               "https://idp.example.com/token"},
                                           {"sasl.oauthbearer.scope", "kafka"}}
                                    << QStringList {"sasl.username", "sasl.password"};

        ConnectionProfile token = oidc;
        token.oauthMode = OAuthMode::StaticToken;
        QTest::newRow("oauth static token")
            << token << "eyJ.token" << Props {{"sasl.oauthbearer.config", "edis.static.token=eyJ.token"}}
            << QStringList {"sasl.oauthbearer.method"};

        ConnectionProfile kerberos = saslProfile();
        kerberos.security = SecurityProtocol::SaslPlaintext;
        kerberos.mechanism = SaslMechanism::Gssapi;
        kerberos.kerberosPrincipal = QStringLiteral("edis@EXAMPLE.COM");
        kerberos.kerberosKeytab = QStringLiteral("/etc/edis.keytab");
        QTest::newRow("kerberos") << kerberos << QString()
                                  << Props {{"sasl.mechanisms", "GSSAPI"},
                                         {"sasl.kerberos.principal", "edis@EXAMPLE.COM"},
                                         {"sasl.kerberos.keytab", "/etc/edis.keytab"},
                                         {"sasl.kerberos.service.name", "kafka"}}
                                  << QStringList {"ssl.ca.location", "sasl.password"};

        ConnectionProfile extra = preset(BrokerKind::Kafka);
        extra.extraProperties = {{"client.id", "mine"}, {"security.protocol", "ssl"}};
        QTest::newRow("extra properties win")
            << extra << QString() << Props {{"client.id", "mine"}, {"security.protocol", "ssl"}}
            << QStringList {};
    }
    void settingsFollowTheProfile()
    {
        QFETCH(ConnectionProfile, profile);
        QFETCH(QString, secret);
        QFETCH(Props, expected);
        QFETCH(QStringList, absent);
        ProfileSecrets secrets;
        secrets.password = secret;
        const auto settings = toConnectionSettings(profile, secrets);
        for (const auto &[k, v] : expected) {
            const auto it = settings.properties.find(k);
            QVERIFY2(it != settings.properties.end(), k.c_str());
            QCOMPARE(QString::fromStdString(it->second), QString::fromStdString(v));
        }
        for (const auto &k : absent) {
            QVERIFY2(!settings.properties.contains(k.toStdString()), qPrintable(k));
        }
        // librdkafka itself accepts every setting we produce, or says which feature its build
        // lacks (Debian's 2.0.2 has no OIDC: it was built without libcurl).
        QString error;
        if (!edis::kafka::acceptsSettings(settings, &error)) {
            QVERIFY2(error.contains(QLatin1String("not supported in this build")), qPrintable(error));
        }
    }

    void validationNamesTheProblem_data()
    {
        QTest::addColumn<ConnectionProfile>("profile");
        QTest::addColumn<QString>("mentions");
        ConnectionProfile p = saslProfile();
        QTest::newRow("ok") << p << QString();
        ConnectionProfile noName = p;
        noName.name.clear();
        QTest::newRow("no name") << noName << "name";
        ConnectionProfile badPort = p;
        badPort.bootstrapServers = QStringLiteral("broker:99999");
        QTest::newRow("bad port") << badPort << "host:port";
        ConnectionProfile noUser = p;
        noUser.username.clear();
        QTest::newRow("no user") << noUser << "user name";
        ConnectionProfile halfCert = p;
        halfCert.certFile = QStringLiteral("client.pem");
        QTest::newRow("cert without key") << halfCert << "key file";
        ConnectionProfile withRegistry = p;
        withRegistry.registry = RegistryProfile {};
        withRegistry.registry->url = QStringLiteral("https://registry.example.com:8081");
        QTest::newRow("registry ok") << withRegistry << QString();
        ConnectionProfile apicurio = withRegistry;
        apicurio.registry->url = QStringLiteral("http://127.0.0.1:8080/apis/ccompat/v7");
        QTest::newRow("registry with a path") << apicurio << QString();
        ConnectionProfile badRegistryUrl = withRegistry;
        badRegistryUrl.registry->url = QStringLiteral("registry.example.com:8081");
        QTest::newRow("registry URL without scheme") << badRegistryUrl << "not a Schema Registry URL";
        ConnectionProfile noRegistryUrl = withRegistry;
        noRegistryUrl.registry->url.clear();
        QTest::newRow("registry without URL") << noRegistryUrl << "Registry's URL";
        ConnectionProfile registryPasswordInUrl = withRegistry;
        registryPasswordInUrl.registry->url = QStringLiteral("https://key:secret@registry.example.com");
        QTest::newRow("registry password in URL") << registryPasswordInUrl << "not in the URL";
        ConnectionProfile registryNoUser = withRegistry;
        registryNoUser.registry->auth = edis::registry::RegistryAuth::Basic;
        QTest::newRow("registry basic auth without user") << registryNoUser << "user name";
        ConnectionProfile registryHalfCert = withRegistry;
        registryHalfCert.registry->keyFile = QStringLiteral("registry.key");
        QTest::newRow("registry key without cert") << registryHalfCert << "registry client certificate";
    }
    void validationNamesTheProblem()
    {
        QFETCH(ConnectionProfile, profile);
        QFETCH(QString, mentions);
        const QStringList problems = validate(profile);
        if (mentions.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().contains(mentions), qPrintable(problems.first()));
        }
    }

    void eventHubsConnectionString()
    {
        const QString cs = QStringLiteral(
            "Endpoint=sb://contoso-erp.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            "SharedAccessKey=abc123=");
        const ImportedProfile r = fromEventHubsConnectionString(cs);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.profile.kind == BrokerKind::EventHubs);
        QCOMPARE(r.profile.name, QStringLiteral("contoso-erp"));
        QCOMPARE(r.profile.bootstrapServers, QStringLiteral("contoso-erp.servicebus.windows.net:9093"));
        QVERIFY(r.profile.security == SecurityProtocol::SaslSsl);
        QVERIFY(r.profile.mechanism == SaslMechanism::Plain);
        QCOMPARE(r.profile.username, QStringLiteral("$ConnectionString"));
        QCOMPARE(r.secrets.password, cs);
        const auto settings = toConnectionSettings(r.profile, r.secrets);
        QCOMPARE(settings.properties.at("connections.max.idle.ms"), std::string("180000"));
        QCOMPARE(settings.properties.at("socket.keepalive.enable"), std::string("true"));
        QVERIFY(settings.properties.contains("metadata.max.age.ms"));
        QVERIFY(r.warnings.isEmpty());

        const ImportedProfile scoped
            = fromEventHubsConnectionString(cs + QStringLiteral(";EntityPath=orders"));
        QVERIFY(scoped.ok());
        QCOMPARE(scoped.warnings.size(), 1);
        QVERIFY(scoped.warnings.first().contains(QLatin1String("orders")));
    }

    void eventHubsRejectsNonsense_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << QString();
        QTest::newRow("not a connection string") << QStringLiteral("hello world");
        QTest::newRow("no key") << QStringLiteral(
            "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a");
    }
    void eventHubsRejectsNonsense()
    {
        QFETCH(QString, input);
        const ImportedProfile r = fromEventHubsConnectionString(input);
        QVERIFY(!r.ok());
        QVERIFY(!r.error.isEmpty());
    }

    void importsJavaClientProperties()
    {
        const QString text = QStringLiteral(
            "# Confluent Cloud\n"
            "bootstrap.servers=pkc-123.europe-west1.gcp.confluent.cloud:9092\n"
            "security.protocol=SASL_SSL\n"
            "sasl.mechanism=PLAIN\n"
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n"
            "    username=\"APIKEY\" password=\"APISECRET\";\n"
            "ssl.truststore.location=/etc/kafka/truststore.jks\n"
            "ssl.truststore.password=changeit\n"
            "client.dns.lookup=use_all_dns_ips\n"
            "session.timeout.ms=45000\n"
            "key.serializer=org.apache.kafka.common.serialization.StringSerializer\n");
        const ImportedProfile r = fromJavaProperties(text);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.profile.bootstrapServers, QStringLiteral("pkc-123.europe-west1.gcp.confluent.cloud:9092"));
        QVERIFY(r.profile.security == SecurityProtocol::SaslSsl);
        QVERIFY(r.profile.mechanism == SaslMechanism::Plain);
        QCOMPARE(r.profile.username, QStringLiteral("APIKEY"));
        QCOMPARE(r.secrets.password, QStringLiteral("APISECRET"));
        QCOMPARE(r.profile.extraProperties.at("session.timeout.ms"), std::string("45000"));
        QVERIFY(!r.profile.extraProperties.contains("key.serializer"));
        // The JKS trust store and the Java-only DNS setting are explained, not silently dropped.
        QVERIFY(std::any_of(r.warnings.cbegin(), r.warnings.cend(),
            [](const QString &w) { return w.contains(QLatin1String("truststore.jks")); }));
        QVERIFY(std::any_of(r.warnings.cbegin(), r.warnings.cend(),
            [](const QString &w) { return w.contains(QLatin1String("client.dns.lookup")); }));
    }

    void importsKcatConfig()
    {
        const QString text = QStringLiteral("metadata.broker.list=kafka.example.com:9094\n"
                                            "security.protocol=ssl\n"
                                            "ssl.ca.location=/etc/ssl/ca.pem\n"
                                            "ssl.certificate.location=/etc/ssl/me.pem\n"
                                            "ssl.key.location=/etc/ssl/me.key\n"
                                            "ssl.key.password=keypass\n"
                                            "ssl.endpoint.identification.algorithm=none\n"
                                            "queue.buffering.max.ms=5\n");
        const ImportedProfile r = fromKcatConfig(text);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.profile.bootstrapServers, QStringLiteral("kafka.example.com:9094"));
        QVERIFY(r.profile.security == SecurityProtocol::Ssl);
        QCOMPARE(r.profile.caFile, QStringLiteral("/etc/ssl/ca.pem"));
        QCOMPARE(r.profile.certFile, QStringLiteral("/etc/ssl/me.pem"));
        QCOMPARE(r.profile.keyFile, QStringLiteral("/etc/ssl/me.key"));
        QCOMPARE(r.secrets.keyPassword, QStringLiteral("keypass"));
        QVERIFY(!r.profile.verifyHostname);
        QCOMPARE(r.profile.extraProperties.at("queue.buffering.max.ms"), std::string("5"));
        QVERIFY(!fromKcatConfig(QStringLiteral("security.protocol=ssl\n")).ok());
    }

    void importsTheRegistryOfAClientFile_data()
    {
        QTest::addColumn<bool>("java");
        QTest::addColumn<QString>("lines");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("auth"); // registry::RegistryAuth
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("warning"); // a word one warning must hold, or empty
        const int none = static_cast<int>(edis::registry::RegistryAuth::None);
        const int basic = static_cast<int>(edis::registry::RegistryAuth::Basic);
        const int bearer = static_cast<int>(edis::registry::RegistryAuth::Bearer);
        // What Confluent Cloud's "client.properties" download says.
        QTest::newRow("confluent cloud") << true
                                         << "schema.registry.url=https://psrc-1.eu.gcp.confluent.cloud\n"
                                            "basic.auth.credentials.source=USER_INFO\n"
                                            "basic.auth.user.info=SRKEY:SR/SECRET:x\n"
                                         << "https://psrc-1.eu.gcp.confluent.cloud" << basic << "SRKEY"
                                         << "SR/SECRET:x" << QString();
        QTest::newRow("kcat prefix") << false
                                     << "schema.registry.url=http://registry:8081\n"
                                        "schema.registry.basic.auth.user.info=u:kcat-secret\n"
                                     << "http://registry:8081" << basic << "u"
                                     << "kcat-secret" << QString();
        QTest::newRow("user info in the url")
            << true << "schema.registry.url=https://me:pa%40ss@registry.example.com\n"
            << "https://registry.example.com" << basic << "me"
            << "pa@ss" << QString();
        QTest::newRow("sasl inherit") << true
                                      << "schema.registry.url=https://registry.example.com\n"
                                         "basic.auth.credentials.source=SASL_INHERIT\n"
                                      << "https://registry.example.com" << basic << "APIKEY"
                                      << "APISECRET" << QString();
        QTest::newRow("bearer token")
            << true
            << "schema.registry.url=https://registry.example.com\n"
               "bearer.auth.credentials.source=STATIC_TOKEN\n"
               "bearer.auth.token=tok\n"
            << "https://registry.example.com" << bearer << QString() << "tok" << QString();
        QTest::newRow("several urls") << false << "schema.registry.url=http://a:8081, http://b:8081\n"
                                      << "http://a:8081" << none << QString() << QString() << "several";
        QTest::newRow("jks trust store")
            << true
            << "schema.registry.url=https://r:8081\nschema.registry.ssl.truststore.location=/x/t.jks\n"
            << "https://r:8081" << none << QString() << QString() << "t.jks";
        QTest::newRow("no registry") << true << "" << QString() << none << QString() << QString()
                                     << QString();
    }

    void importsTheRegistryOfAClientFile()
    {
        QFETCH(bool, java);
        QFETCH(QString, lines);
        QFETCH(QString, url);
        QFETCH(int, auth);
        QFETCH(QString, user);
        QFETCH(QString, secret);
        QFETCH(QString, warning);
        const QString text = QStringLiteral("bootstrap.servers=b:9092\nsecurity.protocol=SASL_SSL\n")
            + (java ? QStringLiteral("sasl.mechanism=PLAIN\nsasl.jaas.config=x required username=\"APIKEY\" "
                                     "password=\"APISECRET\";\n")
                    : QStringLiteral(
                        "sasl.mechanisms=PLAIN\nsasl.username=APIKEY\nsasl.password=APISECRET\n"))
            + lines;
        const ImportedProfile r = java ? fromJavaProperties(text) : fromKcatConfig(text);
        QVERIFY2(r.ok(), qPrintable(r.error));
        if (url.isEmpty()) {
            QVERIFY(!r.profile.registry);
            return;
        }
        QVERIFY(r.profile.registry);
        QCOMPARE(r.profile.registry->url, url);
        QCOMPARE(static_cast<int>(r.profile.registry->auth), auth);
        QCOMPARE(r.profile.registry->username, user);
        QCOMPARE(r.secrets.registrySecret, secret);
        QCOMPARE(r.secrets.password, QStringLiteral("APISECRET")); // the cluster's own, untouched
        // The registry's keys are understood, so none is reported as an unknown librdkafka setting.
        for (const QString &w : r.warnings) {
            QVERIFY2(!w.contains(QLatin1String("not a librdkafka setting")), qPrintable(w));
        }
        QVERIFY(r.profile.extraProperties.empty());
        if (!warning.isEmpty()) {
            QVERIFY2(std::any_of(r.warnings.cbegin(), r.warnings.cend(),
                         [&](const QString &w) { return w.contains(warning); }),
                qPrintable(r.warnings.join(QLatin1Char('|'))));
        }
        // A secret is never left in the saved form of the profile.
        if (!secret.isEmpty()) {
            QVERIFY(!QJsonDocument(toJson(r.profile)).toJson().contains(secret.toUtf8()));
        }
    }

    void savedFileHoldsNoSecret()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        ProfileStore store(path);
        ConnectionProfile p = saslProfile();
        p.extraProperties["sasl.password"] = "typed-into-properties";
        p.extraProperties["client.id"] = "edis";
        ProfileSecrets secrets;
        secrets.password = QStringLiteral("very-secret-password");
        moveSecretProperties(p, secrets);
        p = store.upsert(p);
        QString error;
        QVERIFY2(store.save(&error), qPrintable(error));

        const QByteArray file = readAll(path);
        QVERIFY(file.contains("alice"));
        QVERIFY(file.contains("client.id"));
        QVERIFY(!file.contains("very-secret-password"));
        QVERIFY(!file.contains("typed-into-properties"));
        QVERIFY(!file.contains("sasl.password"));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        // The moved property still reaches librdkafka through the secrets.
        QCOMPARE(toConnectionSettings(p, secrets).properties.at("sasl.password"),
            std::string("typed-into-properties"));
    }

    /// A profile's Schema Registry is saved with it, its secrets are not: they travel in
    /// ProfileSecrets (the keychain) and join the settings only when a client is made.
    void registryRoundTripsWithoutItsSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        ProfileStore store(path);
        ConnectionProfile p = saslProfile();
        p.registry = RegistryProfile {};
        p.registry->url = QStringLiteral("https://psrc-123.europe-west1.gcp.confluent.cloud");
        p.registry->auth = edis::registry::RegistryAuth::Basic;
        p.registry->username = QStringLiteral("REGISTRYKEY");
        p.registry->caFile = QStringLiteral("registry-ca.pem");
        p.registry->certFile = QStringLiteral("registry-client.pem");
        p.registry->keyFile = QStringLiteral("registry-client.key");
        p.registry->verifyHostname = false;
        p.registry->requestTimeoutMs = 5000;
        p = store.upsert(p);
        ConnectionProfile plain = saslProfile();
        plain.name = QStringLiteral("No registry");
        plain = store.upsert(plain);
        ProfileSecrets secrets;
        secrets.password = QStringLiteral("broker-password");
        secrets.registrySecret = QStringLiteral("registry-api-secret-xyz");
        secrets.registryKeyPassword = QStringLiteral("registry-key-password");
        QString error;
        QVERIFY2(store.save(&error), qPrintable(error));

        const QByteArray file = readAll(path);
        QVERIFY(file.contains("psrc-123.europe-west1.gcp.confluent.cloud"));
        QVERIFY(file.contains("REGISTRYKEY"));
        QVERIFY(!file.contains("registry-api-secret-xyz"));
        QVERIFY(!file.contains("registry-key-password"));
        QVERIFY(!toJson(plain).contains(QLatin1String("schemaRegistry")));

        ProfileStore again(path);
        QVERIFY2(again.load(&error), qPrintable(error));
        QCOMPARE(*again.find(p.id), p);
        QVERIFY(again.find(p.id)->registry.has_value());
        QVERIFY(!again.find(plain.id)->registry.has_value());
        QVERIFY(again.find(p.id)->registry->needsSecret());
        QCOMPARE(again.find(p.id)->registry->secretLabel(), QStringLiteral("Registry password"));

        const auto settings = toRegistrySettings(*again.find(p.id), secrets);
        QVERIFY(settings.has_value());
        QCOMPARE(settings->url, p.registry->url);
        QVERIFY(settings->auth == edis::registry::RegistryAuth::Basic);
        QCOMPARE(settings->username, QStringLiteral("REGISTRYKEY"));
        QCOMPARE(settings->secret, secrets.registrySecret);
        QCOMPARE(settings->keyPassword, secrets.registryKeyPassword);
        QCOMPARE(settings->caFile, p.registry->caFile);
        QCOMPARE(settings->certFile, p.registry->certFile);
        QCOMPARE(settings->keyFile, p.registry->keyFile);
        QVERIFY(!settings->verifyHostname);
        QCOMPARE(settings->requestTimeout.count(), 5000);
        QVERIFY(!toRegistrySettings(plain, secrets).has_value());
        // The broker's settings carry none of the registry's secrets.
        for (const auto &[key, value] : toConnectionSettings(p, secrets).properties) {
            QVERIFY2(value.find("registry-") == std::string::npos, key.c_str());
        }

        // The keychain entry holds the registry's secrets beside the broker's.
        const std::optional<ProfileSecrets> back = deserializeSecrets(serializeSecrets(secrets));
        QVERIFY(back.has_value());
        QCOMPARE(*back, secrets);
        // Entries written before profiles had a registry still read.
        const auto old = deserializeSecrets(R"({"password":"pw","keyPassword":"","properties":{}})");
        QVERIFY(old.has_value());
        QVERIFY(old->registrySecret.isEmpty());
    }

    void storeRoundTripsAndRanksRecent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        ProfileStore store(path);
        const ConnectionProfile a = store.upsert(saslProfile());
        ConnectionProfile b = preset(BrokerKind::EventHubs);
        b.bootstrapServers = QStringLiteral("ns.servicebus.windows.net:9093");
        b.readOnly = true;
        b = store.upsert(b);
        const ConnectionProfile c = store.duplicate(a.id);
        QCOMPARE(c.name, QStringLiteral("Prod (copy)"));
        QVERIFY(c.id != a.id);
        store.markUsed(b.id, 2000);
        store.markUsed(a.id, 1000);
        QString error;
        QVERIFY(store.save(&error));

        ProfileStore again(path);
        QVERIFY2(again.load(&error), qPrintable(error));
        QCOMPARE(again.profiles().size(), 3);
        QCOMPARE(*again.find(a.id), *store.find(a.id));
        QCOMPARE(*again.find(b.id), *store.find(b.id));
        QVERIFY(again.find(b.id)->readOnly);
        const auto recent = again.recent(5);
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent.at(0).id, b.id);
        QCOMPARE(recent.at(1).id, a.id);
        QVERIFY(again.remove(c.id));
        QCOMPARE(again.profiles().size(), 2);
    }

    void rabbitProfilesSaveBesideKafkaOnesWithoutTheirPassword()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        ProfileStore store(path);
        const ConnectionProfile kafka = store.upsert(saslProfile());
        RabbitProfile rabbit;
        rabbit.name = QStringLiteral("Orders broker");
        rabbit.managementUrl = QStringLiteral("https://rabbit.example.com:15671");
        rabbit.amqpUrl = QStringLiteral("amqps://rabbit.example.com:5671");
        rabbit.vhost = QStringLiteral("orders");
        rabbit.username = QStringLiteral("ops");
        rabbit.readOnly = true;
        rabbit = store.upsertRabbit(rabbit);
        QVERIFY(!rabbit.id.isEmpty());
        store.markRabbitUsed(rabbit.id, 4242);
        QString error;
        QVERIFY2(store.save(&error), qPrintable(error));

        ProfileStore again(path);
        QVERIFY2(again.load(&error), qPrintable(error));
        QCOMPARE(again.profiles().size(), 1);
        QCOMPARE(*again.find(kafka.id), *store.find(kafka.id));
        QCOMPARE(again.rabbitProfiles().size(), 1);
        QCOMPARE(*again.findRabbit(rabbit.id), *store.findRabbit(rabbit.id));
        QCOMPARE(again.findRabbit(QStringLiteral("Orders broker"))->lastUsedMs, 4242);
        QVERIFY(again.findRabbit(rabbit.id)->readOnly);
        // A Kafka profile and a RabbitMQ one never stand in for each other.
        QVERIFY(!again.find(rabbit.id));
        QVERIFY(!again.findRabbit(kafka.id));

        // Replacing keeps one entry; removing leaves the Kafka profiles alone.
        RabbitProfile renamed = rabbit;
        renamed.name = QStringLiteral("Orders");
        again.upsertRabbit(renamed);
        QCOMPARE(again.rabbitProfiles().size(), 1);
        QCOMPARE(again.rabbitProfiles().front().name, QStringLiteral("Orders"));
        QVERIFY(again.removeRabbit(rabbit.id));
        QVERIFY(again.rabbitProfiles().isEmpty());
        QCOMPARE(again.profiles().size(), 1);
    }

    void rabbitProfileValidation_data()
    {
        QTest::addColumn<QString>("management");
        QTest::addColumn<QString>("amqp");
        QTest::addColumn<QString>("problem");
        QTest::newRow("fine") << "http://localhost:15672"
                              << ""
                              << "";
        QTest::newRow("fine with amqps") << "https://h:15671"
                                         << "amqps://h:5671"
                                         << "";
        QTest::newRow("no management URL") << ""
                                           << ""
                                           << "management API's URL";
        QTest::newRow("not http") << "amqp://h:5672"
                                  << ""
                                  << "http:// or https://";
        QTest::newRow("amqp not amqp") << "http://h:15672"
                                       << "http://h:5672"
                                       << "amqp:// or amqps://";
        QTest::newRow("password in the URL") << "http://h:15672"
                                             << "amqp://u:secret@h:5672"
                                             << "keychain";
    }

    void rabbitProfileValidation()
    {
        QFETCH(QString, management);
        QFETCH(QString, amqp);
        QFETCH(QString, problem);
        RabbitProfile p;
        p.name = QStringLiteral("n");
        p.managementUrl = management;
        p.amqpUrl = amqp;
        const QStringList problems = validate(p);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char(' '))));
        } else {
            QVERIFY2(problems.join(QLatin1Char(' ')).contains(problem),
                qPrintable(problems.join(QLatin1Char(' '))));
        }
    }

    void brokenFilesAreRefusedAndLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mentions");
        // Not a raw string: moc's lexer takes its odd number of quotes for an open string, and
        // tst_profiles.moc came out empty. NOLINTNEXTLINE(modernize-raw-string-literal)
        QTest::newRow("not json") << QByteArray("{\"format\": \"edis-conn") << "not a connections file";
        QTest::newRow("other format")
            << QByteArray(R"({"format":"something-else","version":1})") << "not an EDIS";
        QTest::newRow("newer version")
            << QByteArray(R"({"format":"edis-connections","version":99,"profiles":[]})") << "newer";
    }
    void brokenFilesAreRefusedAndLeftAlone()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        writeAll(path, content);
        ProfileStore store(path);
        store.upsert(saslProfile()); // what the user has in memory must survive a failed load
        QString error;
        QVERIFY(!store.load(&error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(readAll(path), content);
    }

    void exportImportGivesFreshIds()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shared.json"));
        const ConnectionProfile p = saslProfile();
        QString error;
        QVERIFY(ProfileStore::exportTo(file, {p}, &error));
        const auto imported = ProfileStore::importFrom(file, &error);
        QCOMPARE(imported.size(), 1);
        QVERIFY(imported.first().id != p.id);
        QCOMPARE(imported.first().bootstrapServers, p.bootstrapServers);
        QCOMPARE(imported.first().username, p.username);
    }

    void secretsSurviveTheSessionWithoutAKeychain()
    {
        SecretStore store(QStringLiteral("EDIS Studio tests"));
        store.setKeychainEnabled(false);
        QVERIFY(!store.keychainAvailable());
        ProfileSecrets s;
        s.password = QStringLiteral("pw");
        s.properties["ssl.key.password"] = "kp";
        bool persisted = true;
        store.write(QStringLiteral("id-1"), s, [&](bool ok, const QString &) { persisted = ok; });
        QVERIFY(!persisted); // the caller learns it was not stored beyond this session
        std::optional<ProfileSecrets> back;
        bool called = false;
        store.read(QStringLiteral("id-1"), [&](std::optional<ProfileSecrets> r) {
            back = r;
            called = true;
        });
        QVERIFY(called);
        QVERIFY(back.has_value());
        QCOMPARE(*back, s);
        store.read(QStringLiteral("unknown"), [&](std::optional<ProfileSecrets> r) { back = r; });
        QVERIFY(!back.has_value());
    }

    void keychainAnswersOrSaysWhyNot()
    {
        // With a keychain (a desktop session) the secret round-trips; without one (CI, a bare
        // server) the store says so once and keeps the secret for the session.
        SecretStore store(QStringLiteral("EDIS Studio tests"));
        QSignalSpy unavailable(&store, &SecretStore::keychainUnavailable);
        ProfileSecrets s;
        s.password = QStringLiteral("pw-%1").arg(QCoreApplication::applicationPid());
        bool done = false;
        store.write(QStringLiteral("edis-test-entry"), s, [&](bool, const QString &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(unavailable.count(), store.keychainAvailable() ? 0 : 1);
        if (!store.keychainAvailable()) {
            QVERIFY(!store.keychainProblem().isEmpty());
        }
        std::optional<ProfileSecrets> back;
        store.read(QStringLiteral("edis-test-entry"), [&](std::optional<ProfileSecrets> r) { back = r; });
        QVERIFY(back.has_value());
        QCOMPARE(back->password, s.password);
        store.remove(QStringLiteral("edis-test-entry"));
    }

    /// Every reader of a connections or settings file the user names refuses one over its bound
    /// (util/filebounds.h) loudly, with the file, its size and the bound, and reads none of it.
    /// The files are sparse: one byte over the bound costs no disk.
    void oversizedFilesAreRefusedByEveryReader_data()
    {
        QTest::addColumn<QString>("reader");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("expected"); ///< the bound's words in the message
        const qint64 settingsOver = edis::util::kConnectionSettingsFileBound.maxBytes + 1;
        const qint64 profilesOver = edis::util::kConnectionProfilesFileBound.maxBytes + 1;
        QTest::newRow("ProfileStore::importFrom")
            << QStringLiteral("store") << profilesOver << QStringLiteral("connections files over 16 MiB");
        QTest::newRow("edis profiles --import-properties") << QStringLiteral(
            "--import-properties") << settingsOver << QStringLiteral("connection settings files over 1 MiB");
        QTest::newRow("edis profiles --import-kcat") << QStringLiteral(
            "--import-kcat") << settingsOver << QStringLiteral("connection settings files over 1 MiB");
    }

    void oversizedFilesAreRefusedByEveryReader()
    {
        QFETCH(QString, reader);
        QFETCH(qint64, size);
        QFETCH(QString, expected);
        QTemporaryDir home;
        const QString path = home.filePath(QStringLiteral("huge.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(size));
        file.close();
        const edis::util::FileBound &bound = reader == QLatin1String("store")
            ? edis::util::kConnectionProfilesFileBound
            : edis::util::kConnectionSettingsFileBound;
        const QString message = edis::util::tooLargeMessage(path, size, bound);
        QVERIFY2(message.contains(expected), qPrintable(message));
        if (reader == QLatin1String("store")) {
            QString error;
            QVERIFY(ProfileStore::importFrom(path, &error).isEmpty());
            QCOMPARE(error, message);
            return;
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // not the user's profiles
        QProcess edis;
        edis.setProcessEnvironment(environment);
        edis.start(qEnvironmentVariable("EDIS_TEST_BINARY_DIR") + QStringLiteral("/app/cli/edis"),
            {QStringLiteral("profiles"), reader, path});
        QVERIFY2(edis.waitForFinished(30'000), qPrintable(edis.errorString()));
        QCOMPARE(edis.exitStatus(), QProcess::NormalExit);
        const QString err = QString::fromUtf8(edis.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
        QCOMPARE(edis.exitCode(), 1); // ExitFailure, as `edis pipeline import` for its bound
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
