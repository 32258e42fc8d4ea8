// Export formats: kcat -J lines and CSV, and reading kcat lines back byte for byte.

#include "messageexport.h"
#include "testrecords.h"

#include <nlohmann/json.hpp>

#include <QBuffer>
#include <QtTest>

using namespace edis::inspect;
using edis::test::TestRecord;

class TestExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kcatEnvelopeMatchesKcat();
    void roundTrip_data();
    void roundTrip();
    void csvQuotesAndEncodes();
    void exportWritesEveryRecord();
    void rejectsBadLines_data();
    void rejectsBadLines();
};

void TestExport::kcatEnvelopeMatchesKcat()
{
    // What kcat 1.7.1 -J printed for the same record against a real broker (field order too).
    const MessageBatch b = edis::test::single({"kcatcheck", 0, 0, 1795956301388, std::string("k1"),
        std::string("hello"), {{"h1", std::string("v1")}, {"h2", std::string()}}});
    QCOMPARE(QString::fromStdString(toKcatJson(b.at(0))),
        QStringLiteral(
            R"({"topic":"kcatcheck","partition":0,"offset":0,"tstype":"create","ts":1795956301388,)"
            R"("broker":1,"headers":["h1","v1","h2",""],"key":"k1","payload":"hello"})"));
    const MessageBatch n
        = edis::test::single({"kcatcheck", 0, 2, 1795956301450, std::nullopt, std::string("nokey"), {}});
    QCOMPARE(QString::fromStdString(toKcatJson(n.at(0))),
        QStringLiteral(
            R"({"topic":"kcatcheck","partition":0,"offset":2,"tstype":"create","ts":1795956301450,)"
            R"("broker":1,"key":null,"payload":"nokey"})"));
}

void TestExport::roundTrip_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("nullKey");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("nullValue");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::newRow("text") << QByteArray("k") << false << QByteArray("{\"a\":\"é\\n\"}") << false
                          << QByteArray("v");
    QTest::newRow("binary") << QByteArray("\xff\x00k", 3) << false << QByteArray("\x00\x01\xfe", 3) << false
                            << QByteArray("\x80\x81", 2);
    QTest::newRow("null key, tombstone") << QByteArray() << true << QByteArray() << true << QByteArray("");
    QTest::newRow("empty") << QByteArray() << false << QByteArray() << false << QByteArray();
    QTest::newRow("control characters") << QByteArray("\t\r\n") << false << QByteArray("line1\nline2\x01", 12)
                                        << false << QByteArray("\"quoted\"");
}

void TestExport::roundTrip()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, nullKey);
    QFETCH(QByteArray, value);
    QFETCH(bool, nullValue);
    QFETCH(QByteArray, headerValue);
    TestRecord r {
        "topic-x", 3, 99, 1700000000001, std::nullopt, std::nullopt, {{"h", headerValue.toStdString()}}};
    if (!nullKey) {
        r.key = key.toStdString();
    }
    if (!nullValue) {
        r.value = value.toStdString();
    }
    const MessageBatch b = edis::test::single(r);
    const std::string line = toKcatJson(b.at(0));
    QVERIFY(nlohmann::json::accept(line)); // always valid JSON, whatever the bytes
    QString error;
    const auto back = parseKcatJson(line, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->message.topic, std::string("topic-x"));
    QCOMPARE(back->partition, 3);
    QCOMPARE(back->timestampMs, int64_t(1700000000001));
    QCOMPARE(back->message.key.has_value(), !nullKey);
    QCOMPARE(back->message.value.has_value(), !nullValue);
    if (!nullKey) {
        QCOMPARE(*back->message.key, key);
    }
    if (!nullValue) {
        QCOMPARE(*back->message.value, value);
    }
    QCOMPARE(back->message.headers.size(), std::size_t(1));
    QCOMPARE(back->message.headers[0].second, headerValue);
}

void TestExport::csvQuotesAndEncodes()
{
    const MessageBatch b = edis::test::batchOf({
        {"t", 0, 1, 5, std::string("a,b"), std::string("say \"hi\"\nbye"), {}},
        {"t", 0, 2, 6, std::nullopt, std::string("\xff", 1), {{"h", std::string("v")}}},
    });
    QCOMPARE(QString::fromStdString(toCsvRow(b.at(0))),
        QStringLiteral("t,0,1,5,text,\"a,b\",text,\"say \"\"hi\"\"\nbye\",[]"));
    QCOMPARE(QString::fromStdString(toCsvRow(b.at(1))),
        QStringLiteral("t,0,2,6,null,base64,/w==,\"[\"\"h\"\",\"\"v\"\"]\""));
}

void TestExport::exportWritesEveryRecord()
{
    MessageStore store;
    std::vector<TestRecord> records;
    for (int i = 0; i < 2500; ++i) {
        records.push_back(
            {"t", i % 3, i, 1000 + i, std::to_string(i), std::string(300, char('a' + i % 26)), {}});
    }
    store.append(edis::test::batchOf(records));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const ExportResult all = exportRecords(store, {}, ExportFormat::KcatJsonLines, &buffer);
    QVERIFY(all.ok());
    QCOMPARE(all.written, uint64_t(2500));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), 2501); // trailing newline
    QString error;
    QCOMPARE(
        parseKcatJson(lines[1234].toStdString(), &error)->message.key, std::optional<QByteArray>("1234"));

    QBuffer some;
    some.open(QIODevice::WriteOnly);
    const ExportResult chosen = exportRecords(store, {3, 10, 2499}, ExportFormat::Csv, &some);
    QCOMPARE(chosen.written, uint64_t(3));
    const QList<QByteArray> rows = some.data().split('\n');
    QVERIFY(rows[0].startsWith("topic,partition,offset,timestamp"));
    QVERIFY(rows[3].startsWith("t,0,2499,3499,text,2499,"));
}

void TestExport::rejectsBadLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << "hello"
                              << "not a JSON object";
    QTest::newRow("no topic") << R"({"key":"k","payload":"v"})"
                              << "\"topic\" is missing";
    QTest::newRow("odd headers") << R"({"topic":"t","headers":["a"],"payload":"v"})"
                                 << "name, value pairs";
    QTest::newRow("bad base64") << R"({"topic":"t","payload_b64":"***"})"
                                << "not valid base64";
    QTest::newRow("number payload") << R"({"topic":"t","payload":5})"
                                    << "must be a string or null";
}

void TestExport::rejectsBadLines()
{
    QFETCH(QString, line);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!parseKcatJson(line.toStdString(), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

EDIS_REGISTER_TEST(TestExport);
#include "tst_export.moc"
