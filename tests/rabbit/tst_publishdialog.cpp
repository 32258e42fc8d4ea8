// The publish dialog (ui/dialogs/publishdialog) against the real node tests/services/rabbitmq.sh
// starts (EDIS_TEST_RABBITMQ_*, the test vhost), offscreen and driven through its widgets:
// templated bodies with a header and properties arrive as written and are confirmed, a mandatory
// message nobody takes is reported as returned with the server's 312 NO_ROUTE, a missing exchange
// and a wrong password say so and leave the dialog usable, and a paced send stops at once
// without stalling the GUI thread, and closing the dialog mid-send returns at once. Queues are declared over
// AMQP with names unique to the run.

#include "amqp/connection.h"
#include "amqp/queuepeeker.h"
#include "dialogs/publishdialog.h"
#include "guitest.h"
#include "rabbittest.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

#include <limits>
#include <memory>

using namespace edis;
using test::child;
using test::GapProbe;

namespace {

constexpr int kWaitMs = 30000;
constexpr qint64 kMaxGapMs = 100;

} // namespace

class TestPublishDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void publishesTemplatedMessagesWithHeadersAndProperties();
    void reportsAReturnedMandatoryMessage();
    void reportsAMissingExchangeAndStaysUsable();
    void reportsAWrongPassword();
    void stopEndsAPacedSendWithoutStallingTheGui();
    void closingWhileSendingNeverBlocks();

private:
    QString declare(const QString &suffix);
    uint32_t messageCount(const QString &queue);
    /// Clicks Send and waits for publishFinished; false when it did not come.
    static bool sendAndWait(ui::PublishDialog &dialog);

    amqp::Settings settings_;
    QString prefix_;
    std::unique_ptr<amqp::Connection> connection_;
    QStringList queues_;
};

void TestPublishDialog::initTestCase()
{
    for (const char *name : {"EDIS_TEST_RABBITMQ_AMQP_URL", "EDIS_TEST_RABBITMQ_VHOST"}) {
        if (test::rabbitEnv(name).isEmpty()) {
            QFAIL(test::missingRabbitEnv(name).constData());
        }
    }
    const amqp::Result<amqp::Settings> parsed
        = amqp::Settings::fromUrl(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    settings_ = parsed.value();
    settings_.vhost = test::rabbitEnv("EDIS_TEST_RABBITMQ_VHOST"); // the URL's is "/"
    prefix_ = test::uniqueRabbitPrefix("publish");
    connection_ = std::make_unique<amqp::Connection>(settings_);
    const amqp::Error opened = connection_->open();
    QVERIFY2(opened.ok(), qPrintable(opened.message + QLatin1String(" / ") + opened.detail));
}

void TestPublishDialog::cleanup()
{
    if (connection_ && connection_->isOpen()) {
        for (const QString &queue : std::as_const(queues_)) {
            connection_->deleteQueue(queue);
        }
    }
    queues_.clear();
}

QString TestPublishDialog::declare(const QString &suffix)
{
    amqp::QueueDeclaration d;
    d.name = prefix_ + suffix;
    d.arguments = {{QStringLiteral("x-queue-type"), amqp::FieldValue::string(QStringLiteral("classic"))}};
    const amqp::Result<amqp::QueueInfo> info = connection_->declareQueue(d);
    if (!info.ok()) {
        qWarning("declare %s: %s", qPrintable(d.name), qPrintable(info.error().message));
        return {};
    }
    queues_ << d.name;
    return d.name;
}

uint32_t TestPublishDialog::messageCount(const QString &queue)
{
    const amqp::Result<amqp::QueueInfo> info = connection_->inspectQueue(queue);
    return info.ok() ? info->messageCount : std::numeric_limits<uint32_t>::max();
}

bool TestPublishDialog::sendAndWait(ui::PublishDialog &dialog)
{
    QSignalSpy finished(&dialog, &ui::PublishDialog::publishFinished);
    auto *send = child<QPushButton>(&dialog, "send");
    if (!send || !send->isEnabled()) {
        return false;
    }
    QTest::mouseClick(send, Qt::LeftButton);
    const bool ended = finished.wait(kWaitMs) || finished.count() == 1;
    qInfo("status: %s", qPrintable(child<QLabel>(&dialog, "status")->text()));
    return ended;
}

void TestPublishDialog::publishesTemplatedMessagesWithHeadersAndProperties()
{
    const QString queue = declare(QStringLiteral("templated"));
    QVERIFY(!queue.isEmpty());
    ui::PublishDialog dialog(settings_, QString(), queue);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog)); // the header editor closes when Add takes focus
    child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral(R"({"n": {{i}}})"));
    child<QSpinBox>(&dialog, "count")->setValue(5);
    child<QComboBox>(&dialog, "contentType")->setCurrentText(QStringLiteral("application/json"));
    child<QLineEdit>(&dialog, "messageId")->setText(QStringLiteral("msg-{{i}}"));
    child<QLineEdit>(&dialog, "appId")->setText(QStringLiteral("edis-test"));
    child<QComboBox>(&dialog, "priority")->setCurrentIndex(6); // "none", then 0..9: priority 5
    child<QCheckBox>(&dialog, "timestampNow")->setChecked(true);
    QTest::mouseClick(child<QPushButton>(&dialog, "addHeader"), Qt::LeftButton);
    auto *headers = child<QTableWidget>(&dialog, "headers");
    QCOMPARE(headers->rowCount(), 1);
    headers->item(0, 0)->setText(QStringLiteral("x-origin"));
    headers->item(0, 1)->setText(QStringLiteral("publish-dialog"));
    QTest::mouseClick(child<QPushButton>(&dialog, "addHeader"), Qt::LeftButton);
    QCOMPARE(headers->rowCount(), 2); // an empty row is not sent

    QVERIFY(sendAndWait(dialog));
    QVERIFY2(dialog.lastError().ok(), qPrintable(dialog.lastError().message));
    QCOMPARE(dialog.lastTotals().confirmed, quint64(5));
    QCOMPARE(dialog.lastTotals().nacked, quint64(0));
    QCOMPARE(dialog.lastTotals().returned, quint64(0));
    const QString status = child<QLabel>(&dialog, "status")->text();
    QVERIFY2(status.contains(QLatin1String("5 confirmed")), qPrintable(status));
    QVERIFY(child<QPushButton>(&dialog, "send")->isEnabled());
    QVERIFY(!child<QPushButton>(&dialog, "stop")->isEnabled());

    QTRY_COMPARE(messageCount(queue), uint32_t(5));
    amqp::QueuePeeker peeker(*connection_);
    const auto peeked = peeker.peek(queue, 10);
    QVERIFY2(peeked.ok(), qPrintable(peeked.error().message));
    QCOMPARE(peeked->size(), std::size_t(5));
    for (std::size_t i = 0; i < peeked->size(); ++i) {
        const amqp::Message &m = peeked.value()[i];
        QCOMPARE(m.body, QStringLiteral(R"({"n": %1})").arg(i).toUtf8());
        QCOMPARE(m.routingKey, queue);
        QCOMPARE(m.properties.contentType, std::optional<QString>(QStringLiteral("application/json")));
        QCOMPARE(m.properties.messageId, std::optional<QString>(QStringLiteral("msg-%1").arg(i)));
        QCOMPARE(m.properties.appId, std::optional<QString>(QStringLiteral("edis-test")));
        QCOMPARE(m.properties.priority, std::optional<uint8_t>(5));
        QCOMPARE(m.properties.deliveryMode, std::optional<uint8_t>(2)); // persistent by default
        QVERIFY(m.properties.timestamp.has_value());
        QVERIFY(!m.properties.correlationId.has_value()); // empty fields are no properties
        QCOMPARE(m.headers.size(), std::size_t(1));
        const amqp::FieldValue *origin = amqp::findField(m.headers, QStringLiteral("x-origin"));
        QVERIFY(origin);
        QCOMPARE(origin->type, amqp::FieldValue::Type::String);
        QCOMPARE(origin->text(), QStringLiteral("publish-dialog"));
    }
}

void TestPublishDialog::reportsAReturnedMandatoryMessage()
{
    ui::PublishDialog dialog(settings_, QStringLiteral("amq.direct"), prefix_ + QStringLiteral("unbound"));
    dialog.show();
    child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("nobody takes this"));
    child<QCheckBox>(&dialog, "mandatory")->setChecked(true);
    QVERIFY(sendAndWait(dialog));
    QVERIFY2(dialog.lastError().ok(), qPrintable(dialog.lastError().message));
    QCOMPARE(dialog.lastTotals().returned, quint64(1));
    QCOMPARE(dialog.lastTotals().confirmed, quint64(0));
    const QString status = child<QLabel>(&dialog, "status")->text();
    QVERIFY2(status.contains(QLatin1String("1 returned")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("312")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("NO_ROUTE")), qPrintable(status));
}

void TestPublishDialog::reportsAMissingExchangeAndStaysUsable()
{
    const QString queue = declare(QStringLiteral("after-error"));
    QVERIFY(!queue.isEmpty());
    const QString missing = prefix_ + QStringLiteral("no-exchange");
    ui::PublishDialog dialog(settings_, missing, queue);
    dialog.show();
    child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("lost"));
    QVERIFY(sendAndWait(dialog));
    QCOMPARE(dialog.lastError().kind, amqp::Error::Kind::NotFound);
    const QString status = child<QLabel>(&dialog, "status")->text();
    QVERIFY2(status.contains(QLatin1String("no exchange")) && status.contains(missing), qPrintable(status));
    QCOMPARE(dialog.lastTotals().confirmed, quint64(0));
    QVERIFY(child<QPushButton>(&dialog, "send")->isEnabled());
    QVERIFY(!child<QPushButton>(&dialog, "stop")->isEnabled());

    // The same dialog sends once the exchange is fixed (empty: the default exchange).
    child<QLineEdit>(&dialog, "exchange")->clear();
    QVERIFY(sendAndWait(dialog));
    QVERIFY2(dialog.lastError().ok(), qPrintable(dialog.lastError().message));
    QCOMPARE(dialog.lastTotals().confirmed, quint64(1));
    QTRY_COMPARE(messageCount(queue), uint32_t(1));
}

void TestPublishDialog::reportsAWrongPassword()
{
    amqp::Settings wrong = settings_;
    wrong.password = QStringLiteral("not-the-password");
    ui::PublishDialog dialog(wrong, QString(), prefix_ + QStringLiteral("never"));
    dialog.show();
    QVERIFY(sendAndWait(dialog));
    QCOMPARE(dialog.lastError().kind, amqp::Error::Kind::BadCredentials);
    const QString status = child<QLabel>(&dialog, "status")->text();
    QVERIFY2(status.contains(QLatin1String("wrong user name or password")), qPrintable(status));
    QVERIFY2(!status.contains(wrong.password), qPrintable(status));
    QVERIFY(child<QPushButton>(&dialog, "send")->isEnabled());
}

void TestPublishDialog::stopEndsAPacedSendWithoutStallingTheGui()
{
    const QString queue = declare(QStringLiteral("paced"));
    QVERIFY(!queue.isEmpty());
    ui::PublishDialog dialog(settings_, QString(), queue);
    dialog.show();
    child<QPlainTextEdit>(&dialog, "body")->setPlainText(QStringLiteral("paced {{i}}"));
    child<QSpinBox>(&dialog, "count")->setValue(200);
    child<QDoubleSpinBox>(&dialog, "rate")->setValue(100);
    QSignalSpy finished(&dialog, &ui::PublishDialog::publishFinished);

    GapProbe probe;
    QTest::mouseClick(child<QPushButton>(&dialog, "send"), Qt::LeftButton);
    QVERIFY(dialog.isSending());
    QVERIFY(!child<QPushButton>(&dialog, "send")->isEnabled());
    QTest::qWait(500);
    QVERIFY(finished.isEmpty());
    QVERIFY(dialog.lastTotals().confirmed > 0); // progress came while sending
    QTest::mouseClick(child<QPushButton>(&dialog, "stop"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
    const qint64 maxGapMs = probe.finish();
    qInfo("paced send stopped after %llu confirmed; longest GUI gap %lld ms",
        static_cast<unsigned long long>(dialog.lastTotals().confirmed), static_cast<long long>(maxGapMs));

    QCOMPARE(dialog.lastError().kind, amqp::Error::Kind::Cancelled);
    QVERIFY(finished.first().at(3).toString().isEmpty()); // a stop is no error
    const quint64 confirmed = dialog.lastTotals().confirmed;
    QVERIFY2(confirmed > 0 && confirmed < 200, qPrintable(QString::number(confirmed)));
    const QString status = child<QLabel>(&dialog, "status")->text();
    QVERIFY2(status.startsWith(QLatin1String("Stopped")), qPrintable(status));
    QVERIFY(child<QPushButton>(&dialog, "send")->isEnabled());
    QVERIFY2(maxGapMs < kMaxGapMs, qPrintable(QStringLiteral("longest GUI gap %1 ms").arg(maxGapMs)));
    // A Stop during a chunk's confirm wait leaves that chunk published but not counted.
    QTRY_VERIFY(messageCount(queue) >= confirmed);
}

void TestPublishDialog::closingWhileSendingNeverBlocks()
{
    const QString queue = declare(QStringLiteral("closed"));
    QVERIFY(!queue.isEmpty());
    auto *dialog = new ui::PublishDialog(settings_, QString(), queue);
    dialog->show();
    child<QPlainTextEdit>(dialog, "body")->setPlainText(QStringLiteral("{{i}}"));
    child<QSpinBox>(dialog, "count")->setValue(ui::PublishDialog::kMaxCount);
    QTest::mouseClick(child<QPushButton>(dialog, "send"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->lastTotals().confirmed > 0, kWaitMs);

    const quint64 confirmed = dialog->lastTotals().confirmed;
    QElapsedTimer timer;
    timer.start();
    dialog->reject(); // Close: stops the send
    delete dialog; // while its job may still wait for confirms
    qInfo("closing mid-send took %lld ms after %llu confirmed", static_cast<long long>(timer.elapsed()),
        static_cast<unsigned long long>(confirmed));
    QVERIFY2(timer.elapsed() < 50, qPrintable(QStringLiteral("closing took %1 ms").arg(timer.elapsed())));
    // The job sees the stop within a chunk's confirms and its thread ends on its own.
    QVERIFY(util::BackgroundWorker::waitForOrphans(std::chrono::seconds(5)));
    QVERIFY(messageCount(queue) < uint32_t(ui::PublishDialog::kMaxCount));
}

QTEST_MAIN(TestPublishDialog)
#include "tst_publishdialog.moc"
