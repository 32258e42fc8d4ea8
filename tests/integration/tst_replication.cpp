// A real 3-broker cluster (kafka.sh start-cluster): replicas and ISR are shown as the brokers
// report them, and stopping a broker flags the partitions it held as under-replicated — in the
// core snapshot, in the tree, and on the overview page.

#include "kafka/kafkaclient.h"
#include "mainwindow.h"
#include "models/clustertreemodel.h"

#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace std::chrono_literals;
using edis::kafka::ClusterMetadata;
using edis::kafka::KafkaClient;

namespace {
const QString kTopic = QStringLiteral("replicated.orders");

ClusterMetadata metadataOf(KafkaClient &client)
{
    const auto md = client.fetchMetadata(15s);
    return md.ok() ? md.value : ClusterMetadata {};
}
} // namespace

class TestReplication : public QObject {
    Q_OBJECT
private:
    QString bootstrap_;
    std::unique_ptr<KafkaClient> client_;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the window's saved connections
        bootstrap_ = qEnvironmentVariable("EDIS_TEST_KAFKA_CLUSTER_BOOTSTRAP");
        if (bootstrap_.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_CLUSTER_BOOTSTRAP is not set: run with tests/run.sh, which starts a "
                  "3-broker cluster");
        }
        edis::kafka::ConnectionSettings s;
        s.bootstrapServers = bootstrap_;
        edis::kafka::KafkaError error;
        client_ = KafkaClient::create(s, &error);
        QVERIFY2(client_, qPrintable(error.message));
    }

    void replicasAndIsrAsReported()
    {
        const ClusterMetadata before = metadataOf(*client_);
        QCOMPARE(before.brokers.size(), 3);
        QVERIFY(before.controllerId >= 1 && before.controllerId <= 3);
        QVERIFY(!client_->createTopic({kTopic, 6, 3, {}}, 20s).isError());
        // Replicas are assigned at once; followers join the ISR within moments. Each metadata
        // request may go to another broker, which may not know the new topic yet: QTRY_* would
        // ask once more after the wait (and may get such a broker), so wait with qWaitFor and
        // check the very answer that ended the wait.
        ClusterMetadata md;
        QVERIFY(QTest::qWaitFor(
            [&] {
                md = metadataOf(*client_);
                const auto *t = md.topic(kTopic);
                return t && t->underReplicatedPartitions() == 0;
            },
            30000));
        const auto *topic = md.topic(kTopic);
        QVERIFY(topic);
        for (const auto &p : topic->partitions) {
            QCOMPARE(p.replicas.size(), 3);
            QCOMPARE(p.isr.size(), 3);
            QVERIFY(p.replicas.contains(p.leader));
        }
    }

    void stoppedBrokerShowsUnderReplication()
    {
        edis::ui::MainWindow window;
        edis::kafka::ConnectionSettings s;
        s.displayName = QStringLiteral("Three brokers");
        s.bootstrapServers = bootstrap_;
        const int cluster = window.openConnection(s);
        window.show();
        auto *health = window.findChild<QLabel *>(QStringLiteral("healthLabel"));
        QTRY_COMPARE_WITH_TIMEOUT(health->text(), QStringLiteral("All partitions in sync"), 20000);

        // Stop broker 3 for real.
        QProcess stop;
        stop.start(qEnvironmentVariable("EDIS_KAFKA_SH"),
            {QStringLiteral("stop"),
                qEnvironmentVariable("EDIS_TEST_KAFKA_CLUSTER_DIR") + QStringLiteral("/node-3")});
        QVERIFY(stop.waitForFinished(60000));
        QCOMPARE(stop.exitCode(), 0);

        // The controller drops it from every ISR after its session times out (~9 s by default).
        ClusterMetadata md;
        QVERIFY(QTest::qWaitFor(
            [&] {
                md = metadataOf(*client_);
                const auto *t = md.topic(kTopic);
                return t && t->underReplicatedPartitions() == 6;
            },
            60000));
        const auto *info = md.topic(kTopic);
        QVERIFY(info);
        for (const auto &p : info->partitions) {
            QVERIFY(!p.isr.contains(3));
            QVERIFY(p.replicas.contains(3));
            QVERIFY(p.leader != 3);
        }
        // The window catches up on its next refresh.
        window.refreshCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(health->text().contains(QLatin1String("under-replicated")), 30000);
        const QModelIndex topic = window.treeModel()->topicIndex(cluster, kTopic);
        QVERIFY(topic.data(Qt::ToolTipRole).toString().contains(QLatin1String("6 under-replicated")));
    }
};

QTEST_MAIN(TestReplication)
#include "tst_replication.moc"
