// Profiles authenticate against the real broker's security listeners (tests/services/kafka.sh):
// the right secret connects, a wrong one or an untrusted certificate fails with the right kind
// of error and a sentence that says why.

#include "kafka/kafkaclient.h"
#include "profiles/connectionprofile.h"
#include "profiles/profileimport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace edis::profiles;
using edis::kafka::KafkaClient;
using edis::kafka::KafkaError;
using Kind = KafkaError::Kind;

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

struct Outcome {
    KafkaError error;
    int brokers = 0;
};

Outcome connectWith(const ConnectionProfile &profile, const ProfileSecrets &secrets)
{
    KafkaError error;
    auto client = KafkaClient::create(toConnectionSettings(profile, secrets), &error);
    if (!client) {
        return {error, 0};
    }
    const auto md = client->fetchMetadata(20s);
    return {md.error, static_cast<int>(md.value.brokers.size())};
}

} // namespace

class TestProfileAuth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char *v : {"EDIS_TEST_KAFKA_SASL_BOOTSTRAP", "EDIS_TEST_KAFKA_SSL_BOOTSTRAP",
                 "EDIS_TEST_KAFKA_SASL_SSL_BOOTSTRAP", "EDIS_TEST_KAFKA_CA"}) {
            if (env(v).isEmpty()) {
                QFAIL(qPrintable(
                    QStringLiteral("%1 is not set: run the suite with tests/run.sh, which starts a "
                                   "real broker with security listeners")
                        .arg(QLatin1String(v))));
            }
        }
    }

    void sasl_data()
    {
        QTest::addColumn<SaslMechanism>("mechanism");
        QTest::addColumn<bool>("rightPassword");
        QTest::newRow("PLAIN") << SaslMechanism::Plain << true;
        QTest::newRow("PLAIN, wrong password") << SaslMechanism::Plain << false;
        QTest::newRow("SCRAM-SHA-256") << SaslMechanism::ScramSha256 << true;
        QTest::newRow("SCRAM-SHA-256, wrong password") << SaslMechanism::ScramSha256 << false;
        QTest::newRow("SCRAM-SHA-512") << SaslMechanism::ScramSha512 << true;
    }
    void sasl()
    {
        QFETCH(SaslMechanism, mechanism);
        QFETCH(bool, rightPassword);
        if (mechanism != SaslMechanism::Plain && rightPassword
            && env("EDIS_TEST_KAFKA_VERSION").startsWith(QLatin1Char('4'))) {
            QSKIP("librdkafka < 2.6.1 sends a SCRAM nonce Kafka 4 rejects (fixed in librdkafka 2.6.1)");
        }
        ConnectionProfile p = preset(BrokerKind::Kafka);
        p.name = QStringLiteral("sasl");
        p.bootstrapServers = env("EDIS_TEST_KAFKA_SASL_BOOTSTRAP");
        p.security = SecurityProtocol::SaslPlaintext;
        p.mechanism = mechanism;
        p.username = env("EDIS_TEST_KAFKA_SASL_USER");
        ProfileSecrets s;
        s.password
            = rightPassword ? env("EDIS_TEST_KAFKA_SASL_PASSWORD") : QStringLiteral("not-the-password");
        QVERIFY(validate(p).isEmpty());
        const Outcome o = connectWith(p, s);
        if (rightPassword) {
            QVERIFY2(!o.error.isError(), qPrintable(o.error.message));
            QCOMPARE(o.brokers, 1);
        } else {
            QCOMPARE(o.error.kind, Kind::Authentication);
            QVERIFY2(o.error.message.contains(QLatin1String("Authentication failed")),
                qPrintable(o.error.message));
        }
    }

    void tls_data()
    {
        QTest::addColumn<QString>("caVariable");
        QTest::addColumn<bool>("clientCertificate");
        QTest::addColumn<bool>("trusted");
        QTest::newRow("server verified") << "EDIS_TEST_KAFKA_CA" << false << true;
        QTest::newRow("mutual TLS") << "EDIS_TEST_KAFKA_CA" << true << true;
        // A certificate that did not sign the broker's: the broker must not be trusted.
        QTest::newRow("untrusted broker") << "EDIS_TEST_KAFKA_CLIENT_CERT" << false << false;
    }
    void tls()
    {
        QFETCH(QString, caVariable);
        QFETCH(bool, clientCertificate);
        QFETCH(bool, trusted);
        ConnectionProfile p = preset(BrokerKind::Kafka);
        p.name = QStringLiteral("tls");
        p.bootstrapServers = env("EDIS_TEST_KAFKA_SSL_BOOTSTRAP");
        p.security = SecurityProtocol::Ssl;
        p.caFile = env(caVariable.toLatin1().constData());
        if (clientCertificate) {
            p.certFile = env("EDIS_TEST_KAFKA_CLIENT_CERT");
            p.keyFile = env("EDIS_TEST_KAFKA_CLIENT_KEY");
        }
        QVERIFY(validate(p).isEmpty());
        const Outcome o = connectWith(p, {});
        if (trusted) {
            QVERIFY2(!o.error.isError(), qPrintable(o.error.message));
            QCOMPARE(o.brokers, 1);
        } else {
            QCOMPARE(o.error.kind, Kind::Tls);
            QVERIFY2(o.error.message.contains(QLatin1String("certificate verify failed")),
                qPrintable(o.error.message));
        }
    }

    void cliUsesSavedProfiles()
    {
        // A kcat config imported with `edis profiles`, then used with --profile; the secret comes
        // from EDIS_SECRET because a CI machine has no keychain.
        QTemporaryDir home;
        QFile config(home.filePath(QStringLiteral("kcat.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            QStringLiteral("bootstrap.servers=%1\nsecurity.protocol=sasl_plaintext\nsasl.mechanisms=PLAIN\n"
                           "sasl.username=%2\n")
                .arg(env("EDIS_TEST_KAFKA_SASL_BOOTSTRAP"), env("EDIS_TEST_KAFKA_SASL_USER"))
                .toUtf8());
        config.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // not the user's own profiles
        const QString edis = env("EDIS_TEST_BINARY_DIR") + QStringLiteral("/app/cli/edis");
        const auto run = [&](const QStringList &args, const QString &secret = {}) {
            QProcessEnvironment e = environment;
            if (!secret.isEmpty()) {
                e.insert(QStringLiteral("EDIS_SECRET"), secret);
            }
            QProcess p;
            p.setProcessEnvironment(e);
            p.start(edis, args);
            p.waitForFinished(60000);
            return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError()));
        };
        auto [code, out, err] = run({QStringLiteral("profiles"), QStringLiteral("--import-kcat"),
            config.fileName(), QStringLiteral("--name"), QStringLiteral("ci-sasl")});
        QVERIFY2(code == 0, qPrintable(err));
        std::tie(code, out, err) = run({QStringLiteral("profiles"), QStringLiteral("--list")});
        QVERIFY2(out.startsWith(QLatin1String("ci-sasl\t")), qPrintable(out));

        std::tie(code, out, err) = run({QStringLiteral("topics"), QStringLiteral("--list"),
                                           QStringLiteral("--profile"), QStringLiteral("ci-sasl")},
            env("EDIS_TEST_KAFKA_SASL_PASSWORD"));
        QVERIFY2(code == 0, qPrintable(err));
        std::tie(code, out, err) = run({QStringLiteral("topics"), QStringLiteral("--list"),
                                           QStringLiteral("--profile"), QStringLiteral("ci-sasl")},
            QStringLiteral("wrong"));
        QCOMPARE(code, 3); // cannot connect: authentication
        QVERIFY2(err.contains(QLatin1String("Authentication failed")), qPrintable(err));
        std::tie(code, out, err) = run({QStringLiteral("topics"), QStringLiteral("--list"),
            QStringLiteral("--profile"), QStringLiteral("no-such-profile")});
        QCOMPARE(code, 2);
        QVERIFY2(err.contains(QLatin1String("No saved connection named")), qPrintable(err));
    }

    void eventHubsPresetEndToEnd()
    {
        // The Event Hubs connection-string flow, pointed at the local SASL_SSL + PLAIN listener
        // that accepts user $ConnectionString the way Azure does.
        const QString connectionString = env("EDIS_TEST_KAFKA_EVENTHUBS_PASSWORD");
        ImportedProfile r = fromEventHubsConnectionString(connectionString);
        QVERIFY2(r.ok(), qPrintable(r.error + QStringLiteral(" — ") + connectionString));
        QCOMPARE(r.profile.username, env("EDIS_TEST_KAFKA_EVENTHUBS_USER"));
        r.profile.bootstrapServers = env("EDIS_TEST_KAFKA_SASL_SSL_BOOTSTRAP");
        r.profile.caFile = env("EDIS_TEST_KAFKA_CA");
        const Outcome o = connectWith(r.profile, r.secrets);
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message));
        QCOMPARE(o.brokers, 1);

        r.secrets.password
            = QStringLiteral("Endpoint=sb://wrong.servicebus.windows.net/;SharedAccessKey=nope");
        QCOMPARE(connectWith(r.profile, r.secrets).error.kind, Kind::Authentication);
    }
};

QTEST_GUILESS_MAIN(TestProfileAuth)
#include "tst_profileauth.moc"
