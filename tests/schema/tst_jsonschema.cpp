// JSON Schema: every keyword of the subset, valid and invalid values with the JSON pointer and
// message of each violation, $ref into the same document and into references, schemas that do
// not compile, and decode/encode around validation.

#include "schema/jsonschema.h"
#include "schematest.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <thread>

using namespace edis::schema;

class TestJsonSchema : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keywords_data();
    void keywords();
    void references();
    void recursiveRef();
    void badSchemas_data();
    void badSchemas();
    void decodeShowsViolations();
    void encodeRefuses();
    void manyViolationsAreBounded();
    void validateFromThreads();
};

namespace {

const char *const kPayment = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "payment_id": {"type": "string", "pattern": "^PAY-[0-9]+$"},
    "amount": {"type": "number", "minimum": 0, "exclusiveMaximum": 1000000},
    "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]},
    "quantity": {"type": "integer", "minimum": 1, "maximum": 100},
    "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
    "payer": {"type": "object", "properties": {"name": {"type": "string", "minLength": 1}}, "required": ["name"]},
    "note": {"type": ["string", "null"]}
  },
  "required": ["payment_id", "amount", "currency"],
  "additionalProperties": false
})";

std::shared_ptr<const JsonSchemaCodec> compiled(const QString &schema, const SchemaReferences &refs = {})
{
    auto codec = JsonSchemaCodec::compile(schema, refs);
    if (!codec) {
        qWarning("%s", qPrintable(codec.error()));
        return {};
    }
    return codec.value();
}

/// "pointer: message" of each violation.
QStringList violationsOf(const JsonSchemaCodec &codec, const char *json)
{
    QStringList out;
    for (const auto &v : codec.validate(nlohmann::ordered_json::parse(json))) {
        out << v.text();
    }
    return out;
}

} // namespace

void TestJsonSchema::keywords_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("expected"); // each violation's text starts with its line here

    const QString payment = QString::fromLatin1(kPayment);
    QTest::newRow("payment, valid") << payment
                                    << R"({"payment_id":"PAY-1","amount":10.5,"currency":"EUR","note":null})"
                                    << QStringList {};
    QTest::newRow("payment, every error")
        << payment
        << R"({"payment_id":"X-1","amount":-5,"currency":"JPY","quantity":1.5,"tags":["a",2,"c"],"payer":{},"note":3,"extra":true})"
        << QStringList {"/payment_id: \"X-1\" does not match the pattern ^PAY-[0-9]+$",
               "/amount: -5 is less than the minimum 0",
               R"(/currency: "JPY" is not one of "EUR", "USD", "GBP")",
               "/quantity: expected integer, got number 1.5", "/tags: 3 items, at most 2 allowed",
               "/tags/1: expected string, got number 2", "/payer: the required property \"name\" is missing",
               "/note: expected string or null, got number 3",
               "/extra: the property \"extra\" is not allowed"};
    QTest::newRow("required at the root")
        << payment << R"({"amount":1})"
        << QStringList {"/: the required property \"payment_id\" is missing",
               "/: the required property \"currency\" is missing"};
    QTest::newRow("root type") << payment << "[1]" << QStringList {"/: expected object, got an array"};
    QTest::newRow("exclusiveMaximum")
        << payment << R"({"payment_id":"PAY-1","amount":1000000,"currency":"EUR"})"
        << QStringList {"/amount: 1000000 is not less than 1000000"};
    QTest::newRow("integer accepts 2.0") << R"({"type":"integer"})"
                                         << "2.0" << QStringList {};
    QTest::newRow("draft-04 exclusiveMinimum") << R"({"minimum":0,"exclusiveMinimum":true})"
                                               << "0" << QStringList {"/: 0 is not greater than 0"};
    QTest::newRow("multipleOf") << R"({"multipleOf":0.01})"
                                << "10.005" << QStringList {"/: 10.005 is not a multiple of 0.01"};
    QTest::newRow("multipleOf ok") << R"({"multipleOf":0.01})"
                                   << "10.05" << QStringList {};
    QTest::newRow("const") << R"({"const":"x"})"
                           << R"("y")" << QStringList {R"(/: "y" is not the constant "x")"};
    QTest::newRow("maxLength in characters") << R"({"maxLength":2})"
                                             << "\"\u00e9\u00e9\"" << QStringList {};
    QTest::newRow("minLength") << R"({"minLength":3})"
                               << R"("ab")" << QStringList {"/: \"ab\" is shorter than 3 characters"};
    QTest::newRow("tuple items, additionalItems false")
        << R"({"items":[{"type":"string"},{"type":"number"}],"additionalItems":false})"
        << R"(["a",1,true])" << QStringList {"/2: no value is allowed here"};
    QTest::newRow("uniqueItems") << R"({"uniqueItems":true})"
                                 << "[1,2,1]" << QStringList {"/: items 0 and 2 are equal"};
    QTest::newRow("contains") << R"({"contains":{"const":3}})"
                              << "[1,2]" << QStringList {"/: no item matches"};
    QTest::newRow("patternProperties and additionalProperties schema")
        << R"({"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":{"type":"number"}})"
        << R"({"x-a":"ok","x-b":1,"n":"no"})"
        << QStringList {"/x-b: expected string, got number 1", "/n: expected number, got string \"no\""};
    QTest::newRow("propertyNames") << R"({"propertyNames":{"maxLength":2}})"
                                   << R"({"abc":1})"
                                   << QStringList {"/: the property name \"abc\" does not match"};
    QTest::newRow("dependencies") << R"({"dependencies":{"card":["cvv"]}})"
                                  << R"({"card":"4111"})"
                                  << QStringList {R"(/: the property "card" requires the property "cvv")"};
    QTest::newRow("min/maxProperties")
        << R"({"minProperties":2,"maxProperties":3})"
        << R"({"a":1})" << QStringList {"/: 1 properties, at least 2 required"};
    QTest::newRow("allOf") << R"({"allOf":[{"type":"number"},{"minimum":5}]})"
                           << "3" << QStringList {"/: 3 is less than the minimum 5"};
    QTest::newRow("anyOf none")
        << R"({"anyOf":[{"type":"string"},{"type":"boolean"}]})"
        << "3"
        << QStringList {
               "/: matches none of the anyOf alternatives (the closest: /: expected string, got number 3)"};
    QTest::newRow("anyOf one") << R"({"anyOf":[{"type":"string"},{"type":"number"}]})"
                               << "3" << QStringList {};
    QTest::newRow("oneOf two") << R"({"oneOf":[{"type":"number"},{"minimum":0}]})"
                               << "3" << QStringList {"/: matches 2 of the oneOf alternatives"};
    QTest::newRow("oneOf exactly one") << R"({"oneOf":[{"type":"number"},{"type":"string"}]})"
                                       << "3" << QStringList {};
    QTest::newRow("not") << R"({"not":{"type":"null"}})"
                         << "null" << QStringList {"/: matches the schema under \"not\""};
    QTest::newRow("if/then/else")
        << R"({"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}})"
        << R"({"kind":"card"})" << QStringList {"/: the required property \"number\" is missing"};
    QTest::newRow("else branch")
        << R"({"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}})"
        << R"({"kind":"sepa"})" << QStringList {"/: the required property \"iban\" is missing"};
    QTest::newRow("$ref to definitions")
        << R"({"definitions":{"pos":{"type":"integer","minimum":1}},"properties":{"n":{"$ref":"#/definitions/pos"}}})"
        << R"({"n":0})" << QStringList {"/n: 0 is less than the minimum 1"};
    QTest::newRow("$ref to $defs") << R"({"$defs":{"s":{"type":"string"}},"items":{"$ref":"#/$defs/s"}})"
                                   << R"(["a",1])" << QStringList {"/1: expected string, got number 1"};
    QTest::newRow("$ref to a JSON pointer with escapes")
        << R"({"definitions":{"a/b":{"type":"string"},"c~d":{"type":"number"}},"properties":{"x":{"$ref":"#/definitions/a~1b"},"y":{"$ref":"#/definitions/c~0d"}}})"
        << R"({"x":1,"y":"z"})" << QStringList {"/x: expected string", "/y: expected number"};
    QTest::newRow("pointer escapes in the value path")
        << R"({"additionalProperties":false})"
        << R"({"a/b":1})" << QStringList {"/a~1b: the property \"a/b\" is not allowed"};
    QTest::newRow("false schema") << "false"
                                  << "1" << QStringList {"/: no value is allowed here"};
    QTest::newRow("true schema") << "true"
                                 << "1" << QStringList {};
    QTest::newRow("unknown keywords and format are annotations") << R"({"format":"email","x-custom":1})"
                                                                 << R"("not an email")" << QStringList {};
}

void TestJsonSchema::keywords()
{
    QFETCH(QString, schema);
    QFETCH(QString, value);
    QFETCH(QStringList, expected);
    const auto codec = compiled(schema);
    QVERIFY(codec);
    const auto actual = violationsOf(*codec, value.toUtf8().constData());
    QVERIFY2(actual.size() == expected.size(), qPrintable(actual.join(QStringLiteral("\n"))));
    for (int i = 0; i < expected.size(); ++i) {
        QVERIFY2(
            actual[i].startsWith(expected[i]), qPrintable(actual[i] + QStringLiteral("  ≠  ") + expected[i]));
    }
}

void TestJsonSchema::references()
{
    const char *address
        = R"({"type":"object","properties":{"zip":{"$ref":"#/definitions/zip"}},"required":["zip"],
                              "definitions":{"zip":{"type":"string","pattern":"^[0-9]{5}$"}}})";
    const char *main = R"({"properties":{"home":{"$ref":"address.json"},
        "work":{"$ref":"./address.json"},"zip":{"$ref":"address.json#/definitions/zip"}}})";
    const SchemaReferences refs = {{QStringLiteral("address.json"), QString::fromLatin1(address)}};
    const auto codec = compiled(QString::fromLatin1(main), refs);
    QVERIFY(codec);
    QCOMPARE(violationsOf(*codec, R"({"home":{"zip":"10115"},"zip":"12345"})"), QStringList());
    const auto v = violationsOf(*codec, R"({"home":{"zip":"1"},"work":{},"zip":5})");
    QCOMPARE(v.size(), 3);
    QVERIFY2(v[0].startsWith(QLatin1String("/home/zip: \"1\" does not match")), qPrintable(v[0]));
    QVERIFY2(v[1].startsWith(QLatin1String("/work: the required property \"zip\"")), qPrintable(v[1]));
    QVERIFY2(v[2].startsWith(QLatin1String("/zip: expected string")), qPrintable(v[2]));

    const auto unknown = JsonSchemaCodec::compile(QStringLiteral(R"({"$ref":"customer.json"})"));
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error().contains(QLatin1String("\"customer.json\" names no reference")),
        qPrintable(unknown.error()));
}

void TestJsonSchema::recursiveRef()
{
    // (a variable, not a macro argument: moc's lexer reads the "#" of a raw string in a macro as an operator)
    const char *tree
        = R"({"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}})";
    const auto codec = compiled(QString::fromLatin1(tree));
    QVERIFY(codec);
    QCOMPARE(violationsOf(*codec, R"({"name":"a","children":[{"name":"b","children":[{"name":"c"}]}]})"),
        QStringList());
    const auto v = violationsOf(*codec, R"({"children":[{"children":[{"name":1}]}]})");
    QCOMPARE(v, QStringList {QStringLiteral("/children/0/children/0/name: expected string, got number 1")});
    // A schema that is only a reference to itself ends at the depth bound.
    const char *selfReference
        = R"({"definitions":{"a":{"$ref":"#/definitions/a"}},"$ref":"#/definitions/a"})";
    const auto loop = compiled(QString::fromLatin1(selfReference));
    QVERIFY(loop);
    const auto l = violationsOf(*loop, "1");
    QCOMPARE(l.size(), 1);
    QVERIFY2(l[0].contains(QLatin1String("recurses through $ref")), qPrintable(l[0]));
}

void TestJsonSchema::badSchemas_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("says");
    QTest::newRow("not JSON") << "{"
                              << "not valid JSON";
    QTest::newRow("a number") << "5"
                              << "a schema must be an object or a boolean";
    QTest::newRow("bad type") << R"({"type":"text"})"
                              << "\"type\" must name JSON types";
    QTest::newRow("bad pattern") << R"({"properties":{"a":{"pattern":"(unclosed"}}})"
                                 << "#/properties/a: the pattern (unclosed";
    QTest::newRow("ref nowhere") << R"({"$ref":"#/definitions/missing"})"
                                 << "points nowhere";
    QTest::newRow("minLength negative") << R"({"minLength":-1})"
                                        << "whole number";
    QTest::newRow("empty anyOf") << R"({"anyOf":[]})"
                                 << "non-empty array";
    QTest::newRow("required not names") << R"({"required":[1]})"
                                        << "must list property names";
}

void TestJsonSchema::badSchemas()
{
    QFETCH(QString, schema);
    QFETCH(QString, says);
    const auto r = JsonSchemaCodec::compile(schema);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(says), qPrintable(r.error()));
}

void TestJsonSchema::decodeShowsViolations()
{
    const auto codec = compiled(QString::fromLatin1(kPayment));
    std::vector<Violation> violations;
    const auto r
        = codec->decodeToJson(R"({"payment_id":"PAY-7","amount":-1,"currency":"EUR"})", {}, &violations);
    QVERIFY(r.ok()); // the value is still shown
    QCOMPARE(r.value(), std::string(R"({"payment_id":"PAY-7","amount":-1,"currency":"EUR"})"));
    QCOMPARE(int(violations.size()), 1);
    QCOMPARE(violations[0].pointer, std::string("/amount"));
    DecodeOptions pretty;
    pretty.pretty = true;
    pretty.validate = false;
    violations.clear();
    const auto p = codec->decodeToJson(R"({"amount":-1})", pretty, &violations);
    QCOMPARE(p.value(), std::string("{\n  \"amount\": -1\n}"));
    QVERIFY(violations.empty());
    const auto bad = codec->decodeToJson("\x00\x01garbage");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().contains(QLatin1String("not valid JSON")), qPrintable(bad.error()));
}

void TestJsonSchema::encodeRefuses()
{
    const auto codec = compiled(QString::fromLatin1(kPayment));
    const auto ok = codec->encodeFromJson(R"({ "payment_id": "PAY-1", "amount": 5, "currency": "USD" })");
    QVERIFY2(ok.ok(), qPrintable(ok.error()));
    QCOMPARE(ok.value(), std::string(R"({"payment_id":"PAY-1","amount":5,"currency":"USD"})"));
    const auto refused = codec->encodeFromJson(R"({"payment_id":"PAY-1","amount":"5","currency":"USD"})");
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("/amount: expected number, got string \"5\"")),
        qPrintable(refused.error()));
}

void TestJsonSchema::manyViolationsAreBounded()
{
    const auto codec = compiled(QStringLiteral(R"({"items":{"type":"string"}})"));
    std::string many = "[";
    for (int i = 0; i < 500; ++i) {
        many += i ? ",1" : "1";
    }
    many += "]";
    const auto v = codec->validate(nlohmann::ordered_json::parse(many));
    QCOMPARE(v.size(), JsonSchemaCodec::kMaxViolations);
    QVERIFY(v.back().message.contains(QLatin1String("only 50 are listed")));
}

void TestJsonSchema::validateFromThreads()
{
    const auto codec = compiled(QString::fromLatin1(kPayment));
    const auto bad = nlohmann::ordered_json::parse(R"({"payment_id":"X","amount":-5,"currency":"EUR"})");
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i) {
                if (codec->validate(bad).size() != 2) {
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

EDIS_REGISTER_SCHEMA_TEST(TestJsonSchema);
#include "tst_jsonschema.moc"
