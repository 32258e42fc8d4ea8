// edis_amqp against the real RabbitMQ node that tests/services/rabbitmq.sh starts (label
// rabbitmq): publish with confirms, read a stream back from every kind of start without changing
// it, peek a classic and a quorum queue without removing anything, and the errors a user meets
// (wrong password, missing or forbidden vhost, closed port, missing queue, a stop during a wait).
// Queues are declared here over AMQP with unique names per run: the node may be shared.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "amqp/queuepeeker.h"
#include "amqp/streamreader.h"

#include "testconsumer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <thread>

using namespace edis;
using namespace edis::amqp;
using namespace std::chrono_literals;

namespace {

FieldTable queueType(const char *type)
{
    return {{QStringLiteral("x-queue-type"), FieldValue::string(QString::fromLatin1(type))}};
}

OutgoingMessage toQueue(const QString &queue, const QByteArray &body)
{
    OutgoingMessage m;
    m.routingKey = queue;
    m.body = body;
    return m;
}

QStringList bodies(const std::vector<Message> &messages)
{
    QStringList out;
    for (const Message &m : messages) {
        out << QString::fromUtf8(m.body);
    }
    return out;
}

QStringList numbered(int from, int to)
{
    QStringList out;
    for (int i = from; i < to; ++i) {
        out << QStringLiteral("m%1").arg(i);
    }
    return out;
}

/// Messages "m<from>" .. "m<to - 1>" to `queue` through the default exchange.
std::vector<OutgoingMessage> numberedMessages(const QString &queue, int from, int to)
{
    std::vector<OutgoingMessage> out;
    out.reserve(std::size_t(std::max(0, to - from)));
    for (const QString &body : numbered(from, to)) {
        out.push_back(toQueue(queue, body.toUtf8()));
    }
    return out;
}

} // namespace

class TestAmqp : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void reportsTheServer();
    void publishesAndReadsBackPropertiesAndHeaders();
    void readsAStreamFromAnOffsetWithoutChangingIt();
    void readsAStreamFromLastAndNext();
    void readsAStreamFromATimestamp();
    void peeksAClassicQueueWithoutRemovingAnything();
    void peeksAQuorumQueueCountingDeliveries();
    void refusesToReadAClassicQueueAsAStream();
    void confirmsAndReportsReturns();
    void publishersTakeTurnsOnAConnection();
    void reportsChannelErrors();
    void connectionErrors_data();
    void connectionErrors();
    void refusedOnAClosedPort();
    void stopEndsABlockingRead();

private:
    OutgoingMessage richMessage(const QString &queue) const;
    QString declare(const QString &suffix, const char *type);
    std::vector<Message> readUntil(
        StreamReader &reader, std::size_t count, std::chrono::milliseconds timeout);
    uint32_t messageCount(const QString &queue);

    Settings settings_;
    QString prefix_;
    std::unique_ptr<Connection> connection_;
    QStringList queues_;
};

void TestAmqp::initTestCase()
{
    for (const char *name : {"EDIS_TEST_RABBITMQ_AMQP_URL", "EDIS_TEST_RABBITMQ_LIMITED_USER",
             "EDIS_TEST_RABBITMQ_LIMITED_PASSWORD"}) {
        QVERIFY2(!test::requiredEnv(name).isEmpty(),
            qPrintable(QStringLiteral("%1 is not set: run the suite with tests/run.sh, or start a node with "
                                      "tests/services/rabbitmq.sh start DIR and load DIR/rabbitmq.env")
                           .arg(QLatin1String(name))));
    }
    const Result<Settings> parsed = Settings::fromUrl(test::requiredEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    settings_ = parsed.value();
    prefix_ = QStringLiteral("edis-amqp-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    connection_ = std::make_unique<Connection>(settings_);
    const Error e = connection_->open();
    QVERIFY2(e.ok(), qPrintable(e.message + QLatin1String(" / ") + e.detail));
}

void TestAmqp::cleanupTestCase()
{
    if (!connection_) {
        return;
    }
    for (const QString &q : std::as_const(queues_)) {
        connection_->deleteQueue(q);
    }
}

QString TestAmqp::declare(const QString &suffix, const char *type)
{
    QueueDeclaration d;
    d.name = prefix_ + QLatin1Char('-') + suffix;
    d.arguments = queueType(type);
    const Result<QueueInfo> info = connection_->declareQueue(d);
    if (!info.ok()) {
        qWarning("declare %s: %s", qPrintable(d.name), qPrintable(info.error().message));
        return {};
    }
    queues_ << d.name;
    return info->name;
}

std::vector<Message> TestAmqp::readUntil(
    StreamReader &reader, std::size_t count, std::chrono::milliseconds timeout)
{
    std::vector<Message> out;
    QElapsedTimer timer;
    timer.start();
    while (out.size() < count && timer.elapsed() < timeout.count()) {
        const Result<std::size_t> n = reader.read(out, count - out.size(), 200ms);
        if (!n.ok()) {
            qWarning("read: %s", qPrintable(n.error().message));
            break;
        }
    }
    return out;
}

uint32_t TestAmqp::messageCount(const QString &queue)
{
    const Result<QueueInfo> info = connection_->inspectQueue(queue);
    return info.ok() ? info->messageCount : std::numeric_limits<uint32_t>::max();
}

void TestAmqp::reportsTheServer()
{
    QCOMPARE(connection_->serverProduct(), QStringLiteral("RabbitMQ"));
    QVERIFY(!connection_->serverVersion().isEmpty());
}

OutgoingMessage TestAmqp::richMessage(const QString &queue) const
{
    OutgoingMessage out = toQueue(queue, QByteArrayLiteral("{\"hello\":\"wörld\"}"));
    out.properties.contentType = QStringLiteral("application/json");
    out.properties.contentEncoding = QStringLiteral("utf-8");
    out.properties.correlationId = QStringLiteral("corr-1");
    out.properties.messageId = QStringLiteral("msg-1");
    out.properties.timestamp = uint64_t(1700000000);
    out.properties.deliveryMode = uint8_t(2);
    out.properties.expiration = QStringLiteral("600000");
    out.properties.priority = uint8_t(3);
    out.properties.type = QStringLiteral("greeting");
    out.properties.appId = QStringLiteral("edis-tests");
    out.properties.userId = settings_.user; // RabbitMQ refuses another user's id
    out.properties.replyTo = QStringLiteral("replies");
    out.headers = {
        {QStringLiteral("text"), FieldValue::string(QStringLiteral("ünïcode"))},
        {QStringLiteral("count"), FieldValue::int32(42)},
        {QStringLiteral("flag"), FieldValue::boolean(true)},
        {QStringLiteral("big"), FieldValue::int64(1234567890123)},
        {QStringLiteral("nested"),
            FieldValue::tableOf({{QStringLiteral("inner"), FieldValue::string(QStringLiteral("x"))},
                {QStringLiteral("deeper"),
                    FieldValue::tableOf({{QStringLiteral("n"), FieldValue::int32(-1)}})}})},
        {QStringLiteral("list"),
            FieldValue::arrayOf(
                {FieldValue::string(QStringLiteral("a")), FieldValue::int32(2), FieldValue::boolean(false)})},
    };
    return out;
}

void TestAmqp::publishesAndReadsBackPropertiesAndHeaders()
{
    const QString queue = declare(QStringLiteral("props-classic"), "classic");
    const QString stream = declare(QStringLiteral("props"), "stream");
    QVERIFY(!queue.isEmpty() && !stream.isEmpty());
    Publisher publisher(*connection_);
    const auto outcomes = publisher.publishAll({richMessage(queue), richMessage(stream)});
    QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
    for (const PublishOutcome &o : outcomes.value()) {
        QCOMPARE(o.status, PublishOutcome::Status::Confirmed);
    }
    const OutgoingMessage sent = richMessage(queue);

    // A classic queue keeps every header, tables and arrays included, typed.
    QueuePeeker peeker(*connection_);
    const auto peeked = peeker.peek(queue, 1);
    QVERIFY2(peeked.ok(), qPrintable(peeked.error().message));
    QCOMPARE(peeked->size(), std::size_t(1));
    const Message &classic = peeked->front();
    QCOMPARE(classic.body, sent.body);
    QCOMPARE(classic.routingKey, queue);
    QVERIFY(classic.properties == sent.properties);
    // In the order they were published.
    QStringList names;
    for (const Field &f : classic.headers) {
        names << f.name;
    }
    QCOMPARE(names, QStringList({"text", "count", "flag", "big", "nested", "list"}));
    for (const Field &f : sent.headers) {
        const FieldValue *read = findField(classic.headers, f.name);
        QVERIFY2(read != nullptr && *read == f.value,
            qPrintable(QStringLiteral("%1: sent %2, read %3")
                           .arg(f.name, f.value.json(), read ? read->json() : "")));
    }

    // A stream keeps the properties and the scalar headers. RabbitMQ 3.10 stores stream messages
    // as AMQP 1.0, whose application properties hold no tables or arrays: those it drops (and it
    // hands the rest out sorted by name).
    StreamReader reader(*connection_);
    const Error opened = reader.open(stream, StreamOffset::first());
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    const std::vector<Message> in = readUntil(reader, 1, 10s);
    QCOMPARE(in.size(), std::size_t(1));
    const Message &m = in.front();
    QCOMPARE(m.body, sent.body);
    QCOMPARE(m.routingKey, stream);
    QCOMPARE(m.exchange, QString());
    QCOMPARE(m.streamOffset, int64_t(0));
    QVERIFY(m.properties == richMessage(stream).properties);
    for (const Field &f : sent.headers) {
        const FieldValue *read = findField(m.headers, f.name);
        const bool compound
            = f.value.type == FieldValue::Type::Table || f.value.type == FieldValue::Type::Array;
        QVERIFY2((compound && read == nullptr) || (read != nullptr && *read == f.value),
            qPrintable(QStringLiteral("%1: sent %2, read %3")
                           .arg(f.name, f.value.json(), read ? read->json() : "")));
    }
    const FieldValue *offset = findField(m.headers, QStringLiteral("x-stream-offset"));
    QVERIFY(offset != nullptr);
    QCOMPARE(offset->typeName(), QStringLiteral("long"));
    QCOMPARE(offset->toInt64(), std::optional<int64_t>(0));
    QVERIFY(reader.close().ok());
}

void TestAmqp::readsAStreamFromAnOffsetWithoutChangingIt()
{
    const QString stream = declare(QStringLiteral("thousand"), "stream");
    QVERIFY(!stream.isEmpty());
    const std::vector<OutgoingMessage> batch = numberedMessages(stream, 0, 1000);
    Publisher publisher(*connection_);
    const auto outcomes = publisher.publishAll(batch);
    QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
    QCOMPARE(outcomes->size(), std::size_t(1000));
    for (const PublishOutcome &o : outcomes.value()) {
        QCOMPARE(o.status, PublishOutcome::Status::Confirmed);
    }

    StreamReader reader(*connection_);
    QVERIFY(reader.open(stream, StreamOffset::offset(500), {}, 100).ok());
    std::vector<Message> fromMiddle = readUntil(reader, 1000, 10s);
    // Exactly 500..999: nothing before the offset, nothing more after waiting a little longer.
    QVERIFY(reader.read(fromMiddle, 1000, 300ms).ok());
    QCOMPARE(fromMiddle.size(), std::size_t(500));
    for (std::size_t i = 0; i < fromMiddle.size(); ++i) {
        QCOMPARE(fromMiddle[i].streamOffset, int64_t(500 + i));
    }
    QCOMPARE(bodies(fromMiddle), numbered(500, 1000));
    QCOMPARE(reader.nextOffset(), int64_t(1000));
    QVERIFY(reader.close().ok());

    // Reading acked every delivery: the stream still holds all 1000, from the first.
    for (int round = 0; round < 2; ++round) {
        StreamReader again(*connection_);
        QVERIFY(again.open(stream, StreamOffset::first()).ok());
        std::vector<Message> all = readUntil(again, 1000, 10s);
        QVERIFY(again.read(all, 1000, 300ms).ok());
        QCOMPARE(all.size(), std::size_t(1000));
        QCOMPARE(bodies(all), numbered(0, 1000));
        QCOMPARE(all.back().streamOffset, int64_t(999));
    }
}

void TestAmqp::readsAStreamFromLastAndNext()
{
    const QString stream = declare(QStringLiteral("tail"), "stream");
    QVERIFY(!stream.isEmpty());
    Publisher publisher(*connection_);
    for (int chunk = 0; chunk < 3; ++chunk) { // separate confirmed batches: separate chunks
        const std::vector<OutgoingMessage> batch = numberedMessages(stream, chunk * 10, chunk * 10 + 10);
        QVERIFY(publisher.publishAll(batch).ok());
    }

    StreamReader last(*connection_);
    QVERIFY(last.open(stream, StreamOffset::last()).ok());
    std::vector<Message> tail = readUntil(last, 30, 3s);
    QVERIFY(!tail.empty());
    QVERIFY2(tail.size() < 30, qPrintable(QString::number(tail.size()))); // the last chunk, not all
    QCOMPARE(tail.back().streamOffset, int64_t(29));
    for (std::size_t i = 1; i < tail.size(); ++i) {
        QCOMPARE(tail[i].streamOffset, tail[i - 1].streamOffset + 1);
    }
    QVERIFY(last.close().ok());

    StreamReader next(*connection_);
    QVERIFY(next.open(stream, StreamOffset::next()).ok());
    std::vector<Message> none;
    QVERIFY(next.read(none, 10, 500ms).ok());
    QCOMPARE(none.size(), std::size_t(0));
    // The reader holds the channel: publish the new message over another connection.
    Connection other(settings_);
    QVERIFY(other.open().ok());
    Publisher otherPublisher(other);
    QVERIFY(otherPublisher.publish(toQueue(stream, "m30")).ok());
    const std::vector<Message> fresh = readUntil(next, 1, 5s);
    QCOMPARE(fresh.size(), std::size_t(1));
    QCOMPARE(fresh.front().body, QByteArray("m30"));
    QCOMPARE(fresh.front().streamOffset, int64_t(30));
}

void TestAmqp::readsAStreamFromATimestamp()
{
    const QString stream = declare(QStringLiteral("time"), "stream");
    QVERIFY(!stream.isEmpty());
    Publisher publisher(*connection_);
    const std::vector<OutgoingMessage> before = numberedMessages(stream, 0, 5);
    QVERIFY(publisher.publishAll(before).ok());
    // AMQP timestamps are seconds: the later batch starts after the next second boundary.
    const qint64 writtenBefore = QDateTime::currentSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > writtenBefore, 3000);
    const qint64 from = QDateTime::currentSecsSinceEpoch();
    const std::vector<OutgoingMessage> after = numberedMessages(stream, 5, 10);
    QVERIFY(publisher.publishAll(after).ok());

    StreamReader reader(*connection_);
    QVERIFY(reader.open(stream, StreamOffset::timestamp(from)).ok());
    std::vector<Message> read = readUntil(reader, 10, 5s);
    QVERIFY(reader.read(read, 10, 300ms).ok());
    QCOMPARE(bodies(read), numbered(5, 10));
    QCOMPARE(read.front().streamOffset, int64_t(5));
}

void TestAmqp::peeksAClassicQueueWithoutRemovingAnything()
{
    const QString queue = declare(QStringLiteral("classic"), "classic");
    QVERIFY(!queue.isEmpty());
    const std::vector<OutgoingMessage> batch = numberedMessages(queue, 0, 10);
    Publisher publisher(*connection_);
    QVERIFY(publisher.publishAll(batch).ok());
    QTRY_COMPARE(messageCount(queue), uint32_t(10));

    QueuePeeker peeker(*connection_);
    const auto first = peeker.peek(queue, 5);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    QCOMPARE(bodies(first.value()), numbered(0, 5));
    for (const Message &m : first.value()) {
        QVERIFY(!m.redelivered);
    }
    QCOMPARE(first->front().messageCount, int64_t(9));
    QCOMPARE(messageCount(queue), uint32_t(10)); // requeued before peek() returned

    const auto second = peeker.peek(queue, 5);
    QVERIFY2(second.ok(), qPrintable(second.error().message));
    QCOMPARE(bodies(second.value()), numbered(0, 5));
    for (const Message &m : second.value()) {
        QVERIFY2(m.redelivered, qPrintable(QString::fromUtf8(m.body)));
    }
    QCOMPARE(messageCount(queue), uint32_t(10));

    const auto all = peeker.peek(queue, 50); // more than it holds: all of them
    QVERIFY(all.ok());
    QCOMPARE(all->size(), std::size_t(10));
    QCOMPARE(messageCount(queue), uint32_t(10));
}

void TestAmqp::peeksAQuorumQueueCountingDeliveries()
{
    const QString queue = declare(QStringLiteral("quorum"), "quorum");
    QVERIFY(!queue.isEmpty());
    const std::vector<OutgoingMessage> batch = numberedMessages(queue, 0, 3);
    Publisher publisher(*connection_);
    QVERIFY(publisher.publishAll(batch).ok());
    QTRY_COMPARE(messageCount(queue), uint32_t(3));
    QueuePeeker peeker(*connection_);
    QVERIFY(peeker.peek(queue, 3).ok());
    const auto again = peeker.peek(queue, 3);
    QVERIFY(again.ok());
    QCOMPARE(again->size(), std::size_t(3));
    for (const Message &m : again.value()) {
        QVERIFY(m.redelivered);
        // What the header documents: a quorum queue counts each peek as a delivery.
        const FieldValue *count = findField(m.headers, QStringLiteral("x-delivery-count"));
        QVERIFY2(
            count != nullptr && count->toInt64().value_or(0) >= 1, qPrintable(QString::fromUtf8(m.body)));
    }
    QTRY_COMPARE(messageCount(queue), uint32_t(3));
}

void TestAmqp::refusesToReadAClassicQueueAsAStream()
{
    const QString queue = declare(QStringLiteral("not-a-stream"), "classic");
    QVERIFY(!queue.isEmpty());
    Publisher publisher(*connection_);
    QVERIFY(publisher.publish(toQueue(queue, "keep me")).ok());
    QTRY_COMPARE(messageCount(queue), uint32_t(1));
    // RabbitMQ refuses x-stream-offset on a queue that is not a stream: nothing is consumed.
    StreamReader reader(*connection_);
    const Error opened = reader.open(queue, StreamOffset::first());
    QCOMPARE(kindId(opened.kind), kindId(Error::Kind::PreconditionFailed));
    QVERIFY2(opened.detail.contains(QLatin1String("x-stream-offset")), qPrintable(opened.detail));
    QVERIFY(!reader.isOpen());
    QTRY_COMPARE(messageCount(queue), uint32_t(1));
}

void TestAmqp::confirmsAndReportsReturns()
{
    const QString queue = declare(QStringLiteral("confirms"), "classic");
    QVERIFY(!queue.isEmpty());
    Publisher publisher(*connection_);
    std::vector<OutgoingMessage> batch;
    batch.reserve(602);
    for (int i = 0; i < 600; ++i) { // past the drain interval, so confirms are read mid-way too
        batch.push_back(toQueue(queue, QByteArray::number(i)));
    }
    OutgoingMessage unroutable = toQueue(prefix_ + QStringLiteral("-nowhere"), "lost");
    unroutable.mandatory = true;
    batch.insert(batch.begin() + 300, unroutable);
    OutgoingMessage dropped = toQueue(prefix_ + QStringLiteral("-nowhere"), "dropped");
    batch.push_back(dropped); // not mandatory: confirmed and dropped
    const auto outcomes = publisher.publishAll(batch);
    QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
    QCOMPARE(outcomes->size(), batch.size());
    for (std::size_t i = 0; i < outcomes->size(); ++i) {
        const PublishOutcome &o = outcomes.value()[i];
        if (i == 300) {
            QCOMPARE(o.status, PublishOutcome::Status::Returned);
            QCOMPARE(o.replyCode, ReplyCode::kNoRoute);
            QVERIFY2(o.replyText.contains(QLatin1String("NO_ROUTE")), qPrintable(o.replyText));
        } else {
            QCOMPARE(o.status, PublishOutcome::Status::Confirmed);
        }
    }
    QTRY_COMPARE(messageCount(queue), uint32_t(600));
}

void TestAmqp::publishersTakeTurnsOnAConnection()
{
    // The server numbers a channel's publishes from 1 for the channel's life: a second Publisher
    // on the same connection continues that count, so its confirms are matched, not waited for.
    const QString queue = declare(QStringLiteral("turns"), "classic");
    QVERIFY(!queue.isEmpty());
    for (int turn = 0; turn < 3; ++turn) {
        Publisher publisher(*connection_);
        const auto outcomes = publisher.publishAll(numberedMessages(queue, turn * 4, turn * 4 + 4), 5s);
        QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
        for (const PublishOutcome &o : outcomes.value()) {
            QCOMPARE(o.status, PublishOutcome::Status::Confirmed);
        }
        const auto one = publisher.publish(toQueue(queue, "single"), 5s);
        QVERIFY2(one.ok(), qPrintable(one.error().message));
        QCOMPARE(one->status, PublishOutcome::Status::Confirmed);
    }
    QTRY_COMPARE(messageCount(queue), uint32_t(15));
}

void TestAmqp::reportsChannelErrors()
{
    QueuePeeker peeker(*connection_);
    const auto missing = peeker.peek(prefix_ + QStringLiteral("-missing"), 1);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    QCOMPARE(missing.error().replyCode, 404);
    QVERIFY2(missing.error().detail.contains(prefix_ + QStringLiteral("-missing")),
        qPrintable(missing.error().detail));

    // The channel comes back by itself after the error.
    const QString stream = declare(QStringLiteral("typed"), "stream");
    QVERIFY(!stream.isEmpty());
    QueueDeclaration asClassic;
    asClassic.name = stream;
    asClassic.arguments = queueType("classic");
    const auto inequivalent = connection_->declareQueue(asClassic);
    QVERIFY(!inequivalent.ok());
    QCOMPARE(inequivalent.error().kind, Error::Kind::PreconditionFailed);
    QCOMPARE(inequivalent.error().replyCode, 406);
    QVERIFY2(inequivalent.error().detail.contains(QLatin1String("x-queue-type")),
        qPrintable(inequivalent.error().detail));

    StreamReader reader(*connection_);
    const Error noQueue = reader.open(prefix_ + QStringLiteral("-missing"), StreamOffset::first());
    QCOMPARE(noQueue.kind, Error::Kind::NotFound);

    OutgoingMessage toMissingExchange = toQueue(stream, "x");
    toMissingExchange.exchange = prefix_ + QStringLiteral("-no-exchange");
    Publisher publisher(*connection_);
    const auto noExchange = publisher.publish(toMissingExchange);
    QVERIFY(!noExchange.ok());
    QCOMPARE(noExchange.error().kind, Error::Kind::NotFound);
    QVERIFY(publisher.publish(toQueue(stream, "after the error")).ok());
    QVERIFY(connection_->isOpen());
}

void TestAmqp::connectionErrors_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("vhost");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<int>("replyCode");

    const QString limited = test::requiredEnv("EDIS_TEST_RABBITMQ_LIMITED_USER");
    const QString limitedPassword = test::requiredEnv("EDIS_TEST_RABBITMQ_LIMITED_PASSWORD");
    QTest::newRow("wrong password") << settings_.user << "not-the-password" << settings_.vhost
                                    << Error::Kind::BadCredentials << 403;
    QTest::newRow("unknown user") << "nobody-" + prefix_ << "x" << settings_.vhost
                                  << Error::Kind::BadCredentials << 403;
    QTest::newRow("missing vhost") << settings_.user << settings_.password << prefix_ + "-vhost"
                                   << Error::Kind::VhostNotAllowed << 530;
    QTest::newRow("vhost not permitted")
        << limited << limitedPassword << "/" << Error::Kind::VhostNotAllowed << 530;
}

void TestAmqp::connectionErrors()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, vhost);
    QFETCH(Error::Kind, kind);
    QFETCH(int, replyCode);
    Settings s = settings_;
    s.user = user;
    s.password = password;
    s.vhost = vhost;
    Connection c(s);
    QElapsedTimer timer;
    timer.start();
    const Error e = c.open();
    QCOMPARE(kindId(e.kind), kindId(kind));
    QCOMPARE(e.replyCode, replyCode);
    QVERIFY(!e.message.contains(password) || password.isEmpty());
    QVERIFY(!c.isOpen());
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestAmqp::refusedOnAClosedPort()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    Settings s = settings_;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    Connection c(s);
    const Error e = c.open();
    QVERIFY2(e.kind == Error::Kind::Refused, qPrintable(e.message + QLatin1String(" / ") + e.detail));
    QVERIFY2(e.detail.contains(QLatin1String("refused")), qPrintable(e.detail));
    QVERIFY2(e.message.contains(QString::number(port)), qPrintable(e.message));
}

void TestAmqp::stopEndsABlockingRead()
{
    const QString stream = declare(QStringLiteral("quiet"), "stream");
    QVERIFY(!stream.isEmpty());
    Connection c(settings_);
    QVERIFY(c.open().ok());
    StreamReader reader(c);
    QVERIFY(reader.open(stream, StreamOffset::next()).ok());
    std::stop_source stop;
    std::atomic<int64_t> stoppedAt {0};
    QElapsedTimer timer;
    timer.start();
    std::thread stopper([&] {
        std::this_thread::sleep_for(300ms);
        stoppedAt = timer.elapsed();
        stop.request_stop();
    });
    std::vector<Message> out;
    const Result<std::size_t> n = reader.read(out, 10, 30s, stop.get_token());
    const int64_t returnedAt = timer.elapsed();
    stopper.join();
    QVERIFY(!n.ok());
    QCOMPARE(n.error().kind, Error::Kind::Cancelled);
    QVERIFY2(returnedAt - stoppedAt < 1000,
        qPrintable(QStringLiteral("%1 ms after the stop").arg(returnedAt - stoppedAt)));
    // The reader still works after a cancelled read.
    std::vector<Message> more;
    QVERIFY(reader.read(more, 1, 100ms).ok());
}

QTEST_GUILESS_MAIN(TestAmqp)
#include "tst_amqp.moc"
