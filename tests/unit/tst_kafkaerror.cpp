// Users read these sentences when a connection fails; the kind drives what the UI offers.

#include "kafka/kafkaerror.h"

#include <QTest>

using edis::kafka::ErrorCode;
using edis::kafka::ErrorCollector;
using edis::kafka::KafkaError;
using Kind = KafkaError::Kind;

class TestKafkaError : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classifiesCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("dns") << ErrorCode::kResolve
                             << "nosuchhost:9092/bootstrap: Failed to resolve 'nosuchhost:9092': Name or "
                                "service not known (after 3ms in state CONNECT)"
                             << Kind::HostNotFound << "Host not found";
        QTest::newRow("refused") << ErrorCode::kTransport
                                 << "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection "
                                    "refused (after 0ms in state CONNECT)"
                                 << Kind::ConnectionRefused << "Connection refused";
        QTest::newRow("all down, refused") << ErrorCode::kAllBrokersDown << "Connection refused"
                                           << Kind::ConnectionRefused << "nothing listens";
        QTest::newRow("transport other")
            << ErrorCode::kTransport << "Disconnected" << Kind::Unreachable << "Cannot reach";
        QTest::newRow("timeout") << ErrorCode::kTimedOut << "" << Kind::Timeout << "in time";
        QTest::newRow("sasl")
            << ErrorCode::kAuthentication
            << "SASL authentication error: Authentication failed: Invalid username or password"
            << Kind::Authentication << "Invalid username or password";
        QTest::newRow("tls") << ErrorCode::kSsl
                             << "SSL handshake failed: error:0A000086:SSL routines::certificate verify failed"
                             << Kind::Tls << "certificate verify failed";
        QTest::newRow("exists") << ErrorCode::kTopicAlreadyExists << "Topic 'x' already exists."
                                << Kind::TopicAlreadyExists << "already exists";
        QTest::newRow("unknown topic")
            << ErrorCode::kUnknownTopicOrPartition << "" << Kind::UnknownTopic << "No such topic";
        QTest::newRow("bad rf") << ErrorCode::kInvalidReplicationFactor
                                << "Replication factor: 3 larger than available brokers: 1."
                                << Kind::InvalidRequest << "larger than available brokers";
    }
    void classifiesCodes()
    {
        QFETCH(int, code);
        QFETCH(QString, detail);
        QFETCH(Kind, kind);
        QFETCH(QString, mentions);
        const KafkaError e = KafkaError::fromCode(code, detail);
        QCOMPARE(e.kind, kind);
        QCOMPARE(e.code, code);
        QVERIFY(e.isError());
        QVERIFY2(e.message.contains(mentions), qPrintable(e.message));
        // librdkafka's state-machine noise is not for users.
        QVERIFY2(!e.message.contains(QLatin1String("in state")), qPrintable(e.message));
    }

    void eventHubsRefusalsAreExplained()
    {
        using edis::kafka::explainForEventHubs;
        using edis::kafka::isEventHubsEndpoint;
        QVERIFY(isEventHubsEndpoint(QStringLiteral("my-ns.servicebus.windows.net:9093")));
        QVERIFY(isEventHubsEndpoint(QStringLiteral("a:9092, My-NS.ServiceBus.Windows.NET:9093")));
        QVERIFY(!isEventHubsEndpoint(QStringLiteral("kafka.example.com:9092")));
        QVERIFY(!isEventHubsEndpoint(QStringLiteral("servicebus.windows.net.example.com:9092")));

        const auto unsupported = KafkaError::fromCode(ErrorCode::kUnsupportedVersion);
        const auto explained
            = explainForEventHubs(unsupported, QStringLiteral("my-ns.servicebus.windows.net:9093"));
        QCOMPARE(explained.kind, KafkaError::Kind::NotSupported);
        QCOMPARE(explained.code, ErrorCode::kUnsupportedVersion);
        QVERIFY2(
            explained.message.contains(QLatin1String("Azure Event Hubs")), qPrintable(explained.message));
        QVERIFY(explained.message.contains(unsupported.message)); // the broker's answer stays visible

        // Other clusters, and errors Event Hubs shares with Kafka, are left as they are.
        QCOMPARE(explainForEventHubs(unsupported, QStringLiteral("kafka:9092")).message, unsupported.message);
        const auto unknownTopic = KafkaError::fromCode(ErrorCode::kUnknownTopicOrPartition);
        QCOMPARE(
            explainForEventHubs(unknownTopic, QStringLiteral("my-ns.servicebus.windows.net:9093")).message,
            unknownTopic.message);
        QVERIFY(!explainForEventHubs({}, QStringLiteral("my-ns.servicebus.windows.net:9093")));
    }

    void noErrorIsNoError()
    {
        QVERIFY(!KafkaError::fromCode(ErrorCode::kNoError).isError());
        QVERIFY(!ErrorCollector().mostTelling().isError());
    }

    void collectorPrefersTheCauseTheUserMustFix()
    {
        ErrorCollector c;
        c.add(ErrorCode::kTransport, "Disconnected");
        c.add(ErrorCode::kAllBrokersDown, "1/1 brokers are down");
        c.add(ErrorCode::kAuthentication, "SASL authentication error: bad password");
        c.add(ErrorCode::kTransport, "Disconnected");
        QCOMPARE(c.mostTelling().kind, Kind::Authentication);
        QVERIFY(c.hasFatal());
        c.clear();
        QVERIFY(!c.mostTelling().isError());
    }

    void collectorExplainsAllBrokersDownByItsTransportError()
    {
        ErrorCollector c;
        c.add(ErrorCode::kTransport, "127.0.0.1:1/bootstrap: Connect failed: Connection refused");
        c.add(ErrorCode::kAllBrokersDown, "1/1 brokers are down");
        const KafkaError e = c.mostTelling();
        QCOMPARE(e.kind, Kind::ConnectionRefused);
        QVERIFY(c.hasFatal()); // every broker refused: fail fast instead of waiting for the timeout
    }

    void aSingleDisconnectIsNotFatal()
    {
        ErrorCollector c;
        c.add(ErrorCode::kTransport, "Disconnected");
        QVERIFY(!c.hasFatal());
        QCOMPARE(c.mostTelling().kind, Kind::Unreachable);
    }
};

QTEST_GUILESS_MAIN(TestKafkaError)
#include "tst_kafkaerror.moc"
