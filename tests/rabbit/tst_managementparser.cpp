// The pure half of the RabbitMQ management client (rabbit/managementparser.h): URLs and bodies,
// the JSON RabbitMQ 3.10 answers (captured from a real node) read into plain values, and the
// facts of a finished exchange classified into an error kind, one row per case.

#include "rabbit/managementerror.h"
#include "rabbit/managementparser.h"
#include "rabbit/managementsettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace edis::rabbit;
using Kind = ManagementError::Kind;

Q_DECLARE_METATYPE(edis::rabbit::ManagementError::Kind)
Q_DECLARE_METATYPE(edis::rabbit::Scope)

namespace {

QJsonValue json(const char *text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

ReplyFacts http(int status, const QByteArray &body, Scope scope = Scope::Vhost,
    const QString &contentType = QStringLiteral("application/json"))
{
    ReplyFacts f;
    f.httpStatus = status;
    f.body = body;
    f.contentType = contentType;
    f.endpoint = QStringLiteral("rabbit:15672");
    f.request = QStringLiteral("GET /api/queues/edis");
    f.timeout = std::chrono::milliseconds(2500);
    f.scope = scope;
    f.vhost = QStringLiteral("edis");
    return f;
}

ReplyFacts transport(QNetworkReply::NetworkError error)
{
    ReplyFacts f = http(0, {}, Scope::Node, {});
    f.networkError = error;
    f.networkErrorString = QStringLiteral("socket says no");
    return f;
}

// GET /api/queues/edis?page=1&page_size=500&columns=... on RabbitMQ 3.10.8: the quorum queue's
// statistics had not been emitted yet, so it has only its name and type.
const char *const kQueuePage
    = R"({"filtered_count":3,"item_count":3,"items":[{"consumers":1,"message_stats":{"publish_details":{"rate":2.5},)"
      R"("deliver_get_details":{"rate":1.5},"ack_details":{"rate":1.0}},"messages":4,"messages_ready":3,)"
      R"("messages_unacknowledged":1,"name":"q-classic","state":"running","type":"classic","durable":true,)"
      R"("arguments":{"x-queue-type":"classic"}},{"name":"q-quorum","type":"quorum"},{"consumers":0,"messages":0,)"
      R"("messages_ready":0,"messages_unacknowledged":0,"name":"q-stream","state":"running","type":"stream"}],)"
      R"("page":1,"page_count":2,"page_size":3,"total_count":5})";

const char *const kOverview
    = R"({"management_version":"3.10.8","rabbitmq_version":"3.10.8","cluster_name":"edis@vm","erlang_version":"25.2.3",)"
      R"("message_stats":{"publish":3,"publish_details":{"rate":0.6},"deliver_get_details":{"rate":0.4}},)"
      R"("queue_totals":{"messages":3,"messages_ready":2,"messages_unacknowledged":1},)"
      R"("object_totals":{"channels":1,"connections":2,"consumers":3,"exchanges":15,"queues":4},"node":"edis@localhost"})";

const char *const kNodes
    = R"([{"mem_limit":1073741824,"mem_alarm":true,"disk_free_limit":50000000,"disk_free_alarm":false,"uptime":5462,)"
      R"("name":"rabbit@a","type":"disc","running":true,"mem_used":1181116006,"disk_free":69752528896},)"
      R"({"name":"rabbit@b","running":false}])";

const char *const kBindings
    = R"([{"source":"","vhost":"edis","destination":"q","destination_type":"queue","routing_key":"q","arguments":{},)"
      R"("properties_key":"q"},{"source":"ex1","vhost":"edis","destination":"ex2","destination_type":"exchange",)"
      R"("routing_key":"rk.#","arguments":{"x-match":"all"},"properties_key":"rk.%23~abc"}])";

} // namespace

class TestManagementParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void urls_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default vhost") << vhostPath("queues", QStringLiteral("/")) << "/api/queues/%2F";
        QTest::newRow("named vhost") << vhostPath("exchanges", QStringLiteral("edis"))
                                     << "/api/exchanges/edis";
        QTest::newRow("queue with space and slash") << objectPath("queues", QStringLiteral("/"),
            QStringLiteral("a b/c")) << "/api/queues/%2F/a%20b%2Fc";
        QTest::newRow("non-ASCII") << objectPath("queues", QStringLiteral("vé"), QStringLiteral("ü"))
                                   << "/api/queues/v%C3%A9/%C3%BC";
        QTest::newRow("hash and percent") << pathSegment(QStringLiteral("rk.#%")) << "rk.%23%25";
        QTest::newRow("binding to a queue") << bindingPath(
            QStringLiteral("/"), QStringLiteral("ex"), DestinationType::Queue, QStringLiteral("q"))
                                            << "/api/bindings/%2F/e/ex/q/q";
        QTest::newRow("binding to an exchange")
            << bindingPath(QStringLiteral("v"), QString(), DestinationType::Exchange, QStringLiteral("e2"))
            << "/api/bindings/v/e//e/e2";
    }
    void urls()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(path, expected);
    }

    void pageQueryAndColumns()
    {
        const QueryItems q = pageQuery(3, 500, QStringLiteral("name,type"));
        QCOMPARE(q.size(), 3);
        QCOMPARE(q.at(0), std::pair(QStringLiteral("page"), QStringLiteral("3")));
        QCOMPARE(q.at(1), std::pair(QStringLiteral("page_size"), QStringLiteral("500")));
        QCOMPARE(q.at(2), std::pair(QStringLiteral("columns"), QStringLiteral("name,type")));
        for (const char *column : {"name", "type", "messages_ready", "messages_unacknowledged", "consumers",
                 "message_stats.publish_details.rate", "message_stats.deliver_get_details.rate",
                 "message_stats.ack_details.rate"}) {
            QVERIFY2(queueColumns().split(QLatin1Char(',')).contains(QLatin1String(column)), column);
        }
        QVERIFY(exchangeColumns().split(QLatin1Char(',')).contains(QStringLiteral("type")));
        QVERIFY(nodeColumns().split(QLatin1Char(',')).contains(QStringLiteral("mem_alarm")));
    }

    void bodies()
    {
        QueueDraft q;
        q.name = QStringLiteral("s");
        q.type = QueueType::Stream;
        q.arguments.insert(QStringLiteral("x-max-age"), QStringLiteral("1D"));
        const QJsonObject body = queueBody(q);
        QCOMPARE(body.value(QLatin1String("durable")).toBool(), true);
        const QJsonObject arguments = body.value(QLatin1String("arguments")).toObject();
        QCOMPARE(arguments.value(QLatin1String("x-queue-type")).toString(), QStringLiteral("stream"));
        QCOMPARE(arguments.value(QLatin1String("x-max-age")).toString(), QStringLiteral("1D"));

        ExchangeDraft e;
        e.type = QStringLiteral("topic");
        e.internal = true;
        QCOMPARE(exchangeBody(e).value(QLatin1String("type")).toString(), QStringLiteral("topic"));
        QCOMPARE(exchangeBody(e).value(QLatin1String("internal")).toBool(), true);

        BindingDraft b;
        b.routingKey = QStringLiteral("rk.#");
        QCOMPARE(bindingBody(b).value(QLatin1String("routing_key")).toString(), QStringLiteral("rk.#"));
    }

    void queueTypes()
    {
        QCOMPARE(toString(QueueType::Quorum), QStringLiteral("quorum"));
        QVERIFY(queueTypeFromString(QStringLiteral("stream")) == QueueType::Stream);
        QVERIFY(queueTypeFromString(QStringLiteral("Classic")) == QueueType::Classic);
        QVERIFY(!queueTypeFromString(QStringLiteral("rabbit_jms_queue")));
        QVERIFY(!queueTypeFromString(QString()));
    }

    void queuePage()
    {
        const std::optional<Page<QueueInfo>> page = parseQueuePage(json(kQueuePage));
        QVERIFY(page);
        QCOMPARE(page->page, 1);
        QCOMPARE(page->pageCount, 2);
        QCOMPARE(page->totalCount, 5);
        QCOMPARE(page->items.size(), 3);
        const QueueInfo &classic = page->items.at(0);
        QCOMPARE(classic.name, QStringLiteral("q-classic"));
        QVERIFY(classic.type == QueueType::Classic);
        QCOMPARE(classic.messages, 4);
        QCOMPARE(classic.messagesReady, 3);
        QCOMPARE(classic.messagesUnacknowledged, 1);
        QCOMPARE(classic.consumers, 1);
        QCOMPARE(classic.rates, (MessageRates {2.5, 1.5, 1.0}));
        QVERIFY(classic.durable);
        QCOMPARE(classic.state, QStringLiteral("running"));
        // Not yet in the statistics: zeros, not a failure.
        const QueueInfo &quorum = page->items.at(1);
        QVERIFY(quorum.type == QueueType::Quorum);
        QCOMPARE(quorum.messagesReady, 0);
        QCOMPARE(quorum.rates, MessageRates {});
        QVERIFY(page->items.at(2).type == QueueType::Stream);
    }

    void notAPage_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("a plain list (a 3.x node before paging)") << QByteArray(R"([{"name":"q"}])");
        QTest::newRow("no items") << QByteArray(R"({"page_count":1})");
        QTest::newRow("an item without a name")
            << QByteArray(R"({"page_count":1,"items":[{"type":"classic"}]})");
        QTest::newRow("someone else's JSON") << QByteArray(R"({"status":"UP"})");
    }
    void notAPage()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!parseQueuePage(json(text.constData())));
        QVERIFY(!parseExchangePage(json(text.constData())));
    }

    void exchangePage()
    {
        const std::optional<Page<ExchangeInfo>> page = parseExchangePage(
            json(R"({"items":[{"name":"","type":"direct","durable":true},{"name":"ex","type":"topic",)"
                 R"("internal":true,"message_stats":{"publish_in_details":{"rate":3.0},)"
                 R"("publish_out_details":{"rate":2.0}}}],"page":1,"page_count":1,"total_count":2})"));
        QVERIFY(page);
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).name, QString());
        QCOMPARE(page->items.at(1).type, QStringLiteral("topic"));
        QVERIFY(page->items.at(1).internal);
        QCOMPARE(page->items.at(1).rates.publish, 3.0);
        QCOMPARE(page->items.at(1).rates.deliver, 2.0);
    }

    void overviewAndAlarms()
    {
        const std::optional<Overview> o = parseOverview(json(kOverview));
        QVERIFY(o);
        QCOMPARE(o->rabbitmqVersion, QStringLiteral("3.10.8"));
        QCOMPARE(o->clusterName, QStringLiteral("edis@vm"));
        QCOMPARE(o->messages, 3);
        QCOMPARE(o->messagesReady, 2);
        QCOMPARE(o->messagesUnacknowledged, 1);
        QCOMPARE(o->queues, 4);
        QCOMPARE(o->exchanges, 15);
        QCOMPARE(o->connections, 2);
        QCOMPARE(o->rates.publish, 0.6);
        QVERIFY(!parseOverview(json(R"({"status":"UP"})")));

        const std::optional<QList<NodeInfo>> nodes = parseNodes(json(kNodes));
        QVERIFY(nodes);
        QCOMPARE(nodes->size(), 2);
        QVERIFY(nodes->at(0).memoryAlarm);
        QCOMPARE(nodes->at(0).diskFreeLimit, 50000000);
        const QStringList alarms = alarmsOf(*nodes);
        QCOMPARE(alarms.size(), 2);
        QVERIFY2(alarms.at(0).contains(QLatin1String("Memory alarm on rabbit@a")), qPrintable(alarms.at(0)));
        QVERIFY2(
            alarms.at(0).contains(QLatin1String("1126 MiB used of a 1024 MiB")), qPrintable(alarms.at(0)));
        QVERIFY2(alarms.at(1).contains(QLatin1String("rabbit@b is not running")), qPrintable(alarms.at(1)));
        NodeInfo healthy;
        healthy.name = QStringLiteral("rabbit@c");
        healthy.running = true;
        QVERIFY(alarmsOf({healthy}).isEmpty());
        QVERIFY(!parseNodes(json(R"({"name":"x"})")));
    }

    void bindings()
    {
        const std::optional<QList<BindingInfo>> b = parseBindings(json(kBindings));
        QVERIFY(b);
        QCOMPARE(b->size(), 2);
        QCOMPARE(b->at(0).source, QString());
        QVERIFY(b->at(0).destinationType == DestinationType::Queue);
        QVERIFY(b->at(1).destinationType == DestinationType::Exchange);
        QCOMPARE(b->at(1).routingKey, QStringLiteral("rk.#"));
        QCOMPARE(b->at(1).propertiesKey, QStringLiteral("rk.%23~abc"));
        QCOMPARE(b->at(1).arguments.value(QLatin1String("x-match")).toString(), QStringLiteral("all"));
        // The properties key is itself percent-encoded once more in the unbind URL.
        QCOMPARE(pathSegment(b->at(1).propertiesKey), QStringLiteral("rk.%2523~abc"));
        QVERIFY(!parseBindings(json(R"([{"vhost":"x"}])")));
    }

    void classifies_data()
    {
        QTest::addColumn<ReplyFacts>("facts");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("refused") << transport(QNetworkReply::ConnectionRefusedError)
                                 << Kind::ConnectionRefused << "rabbitmq-plugins enable rabbitmq_management";
        QTest::newRow("host not found")
            << transport(QNetworkReply::HostNotFoundError) << Kind::HostNotFound << "was not found";
        ReplyFacts timedOut = transport(QNetworkReply::OperationCanceledError);
        timedOut.timedOut = true;
        QTest::newRow("our timeout") << timedOut << Kind::Timeout << "within 2.5 s";
        QTest::newRow("socket timeout")
            << transport(QNetworkReply::TimeoutError) << Kind::Timeout << "timed out";
        ReplyFacts big = http(200, "[");
        big.tooLarge = true;
        QTest::newRow("too large") << big << Kind::TooLarge << "64 MiB";
        ReplyFacts badCert = transport(QNetworkReply::SslHandshakeFailedError);
        badCert.sslErrors = QStringList {QStringLiteral("The certificate is self-signed, and untrusted")};
        QTest::newRow("tls") << badCert << Kind::Tls << "self-signed";
        QTest::newRow("tls without details")
            << transport(QNetworkReply::SslHandshakeFailedError) << Kind::Tls << "socket says no";
        QTest::newRow("AMQP port (closed without HTTP)")
            << transport(QNetworkReply::RemoteHostClosedError) << Kind::NotManagementApi << "AMQP port";
        QTest::newRow("cancelled") << transport(QNetworkReply::OperationCanceledError) << Kind::Cancelled
                                   << "cancelled";
        QTest::newRow("other network")
            << transport(QNetworkReply::ProxyConnectionRefusedError) << Kind::Network << "socket says no";

        QTest::newRow("401 login failed")
            << http(401, R"({"error":"not_authorized","reason":"Login failed"})") << Kind::BadCredentials
            << "user name or password";
        QTest::newRow("401 without a body")
            << http(401, {}, Scope::Node, {}) << Kind::BadCredentials << "HTTP 401";
        QTest::newRow("401 vhost not permitted") << http(
            401, R"({"error":"not_authorised","reason":"User not authorised to access virtual host"})")
                                                 << Kind::VhostNotPermitted << "'edis'";
        QTest::newRow("401 no management tag")
            << http(401, R"({"error":"not_authorised","reason":"Not management user"})", Scope::Node)
            << Kind::NotManagementUser << "management";
        QTest::newRow("401 not monitor user")
            << http(401, R"({"error":"not_authorised","reason":"Not monitor user"})", Scope::Node)
            << Kind::AccessRefused << "Not monitor user";
        QTest::newRow("403") << http(
            403, R"({"error":"access_refused","reason":"configure access to queue"})", Scope::Object)
                             << Kind::AccessRefused << "configure access";

        const QByteArray notFound = R"({"error":"Object Not Found","reason":"Not Found"})";
        QTest::newRow("404 on a vhost's list")
            << http(404, notFound) << Kind::VhostNotFound << "vhost 'edis' does not exist";
        QTest::newRow("404 on an object") << http(404, notFound, Scope::Object) << Kind::NotFound << "'edis'";
        QTest::newRow("404 on /api/overview (RabbitMQ's words)")
            << http(404, notFound, Scope::Node) << Kind::NotManagementApi << "management plugin";
        QTest::newRow("404 text/html")
            << http(404, "<html>Not Found</html>", Scope::Node, QStringLiteral("text/html; charset=utf-8"))
            << Kind::NotManagementApi << "HTTP 404 (text/html)";
        QTest::newRow("404 plain on a vhost's list")
            << http(404, "not here", Scope::Vhost, QStringLiteral("text/plain")) << Kind::NotManagementApi
            << "not RabbitMQ's management API";
        QTest::newRow("200 text/html") << http(200, "<html></html>", Scope::Node, QStringLiteral("text/html"))
                                       << Kind::NotManagementApi << "HTTP 200";
        QTest::newRow("200 not JSON") << http(200, "hello", Scope::Node, QStringLiteral("text/plain"))
                                      << Kind::NotManagementApi << "HTTP 200";
        QTest::newRow("302 not followed")
            << http(302, {}, Scope::Node, {}) << Kind::NotManagementApi << "HTTP 302";
        QTest::newRow("400 inequivalent arg") << http(
            400, R"({"error":"bad_request","reason":"inequivalent arg 'x-queue-type'"})", Scope::Object)
                                              << Kind::BadRequest << "inequivalent arg";
        QTest::newRow("500") << http(500, R"({"error":"internal","reason":"boom"})") << Kind::ServerError
                             << "HTTP 500";
        QTest::newRow("503 HTML") << http(503, "<html>down</html>", Scope::Node, QStringLiteral("text/html"))
                                  << Kind::ServerError << "HTTP 503";
        QTest::newRow("418") << http(418, R"({"error":"teapot","reason":"short and stout"})") << Kind::Http
                             << "short and stout";
        QTest::newRow("200 JSON") << http(200, "[]") << Kind::None << "";
        ReplyFacts created = http(201, {}, Scope::Object, {});
        created.expectJson = false;
        QTest::newRow("201 write without a body") << created << Kind::None << "";
        ReplyFacts noContent = http(204, {}, Scope::Object, {});
        noContent.expectJson = false;
        QTest::newRow("204 write") << noContent << Kind::None << "";
    }
    void classifies()
    {
        QFETCH(ReplyFacts, facts);
        QFETCH(Kind, kind);
        QFETCH(QString, mentions);
        const HttpAnswer answer = interpretReply(facts);
        QVERIFY2(answer.error.kind == kind,
            qPrintable(QStringLiteral("got %1 (%2)").arg(kindId(answer.error.kind), answer.error.message)));
        QVERIFY2(answer.error.message.contains(mentions), qPrintable(answer.error.message));
        if (kind != Kind::None) {
            QVERIFY(!answer.error.message.isEmpty());
        }
    }

    void unexpectedJsonAndVhostMissing()
    {
        HttpAnswer a;
        a.json = json(R"({"status":"UP"})");
        a.httpStatus = 200;
        a.endpoint = QStringLiteral("h:1");
        a.request = QStringLiteral("GET /api/overview");
        const ManagementError e = unexpectedAnswer(a);
        QVERIFY(e.kind == Kind::NotManagementApi);
        QVERIFY(e.detail.contains(QLatin1String("UP")));
        ManagementError notFound;
        notFound.kind = Kind::NotFound;
        const ManagementError gone = vhostMissing(notFound, QStringLiteral("h:1"), QStringLiteral("v"));
        QVERIFY(gone.kind == Kind::VhostNotFound);
        QVERIFY(gone.message.contains(QLatin1String("'v'")));
    }

    void kindIdsAreDistinct()
    {
        QSet<QString> ids;
        for (int k = static_cast<int>(Kind::None); k <= static_cast<int>(Kind::Cancelled); ++k) {
            const QString id = kindId(static_cast<Kind>(k));
            QVERIFY2(!id.isEmpty(), qPrintable(QString::number(k)));
            ids.insert(id);
        }
        QCOMPARE(ids.size(), static_cast<int>(Kind::Cancelled) + 1);
        QCOMPARE(kindId(Kind::VhostNotFound), QStringLiteral("vhost-not-found"));
        QVERIFY(ManagementError::make(Kind::ConnectionRefused, {}).isTransient());
        QVERIFY(!ManagementError::make(Kind::BadCredentials, {}).isTransient());
    }

    void settings_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("vhost");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("problem");
        QTest::newRow("fine") << "http://rabbit:15672"
                              << "/" << 500 << "";
        QTest::newRow("https with prefix") << "https://rabbit:15671/rabbitmq"
                                           << "edis" << 1 << "";
        QTest::newRow("empty url") << ""
                                   << "/" << 500 << "Enter the RabbitMQ management URL";
        QTest::newRow("amqp url") << "amqp://rabbit:5672"
                                  << "/" << 500 << "is not a management URL";
        QTest::newRow("credentials in url") << "http://u:p@rabbit:15672"
                                            << "/" << 500 << "not in the URL";
        QTest::newRow("query") << "http://rabbit:15672?x=1"
                               << "/" << 500 << "query or fragment";
        QTest::newRow("empty vhost") << "http://rabbit:15672"
                                     << "" << 500 << "Enter a vhost";
        QTest::newRow("page too large") << "http://rabbit:15672"
                                        << "/" << 501 << "between 1 and 500";
        QTest::newRow("page zero") << "http://rabbit:15672"
                                   << "/" << 0 << "between 1 and 500";
    }
    void settings()
    {
        QFETCH(QString, url);
        QFETCH(QString, vhost);
        QFETCH(int, pageSize);
        QFETCH(QString, problem);
        ManagementSettings s;
        s.url = url;
        s.username = QStringLiteral("u");
        s.vhost = vhost;
        s.pageSize = pageSize;
        const QStringList problems = validate(s);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char(' '))));
        } else {
            QVERIFY2(problems.join(QLatin1Char(' ')).contains(problem),
                qPrintable(problems.join(QLatin1Char(' '))));
        }
        s.username.clear();
        QVERIFY(validate(s).join(QLatin1Char(' ')).contains(QLatin1String("user name")));
    }
};

QTEST_GUILESS_MAIN(TestManagementParser)
#include "tst_managementparser.moc"
