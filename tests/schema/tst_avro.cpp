// Avro: EDIS's reader against bytes built by hand from the specification (zig-zag varints,
// little-endian IEEE floats, length-prefixed strings, blocks) and against avro-c's own writer;
// EDIS's writer against the same bytes and avro-c's reader; references, namespaces, logical
// types, union styles, and bad schemas, payloads and values: each an error, never a crash.

#include "schema/avrocodec.h"
#include "schematest.h"

#include <avro.h>

#include <nlohmann/json.hpp>

#include <QRandomGenerator>
#include <QtTest>

#include <thread>

using namespace edis::schema;
using edis::test::fromHex;
using edis::test::toHex;

class TestAvro : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handEncoded_data();
    void handEncoded();
    void avroCWriterBytes();
    void avroCReadsOurBytes();
    void references();
    void referenceNamespaces();
    void unionStyles();
    void taggedAndPlainUnionInput();
    void pretty();
    void defaultsAndOmittedFields();
    void timestampsWithOffsets();
    void badSchemas_data();
    void badSchemas();
    void badPayloads_data();
    void badPayloads();
    void everyTruncation();
    void randomBytesNeverCrash();
    void badValues_data();
    void badValues();
    void deepRecursion();
    void decodeFromThreads();
};

namespace {

const char *const kPrimitives = R"({"type":"record","name":"P","namespace":"t","fields":[
  {"name":"id","type":"long"},{"name":"n","type":"int"},{"name":"name","type":"string"},
  {"name":"active","type":"boolean"},{"name":"score","type":"double"},{"name":"ratio","type":"float"},
  {"name":"raw","type":"bytes"},{"name":"nothing","type":"null"}]})";
// id -1, n 64, "Ab", true, 1.5, 0.5f, bytes de ad, null (no bytes).
const char *const kPrimitivesHex = "01 8001 04 4162 01 000000000000f83f 0000003f 04 dead";
const char *const kPrimitivesJson
    = R"({"id":-1,"n":64,"name":"Ab","active":true,"score":1.5,"ratio":0.5,"raw":"3q0=","nothing":null})";

const char *const kAddress = R"({"type":"record","name":"Address","namespace":"edis.fixtures","fields":[
  {"name":"street","type":"string"},{"name":"zip","type":["null","string"],"default":null}]})";

const char *const kOrder = R"({"type":"record","name":"Order","namespace":"edis.fixtures","fields":[
  {"name":"id","type":"long"},
  {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}},
  {"name":"home","type":"Address"},
  {"name":"second","type":["null","edis.fixtures.Address"],"default":null},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"attrs","type":{"type":"map","values":"long"}},
  {"name":"contact","type":[
    {"type":"record","name":"Email","fields":[{"name":"address","type":"string"}]},
    {"type":"record","name":"Phone","fields":[{"name":"number","type":"string"}]}]},
  {"name":"checksum","type":{"type":"fixed","name":"Md5","size":4}},
  {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
  {"name":"created","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"previous","type":["null","Status"],"default":null}]})";
const char *const kOrderJson = R"({"id":42,"status":"PAID","home":{"street":"Main St 1","zip":"10115"},)"
                               R"("second":null,"tags":["a","b"],"attrs":{"x":7},)"
                               R"("contact":{"edis.fixtures.Phone":{"number":"+49"}},"checksum":"AQIDBA==",)"
                               R"("amount":"12.34","created":"2026-12-03T10:15:30.123Z","previous":"NEW"})";

std::shared_ptr<const AvroCodec> compiled(const QString &schema, const SchemaReferences &refs = {})
{
    auto codec = AvroCodec::compile(schema, refs);
    if (!codec) {
        qWarning("%s", qPrintable(codec.error()));
        return {};
    }
    return codec.value();
}

SchemaReferences addressReference()
{
    return {{QStringLiteral("edis.fixtures.Address"), QString::fromLatin1(kAddress)}};
}

/// A value built with avro-c's generic value API, for its writer and reader.
class AvroCValue {
public:
    explicit AvroCValue(const std::string &schemaJson)
    {
        if (avro_schema_from_json_length(schemaJson.data(), schemaJson.size(), &schema_) != 0) {
            qFatal("avro-c: %s", avro_strerror());
        }
        iface_ = avro_generic_class_from_schema(schema_);
        avro_generic_value_new(iface_, &value_);
    }
    ~AvroCValue()
    {
        avro_value_decref(&value_);
        avro_value_iface_decref(iface_);
        avro_schema_decref(schema_);
    }
    AvroCValue(const AvroCValue &) = delete;
    AvroCValue &operator=(const AvroCValue &) = delete;

    avro_value_t *value() { return &value_; }

    std::string write()
    {
        std::string buf(4096, '\0');
        avro_writer_t writer = avro_writer_memory(buf.data(), int64_t(buf.size()));
        if (avro_value_write(writer, &value_) != 0) {
            qFatal("avro-c write: %s", avro_strerror());
        }
        buf.resize(std::size_t(avro_writer_tell(writer)));
        avro_writer_free(writer);
        return buf;
    }
    /// Reads `bytes` into this value with avro-c's reader; its error, or empty.
    QString read(const std::string &bytes)
    {
        avro_reader_t reader = avro_reader_memory(bytes.data(), int64_t(bytes.size()));
        const int rc = avro_value_read(reader, &value_);
        avro_reader_free(reader);
        if (rc != 0) {
            return QString::fromUtf8(avro_strerror());
        }
        std::size_t size = 0; // avro-c's memory reader cannot tell where it stopped
        avro_value_sizeof(&value_, &size);
        return size == bytes.size() ? QString()
                                    : QStringLiteral("%1 bytes left over").arg(bytes.size() - size);
    }

private:
    avro_schema_t schema_ = nullptr;
    avro_value_iface_t *iface_ = nullptr;
    avro_value_t value_ {};
};

avro_value_t field(avro_value_t *record, const char *name)
{
    avro_value_t f;
    if (avro_value_get_by_name(record, name, &f, nullptr) != 0) {
        qFatal("no field %s", name);
    }
    return f;
}

avro_value_t branch(avro_value_t *unionValue, int index)
{
    avro_value_t b;
    avro_value_set_branch(unionValue, index, &b);
    return b;
}

void setString(avro_value_t *v, const char *s)
{
    avro_value_set_string(v, s);
}

/// The Order of kOrderJson, through avro-c's generic value API.
void fillOrder(avro_value_t *order)
{
    auto id = field(order, "id");
    avro_value_set_long(&id, 42);
    auto status = field(order, "status");
    avro_value_set_enum(&status, 1);
    auto home = field(order, "home");
    auto street = field(&home, "street");
    setString(&street, "Main St 1");
    auto zip = field(&home, "zip");
    auto zipValue = branch(&zip, 1);
    setString(&zipValue, "10115");
    auto second = field(order, "second");
    auto secondNull = branch(&second, 0);
    avro_value_set_null(&secondNull);
    auto tags = field(order, "tags");
    for (const char *tag : {"a", "b"}) {
        avro_value_t item;
        avro_value_append(&tags, &item, nullptr);
        setString(&item, tag);
    }
    auto attrs = field(order, "attrs");
    avro_value_t x;
    avro_value_add(&attrs, "x", &x, nullptr, nullptr);
    avro_value_set_long(&x, 7);
    auto contact = field(order, "contact");
    auto phone = branch(&contact, 1);
    auto number = field(&phone, "number");
    setString(&number, "+49");
    auto checksum = field(order, "checksum");
    char md5[] = {1, 2, 3, 4};
    avro_value_set_fixed(&checksum, md5, 4);
    auto amount = field(order, "amount");
    char unscaled[] = {0x04, char(0xd2)};
    avro_value_set_bytes(&amount, unscaled, 2);
    auto created = field(order, "created");
    avro_value_set_long(&created, 1796292930123);
    auto previous = field(order, "previous");
    auto previousStatus = branch(&previous, 1);
    avro_value_set_enum(&previousStatus, 0);
}

QString decoded(const AvroCodec &codec, const std::string &bytes, const DecodeOptions &options = {})
{
    const auto r = codec.decodeToJson(bytes, options);
    return r ? QString::fromStdString(r.value()) : QStringLiteral("ERROR: ") + r.error();
}

} // namespace

void TestAvro::handEncoded_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("hex");
    QTest::addColumn<QString>("json");
    QTest::addColumn<bool>("roundTrip"); // whether encoding the JSON gives the same bytes back

    const auto decimal
        = QStringLiteral(R"({"type":"bytes","logicalType":"decimal","precision":10,"scale":2})");
    const auto ts = [](const char *logical) {
        return QStringLiteral(R"({"type":"long","logicalType":"%1"})").arg(QLatin1String(logical));
    };
    QTest::newRow("record of primitives") << kPrimitives << kPrimitivesHex << kPrimitivesJson << true;
    QTest::newRow("top-level string") << R"("string")"
                                      << "06 616263"
                                      << R"("abc")" << true;
    QTest::newRow("long max") << R"("long")"
                              << "feffffffffffffffff01"
                              << "9223372036854775807" << true;
    QTest::newRow("long min") << R"("long")"
                              << "ffffffffffffffffff01"
                              << "-9223372036854775808" << true;
    QTest::newRow("int min") << R"("int")"
                             << "ffffffff0f"
                             << "-2147483648" << true;
    QTest::newRow("double NaN") << R"("double")"
                                << "000000000000f87f"
                                << R"("NaN")" << true;
    QTest::newRow("double whole") << R"("double")"
                                  << "0000000000001440"
                                  << "5.0" << true;
    QTest::newRow("nullable union, value") << R"(["null","string"])"
                                           << "02 04 6869"
                                           << R"("hi")" << true;
    QTest::newRow("nullable union, null") << R"(["null","string"])"
                                          << "00"
                                          << "null" << true;
    QTest::newRow("union of three, long") << R"(["null","long","string"])"
                                          << "02 0a"
                                          << R"({"long":5})" << true;
    QTest::newRow("union of three, string") << R"(["null","long","string"])"
                                            << "04 0278"
                                            << R"({"string":"x"})" << true;
    QTest::newRow("array") << R"({"type":"array","items":"int"})"
                           << "04 02 04 00"
                           << "[1,2]" << true;
    QTest::newRow("array, block with byte size") << R"({"type":"array","items":"int"})"
                                                 << "03 04 02 04 00"
                                                 << "[1,2]" << false;
    QTest::newRow("array, two blocks") << R"({"type":"array","items":"int"})"
                                       << "02 02 02 04 00"
                                       << "[1,2]" << false;
    QTest::newRow("empty array") << R"({"type":"array","items":"int"})"
                                 << "00"
                                 << "[]" << true;
    QTest::newRow("map") << R"({"type":"map","values":"long"})"
                         << "02 0261 02 00"
                         << R"({"a":1})" << true;
    QTest::newRow("enum") << R"({"type":"enum","name":"E","symbols":["A","B","C"]})"
                          << "04"
                          << R"("C")" << true;
    QTest::newRow("fixed as base64") << R"({"type":"fixed","name":"F","size":3})"
                                     << "010203"
                                     << R"("AQID")" << true;
    QTest::newRow("decimal 12.34") << decimal << "04 04d2"
                                   << R"("12.34")" << true;
    QTest::newRow("decimal -0.05") << decimal << "02 fb"
                                   << R"("-0.05")" << true;
    QTest::newRow("decimal 0") << decimal << "02 00"
                               << R"("0.00")" << true;
    QTest::newRow("decimal 128, sign byte") << R"({"type":"bytes","logicalType":"decimal","precision":5})"
                                            << "04 0080"
                                            << R"("128")" << true;
    QTest::newRow("decimal on fixed")
        << R"({"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":9,"scale":3})"
        << "ffed2979"
        << R"("-1234.567")" << true;
    QTest::newRow("decimal of 20 bytes")
        << R"({"type":"bytes","logicalType":"decimal","precision":40,"scale":1})"
        << "28 7fffffffffffffffffffffffffffffffffffffff"
        << R"("73075081866545145910184241635814150982796627148.7")" << false; // precision 40 < 48 digits
    QTest::newRow("date") << R"({"type":"int","logicalType":"date"})"
                          << "ecc402"
                          << R"("2026-12-03")" << true;
    QTest::newRow("date before 1970") << R"({"type":"int","logicalType":"date"})"
                                      << "01"
                                      << R"("1969-12-31")" << true;
    QTest::newRow("time-millis") << R"({"type":"int","logicalType":"time-millis"})"
                                 << "96899c23"
                                 << R"("10:15:30.123")" << true;
    QTest::newRow("time-micros") << R"({"type":"long","logicalType":"time-micros"})"
                                 << "80dba7939302"
                                 << R"("10:15:30.123456")" << true;
    QTest::newRow("timestamp-millis") << ts("timestamp-millis") << "96a9b7b6c768"
                                      << R"("2026-12-03T10:15:30.123Z")" << true;
    QTest::newRow("timestamp-millis -1") << ts("timestamp-millis") << "01"
                                         << R"("1969-12-31T23:59:59.999Z")" << true;
    QTest::newRow("timestamp-micros") << ts("timestamp-micros") << "80db99a081eeb006"
                                      << R"("2026-12-03T10:15:30.123456Z")" << true;
    QTest::newRow("local-timestamp-millis") << ts("local-timestamp-millis") << "96a9b7b6c768"
                                            << R"("2026-12-03T10:15:30.123")" << true;
    QTest::newRow("timestamp past 9999 as a number") << ts("timestamp-millis") << "feffffffffffffffff01"
                                                     << "9223372036854775807" << true;
    QTest::newRow("uuid string")
        << R"({"type":"string","logicalType":"uuid"})"
        << "48 31323365343536372d653839622d313264332d613435362d343236363134313734303030"
        << R"("123e4567-e89b-12d3-a456-426614174000")" << true;
    QTest::newRow("uuid fixed") << R"({"type":"fixed","name":"U","size":16,"logicalType":"uuid"})"
                                << "123e4567e89b12d3a456426614174000"
                                << R"("123e4567-e89b-12d3-a456-426614174000")" << true;
    QTest::newRow("duration") << R"({"type":"fixed","name":"Dur","size":12,"logicalType":"duration"})"
                              << "01000000 02000000 03000000"
                              << R"({"months":1,"days":2,"milliseconds":3})" << true;
    QTest::newRow("logical type on the wrong type is ignored") << R"({"type":"string","logicalType":"date"})"
                                                               << "02 78"
                                                               << R"("x")" << true;
    QTest::newRow("UTF-8 string") << R"("string")"
                                  << "12 c3a9 e282ac f09f9880"
                                  << "\"\u00e9\u20ac\U0001F600\"" << true;
    QTest::newRow("escapes") << R"("string")"
                             << "06 22 0a 01"
                             << R"("\"\n\u0001")" << true;
    QTest::newRow("invalid UTF-8 shown as U+FFFD") << R"("string")"
                                                   << "02 ff"
                                                   << R"("\ufffd")" << false;
    QTest::newRow("recursive list")
        << R"({"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]})"
        << "02 02 04 00"
        << R"({"v":1,"next":{"v":2,"next":null}})" << true;
}

void TestAvro::handEncoded()
{
    QFETCH(QString, schema);
    QFETCH(QString, hex);
    QFETCH(QString, json);
    QFETCH(bool, roundTrip);
    const auto codec = compiled(schema);
    QVERIFY(codec);
    const auto bytes = fromHex(hex.toStdString());
    QCOMPARE(decoded(*codec, bytes), json);
    if (roundTrip) {
        const auto encoded = codec->encodeFromJson(json.toStdString());
        QVERIFY2(encoded.ok(), qPrintable(encoded.error()));
        QCOMPARE(QString::fromStdString(toHex(encoded.value())), QString::fromStdString(toHex(bytes)));
    }
}

void TestAvro::avroCWriterBytes()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    QVERIFY(codec);
    AvroCValue order(codec->schemaJson()); // avro-c compiles the inlined schema
    fillOrder(order.value());
    const auto bytes = order.write();
    QCOMPARE(decoded(*codec, bytes), QString::fromLatin1(kOrderJson));
    const auto encoded = codec->encodeFromJson(kOrderJson);
    QVERIFY2(encoded.ok(), qPrintable(encoded.error()));
    QCOMPARE(toHex(encoded.value()), toHex(bytes));
}

void TestAvro::avroCReadsOurBytes()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    QVERIFY(codec);
    const auto encoded = codec->encodeFromJson(kOrderJson);
    QVERIFY2(encoded.ok(), qPrintable(encoded.error()));
    AvroCValue expected(codec->schemaJson());
    fillOrder(expected.value());
    AvroCValue read(codec->schemaJson());
    QCOMPARE(read.read(encoded.value()), QString());
    QVERIFY(avro_value_equal(expected.value(), read.value()));

    AvroCValue primitives(kPrimitives);
    const auto p = compiled(kPrimitives);
    const auto pBytes = p->encodeFromJson(kPrimitivesJson);
    QVERIFY(pBytes.ok());
    QCOMPARE(primitives.read(pBytes.value()), QString());
    auto score = field(primitives.value(), "score");
    double d = 0;
    avro_value_get_double(&score, &d);
    QCOMPARE(d, 1.5);
}

void TestAvro::references()
{
    // Without the reference the schema does not compile, and the error names the type.
    const auto missing = AvroCodec::compile(QString::fromLatin1(kOrder));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QLatin1String("\"Address\"")), qPrintable(missing.error()));
    QVERIFY2(
        missing.error().contains(QLatin1String("edis.fixtures.Order.home")), qPrintable(missing.error()));

    // The referenced record is defined once, at its first use; the second use is by name.
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    QVERIFY(codec);
    const auto inlined = nlohmann::json::parse(codec->schemaJson());
    QCOMPARE(inlined["fields"][2]["type"]["name"].get<std::string>(), std::string("Address"));
    QCOMPARE(inlined["fields"][2]["type"]["namespace"].get<std::string>(), std::string("edis.fixtures"));
    QCOMPARE(inlined["fields"][3]["type"][1].get<std::string>(), std::string("edis.fixtures.Address"));
    QCOMPARE(codec->typeName(), std::string("edis.fixtures.Order"));

    // A reference that uses another reference; the main schema uses a type nested in one.
    const SchemaReferences chain = {
        {QStringLiteral("a.Outer"),
            QStringLiteral(R"({"type":"record","name":"Outer","namespace":"a","fields":[
              {"name":"inner","type":"b.Inner"},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["X","Y"]}}]})")},
        {QStringLiteral("b.Inner"),
            QStringLiteral(
                R"({"type":"record","name":"Inner","namespace":"b","fields":[{"name":"v","type":"int"}]})")},
    };
    const auto main = compiled(QStringLiteral(R"({"type":"record","name":"M","fields":[
        {"name":"k","type":"a.Kind"},{"name":"o","type":"a.Outer"},{"name":"i","type":"b.Inner"}]})"),
        chain);
    QVERIFY(main);
    // k = Y (02), o = {inner {v 1}, kind X}, i = {v 2}
    QCOMPARE(decoded(*main, fromHex("02 02 00 04")),
        QStringLiteral(R"({"k":"Y","o":{"inner":{"v":1},"kind":"X"},"i":{"v":2}})"));

    // A reference that is not JSON says which one.
    const auto broken = AvroCodec::compile(
        QString::fromLatin1(kOrder), {{QStringLiteral("edis.fixtures.Address"), QStringLiteral("{oops")}});
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().contains(QLatin1String("edis.fixtures.Address")), qPrintable(broken.error()));
}

void TestAvro::referenceNamespaces()
{
    // A reference in the null namespace used from a namespaced schema, and a reference whose own
    // short names resolve in its namespace, not in the main schema's.
    const SchemaReferences refs = {
        {QStringLiteral("Plain"),
            QStringLiteral(R"({"type":"record","name":"Plain","fields":[{"name":"p","type":"int"}]})")},
        {QStringLiteral("x.Box"), QStringLiteral(R"({"type":"record","name":"Box","namespace":"x","fields":[
              {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED"]}},{"name":"again","type":"Color"}]})")},
    };
    const auto codec = compiled(QStringLiteral(R"({"type":"record","name":"Main","namespace":"m","fields":[
        {"name":"plain","type":"Plain"},{"name":"box","type":"x.Box"},
        {"name":"color","type":"x.Color"}]})"),
        refs);
    QVERIFY(codec);
    QCOMPARE(decoded(*codec, fromHex("02 00 00 00")),
        QStringLiteral(R"({"plain":{"p":1},"box":{"e":"RED","again":"RED"},"color":"RED"})"));
    const auto inlined = nlohmann::json::parse(codec->schemaJson());
    QCOMPARE(inlined["fields"][0]["type"]["namespace"].get<std::string>(),
        std::string()); // stays in the null namespace
}

void TestAvro::unionStyles()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    QVERIFY(codec);
    const auto bytes = codec->encodeFromJson(kOrderJson).value();
    DecodeOptions avroJson;
    avroJson.unions = UnionStyle::AvroJson;
    const auto tagged = nlohmann::json::parse(decoded(*codec, bytes, avroJson).toStdString());
    QCOMPARE(tagged["home"]["zip"], nlohmann::json({{"string", "10115"}}));
    QCOMPARE(tagged["previous"], nlohmann::json({{"edis.fixtures.Status", "NEW"}}));
    QCOMPARE(tagged["second"], nlohmann::json(nullptr));
    QCOMPARE(tagged["contact"], nlohmann::json::parse(R"({"edis.fixtures.Phone":{"number":"+49"}})"));
    // What either style prints encodes back to the same bytes.
    QCOMPARE(toHex(codec->encodeFromJson(tagged.dump()).value()), toHex(bytes));
}

void TestAvro::taggedAndPlainUnionInput()
{
    const auto codec = compiled(QStringLiteral(R"(["null","int","double","string",
        {"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":"int"}]},
        {"type":"map","values":"string"}])"));
    QVERIFY(codec);
    const auto hex = [&](const char *json) {
        const auto r = codec->encodeFromJson(json);
        return r ? QString::fromStdString(toHex(r.value())) : QStringLiteral("ERROR: ") + r.error();
    };
    QCOMPARE(hex("null"), QStringLiteral("00"));
    QCOMPARE(hex("3"), QStringLiteral("0206")); // an integer takes the int branch, not double
    QCOMPARE(hex("1.5"), QStringLiteral("04000000000000f83f"));
    QCOMPARE(hex(R"("x")"), QStringLiteral("060278"));
    QCOMPARE(hex(R"({"double":3})"), QStringLiteral("040000000000000840"));
    QCOMPARE(hex(R"({"n.R":{"a":1}})"), QStringLiteral("0802"));
    QCOMPARE(hex(R"({"R":{"a":1}})"), QStringLiteral("0802")); // the short name tags too
    QCOMPARE(hex(R"({"a":1})"), QStringLiteral("0802")); // plain: the record fits first
    QCOMPARE(hex(R"({"k":"v"})"), QStringLiteral("0a02026b027600")); // plain: only the map fits
    QVERIFY(hex("[1]").contains(QLatin1String("fits no branch")));
}

void TestAvro::pretty()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    const auto bytes = codec->encodeFromJson(kOrderJson).value();
    DecodeOptions options;
    options.pretty = true;
    const auto text = decoded(*codec, bytes, options);
    QVERIFY2(text.contains(
                 QLatin1String("{\n  \"id\": 42,\n  \"status\": \"PAID\",\n  \"home\": {\n    \"street\"")),
        qPrintable(text));
    QCOMPARE(nlohmann::json::parse(text.toStdString()), nlohmann::json::parse(kOrderJson));
    const auto empty = compiled(QStringLiteral(
        R"({"type":"record","name":"E","fields":[{"name":"a","type":{"type":"array","items":"int"}}]})"));
    QCOMPARE(decoded(*empty, fromHex("00"), options), QStringLiteral("{\n  \"a\": []\n}"));
}

void TestAvro::defaultsAndOmittedFields()
{
    const auto codec = compiled(QStringLiteral(R"({"type":"record","name":"D","fields":[
        {"name":"a","type":"int"},
        {"name":"retries","type":"int","default":3},
        {"name":"raw","type":"bytes","default":"\u00ff"},
        {"name":"opt","type":["null","string"],"default":null},
        {"name":"first","type":["string","null"],"default":"z"},
        {"name":"noDefault","type":["null","long"]},
        {"name":"tags","type":{"type":"array","items":"string"},"default":[]}]})"));
    QVERIFY(codec);
    const auto r = codec->encodeFromJson(R"({"a":1})");
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(QString::fromStdString(toHex(r.value())),
        QStringLiteral("02"
                       "06"
                       "02ff"
                       "00"
                       "00027a"
                       "00"
                       "00"));
}

void TestAvro::timestampsWithOffsets()
{
    const auto codec = compiled(QStringLiteral(R"({"type":"long","logicalType":"timestamp-millis"})"));
    const auto z = codec->encodeFromJson(R"("2026-12-03T10:15:30.123Z")").value();
    QCOMPARE(codec->encodeFromJson(R"("2026-12-03T12:15:30.123+02:00")").value(), z);
    QCOMPARE(codec->encodeFromJson(R"("2026-12-03T10:15:30.123")").value(), z); // no zone: UTC
    QCOMPARE(codec->encodeFromJson("1796292930123").value(), z); // the plain number
    QCOMPARE(decoded(*codec, codec->encodeFromJson(R"("2026-12-03T10:15:30Z")").value()),
        QStringLiteral(R"("2026-12-03T10:15:30.000Z")"));
}

void TestAvro::badSchemas_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty text") << ""
                                << "not valid JSON";
    QTest::newRow("not JSON") << "{\"type\":"
                              << "not valid JSON";
    QTest::newRow("unknown type")
        << R"({"type":"record","name":"R","fields":[{"name":"a","type":"Missing"}]})"
        << "Unknown type \"Missing\"";
    QTest::newRow("record without name") << R"({"type":"record","fields":[]})"
                                         << "needs a \"name\"";
    QTest::newRow("record without fields") << R"({"type":"record","name":"R"})"
                                           << "needs \"fields\"";
    QTest::newRow("bad name") << R"({"type":"record","name":"1bad","fields":[]})"
                              << "not a valid Avro name";
    QTest::newRow("two fields, one name")
        << R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]})"
        << "two fields named a";
    QTest::newRow("enum symbol twice") << R"({"type":"enum","name":"E","symbols":["A","A"]})"
                                       << "lists A twice";
    QTest::newRow("fixed without size") << R"({"type":"fixed","name":"F"})"
                                        << "\"size\"";
    QTest::newRow("union with a type twice") << R"(["null","null"])"
                                             << "two branches";
    QTest::newRow("union in a union") << R"(["null",["int"]])"
                                      << "cannot hold another union";
    QTest::newRow("array without items") << R"({"type":"array"})"
                                         << "needs \"items\"";
    QTest::newRow("type defined twice")
        << R"({"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":{"type":"fixed","name":"F","size":2}}]})"
        << "defined twice";
    QTest::newRow("a number") << "5"
                              << "not an Avro schema";
    QTest::newRow("type object without type") << R"({"name":"x"})"
                                              << "no \"type\"";
}

void TestAvro::badSchemas()
{
    QFETCH(QString, schema);
    QFETCH(QString, says);
    const auto codec = AvroCodec::compile(schema);
    QVERIFY(!codec.ok());
    QVERIFY2(codec.error().contains(says), qPrintable(codec.error()));
}

void TestAvro::badPayloads_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("hex");
    QTest::addColumn<QString>("says");
    const auto list = QStringLiteral(
        R"({"type":"record","name":"L","fields":[{"name":"v","type":"int"},{"name":"tags","type":{"type":"array","items":"string"}}]})");
    QTest::newRow("trailing bytes") << kPrimitives << QString::fromLatin1(kPrimitivesHex) + "00"
                                    << "1 bytes are left";
    QTest::newRow("empty payload") << kPrimitives << ""
                                   << "truncated";
    QTest::newRow("union index past the end") << R"(["null","string"])"
                                              << "0a"
                                              << "union branch 5";
    QTest::newRow("negative union index") << R"(["null","string"])"
                                          << "01"
                                          << "union branch -1";
    QTest::newRow("enum index past the end") << R"({"type":"enum","name":"E","symbols":["A","B","C"]})"
                                             << "06"
                                             << "enum index 3";
    QTest::newRow("negative string length") << R"("string")"
                                            << "01"
                                            << "negative length (-1)";
    QTest::newRow("string longer than the payload") << R"("string")"
                                                    << "feffffffffffffffff01"
                                                    << "only 0 bytes are left";
    QTest::newRow("boolean 2") << R"("boolean")"
                               << "02"
                               << "neither 0 nor 1";
    QTest::newRow("int out of range") << R"("int")"
                                      << "8080808010"
                                      << "out of range for an int";
    QTest::newRow("varint of 11 bytes") << R"("long")"
                                        << "ffffffffffffffffffff01"
                                        << "longer than 10 bytes";
    QTest::newRow("a trillion nulls") << R"({"type":"array","items":"null"})"
                                      << "80808080808040"
                                      << "zero-byte type";
    QTest::newRow("more items than bytes") << R"({"type":"array","items":"int"})"
                                           << "d00f 02"
                                           << "items announced";
    QTest::newRow("map key cut") << R"({"type":"map","values":"int"})"
                                 << "02 0a 61"
                                 << "map key of 5 bytes";
    QTest::newRow("fixed cut") << R"({"type":"fixed","name":"F","size":4})"
                               << "0102"
                               << "fixed value of 4 bytes";
    QTest::newRow("double cut") << R"("double")"
                                << "000000"
                                << "inside a double";
    QTest::newRow("path through records and arrays") << list << "02 04 02 61 0a 62"
                                                     << "field tags[1]:";
}

void TestAvro::badPayloads()
{
    QFETCH(QString, schema);
    QFETCH(QString, hex);
    QFETCH(QString, says);
    const auto codec = compiled(schema);
    QVERIFY(codec);
    const auto r = codec->decodeToJson(fromHex(hex.toStdString()));
    QVERIFY2(!r.ok(), r.ok() ? r.value().c_str() : "");
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestAvro::everyTruncation()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    const auto bytes = codec->encodeFromJson(kOrderJson).value();
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const auto r = codec->decodeToJson(std::string_view(bytes).substr(0, n));
        QVERIFY2(!r.ok(), qPrintable(QStringLiteral("a prefix of %1 bytes decoded").arg(n)));
        QVERIFY2(r.error().contains(QLatin1String("truncated")), qPrintable(r.error()));
    }
}

void TestAvro::randomBytesNeverCrash()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    auto *random = QRandomGenerator::global();
    int decodedCount = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string bytes(std::size_t(random->bounded(64)), '\0');
        for (auto &c : bytes) {
            c = char(random->bounded(256));
        }
        const auto r = codec->decodeToJson(bytes);
        if (r.ok()) {
            ++decodedCount;
            QVERIFY(nlohmann::json::accept(r.value())); // whatever decodes is valid JSON
        } else {
            QVERIFY(!r.error().isEmpty());
        }
    }
    qDebug("%d of 20000 random payloads happened to decode", decodedCount);
}

void TestAvro::badValues_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("says");
    const auto decimal
        = QStringLiteral(R"({"type":"bytes","logicalType":"decimal","precision":10,"scale":2})");
    const auto withScore = [](const char *score) {
        return QStringLiteral(
            R"({"id":1,"n":1,"name":"a","active":true,"score":%1,"ratio":1,"raw":"","nothing":null})")
            .arg(QLatin1String(score));
    };
    QTest::newRow("double as string")
        << kPrimitives << withScore("\"x\"") << R"(field score: expected double, got string "x")";
    QTest::newRow("missing field") << kPrimitives << R"({"id":1})"
                                   << "field n: missing, and the schema gives no default";
    QTest::newRow("unknown field") << kPrimitives << R"({"id":1,"extra":2})"
                                   << "extra is not a field of the record t.P";
    QTest::newRow("not an object") << kPrimitives << "[1]"
                                   << "expected an object (record t.P), got an array";
    QTest::newRow("int too large") << R"("int")"
                                   << "3000000000"
                                   << "out of range for an int";
    QTest::newRow("int with a fraction") << R"("int")"
                                         << "1.5"
                                         << "expected a whole number (int), got number 1.5";
    QTest::newRow("long as a string") << R"("long")"
                                      << R"("5")"
                                      << R"(expected long, got string "5")";
    QTest::newRow("boolean as a number") << R"("boolean")"
                                         << "1"
                                         << "expected boolean, got number 1";
    QTest::newRow("bytes not base64") << R"("bytes")"
                                      << R"("!!")"
                                      << "not base64";
    QTest::newRow("enum symbol") << R"({"type":"enum","name":"E","symbols":["A","B"]})"
                                 << R"("C")"
                                 << R"(expected one of A, B (enum E), got string "C")";
    QTest::newRow("decimal places") << decimal << R"("12.345")"
                                    << "3 decimal places; the schema's scale is 2";
    QTest::newRow("decimal digits") << decimal << R"("123456789.12")"
                                    << "11 significant digits";
    QTest::newRow("decimal junk") << decimal << R"("12,5")"
                                  << "expected a decimal";
    QTest::newRow("date") << R"({"type":"int","logicalType":"date"})"
                          << R"("2026-13-01")"
                          << R"(expected a date ("2026-12-03") or int, got string "2026-13-01")";
    QTest::newRow("timestamp precision") << R"({"type":"long","logicalType":"timestamp-millis"})"
                                         << R"("2026-12-03T10:15:30.1234Z")"
                                         << "more fractional digits than the 3";
    QTest::newRow("local timestamp with a zone")
        << R"({"type":"long","logicalType":"local-timestamp-micros"})"
        << R"("2026-12-03T10:15:30Z")"
        << "has no time zone";
    QTest::newRow("uuid") << R"({"type":"string","logicalType":"uuid"})"
                          << R"("abc")"
                          << "a UUID";
    QTest::newRow("union fits no branch") << R"(["null","long"])"
                                          << R"("x")"
                                          << "fits no branch of the union [null, long]";
    QTest::newRow("fixed size") << R"({"type":"fixed","name":"F","size":4})"
                                << R"("AQID")"
                                << "holds 4 bytes, got 3";
    QTest::newRow("float too large") << R"("float")"
                                     << "1e300"
                                     << "too large for a float";
    QTest::newRow("not JSON") << R"("int")"
                              << "{"
                              << "not valid JSON";
    QTest::newRow("nested path") << QString::fromLatin1(
        kOrder) << QString::fromLatin1(kOrderJson).replace(QLatin1String("\"Main St 1\""), QLatin1String("5"))
                                 << "field home.street: expected string, got number 5";
    QTest::newRow("array item path") << R"({"type":"array","items":"int"})"
                                     << R"([1,"2"])"
                                     << "field [1]: expected int";
}

void TestAvro::badValues()
{
    QFETCH(QString, schema);
    QFETCH(QString, json);
    QFETCH(QString, says);
    const auto codec = compiled(schema, addressReference());
    QVERIFY(codec);
    const auto r = codec->encodeFromJson(json.toStdString());
    QVERIFY2(!r.ok(), "the value was encoded");
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestAvro::deepRecursion()
{
    const auto codec = compiled(QStringLiteral(
        R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})"));
    QVERIFY(codec);
    const std::string deep(300, '\x02'); // 300 times "the next node follows"
    const auto r = codec->decodeToJson(deep + '\0');
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QLatin1String("nested deeper")), qPrintable(r.error()));
    std::string json = "null";
    for (int i = 0; i < 300; ++i) {
        json.insert(0, R"({"next":)").append("}");
    }
    const auto e = codec->encodeFromJson(json);
    QVERIFY(!e.ok());
    QVERIFY2(e.error().contains(QLatin1String("nested deeper")), qPrintable(e.error()));
    const auto shallow = codec->decodeToJson(std::string(100, '\x02') + '\0');
    QVERIFY2(shallow.ok(), qPrintable(shallow.error()));
}

void TestAvro::decodeFromThreads()
{
    const auto codec = compiled(QString::fromLatin1(kOrder), addressReference());
    const auto bytes = codec->encodeFromJson(kOrderJson).value();
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5000; ++i) {
                const auto r = codec->decodeToJson(bytes);
                if (!r.ok() || r.value() != kOrderJson) {
                    ++mismatches;
                }
                const auto e = codec->encodeFromJson(kOrderJson);
                if (!e.ok() || e.value() != bytes) {
                    ++mismatches;
                }
            }
        });
    }
    for (auto &t : threads) {
        t.join();
    }
    QCOMPARE(mismatches.load(), 0);
}

EDIS_REGISTER_SCHEMA_TEST(TestAvro);
#include "tst_avro.moc"
