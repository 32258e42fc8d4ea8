// The produce dialog's and `edis produce`'s record templates ({{i}}, {{uuid}}, {{now}}) and the
// rate pacing of a send, as a computed schedule on a clock the test drives.

#include "ratepacer.h"
#include "recordsender.h"
#include "recordtemplate.h"
#include "testrecords.h"

#include <QRegularExpression>
#include <QtTest>

#include <set>

using namespace edis;
using namespace edis::inspect;

class TestRecordTemplate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void expandsFields_data();
    void expandsFields();
    void uuidIsFreshPerField();
    void recordKeepsNullsAndHeaders();
    void templatedSourceCounts();
    void pacerSchedule_data();
    void pacerSchedule();
    void pacerForgetsABacklogBeyondOneSecond();
    void pacerSaysHowLongToWait();
};

namespace {

/// "u1", "u2", …: predictable UUIDs, so that a test sees which field got which.
std::function<QByteArray()> countingUuids()
{
    return [n = 0]() mutable { return QByteArray("u") + QByteArray::number(++n); };
}

} // namespace

void TestRecordTemplate::expandsFields_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<quint64>("sequence");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("no fields") << QByteArray("plain {json}") << quint64(7) << QByteArray("plain {json}");
    QTest::newRow("sequence") << QByteArray("order-{{i}}") << quint64(41) << QByteArray("order-41");
    QTest::newRow("sequence twice") << QByteArray("{{i}}/{{i}}") << quint64(3) << QByteArray("3/3");
    QTest::newRow("now") << QByteArray("at {{now}}") << quint64(0) << QByteArray("at 1700000000123");
    QTest::newRow("uuids differ") << QByteArray("{{uuid}} {{uuid}}") << quint64(0) << QByteArray("u1 u2");
    QTest::newRow("json value") << QByteArray(R"({"orderId": {{i}}, "id": "{{uuid}}", "ts": {{now}}})")
                                << quint64(5)
                                << QByteArray(R"({"orderId": 5, "id": "u1", "ts": 1700000000123})");
    QTest::newRow("brace before a field") << QByteArray("{{{i}}}") << quint64(9) << QByteArray("{9}");
    QTest::newRow("unknown field stays")
        << QByteArray("{{name}} {{i}}") << quint64(1) << QByteArray("{{name}} 1");
    QTest::newRow("unclosed") << QByteArray("{{i") << quint64(1) << QByteArray("{{i");
    QTest::newRow("largest sequence")
        << QByteArray("{{i}}") << quint64(18446744073709551615ULL) << QByteArray("18446744073709551615");
    QTest::newRow("empty") << QByteArray() << quint64(0) << QByteArray();
}

void TestRecordTemplate::expandsFields()
{
    QFETCH(QByteArray, text);
    QFETCH(quint64, sequence);
    QFETCH(QByteArray, expected);
    QCOMPARE(expandTemplate(text, {sequence, 1700000000123, countingUuids()}), expected);
}

void TestRecordTemplate::uuidIsFreshPerField()
{
    // With the real generator: each {{uuid}} a distinct RFC 4122 UUID without braces.
    const QByteArray out = expandTemplate("{{uuid}},{{uuid}},{{uuid}}", {0, 0, {}});
    const QList<QByteArray> parts = out.split(',');
    QCOMPARE(parts.size(), 3);
    const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    for (const QByteArray &p : parts) {
        QVERIFY2(uuid.match(QString::fromLatin1(p)).hasMatch(), p.constData());
    }
    QCOMPARE(std::set<QByteArray>(parts.begin(), parts.end()).size(), std::size_t(3));
}

void TestRecordTemplate::recordKeepsNullsAndHeaders()
{
    kafka::OutgoingMessage templ;
    templ.topic = "t";
    templ.value = "v{{i}}";
    templ.headers = {{"h", "{{i}}"}};
    templ.partition = 2;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    kafka::OutgoingMessage r = expandRecord(templ, 12);
    QCOMPARE(r.value, std::optional<QByteArray>("v12"));
    QVERIFY(!r.key); // a null key stays null, not ""
    QCOMPARE(r.headers.at(0).second, QByteArray("{{i}}")); // headers are sent as written
    QCOMPARE(r.partition, 2);
    templ.key = "k-{{now}}";
    templ.value.reset(); // a tombstone stays a tombstone
    r = expandRecord(templ, 0);
    QVERIFY(!r.value);
    const qint64 stamped = r.key->mid(2).toLongLong();
    QVERIFY(stamped >= before && stamped <= QDateTime::currentMSecsSinceEpoch());
}

void TestRecordTemplate::templatedSourceCounts()
{
    kafka::OutgoingMessage templ;
    templ.topic = "t";
    templ.value = "{{i}}";
    const OutgoingRecords three = templatedRecords(templ, 3);
    kafka::OutgoingMessage r;
    QVERIFY(three(0, &r));
    QCOMPARE(r.value, std::optional<QByteArray>("0"));
    QVERIFY(three(2, &r));
    QCOMPARE(r.value, std::optional<QByteArray>("2"));
    QVERIFY(!three(3, &r));
    const OutgoingRecords endless = templatedRecords(templ, 0);
    QVERIFY(endless(1'000'000, &r));
    QCOMPARE(r.value, std::optional<QByteArray>("1000000"));
}

void TestRecordTemplate::pacerSchedule_data()
{
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<qint64>("tickMs");
    QTest::addColumn<qint64>("untilMs");
    QTest::addColumn<QList<qint64>>("expectedDueAt"); // when each record becomes due
    QTest::newRow("10/s, 1 ms ticks") << 10.0 << qint64(1) << qint64(1000)
                                      << QList<qint64> {0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
    QTest::newRow("10/s, 30 ms ticks")
        << 10.0 << qint64(30) << qint64(600) << QList<qint64> {0, 120, 210, 300, 420, 510, 600};
    QTest::newRow("3/s: thirds round up to the ms")
        << 3.0 << qint64(1) << qint64(2000) << QList<qint64> {0, 334, 667, 1000, 1334, 1667, 2000};
    QTest::newRow("0.5/s") << 0.5 << qint64(10) << qint64(7000) << QList<qint64> {0, 2000, 4000, 6000};
}

void TestRecordTemplate::pacerSchedule()
{
    QFETCH(double, perSecond);
    QFETCH(qint64, tickMs);
    QFETCH(qint64, untilMs);
    QFETCH(QList<qint64>, expectedDueAt);
    RatePacer pacer(perSecond, 0);
    QList<qint64> dueAt;
    for (qint64 now = 0; now <= untilMs; now += tickMs) {
        for (quint64 n = pacer.take(now); n > 0; --n) {
            dueAt.append(now);
        }
    }
    QCOMPARE(dueAt, expectedDueAt);
}

void TestRecordTemplate::pacerForgetsABacklogBeyondOneSecond()
{
    // 100/s, and the sender stalls for 5 s after the first record (a full queue, a slow broker).
    RatePacer pacer(100, 0);
    QCOMPARE(pacer.take(0), quint64(1));
    QCOMPARE(pacer.take(5000), quint64(100)); // a second's worth, not 500
    QCOMPARE(pacer.take(5005), quint64(0)); // then the rate again, from there
    QCOMPARE(pacer.take(5010), quint64(1));
    QCOMPARE(pacer.take(6000), quint64(99));
    // Below 1/s the burst is still one record.
    RatePacer slow(0.2, 0);
    QCOMPARE(slow.take(0), quint64(1));
    QCOMPARE(slow.take(60'000), quint64(1));
    QCOMPARE(slow.msUntilNext(60'000), qint64(5000));
}

void TestRecordTemplate::pacerSaysHowLongToWait()
{
    RatePacer pacer(4, 1000); // a record every 250 ms from t = 1000
    QCOMPARE(pacer.msUntilNext(1000), qint64(0));
    QCOMPARE(pacer.take(1000), quint64(1));
    QCOMPARE(pacer.msUntilNext(1000), qint64(250));
    QCOMPARE(pacer.msUntilNext(1249), qint64(1));
    QCOMPARE(pacer.msUntilNext(1250), qint64(0));
    QCOMPARE(pacer.take(1100), quint64(0)); // asking early takes nothing
    QCOMPARE(pacer.take(1250), quint64(1));
}

EDIS_REGISTER_TEST(TestRecordTemplate);
#include "tst_recordtemplate.moc"
