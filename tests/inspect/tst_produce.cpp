// Producing against the real broker: kafka::Producer with key, headers and partition; the
// produce dialog's worker at a rate and stopped mid-send; and `edis produce` with templates and
// a rate, as a user runs it. What arrived is read back with an independent consumer.

#include "kafka/producer.h"
#include "kafkafixture.h"
#include "producerworker.h"
#include "testconsumer.h"
#include "testrecords.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <set>

using namespace edis;

namespace {

constexpr int kReadTimeoutMs = 20'000;

std::vector<test::ConsumedMessage> readBack(const QString &topic, std::size_t count)
{
    QString error;
    auto got = test::consumeFromBeginning(test::brokerSettings().bootstrapServers.toStdString(),
        {topic.toStdString()}, count, std::chrono::milliseconds(kReadTimeoutMs), &error);
    if (!error.isEmpty()) {
        qWarning("%s", qPrintable(error));
    }
    return got;
}

QString freshTopic(const char *prefix, int partitions)
{
    const QString topic = test::uniqueTopic(prefix);
    const QString error = test::createTopic(test::brokerSettings(), topic, partitions);
    return error.isEmpty() ? topic : QString();
}

} // namespace

class TestProduceKafka : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void producerDeliversKeyHeadersAndPartition();
    void workerSendsTemplatesAtARate();
    void workerStopsAnEndlessSend();
};

void TestProduceKafka::initTestCase()
{
    if (test::requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP").isEmpty()) {
        QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: start a broker with tests/services/kafka.sh and load "
              "its kafka.env");
    }
}

void TestProduceKafka::producerDeliversKeyHeadersAndPartition()
{
    const QString topic = freshTopic("produce-core", 3);
    QVERIFY(!topic.isEmpty());
    kafka::Producer producer;
    QVERIFY(!producer.open(test::brokerSettings(), {{"linger.ms", "5"}}));
    for (int i = 0; i < 3; ++i) {
        kafka::OutgoingMessage m;
        m.topic = topic.toStdString();
        m.partition = 2;
        m.key = QByteArray("k") + QByteArray::number(i);
        m.value = QByteArray("v") + QByteArray::number(i);
        m.headers = {{"n", QByteArray::number(i)}, {"empty", QByteArray()}};
        QVERIFY(!producer.produce(m));
    }
    const kafka::KafkaError flushed = producer.flush(std::chrono::seconds(30));
    QVERIFY2(!flushed, qPrintable(flushed.message));
    QCOMPARE(producer.delivered(), uint64_t(3));
    QCOMPARE(producer.failed(), uint64_t(0));
    QCOMPARE(producer.inFlight(), uint64_t(0));
    QCOMPARE(producer.partitionCount(topic.toStdString(), std::chrono::seconds(10)), 3);

    const auto got = readBack(topic, 3);
    QCOMPARE(got.size(), std::size_t(3));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(got[std::size_t(i)].partition, 2);
        QCOMPARE(got[std::size_t(i)].key, std::optional<QByteArray>(QByteArray("k") + QByteArray::number(i)));
        QCOMPARE(
            got[std::size_t(i)].value, std::optional<QByteArray>(QByteArray("v") + QByteArray::number(i)));
        const std::vector<std::pair<std::string, QByteArray>> headers {
            {"n", QByteArray::number(i)}, {"empty", QByteArray()}};
        QCOMPARE(got[std::size_t(i)].headers, headers);
    }
}

void TestProduceKafka::workerSendsTemplatesAtARate()
{
    const QString topic = freshTopic("produce-worker", 1);
    QVERIFY(!topic.isEmpty());
    QThread thread;
    auto *worker = new inspect::ProducerWorker(test::brokerSettings());
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QSignalSpy finished(worker, &inspect::ProducerWorker::finished);
    thread.start();
    kafka::OutgoingMessage m;
    m.topic = topic.toStdString();
    m.key = "order-{{i}}";
    m.value = R"({"n":{{i}}})";
    QMetaObject::invokeMethod(worker, [worker, m] { worker->send(m, 20, 200); });
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kReadTimeoutMs);
    QCOMPARE(finished.at(0).at(0).toULongLong(), 20ULL); // delivered
    QCOMPARE(finished.at(0).at(1).toULongLong(), 0ULL); // failed
    QCOMPARE(finished.at(0).at(2).toString(), QString());
    thread.quit();
    thread.wait();

    const auto got = readBack(topic, 20);
    QCOMPARE(got.size(), std::size_t(20));
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].key, std::optional<QByteArray>("order-" + QByteArray::number(qulonglong(i))));
        QCOMPARE(
            got[i].value, std::optional<QByteArray>("{\"n\":" + QByteArray::number(qulonglong(i)) + "}"));
    }
}

void TestProduceKafka::workerStopsAnEndlessSend()
{
    const QString topic = freshTopic("produce-stop", 1);
    QVERIFY(!topic.isEmpty());
    QThread thread;
    auto *worker = new inspect::ProducerWorker(test::brokerSettings());
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QSignalSpy progress(worker, &inspect::ProducerWorker::progress);
    QSignalSpy finished(worker, &inspect::ProducerWorker::finished);
    thread.start();
    kafka::OutgoingMessage m;
    m.topic = topic.toStdString();
    m.value = "tick {{i}}";
    QMetaObject::invokeMethod(worker, [worker, m] { worker->send(m, 0, 50); }); // 0: until stopped
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), kReadTimeoutMs); // it is sending
    worker->requestStop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kReadTimeoutMs);
    const quint64 delivered = finished.at(0).at(0).toULongLong();
    QVERIFY(delivered > 0);
    QCOMPARE(finished.at(0).at(1).toULongLong(), 0ULL);
    QCOMPARE(finished.at(0).at(2).toString(), QString()); // a stop is not an error
    thread.quit();
    thread.wait();

    // Everything queued before the stop was delivered, in order, and nothing after it.
    const auto got = readBack(topic, std::size_t(delivered) + 10);
    QCOMPARE(got.size(), std::size_t(delivered));
    QCOMPARE(got.back().value, std::optional<QByteArray>("tick " + QByteArray::number(delivered - 1)));
}

class TestProduceCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void templatesAtARate();
    void badOptionsExitWithUsage();

private:
    struct Run {
        int exitCode = -1;
        QByteArray err;
    };
    Run edis(const QStringList &args);

    QString binary_;
    QString bootstrap_;
};

void TestProduceCli::initTestCase()
{
    bootstrap_ = test::requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP");
    if (bootstrap_.isEmpty()) {
        QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: start a broker with tests/services/kafka.sh and load "
              "its kafka.env");
    }
    const QString dir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
    QVERIFY2(!dir.isEmpty(), "EDIS_TEST_BINARY_DIR is not set (ctest sets it)");
    binary_ = dir + QStringLiteral("/app/cli/edis");
    QVERIFY2(QFile::exists(binary_), qPrintable(binary_ + QStringLiteral(" does not exist")));
}

TestProduceCli::Run TestProduceCli::edis(const QStringList &args)
{
    QProcess p;
    p.start(binary_, args);
    Run r;
    if (!p.waitForStarted(10'000)) {
        r.err = "could not start " + binary_.toUtf8();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = p.readAllStandardError();
    return r;
}

void TestProduceCli::templatesAtARate()
{
    const QString topic = freshTopic("produce-cli", 1);
    QVERIFY(!topic.isEmpty());
    constexpr int kCount = 25;
    constexpr int kRate = 100;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Run r = edis({QStringLiteral("produce"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic, QStringLiteral("--key"), QStringLiteral("k-{{i}}"),
        QStringLiteral("--value"), QStringLiteral(R"({"n":{{i}},"id":"{{uuid}}","at":{{now}}})"),
        QStringLiteral("--header"), QStringLiteral("run={{i}}"), QStringLiteral("--count"),
        QString::number(kCount), QStringLiteral("--rate"), QString::number(kRate)});
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(r.exitCode == 0, r.err.constData());

    const auto got = readBack(topic, kCount + 5);
    QCOMPARE(got.size(), std::size_t(kCount));
    const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    std::set<QString> ids;
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].key, std::optional<QByteArray>("k-" + QByteArray::number(qulonglong(i))));
        QVERIFY(got[i].value);
        const QJsonObject value = QJsonDocument::fromJson(*got[i].value).object();
        QCOMPARE(value.value(QStringLiteral("n")).toInteger(), qint64(i));
        const QString id = value.value(QStringLiteral("id")).toString();
        QVERIFY2(uuid.match(id).hasMatch(), qPrintable(id));
        ids.insert(id);
        const qint64 at = value.value(QStringLiteral("at")).toInteger();
        QVERIFY(at >= before && at <= after);
        // Headers are sent as written: templates fill key and value only.
        const std::vector<std::pair<std::string, QByteArray>> headers {{"run", "{{i}}"}};
        QCOMPARE(got[i].headers, headers);
    }
    QCOMPARE(ids.size(), std::size_t(kCount)); // a fresh UUID per record
    // Paced: record n is stamped no earlier than n / rate after the first. Only a lower bound,
    // which a slow machine cannot break; a send that ignored --rate would take ~1 ms for all 25.
    const qint64 spreadMs
        = QJsonDocument::fromJson(*got.back().value).object().value(QStringLiteral("at")).toInteger()
        - QJsonDocument::fromJson(*got.front().value).object().value(QStringLiteral("at")).toInteger();
    QVERIFY2(spreadMs >= (kCount - 1) * 1000 / kRate - 1, qPrintable(QString::number(spreadMs)));
}

void TestProduceCli::badOptionsExitWithUsage()
{
    const QStringList base {QStringLiteral("produce"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), QStringLiteral("never-written")};
    Run r = edis(base
        + QStringList {QStringLiteral("--value"), QStringLiteral("x"), QStringLiteral("--rate"),
            QStringLiteral("fast")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--rate expects records per second"), r.err.constData());
    r = edis(base + QStringList {QStringLiteral("--count"), QStringLiteral("3")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--count needs --value"), r.err.constData());
}

EDIS_REGISTER_TEST(TestProduceKafka);
EDIS_REGISTER_TEST(TestProduceCli);
#include "tst_produce.moc"
