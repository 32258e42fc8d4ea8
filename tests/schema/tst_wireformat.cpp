// The Confluent wire format: header, schema id, Protobuf message indexes (bytes written by hand
// from Confluent's description: zig-zag varints, [0] as one 0 byte), and every way to be short.

#include "schema/wireformat.h"
#include "schematest.h"

#include <QtTest>

using namespace edis::schema;
using edis::test::fromHex;

class TestWireFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void frame_data();
    void frame();
    void badFrames_data();
    void badFrames();
    void header();
    void messageIndexes_data();
    void messageIndexes();
    void badMessageIndexes_data();
    void badMessageIndexes();
    void writeMessageIndexes_data();
    void writeMessageIndexes();
};

void TestWireFormat::frame_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<int>("schemaId");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("id 1, payload") << QByteArray::fromStdString(fromHex("00 00000001 0203")) << 1
                                   << QByteArray::fromStdString(fromHex("0203"));
    QTest::newRow("id 0x01020304, empty payload")
        << QByteArray::fromStdString(fromHex("00 01020304")) << 0x01020304 << QByteArray();
    QTest::newRow("big-endian, high bit") << QByteArray::fromStdString(fromHex("00 7fffffff ff"))
                                          << 0x7fffffff << QByteArray::fromStdString(fromHex("ff"));
}

void TestWireFormat::frame()
{
    QFETCH(QByteArray, record);
    QFETCH(int, schemaId);
    QFETCH(QByteArray, payload);
    const auto f = wire::parseFrame(std::string_view(record.constData(), std::size_t(record.size())));
    QVERIFY2(f.ok(), qPrintable(f.error()));
    QCOMPARE(f->schemaId, schemaId);
    QCOMPARE(QByteArray(f->payload.data(), qsizetype(f->payload.size())), payload);
}

void TestWireFormat::badFrames_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << QByteArray() << "Empty";
    QTest::newRow("JSON") << QByteArray("{\"a\":1}") << "0x7b";
    QTest::newRow("magic 1") << QByteArray::fromStdString(fromHex("01 00000001 02")) << "0x01";
    for (int n = 1; n < 5; ++n) {
        QTest::newRow(qPrintable(QStringLiteral("header cut at %1").arg(n)))
            << QByteArray::fromStdString(fromHex("00 00000001").substr(0, std::size_t(n))) << "Truncated";
    }
}

void TestWireFormat::badFrames()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, says);
    const auto f = wire::parseFrame(std::string_view(record.constData(), std::size_t(record.size())));
    QVERIFY(!f.ok());
    QVERIFY2(f.error().contains(says), qPrintable(f.error()));
}

void TestWireFormat::header()
{
    QCOMPARE(wire::frameHeader(1), fromHex("00 00000001"));
    QCOMPARE(wire::frameHeader(0x0a0b0c0d), fromHex("00 0a0b0c0d"));
    const auto f = wire::parseFrame(wire::frameHeader(123456) + "x");
    QVERIFY(f.ok());
    QCOMPARE(f->schemaId, 123456);
    QCOMPARE(std::string(f->payload), std::string("x"));
}

void TestWireFormat::messageIndexes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QByteArray>("rest");
    const auto b = [](std::string_view hex) { return QByteArray::fromStdString(fromHex(hex)); };
    QTest::newRow("[0] as a single 0") << b("00 0a01") << QList<int> {0} << b("0a01");
    QTest::newRow("[1]: count 1 (02), index 1 (02)") << b("02 02 0a") << QList<int> {1} << b("0a");
    QTest::newRow("[1, 0]") << b("04 02 00 08") << QList<int> {1, 0} << b("08");
    QTest::newRow("[0] written out: count 1, index 0") << b("02 00") << QList<int> {0} << QByteArray();
    QTest::newRow("[64]: two-byte varint 80 01") << b("02 8001") << QList<int> {64} << QByteArray();
    QTest::newRow("[2, 3, 4]") << b("06 04 06 08 ff") << QList<int> {2, 3, 4} << b("ff");
}

void TestWireFormat::messageIndexes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, indexes);
    QFETCH(QByteArray, rest);
    const auto m = wire::parseMessageIndexes(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    QVERIFY2(m.ok(), qPrintable(m.error()));
    QCOMPARE(QList<int>(m->indexes.begin(), m->indexes.end()), indexes);
    QCOMPARE(QByteArray(m->payload.data(), qsizetype(m->payload.size())), rest);
}

void TestWireFormat::badMessageIndexes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    const auto b = [](std::string_view hex) { return QByteArray::fromStdString(fromHex(hex)); };
    QTest::newRow("nothing") << QByteArray() << "Truncated";
    QTest::newRow("count cut inside its varint") << b("80") << "Truncated";
    QTest::newRow("2 announced, 1 present") << b("04 02") << "Truncated";
    QTest::newRow("index cut inside its varint") << b("02 80") << "Truncated";
    QTest::newRow("negative count") << b("01") << "count of -1";
    QTest::newRow("implausible count") << b("e807") << "count of 500";
    QTest::newRow("negative index") << b("02 01") << "index 1 is -1";
    QTest::newRow("count longer than 10 bytes") << b("ffffffffffffffffffffff01") << "not a varint";
}

void TestWireFormat::badMessageIndexes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    const auto m = wire::parseMessageIndexes(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    QVERIFY(!m.ok());
    QVERIFY2(m.error().contains(says), qPrintable(m.error()));
}

void TestWireFormat::writeMessageIndexes_data()
{
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QByteArray>("bytes");
    const auto b = [](std::string_view hex) { return QByteArray::fromStdString(fromHex(hex)); };
    QTest::newRow("[] is [0]") << QList<int> {} << b("00");
    QTest::newRow("[0]") << QList<int> {0} << b("00");
    QTest::newRow("[1]") << QList<int> {1} << b("02 02");
    QTest::newRow("[1, 0]") << QList<int> {1, 0} << b("04 02 00");
    QTest::newRow("[0, 2]") << QList<int> {0, 2} << b("04 00 04");
    QTest::newRow("[64]") << QList<int> {64} << b("02 8001");
}

void TestWireFormat::writeMessageIndexes()
{
    QFETCH(QList<int>, indexes);
    QFETCH(QByteArray, bytes);
    const std::vector<int> v(indexes.begin(), indexes.end());
    std::string out;
    wire::appendMessageIndexes(out, v);
    QCOMPARE(QByteArray::fromStdString(out), bytes);
    const auto back = wire::parseMessageIndexes(out);
    QVERIFY(back.ok());
    QCOMPARE(back->indexes, v.empty() ? std::vector<int> {0} : v);
    QCOMPARE(wire::indexesText(std::vector<int> {1, 0}), QStringLiteral("[1, 0]"));
}

EDIS_REGISTER_SCHEMA_TEST(TestWireFormat);
#include "tst_wireformat.moc"
