// `edis rabbit`'s options as a request (management API actions and AMQP ones), a clear refusal
// for every bad value, and the exit code each error kind gets.

#include "clicommon.h"
#include "rabbitoptions.h"
#include "rabbitoutput.h"

#include <QTest>

using edis::cli::RabbitRequest;
using Action = RabbitRequest::Action;

namespace {

struct Parsed {
    std::optional<RabbitRequest> request;
    QString error;
};

Parsed parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    edis::cli::addRabbitOptions(parser);
    Parsed p;
    if (!parser.parse(QStringList {QStringLiteral("edis rabbit")} + arguments)) {
        p.error = parser.errorText();
        return p;
    }
    p.request = edis::cli::rabbitRequestFromOptions(parser, &p.error);
    return p;
}

QStringList words(const QString &line)
{
    return line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

const QString kManagement = QStringLiteral("--management-url http://localhost:15672 ");
const QString kAmqp = QStringLiteral("--amqp-url amqp://app:secret@rabbit:5673/orders ");

} // namespace

class TestRabbitOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { qunsetenv(edis::cli::kRabbitPasswordVariable); }

    void managementListing()
    {
        const Parsed p = parse(words(kManagement
            + "queues --user admin --password pw --vhost v1 --filter ord --json --timeout 2.5 --insecure"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, Action::Queues);
        QVERIFY(edis::cli::usesManagementApi(p.request->action));
        QCOMPARE(p.request->settings.url, QStringLiteral("http://localhost:15672"));
        QCOMPARE(p.request->settings.username, QStringLiteral("admin"));
        QCOMPARE(p.request->settings.password, QStringLiteral("pw"));
        QCOMPARE(p.request->settings.vhost, QStringLiteral("v1"));
        QCOMPARE(p.request->settings.requestTimeout, std::chrono::milliseconds(2500));
        QVERIFY(!p.request->settings.verifyPeer);
        QVERIFY(p.request->json);
        QCOMPARE(p.request->filter, QStringLiteral("ord"));
    }

    void passwordFromTheEnvironment()
    {
        qputenv(edis::cli::kRabbitPasswordVariable, "from-env");
        const Parsed p = parse(words(kManagement + "bindings --user admin"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->settings.password, QStringLiteral("from-env"));
        const Parsed guest = parse(words(kManagement + "overview"));
        QVERIFY2(guest.request, qPrintable(guest.error));
        QCOMPARE(guest.request->settings.username, QStringLiteral("guest"));
    }

    void peek()
    {
        const Parsed p = parse(words(kAmqp + "peek orders-q"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, Action::Peek);
        QVERIFY(!edis::cli::usesManagementApi(p.request->action));
        QCOMPARE(p.request->queue, QStringLiteral("orders-q"));
        QCOMPARE(p.request->count, edis::cli::kDefaultPeekCount);
        QCOMPARE(p.request->amqp.host, QStringLiteral("rabbit"));
        QCOMPARE(p.request->amqp.port, 5673);
        QCOMPARE(p.request->amqp.user, QStringLiteral("app"));
        QCOMPARE(p.request->amqp.password, QStringLiteral("secret"));
        QCOMPARE(p.request->amqp.vhost, QStringLiteral("orders"));
        const Parsed five = parse(words(kAmqp + "peek q -n 5 --timeout 3"));
        QVERIFY2(five.request, qPrintable(five.error));
        QCOMPARE(five.request->count, std::size_t(5));
        QCOMPARE(five.request->amqp.requestTimeout, std::chrono::milliseconds(3000));
    }

    void amqpPasswordFromTheEnvironment()
    {
        qputenv(edis::cli::kRabbitPasswordVariable, "env-secret");
        const Parsed p = parse(words("--amqp-url amqp://app@rabbit/ peek q"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->amqp.password, QStringLiteral("env-secret"));
        QCOMPARE(p.request->amqp.vhost, QStringLiteral("/"));
        // A password in the URL wins.
        QCOMPARE(parse(words(kAmqp + "peek q")).request->amqp.password, QStringLiteral("secret"));
    }

    void consume()
    {
        const Parsed p = parse(words(kAmqp + "consume events --offset 3 -n 7 --timeout 0.5 --json"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, Action::Consume);
        QCOMPARE(p.request->queue, QStringLiteral("events"));
        QCOMPARE(p.request->offset.kind, edis::amqp::StreamOffset::Kind::Offset);
        QCOMPARE(p.request->offset.value, int64_t(3));
        QCOMPARE(p.request->count, std::size_t(7));
        QCOMPARE(p.request->idleTimeout, std::chrono::milliseconds(500));
        QVERIFY(p.request->json);
        const Parsed defaults = parse(words(kAmqp + "consume events"));
        QVERIFY2(defaults.request, qPrintable(defaults.error));
        QCOMPARE(defaults.request->offset.kind, edis::amqp::StreamOffset::Kind::First);
        QCOMPARE(defaults.request->count, std::size_t(0)); // until the idle timeout
        QCOMPARE(defaults.request->idleTimeout, std::chrono::milliseconds(5000));
    }

    void streamOffsets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("value");
        using K = edis::amqp::StreamOffset::Kind;
        QTest::newRow("first") << "first" << true << int(K::First) << qint64(0);
        QTest::newRow("last") << "last" << true << int(K::Last) << qint64(0);
        QTest::newRow("next") << "next" << true << int(K::Next) << qint64(0);
        QTest::newRow("offset") << "42" << true << int(K::Offset) << qint64(42);
        QTest::newRow("zero") << "0" << true << int(K::Offset) << qint64(0);
        QTest::newRow("timestamp") << "@1700000000" << true << int(K::Timestamp) << qint64(1700000000);
        QTest::newRow("negative") << "-1" << false << 0 << qint64(0);
        QTest::newRow("word") << "newest" << false << 0 << qint64(0);
        QTest::newRow("empty") << "" << false << 0 << qint64(0);
        QTest::newRow("bare at") << "@" << false << 0 << qint64(0);
        QTest::newRow("date") << "@2024-01-01" << false << 0 << qint64(0);
    }

    void streamOffsets()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, kind);
        QFETCH(qint64, value);
        const auto offset = edis::cli::streamOffsetFromString(text);
        QCOMPARE(offset.has_value(), valid);
        if (valid) {
            QCOMPARE(int(offset->kind), kind);
            QCOMPARE(offset->value, value);
        }
    }

    void publish()
    {
        const Parsed p = parse(words(kAmqp
            + "publish amq.topic orders.created -H src=cli -H eq=a=b --content-type text/plain "
              "--persistent --body hello"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, Action::Publish);
        const edis::amqp::OutgoingMessage &m = p.request->message;
        QCOMPARE(m.exchange, QStringLiteral("amq.topic"));
        QCOMPARE(m.routingKey, QStringLiteral("orders.created"));
        QVERIFY(p.request->bodyGiven);
        QCOMPARE(m.body, QByteArray("hello"));
        QCOMPARE(m.properties.contentType, std::optional<QString>(QStringLiteral("text/plain")));
        QCOMPARE(m.properties.deliveryMode, std::optional<uint8_t>(2));
        QVERIFY(m.mandatory); // unroutable messages are reported, not dropped silently
        const edis::amqp::FieldTable headers {{QStringLiteral("src"), edis::amqp::FieldValue::string("cli")},
            {QStringLiteral("eq"), edis::amqp::FieldValue::string("a=b")}};
        QVERIFY(m.headers == headers);
        // The default exchange is the empty argument; no --body: lines of standard input.
        const Parsed stdinLines
            = parse(QStringList {"--amqp-url", "amqp://localhost", "publish", "", "my-queue"});
        QVERIFY2(stdinLines.request, qPrintable(stdinLines.error));
        QVERIFY(stdinLines.request->message.exchange.isEmpty());
        QVERIFY(!stdinLines.request->bodyGiven);
        QVERIFY(!stdinLines.request->message.properties.deliveryMode);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("no action") << kManagement << "which action";
        QTest::newRow("unknown action") << kManagement + "purge"
                                        << "unknown action 'purge'";
        QTest::newRow("extra argument") << kManagement + "queues more"
                                        << "unexpected argument 'more'";
        QTest::newRow("no management url") << "queues"
                                           << "--management-url is required";
        QTest::newRow("password needed") << kManagement + "queues --user admin"
                                         << "needs a password";
        QTest::newRow("bad url") << "--management-url ftp://x queues"
                                 << "";
        QTest::newRow("credentials in url") << "--management-url http://a:b@x queues"
                                            << "";
        QTest::newRow("bad timeout") << kManagement + "queues --timeout soon"
                                     << "--timeout expects";
        QTest::newRow("zero timeout") << kManagement + "queues --timeout 0"
                                      << "--timeout expects";
        QTest::newRow("nan timeout") << kManagement + "queues --timeout nan"
                                     << "--timeout expects";
        QTest::newRow("no amqp url") << "peek q"
                                     << "--amqp-url is required";
        QTest::newRow("amqp password needed") << "--amqp-url amqp://app@rabbit/ peek q"
                                              << "needs a password";
        QTest::newRow("bad amqp url") << "--amqp-url http://x peek q"
                                      << "--amqp-url";
        QTest::newRow("peek without queue") << kAmqp + "peek"
                                            << "usage: edis rabbit peek QUEUE";
        QTest::newRow("publish without key") << kAmqp + "publish ex"
                                             << "EXCHANGE ROUTING_KEY";
        QTest::newRow("n zero") << kAmqp + "peek q -n 0"
                                << "-n expects";
        QTest::newRow("n word") << kAmqp + "consume s -n many"
                                << "-n expects";
        QTest::newRow("n past the peek bound") << kAmqp + "peek q -n 10001"
                                               << "1 to 10000";
        QTest::newRow("bad offset") << kAmqp + "consume s --offset newest"
                                    << "--offset expects";
        QTest::newRow("bad consume timeout") << kAmqp + "consume s --timeout -1"
                                             << "--timeout expects";
        QTest::newRow("bad header") << kAmqp + "publish ex rk -H novalue"
                                    << "-H expects name=value";
        QTest::newRow("empty header name") << kAmqp + "publish ex rk -H =v"
                                           << "-H expects name=value";
    }

    void refusals()
    {
        QFETCH(QString, line);
        QFETCH(QString, says);
        const Parsed p = parse(words(line));
        QVERIFY(!p.request);
        QVERIFY(!p.error.isEmpty());
        QVERIFY2(p.error.contains(says), qPrintable(p.error));
    }

    void managementExitCodes_data()
    {
        using K = edis::rabbit::ManagementError::Kind;
        QTest::addColumn<K>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("refused") << K::ConnectionRefused << int(edis::cli::ExitConnection);
        QTest::newRow("host") << K::HostNotFound << int(edis::cli::ExitConnection);
        QTest::newRow("timeout") << K::Timeout << int(edis::cli::ExitConnection);
        QTest::newRow("tls") << K::Tls << int(edis::cli::ExitConnection);
        QTest::newRow("credentials") << K::BadCredentials << int(edis::cli::ExitConnection);
        QTest::newRow("not management user") << K::NotManagementUser << int(edis::cli::ExitConnection);
        QTest::newRow("vhost not permitted") << K::VhostNotPermitted << int(edis::cli::ExitConnection);
        QTest::newRow("not the api") << K::NotManagementApi << int(edis::cli::ExitConnection);
        QTest::newRow("vhost missing") << K::VhostNotFound << int(edis::cli::ExitNotFound);
        QTest::newRow("not found") << K::NotFound << int(edis::cli::ExitNotFound);
        QTest::newRow("settings") << K::InvalidSettings << int(edis::cli::ExitUsage);
        QTest::newRow("server") << K::ServerError << int(edis::cli::ExitFailure);
    }

    void managementExitCodes()
    {
        QFETCH(edis::rabbit::ManagementError::Kind, kind);
        QFETCH(int, code);
        QCOMPARE(edis::cli::exitCodeFor(edis::rabbit::ManagementError::make(kind, "x")), code);
    }

    void amqpExitCodes_data()
    {
        using K = edis::amqp::Error::Kind;
        QTest::addColumn<K>("kind");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<int>("code");
        QTest::newRow("refused") << K::Refused << "" << int(edis::cli::ExitConnection);
        QTest::newRow("credentials") << K::BadCredentials << "" << int(edis::cli::ExitConnection);
        QTest::newRow("timeout") << K::Timeout << "" << int(edis::cli::ExitConnection);
        QTest::newRow("vhost missing")
            << K::VhostNotAllowed << "NOT_ALLOWED - vhost nope not found" << int(edis::cli::ExitNotFound);
        QTest::newRow("vhost refused")
            << K::VhostNotAllowed << "NOT_ALLOWED - access to vhost '/' refused for user 'u'"
            << int(edis::cli::ExitConnection);
        QTest::newRow("queue missing") << K::NotFound << "" << int(edis::cli::ExitNotFound);
        QTest::newRow("precondition") << K::PreconditionFailed << "" << int(edis::cli::ExitFailure);
        QTest::newRow("settings") << K::InvalidSettings << "" << int(edis::cli::ExitUsage);
    }

    void amqpExitCodes()
    {
        QFETCH(edis::amqp::Error::Kind, kind);
        QFETCH(QString, detail);
        QFETCH(int, code);
        QCOMPARE(edis::cli::exitCodeFor(edis::amqp::Error::make(kind, "x", detail)), code);
    }

    void alignedColumns()
    {
        const QString table
            = edis::cli::alignedColumns({{"NAME", "TYPE"}, {"a-long-name", "quorum"}, {"b", "x"}});
        QCOMPARE(table, QStringLiteral("NAME         TYPE\na-long-name  quorum\nb            x"));
    }
};

QTEST_GUILESS_MAIN(TestRabbitOptions)
#include "tst_rabbitoptions.moc"
