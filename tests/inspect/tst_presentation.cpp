// Presentation helpers of the inspector that have no widgets: Debezium / Connect temporal values
// as readable dates (with and without a schema), the schema's field types in a decoded change,
// and the smoothed read rate.

#include "builtindecoders.h"
#include "decoderregistry.h"
#include "ratewindow.h"
#include "sandbox/sandboxscenario.h"
#include "temporalvalue.h"
#include "testrecords.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace edis::inspect;

class TestPresentation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void temporalWithSchema_data();
    void temporalWithSchema();
    void temporalWithoutSchema_data();
    void temporalWithoutSchema();
    void debeziumChangeCarriesFieldTypes();
    void rateWindowSmoothsBursts();
    void rateWindowEta();
};

namespace {

/// A JSON number exactly as a record would carry it (parsed, so big integers stay exact).
QJsonValue number(const char *literal)
{
    return QJsonDocument::fromJson(QByteArray("{\"v\":") + literal + "}").object().value(QStringLiteral("v"));
}

} // namespace

void TestPresentation::temporalWithSchema_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("logicalName");
    QTest::addColumn<QString>("expected"); // empty: left as it is

    // 2025-11-28T00:00:00 = 1764288000 s; each unit from Debezium's documentation.
    QTest::newRow("MicroTimestamp") << number("1764288000123456") << "io.debezium.time.MicroTimestamp"
                                    << "2025-11-28 00:00:00.123456";
    QTest::newRow("Timestamp (ms)") << number("1764288000123") << "io.debezium.time.Timestamp"
                                    << "2025-11-28 00:00:00.123";
    QTest::newRow("NanoTimestamp, beyond 2^53")
        << number("1764288000123456789") << "io.debezium.time.NanoTimestamp"
        << "2025-11-28 00:00:00.123456789";
    QTest::newRow("Connect Timestamp") << number("1764288000000") << "org.apache.kafka.connect.data.Timestamp"
                                       << "2025-11-28 00:00:00.000 UTC";
    QTest::newRow("before the epoch") << number("-1500000") << "io.debezium.time.MicroTimestamp"
                                      << "1969-12-31 23:59:58.500000";
    QTest::newRow("Date (days)") << number("20420") << "io.debezium.time.Date"
                                 << "2025-11-28";
    QTest::newRow("Connect Date") << number("0") << "org.apache.kafka.connect.data.Date"
                                  << "1970-01-01";
    QTest::newRow("MicroTime") << number("49023250000") << "io.debezium.time.MicroTime"
                               << "13:37:03.250000";
    QTest::newRow("ZonedTimestamp Z")
        << QJsonValue(QStringLiteral("2018-06-20T13:37:03Z")) << "io.debezium.time.ZonedTimestamp"
        << "2018-06-20 13:37:03 UTC";
    QTest::newRow("ZonedTimestamp offset")
        << QJsonValue(QStringLiteral("2018-06-20T13:37:03.25+02:00")) << "io.debezium.time.ZonedTimestamp"
        << "2018-06-20 13:37:03.25 +02:00";
    QTest::newRow("ZonedTimestamp not a date")
        << QJsonValue(QStringLiteral("yesterday")) << "io.debezium.time.ZonedTimestamp"
        << "";
    QTest::newRow("a fraction is no count") << number("1764288000.5") << "io.debezium.time.Timestamp"
                                            << "";
    QTest::newRow("string for a number type")
        << QJsonValue(QStringLiteral("1764288000")) << "io.debezium.time.Timestamp"
        << "";
    QTest::newRow("schema says no logical type") << number("1764288000123456") << ""
                                                 << "";
    QTest::newRow("other logical type") << number("12") << "org.apache.kafka.connect.data.Decimal"
                                        << "";
}

void TestPresentation::temporalWithSchema()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, logicalName);
    QFETCH(QString, expected);
    // The field name would suggest a time: with a schema only the logical type counts.
    const auto readable = readableTemporal(value, u"updated_at", logicalName);
    QCOMPARE(readable.has_value(), !expected.isEmpty());
    if (readable) {
        QCOMPARE(readable->text, expected);
        QVERIFY(!readable->inferred);
        QVERIFY2(readable->explanation.contains(logicalName), qPrintable(readable->explanation));
    }
}

void TestPresentation::temporalWithoutSchema_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected"); // empty: left as it is

    QTest::newRow("updated_at µs") << "updated_at" << number("1764288000123456")
                                   << "2025-11-28 00:00:00.123456 UTC";
    QTest::newRow("createdAt ms") << "createdAt" << number("1764288000123") << "2025-11-28 00:00:00.123 UTC";
    QTest::newRow("ts_ms") << "ts_ms" << number("1764288000123") << "2025-11-28 00:00:00.123 UTC";
    QTest::newRow("event_time s") << "event_time" << number("1764288000") << "2025-11-28 00:00:00 UTC";
    QTest::newRow("eventTimestamp ns")
        << "eventTimestamp" << number("1764288000000000001") << "2025-11-28 00:00:00.000000001 UTC";
    // Numbers that a name does not make obvious, or a name whose number is no recent instant.
    QTest::newRow("id") << "id" << number("1764288000123456") << "";
    QTest::newRow("total_cents") << "total_cents" << number("1764288000") << "";
    QTest::newRow("format (ends in 'at')") << "format" << number("1764288000") << "";
    QTest::newRow("updated_at too small") << "updated_at" << number("12345") << "";
    QTest::newRow("updated_at between units") << "updated_at" << number("50000000000") << "";
    QTest::newRow("updated_at text") << "updated_at" << QJsonValue(QStringLiteral("2025-11-28")) << "";
    QTest::newRow("birth_date days are not guessed") << "birth_date" << number("20420") << "";
}

void TestPresentation::temporalWithoutSchema()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    const auto readable = readableTemporal(value, field, std::nullopt);
    QCOMPARE(readable.has_value(), !expected.isEmpty());
    if (readable) {
        QCOMPARE(readable->text, expected);
        QVERIFY(readable->inferred);
        QVERIFY2(
            readable->explanation.contains(QStringLiteral("no schema")), qPrintable(readable->explanation));
    }
}

void TestPresentation::debeziumChangeCarriesFieldTypes()
{
    // The sandbox writes erp.public.orders with the JsonConverter schema, customers without.
    edis::sandbox::SandboxScenario scenario(3);
    const auto events = scenario.snapshot(1764288000000);
    int orders = 0;
    int customers = 0;
    for (const auto &e : events) {
        if (!e.value) {
            continue;
        }
        edis::test::TestRecord r;
        r.topic = e.topic;
        r.value = e.value->toStdString();
        const MessageBatch b = edis::test::single(r);
        const DecodedValue d = DecoderRegistry::shared()->decode(b.at(0));
        QVERIFY(d.change);
        const QString topic = QString::fromStdString(e.topic);
        if (topic == QLatin1String(edis::sandbox::topics::kOrders)) {
            ++orders;
            const auto types = d.change->fieldTypes;
            const auto updated = std::find_if(
                types.begin(), types.end(), [](const Attribute &a) { return a.first == u"updated_at"; });
            QVERIFY(updated != types.end());
            QCOMPARE(updated->second, QStringLiteral("io.debezium.time.MicroTimestamp"));
            const auto id = std::find_if(
                types.begin(), types.end(), [](const Attribute &a) { return a.first == u"id"; });
            QVERIFY(id != types.end());
            QCOMPARE(id->second, QString());
        } else if (topic == QLatin1String(edis::sandbox::topics::kCustomers)) {
            ++customers;
            QVERIFY(d.change->fieldTypes.isEmpty());
        }
    }
    QVERIFY(orders > 0);
    QVERIFY(customers > 0);
}

void TestPresentation::rateWindowSmoothsBursts()
{
    // ~55 records/s fetched in bursts: per 250 ms report the count jumps by 0 or by ~55.
    RateWindow window(5000);
    window.reset(0);
    QVERIFY(!window.recordsPerSecond()); // no history yet: unknown, not 0
    uint64_t records = 0;
    double lowest = 1e9;
    double highest = 0;
    for (int64_t t = 250; t <= 20000; t += 250) {
        if (t % 1000 == 0) {
            records += 55;
        }
        window.add(t, records, records * 200);
        if (t >= 5000) {
            const auto rate = window.recordsPerSecond();
            QVERIFY(rate);
            lowest = std::min(lowest, *rate);
            highest = std::max(highest, *rate);
            QCOMPARE(*window.bytesPerSecond(), *rate * 200);
        }
    }
    // A per-report rate would read 0 and 220; the window stays near 55.
    QVERIFY2(lowest >= 40 && highest <= 70, qPrintable(QStringLiteral("%1 .. %2").arg(lowest).arg(highest)));
    // Reading stops: the rate falls to zero within the window, not at once.
    window.add(21000, records, records * 200);
    QVERIFY(*window.recordsPerSecond() > 0);
    window.add(26500, records, records * 200);
    QCOMPARE(*window.recordsPerSecond(), 0.0);
}

void TestPresentation::rateWindowEta()
{
    RateWindow window;
    window.reset(1000);
    QVERIFY(!window.secondsFor(100));
    window.add(2000, 500, 0); // 500 records in the first second
    QCOMPARE(*window.recordsPerSecond(), 500.0);
    QCOMPARE(*window.secondsFor(1000), 2.0);
    QVERIFY(!window.secondsFor(-1)); // unknown remaining (a live tail)
    window.add(9000, 500, 0);
    QVERIFY(!window.secondsFor(10)); // nothing read lately: no ETA rather than an endless one
}

EDIS_REGISTER_TEST(TestPresentation);
#include "tst_presentation.moc"
