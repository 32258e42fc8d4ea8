// The inspector reading a RabbitMQ stream through its record-source interface
// (inspect::StreamRecordSource under the headless InspectorController), against the real node
// that tests/services/rabbitmq.sh starts (label rabbitmq): every start position, the stop at
// the end, a filter and a whole-stream search on decoded JSON fields, a live tail, properties
// and headers as the record's headers, the stream unchanged by any number of reads, the errors
// a user meets (no such stream, a classic queue, a wrong password) and a broker restarted under
// a live tail (the status says so, the tail resumes with no gap and no duplicate).

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "decoderregistry.h"
#include "filterexpression.h"
#include "inspectorcontroller.h"
#include "messageexport.h"
#include "messagetablemodel.h"
#include "queuepeeksource.h"
#include "streamrecordsource.h"

#include "testconsumer.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace edis;
using namespace edis::inspect;
using namespace std::chrono_literals;

namespace {

constexpr int kTimeoutMs = 20000;
constexpr int kHeld = 60; ///< messages the shared stream holds

ConsumeRequest from(StartPosition start, const QString &stream, bool stopAtEnd)
{
    ConsumeRequest request;
    request.topics = {TopicSelection {stream, start, {}}};
    request.stopAtEnd = stopAtEnd;
    return request;
}

std::shared_ptr<const FilterExpression> filter(const QString &text)
{
    FilterError error;
    auto expression = FilterExpression::parse(text, &error);
    return expression;
}

} // namespace

class TestStreamSource : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void readsFromTheBeginningToTheEndWithoutChangingIt();
    void carriesPropertiesAndHeadersAsHeaders();
    void startsAtAnOffsetTheLastNAndATime_data();
    void startsAtAnOffsetTheLastNAndATime();
    void filtersAndSearchesDecodedFields();
    void tailsNewMessages();
    void exportsWhatItRead();
    void decodesCloudEventsOfTheAmqpBinding();
    void emptyStreamEndsAtOnce();
    void errorsAreSaid_data();
    void errorsAreSaid();
    void peeksAQueueIntoTheInspectorAndLeavesIt();
    void tailSurvivesABrokerRestart();

private:
    QString declare(const QString &suffix, const char *type);
    bool publish(const QString &queue, int from, int to, bool rich = false);
    std::unique_ptr<InspectorController> controllerOn(const QString &stream, amqp::Settings settings = {});
    /// Offsets of the held records, in order.
    static QList<qint64> offsets(const InspectorController &controller);
    uint32_t messageCount(const QString &queue);

    amqp::Settings settings_;
    QString prefix_;
    QString stream_; ///< holds kHeld messages {"n": i}, published once
    std::unique_ptr<amqp::Connection> connection_;
    QStringList queues_;
};

void TestStreamSource::initTestCase()
{
    qRegisterMetaType<FinishReason>();
    for (const char *name : {"EDIS_TEST_RABBITMQ_AMQP_URL", "EDIS_TEST_RABBITMQ_VHOST"}) {
        QVERIFY2(!test::requiredEnv(name).isEmpty(),
            qPrintable(QStringLiteral("%1 is not set: run the suite with tests/run.sh, or start a node with "
                                      "tests/services/rabbitmq.sh start DIR and load DIR/rabbitmq.env")
                           .arg(QLatin1String(name))));
    }
    const amqp::Result<amqp::Settings> parsed
        = amqp::Settings::fromUrl(test::requiredEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    settings_ = parsed.value();
    settings_.vhost = test::requiredEnv("EDIS_TEST_RABBITMQ_VHOST"); // the inspector is not on "/" only
    prefix_ = QStringLiteral("edis-stream-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    connection_ = std::make_unique<amqp::Connection>(settings_);
    const amqp::Error e = connection_->open();
    QVERIFY2(e.ok(), qPrintable(e.message + QLatin1String(" / ") + e.detail));
    stream_ = declare(QStringLiteral("held"), "stream");
    QVERIFY(!stream_.isEmpty());
    QVERIFY(publish(stream_, 0, kHeld, true));
}

void TestStreamSource::cleanupTestCase()
{
    if (!connection_) {
        return;
    }
    for (const QString &q : std::as_const(queues_)) {
        connection_->deleteQueue(q);
    }
}

QString TestStreamSource::declare(const QString &suffix, const char *type)
{
    amqp::QueueDeclaration d;
    d.name = prefix_ + QLatin1Char('-') + suffix;
    d.arguments = {{QStringLiteral("x-queue-type"), amqp::FieldValue::string(QString::fromLatin1(type))}};
    const amqp::Result<amqp::QueueInfo> info = connection_->declareQueue(d);
    if (!info.ok()) {
        qWarning("declare %s: %s", qPrintable(d.name), qPrintable(info.error().message));
        return {};
    }
    queues_ << d.name;
    return info->name;
}

bool TestStreamSource::publish(const QString &queue, int from, int to, bool rich)
{
    std::vector<amqp::OutgoingMessage> messages;
    for (int i = from; i < to; ++i) {
        amqp::OutgoingMessage m;
        m.routingKey = queue; // the default exchange
        m.body = QStringLiteral("{\"n\": %1, \"kind\": \"%2\"}").arg(i).arg(i % 2 ? "odd" : "even").toUtf8();
        if (rich) {
            m.properties.contentType = QStringLiteral("application/json");
            m.properties.correlationId = QStringLiteral("corr-%1").arg(i);
            m.properties.messageId = QStringLiteral("msg-%1").arg(i);
            m.properties.timestamp = 1700000000 + uint64_t(i);
            m.properties.deliveryMode = 2;
            m.properties.priority = 3;
            m.properties.type = QStringLiteral("order.created");
            m.properties.appId = QStringLiteral("edis-test");
            m.headers = {{QStringLiteral("tenant"), amqp::FieldValue::string(QStringLiteral("acme"))},
                {QStringLiteral("attempt"), amqp::FieldValue::int32(i)}};
        }
        messages.push_back(std::move(m));
    }
    amqp::Publisher publisher(*connection_);
    const auto outcomes = publisher.publishAll(messages);
    if (!outcomes.ok()) {
        qWarning("publish: %s", qPrintable(outcomes.error().message));
        return false;
    }
    return std::all_of(outcomes->begin(), outcomes->end(),
        [](const amqp::PublishOutcome &o) { return o.status == amqp::PublishOutcome::Status::Confirmed; });
}

std::unique_ptr<InspectorController> TestStreamSource::controllerOn(
    const QString &stream, amqp::Settings settings)
{
    if (settings.password == amqp::Settings().password && settings.user == amqp::Settings().user) {
        settings = settings_;
    }
    auto controller = std::make_unique<InspectorController>();
    controller->setRecordSource([settings] { return std::make_unique<StreamRecordSource>(settings); },
        QStringLiteral("%1 %2").arg(settings.displayUrl(), settings.vhost));
    controller->setTopic(stream, 1);
    return controller;
}

QList<qint64> TestStreamSource::offsets(const InspectorController &controller)
{
    QList<qint64> out;
    const MessageStore &store = controller.model()->store();
    for (std::size_t i = 0; i < std::size_t(store.size()); ++i) {
        out << store.at(i).offset();
    }
    return out;
}

uint32_t TestStreamSource::messageCount(const QString &queue)
{
    const amqp::Result<amqp::QueueInfo> info = connection_->inspectQueue(queue);
    return info.ok() ? info->messageCount : std::numeric_limits<uint32_t>::max();
}

void TestStreamSource::readsFromTheBeginningToTheEndWithoutChangingIt()
{
    QList<qint64> expected;
    for (int i = 0; i < kHeld; ++i) {
        expected << i;
    }
    // Three reads in a row see the same records: a read takes nothing from the stream. (Its
    // queue.declare-ok count is no witness: RabbitMQ 3.10 answers 0 for a stream.)
    for (int round = 0; round < 3; ++round) {
        auto controller = controllerOn(stream_);
        QVERIFY(controller->readsRecordSource());
        QSignalSpy finished(controller.get(), &InspectorController::finished);
        QVERIFY(controller->start(from(StartPosition::beginning(), stream_, true), QStringLiteral("here")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
        QCOMPARE(offsets(*controller), expected);
        const MessageView first = controller->model()->store().at(0);
        QCOMPARE(first.topic(), stream_.toStdString());
        QCOMPARE(first.partition(), 0);
        QCOMPARE(QByteArray(first.value().data(), qsizetype(first.value().size())),
            QByteArray(R"({"n": 0, "kind": "even"})"));
        QCOMPARE(QByteArray(first.key().data(), qsizetype(first.key().size())), stream_.toUtf8());
    }
}

void TestStreamSource::carriesPropertiesAndHeadersAsHeaders()
{
    auto controller = controllerOn(stream_);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    ConsumeRequest request = from(StartPosition::offset(7), stream_, false);
    request.maxMessages = 1;
    QVERIFY(controller->start(request, QStringLiteral("offset 7")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(controller->model()->store().size(), 1);
    const MessageView r = controller->model()->store().at(0);
    QCOMPARE(r.offset(), 7);
    QCOMPARE(r.timestamp(), (1700000000LL + 7) * 1000);
    const auto header = [&](const char *name) {
        const std::optional<std::string_view> v = r.header(name);
        return v ? QString::fromUtf8(v->data(), qsizetype(v->size())) : QStringLiteral("<absent>");
    };
    QCOMPARE(header("amqp.content_type"), QStringLiteral("application/json"));
    QCOMPARE(header("amqp.correlation_id"), QStringLiteral("corr-7"));
    QCOMPARE(header("amqp.message_id"), QStringLiteral("msg-7"));
    QCOMPARE(header("amqp.timestamp"), QStringLiteral("1700000007"));
    QCOMPARE(header("amqp.delivery_mode"), QStringLiteral("2"));
    QCOMPARE(header("amqp.priority"), QStringLiteral("3"));
    QCOMPARE(header("amqp.type"), QStringLiteral("order.created"));
    QCOMPARE(header("amqp.app_id"), QStringLiteral("edis-test"));
    QCOMPARE(header("tenant"), QStringLiteral("acme"));
    QCOMPARE(header("attempt"), QStringLiteral("7"));
    QCOMPARE(header("x-stream-offset"), QStringLiteral("<absent>")); // it is the offset
    QCOMPARE(header("amqp.exchange"), QStringLiteral("<absent>")); // the default exchange has no name
}

void TestStreamSource::startsAtAnOffsetTheLastNAndATime_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<qint64>("firstOffset");
    QTest::addColumn<int>("count");
    QTest::newRow("offset 45") << int(StartPosition::Kind::Offset) << qint64(45) << qint64(45) << kHeld - 45;
    QTest::newRow("last 5") << int(StartPosition::Kind::LastN) << qint64(5) << qint64(kHeld - 5) << 5;
    QTest::newRow("last more than held")
        << int(StartPosition::Kind::LastN) << qint64(1000) << qint64(0) << kHeld;
    QTest::newRow("offset past the end")
        << int(StartPosition::Kind::Offset) << qint64(kHeld + 10) << qint64(-1) << 0;
    // Every message of the stream was written in the last minutes: from an hour ago is all of it.
    QTest::newRow("an hour ago") << int(StartPosition::Kind::Timestamp)
                                 << QDateTime::currentMSecsSinceEpoch() - 3600 * 1000 << qint64(0) << kHeld;
}

void TestStreamSource::startsAtAnOffsetTheLastNAndATime()
{
    QFETCH(int, kind);
    QFETCH(qint64, value);
    QFETCH(qint64, firstOffset);
    QFETCH(int, count);
    auto controller = controllerOn(stream_);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    QVERIFY(controller->start(
        from(StartPosition {StartPosition::Kind(kind), value}, stream_, true), QStringLiteral("there")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
    const QList<qint64> got = offsets(*controller);
    QCOMPARE(got.size(), count);
    if (count > 0) {
        QCOMPARE(got.front(), firstOffset);
        QCOMPARE(got.back(), qint64(kHeld - 1));
    }
}

void TestStreamSource::filtersAndSearchesDecodedFields()
{
    auto controller = controllerOn(stream_);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    ConsumeRequest request = from(StartPosition::beginning(), stream_, true);
    request.filter = filter(QStringLiteral("value.n >= 50 and value.kind == \"odd\""));
    QVERIFY(request.filter);
    QVERIFY(controller->start(request, QStringLiteral("filtered")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(offsets(*controller), (QList<qint64> {51, 53, 55, 57, 59}));

    // The whole-topic search reads the stream through the same source.
    QVERIFY(controller->searchWholeTopic(
        filter(QStringLiteral("headers.tenant == \"acme\" and value.n < 3")), {}));
    QVERIFY(controller->isSearching());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);
    QCOMPARE(offsets(*controller), (QList<qint64> {0, 1, 2}));
}

void TestStreamSource::tailsNewMessages()
{
    const QString stream = declare(QStringLiteral("tail"), "stream");
    QVERIFY(publish(stream, 0, 5));
    auto controller = controllerOn(stream);
    QVERIFY(controller->start(from(StartPosition::end(), stream, false), QStringLiteral("the end")));
    QVERIFY(controller->isTailing());
    QTest::qWait(1000); // the consumer is attached: "next" starts after what it holds
    QCOMPARE(controller->model()->store().size(), 0);
    QVERIFY(publish(stream, 5, 15));
    QTRY_COMPARE_WITH_TIMEOUT(controller->model()->store().size(), 10, kTimeoutMs);
    QCOMPARE(offsets(*controller), (QList<qint64> {5, 6, 7, 8, 9, 10, 11, 12, 13, 14}));
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    controller->stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Stopped);
}

void TestStreamSource::exportsWhatItRead()
{
    auto controller = controllerOn(stream_);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    ConsumeRequest request = from(StartPosition::offset(10), stream_, false);
    request.maxMessages = 3;
    QVERIFY(controller->start(request, QStringLiteral("three")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(controller->model()->store().size(), 3);
    // Each record exports as a kcat -J line that reads back as the same record.
    for (std::size_t i = 0; i < 3; ++i) {
        const MessageView r = controller->model()->store().at(i);
        const std::string line = toKcatJson(r);
        QString why;
        const std::optional<ImportedRecord> back = parseKcatJson(line, &why);
        QVERIFY2(back, qPrintable(why));
        QCOMPARE(back->offset, qint64(10 + i));
        QCOMPARE(back->message.value.value_or(QByteArray()),
            QStringLiteral("{\"n\": %1, \"kind\": \"%2\"}").arg(10 + i).arg(i % 2 ? "odd" : "even").toUtf8());
    }
}

void TestStreamSource::decodesCloudEventsOfTheAmqpBinding()
{
    // Binary mode: attributes as cloudEvents:* application properties, the data's type in the
    // content-type property (CloudEvents AMQP protocol binding).
    const QString stream = declare(QStringLiteral("cloudevents"), "stream");
    amqp::OutgoingMessage m;
    m.routingKey = stream;
    m.body = R"({"orderId": 42})";
    m.properties.contentType = QStringLiteral("application/json");
    const auto header = [](const char *name, const char *value) {
        return amqp::Field {QString::fromLatin1(name), amqp::FieldValue::string(QString::fromLatin1(value))};
    };
    m.headers
        = {header("cloudEvents:specversion", "1.0"), header("cloudEvents:type", "com.example.order.created"),
            header("cloudEvents:source", "/orders"), header("cloudEvents:id", "evt-1")};
    amqp::Publisher publisher(*connection_);
    const auto outcome = publisher.publish(m);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().message));

    auto controller = controllerOn(stream);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    QVERIFY(controller->start(from(StartPosition::beginning(), stream, true), QStringLiteral("here")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(controller->model()->store().size(), 1);
    const MessageView r = controller->model()->store().at(0);
    const DecodedValue d = controller->registry()->decode(r);
    QCOMPARE(d.kind, DecodedValue::Kind::CloudEvent);
    QVERIFY(d.cloudEvent);
    QCOMPARE(d.cloudEvent->type, QStringLiteral("com.example.order.created"));
    QCOMPARE(d.cloudEvent->source, QStringLiteral("/orders"));
    QCOMPARE(d.cloudEvent->datacontenttype, QStringLiteral("application/json"));
    QCOMPARE(d.cloudEvent->attributePrefix, QStringLiteral("cloudEvents:"));
}

void TestStreamSource::emptyStreamEndsAtOnce()
{
    const QString stream = declare(QStringLiteral("empty"), "stream");
    auto controller = controllerOn(stream);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    QVERIFY(controller->start(from(StartPosition::beginning(), stream, true), QStringLiteral("here")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
    QCOMPARE(controller->model()->store().size(), 0);
}

void TestStreamSource::errorsAreSaid_data()
{
    QTest::addColumn<QString>("queue");
    QTest::addColumn<bool>("wrongPassword");
    QTest::addColumn<QString>("says");
    QTest::newRow("no such stream") << QStringLiteral("absent") << false
                                    << QStringLiteral("There is no stream named");
    QTest::newRow("a classic queue") << QStringLiteral("classic") << false
                                     << QStringLiteral("is not a stream");
    QTest::newRow("wrong password") << QStringLiteral("held") << true << QStringLiteral("password");
}

void TestStreamSource::errorsAreSaid()
{
    QFETCH(QString, queue);
    QFETCH(bool, wrongPassword);
    QFETCH(QString, says);
    QString name = prefix_ + QLatin1Char('-') + queue;
    if (queue == QLatin1String("classic")) {
        name = declare(QStringLiteral("classic"), "classic");
        QVERIFY(publish(name, 0, 3));
    } else if (queue == QLatin1String("held")) {
        name = stream_;
    }
    amqp::Settings settings = settings_;
    if (wrongPassword) {
        settings.password = QStringLiteral("not-the-password");
    }
    auto controller = controllerOn(name, settings);
    QSignalSpy finished(controller.get(), &InspectorController::finished);
    QVERIFY(controller->start(from(StartPosition::beginning(), name, true), QStringLiteral("here")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Failed);
    const QString message = finished.at(0).at(1).toString();
    QVERIFY2(message.contains(says, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY(controller->statusIsProblem());
    if (queue == QLatin1String("classic")) {
        QCOMPARE(messageCount(name), 3u); // nothing was consumed
    }
}

void TestStreamSource::peeksAQueueIntoTheInspectorAndLeavesIt()
{
    const QString queue = declare(QStringLiteral("peeked"), "classic");
    QVERIFY(publish(queue, 0, 8, true));
    for (int round = 0; round < 2; ++round) {
        auto controller = std::make_unique<InspectorController>();
        const amqp::Settings settings = settings_;
        controller->setRecordSource(
            [settings] { return std::make_unique<QueuePeekSource>(settings, 5); }, QStringLiteral("peek"));
        controller->setTopic(queue, 1);
        QSignalSpy finished(controller.get(), &InspectorController::finished);
        QVERIFY(controller->start(from(StartPosition::beginning(), queue, true), QStringLiteral("peek")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
        QCOMPARE(offsets(*controller), (QList<qint64> {0, 1, 2, 3, 4}));
        const MessageView first = controller->model()->store().at(0);
        QCOMPARE(QByteArray(first.value().data(), qsizetype(first.value().size())),
            QByteArray(R"({"n": 0, "kind": "even"})"));
        QVERIFY(first.header("amqp.correlation_id").has_value());
        // The first peek put them back marked redelivered: the second one shows it.
        QCOMPARE(first.hasHeader("amqp.redelivered"), round > 0);
        QCOMPARE(messageCount(queue), 8u); // all still there
    }
}

void TestStreamSource::tailSurvivesABrokerRestart()
{
    const QString service = test::requiredEnv("EDIS_TEST_RABBITMQ_SERVICE");
    const QString dir = test::requiredEnv("EDIS_TEST_RABBITMQ_DIR");
    QVERIFY2(!service.isEmpty() && !dir.isEmpty(), "EDIS_TEST_RABBITMQ_SERVICE and _DIR are not set");
    const QString stream = declare(QStringLiteral("restart"), "stream");
    QVERIFY(publish(stream, 0, 20));
    auto controller = controllerOn(stream);
    QVERIFY(controller->start(from(StartPosition::beginning(), stream, false), QStringLiteral("tail")));
    QTRY_COMPARE_WITH_TIMEOUT(controller->model()->store().size(), 20, kTimeoutMs);

    connection_.reset(); // the restart closes it anyway
    QSignalSpy status(controller.get(), &InspectorController::statusChanged);
    QProcess restart;
    restart.start(service, {QStringLiteral("restart"), dir});
    // While the node is down the status line says the connection is being re-established.
    QTRY_VERIFY_WITH_TIMEOUT(controller->statusIsProblem()
            && controller->statusText().contains(QStringLiteral("connecting again")),
        30000);
    QVERIFY(controller->isConsuming());
    QVERIFY(restart.waitForFinished(120000));
    QCOMPARE(restart.exitCode(), 0);

    connection_ = std::make_unique<amqp::Connection>(settings_);
    QVERIFY(connection_->open().ok());
    QVERIFY(publish(stream, 20, 30));
    QTRY_COMPARE_WITH_TIMEOUT(controller->model()->store().size(), 30, 60000);
    QList<qint64> expected;
    for (int i = 0; i < 30; ++i) {
        expected << i;
    }
    QCOMPARE(offsets(*controller), expected); // no gap, no duplicate
    QTRY_VERIFY_WITH_TIMEOUT(!controller->statusIsProblem(), kTimeoutMs);
    QVERIFY2(controller->statusText().contains(QStringLiteral("Connected again")),
        qPrintable(controller->statusText()));
    controller->stop();
}

QTEST_GUILESS_MAIN(TestStreamSource)
#include "tst_streamsource.moc"
