// Held records to a file and a file to a topic, as the inspector's Export and Import run them
// (off the GUI thread there, directly here): the file reads back byte for byte, a failed write
// says why, and a corrupt file is refused at the line that is wrong before anything is sent.

#include "recordfiles.h"
#include "testrecords.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace edis;
using namespace edis::inspect;
using edis::test::TestRecord;

class TestRecordFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonLinesRoundTrip();
    void csvHasAHeaderAndARowPerRecord();
    void exportReplacesAFileWhole();
    void exportToAMissingDirectoryFails();
    void corruptFileIsRefused_data();
    void corruptFileIsRefused();
    void missingFileIsRefused();
};

namespace {

// Nothing listens on port 1: an import that got as far as sending would fail, not hang.
kafka::ConnectionSettings unreachable()
{
    kafka::ConnectionSettings s;
    s.bootstrapServers = QStringLiteral("127.0.0.1:1");
    return s;
}

std::vector<TestRecord> sampleRecords()
{
    return {
        {"orders", 0, 10, 1700000000001, std::string("k1"), std::string(R"({"status":"PAID"})"),
            {{"src", std::string("test")}, {"empty", std::nullopt}}},
        {"orders", 1, 11, 1700000000002, std::nullopt, std::string("no key"), {}},
        {"orders", 2, 12, 1700000000003, std::string("tombstone"), std::nullopt, {}},
        {"orders", 0, 13, 1700000000004, std::string("\xff\x00", 2), std::string("\x01\x02\xfe", 3), {}},
    };
}

QList<QByteArray> linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

} // namespace

void TestRecordFiles::jsonLinesRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("records.jsonl"));
    const std::vector<TestRecord> records = sampleRecords();
    const ExportResult result = exportToFile(test::batchOf(records), ExportFormat::KcatJsonLines, path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.written, uint64_t(records.size()));
    const QList<QByteArray> lines = linesOf(path);
    QCOMPARE(lines.size(), qsizetype(records.size()));
    for (std::size_t i = 0; i < records.size(); ++i) {
        QString error;
        const auto back = parseKcatJson(lines[qsizetype(i)].toStdString(), &error);
        QVERIFY2(back, qPrintable(error));
        const TestRecord &r = records[i];
        QCOMPARE(back->message.topic, r.topic);
        QCOMPARE(back->partition, r.partition);
        QCOMPARE(back->timestampMs, r.timestamp);
        QCOMPARE(back->message.key.has_value(), r.key.has_value());
        QCOMPARE(back->message.value.has_value(), r.value.has_value());
        if (r.key) {
            QCOMPARE(back->message.key->toStdString(), *r.key);
        }
        if (r.value) {
            QCOMPARE(back->message.value->toStdString(), *r.value);
        }
        QCOMPARE(back->message.headers.size(), r.headers.size());
    }
}

void TestRecordFiles::csvHasAHeaderAndARowPerRecord()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("records.csv"));
    const ExportResult result = exportToFile(test::batchOf(sampleRecords()), ExportFormat::Csv, path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QList<QByteArray> lines = linesOf(path);
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines[0].startsWith("topic,partition,offset,timestamp"));
    QVERIFY2(lines[2].startsWith("orders,1,11,1700000000002,null,"), lines[2].constData());
}

void TestRecordFiles::exportReplacesAFileWhole()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("records.jsonl"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100'000, 'x')); // longer than the export: no tail may survive
    }
    QVERIFY(exportToFile(test::batchOf(sampleRecords()), ExportFormat::KcatJsonLines, path).ok());
    const QList<QByteArray> lines = linesOf(path);
    QCOMPARE(lines.size(), 4);
    for (const QByteArray &line : lines) {
        QString error;
        QVERIFY2(parseKcatJson(line.toStdString(), &error), qPrintable(error));
    }
}

void TestRecordFiles::exportToAMissingDirectoryFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/dir/records.jsonl"));
    const ExportResult result
        = exportToFile(test::batchOf(sampleRecords()), ExportFormat::KcatJsonLines, path);
    QVERIFY(!result.ok());
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.written, uint64_t(0));
    QVERIFY(!QFile::exists(path));
}

void TestRecordFiles::corruptFileIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not JSON") << QByteArray("this is not an export\n") << QStringLiteral("Line 1: ");
    QTest::newRow("cut off mid-record")
        << QByteArray(R"({"topic":"orders","partition":0,"key":"k","payl)") << QStringLiteral("Line 1: ");
    QTest::newRow("binary garbage") << QByteArray("\x00\xff\xfe{{\x01", 6) << QStringLiteral("Line 1: ");
    QTest::newRow("no topic, after a blank line") << QByteArray("\n"
                                                                R"({"key":"k","payload":"v"})"
                                                                "\n")
                                                  << QStringLiteral("Line 2: \"topic\" is missing");
}

void TestRecordFiles::corruptFileIsRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.jsonl"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    ImportOptions options;
    options.keepPartitions = false;
    const ImportResult result = importFromFile(path, unreachable(), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, kafka::KafkaError::Kind::InvalidRequest);
    QVERIFY2(result.error.message.startsWith(expected), qPrintable(result.error.message));
    QCOMPARE(result.read, uint64_t(0));
    QCOMPARE(result.produced, uint64_t(0));
}

void TestRecordFiles::missingFileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.jsonl"));
    const ImportResult result = importFromFile(path, unreachable(), {});
    QVERIFY(!result.ok());
    QVERIFY2(result.error.message.contains(path), qPrintable(result.error.message));
    QCOMPARE(result.read, uint64_t(0));
}

EDIS_REGISTER_TEST(TestRecordFiles);
#include "tst_recordfiles.moc"
