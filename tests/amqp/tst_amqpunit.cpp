// URL parsing of amqp::Settings and the field-table conversion, without a server. The bytes of
// the encoded tables are written by hand from the AMQP 0-9-1 specification (with RabbitMQ's
// errata for the type letters), an oracle independent of rabbitmq-c's encoder.

#include "amqp/fieldtable.h"
#include "amqp/settings.h"

#include <QTest>

using namespace edis::amqp;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

/// The table every conversion test uses, in the order it is encoded.
FieldTable sampleTable()
{
    return {
        {QStringLiteral("s"), FieldValue::string(QStringLiteral("hi"))},
        {QStringLiteral("n"), FieldValue::int32(-5)},
        {QStringLiteral("b"), FieldValue::boolean(true)},
        {QStringLiteral("l"), FieldValue::int64(1234567890123)},
        {QStringLiteral("t"), FieldValue::tableOf({{QStringLiteral("x"), FieldValue::int8(7)}})},
        {QStringLiteral("a"),
            FieldValue::arrayOf({FieldValue::string(QStringLiteral("p")), FieldValue::int32(1)})},
        {QStringLiteral("ts"), FieldValue::timestamp(1600000000)},
        {QStringLiteral("d"), FieldValue::doubleValue(1.5)},
        {QStringLiteral("v"), FieldValue::voidValue()},
        {QStringLiteral("x"), FieldValue::bytes(QByteArray::fromHex("00ff"))},
        {QStringLiteral("dc"), FieldValue::decimal(2, 1234)},
    };
}

/// sampleTable() as the specification lays it out: u32 length, then per field a short-string
/// name (u8 length), a type letter and the value, big-endian.
QByteArray sampleBytes()
{
    const QByteArray fields = hex("01 73 53 00000002 6869" // s: long string "hi"
                                  "01 6e 49 fffffffb" // n: 'I' int32 -5
                                  "01 62 74 01" // b: 't' true
                                  "01 6c 6c 0000011f71fb04cb" // l: 'l' int64
                                  "01 74 46 00000004 01 78 62 07" // t: 'F' {x: 'b' 7}
                                  "01 61 41 0000000b 53 00000001 70 49 00000001" // a: 'A' ["p", 1]
                                  "02 7473 54 000000005f5e1000" // ts: 'T' 1600000000
                                  "01 64 64 3ff8000000000000" // d: 'd' 1.5
                                  "01 76 56" // v: 'V'
                                  "01 78 78 00000002 00ff" // x: 'x' bytes
                                  "02 6463 44 02 000004d2"); // dc: 'D' 12.34
    QByteArray out = hex("00000000");
    const auto n = uint32_t(fields.size());
    out[0] = char(n >> 24);
    out[1] = char((n >> 16) & 0xff);
    out[2] = char((n >> 8) & 0xff);
    out[3] = char(n & 0xff);
    return out + fields;
}

} // namespace

class TestAmqpUnit : public QObject {
    Q_OBJECT

private slots:
    void parsesUrls_data();
    void parsesUrls();
    void refusesBadUrls_data();
    void refusesBadUrls();
    void displayUrlLeavesOutThePassword();

    void decodesTheSpecificationsBytes();
    void encodesTheSpecificationsBytes();
    void roundTripsNestedTables();
    void refusesMalformedTables_data();
    void refusesMalformedTables();
    void rendersValues_data();
    void rendersValues();
    void variantsKeepTheOrder();
    void integersConvert();
};

void TestAmqpUnit::parsesUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("vhost");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("tls");

    QTest::newRow("defaults") << "amqp://rabbit"
                              << "rabbit" << 5672 << "/"
                              << "guest"
                              << "guest" << false;
    QTest::newRow("lone slash is the default vhost") << "amqp://rabbit/"
                                                     << "rabbit" << 5672 << "/"
                                                     << "guest"
                                                     << "guest" << false;
    QTest::newRow("encoded slash vhost") << "amqp://u:p@h:5673/%2F"
                                         << "h" << 5673 << "/"
                                         << "u"
                                         << "p" << false;
    QTest::newRow("encoded user and password") << "amqp://us%3Aer:pa%40ss%2Fw@h/v"
                                               << "h" << 5672 << "v"
                                               << "us:er"
                                               << "pa@ss/w" << false;
    QTest::newRow("vhost with space and slash") << "amqp://h/my%20v%2Fhost"
                                                << "h" << 5672 << "my v/host"
                                                << "guest"
                                                << "guest" << false;
    QTest::newRow("empty password") << "amqp://u:@h/x"
                                    << "h" << 5672 << "x"
                                    << "u"
                                    << "" << false;
    QTest::newRow("amqps default port") << "amqps://h/x"
                                        << "h" << 5671 << "x"
                                        << "guest"
                                        << "guest" << true;
    QTest::newRow("ipv6") << "amqp://[::1]:5000/x"
                          << "::1" << 5000 << "x"
                          << "guest"
                          << "guest" << false;
    QTest::newRow("scheme is case-insensitive") << "AMQP://h"
                                                << "h" << 5672 << "/"
                                                << "guest"
                                                << "guest" << false;
}

void TestAmqpUnit::parsesUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, vhost);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(bool, tls);
    const Result<Settings> s = Settings::fromUrl(url);
    QVERIFY2(s.ok(), qPrintable(s.error().message));
    QCOMPARE(s->host, host);
    QCOMPARE(s->port, port);
    QCOMPARE(s->vhost, vhost);
    QCOMPARE(s->user, user);
    QCOMPARE(s->password, password);
    QCOMPARE(s->tls.enabled, tls);
}

void TestAmqpUnit::refusesBadUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("http") << "http://h/"
                          << "amqp://";
    QTest::newRow("no host") << "amqp://"
                             << "host";
    QTest::newRow("slash in the vhost") << "amqp://h/a/b"
                                        << "%2F";
    QTest::newRow("unknown parameter") << "amqp://h?frobnicate=1"
                                       << "frobnicate";
    QTest::newRow("heartbeat not a number") << "amqp://h?heartbeat=soon"
                                            << "heartbeat";
    QTest::newRow("zero connection timeout") << "amqp://h?connection_timeout=0"
                                             << "connection_timeout";
    QTest::newRow("unknown verify") << "amqps://h?verify=maybe"
                                    << "verify";
}

void TestAmqpUnit::refusesBadUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    const Result<Settings> s = Settings::fromUrl(url);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, Error::Kind::InvalidSettings);
    QVERIFY2(s.error().message.contains(mentions), qPrintable(s.error().message));
}

void TestAmqpUnit::displayUrlLeavesOutThePassword()
{
    const Result<Settings> s = Settings::fromUrl(
        QStringLiteral("amqps://me:secret@h:5999/%2F?heartbeat=7&connection_timeout=2500&cacertfile=ca.pem"
                       "&certfile=c.pem&keyfile=k.pem&verify=verify_none"));
    QVERIFY2(s.ok(), qPrintable(s.error().message));
    QCOMPARE(s->heartbeatSeconds, 7);
    QCOMPARE(s->connectTimeout, std::chrono::milliseconds(2500));
    QCOMPARE(s->tls.caFile, QStringLiteral("ca.pem"));
    QCOMPARE(s->tls.certFile, QStringLiteral("c.pem"));
    QCOMPARE(s->tls.keyFile, QStringLiteral("k.pem"));
    QVERIFY(!s->tls.verifyPeer);
    QVERIFY(!s->tls.verifyHostname);
    QCOMPARE(s->displayUrl(), QStringLiteral("amqps://me@h:5999/%2F"));
    const Result<Settings> again = Settings::fromUrl(s->displayUrl());
    QVERIFY(again.ok());
    QCOMPARE(again->vhost, QStringLiteral("/"));
}

void TestAmqpUnit::decodesTheSpecificationsBytes()
{
    const std::optional<FieldTable> table = decodeFieldTable(sampleBytes());
    QVERIFY(table.has_value());
    QCOMPARE(table->size(), sampleTable().size());
    for (std::size_t i = 0; i < table->size(); ++i) {
        QCOMPARE((*table)[i].name, sampleTable()[i].name);
        QVERIFY2((*table)[i].value == sampleTable()[i].value,
            qPrintable(QStringLiteral("%1: %2").arg((*table)[i].name, (*table)[i].value.json())));
    }
}

void TestAmqpUnit::encodesTheSpecificationsBytes()
{
    const std::optional<QByteArray> bytes = encodeFieldTable(sampleTable());
    QVERIFY(bytes.has_value());
    QCOMPARE(bytes->toHex(), sampleBytes().toHex());
}

void TestAmqpUnit::roundTripsNestedTables()
{
    FieldTable deep {{QStringLiteral("leaf"), FieldValue::string(QStringLiteral("ü — 日本"))}};
    for (int depth = 0; depth < 5; ++depth) {
        deep = {{QStringLiteral("level%1").arg(depth), FieldValue::tableOf(deep)},
            {QStringLiteral("list%1").arg(depth),
                FieldValue::arrayOf(
                    {FieldValue::tableOf(deep), FieldValue::arrayOf({}), FieldValue::uint16(65535)})}};
    }
    deep.push_back({QStringLiteral("big"), FieldValue::bytes(QByteArray(100000, 'z'))});
    const std::optional<QByteArray> bytes = encodeFieldTable(deep);
    QVERIFY(bytes.has_value());
    const std::optional<FieldTable> back = decodeFieldTable(*bytes);
    QVERIFY(back.has_value());
    QVERIFY(*back == deep);
    QVERIFY(!encodeFieldTable({{QString(256, QLatin1Char('n')), FieldValue::int32(1)}}).has_value());
}

void TestAmqpUnit::refusesMalformedTables_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("truncated") << sampleBytes().left(sampleBytes().size() - 3);
    QTest::newRow("length past the end") << hex("00000010 01 62 74 01");
    QTest::newRow("unknown type letter") << hex("00000003 01 62 3f");
    QTest::newRow("bytes after the table") << hex("00000004 01 62 74 01 ff");
}

void TestAmqpUnit::refusesMalformedTables()
{
    QFETCH(QByteArray, bytes);
    QVERIFY(!decodeFieldTable(bytes).has_value());
}

void TestAmqpUnit::rendersValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("type");

    QTest::newRow("string") << "s"
                            << "hi"
                            << "\"hi\""
                            << "string";
    QTest::newRow("int") << "n"
                         << "-5"
                         << "-5"
                         << "int";
    QTest::newRow("bool") << "b"
                          << "true"
                          << "true"
                          << "boolean";
    QTest::newRow("long") << "l"
                          << "1234567890123"
                          << "1234567890123"
                          << "long";
    QTest::newRow("table") << "t"
                           << "{\"x\":7}"
                           << "{\"x\":7}"
                           << "table";
    QTest::newRow("array") << "a"
                           << "[\"p\",1]"
                           << "[\"p\",1]"
                           << "array";
    QTest::newRow("timestamp") << "ts"
                               << "2020-09-13T12:26:40Z"
                               << "\"2020-09-13T12:26:40Z\""
                               << "timestamp";
    QTest::newRow("double") << "d"
                            << "1.5"
                            << "1.5"
                            << "double";
    QTest::newRow("void") << "v"
                          << ""
                          << "null"
                          << "void";
    QTest::newRow("bytes not UTF-8") << "x"
                                     << "AP8="
                                     << "\"AP8=\""
                                     << "bytes";
    QTest::newRow("decimal") << "dc"
                             << "12.34"
                             << "\"12.34\""
                             << "decimal";
}

void TestAmqpUnit::rendersValues()
{
    QFETCH(QString, name);
    QFETCH(QString, text);
    QFETCH(QString, json);
    QFETCH(QString, type);
    const FieldTable table = sampleTable();
    const FieldValue *v = findField(table, name);
    QVERIFY(v != nullptr);
    QCOMPARE(v->text(), text);
    QCOMPARE(v->json(), json);
    QCOMPARE(v->typeName(), type);
}

void TestAmqpUnit::variantsKeepTheOrder()
{
    const FieldValue table = FieldValue::tableOf({{QStringLiteral("z"), FieldValue::int32(1)},
        {QStringLiteral("a"),
            FieldValue::arrayOf({FieldValue::boolean(false), FieldValue::string(QStringLiteral("q"))})}});
    const QVariantList v = table.toVariant().toList();
    QCOMPARE(v.size(), 2);
    QCOMPARE(v[0].toList()[0].toString(), QStringLiteral("z"));
    QCOMPARE(v[0].toList()[1].toLongLong(), 1);
    QCOMPARE(v[1].toList()[0].toString(), QStringLiteral("a"));
    const QVariantList array = v[1].toList()[1].toList();
    QCOMPARE(array.size(), 2);
    QCOMPARE(array[0].toBool(), false);
    QCOMPARE(array[1].toString(), QStringLiteral("q"));
    QCOMPARE(FieldValue::timestamp(1600000000).toVariant().toDateTime().toSecsSinceEpoch(), 1600000000);
}

void TestAmqpUnit::integersConvert()
{
    QCOMPARE(FieldValue::int64(-7).toInt64(), std::optional<int64_t>(-7));
    QCOMPARE(FieldValue::uint32(4000000000U).toInt64(), std::optional<int64_t>(4000000000LL));
    QVERIFY(!FieldValue::string(QStringLiteral("5")).toInt64().has_value());
    QVERIFY(FieldValue::uint8(3).isInteger());
    QVERIFY(!FieldValue::doubleValue(3).isInteger());
    QCOMPARE(FieldValue::string(QStringLiteral("é")).toBytes(), QByteArray("\xc3\xa9"));
    QCOMPARE(FieldValue::int16(-300).toBytes(), QByteArray("-300"));
}

QTEST_GUILESS_MAIN(TestAmqpUnit)
#include "tst_amqpunit.moc"
