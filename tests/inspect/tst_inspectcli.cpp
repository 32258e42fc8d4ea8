// `edis produce` and `edis consume` as a user runs them, against the real broker; kcat is the
// reference for the kcat-json format.

#include "kafkafixture.h"
#include "testconsumer.h"
#include "testrecords.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestInspectCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void produceParsesKeysAndHeaders();
    void consumeFormats();
    void consumeStopsAndFilters();
    void kcatJsonMatchesKcat();
    void errorsHaveExitCodes();
    void produceToMissingTopicSaysSo_data();
    void produceToMissingTopicSaysSo();
    void produceToMissingPartitionSaysSo();

private:
    Run edis(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 60000);

    QString binary_;
    QString bootstrap_;
    QString topic_;
};

Run TestInspectCli::edis(const QStringList &args, const QByteArray &input, int timeoutMs)
{
    QProcess p;
    p.start(binary_, args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + binary_.toUtf8();
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
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

void TestInspectCli::initTestCase()
{
    bootstrap_ = edis::test::requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP");
    if (bootstrap_.isEmpty()) {
        QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: start a broker with tests/services/kafka.sh and load "
              "its kafka.env");
    }
    const QString dir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
    QVERIFY2(!dir.isEmpty(), "EDIS_TEST_BINARY_DIR is not set (ctest sets it)");
    binary_ = dir + QStringLiteral("/app/cli/edis");
    QVERIFY2(QFile::exists(binary_), qPrintable(binary_ + QStringLiteral(" does not exist")));
    topic_ = edis::test::uniqueTopic("inspect-cli");
    QVERIFY(edis::test::createTopic(edis::test::brokerSettings(), topic_, 1).isEmpty());
}

void TestInspectCli::produceParsesKeysAndHeaders()
{
    const Run r = edis(
        {QStringLiteral("produce"), QStringLiteral("--bootstrap-server"), bootstrap_,
            QStringLiteral("--topic"), topic_, QStringLiteral("--property"), QStringLiteral("parse.key=true"),
            QStringLiteral("--property"), QStringLiteral("key.separator=:"), QStringLiteral("--header"),
            QStringLiteral("src=cli-test"), QStringLiteral("--header"), QStringLiteral("n=1")},
        "k1:v1\nk2:v:with:colons\n:empty key\nk3:{\"status\":\"PAID\"}\n");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QString error;
    const auto got = edis::test::consumeFromBeginning(
        bootstrap_.toStdString(), {topic_.toStdString()}, 4, std::chrono::seconds(20), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(got.size(), std::size_t(4));
    QCOMPARE(got[0].key, std::optional<QByteArray>("k1"));
    QCOMPARE(got[0].value, std::optional<QByteArray>("v1"));
    QCOMPARE(got[1].value, std::optional<QByteArray>("v:with:colons"));
    QCOMPARE(got[2].key, std::optional<QByteArray>(""));
    QCOMPARE(got[3].value, std::optional<QByteArray>("{\"status\":\"PAID\"}"));
    const std::vector<std::pair<std::string, QByteArray>> headers {{"src", "cli-test"}, {"n", "1"}};
    QCOMPARE(got[0].headers, headers);

    // Without a separator on a line, parse.key refuses the line.
    const Run bad = edis({QStringLiteral("produce"), QStringLiteral("--bootstrap-server"), bootstrap_,
                             QStringLiteral("--topic"), topic_, QStringLiteral("--property"),
                             QStringLiteral("parse.key=true")},
        "no separator here\n");
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("no key separator"));
}

void TestInspectCli::consumeFormats()
{
    const QStringList base {QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic_, QStringLiteral("--from-beginning"), QStringLiteral("--until-end")};
    Run r = edis(base);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("v1\nv:with:colons\nempty key\n{\"status\":\"PAID\"}\n"));
    QVERIFY(r.err.contains("Processed a total of 4 messages"));

    r = edis(base
        + QStringList {QStringLiteral("--property"), QStringLiteral("print.key=true"),
            QStringLiteral("--property"), QStringLiteral("key.separator= | "), QStringLiteral("--property"),
            QStringLiteral("print.offset=true"), QStringLiteral("--max-messages"), QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("Offset:0 | k1 | v1\nOffset:1 | k2 | v:with:colons\n"));

    r = edis(base + QStringList {QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    const auto last = nlohmann::json::parse(lines[3].toStdString());
    QCOMPARE(last["value"]["status"].get<std::string>(), std::string("PAID")); // embedded as JSON
    QCOMPARE(last["decoder"].get<std::string>(), std::string("json"));
    QCOMPARE(last["headers"]["src"].get<std::string>(), std::string("cli-test"));
    QCOMPARE(last["offset"].get<int>(), 3);
}

void TestInspectCli::consumeStopsAndFilters()
{
    const QStringList base {QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic_};
    Run r = edis(base
        + QStringList {QStringLiteral("--from-beginning"), QStringLiteral("--until-end"),
            QStringLiteral("--filter"), QStringLiteral(R"(value.status == "PAID" || key == "k1")")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("v1\n{\"status\":\"PAID\"}\n"));

    r = edis(
        base + QStringList {QStringLiteral("--offset"), QStringLiteral("2"), QStringLiteral("--until-end")});
    QCOMPARE(r.out, QByteArray("empty key\n{\"status\":\"PAID\"}\n"));

    r = edis(base
        + QStringList {QStringLiteral("--last"), QStringLiteral("1"), QStringLiteral("--until-end"),
            QStringLiteral("--partition"), QStringLiteral("0")});
    QCOMPARE(r.out, QByteArray("{\"status\":\"PAID\"}\n"));

    // Tailing with nothing new: the idle timeout ends it.
    r = edis(base + QStringList {QStringLiteral("--timeout-ms"), QStringLiteral("1500")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(r.err.contains("Processed a total of 0 messages"));
}

void TestInspectCli::kcatJsonMatchesKcat()
{
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (kcat.isEmpty()) {
        // The anchor CI installs (packaging/install-deps.sh --with-test-tools): missing is a failure.
        QFAIL("kcat is not installed: packaging/install-deps.sh --with-test-tools installs it");
    }
    QProcess p;
    p.start(kcat,
        {QStringLiteral("-C"), QStringLiteral("-b"), bootstrap_, QStringLiteral("-t"), topic_,
            QStringLiteral("-e"), QStringLiteral("-J"), QStringLiteral("-q")});
    QVERIFY(p.waitForFinished(30000));
    const QByteArray reference = p.readAllStandardOutput();
    const Run r = edis({QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic_, QStringLiteral("--from-beginning"), QStringLiteral("--until-end"),
        QStringLiteral("--format"), QStringLiteral("kcat-json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.split('\n'), reference.split('\n'));
}

void TestInspectCli::errorsHaveExitCodes()
{
    Run r = edis({QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic_, QStringLiteral("--filter"), QStringLiteral("value.x ==")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("expected value after '==' at column 11"), r.err.constData());

    r = edis({QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), QStringLiteral("no-such-topic-for-inspect"),
        QStringLiteral("--from-beginning")});
    QCOMPARE(r.exitCode, 4);
    QCOMPARE(r.err, QByteArray("edis: Topic 'no-such-topic-for-inspect' does not exist.\n"));

    r = edis({QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic_, QStringLiteral("--from-beginning"), QStringLiteral("--offset"),
        QStringLiteral("1")});
    QCOMPARE(r.exitCode, 2);

    // An unreachable broker: one line that says what is wrong, not librdkafka's raw log lines
    // ("edis#consumer-1 FAIL: [thrd:...]") before it.
    r = edis({QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), QStringLiteral("127.0.0.1:1"),
        QStringLiteral("--topic"), topic_});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(
        r.err.startsWith("edis: Connection refused: nothing listens at that address."), r.err.constData());
    QVERIFY2(r.err.count('\n') == 1 && !r.err.contains("FAIL"), r.err.constData());
}

void TestInspectCli::produceToMissingTopicSaysSo_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("templates") << QStringList {QStringLiteral("--value"), QStringLiteral("v{{i}}"),
        QStringLiteral("--count"), QStringLiteral("5")}
                               << QByteArray();
    QTest::newRow("stdin") << QStringList() << QByteArray("a\nb\n");
}

void TestInspectCli::produceToMissingTopicSaysSo()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, input);
    // The test broker does not auto-create topics. Before the metadata check this waited for
    // message.timeout.ms (30 s) and printed librdkafka's "terminating with 5 messages" line; a
    // 10 s bound (the process is killed past it) tells the two apart.
    const Run r = edis(QStringList {QStringLiteral("produce"), QStringLiteral("--bootstrap-server"),
                           bootstrap_, QStringLiteral("--topic"), QStringLiteral("no-such-topic-for-inspect")}
            + options,
        input, 10000);
    QCOMPARE(r.exitCode, 4); // ExitNotFound, as for consume
    QCOMPARE(r.err, QByteArray("edis: Topic 'no-such-topic-for-inspect' does not exist.\n"));
    QVERIFY(r.out.isEmpty());
    // Nothing was created on the way.
    const Run list = edis({QStringLiteral("topics"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--list"), QStringLiteral("--topic"), QStringLiteral("no-such-topic-for-inspect")});
    QCOMPARE(list.exitCode, 4);
}

void TestInspectCli::produceToMissingPartitionSaysSo()
{
    const Run r = edis({QStringLiteral("produce"), QStringLiteral("--bootstrap-server"), bootstrap_,
        QStringLiteral("--topic"), topic_, QStringLiteral("--partition"), QStringLiteral("7"),
        QStringLiteral("--value"), QStringLiteral("x")});
    QCOMPARE(r.exitCode, 4);
    QCOMPARE(r.err,
        QByteArray("edis: Topic '" + topic_.toUtf8() + "' has 1 partition(s); there is no partition 7.\n"));
}

EDIS_REGISTER_TEST(TestInspectCli);
#include "tst_inspectcli.moc"
