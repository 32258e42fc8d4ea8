// The Codec facade over the three schema types, the wire format around it, and the bounded
// cache of compiled codecs by schema id.

#include "schema/codec.h"
#include "schema/codeccache.h"
#include "schematest.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <thread>

using namespace edis::schema;
using edis::test::fromHex;
using edis::test::toHex;

class TestCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void framedRoundTrips_data();
    void framedRoundTrips();
    void protobufFramedByHand();
    void jsonSchemaProblems();
    void framedErrors_data();
    void framedErrors();
    void compileErrors_data();
    void compileErrors();
    void messageTypes();
    void schemaTypeNames();
    void cacheEvictsLeastRecentlyUsed();
    void cacheDoesNotKeepFailures();
    void cacheFromThreads();
};

namespace {

const char *const kAvro = R"({"type":"record","name":"Payment","namespace":"shop","fields":[
  {"name":"id","type":"string"},{"name":"amount","type":"double"},
  {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}}]})";
const char *const kAvroJson = R"({"id":"P-1","amount":9.5,"at":"2026-12-03T10:15:30.123Z"})";

const char *const kProto
    = "syntax = \"proto3\";\npackage shop;\n"
      "message Payment { string id = 1; double amount = 2; }\n"
      "message Order { message Line { string sku = 1; int32 qty = 2; } repeated Line lines = 1; }\n";

const char *const kJsonSchema
    = R"({"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"number","minimum":0}},"required":["id"]})";

std::shared_ptr<const Codec> compiled(SchemaType type, const char *schema)
{
    auto codec = Codec::compile(type, QString::fromUtf8(schema));
    if (!codec) {
        qWarning("%s", qPrintable(codec.error()));
        return {};
    }
    return codec.value();
}

} // namespace

void TestCodec::framedRoundTrips_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("typeName");
    QTest::newRow("Avro") << int(SchemaType::Avro) << kAvro << QList<int> {} << kAvroJson << "shop.Payment";
    QTest::newRow("Protobuf [0]") << int(SchemaType::Protobuf) << kProto << QList<int> {0}
                                  << R"({"id":"P-1","amount":9.5})"
                                  << "shop.Payment";
    QTest::newRow("Protobuf [1, 0]") << int(SchemaType::Protobuf) << kProto << QList<int> {1, 0}
                                     << R"({"sku":"x","qty":2})"
                                     << "shop.Order.Line";
    QTest::newRow("JSON Schema") << int(SchemaType::Json) << kJsonSchema << QList<int> {}
                                 << R"({"id":"P-1","amount":9.5})"
                                 << "";
}

void TestCodec::framedRoundTrips()
{
    QFETCH(int, type);
    QFETCH(QString, schema);
    QFETCH(QList<int>, indexes);
    QFETCH(QString, json);
    QFETCH(QString, typeName);
    const auto codec = Codec::compile(SchemaType(type), schema);
    QVERIFY2(codec.ok(), qPrintable(codec.error()));
    const std::vector<int> idx(indexes.begin(), indexes.end());
    const auto framed = codec.value()->encodeFramed(4242, json.toStdString(), idx);
    QVERIFY2(framed.ok(), qPrintable(framed.error()));
    QCOMPARE(framed.value().substr(0, 5), fromHex("00 00001092"));
    const auto decoded = codec.value()->decodeFramed(framed.value());
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
    QCOMPARE(nlohmann::json::parse(decoded->json), nlohmann::json::parse(json.toStdString()));
    QCOMPARE(decoded->typeName, typeName);
    QVERIFY(decoded->problems.isEmpty());
}

void TestCodec::protobufFramedByHand()
{
    const auto codec = compiled(SchemaType::Protobuf, kProto);
    // header id 7, indexes [1, 0] (04 02 00), Line {sku "x" (0a 01 78), qty 2 (10 02)}
    const auto record = fromHex("00 00000007 04 02 00 0a0178 1002");
    const auto decoded = codec->decodeFramed(record);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
    QCOMPARE(nlohmann::json::parse(decoded->json), nlohmann::json::parse(R"({"sku":"x","qty":2})"));
    QCOMPARE(toHex(codec->encodeFramed(7, R"({"sku":"x","qty":2})", std::vector<int> {1, 0}).value()),
        toHex(record));
    // [0] is the single byte 0
    QCOMPARE(toHex(codec->encodeFramed(7, R"({"id":"a"})", std::vector<int> {0}).value()),
        std::string("0000000007000a0161"));
}

void TestCodec::jsonSchemaProblems()
{
    const auto codec = compiled(SchemaType::Json, kJsonSchema);
    const auto decoded = codec->decodeFramed(fromHex("00 00000003") + R"({"amount":-1})");
    QVERIFY2(decoded.ok(), qPrintable(decoded.error())); // shown, with what is wrong beside it
    QCOMPARE(decoded->problems,
        (QStringList {
            QStringLiteral(R"(Does not match the schema at /: the required property "id" is missing)"),
            QStringLiteral("Does not match the schema at /amount: -1 is less than the minimum 0")}));
    const auto refused = codec->encodeFramed(3, R"({"amount":-1})");
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("does not match the JSON Schema")),
        qPrintable(refused.error()));
}

void TestCodec::framedErrors_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("hex");
    QTest::addColumn<QString>("says");
    QTest::newRow("no magic byte") << int(SchemaType::Avro) << "7b 22"
                                   << "not the magic byte 0";
    QTest::newRow("header cut") << int(SchemaType::Avro) << "00 0000"
                                << "Truncated Schema Registry header";
    QTest::newRow("Avro payload cut") << int(SchemaType::Avro) << "00 00000001 06 5031"
                                      << "truncated";
    QTest::newRow("Protobuf index list cut") << int(SchemaType::Protobuf) << "00 00000001 04 02"
                                             << "Truncated Protobuf message-index list";
    QTest::newRow("Protobuf index out of range") << int(SchemaType::Protobuf) << "00 00000001 02 06"
                                                 << "[3] is out of range";
    QTest::newRow("JSON garbage") << int(SchemaType::Json) << "00 00000001 ff00"
                                  << "not valid JSON";
}

void TestCodec::framedErrors()
{
    QFETCH(int, type);
    QFETCH(QString, hex);
    QFETCH(QString, says);
    const char *schema = SchemaType(type) == SchemaType::Avro ? kAvro
        : SchemaType(type) == SchemaType::Protobuf            ? kProto
                                                              : kJsonSchema;
    const auto codec = compiled(SchemaType(type), schema);
    QVERIFY(codec);
    const auto r = codec->decodeFramed(fromHex(hex.toStdString()));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestCodec::compileErrors_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("says");
    QTest::newRow("Avro") << int(SchemaType::Avro)
                          << R"({"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]})"
                          << "Unknown type \"Nope\"";
    QTest::newRow("Protobuf") << int(SchemaType::Protobuf) << "message {"
                              << "does not parse as .proto";
    QTest::newRow("JSON Schema") << int(SchemaType::Json) << R"({"$ref":"other.json"})"
                                 << "names no reference";
}

void TestCodec::compileErrors()
{
    QFETCH(int, type);
    QFETCH(QString, schema);
    QFETCH(QString, says);
    const auto r = Codec::compile(SchemaType(type), schema);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestCodec::messageTypes()
{
    const auto proto = compiled(SchemaType::Protobuf, kProto);
    const auto types = proto->messageTypes();
    QCOMPARE(int(types.size()), 3);
    QCOMPARE(proto->indexesOf(QStringLiteral("shop.Order.Line")).value(), (std::vector<int> {1, 0}));
    const auto missing = proto->indexesOf(QStringLiteral("shop.Nope"));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QLatin1String("shop.Payment, shop.Order, shop.Order.Line")),
        qPrintable(missing.error()));
    const auto avro = compiled(SchemaType::Avro, kAvro);
    QCOMPARE(avro->messageTypes().front().fullName, QStringLiteral("shop.Payment"));
    QVERIFY(avro->avro());
    QVERIFY(!avro->protobuf());
}

void TestCodec::schemaTypeNames()
{
    SchemaType t = SchemaType::Json;
    QVERIFY(parseSchemaType(QString(), &t));
    QCOMPARE(t, SchemaType::Avro); // the Confluent API leaves schemaType out for Avro
    QVERIFY(parseSchemaType(QStringLiteral("protobuf"), &t));
    QCOMPARE(t, SchemaType::Protobuf);
    QVERIFY(parseSchemaType(QStringLiteral("JSON"), &t));
    QCOMPARE(schemaTypeName(t), QStringLiteral("JSON"));
    QVERIFY(!parseSchemaType(QStringLiteral("XML"), &t));
}

void TestCodec::cacheEvictsLeastRecentlyUsed()
{
    CodecCache cache(2);
    const auto a = compiled(SchemaType::Avro, R"("string")");
    cache.insert(1, a);
    cache.insert(2, a);
    QVERIFY(cache.find(1)); // 1 is now the most recent
    cache.insert(3, a);
    QCOMPARE(cache.size(), std::size_t(2));
    QVERIFY(cache.find(1));
    QVERIFY(!cache.find(2));
    QVERIFY(cache.find(3));
    cache.clear();
    QCOMPARE(cache.size(), std::size_t(0));
}

void TestCodec::cacheDoesNotKeepFailures()
{
    CodecCache cache;
    const auto bad = cache.findOrCompile(5, SchemaType::Avro, QStringLiteral("{"));
    QVERIFY(!bad.ok());
    QVERIFY(!cache.find(5));
    const auto good = cache.findOrCompile(5, SchemaType::Avro, QStringLiteral(R"("long")"));
    QVERIFY(good.ok());
    QCOMPARE(cache.find(5), good.value());
    // Found by id: the text is not looked at again.
    QCOMPARE(cache.findOrCompile(5, SchemaType::Avro, QStringLiteral("{")).value(), good.value());
}

void TestCodec::cacheFromThreads()
{
    CodecCache cache(8);
    std::atomic<int> failures {0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) {
                const int32_t id = (i + t) % 12;
                const auto codec = cache.findOrCompile(id, SchemaType::Avro, QString::fromLatin1(kAvro));
                const auto bytes = codec ? codec.value()->encodeFromJson(kAvroJson)
                                         : Result<std::string>::failure(codec.error());
                if (!bytes || !codec.value()->decodeToJson(bytes.value()).ok()) {
                    ++failures;
                }
            }
        });
    }
    for (auto &t : threads) {
        t.join();
    }
    QCOMPARE(failures.load(), 0);
    QVERIFY(cache.size() <= 8);
}

EDIS_REGISTER_SCHEMA_TEST(TestCodec);
#include "tst_codec.moc"
