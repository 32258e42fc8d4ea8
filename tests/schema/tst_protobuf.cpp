// Protobuf: .proto text and base64 FileDescriptorProto schemas, references by import path and
// the well-known types, the message picked by its index list, and payloads encoded by hand from
// the Protobuf wire-format description (tags, varints, zig-zag, length-delimited, fixed64), not
// by protoc-generated code. Bad schemas, indexes, payloads and values: errors, never a crash.

#include "schema/protobufcodec.h"
#include "schema/wireformat.h"
#include "schematest.h"

#include <google/protobuf/descriptor.pb.h>

#include <nlohmann/json.hpp>

#include <QRandomGenerator>
#include <QtTest>

#include <thread>

using namespace edis::schema;
using edis::test::fromHex;
using edis::test::toHex;

class TestProtobuf : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handEncodedOrder();
    void encodeGivesTheSameBytes();
    void defaultsArePrinted();
    void messageIndexes();
    void messageNameOfARecordsIndexes_data();
    void messageNameOfARecordsIndexes();
    void indexOutOfRange_data();
    void indexOutOfRange();
    void references();
    void missingImport();
    void base64Descriptor();
    void base64DescriptorWithDependency();
    void wellKnownTypes();
    void anyResolvesInThePool();
    void unknownFieldsAreReported();
    void pretty();
    void badSchemas_data();
    void badSchemas();
    void badPayloads_data();
    void badPayloads();
    void randomBytesNeverCrash();
    void badValues_data();
    void badValues();
    void requiredFieldsOfProto2();
    void decodeFromThreads();
};

namespace {

const char *const kOrderProto = R"(syntax = "proto3";
package t;
import "google/protobuf/timestamp.proto";

message Money {
  string currency = 1;
  int64 units = 2;
}

message Order {
  message Line {
    string sku = 1;
    int32 qty = 2;
  }
  enum Status {
    UNKNOWN = 0;
    PAID = 1;
  }
  string id = 1;
  repeated Line lines = 2;
  Status status = 3;
  google.protobuf.Timestamp at = 4;
  map<string, int64> counters = 5;
  sint32 delta = 6;
  bytes raw = 7;
  double price = 8;
  bool paid = 9;
  optional string note = 10;
  Money total = 11;
}
)";

// t.Order, field by field: tag = number << 3 | wire type.
const char *const kOrderHex = "0a 02 4131" // 1 id: "A1"
                              "12 05 0a0178 1003" // 2 lines: [{sku "x", qty 3}]
                              "18 01" // 3 status: PAID
                              "22 0b 08c282c5d806 10c0a9d33a" // 4 at: {seconds 1796292930, nanos 123000000}
                              "2a 05 0a0163 1005" // 5 counters: {"c": 5}
                              "30 03" // 6 delta: sint32 -2, zig-zag 3
                              "3a 02 dead" // 7 raw
                              "41 000000000000f83f" // 8 price: 1.5 (fixed64)
                              "48 01"; // 9 paid: true
const char *const kOrderJson
    = R"({"id":"A1","lines":[{"sku":"x","qty":3}],"status":"PAID",)"
      R"("at":"2026-12-03T10:15:30.123Z","counters":{"c":"5"},"delta":-2,"raw":"3q0=",)"
      R"("price":1.5,"paid":true})";

const std::vector<int> kOrderIndex {1};

std::shared_ptr<const ProtobufCodec> compiled(const QString &schema, const SchemaReferences &refs = {})
{
    auto codec = ProtobufCodec::compile(schema, refs);
    if (!codec) {
        qWarning("%s", qPrintable(codec.error()));
        return {};
    }
    return codec.value();
}

nlohmann::json decodedJson(
    const ProtobufCodec &codec, const std::string &bytes, const std::vector<int> &indexes)
{
    const auto r = codec.decodeToJson(bytes, indexes);
    if (!r) {
        qWarning("%s", qPrintable(r.error()));
        return nullptr;
    }
    return nlohmann::json::parse(r.value());
}

QString base64Of(const google::protobuf::FileDescriptorProto &file)
{
    return QString::fromLatin1(QByteArray::fromStdString(file.SerializeAsString()).toBase64());
}

/// t2.proto: message Point { int32 x = 1; string label = 2; }, built without the parser.
google::protobuf::FileDescriptorProto pointFile()
{
    google::protobuf::FileDescriptorProto file;
    file.set_name("t2/point.proto");
    file.set_package("t2");
    file.set_syntax("proto3");
    auto *point = file.add_message_type();
    point->set_name("Point");
    auto *x = point->add_field();
    x->set_name("x");
    x->set_number(1);
    x->set_type(google::protobuf::FieldDescriptorProto::TYPE_INT32);
    x->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    x->set_json_name("x");
    auto *label = point->add_field();
    label->set_name("label");
    label->set_number(2);
    label->set_type(google::protobuf::FieldDescriptorProto::TYPE_STRING);
    label->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    label->set_json_name("label");
    return file;
}

} // namespace

void TestProtobuf::handEncodedOrder()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    QVERIFY(codec);
    QVERIFY(!codec->fromDescriptor());
    QCOMPARE(decodedJson(*codec, fromHex(kOrderHex), kOrderIndex), nlohmann::json::parse(kOrderJson));
    // The nested message by its index list [1, 0]; Money as [0].
    QCOMPARE(
        decodedJson(*codec, fromHex("0a0178 1003"), {1, 0}), nlohmann::json::parse(R"({"sku":"x","qty":3})"));
    QCOMPARE(decodedJson(*codec, fromHex("0a03455552 10 e807"), {0}),
        nlohmann::json::parse(R"({"currency":"EUR","units":"1000"})"));
}

void TestProtobuf::encodeGivesTheSameBytes()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const auto encoded = codec->encodeFromJson(kOrderJson, kOrderIndex);
    QVERIFY2(encoded.ok(), qPrintable(encoded.error()));
    QCOMPARE(toHex(encoded.value()), toHex(fromHex(kOrderHex)));
    // The lowerCamelCase JSON names are accepted too.
    const auto camel = compiled(QStringLiteral("syntax = \"proto3\"; message M { string order_id = 1; }"));
    QCOMPARE(toHex(camel->encodeFromJson(R"({"orderId":"x"})", {}).value()), std::string("0a0178"));
    QCOMPARE(toHex(camel->encodeFromJson(R"({"order_id":"x"})", {}).value()), std::string("0a0178"));
}

void TestProtobuf::defaultsArePrinted()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const auto json = decodedJson(*codec, std::string(), kOrderIndex);
    QCOMPARE(json,
        nlohmann::json::parse(R"({"id":"","lines":[],"status":"UNKNOWN","counters":{},"delta":0,)"
                              R"("raw":"","price":0,"paid":false})"));
}

void TestProtobuf::messageIndexes()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const auto types = codec->messageTypes();
    QCOMPARE(int(types.size()), 3); // the map entry of counters is not listed
    QCOMPARE(types[0].fullName, QStringLiteral("t.Money"));
    QCOMPARE(types[0].indexes, std::vector<int> {0});
    QCOMPARE(types[1].fullName, QStringLiteral("t.Order"));
    QCOMPARE(types[2].fullName, QStringLiteral("t.Order.Line"));
    QCOMPARE(types[2].indexes, (std::vector<int> {1, 0}));
    QCOMPARE(codec->messageName(std::vector<int> {}).value(), QStringLiteral("t.Money"));
    QCOMPARE(codec->messageName(std::vector<int> {1, 0}).value(), QStringLiteral("t.Order.Line"));
}

void TestProtobuf::messageNameOfARecordsIndexes_data()
{
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QString>("name"); // empty: no such message
    QTest::newRow("empty list: the first message") << QList<int> {} << "n.First";
    QTest::newRow("[0]: the first message") << QList<int> {0} << "n.First";
    QTest::newRow("[1]: the second top-level message") << QList<int> {1} << "n.Second";
    QTest::newRow("[0, 0]: the first nested message of the first") << QList<int> {0, 0} << "n.First.A";
    QTest::newRow("[0, 2]: the third nested message of the first") << QList<int> {0, 2} << "n.First.C";
    QTest::newRow("[0, 2, 0]: nested twice") << QList<int> {0, 2, 0} << "n.First.C.Deep";
    QTest::newRow("[2]: out of range") << QList<int> {2} << "";
    QTest::newRow("[0, 3]: out of range") << QList<int> {0, 3} << "";
}

/// The message a framed record's index list names (what the produce dialog preselects for a held
/// record): the list as the wire format carries it, read back, then resolved in the schema.
void TestProtobuf::messageNameOfARecordsIndexes()
{
    QFETCH(QList<int>, indexes);
    QFETCH(QString, name);
    const auto codec = compiled(QStringLiteral("syntax = \"proto3\"; package n;\n"
                                               "message First { message A {} message B {}\n"
                                               "  message C { message Deep {} } }\n"
                                               "message Second {}\n"));
    QVERIFY(codec);
    std::string payload;
    wire::appendMessageIndexes(payload, std::vector<int>(indexes.begin(), indexes.end()));
    const auto parsed = wire::parseMessageIndexes(payload);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    const auto resolved = codec->messageName(parsed->indexes);
    if (name.isEmpty()) {
        QVERIFY(!resolved.ok());
        QVERIFY2(resolved.error().contains(QLatin1String("out of range")), qPrintable(resolved.error()));
    } else {
        QVERIFY2(resolved.ok(), qPrintable(resolved.error()));
        QCOMPARE(resolved.value(), name);
    }
}

void TestProtobuf::indexOutOfRange_data()
{
    QTest::addColumn<QList<int>>("indexes");
    QTest::addColumn<QString>("says");
    QTest::newRow("[2]") << QList<int> {2} << "[2] is out of range: the schema has 2 top-level messages";
    QTest::newRow("[1, 5]") << QList<int> {1, 5} << "[1, 5] is out of range: t.Order has 2 nested messages";
    QTest::newRow("[0, 0]") << QList<int> {0, 0} << "t.Money has 0 nested messages";
    QTest::newRow("[-1]") << QList<int> {-1} << "out of range";
}

void TestProtobuf::indexOutOfRange()
{
    QFETCH(QList<int>, indexes);
    QFETCH(QString, says);
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const std::vector<int> idx(indexes.begin(), indexes.end());
    const auto d = codec->decodeToJson(std::string(), idx);
    QVERIFY(!d.ok());
    QVERIFY2(d.error().contains(says), qPrintable(d.error()));
    const auto e = codec->encodeFromJson("{}", idx);
    QVERIFY(!e.ok());
    QVERIFY2(e.error().contains(says), qPrintable(e.error()));
}

void TestProtobuf::references()
{
    const SchemaReferences refs = {
        {QStringLiteral("edis/common/money.proto"),
            QStringLiteral(
                "syntax = \"proto3\";\npackage edis.common;\nimport \"edis/common/currency.proto\";\n"
                "message Money { Currency currency = 1; int64 units = 2; }")},
        {QStringLiteral("edis/common/currency.proto"),
            QStringLiteral(
                "syntax = \"proto3\";\npackage edis.common;\nenum Currency { EUR = 0; USD = 1; }")},
    };
    const auto codec
        = compiled(QStringLiteral("syntax = \"proto3\";\npackage shop;\n"
                                  "import \"edis/common/money.proto\";\n"
                                  "message Price { edis.common.Money amount = 1; string note = 2; }"),
            refs);
    QVERIFY(codec);
    // amount {currency USD (08 01), units 7 (10 07)}
    QCOMPARE(decodedJson(*codec, fromHex("0a 04 0801 1007"), {0}),
        nlohmann::json::parse(R"({"amount":{"currency":"USD","units":"7"},"note":""})"));
}

void TestProtobuf::missingImport()
{
    const auto r = ProtobufCodec::compile(QStringLiteral(
        "syntax = \"proto3\";\nimport \"edis/common/money.proto\";\nmessage P { edis.common.Money m = 1; }"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QLatin1String("imports \"edis/common/money.proto\"")), qPrintable(r.error()));
    // A reference that itself imports what is missing says which one.
    const auto nested = ProtobufCodec::compile(
        QStringLiteral("syntax = \"proto3\";\nimport \"a.proto\";\nmessage P { A a = 1; }"),
        {{QStringLiteral("a.proto"),
            QStringLiteral("syntax = \"proto3\";\nimport \"b.proto\";\nmessage A { B b = 1; }")}});
    QVERIFY(!nested.ok());
    QVERIFY2(
        nested.error().contains(QLatin1String("a.proto imports \"b.proto\"")), qPrintable(nested.error()));
}

void TestProtobuf::base64Descriptor()
{
    const auto codec = compiled(base64Of(pointFile()));
    QVERIFY(codec);
    QVERIFY(codec->fromDescriptor());
    QCOMPARE(codec->messageName(std::vector<int> {0}).value(), QStringLiteral("t2.Point"));
    // x = -1 as int32 is a 10-byte varint; label "p"
    QCOMPARE(decodedJson(*codec, fromHex("08 ffffffffffffffffff01 12 01 70"), {0}),
        nlohmann::json::parse(R"({"x":-1,"label":"p"})"));
    // Line breaks in the base64 (as some registries wrap it) are fine.
    auto wrapped = base64Of(pointFile());
    wrapped.insert(10, QLatin1Char('\n'));
    QVERIFY(compiled(wrapped));
}

void TestProtobuf::base64DescriptorWithDependency()
{
    google::protobuf::FileDescriptorProto main;
    main.set_name("t3/line.proto");
    main.set_package("t3");
    main.set_syntax("proto3");
    main.add_dependency("t2/point.proto");
    auto *line = main.add_message_type();
    line->set_name("Line");
    for (int i = 1; i <= 2; ++i) {
        auto *f = line->add_field();
        f->set_name(i == 1 ? "from" : "to");
        f->set_number(i);
        f->set_type(google::protobuf::FieldDescriptorProto::TYPE_MESSAGE);
        f->set_type_name(".t2.Point");
        f->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    }
    const auto codec = compiled(base64Of(main), {{QStringLiteral("t2/point.proto"), base64Of(pointFile())}});
    QVERIFY(codec);
    // from {x 1} to {x 2, label "b"}
    QCOMPARE(decodedJson(*codec, fromHex("0a 02 0801 12 05 0802 120162"), {0}),
        nlohmann::json::parse(R"({"from":{"x":1,"label":""},"to":{"x":2,"label":"b"}})"));
    // The dependency as .proto text works the same.
    const auto mixed = compiled(base64Of(main),
        {{QStringLiteral("t2/point.proto"),
            QStringLiteral(
                "syntax = \"proto3\"; package t2; message Point { int32 x = 1; string label = 2; }")}});
    QVERIFY(mixed);
}

void TestProtobuf::wellKnownTypes()
{
    const auto codec = compiled(QStringLiteral(R"(syntax = "proto3";
import "google/protobuf/duration.proto";
import "google/protobuf/wrappers.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/empty.proto";
message W {
  google.protobuf.Duration took = 1;
  google.protobuf.StringValue maybe = 2;
  google.protobuf.Struct extra = 3;
  google.protobuf.Empty nothing = 4;
})"));
    QVERIFY(codec);
    // took {seconds 1, nanos 500000000}; maybe {value "v"}; extra {fields {"k": {number_value 2}}}
    const auto bytes = fromHex("0a 08 0801 1080cab5ee01"
                               "12 03 0a0176"
                               "1a 10 0a0e 0a016b 1209 110000000000000040");
    QCOMPARE(decodedJson(*codec, bytes, {0}),
        nlohmann::json::parse(R"({"took":"1.500s","maybe":"v","extra":{"k":2}})"));
    QCOMPARE(toHex(codec->encodeFromJson(R"({"took":"1.5s","maybe":"v","extra":{"k":2}})", {}).value()),
        toHex(bytes));
}

void TestProtobuf::anyResolvesInThePool()
{
    const auto codec = compiled(QStringLiteral(R"(syntax = "proto3";
package t;
import "google/protobuf/any.proto";
message Money { string currency = 1; }
message Envelope { google.protobuf.Any body = 1; }
)"));
    QVERIFY(codec);
    const auto encoded = codec->encodeFromJson(
        R"({"body":{"@type":"type.googleapis.com/t.Money","currency":"EUR"}})", std::vector<int> {1});
    QVERIFY2(encoded.ok(), qPrintable(encoded.error()));
    QCOMPARE(decodedJson(*codec, encoded.value(), {1}),
        nlohmann::json::parse(R"({"body":{"@type":"type.googleapis.com/t.Money","currency":"EUR"}})"));
}

void TestProtobuf::unknownFieldsAreReported()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    QStringList problems;
    const auto r = codec->decodeToJson(
        fromHex("0a 02 4131 f806 07"), kOrderIndex, {}, &problems); // field 111 varint 7
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].contains(QLatin1String("111")), qPrintable(problems[0]));
    problems.clear();
    QVERIFY(codec->decodeToJson(fromHex(kOrderHex), kOrderIndex, {}, &problems).ok());
    QVERIFY(problems.isEmpty());
}

void TestProtobuf::pretty()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    DecodeOptions options;
    options.pretty = true;
    const auto r = codec->decodeToJson(fromHex(kOrderHex), kOrderIndex, options);
    QVERIFY(r.ok());
    QVERIFY(r.value().find('\n') != std::string::npos);
    QCOMPARE(nlohmann::json::parse(r.value()), nlohmann::json::parse(kOrderJson));
}

void TestProtobuf::badSchemas_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("says");
    QTest::newRow("syntax error") << "syntax = \"proto3\";\nmessage M {\n  string a = ;\n}"
                                  << "line 3, column";
    QTest::newRow("unknown type") << "syntax = \"proto3\";\nmessage M { Missing a = 1; }"
                                  << "\"Missing\" is not defined";
    QTest::newRow("field number twice") << "syntax = \"proto3\";\nmessage M { int32 a = 1; int32 b = 1; }"
                                        << "has already been used";
    QTest::newRow("base64 that is not a descriptor") << "AAAA"
                                                     << "does not decode";
    QTest::newRow("empty") << ""
                           << "defines no message";
}

void TestProtobuf::badSchemas()
{
    QFETCH(QString, schema);
    QFETCH(QString, says);
    const auto r = ProtobufCodec::compile(schema);
    QString error = r.ok() ? QString() : r.error();
    if (r.ok()) { // a file without messages compiles; picking a message then fails
        const auto d = r.value()->decodeToJson(std::string(), std::vector<int> {0});
        QVERIFY(!d.ok());
        error = d.error();
    }
    QVERIFY2(error.contains(says), qPrintable(error));
}

void TestProtobuf::badPayloads_data()
{
    QTest::addColumn<QString>("hex");
    QTest::newRow("length past the end") << "0a 05 4131";
    QTest::newRow("varint cut") << "18 ff";
    QTest::newRow("fixed64 cut") << "41 0000";
    QTest::newRow("wire type 7") << "0f";
    QTest::newRow("field number 0") << "00 01";
    QTest::newRow("string not UTF-8") << "0a 02 c328";
    QTest::newRow("nested message cut") << "12 05 0a0378";
}

void TestProtobuf::badPayloads()
{
    QFETCH(QString, hex);
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const auto r = codec->decodeToJson(fromHex(hex.toStdString()), kOrderIndex);
    QVERIFY2(!r.ok(), r.ok() ? r.value().c_str() : "");
    QVERIFY2(r.error().contains(QLatin1String("do not match the Protobuf message t.Order")),
        qPrintable(r.error()));
}

void TestProtobuf::randomBytesNeverCrash()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    auto *random = QRandomGenerator::global();
    int decoded = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string bytes(std::size_t(random->bounded(48)), '\0');
        for (auto &c : bytes) {
            c = char(random->bounded(256));
        }
        const auto r = codec->decodeToJson(bytes, kOrderIndex);
        if (r.ok()) {
            ++decoded;
            QVERIFY(nlohmann::json::accept(r.value()));
        }
    }
    qDebug("%d of 20000 random payloads happened to decode (Protobuf keeps unknown fields)", decoded);
}

void TestProtobuf::badValues_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown field") << R"({"nope":1})"
                                   << "nope";
    QTest::newRow("string for a number") << R"({"delta":"x"})"
                                         << "delta";
    QTest::newRow("unknown enum name") << R"({"status":"GONE"})"
                                       << "GONE";
    QTest::newRow("not JSON") << "{"
                              << "does not fit the Protobuf message t.Order";
    QTest::newRow("bad timestamp") << R"({"at":"yesterday"})"
                                   << "does not fit";
}

void TestProtobuf::badValues()
{
    QFETCH(QString, json);
    QFETCH(QString, says);
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const auto r = codec->encodeFromJson(json.toStdString(), kOrderIndex);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestProtobuf::requiredFieldsOfProto2()
{
    const auto codec = compiled(
        QStringLiteral("syntax = \"proto2\";\nmessage R { required int32 a = 1; optional int32 b = 2; }"));
    QVERIFY(codec);
    const auto d = codec->decodeToJson(fromHex("10 01"), {});
    QVERIFY(!d.ok());
    QVERIFY2(d.error().contains(QLatin1String("lacks required fields: a")), qPrintable(d.error()));
    const auto e = codec->encodeFromJson(R"({"b":1})", {});
    QVERIFY(!e.ok());
    QVERIFY2(e.error().contains(QLatin1String("missing field a")), qPrintable(e.error()));
    QCOMPARE(toHex(codec->encodeFromJson(R"({"a":1})", {}).value()), std::string("0801"));
}

void TestProtobuf::decodeFromThreads()
{
    const auto codec = compiled(QString::fromLatin1(kOrderProto));
    const auto bytes = fromHex(kOrderHex);
    const auto expected = codec->decodeToJson(bytes, kOrderIndex).value();
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i) {
                const auto r = codec->decodeToJson(bytes, kOrderIndex);
                if (!r.ok() || r.value() != expected) {
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

EDIS_REGISTER_SCHEMA_TEST(TestProtobuf);
#include "tst_protobuf.moc"
