// ManagementClient against a real RabbitMQ node (tests/services/rabbitmq.sh; the
// EDIS_TEST_RABBITMQ_* variables say where): queues of the three types, an exchange and a binding
// made through the client show up with the right types and counts, purge, unbind and delete do
// what they say, listings page; and the error paths against the node (wrong password, a missing
// vhost, one the user may not use) and against peers that are not it (a closed port, an HTTP
// server answering 404 text/html, the node's AMQP port, a server that never answers).

#include "../registry/badpeer.h"
#include "rabbit/managementclient.h"
#include "rabbittest.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <chrono>
#include <functional>
#include <memory>

using namespace edis::rabbit;
using edis::test::awaitRabbit;
using edis::test::BadPeer;
using Kind = ManagementError::Kind;

namespace {

/// Queue counts in the management API lag a publish by several seconds (statistics emission).
constexpr int kStatsDeadlineMs = 30000;
constexpr int kMessagesPerQueue = 7;
constexpr int kMessagesThroughExchange = 3;

const QueueInfo *findQueue(const QList<QueueInfo> &queues, const QString &name)
{
    const auto it
        = std::find_if(queues.begin(), queues.end(), [&name](const QueueInfo &q) { return q.name == name; });
    return it == queues.end() ? nullptr : &*it;
}

} // namespace

class TestRabbitManagement : public QObject {
    Q_OBJECT

    QString url_;
    QString user_;
    QString password_;
    QString vhost_;
    QString prefix_;
    std::unique_ptr<ManagementClient> client_;
    QNetworkAccessManager network_;
    QStringList queuesMade_;
    QStringList exchangesMade_;

    ManagementClient &client() { return *client_; }
    QString name(const char *what) const { return prefix_ + QLatin1String(what); }

    ManagementSettings settings(const QString &url = {}) const
    {
        ManagementSettings s;
        s.url = url.isEmpty() ? url_ : url;
        s.username = user_;
        s.password = password_;
        s.vhost = vhost_;
        s.requestTimeout = std::chrono::seconds(20);
        return s;
    }

    Result<QList<QueueInfo>> queues(ManagementClient &c)
    {
        return awaitRabbit<QList<QueueInfo>>([&](auto done) { c.queues(done); });
    }
    Result<Done> createQueue(const QString &queue, QueueType type)
    {
        QueueDraft d;
        d.name = queue;
        d.type = type;
        queuesMade_ << queue;
        return awaitRabbit<Done>([&](auto done) { client().createQueue(d, done); });
    }
    Result<QList<BindingInfo>> bindings()
    {
        return awaitRabbit<QList<BindingInfo>>([&](auto done) { client().bindings(done); });
    }

    /// Publishes `count` messages through the management API (POST .../publish), not through
    /// the client under test; true when RabbitMQ routed every one.
    bool publish(const QString &exchange, const QString &routingKey, int count, QString *error)
    {
        const QString exchangeName = exchange.isEmpty() ? QStringLiteral("amq.default") : exchange;
        QUrl url(url_);
        url.setPath(QStringLiteral("%1/publish").arg(objectPath("exchanges", vhost_, exchangeName)),
            QUrl::TolerantMode);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader(
            "Authorization", "Basic " + (user_ + QLatin1Char(':') + password_).toUtf8().toBase64());
        int routed = 0;
        int answered = 0;
        for (int i = 0; i < count; ++i) {
            const QJsonObject body {{QStringLiteral("properties"), QJsonObject()},
                {QStringLiteral("routing_key"), routingKey},
                {QStringLiteral("payload"), QStringLiteral("message %1").arg(i)},
                {QStringLiteral("payload_encoding"), QStringLiteral("string")}};
            QNetworkReply *reply = network_.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
            connect(reply, &QNetworkReply::finished, this, [reply, &routed, &answered, error] {
                const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
                if (answer.value(QLatin1String("routed")).toBool()) {
                    ++routed;
                } else if (error->isEmpty()) {
                    *error = reply->errorString();
                }
                ++answered;
                reply->deleteLater();
            });
        }
        if (!QTest::qWaitFor([&] { return answered == count; }, 30000) && error->isEmpty()) {
            *error = QStringLiteral("%1 of %2 publishes answered").arg(answered).arg(count);
        }
        return routed == count;
    }

    /// Lists the queues until `ok` holds for them or the deadline passes; the last listing.
    Result<QList<QueueInfo>> queuesWhen(const std::function<bool(const QList<QueueInfo> &)> &ok)
    {
        QElapsedTimer clock;
        clock.start();
        Result<QList<QueueInfo>> last = queues(client());
        while (clock.elapsed() < kStatsDeadlineMs && (!last.ok() || !ok(last.value()))) {
            QTest::qWait(250);
            last = queues(client());
        }
        return last;
    }

private Q_SLOTS:
    void initTestCase()
    {
        url_ = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_MANAGEMENT_URL");
        user_ = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_USER");
        password_ = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_PASSWORD");
        vhost_ = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_VHOST");
        for (const auto &[value, variable] : {std::pair {url_, "EDIS_TEST_RABBITMQ_MANAGEMENT_URL"},
                 std::pair {user_, "EDIS_TEST_RABBITMQ_USER"},
                 std::pair {password_, "EDIS_TEST_RABBITMQ_PASSWORD"},
                 std::pair {vhost_, "EDIS_TEST_RABBITMQ_VHOST"}}) {
            if (value.isEmpty()) {
                QFAIL(edis::test::missingRabbitEnv(variable).constData());
            }
        }
        prefix_ = edis::test::uniqueRabbitPrefix("mgmt");
        client_ = std::make_unique<ManagementClient>(settings());
        QVERIFY2(client().settingsProblem().isEmpty(), qPrintable(client().settingsProblem()));
    }

    void cleanupTestCase()
    {
        if (!client_) {
            return;
        }
        for (const QString &queue : std::as_const(queuesMade_)) {
            awaitRabbit<Done>([&](auto done) { client().deleteQueue(queue, done); });
        }
        for (const QString &exchange : std::as_const(exchangesMade_)) {
            awaitRabbit<Done>([&](auto done) { client().deleteExchange(exchange, done); });
        }
    }

    void overview()
    {
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { client().overview(done); });
        EDIS_RABBIT_OK(o);
        QVERIFY2(o->rabbitmqVersion.startsWith(QLatin1String("3.")), qPrintable(o->rabbitmqVersion));
        QVERIFY(!o->erlangVersion.isEmpty());
        QVERIFY(!o->clusterName.isEmpty());
        QVERIFY(o->exchanges >= 7); // the default ones of "/" alone
        QVERIFY(o->nodesVisible);
        QCOMPARE(o->nodes.size(), 1);
        QCOMPARE(o->nodes.at(0).name, o->node);
        QVERIFY(o->nodes.at(0).running);
        QVERIFY(o->nodes.at(0).memoryLimit > 0);
        QVERIFY2(o->alarms.isEmpty(), qPrintable(o->alarms.join(QLatin1Char(' '))));
    }

    void testConnection()
    {
        const Result<ConnectionCheck> check
            = awaitRabbit<ConnectionCheck>([&](auto done) { client().testConnection(done); });
        EDIS_RABBIT_OK(check);
        QVERIFY(!check->overview.rabbitmqVersion.isEmpty());
        QVERIFY(check->queueCount >= 0);
    }

    void queuesOfEachTypeWithCounts()
    {
        const QString classic = name("classic");
        const QString quorum = name("quorum");
        const QString stream = name("stream");
        const QString exchange = name("exchange");
        EDIS_RABBIT_OK(createQueue(classic, QueueType::Classic));
        EDIS_RABBIT_OK(createQueue(quorum, QueueType::Quorum));
        EDIS_RABBIT_OK(createQueue(stream, QueueType::Stream));
        // Again with the same arguments: fine; with another type: RabbitMQ's reason.
        EDIS_RABBIT_OK(createQueue(classic, QueueType::Classic));
        const Result<Done> other = createQueue(classic, QueueType::Quorum);
        EDIS_RABBIT_KIND(other.error(), Kind::BadRequest);
        QVERIFY2(other.error().message.contains(QLatin1String("inequivalent arg")),
            qPrintable(other.error().message));

        ExchangeDraft e;
        e.name = exchange;
        e.type = QStringLiteral("topic");
        exchangesMade_ << exchange;
        EDIS_RABBIT_OK(awaitRabbit<Done>([&](auto done) { client().createExchange(e, done); }));
        BindingDraft b;
        b.source = exchange;
        b.destination = classic;
        b.routingKey = QStringLiteral("orders.#");
        EDIS_RABBIT_OK(awaitRabbit<Done>([&](auto done) { client().bind(b, done); }));

        QString error;
        for (const QString &queue : {classic, quorum, stream}) {
            QVERIFY2(publish({}, queue, kMessagesPerQueue, &error), qPrintable(error));
        }
        QVERIFY2(publish(exchange, QStringLiteral("orders.eu.1"), kMessagesThroughExchange, &error),
            qPrintable(error));

        const auto expected = [&](const QList<QueueInfo> &list) {
            const QueueInfo *c = findQueue(list, classic);
            const QueueInfo *q = findQueue(list, quorum);
            const QueueInfo *s = findQueue(list, stream);
            return c && q && s && c->messagesReady == kMessagesPerQueue + kMessagesThroughExchange
                && q->messagesReady == kMessagesPerQueue && s->messages == kMessagesPerQueue;
        };
        const Result<QList<QueueInfo>> listed = queuesWhen(expected);
        EDIS_RABBIT_OK(listed);
        const QueueInfo *c = findQueue(listed.value(), classic);
        const QueueInfo *q = findQueue(listed.value(), quorum);
        const QueueInfo *s = findQueue(listed.value(), stream);
        QVERIFY(c && q && s);
        QVERIFY2(expected(listed.value()),
            qPrintable(QStringLiteral("ready after %1 ms: classic %2, quorum %3, stream %4")
                           .arg(kStatsDeadlineMs)
                           .arg(c->messagesReady)
                           .arg(q->messagesReady)
                           .arg(s->messages)));
        QVERIFY(c->type == QueueType::Classic);
        QVERIFY(q->type == QueueType::Quorum);
        QVERIFY(s->type == QueueType::Stream);
        QCOMPARE(c->vhost, vhost_);
        QCOMPARE(c->messagesUnacknowledged, 0);
        QCOMPARE(c->consumers, 0);
        QVERIFY(q->durable);
        QCOMPARE(q->arguments.value(QLatin1String("x-queue-type")).toString(), QStringLiteral("quorum"));

        const Result<QueueInfo> one
            = awaitRabbit<QueueInfo>([&](auto done) { client().queue(quorum, done); });
        EDIS_RABBIT_OK(one);
        QVERIFY(one->type == QueueType::Quorum);

        const Result<QList<ExchangeInfo>> exchanges
            = awaitRabbit<QList<ExchangeInfo>>([&](auto done) { client().exchanges(done); });
        EDIS_RABBIT_OK(exchanges);
        const auto ex = std::find_if(
            exchanges->begin(), exchanges->end(), [&](const ExchangeInfo &x) { return x.name == exchange; });
        QVERIFY(ex != exchanges->end());
        QCOMPARE(ex->type, QStringLiteral("topic"));
        QVERIFY(ex->durable);
        QVERIFY(std::any_of(exchanges->begin(), exchanges->end(),
            [](const ExchangeInfo &x) { return x.name.isEmpty() && x.type == QLatin1String("direct"); }));

        const Result<QList<BindingInfo>> listedBindings = bindings();
        EDIS_RABBIT_OK(listedBindings);
        QVERIFY(std::any_of(listedBindings->begin(), listedBindings->end(), [&](const BindingInfo &x) {
            return x.source == exchange && x.destination == classic
                && x.destinationType == DestinationType::Queue && x.routingKey == QLatin1String("orders.#");
        }));
    }

    void purgeEmptiesAQueue()
    {
        const QString classic = name("classic");
        const QString quorum = name("quorum");
        for (const QString &queue : {classic, quorum}) {
            EDIS_RABBIT_OK(awaitRabbit<Done>([&](auto done) { client().purgeQueue(queue, done); }));
        }
        const Result<QList<QueueInfo>> listed = queuesWhen([&](const QList<QueueInfo> &list) {
            const QueueInfo *c = findQueue(list, classic);
            const QueueInfo *q = findQueue(list, quorum);
            return c && q && c->messages == 0 && q->messages == 0;
        });
        EDIS_RABBIT_OK(listed);
        const QueueInfo *c = findQueue(listed.value(), classic);
        const QueueInfo *q = findQueue(listed.value(), quorum);
        QVERIFY2(c && c->messages == 0, "the classic queue still has messages after the purge");
        QVERIFY2(q && q->messages == 0, "the quorum queue still has messages after the purge");
        // The stream is not touched.
        QCOMPARE(findQueue(listed.value(), name("stream"))->messages, kMessagesPerQueue);
    }

    void unbindAndDelete()
    {
        const QString classic = name("classic");
        const QString exchange = name("exchange");
        const Result<QList<BindingInfo>> before = bindings();
        EDIS_RABBIT_OK(before);
        const auto binding = std::find_if(before->begin(), before->end(),
            [&](const BindingInfo &x) { return x.source == exchange && x.destination == classic; });
        QVERIFY(binding != before->end());
        EDIS_RABBIT_OK(awaitRabbit<Done>([&](auto done) { client().unbind(*binding, done); }));
        const Result<QList<BindingInfo>> after = bindings();
        EDIS_RABBIT_OK(after);
        QVERIFY(std::none_of(
            after->begin(), after->end(), [&](const BindingInfo &x) { return x.source == exchange; }));

        EDIS_RABBIT_OK(awaitRabbit<Done>([&](auto done) { client().deleteQueue(classic, done); }));
        EDIS_RABBIT_OK(awaitRabbit<Done>([&](auto done) { client().deleteExchange(exchange, done); }));
        const Result<QList<QueueInfo>> listed = queues(client());
        EDIS_RABBIT_OK(listed);
        QVERIFY(!findQueue(listed.value(), classic));
        QVERIFY(findQueue(listed.value(), name("quorum")));
        const Result<QueueInfo> gone
            = awaitRabbit<QueueInfo>([&](auto done) { client().queue(classic, done); });
        EDIS_RABBIT_KIND(gone.error(), Kind::NotFound);
        const Result<Done> again = awaitRabbit<Done>([&](auto done) { client().deleteQueue(classic, done); });
        EDIS_RABBIT_KIND(again.error(), Kind::NotFound);
        const Result<Done> purgeGone
            = awaitRabbit<Done>([&](auto done) { client().purgeQueue(classic, done); });
        EDIS_RABBIT_KIND(purgeGone.error(), Kind::NotFound);
    }

    void paging()
    {
        // A small page size, so that a dozen queues take several pages.
        ManagementSettings small = settings();
        small.pageSize = 4;
        ManagementClient paged(small);
        QList<QString> names;
        int created = 0;
        int failed = 0;
        for (int i = 0; i < 10; ++i) {
            names << name("page-%1").arg(i, 2, 10, QLatin1Char('0'));
            queuesMade_ << names.last();
            QueueDraft d;
            d.name = names.last();
            d.autoDelete = false;
            paged.createQueue(d, [&](const Result<Done> &r) { r.ok() ? ++created : ++failed; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(created + failed, 10, 30000);
        QCOMPARE(failed, 0);
        const quint64 sentBefore = paged.requestsSent();
        const Result<QList<QueueInfo>> all = queues(paged);
        EDIS_RABBIT_OK(all);
        const quint64 pages = paged.requestsSent() - sentBefore;
        QVERIFY2(pages >= 3, qPrintable(QStringLiteral("%1 requests").arg(pages)));
        // All queues of the vhost, each once, ours among them in name order.
        QSet<QString> seen;
        QStringList ours;
        for (const QueueInfo &q : all.value()) {
            QVERIFY2(!seen.contains(q.name), qPrintable(q.name));
            seen.insert(q.name);
            if (q.name.startsWith(name("page-"))) {
                ours << q.name;
            }
        }
        QCOMPARE(ours, names);
        const Result<QList<QueueInfo>> whole = queues(client());
        EDIS_RABBIT_OK(whole);
        QCOMPARE(whole->size(), all->size());
        QCOMPARE(pages, static_cast<quint64>((all->size() + 3) / 4));
    }

    void moreQueuesThanOnePage()
    {
        // 520 queues: the default (and maximal) page of 500 and one more page.
        constexpr int kQueues = 520;
        QElapsedTimer clock;
        clock.start();
        int created = 0;
        int failed = 0;
        QString firstError;
        for (int i = 0; i < kQueues; ++i) {
            QueueDraft d;
            d.name = name("many-%1").arg(i, 3, 10, QLatin1Char('0'));
            queuesMade_ << d.name;
            client().createQueue(d, [&](const Result<Done> &r) {
                if (r.ok()) {
                    ++created;
                } else {
                    ++failed;
                    firstError = r.error().message;
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(created + failed, kQueues, 60000);
        QVERIFY2(failed == 0, qPrintable(firstError));
        const qint64 createMs = clock.restart();
        const quint64 sentBefore = client().requestsSent();
        const Result<QList<QueueInfo>> all = queues(client());
        EDIS_RABBIT_OK(all);
        qInfo("created %d queues in %lld ms; listed %lld in %lld ms with %llu requests", kQueues, createMs,
            static_cast<long long>(all->size()), clock.elapsed(),
            static_cast<unsigned long long>(client().requestsSent() - sentBefore));
        QVERIFY(all->size() > kMaxPageSize);
        QCOMPARE(client().requestsSent() - sentBefore, static_cast<quint64>((all->size() + 499) / 500));
        const auto ours = std::count_if(
            all->begin(), all->end(), [&](const QueueInfo &q) { return q.name.startsWith(name("many-")); });
        QCOMPARE(ours, kQueues);
    }

    void wrongPassword()
    {
        ManagementSettings s = settings();
        s.password = QStringLiteral("not-the-password");
        ManagementClient wrong(s);
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { wrong.overview(done); });
        EDIS_RABBIT_KIND(o.error(), Kind::BadCredentials);
        QCOMPARE(o.error().httpStatus, 401);
        const Result<QList<QueueInfo>> q = queues(wrong);
        EDIS_RABBIT_KIND(q.error(), Kind::BadCredentials);
    }

    void missingVhost()
    {
        ManagementSettings s = settings();
        s.vhost = name("no-such-vhost");
        ManagementClient missing(s);
        for (const auto &error : {queues(missing).error(),
                 awaitRabbit<QList<ExchangeInfo>>([&](auto done) { missing.exchanges(done); }).error(),
                 awaitRabbit<QList<BindingInfo>>([&](auto done) { missing.bindings(done); }).error(),
                 awaitRabbit<ConnectionCheck>([&](auto done) { missing.testConnection(done); }).error()}) {
            EDIS_RABBIT_KIND(error, Kind::VhostNotFound);
            QVERIFY2(error.message.contains(s.vhost), qPrintable(error.message));
        }
        // A write in it: the 404 is the vhost's, not the queue's.
        const Result<Done> d = awaitRabbit<Done>([&](auto done) { missing.deleteQueue(name("q"), done); });
        EDIS_RABBIT_KIND(d.error(), Kind::VhostNotFound);
    }

    void vhostNotPermitted()
    {
        const QString user = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER");
        const QString password = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_PASSWORD");
        if (user.isEmpty() || password.isEmpty()) {
            QFAIL(edis::test::missingRabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER / _LIMITED_PASSWORD")
                      .constData());
        }
        ManagementSettings s = settings();
        s.username = user;
        s.password = password;
        s.vhost = QStringLiteral("/"); // the limited user has permissions on EDIS_TEST_RABBITMQ_VHOST only
        ManagementClient limited(s);
        const Result<QList<QueueInfo>> q = queues(limited);
        EDIS_RABBIT_KIND(q.error(), Kind::VhostNotPermitted);
        // Its own vhost works; the overview works without the node list (no monitoring tag).
        s.vhost = vhost_;
        ManagementClient own(s);
        EDIS_RABBIT_OK(queues(own));
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { own.overview(done); });
        EDIS_RABBIT_OK(o);
        QVERIFY(!o->nodesVisible);
        QVERIFY(o->nodes.isEmpty());
    }

    void refused()
    {
        ManagementClient closed(settings(QStringLiteral("http://127.0.0.1:%1").arg(edis::test::freePort())));
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { closed.overview(done); });
        EDIS_RABBIT_KIND(o.error(), Kind::ConnectionRefused);
    }

    void notManagementApi_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("404 text/html")
            << BadPeer::http(404, "Not Found", "text/html", "<html><body>No such page</body></html>");
        QTest::newRow("200 text/html") << BadPeer::http(200, "OK", "text/html", "<html>a web site</html>");
        QTest::newRow("200 other JSON") << BadPeer::http(200, "OK", "application/json", R"({"status":"UP"})");
    }
    void notManagementApi()
    {
        QFETCH(QByteArray, answer);
        BadPeer peer(answer);
        QVERIFY(peer.isListening());
        ManagementClient other(settings(peer.url()));
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { other.overview(done); });
        EDIS_RABBIT_KIND(o.error(), Kind::NotManagementApi);
        QVERIFY2(o.error().message.contains(QLatin1String("not RabbitMQ's management API")),
            qPrintable(o.error().message));
        QVERIFY(!peer.requests().isEmpty());
        QVERIFY(peer.requests().first().startsWith("GET /api/overview "));
    }

    void amqpPortIsNotTheManagementApi()
    {
        const QString port = edis::test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_PORT");
        if (port.isEmpty()) {
            QFAIL(edis::test::missingRabbitEnv("EDIS_TEST_RABBITMQ_AMQP_PORT").constData());
        }
        ManagementSettings s = settings(QStringLiteral("http://127.0.0.1:%1").arg(port));
        s.requestTimeout = std::chrono::seconds(10);
        ManagementClient amqp(s);
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { amqp.overview(done); });
        EDIS_RABBIT_KIND(o.error(), Kind::NotManagementApi);
    }

    void timeout()
    {
        BadPeer silent({}); // accepts, never answers
        ManagementSettings s = settings(silent.url());
        s.requestTimeout = std::chrono::milliseconds(400);
        ManagementClient slow(s);
        QElapsedTimer clock;
        clock.start();
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { slow.overview(done); });
        EDIS_RABBIT_KIND(o.error(), Kind::Timeout);
        QVERIFY(clock.elapsed() < 5000);
    }

    void invalidSettingsSendNothing()
    {
        ManagementSettings s = settings(QStringLiteral("amqp://127.0.0.1:5672"));
        ManagementClient invalid(s);
        QVERIFY(!invalid.settingsProblem().isEmpty());
        const Result<Overview> o = awaitRabbit<Overview>([&](auto done) { invalid.overview(done); });
        EDIS_RABBIT_KIND(o.error(), Kind::InvalidSettings);
        QCOMPARE(invalid.requestsSent(), 0);
    }

    void destroyingTheClientDropsCallbacks()
    {
        auto doomed = std::make_unique<ManagementClient>(settings());
        bool called = false;
        doomed->queues([&called](const Result<QList<QueueInfo>> &) { called = true; });
        QCOMPARE(doomed->pendingRequests(), 1);
        doomed.reset();
        QTest::qWait(200);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestRabbitManagement)
#include "tst_rabbitmanagement.moc"
