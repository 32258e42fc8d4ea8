// `edis rabbit` as a user runs it, against the real RabbitMQ node (tests/services/rabbitmq.sh;
// the EDIS_TEST_RABBITMQ_* variables say where): publish with a header, then peek shows the
// messages and leaves the queue as it was; a stream read from an offset returns exactly the
// messages from there and leaves the stream whole; the management listing shows the queues with
// their types and counts; and the exit codes of a wrong password, a missing vhost and a missing
// queue. Queues are declared over AMQP under a prefix no other run uses.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "rabbittest.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace edis;

namespace {

/// Queue counts in the management API lag a publish by several seconds (statistics emission).
constexpr int kStatsDeadlineMs = 30000;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            objects << QJsonDocument::fromJson(line).object();
        }
    }
    return objects;
}

QStringList bodies(const QList<QJsonObject> &messages)
{
    QStringList out;
    for (const QJsonObject &m : messages) {
        out << m.value(QLatin1String("body")).toString();
    }
    return out;
}

} // namespace

class TestRabbitCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void publishThenPeekLeavesTheQueue();
    void consumeReadsAStreamFromAnOffset();
    void consumeRefusesAQueueThatIsNoStream();
    void peekRefusesAStream();
    void queuesListsTypesAndCounts();
    void exitCodes_data();
    void exitCodes();

private:
    Run edis(const QStringList &args, const QByteArray &input = {}) const;
    QStringList management() const;
    QStringList amqpUrl(const QString &user, const QString &password, const QString &vhost) const;
    QString declare(const QString &suffix, const char *type);
    void publish(const QString &queue, const QStringList &bodies);
    uint32_t messageCount(const QString &queue);

    QString binary_;
    QString managementUrl_;
    amqp::Settings amqp_;
    QString prefix_;
    std::unique_ptr<amqp::Connection> connection_;
    /// One for the connection: a second Publisher on a channel already in confirm mode would
    /// count delivery tags from 1 again and wait for confirms that came long ago.
    std::unique_ptr<amqp::Publisher> publisher_;
    QStringList queues_;
};

Run TestRabbitCli::edis(const QStringList &args, const QByteArray &input) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EDIS_RABBITMQ_PASSWORD"));
    p.setProcessEnvironment(env);
    p.start(binary_, QStringList {QStringLiteral("rabbit")} + args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + binary_.toUtf8();
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QStringList TestRabbitCli::management() const
{
    return {QStringLiteral("--management-url"), managementUrl_, QStringLiteral("--user"), amqp_.user,
        QStringLiteral("--password"), amqp_.password, QStringLiteral("--vhost"), amqp_.vhost};
}

QStringList TestRabbitCli::amqpUrl(const QString &user, const QString &password, const QString &vhost) const
{
    return {QStringLiteral("--amqp-url"),
        QStringLiteral("amqp://%1:%2@%3:%4/%5")
            .arg(user, password, amqp_.host, QString::number(amqp_.port),
                QString::fromLatin1(QUrl::toPercentEncoding(vhost)))};
}

void TestRabbitCli::initTestCase()
{
    for (const char *name : {"EDIS_TEST_RABBITMQ_AMQP_URL", "EDIS_TEST_RABBITMQ_MANAGEMENT_URL"}) {
        if (test::rabbitEnv(name).isEmpty()) {
            QFAIL(test::missingRabbitEnv(name).constData());
        }
    }
    const QString dir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
    QVERIFY2(!dir.isEmpty(), "EDIS_TEST_BINARY_DIR is not set (ctest sets it)");
    binary_ = dir + QStringLiteral("/app/cli/edis");
    QVERIFY2(QFile::exists(binary_), qPrintable(binary_ + QStringLiteral(" does not exist")));
    managementUrl_ = test::rabbitEnv("EDIS_TEST_RABBITMQ_MANAGEMENT_URL");
    const amqp::Result<amqp::Settings> parsed
        = amqp::Settings::fromUrl(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    amqp_ = parsed.value();
    prefix_ = test::uniqueRabbitPrefix("cli");
    connection_ = std::make_unique<amqp::Connection>(amqp_);
    const amqp::Error opened = connection_->open();
    QVERIFY2(opened.ok(), qPrintable(opened.message + QLatin1String(" / ") + opened.detail));
    publisher_ = std::make_unique<amqp::Publisher>(*connection_);
}

void TestRabbitCli::cleanupTestCase()
{
    if (connection_ && connection_->isOpen()) {
        for (const QString &queue : std::as_const(queues_)) {
            connection_->deleteQueue(queue);
        }
    }
}

QString TestRabbitCli::declare(const QString &suffix, const char *type)
{
    amqp::QueueDeclaration d;
    d.name = prefix_ + suffix;
    d.arguments = {{QStringLiteral("x-queue-type"), amqp::FieldValue::string(QString::fromLatin1(type))}};
    const amqp::Result<amqp::QueueInfo> info = connection_->declareQueue(d);
    if (!info.ok()) {
        qWarning("declare %s: %s", qPrintable(d.name), qPrintable(info.error().message));
        return {};
    }
    queues_ << d.name;
    return d.name;
}

void TestRabbitCli::publish(const QString &queue, const QStringList &bodies)
{
    std::vector<amqp::OutgoingMessage> batch;
    for (const QString &body : bodies) {
        amqp::OutgoingMessage m;
        m.routingKey = queue;
        m.body = body.toUtf8();
        batch.push_back(m);
    }
    const auto outcomes = publisher_->publishAll(batch);
    QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
}

uint32_t TestRabbitCli::messageCount(const QString &queue)
{
    const amqp::Result<amqp::QueueInfo> info = connection_->inspectQueue(queue);
    return info.ok() ? info->messageCount : std::numeric_limits<uint32_t>::max();
}

void TestRabbitCli::publishThenPeekLeavesTheQueue()
{
    const QString queue = declare(QStringLiteral("classic"), "classic");
    QVERIFY(!queue.isEmpty());
    const QStringList url = amqpUrl(amqp_.user, amqp_.password, amqp_.vhost);
    const Run published = edis(
        QStringList {QStringLiteral("publish"), QString(), queue, QStringLiteral("-H"),
            QStringLiteral("src=cli-test"), QStringLiteral("--content-type"), QStringLiteral("text/plain")}
            + url,
        "m0\nm1\nm2\nm3\nm4\n");
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QVERIFY2(published.out.contains("5 confirmed"), published.out.constData());
    QTRY_COMPARE(messageCount(queue), uint32_t(5));

    const Run peeked = edis(QStringList {QStringLiteral("peek"), queue, QStringLiteral("-n"),
                                QStringLiteral("5"), QStringLiteral("--json")}
        + url);
    QVERIFY2(peeked.exitCode == 0, peeked.err.constData());
    QVERIFY2(peeked.err.contains("requeued"), peeked.err.constData()); // the user is told
    const QList<QJsonObject> messages = jsonLines(peeked.out);
    QCOMPARE(bodies(messages), QStringList({"m0", "m1", "m2", "m3", "m4"}));
    for (const QJsonObject &m : messages) {
        QCOMPARE(m.value("routing_key").toString(), queue);
        QCOMPARE(m.value("headers").toObject().value("src").toString(), QStringLiteral("cli-test"));
        QCOMPARE(
            m.value("properties").toObject().value("content_type").toString(), QStringLiteral("text/plain"));
    }
    QTRY_COMPARE(messageCount(queue), uint32_t(5)); // nothing was taken

    const Run text
        = edis(QStringList {QStringLiteral("peek"), queue, QStringLiteral("-n"), QStringLiteral("1")} + url);
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.contains("header src: cli-test"), text.out.constData());
    QVERIFY2(text.out.contains("body: m0"), text.out.constData());
    QVERIFY2(text.out.contains("redelivered"), text.out.constData()); // peeked before
    QTRY_COMPARE(messageCount(queue), uint32_t(5));
}

void TestRabbitCli::consumeReadsAStreamFromAnOffset()
{
    const QString stream = declare(QStringLiteral("stream"), "stream");
    QVERIFY(!stream.isEmpty());
    publish(stream, {"s0", "s1", "s2", "s3", "s4", "s5"});
    const QStringList url = amqpUrl(amqp_.user, amqp_.password, amqp_.vhost);
    const QStringList read {QStringLiteral("consume"), stream, QStringLiteral("--json"),
        QStringLiteral("--timeout"), QStringLiteral("2")};

    const Run fromThree = edis(read + QStringList {QStringLiteral("--offset"), QStringLiteral("3")} + url);
    QVERIFY2(fromThree.exitCode == 0, fromThree.err.constData());
    const QList<QJsonObject> messages = jsonLines(fromThree.out);
    QCOMPARE(bodies(messages), QStringList({"s3", "s4", "s5"}));
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QCOMPARE(messages.at(i).value("offset").toInteger(), qint64(3 + i));
    }

    // Non-destructive: the whole stream is still there, and -n bounds a read.
    const Run all = edis(read + url);
    QVERIFY2(all.exitCode == 0, all.err.constData());
    QCOMPARE(bodies(jsonLines(all.out)), QStringList({"s0", "s1", "s2", "s3", "s4", "s5"}));
    const Run two = edis(read + QStringList {QStringLiteral("-n"), QStringLiteral("2")} + url);
    QVERIFY2(two.exitCode == 0, two.err.constData());
    QCOMPARE(bodies(jsonLines(two.out)), QStringList({"s0", "s1"}));
    QCOMPARE(messageCount(stream), uint32_t(6));
}

void TestRabbitCli::consumeRefusesAQueueThatIsNoStream()
{
    const QString queue = declare(QStringLiteral("not-a-stream"), "classic");
    QVERIFY(!queue.isEmpty());
    publish(queue, {"keep me"});
    const Run r = edis(
        QStringList {QStringLiteral("consume"), queue} + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost));
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("is not a stream"), r.err.constData());
    QTRY_COMPARE(messageCount(queue), uint32_t(1));
}

void TestRabbitCli::peekRefusesAStream()
{
    const QString stream = declare(QStringLiteral("peeked-stream"), "stream");
    QVERIFY(!stream.isEmpty());
    const Run r = edis(
        QStringList {QStringLiteral("peek"), stream} + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost));
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("is a stream"), r.err.constData());
}

void TestRabbitCli::queuesListsTypesAndCounts()
{
    const QString listed = prefix_ + QStringLiteral("listed-");
    const QString classic = declare(QStringLiteral("listed-classic"), "classic");
    const QString quorum = declare(QStringLiteral("listed-quorum"), "quorum");
    const QString stream = declare(QStringLiteral("listed-stream"), "stream");
    QVERIFY(!classic.isEmpty() && !quorum.isEmpty() && !stream.isEmpty());
    publish(classic, {"a", "b"});
    publish(quorum, {"a", "b", "c"});
    publish(stream, {"a", "b", "c", "d"});
    const QMap<QString, QPair<QString, int>> expected {{classic, {QStringLiteral("classic"), 2}},
        {quorum, {QStringLiteral("quorum"), 3}}, {stream, {QStringLiteral("stream"), 4}}};
    const QStringList args
        = QStringList {QStringLiteral("queues"), QStringLiteral("--json"), QStringLiteral("--filter"), listed}
        + management();
    QJsonArray queues;
    const auto counted = [&]() {
        const Run r = edis(args);
        queues = QJsonDocument::fromJson(r.out).array();
        QMap<QString, QPair<QString, int>> listedTypesAndCounts;
        for (const auto &q : std::as_const(queues)) {
            const QJsonObject o = q.toObject();
            listedTypesAndCounts.insert(
                o.value("name").toString(), {o.value("type").toString(), o.value("messages").toInt()});
        }
        return r.exitCode == 0 && listedTypesAndCounts == expected;
    };
    QElapsedTimer clock;
    clock.start();
    while (!counted() && clock.elapsed() < kStatsDeadlineMs) {
        QTest::qWait(500);
    }
    QVERIFY2(counted(), QJsonDocument(queues).toJson().constData());
    const Run text
        = edis(QStringList {QStringLiteral("queues"), QStringLiteral("--filter"), listed} + management());
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.startsWith("NAME"), text.out.constData());
    QVERIFY2(text.out.contains(quorum.toUtf8()), text.out.constData());
}

void TestRabbitCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QStringList wrongPassword = management();
    wrongPassword[wrongPassword.indexOf(amqp_.password)] = QStringLiteral("not-the-password");
    QStringList missingVhost = management();
    missingVhost.last() = prefix_ + QStringLiteral("no-vhost");
    QTest::newRow("management: wrong password") << QStringList {"queues"} + wrongPassword << 3 << "refused";
    QTest::newRow("management: missing vhost")
        << QStringList {"queues"} + missingVhost << 4 << "does not exist";
    QTest::newRow("amqp: wrong password")
        << QStringList {"peek", "q"} + amqpUrl(amqp_.user, "not-the-password", amqp_.vhost) << 3 << "refused";
    QTest::newRow("amqp: missing vhost")
        << QStringList {"peek", "q"} + amqpUrl(amqp_.user, amqp_.password, prefix_ + "no-vhost") << 4
        << "not found";
    QTest::newRow("peek: missing queue")
        << QStringList {"peek", prefix_ + "missing"} + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost) << 4
        << "no queue";
    QTest::newRow("consume: missing stream")
        << QStringList {"consume", prefix_ + "missing"} + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost)
        << 4 << "no queue";
    QTest::newRow("publish: missing exchange")
        << QStringList {"publish", prefix_ + "no-exchange", "rk", "--body", "x"}
            + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost)
        << 4 << "no exchange";
    QTest::newRow("publish: unroutable") << QStringList {"publish", "", prefix_ + "nowhere", "--body", "x"}
            + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost)
                                         << 1 << "unroutable";
    QTest::newRow("usage") << QStringList {"peek", "q", "-n", "0"}
            + amqpUrl(amqp_.user, amqp_.password, amqp_.vhost)
                           << 2 << "-n expects";
}

void TestRabbitCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    const Run r = edis(args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
    QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
    QVERIFY(!r.err.contains(amqp_.password.toUtf8()) || amqp_.password.isEmpty()); // never echoed
}

QTEST_GUILESS_MAIN(TestRabbitCli)
#include "tst_rabbitcli.moc"
