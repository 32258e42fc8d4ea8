// The embedded sandbox is a product feature: a Kafka-protocol cluster on 127.0.0.1 that any
// client can read, full of the seed's story. These tests read it with a plain librdkafka
// consumer and with kcat, not through the code that feeds it.

#include "cluster/clustersession.h"
#include "kafka/kafkaclient.h"
#include "sandbox/sandboxcluster.h"
#include "sandbox/sandboxscenario.h"
#include "testconsumer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <set>
#include <thread>

using namespace std::chrono_literals;
using edis::sandbox::SandboxCluster;
namespace topics = edis::sandbox::topics;

class TestSandboxCluster : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SandboxCluster> sandbox_;

    static bool waitFor(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(20ms);
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        SandboxCluster::Options options;
        options.messagesPerSecond = 400;
        sandbox_ = SandboxCluster::start(options, &error);
        QVERIFY2(sandbox_, qPrintable(error));
        QVERIFY(sandbox_->bootstrapServers().startsWith(QLatin1String("127.0.0.1:")));
        QVERIFY(waitFor([this] { return sandbox_->producedCount() > 400; }, 20s));
    }

    void servesTheStoryTopicsOnThreeBrokers()
    {
        edis::kafka::KafkaError error;
        auto client = edis::kafka::KafkaClient::create(sandbox_->connectionSettings(), &error);
        QVERIFY2(client, qPrintable(error.message));
        const auto md = client->fetchMetadata(10s);
        QVERIFY2(md.ok(), qPrintable(md.error.message));
        QCOMPARE(md.value.brokers.size(), 3);
        for (const auto &t : edis::sandbox::sandboxTopics()) {
            const auto *info = md.value.topic(QString::fromUtf8(t.name));
            QVERIFY2(info, t.name);
            QCOMPARE(info->partitions.size(), t.partitions);
            QCOMPARE(info->replicationFactor(), 3);
        }
    }

    void adminRequestsSayTheyAreNotSupported()
    {
        edis::kafka::KafkaError error;
        auto client = edis::kafka::KafkaClient::create(sandbox_->connectionSettings(), &error);
        QVERIFY(client);
        const auto e = client->createTopic({QStringLiteral("new.topic"), 1, 1, {}}, 5s);
        QCOMPARE(e.kind, edis::kafka::KafkaError::Kind::NotSupported);
        QVERIFY2(e.message.contains(QLatin1String("sandbox")), qPrintable(e.message));
    }

    void trafficIsTheStory()
    {
        QString error;
        const std::vector<std::string> all {topics::kCustomers, topics::kOrders, topics::kCrmAccounts,
            topics::kOrderEvents, topics::kTelemetry};
        const auto messages = edis::test::consumeFromBeginning(
            sandbox_->bootstrapServers().toStdString(), all, 5000, 30s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 300, qPrintable(QString::number(messages.size())));

        std::map<std::string, int> perTopic;
        for (const auto &m : messages) {
            ++perTopic[m.topic];
            if (m.topic == topics::kCustomers && m.value) {
                // Keyed by primary key, so a partition holds a row's whole history.
                const QJsonObject key = QJsonDocument::fromJson(*m.key).object();
                const QJsonObject payload = QJsonDocument::fromJson(*m.value).object();
                const QString op = payload.value(QLatin1String("op")).toString();
                QVERIFY2(QStringList({"c", "u", "d", "r"}).contains(op), qPrintable(op));
                const QJsonObject row
                    = payload
                          .value(op == QLatin1String("d") ? QLatin1String("before") : QLatin1String("after"))
                          .toObject();
                QCOMPARE(
                    key.value(QLatin1String("id")).toInteger(), row.value(QLatin1String("id")).toInteger());
            }
            if (m.topic == topics::kTelemetry) {
                QVERIFY(edis::sandbox::TelemetryFrame::decode(*m.value).has_value());
            }
        }
        for (const auto &t : all) {
            QVERIFY2(perTopic[t] > 0, t.c_str());
        }
    }

    void sameKeySamePartition()
    {
        QString error;
        const auto messages = edis::test::consumeFromBeginning(
            sandbox_->bootstrapServers().toStdString(), {topics::kCustomers}, 3000, 20s, &error);
        std::map<QByteArray, int32_t> partitionOfKey;
        for (const auto &m : messages) {
            QVERIFY(m.key.has_value());
            const auto [it, inserted] = partitionOfKey.emplace(*m.key, m.partition);
            QVERIFY2(inserted || it->second == m.partition, m.key->constData());
        }
        QVERIFY(partitionOfKey.size() > 10);
    }

    void rateControlPausesAndResumes()
    {
        sandbox_->setRate(0);
        std::this_thread::sleep_for(500ms); // in-flight deliveries settle
        const uint64_t paused = sandbox_->producedCount();
        std::this_thread::sleep_for(1s);
        QCOMPARE(sandbox_->producedCount(), paused);

        sandbox_->setRate(1000);
        QVERIFY(waitFor([&] { return sandbox_->producedCount() > paused + 500; }, 10s));
        QCOMPARE(sandbox_->failedCount(), uint64_t(0));
    }

    void sessionConnectsAndRunsRequestsOffTheGuiThread()
    {
        edis::cluster::ClusterSession session(sandbox_->connectionSettings());
        QSignalSpy states(&session, &edis::cluster::ClusterSession::stateChanged);
        QSignalSpy finished(&session, &edis::cluster::ClusterSession::requestFinished);
        session.open();
        QCOMPARE(session.state(), edis::cluster::ClusterSession::State::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), edis::cluster::ClusterSession::State::Connected, 15000);
        QCOMPARE(session.metadata().topics.size(), int(edis::sandbox::sandboxTopics().size()));

        // A request runs on the session's thread with the session's client.
        QThread *const guiThread = QThread::currentThread();
        const quint64 id
            = session.submit([guiThread](edis::kafka::KafkaClient &client, std::chrono::milliseconds timeout,
                                 edis::kafka::KafkaError *error) {
                  if (QThread::currentThread() == guiThread) {
                      *error = edis::kafka::KafkaError::make(
                          edis::kafka::KafkaError::Kind::Other, QStringLiteral("ran on the GUI thread"));
                      return QVariant();
                  }
                  const auto md = client.fetchMetadata(timeout);
                  *error = md.error;
                  return QVariant(md.value.partitionCount());
              });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toULongLong(), id);
        QVERIFY2(!finished.at(0).at(2).value<edis::kafka::KafkaError>().isError(),
            qPrintable(finished.at(0).at(2).value<edis::kafka::KafkaError>().message));
        QCOMPARE(finished.at(0).at(1).toInt(), session.metadata().partitionCount());

        // Admin calls the mock cannot serve come back as an explained error, not a hang.
        session.createTopic({QStringLiteral("x"), 1, 1, {}});
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(2).value<edis::kafka::KafkaError>().kind,
            edis::kafka::KafkaError::Kind::NotSupported);
        session.close();
    }

    void readOnlySessionRefusesChanges()
    {
        auto settings = sandbox_->connectionSettings();
        settings.readOnly = true;
        edis::cluster::ClusterSession session(settings);
        QSignalSpy finished(&session, &edis::cluster::ClusterSession::requestFinished);
        session.open();
        bool reachedWorker = false;
        session.submit(
            [&reachedWorker](
                edis::kafka::KafkaClient &, std::chrono::milliseconds, edis::kafka::KafkaError *) {
                reachedWorker = true;
                return QVariant();
            },
            edis::cluster::ClusterSession::Access::Change);
        session.deleteTopic(QString::fromUtf8(topics::kOrderEvents));
        QTRY_COMPARE(finished.count(), 2);
        for (const auto &call : finished) {
            QVERIFY2(call.at(2).value<edis::kafka::KafkaError>().message.contains(QLatin1String("read-only")),
                qPrintable(call.at(2).value<edis::kafka::KafkaError>().message));
        }
        QVERIFY(!reachedWorker);
        session.close();
    }

    void kcatCanReadIt()
    {
        const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
        if (kcat.isEmpty()) {
            QFAIL("kcat is not installed (packaging/install-deps.sh --with-test-tools installs it)");
        }
        QProcess p;
        p.start(kcat,
            {QStringLiteral("-b"), sandbox_->bootstrapServers(), QStringLiteral("-C"), QStringLiteral("-t"),
                QString::fromUtf8(topics::kOrderEvents), QStringLiteral("-o"), QStringLiteral("beginning"),
                QStringLiteral("-c"), QStringLiteral("5"), QStringLiteral("-f"), QStringLiteral("%h\\n")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(out.count("event-type="), 5);
    }
};

QTEST_GUILESS_MAIN(TestSandboxCluster)
#include "tst_sandboxcluster.moc"
