// The inspector's consumption without a window and without a broker: what each user action does
// to the state the page shows (running, paused, searching, tailing), what the status line and
// the figures say, and what a topic switch does to a paused read (issue 16: a pause on A stayed
// on B). Reads go to 127.0.0.1:1, where nothing listens: the consumer is real and runs until it
// is stopped or gives up, and no record ever comes.

#include "filterexpression.h"
#include "inspectorcontroller.h"
#include "messagetablemodel.h"
#include "testrecords.h"

#include <QSignalSpy>
#include <QtTest>

using namespace edis;
using namespace edis::inspect;

class TestInspectorController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void idleSaysWhatToDo();
    void topicSwitchSaysWhatTheButtonsDo();
    void startNeedsATopicAndAConnection();
    void startStreamsWithFreshFigures();
    void pauseBelongsToTheRunningRead();
    void topicSwitchWhilePausedLeavesNothingPaused();
    void sameTopicKeepsTheRead();
    void newConnectionStopsTheRead();
    void tailing_data();
    void tailing();
    void stopSaysStoppingThenStopped();
    void unreachableBrokerFailsWithTheReason();
    void searchNeedsAFilterThatSelects_data();
    void searchNeedsAFilterThatSelects();
    void searchStopsATailAndOffersItBack();
    void searchOfAStoppedReadOffersNoTail();
    void finishMessage_data();
    void finishMessage();
    void rateText_data();
    void rateText();
    void durationText_data();
    void durationText();
    void searchText_data();
    void searchText();

private:
    static kafka::ConnectionSettings unreachable();
    /// A controller reading `topic` from the end, never stopping (a live tail).
    static std::unique_ptr<InspectorController> tailingController(const QString &topic);
    static ConsumeRequest tailRequest(const QString &topic);

    QLocale savedLocale_;
};

namespace {

constexpr int kFinishTimeoutMs = 10000;

std::shared_ptr<const FilterExpression> filter(const QString &text)
{
    FilterError error;
    return FilterExpression::parse(text, &error);
}

} // namespace

void TestInspectorController::initTestCase()
{
    savedLocale_ = QLocale();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "1,234" in the wording
}

void TestInspectorController::cleanupTestCase()
{
    QLocale::setDefault(savedLocale_);
}

kafka::ConnectionSettings TestInspectorController::unreachable()
{
    kafka::ConnectionSettings s;
    s.bootstrapServers = QStringLiteral("127.0.0.1:1");
    return s;
}

ConsumeRequest TestInspectorController::tailRequest(const QString &topic)
{
    ConsumeRequest request;
    request.topics = {TopicSelection {topic, StartPosition::end(), {}}};
    return request;
}

std::unique_ptr<InspectorController> TestInspectorController::tailingController(const QString &topic)
{
    auto controller = std::make_unique<InspectorController>();
    controller->setConnection(unreachable());
    controller->setTopic(topic, 3);
    controller->start(tailRequest(topic), QStringLiteral("from the end"));
    return controller;
}

void TestInspectorController::idleSaysWhatToDo()
{
    InspectorController controller;
    QCOMPARE(controller.statusText(), QStringLiteral("Choose a topic, then Start (or Live Tail)."));
    QVERIFY(!controller.statusIsProblem());
    QVERIFY(!controller.canRead());
    QVERIFY(!controller.isConsuming());
    QVERIFY(!controller.isPaused());
    QVERIFY(!controller.isSearching());
    const ReadFigures figures = controller.readFigures();
    QCOMPARE(figures.recordRate, QStringLiteral("– msg/s"));
    QCOMPARE(figures.byteRate, QStringLiteral("– /s"));
    QCOMPARE(figures.readCount, QStringLiteral("0 read this session"));
}

void TestInspectorController::topicSwitchSaysWhatTheButtonsDo()
{
    InspectorController controller;
    QSignalSpy status(&controller, &InspectorController::statusChanged);
    QSignalSpy cleared(&controller, &InspectorController::cleared);
    QVERIFY(controller.setTopic(QStringLiteral("orders"), 6));
    QCOMPARE(controller.statusText(),
        QStringLiteral("Start reads orders from the chosen position; Live Tail follows its new records."));
    QCOMPARE(status.count(), 1);
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(controller.partitionCount(), 6);
    // The same topic again (the window refreshes its metadata): nothing is cleared or said.
    QVERIFY(!controller.setTopic(QStringLiteral("orders"), 7));
    QCOMPARE(controller.partitionCount(), 7);
    QCOMPARE(status.count(), 1);
    QCOMPARE(cleared.count(), 1);
    controller.setTopic(QString(), 0);
    QCOMPARE(controller.statusText(), QStringLiteral("Choose a topic, then Start (or Live Tail)."));
}

void TestInspectorController::startNeedsATopicAndAConnection()
{
    InspectorController controller;
    controller.setTopic(QStringLiteral("orders"), 1);
    QSignalSpy started(&controller, &InspectorController::readStarted);
    QVERIFY(!controller.start(tailRequest(QStringLiteral("orders")), QStringLiteral("from the end")));
    QCOMPARE(controller.statusText(), QStringLiteral("No topic or connection to read from."));
    QVERIFY(controller.statusIsProblem());
    QVERIFY(!controller.searchWholeTopic(filter(QStringLiteral("key == \"a\"")), {}));
    QCOMPARE(controller.statusText(), QStringLiteral("No topic or connection to search."));
    QVERIFY(!controller.isConsuming());
    QCOMPARE(started.count(), 0);
}

void TestInspectorController::startStreamsWithFreshFigures()
{
    InspectorController controller;
    controller.setConnection(unreachable());
    controller.setTopic(QStringLiteral("orders"), 3);
    QSignalSpy started(&controller, &InspectorController::readStarted);
    QSignalSpy state(&controller, &InspectorController::stateChanged);
    QSignalSpy figures(&controller, &InspectorController::figuresChanged);
    QVERIFY(controller.start(tailRequest(QStringLiteral("orders")), QStringLiteral("from the end")));
    QVERIFY(controller.isConsuming());
    QVERIFY(!controller.isPaused());
    QVERIFY(!controller.isSearching());
    QVERIFY(controller.isTailing());
    QCOMPARE(controller.statusText(), QStringLiteral("Reading orders (from the end)…"));
    QVERIFY(!controller.statusIsProblem());
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toBool(), false);
    QVERIFY(state.count() >= 1);
    QVERIFY(figures.count() >= 1);
    QCOMPARE(controller.readFigures().recordRate, QStringLiteral("– msg/s"));
    QCOMPARE(controller.model()->rowCount(), 0);
}

void TestInspectorController::pauseBelongsToTheRunningRead()
{
    InspectorController idle;
    idle.setConnection(unreachable());
    idle.setTopic(QStringLiteral("orders"), 1);
    idle.setPaused(true);
    QVERIFY(!idle.isPaused()); // nothing runs: nothing is paused

    auto controller = tailingController(QStringLiteral("orders"));
    QSignalSpy state(controller.get(), &InspectorController::stateChanged);
    controller->setPaused(true);
    QVERIFY(controller->isPaused());
    QVERIFY(controller->isConsuming()); // a paused read still runs
    QCOMPARE(state.count(), 1);
    controller->setPaused(false);
    QVERIFY(!controller->isPaused());
    QCOMPARE(state.count(), 2);
}

void TestInspectorController::topicSwitchWhilePausedLeavesNothingPaused()
{
    auto controller = tailingController(QStringLiteral("orders"));
    controller->setPaused(true);
    QVERIFY(controller->isPaused());
    QSignalSpy abandoned(controller.get(), &InspectorController::readAbandoned);

    controller->setTopic(QStringLiteral("crm.accounts"), 2);
    QCOMPARE(abandoned.count(), 1);
    QVERIFY(!controller->isConsuming());
    QVERIFY(!controller->isPaused());
    QVERIFY(!controller->isTailing());

    QVERIFY(controller->start(tailRequest(QStringLiteral("crm.accounts")), QStringLiteral("from the end")));
    QVERIFY(controller->isConsuming());
    QVERIFY(!controller->isPaused()); // the new read streams
    QCOMPARE(controller->statusText(), QStringLiteral("Reading crm.accounts (from the end)…"));
    controller->setPaused(true); // and the first pause pauses it
    QVERIFY(controller->isPaused());
}

void TestInspectorController::sameTopicKeepsTheRead()
{
    auto controller = tailingController(QStringLiteral("orders"));
    controller->setPaused(true);
    QVERIFY(!controller->setTopic(QStringLiteral("orders"), 4));
    QVERIFY(controller->isConsuming());
    QVERIFY(controller->isPaused());
    // The same connection again changes nothing either.
    QVERIFY(!controller->setConnection(unreachable()));
    QVERIFY(controller->isConsuming());
}

void TestInspectorController::newConnectionStopsTheRead()
{
    auto controller = tailingController(QStringLiteral("orders"));
    QSignalSpy cleared(controller.get(), &InspectorController::cleared);
    kafka::ConnectionSettings other = unreachable();
    other.bootstrapServers = QStringLiteral("127.0.0.1:2");
    QVERIFY(controller->setConnection(other));
    QVERIFY(!controller->isConsuming());
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(controller->topic(), QStringLiteral("orders")); // the topic stays chosen
    QVERIFY(controller->canRead());
}

void TestInspectorController::tailing_data()
{
    QTest::addColumn<bool>("stopAtEnd");
    QTest::addColumn<quint64>("maxMessages");
    QTest::addColumn<bool>("stopAtTime");
    QTest::addColumn<bool>("tails");
    QTest::newRow("never stops") << false << quint64(0) << false << true;
    QTest::newRow("until the current end") << true << quint64(0) << false << false;
    QTest::newRow("after a count") << false << quint64(100) << false << false;
    QTest::newRow("at a time") << false << quint64(0) << true << false;
}

void TestInspectorController::tailing()
{
    QFETCH(bool, stopAtEnd);
    QFETCH(quint64, maxMessages);
    QFETCH(bool, stopAtTime);
    QFETCH(bool, tails);
    InspectorController controller;
    controller.setConnection(unreachable());
    controller.setTopic(QStringLiteral("orders"), 1);
    ConsumeRequest request = tailRequest(QStringLiteral("orders"));
    request.stopAtEnd = stopAtEnd;
    request.maxMessages = maxMessages;
    if (stopAtTime) {
        request.stopAtTimestampMs = 1700000000000;
    }
    controller.start(request, QStringLiteral("somewhere"));
    QCOMPARE(controller.isTailing(), tails);
}

void TestInspectorController::stopSaysStoppingThenStopped()
{
    auto controller = tailingController(QStringLiteral("orders"));
    controller->setPaused(true);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    controller->stop();
    QCOMPARE(controller->statusText(), QStringLiteral("Stopping…"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFinishTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Stopped);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Stopped."));
    QCOMPARE(controller->statusText(), QStringLiteral("Stopped."));
    QVERIFY(!controller->isConsuming());
    QVERIFY(!controller->isPaused()); // nothing runs: nothing is paused
    QVERIFY(!controller->isTailing());
    QCOMPARE(controller->readFigures().recordRate, QStringLiteral("– msg/s"));
}

void TestInspectorController::unreachableBrokerFailsWithTheReason()
{
    InspectorController controller;
    controller.setConnection(unreachable());
    controller.setTopic(QStringLiteral("orders"), 1);
    ConsumeRequest request = tailRequest(QStringLiteral("orders"));
    request.timeoutMs = 300; // give up on the metadata soon
    QSignalSpy finished(&controller, &InspectorController::finished);
    controller.start(request, QStringLiteral("from the end"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFinishTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Failed);
    QVERIFY2(controller.statusText().startsWith(QStringLiteral("Reading failed: ")),
        qPrintable(controller.statusText()));
    QVERIFY(controller.statusText().size() > QStringLiteral("Reading failed: ").size()); // says why
    QVERIFY(controller.statusIsProblem());
    QVERIFY(!controller.isConsuming());
}

void TestInspectorController::searchNeedsAFilterThatSelects_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("searches");
    QTest::newRow("none") << QString() << false;
    QTest::newRow("matches everything") << QStringLiteral("") << false;
    QTest::newRow("a key") << QStringLiteral("key == \"a\"") << true;
}

void TestInspectorController::searchNeedsAFilterThatSelects()
{
    QFETCH(QString, expression);
    QFETCH(bool, searches);
    InspectorController controller;
    controller.setConnection(unreachable());
    controller.setTopic(QStringLiteral("orders"), 1);
    const auto expr = expression.isNull() ? nullptr : filter(expression);
    QCOMPARE(controller.searchWholeTopic(expr, {}), searches);
    QCOMPARE(controller.isSearching(), searches);
    QCOMPARE(controller.isConsuming(), searches);
    if (searches) {
        QCOMPARE(controller.statusText(), QStringLiteral("Searching all of orders for key == \"a\"…"));
        QCOMPARE(controller.searchFigures().text, QStringLiteral("Starting the search…"));
        QCOMPARE(controller.searchFigures().permille, 0);
        QVERIFY(!controller.isTailing());
    } else {
        QCOMPARE(controller.statusText(),
            QStringLiteral("Type a filter first: the search keeps only the records it matches."));
        QVERIFY(controller.statusIsProblem());
    }
}

void TestInspectorController::searchStopsATailAndOffersItBack()
{
    auto controller = tailingController(QStringLiteral("orders"));
    QSignalSpy started(controller.get(), &InspectorController::readStarted);
    QVERIFY(controller->searchWholeTopic(filter(QStringLiteral("key == \"a\"")), {}));
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toBool(), true);
    QVERIFY(controller->isSearching());
    QVERIFY(controller->searchStoppedTail());
    QCOMPARE(controller->searchNote(),
        QStringLiteral("The live tail is stopped while the search runs; you can go back to it when the "
                       "search is over."));

    QSignalSpy progress(controller.get(), &InspectorController::searchProgressChanged);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    controller->stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFinishTimeoutMs);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Search cancelled (0 matches so far)."));
    QVERIFY(progress.count() >= 1); // the bar shows the outcome
    QVERIFY(!controller->isSearching());
    QVERIFY(controller->searchStoppedTail()); // still offered after the search
    QCOMPARE(controller->searchNote(),
        QStringLiteral("The live tail was stopped for the search: go back to it when you are done here."));
    // A cancelled search keeps its last progress line rather than a "finished" one.
    QVERIFY2(!controller->searchFigures().text.contains(QStringLiteral(" in ")),
        qPrintable(controller->searchFigures().text));
}

void TestInspectorController::searchOfAStoppedReadOffersNoTail()
{
    InspectorController controller;
    controller.setConnection(unreachable());
    controller.setTopic(QStringLiteral("orders"), 1);
    ConsumeRequest untilEnd = tailRequest(QStringLiteral("orders"));
    untilEnd.stopAtEnd = true; // a read that ends by itself is no tail to offer back
    controller.start(untilEnd, QStringLiteral("until the end"));
    QVERIFY(controller.searchWholeTopic(filter(QStringLiteral("key == \"a\"")), {}));
    QVERIFY(!controller.searchStoppedTail());
    QVERIFY(controller.searchNote().isEmpty());
    // A new read after the search forgets the search.
    controller.start(tailRequest(QStringLiteral("orders")), QStringLiteral("from the end"));
    QVERIFY(!controller.isSearching());
    QVERIFY(!controller.searchStoppedTail());
}

void TestInspectorController::finishMessage_data()
{
    QTest::addColumn<FinishReason>("reason");
    QTest::addColumn<bool>("search");
    QTest::addColumn<int>("held");
    QTest::addColumn<QString>("message");
    QTest::newRow("read completed") << FinishReason::Completed << false << 1234
                                    << QStringLiteral(
                                           "Finished: the stop condition was met (1,234 records).");
    QTest::newRow("read stopped") << FinishReason::Stopped << false << 5 << QStringLiteral("Stopped.");
    QTest::newRow("read failed") << FinishReason::Failed << false << 5
                                 << QStringLiteral("Reading failed: Broker: Unknown topic");
    QTest::newRow("search completed")
        << FinishReason::Completed << true << 42 << QStringLiteral("Search finished: 42 matches.");
    QTest::newRow("search cancelled") << FinishReason::Stopped << true << 1000
                                      << QStringLiteral("Search cancelled (1,000 matches so far).");
    QTest::newRow("search failed") << FinishReason::Failed << true << 0
                                   << QStringLiteral("Reading failed: Broker: Unknown topic");
}

void TestInspectorController::finishMessage()
{
    QFETCH(FinishReason, reason);
    QFETCH(bool, search);
    QFETCH(int, held);
    QFETCH(QString, message);
    QCOMPARE(
        InspectorController::finishMessage(reason, search, held, QStringLiteral("Broker: Unknown topic")),
        message);
}

void TestInspectorController::rateText_data()
{
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing") << 0.0 << QStringLiteral("0");
    QTest::newRow("below a tenth") << 0.04 << QStringLiteral("0");
    QTest::newRow("slow") << 3.46 << QStringLiteral("3.5");
    QTest::newRow("ten") << 10.0 << QStringLiteral("10");
    QTest::newRow("fast") << 123456.6 << QStringLiteral("123,457");
}

void TestInspectorController::rateText()
{
    QFETCH(double, perSecond);
    QFETCH(QString, text);
    QCOMPARE(InspectorController::rateText(perSecond), text);
}

void TestInspectorController::durationText_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("short") << 4.24 << QStringLiteral("4.2 s");
    QTest::newRow("seconds") << 12.4 << QStringLiteral("12 s");
    QTest::newRow("minutes") << 185.0 << QStringLiteral("3 min 5 s");
    QTest::newRow("hours") << 7800.0 << QStringLiteral("2 h 10 min");
}

void TestInspectorController::durationText()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(InspectorController::durationText(seconds), text);
}

void TestInspectorController::searchText_data()
{
    QTest::addColumn<quint64>("scanned");
    QTest::addColumn<qint64>("remaining");
    QTest::addColumn<quint64>("matches");
    QTest::addColumn<bool>("finished");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("eta");
    QTest::addColumn<QString>("text");
    QTest::newRow("measuring") << quint64(500) << qint64(1500) << quint64(3) << false << -1.0 << -1.0
                               << QStringLiteral("Scanned 500 of 2,000 · 3 matches · measuring the rate…");
    QTest::newRow("with a rate") << quint64(500) << qint64(1500) << quint64(3) << false << 250.0 << 6.0
                                 << QStringLiteral(
                                        "Scanned 500 of 2,000 · 3 matches · 250 rec/s · about 6.0 s left");
    QTest::newRow("end unknown") << quint64(500) << qint64(-1) << quint64(0) << false << 250.0 << -1.0
                                 << QStringLiteral("Scanned 500 · 0 matches · 250 rec/s");
    QTest::newRow("finished") << quint64(20000) << qint64(0) << quint64(7) << true << -1.0 << -1.0
                              << QStringLiteral("Scanned 20,000 records in 4.0 s (5,000 rec/s) · 7 matches");
}

void TestInspectorController::searchText()
{
    QFETCH(quint64, scanned);
    QFETCH(qint64, remaining);
    QFETCH(quint64, matches);
    QFETCH(bool, finished);
    QFETCH(double, rate);
    QFETCH(double, eta);
    QFETCH(QString, text);
    ConsumerProgress progress;
    progress.scanned = scanned;
    progress.remaining = remaining;
    progress.delivered = matches;
    const auto known = [](double v) { return v >= 0 ? std::optional<double>(v) : std::nullopt; };
    QCOMPARE(InspectorController::searchText(progress, finished, 4.0, known(rate), known(eta)), text);
}

EDIS_REGISTER_TEST(TestInspectorController);
#include "tst_inspectorcontroller.moc"
