// The inspector's consumption through its controller against the embedded sandbox cluster (real
// Kafka protocol on 127.0.0.1, records produced all the time): a read to the current end, a live
// tail that pauses and resumes, a topic switch while paused (issue 16: the new topic streams and
// nothing says paused), and a whole-topic search that stops the tail and offers it back.

#include "filterexpression.h"
#include "inspectorcontroller.h"
#include "messagetablemodel.h"
#include "sandbox/sandboxcluster.h"
#include "sandbox/sandboxscenario.h"
#include "testrecords.h"

#include <QSignalSpy>
#include <QtTest>

using namespace edis;
using namespace edis::inspect;

class TestInspectorControllerSandbox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void readsToTheCurrentEnd();
    void pauseHoldsTheTailStill();
    void topicSwitchWhilePausedStreamsTheNewTopic();
    void searchKeepsOnlyMatchesAndOffersTheTailBack();

private:
    std::unique_ptr<InspectorController> controllerOn(const QString &topic, int partitions);
    /// Waits for `reports` more progress reports of the running read.
    static bool waitForReports(InspectorController *controller, int reports);

    std::unique_ptr<sandbox::SandboxCluster> sandbox_;
};

namespace {

constexpr int kArrivalTimeoutMs = 20000;

ConsumeRequest fromThe(StartPosition start, const QString &topic, bool stopAtEnd)
{
    ConsumeRequest request;
    request.topics = {TopicSelection {topic, start, {}}};
    request.stopAtEnd = stopAtEnd;
    return request;
}

} // namespace

void TestInspectorControllerSandbox::initTestCase()
{
    qRegisterMetaType<FinishReason>();
    QString error;
    sandbox_ = sandbox::SandboxCluster::start({}, &error);
    QVERIFY2(sandbox_, qPrintable(error));
    // Reads "from the beginning until the current end" need records in every topic first.
    QTRY_VERIFY_WITH_TIMEOUT(sandbox_->producedCount() >= 900, kArrivalTimeoutMs);
}

void TestInspectorControllerSandbox::cleanupTestCase()
{
    sandbox_.reset();
}

std::unique_ptr<InspectorController> TestInspectorControllerSandbox::controllerOn(
    const QString &topic, int partitions)
{
    auto controller = std::make_unique<InspectorController>();
    controller->setConnection(sandbox_->connectionSettings());
    controller->setTopic(topic, partitions);
    return controller;
}

bool TestInspectorControllerSandbox::waitForReports(InspectorController *controller, int reports)
{
    QSignalSpy figures(controller, &InspectorController::figuresChanged);
    return QTest::qWaitFor([&] { return figures.count() >= reports; }, kArrivalTimeoutMs);
}

void TestInspectorControllerSandbox::readsToTheCurrentEnd()
{
    const QString topic = QString::fromUtf8(sandbox::topics::kOrderEvents);
    auto controller = controllerOn(topic, 6);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    QSignalSpy adopted(controller.get(), &InspectorController::batchesAdopted);
    QVERIFY(controller->start(fromThe(StartPosition::beginning(), topic, true), QStringLiteral("here")));
    QVERIFY(!controller->isTailing());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kArrivalTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
    const qsizetype held = controller->model()->store().size();
    QVERIFY(held > 0);
    QVERIFY(adopted.count() > 0);
    QCOMPARE(controller->model()->rowCount(), int(held));
    QCOMPARE(controller->statusText(),
        InspectorController::finishMessage(FinishReason::Completed, false, held, QString()));
    QVERIFY(!controller->isConsuming());
    // Every record read reached the table: the read count says as many.
    QCOMPARE(controller->readFigures().readCount, QObject::tr("%L1 read this session").arg(held));
    QCOMPARE(controller->readFigures().recordRate, QStringLiteral("– msg/s")); // nothing reads now
}

void TestInspectorControllerSandbox::pauseHoldsTheTailStill()
{
    const QString topic = QString::fromUtf8(sandbox::topics::kOrderEvents);
    auto controller = controllerOn(topic, 6);
    QVERIFY(controller->start(fromThe(StartPosition::end(), topic, false), QStringLiteral("the end")));
    MessageTableModel *model = controller->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, kArrivalTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(controller->readFigures().recordRate.endsWith(QStringLiteral(" msg/s"))
            && !controller->readFigures().recordRate.startsWith(QStringLiteral("–")),
        kArrivalTimeoutMs);

    controller->setPaused(true);
    QVERIFY(controller->isPaused());
    QTRY_COMPARE_WITH_TIMEOUT(
        controller->readFigures().recordRate, QStringLiteral("paused"), kArrivalTimeoutMs);
    // What was fetched before the pause may still land with the next flush; after that, nothing.
    QVERIFY(waitForReports(controller.get(), 1));
    const int held = model->rowCount();
    QVERIFY(waitForReports(controller.get(), 3));
    QCOMPARE(model->rowCount(), held);
    QVERIFY(controller->readFigures().rateToolTip.contains(QStringLiteral("Reading is paused.")));

    controller->setPaused(false);
    QVERIFY(!controller->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > held, kArrivalTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        controller->readFigures().recordRate != QStringLiteral("paused"), kArrivalTimeoutMs);
}

void TestInspectorControllerSandbox::topicSwitchWhilePausedStreamsTheNewTopic()
{
    const QString first = QString::fromUtf8(sandbox::topics::kOrderEvents);
    const QString second = QString::fromUtf8(sandbox::topics::kCrmAccounts);
    auto controller = controllerOn(first, 6);
    controller->start(fromThe(StartPosition::end(), first, false), QStringLiteral("the end"));
    QTRY_VERIFY_WITH_TIMEOUT(controller->model()->rowCount() > 0, kArrivalTimeoutMs);
    controller->setPaused(true);
    QVERIFY(controller->isPaused());

    controller->setTopic(second, 2);
    QVERIFY(!controller->isPaused());
    QCOMPARE(controller->model()->rowCount(), 0); // the table is the new topic's
    QVERIFY(controller->start(fromThe(StartPosition::end(), second, false), QStringLiteral("the end")));
    QVERIFY(controller->isConsuming());
    QVERIFY(!controller->isPaused());
    MessageTableModel *model = controller->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 2, kArrivalTimeoutMs);
    const int before = model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > before, kArrivalTimeoutMs); // it streams
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(model->store().view(*model->idAt(row)).topic() == second.toStdString());
    }
    QVERIFY(!controller->isPaused());
    QVERIFY(controller->readFigures().recordRate != QStringLiteral("paused"));
    controller->setPaused(true); // the first pause pauses it
    QVERIFY(controller->isPaused());
    QTRY_COMPARE_WITH_TIMEOUT(
        controller->readFigures().recordRate, QStringLiteral("paused"), kArrivalTimeoutMs);
}

void TestInspectorControllerSandbox::searchKeepsOnlyMatchesAndOffersTheTailBack()
{
    const QString topic = QString::fromUtf8(sandbox::topics::kOrderEvents);
    auto controller = controllerOn(topic, 6);
    controller->start(fromThe(StartPosition::end(), topic, false), QStringLiteral("the end"));
    QTRY_VERIFY_WITH_TIMEOUT(controller->model()->rowCount() > 0, kArrivalTimeoutMs);

    FilterError error;
    auto filter = FilterExpression::parse(QStringLiteral("partition == 2"), &error);
    QVERIFY2(filter, qPrintable(error.describe()));
    QSignalSpy progress(controller.get(), &InspectorController::searchProgressChanged);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    QVERIFY(controller->searchWholeTopic(filter, {}));
    QVERIFY(controller->isSearching());
    QVERIFY(controller->searchStoppedTail());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kArrivalTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
    QVERIFY(progress.count() >= 1);

    MessageTableModel *model = controller->model();
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->store().view(*model->idAt(row)).partition(), 2);
    }
    const SearchFigures figures = controller->searchFigures();
    QCOMPARE(figures.permille, 1000);
    QVERIFY2(figures.text.startsWith(QStringLiteral("Scanned ")), qPrintable(figures.text));
    QVERIFY2(
        figures.text.endsWith(QObject::tr("· %L1 matches").arg(model->rowCount())), qPrintable(figures.text));
    QCOMPARE(controller->statusText(),
        InspectorController::finishMessage(FinishReason::Completed, true, model->rowCount(), QString()));
    QVERIFY(controller->searchStoppedTail());
    QVERIFY(!controller->searchNote().isEmpty());
}

EDIS_REGISTER_TEST(TestInspectorControllerSandbox);
#include "tst_inspectorcontrollersandbox.moc"
