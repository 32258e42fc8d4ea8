// The GUI thread never waits on Kafka. A 5 ms timer on the GUI thread records the longest gap
// between its ticks while the user switches topics, closes the inspector page, restarts a
// consumption, closes a connection and closes a connection test, with the broker (a)
// unreachable (a closed port), (b) frozen (its JVM stopped with SIGSTOP before the request: the
// kernel accepts the TCP connection, no answer ever comes) and (c) frozen in the middle of a
// read (SIGSTOP after the first batch arrived). Before util::BackgroundWorker, each of these
// joined a worker that sat in a blocking librdkafka call, freezing the window for up to the
// request timeout (10-15 s).
//
// The frozen broker is a second broker of the test run's own (tests/run.sh starts it with
// tests/services/kafka.sh, PLAINTEXT only) that the test stops and continues: its address and
// its java pid come in EDIS_TEST_FREEZABLE_KAFKA_BOOTSTRAP and EDIS_TEST_FREEZABLE_KAFKA_PID.

#include "cluster/clustersession.h"
#include "cluster/connectiontester.h"
#include "consumersession.h"
#include "guitest.h"
#include "inspector/consumecontrols.h"
#include "inspector/inspectorpage.h"
#include "kafka/kafkaclient.h"
#include "kafkatestclients.h"
#include "messagetablemodel.h"
#include "testconsumer.h"
#include "testsettings.h"
#include "util/backgroundworker.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <map>
#include <memory>
#include <thread>

#include <sys/types.h>

using namespace edis;
using namespace std::chrono_literals;
using edis::ui::InspectorPage;

namespace {

/// The bound: the GUI thread never waits longer than this for anything Kafka does.
constexpr qint64 kMaxGapMs = 100;
/// How long each step lets the worker get into its blocking call (the probe runs throughout).
constexpr int kSettleMs = 500;
constexpr int kArrivalTimeoutMs = 20000;
constexpr int kPartitions = 3;
constexpr int kRecordsPerPartition = 1000;

enum class Broker { Unreachable, Frozen, FrozenMidRead };

} // namespace

Q_DECLARE_METATYPE(Broker)

class TestGuiLatency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void probeSeesABlockedGuiThread();
    void switchingTopicsNeverBlocks_data() { brokers(); }
    void switchingTopicsNeverBlocks();
    void closingTheInspectorNeverBlocks_data() { brokers(); }
    void closingTheInspectorNeverBlocks();
    void restartingAConsumptionNeverBlocks_data() { brokers(); }
    void restartingAConsumptionNeverBlocks();
    void closingAConnectionNeverBlocks_data() { brokers(); }
    void closingAConnectionNeverBlocks();
    void closingAConnectionTestNeverBlocks_data() { brokers(); }
    void closingAConnectionTestNeverBlocks();

private:
    void brokers();
    kafka::ConnectionSettings settingsFor(Broker broker) const;
    void freeze(bool frozen);
    /// A page reading topic A; for FrozenMidRead the broker is frozen once records arrived.
    std::unique_ptr<InspectorPage> readingPage(Broker broker);
    /// After the broker continues, every worker let go of ends (none is left running).
    void expectWorkersEnd();

    QString bootstrap_;
    pid_t pid_ = 0;
    bool frozen_ = false;
    QString topicA_;
    QString topicB_;
};

void TestGuiLatency::brokers()
{
    QTest::addColumn<Broker>("broker");
    QTest::newRow("unreachable") << Broker::Unreachable;
    QTest::newRow("frozen") << Broker::Frozen;
    QTest::newRow("frozen mid-read") << Broker::FrozenMidRead;
}

void TestGuiLatency::initTestCase()
{
    test::useTemporarySettings(QStringLiteral("test_gui_latency"));
    bootstrap_ = test::requiredEnv("EDIS_TEST_FREEZABLE_KAFKA_BOOTSTRAP");
    pid_ = pid_t(test::requiredEnv("EDIS_TEST_FREEZABLE_KAFKA_PID").toLongLong());
    if (bootstrap_.isEmpty() || pid_ <= 0) {
        QFAIL("EDIS_TEST_FREEZABLE_KAFKA_BOOTSTRAP and EDIS_TEST_FREEZABLE_KAFKA_PID are not set: run with "
              "tests/run.sh, which starts a second broker for this test to freeze");
    }
    QVERIFY2(::kill(pid_, 0) == 0, "the freezable broker's pid is not running");
    const QString run = QUuid::createUuid().toString(QUuid::Id128).left(8);
    topicA_ = QStringLiteral("latency.a.") + run;
    topicB_ = QStringLiteral("latency.b.") + run;
    kafka::KafkaError error;
    auto admin = kafka::KafkaClient::create(settingsFor(Broker::Frozen), &error);
    QVERIFY2(admin, qPrintable(error.message));
    const std::map<int32_t, int> perPartition {
        {0, kRecordsPerPartition}, {1, kRecordsPerPartition}, {2, kRecordsPerPartition}};
    for (const QString &topic : {topicA_, topicB_}) {
        error = admin->createTopic({topic, kPartitions, 1, {}}, 30s);
        QVERIFY2(!error, qPrintable(error.message));
        const QString produced = test::produceRecords(bootstrap_, topic, perPartition);
        QVERIFY2(produced.isEmpty(), qPrintable(produced));
    }
}

void TestGuiLatency::cleanup()
{
    freeze(false);
}

void TestGuiLatency::cleanupTestCase()
{
    freeze(false);
    QVERIFY(util::BackgroundWorker::waitForOrphans(60s));
}

kafka::ConnectionSettings TestGuiLatency::settingsFor(Broker broker) const
{
    kafka::ConnectionSettings s;
    // Port 1 on loopback: nothing listens, every connection is refused at once.
    s.bootstrapServers = broker == Broker::Unreachable ? QStringLiteral("127.0.0.1:1") : bootstrap_;
    return s;
}

void TestGuiLatency::freeze(bool frozen)
{
    if (frozen != frozen_ && pid_ > 0) {
        QCOMPARE(::kill(pid_, frozen ? SIGSTOP : SIGCONT), 0);
        frozen_ = frozen;
    }
}

std::unique_ptr<InspectorPage> TestGuiLatency::readingPage(Broker broker)
{
    auto page = std::make_unique<InspectorPage>();
    page->resize(1200, 800);
    page->setConnection(settingsFor(broker));
    page->setTopic(topicA_, kPartitions);
    page->consumeControls()->setStartKind(inspect::StartPosition::Kind::Beginning);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopNever);
    page->show();
    if (broker == Broker::Frozen) {
        freeze(true);
    }
    page->start();
    if (broker == Broker::FrozenMidRead) {
        if (!QTest::qWaitFor([&] { return page->model()->rowCount() > 0; }, kArrivalTimeoutMs)) {
            return nullptr;
        }
        freeze(true);
    }
    return page;
}

void TestGuiLatency::expectWorkersEnd()
{
    freeze(false);
    QVERIFY(util::BackgroundWorker::waitForOrphans(60s));
}

void TestGuiLatency::probeSeesABlockedGuiThread()
{
    // The probe can fail: a GUI thread held for 150 ms shows as a gap of at least that.
    test::GapProbe probe(kSettleMs);
    QTest::qWait(50);
    std::this_thread::sleep_for(150ms);
    const qint64 gap = probe.finish();
    QVERIFY2(gap >= 150, qPrintable(QString::number(gap)));
}

void TestGuiLatency::switchingTopicsNeverBlocks()
{
    QFETCH(Broker, broker);
    auto page = readingPage(broker);
    QVERIFY(page);
    test::GapProbe probe(kSettleMs);
    QTest::qWait(kSettleMs);
    page->setTopic(topicB_, kPartitions);
    page->start();
    QTest::qWait(kSettleMs);
    page->setTopic(topicA_, kPartitions);
    page->start();
    QTest::qWait(kSettleMs);
    page->setTopic(topicB_, kPartitions);
    const qint64 gap = probe.finish();
    qInfo("longest GUI gap while switching topics: %lld ms", gap);
    QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread waited %1 ms").arg(gap)));
    page.reset();
    expectWorkersEnd();
}

void TestGuiLatency::closingTheInspectorNeverBlocks()
{
    QFETCH(Broker, broker);
    auto page = readingPage(broker);
    QVERIFY(page);
    test::GapProbe probe(kSettleMs);
    QTest::qWait(kSettleMs);
    page.reset();
    const qint64 gap = probe.finish();
    qInfo("longest GUI gap while closing the inspector: %lld ms", gap);
    QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread waited %1 ms").arg(gap)));
    expectWorkersEnd();
}

void TestGuiLatency::restartingAConsumptionNeverBlocks()
{
    QFETCH(Broker, broker);
    qRegisterMetaType<inspect::FinishReason>();
    inspect::ConsumeRequest request;
    request.connection = settingsFor(broker);
    request.topics = {{topicA_, inspect::StartPosition::beginning(), {}}};
    auto session = std::make_unique<inspect::ConsumerSession>();
    int batches = 0;
    connect(session.get(), &inspect::ConsumerSession::batchesReady, this, [&batches] { ++batches; });
    QSignalSpy finished(session.get(), &inspect::ConsumerSession::finished);
    freeze(broker == Broker::Frozen);
    session->start(request);
    if (broker == Broker::FrozenMidRead) {
        QTRY_VERIFY_WITH_TIMEOUT(batches > 0, kArrivalTimeoutMs);
        freeze(true);
    }
    test::GapProbe probe(kSettleMs);
    QTest::qWait(kSettleMs);
    request.topics = {{topicB_, inspect::StartPosition::beginning(), {}}};
    session->start(request); // the previous consumption is let go, not joined
    QTest::qWait(kSettleMs);
    if (broker == Broker::Unreachable) {
        // A refused connection fails the consumption at once: nothing is left to stop.
        QTRY_VERIFY_WITH_TIMEOUT(!session->isRunning(), kArrivalTimeoutMs);
        QCOMPARE(finished.last().at(0).value<inspect::FinishReason>(), inspect::FinishReason::Failed);
    } else {
        // A stop ends even a consumption whose broker never answers, long before its 15 s
        // timeout: every wait of the consumer looks at the stop.
        QVERIFY(session->isRunning());
        QElapsedTimer stopClock;
        stopClock.start();
        session->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(finished.at(0).at(0).value<inspect::FinishReason>(), inspect::FinishReason::Stopped);
        qInfo("finished %lld ms after stop()", stopClock.elapsed());
    }
    session->start(request);
    QTest::qWait(kSettleMs);
    session.reset();
    const qint64 gap = probe.finish();
    qInfo("longest GUI gap while restarting and destroying a consumption: %lld ms", gap);
    QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread waited %1 ms").arg(gap)));
    expectWorkersEnd();
}

void TestGuiLatency::closingAConnectionNeverBlocks()
{
    QFETCH(Broker, broker);
    auto session = std::make_unique<cluster::ClusterSession>(settingsFor(broker));
    freeze(broker == Broker::Frozen);
    session->open();
    if (broker == Broker::FrozenMidRead) {
        QTRY_COMPARE_WITH_TIMEOUT(
            session->state(), cluster::ClusterSession::State::Connected, kArrivalTimeoutMs);
        freeze(true);
        session->refresh(); // a metadata request the broker never answers
    }
    test::GapProbe probe(kSettleMs);
    QTest::qWait(kSettleMs);
    session->close();
    QCOMPARE(session->state(), cluster::ClusterSession::State::Disconnected);
    session.reset();
    const qint64 gap = probe.finish();
    qInfo("longest GUI gap while closing a connection: %lld ms", gap);
    QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread waited %1 ms").arg(gap)));
    expectWorkersEnd();
}

void TestGuiLatency::closingAConnectionTestNeverBlocks()
{
    QFETCH(Broker, broker);
    auto tester = std::make_unique<cluster::ConnectionTester>();
    QSignalSpy finished(tester.get(), &cluster::ConnectionTester::finished);
    freeze(broker != Broker::Unreachable);
    test::GapProbe probe(kSettleMs);
    tester->start(settingsFor(broker), 10s);
    QTest::qWait(kSettleMs);
    if (broker == Broker::Unreachable) {
        // The result comes back on the GUI thread, as a signal.
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kArrivalTimeoutMs);
        QCOMPARE(
            finished.at(0).at(0).value<kafka::KafkaError>().kind, kafka::KafkaError::Kind::ConnectionRefused);
        QVERIFY(!tester->isRunning());
    } else {
        QVERIFY(tester->isRunning()); // the broker never answers
    }
    tester->start(settingsFor(broker), 10s); // replaces a running test, without waiting for it
    QTest::qWait(kSettleMs);
    tester.reset(); // the dialog closes while the test runs
    const qint64 gap = probe.finish();
    qInfo("longest GUI gap while testing a connection and closing the test: %lld ms", gap);
    QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread waited %1 ms").arg(gap)));
    expectWorkersEnd();
}

QTEST_MAIN(TestGuiLatency)
#include "tst_guilatency.moc"
