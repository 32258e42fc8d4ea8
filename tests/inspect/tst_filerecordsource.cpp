// A file of records as the inspector's record source: what the inspector exported reads back
// through the same ConsumerSession a Kafka topic does — offsets, keys, values and headers as they
// were, the request's filter, partition selection and record limit applied — and a corrupt or
// missing file ends the read with an error that names the file and the line.

#include "consumersession.h"
#include "filerecordsource.h"
#include "filterexpression.h"
#include "recordfiles.h"
#include "testrecords.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace edis;
using namespace edis::inspect;
using edis::test::TestRecord;

namespace {

std::vector<TestRecord> sampleRecords()
{
    return {
        {"orders", 0, 10, 1700000000001, std::string("k1"), std::string(R"({"status":"PAID"})"),
            {{"src", std::string("test")}}},
        {"orders", 1, 11, 1700000000002, std::nullopt, std::string(R"({"status":"NEW"})"), {}},
        {"orders", 2, 12, 1700000000003, std::string("tombstone"), std::nullopt, {}},
        {"orders", 0, 13, 1700000000004, std::string("k4"), std::string(R"({"status":"PAID"})"), {}},
    };
}

struct Read {
    QList<QString> rows; ///< "partition/offset key=value headers"
    std::optional<FinishReason> reason;
    QString error;
};

QString describe(const MessageView &r)
{
    QString headers;
    r.forEachHeader([&](const HeaderRef &h) {
        headers += QString::fromStdString(std::string(h.name)) + QLatin1Char('=')
            + QString::fromStdString(std::string(h.value.value_or("<null>"))) + QLatin1Char(';');
        return true;
    });
    return QStringLiteral("%1/%2 %3=%4 %5")
        .arg(r.partition())
        .arg(r.offset())
        .arg(r.hasKey() ? QString::fromStdString(std::string(r.key())) : QStringLiteral("<null>"),
            r.hasValue() ? QString::fromStdString(std::string(r.value())) : QStringLiteral("<null>"),
            headers);
}

/// Reads `path` through a ConsumerSession as the inspector would, to the end.
Read readFile(const QString &path, ConsumeRequest request = {})
{
    if (request.topics.empty()) {
        request.topics.push_back({QStringLiteral("orders"), StartPosition::beginning(), {}});
    }
    Read read;
    ConsumerSession session;
    QObject::connect(&session, &ConsumerSession::batchesReady, [&](std::vector<MessageBatch> &batches) {
        for (const MessageBatch &b : batches) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                read.rows << describe(b.at(i));
            }
        }
    });
    QObject::connect(
        &session, &ConsumerSession::finished, [&](FinishReason reason, const kafka::KafkaError &e) {
            read.reason = reason;
            read.error = e.message;
        });
    session.start(request, [path] { return std::make_unique<FileRecordSource>(path); });
    if (!QTest::qWaitFor([&] { return read.reason.has_value(); }, 10000)) {
        read.error = QStringLiteral("the read did not finish within 10 s");
    }
    return read;
}

QString exported(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("orders.jsonl"));
    const ExportResult r
        = exportToFile(edis::test::batchOf(sampleRecords()), ExportFormat::KcatJsonLines, path);
    return r.ok() ? path : QString();
}

} // namespace

class TestFileRecordSource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exportedRecordsReadBackAsTheyWere()
    {
        QTemporaryDir dir;
        const QString path = exported(dir);
        QVERIFY(!path.isEmpty());
        const Read read = readFile(path);
        QCOMPARE(read.reason, std::optional(FinishReason::Completed));
        QCOMPARE(read.rows,
            (QList<QString> {QStringLiteral(R"(0/10 k1={"status":"PAID"} src=test;)"),
                QStringLiteral(R"(1/11 <null>={"status":"NEW"} )"), QStringLiteral("2/12 tombstone=<null> "),
                QStringLiteral(R"(0/13 k4={"status":"PAID"} )")}));
    }

    void theRequestsFilterPartitionsAndLimitApply()
    {
        QTemporaryDir dir;
        const QString path = exported(dir);
        ConsumeRequest byFilter;
        byFilter.topics.push_back({QStringLiteral("orders"), StartPosition::beginning(), {}});
        FilterError error;
        byFilter.filter = FilterExpression::parse(QStringLiteral(R"(value.status == "PAID")"), &error);
        QVERIFY(byFilter.filter);
        QCOMPARE(readFile(path, byFilter).rows.size(), 2);

        ConsumeRequest byPartition;
        byPartition.topics.push_back({QStringLiteral("orders"), StartPosition::beginning(), {1, 2}});
        const Read partitions = readFile(path, byPartition);
        QCOMPARE(partitions.rows.size(), 2);
        QVERIFY(partitions.rows.at(0).startsWith(QLatin1String("1/11")));
        QVERIFY(partitions.rows.at(1).startsWith(QLatin1String("2/12")));

        ConsumeRequest limited;
        limited.topics.push_back({QStringLiteral("orders"), StartPosition::beginning(), {}});
        limited.maxMessages = 3;
        const Read three = readFile(path, limited);
        QCOMPARE(three.rows.size(), 3);
        QCOMPARE(three.reason, std::optional(FinishReason::Completed));
    }

    void aCorruptLineEndsTheReadNamingIt()
    {
        QTemporaryDir dir;
        const QString path = exported(dir);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        file.close();
        lines[1] = R"({"topic": "orders", "partition": )"; // cut off mid-record
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(lines.join('\n'));
        file.close();
        const Read read = readFile(path);
        QCOMPARE(read.reason, std::optional(FinishReason::Failed));
        QVERIFY2(read.error.contains(QLatin1String("line 2")), qPrintable(read.error));
        QVERIFY2(read.error.contains(path), qPrintable(read.error));
        QCOMPARE(read.rows.size(), 1); // what came before the bad line is kept
    }

    void aMissingFileSaysSo()
    {
        const Read read = readFile(QStringLiteral("/nonexistent/records.jsonl"));
        QCOMPARE(read.reason, std::optional(FinishReason::Failed));
        QVERIFY2(read.error.contains(QLatin1String("/nonexistent/records.jsonl")), qPrintable(read.error));
        QVERIFY(read.rows.isEmpty());
    }
};

EDIS_REGISTER_TEST(TestFileRecordSource);
#include "tst_filerecordsource.moc"
