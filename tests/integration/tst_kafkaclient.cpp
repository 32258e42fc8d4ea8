// KafkaClient and the edis CLI against a real Apache Kafka broker (started by tests/run.sh).

#include "kafka/kafkaclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

using namespace std::chrono_literals;
using edis::kafka::ConnectionSettings;
using edis::kafka::KafkaClient;
using edis::kafka::KafkaError;
using Kind = KafkaError::Kind;

namespace {

QString uniqueTopic(const char *stem)
{
    return QStringLiteral("%1.%2").arg(
        QLatin1String(stem), QUuid::createUuid().toString(QUuid::Id128).left(8));
}

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runEdis(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("EDIS_TEST_BINARY_DIR") + QStringLiteral("/app/cli/edis"), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

/// A loopback port where nothing listens: bind one, then close it.
int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const int port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestKafkaClient : public QObject {
    Q_OBJECT
private:
    QString bootstrap_;
    std::unique_ptr<KafkaClient> client_;

private Q_SLOTS:
    void initTestCase()
    {
        bootstrap_ = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
        if (bootstrap_.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: run the suite with tests/run.sh, which starts a "
                  "real broker");
        }
        ConnectionSettings s;
        s.displayName = QStringLiteral("test");
        s.bootstrapServers = bootstrap_;
        KafkaError error;
        client_ = KafkaClient::create(s, &error);
        QVERIFY2(client_, qPrintable(error.message));
    }

    void metadataDescribesTheBroker()
    {
        const auto md = client_->fetchMetadata(15s);
        QVERIFY2(md.ok(), qPrintable(md.error.message));
        QCOMPARE(md.value.brokers.size(), 1);
        QCOMPARE(md.value.brokers.first().host, QStringLiteral("127.0.0.1"));
        QVERIFY(!md.value.clusterId.isEmpty());
        QCOMPARE(md.value.controllerId, md.value.brokers.first().id);
    }

    void createDescribeDelete()
    {
        const QString name = uniqueTopic("it.create");
        QVERIFY2(!client_->createTopic({name, 4, 1, {{"retention.ms", "3600000"}}}, 15s).isError(), "create");

        // Topic creation propagates asynchronously; metadata shows it within a moment.
        const edis::kafka::TopicInfo *topic = nullptr;
        edis::kafka::Result<edis::kafka::ClusterMetadata> md;
        for (int attempt = 0; attempt < 50 && !topic; ++attempt) {
            md = client_->fetchMetadata(10s);
            QVERIFY(md.ok());
            topic = md.value.topic(name);
            if (!topic) {
                QTest::qWait(100);
            }
        }
        QVERIFY2(topic, "created topic not in metadata");
        QCOMPARE(topic->partitions.size(), 4);
        QCOMPARE(topic->replicationFactor(), 1);

        const KafkaError again = client_->createTopic({name, 1, 1, {}}, 15s);
        QCOMPARE(again.kind, Kind::TopicAlreadyExists);

        QVERIFY(!client_->deleteTopic(name, 15s).isError());
        QCOMPARE(client_->deleteTopic(name, 15s).kind, Kind::UnknownTopic);
    }

    void invalidRequestsAreExplained_data()
    {
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("replication");
        QTest::addColumn<QString>("config");
        QTest::newRow("rf above broker count") << 1 << 3 << QString();
        QTest::newRow("unknown config") << 1 << 1 << QStringLiteral("no.such.config");
    }
    void invalidRequestsAreExplained()
    {
        QFETCH(int, partitions);
        QFETCH(int, replication);
        QFETCH(QString, config);
        std::map<std::string, std::string> configs;
        if (!config.isEmpty()) {
            configs[config.toStdString()] = "1";
        }
        const KafkaError e
            = client_->createTopic({uniqueTopic("it.bad"), partitions, replication, configs}, 15s);
        QCOMPARE(e.kind, Kind::InvalidRequest);
        QVERIFY(!e.message.isEmpty());
    }

    void refusedConnectionFailsFast()
    {
        ConnectionSettings s;
        s.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        KafkaError error;
        auto client = KafkaClient::create(s, &error);
        QVERIFY(client);
        const auto md = client->fetchMetadata(30s);
        QVERIFY(!md.ok());
        QCOMPARE(md.error.kind, Kind::ConnectionRefused);
        QVERIFY2(md.error.message.contains(QLatin1String("refused")), qPrintable(md.error.message));
    }

    void unknownHostIsNamed()
    {
        ConnectionSettings s;
        s.bootstrapServers = QStringLiteral("no-such-host.invalid:9092");
        KafkaError error;
        auto client = KafkaClient::create(s, &error);
        QVERIFY(client);
        const auto md = client->fetchMetadata(30s);
        QVERIFY(!md.ok());
        QCOMPARE(md.error.kind, Kind::HostNotFound);
        QVERIFY2(
            md.error.message.contains(QLatin1String("no-such-host.invalid")), qPrintable(md.error.message));
    }

    void invalidPropertyIsRefusedAtCreation()
    {
        ConnectionSettings s;
        s.bootstrapServers = bootstrap_;
        s.properties["security.protocol"] = "carrier-pigeon";
        KafkaError error;
        QVERIFY(!KafkaClient::create(s, &error));
        QCOMPARE(error.kind, Kind::InvalidSettings);
        QVERIFY2(error.message.contains(QLatin1String("security.protocol")), qPrintable(error.message));
    }

    void cliCreateDescribeListDelete()
    {
        const QString name = uniqueTopic("it.cli");
        const QStringList conn {QStringLiteral("--bootstrap-server"), bootstrap_};
        CliResult r
            = runEdis(QStringList {QStringLiteral("topics"), QStringLiteral("--create"),
                          QStringLiteral("--topic"), name, QStringLiteral("--partitions"),
                          QStringLiteral("3"), QStringLiteral("--replication-factor"), QStringLiteral("1"),
                          QStringLiteral("--config"), QStringLiteral("cleanup.policy=compact")}
                + conn);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Creation is asynchronous on the broker; describe until the topic shows up.
        for (int attempt = 0; attempt < 50; ++attempt) {
            r = runEdis(QStringList {QStringLiteral("topics"), QStringLiteral("--describe"),
                            QStringLiteral("--topic"), name, QStringLiteral("--json")}
                + conn);
            if (r.exitCode == 0) {
                break;
            }
            QTest::qWait(100);
        }
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray described = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(described.size(), 1);
        QCOMPARE(described.first().toObject().value(QLatin1String("topic")).toString(), name);
        QCOMPARE(described.first().toObject().value(QLatin1String("partitions")).toArray().size(), 3);

        r = runEdis(QStringList {QStringLiteral("topics"), QStringLiteral("--list")} + conn);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.split(QLatin1Char('\n')).contains(name));

        r = runEdis(QStringList {
                        QStringLiteral("topics"), QStringLiteral("--delete"), QStringLiteral("--topic"), name}
            + conn);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void cliExitCodesTellWhatWentWrong_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrMentions");
        QTest::newRow("usage: no action") << QStringList {QStringLiteral("topics"),
            QStringLiteral("--bootstrap-server"), QStringLiteral("@B")}
                                          << 2 << QString();
        QTest::newRow("not found") << QStringList {QStringLiteral("topics"), QStringLiteral("--describe"),
            QStringLiteral("--topic"), QStringLiteral("no.such.topic"), QStringLiteral("--bootstrap-server"),
            QStringLiteral("@B")} << 4
                                   << QStringLiteral("no.such.topic");
        QTest::newRow("refused") << QStringList {QStringLiteral("topics"), QStringLiteral("--list"),
            QStringLiteral("--bootstrap-server"), QStringLiteral("@CLOSED")}
                                 << 3 << QStringLiteral("refused");
        QTest::newRow("unknown command")
            << QStringList {QStringLiteral("frobnicate")} << 2 << QStringLiteral("unknown command");
    }
    void cliExitCodesTellWhatWentWrong()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrMentions);
        args.replaceInStrings(QStringLiteral("@B"), bootstrap_);
        args.replaceInStrings(QStringLiteral("@CLOSED"), QStringLiteral("127.0.0.1:%1").arg(closedPort()));
        const CliResult r = runEdis(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(stderrMentions, Qt::CaseInsensitive), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestKafkaClient)
#include "tst_kafkaclient.moc"
