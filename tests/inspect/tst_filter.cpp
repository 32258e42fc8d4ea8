// The filter language, table-driven: which records each valid expression selects, and where
// and why each invalid one is refused.

#include "filterexpression.h"
#include "testrecords.h"

#include <QtTest>

#include <atomic>
#include <map>

using namespace edis::inspect;
using edis::test::TestRecord;

// Declared before the fixtures: moc loses its way in raw strings holding \".
class TestFilter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void describeNamesTheColumn();
    void usesHeaders();
    void framedPayloadsAreReadThroughTheirJson();
};

namespace {

MessageBatch fixture()
{
    return edis::test::batchOf({
        {"orders", 0, 0, 1000, std::string("k-1"),
            std::string(
                R"({"status":"PAID","amount":120,"customer":{"name":"Ada","tags":["vip","eu"]},"note":"say \"hi\""})"),
            {{"event-type", std::string("OrderPaid")}}},
        {"orders", 1, 1, 2000, std::string("k-2"),
            std::string(
                R"({"status":"NEW","amount":80.5,"customer":{"name":"Linus","tags":[]},"active":true})"),
            {{"event-type", std::string("OrderPlaced")}, {"trace", std::nullopt}}},
        {"customers", 0, 2, 3000, std::nullopt, std::nullopt, {}},
        {"telemetry", 2, 3, 4000, std::string("dev-1"), std::string("\x00\xff", 2), {}},
        // The escape spells "PAID": a raw-bytes shortcut must not miss it.
        {"orders", 0, 4, 5000, std::string("42"), std::string(R"({"status":"PA\u0049D","amount":"120"})"),
            {}},
        {"notes", 1, 5, 6000, std::string("k-3"), std::string("plain text PAID"), {}},
    });
}

QList<int> matching(const FilterExpression &expr, const MessageBatch &batch)
{
    QList<int> offsets;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (expr.matches(batch.at(i))) {
            offsets << int(batch.at(i).offset());
        }
    }
    return offsets;
}

} // namespace

void TestFilter::valid_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QList<int>>("expected");
    const QList<int> all {0, 1, 2, 3, 4, 5};
    QTest::newRow("empty") << "" << all;
    QTest::newRow("string equality") << R"(value.status == "PAID")" << QList<int> {0, 4};
    QTest::newRow("not equal, missing counts") << R"(value.status != "PAID")" << QList<int> {1, 2, 3, 5};
    QTest::newRow("number, string holding a number") << "value.amount > 100" << QList<int> {0, 4};
    QTest::newRow("range") << "value.amount >= 80.5 && value.amount < 100" << QList<int> {1};
    QTest::newRow("number equals number string") << R"(value.amount == "120")" << QList<int> {0, 4};
    QTest::newRow("nested") << R"(value.customer.name == "Ada")" << QList<int> {0};
    QTest::newRow("array index") << R"(value.customer.tags[1] == "eu")" << QList<int> {0};
    QTest::newRow("bracket name") << R"(value["customer"]["name"] == "Linus")" << QList<int> {1};
    QTest::newRow("truthy element") << "value.customer.tags[0]" << QList<int> {0};
    QTest::newRow("truthy bool") << "value.active" << QList<int> {1};
    QTest::newRow("bool literal") << "value.active == true" << QList<int> {1};
    QTest::newRow("negation") << "!value.active" << QList<int> {0, 2, 3, 4, 5};
    QTest::newRow("not binds to comparison") << R"(not value.status == "NEW")" << QList<int> {0, 2, 3, 4, 5};
    QTest::newRow("null key") << "key == null" << QList<int> {2};
    QTest::newRow("null value") << "value == null" << QList<int> {2};
    QTest::newRow("missing is null") << "value.customer == null" << QList<int> {2, 3, 4, 5};
    QTest::newRow("key contains") << R"(key contains "k-")" << QList<int> {0, 1, 5};
    QTest::newRow("regex") << R"(key matches /^k-\d$/)" << QList<int> {0, 1, 5};
    QTest::newRow("regex flag") << "key matches /^K-/i" << QList<int> {0, 1, 5};
    QTest::newRow("regex string") << R"(value.status matches "^P")" << QList<int> {0, 4};
    QTest::newRow("header") << R"(headers.event-type == "OrderPaid")" << QList<int> {0};
    QTest::newRow("header bracket contains")
        << R"(headers["event-type"] contains "Order")" << QList<int> {0, 1};
    QTest::newRow("null header") << "headers.trace == null" << all;
    QTest::newRow("partition") << "partition == 0" << QList<int> {0, 2, 4};
    QTest::newRow("offset range, word operators") << "offset >= 3 and offset < 5" << QList<int> {3, 4};
    QTest::newRow("timestamp ISO") << R"(timestamp > "1970-01-01T00:00:02Z")" << QList<int> {2, 3, 4, 5};
    QTest::newRow("timestamp number") << "timestamp <= 2000" << QList<int> {0, 1};
    QTest::newRow("topic or") << R"(topic == "orders" || topic == "customers")" << QList<int> {0, 1, 2, 4};
    QTest::newRow("parentheses") << "(partition == 0 || partition == 1) && !(key == null)"
                                 << QList<int> {0, 1, 4, 5};
    QTest::newRow("precedence and over or")
        << "partition == 2 || partition == 0 && offset == 4" << QList<int> {3, 4};
    QTest::newRow("raw value contains") << R"(value contains "PAID")" << QList<int> {0, 5};
    QTest::newRow("escaped quotes equal") << R"(value.note == "say \"hi\"")" << QList<int> {0};
    QTest::newRow("escaped quotes contains") << R"(value.note contains "\"hi\"")" << QList<int> {0};
    QTest::newRow("literal on the left") << R"("Ada" == value.customer.name)" << QList<int> {0};
    QTest::newRow("true") << "true" << all;
    QTest::newRow("false") << "false" << QList<int> {};
    QTest::newRow("single quotes") << "key == 'k-2'" << QList<int> {1};
    QTest::newRow("negative number") << "offset > -1" << all;
}

void TestFilter::valid()
{
    QFETCH(QString, expression);
    QFETCH(QList<int>, expected);
    FilterError error;
    const auto expr = FilterExpression::parse(expression, &error);
    QVERIFY2(expr, qPrintable(error.describe()));
    QVERIFY(!error.isError());
    QCOMPARE(matching(*expr, fixture()), expected);
}

void TestFilter::invalid_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing after ==") << "value.x ==" << 11 << "expected value after '=='";
    QTest::newRow("operator after ==") << "value.x == == 3" << 12 << "expected value after '=='";
    QTest::newRow("unknown field") << "foo == 1" << 1 << "unknown field 'foo'";
    QTest::newRow("single =") << R"(value.status = "x")" << 14 << "did you mean '=='";
    QTest::newRow("unclosed paren") << "(partition == 1" << 16 << "expected ')' to close the '(' at column 1";
    QTest::newRow("unterminated string") << R"(key == "abc)" << 8 << "unterminated string";
    QTest::newRow("bad regex") << "key matches /a[/" << 16 << "invalid regular expression";
    QTest::newRow("regex flag") << "key matches /a/q" << 13 << "unknown regular expression flag";
    QTest::newRow("fields of a number") << "partition.x == 1" << 10 << "'partition' has no fields";
    QTest::newRow("header without name") << R"(headers. == "a")" << 10 << "expected a header name";
    QTest::newRow("starts with operator") << "&& key" << 1 << "expected a field or value";
    QTest::newRow("starts with comparison") << "== 3" << 1 << "expected a field or value before '=='";
    QTest::newRow("trailing word") << "key == 1 extra" << 10 << "unexpected 'extra'";
    QTest::newRow("bad time") << R"(timestamp > "yesterday")" << 13 << "expected a time";
    QTest::newRow("single &") << "key & value" << 5 << "did you mean '&&'";
    QTest::newRow("bad index") << "value.a[x] == 1" << 9 << "expected an index";
    QTest::newRow("empty parens") << "()" << 2 << "expected an expression after '('";
    QTest::newRow("lone not") << "!" << 2 << "expected an expression after '!'";
    QTest::newRow("dangling or") << "key == 1 ||" << 12
                                 << "expected a field or value, found end of expression";
    QTest::newRow("bad number") << "offset == 1.2.3" << 11 << "invalid number";
    QTest::newRow("stray character") << "key == 1 # x" << 10 << "unexpected character '#'";
    QTest::newRow("matches a field") << "key matches value" << 13 << "expected a /regular expression/";
}

void TestFilter::invalid()
{
    QFETCH(QString, expression);
    QFETCH(int, column);
    QFETCH(QString, message);
    FilterError error;
    const auto expr = FilterExpression::parse(expression, &error);
    QVERIFY(!expr);
    QVERIFY(error.isError());
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QCOMPARE(error.column, column);
}

void TestFilter::describeNamesTheColumn()
{
    FilterError error;
    QVERIFY(!FilterExpression::parse(QStringLiteral("value.status =="), &error));
    QCOMPARE(error.describe(), QStringLiteral("expected value after '==' at column 16"));
}

void TestFilter::usesHeaders()
{
    const auto uses = [](const char *text) {
        FilterError error;
        const auto expr = FilterExpression::parse(QString::fromUtf8(text), &error);
        return expr && expr->usesHeaders();
    };
    QVERIFY(!uses(""));
    QVERIFY(!uses(R"(value.status == "PAID" && partition < 3)"));
    QVERIFY(!uses(R"(key contains "headers")"));
    QVERIFY(uses(R"(headers.source == "erp")"));
    QVERIFY(uses(R"(value.a == 1 || !(headers["ce-type"] matches /x/))"));

    // Which of key and value an expression reads (a consumer can evaluate it in place).
    const auto parts = [](const char *text) {
        const auto expr = FilterExpression::parse(QString::fromUtf8(text), nullptr);
        return QString::fromLatin1(expr->usesKey() ? "k" : "-")
            + QString::fromLatin1(expr->usesValue() ? "v" : "-");
    };
    QCOMPARE(parts(R"(value.status == "PAID")"), QStringLiteral("-v"));
    QCOMPARE(parts(R"(key contains "4242")"), QStringLiteral("k-"));
    QCOMPARE(parts(R"(partition == 1 && offset > 3)"), QStringLiteral("--"));
    QCOMPARE(parts(R"(key == "a" || value.x > 1)"), QStringLiteral("kv"));
}

EDIS_REGISTER_TEST(TestFilter);
namespace {

/// A JSON reading for framed payloads (magic byte 0, then a one-byte id here) from a table, as
/// a Schema Registry decoder gives one: the filter's side of it, without a registry.
class TableJson final : public PayloadJson {
public:
    std::map<char, std::string> readings;
    mutable std::atomic<int> calls {0};

    bool recognises(std::string_view bytes) const override { return bytes.size() >= 2 && bytes[0] == '\0'; }
    std::optional<std::string> toJson(std::string_view bytes, bool /*isKey*/) const override
    {
        ++calls;
        const auto it = readings.find(bytes[1]);
        return it == readings.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

} // namespace

/// A framed Avro/Protobuf value has no JSON on the wire: its fields are read through its JSON
/// reading. An enum's symbol is not in the raw bytes (Avro writes its index), so the raw-bytes
/// shortcut of `== "lit"` must not reject such a record; a reading that cannot be had (unknown
/// schema) leaves the fields missing; each payload is read once per record.
void TestFilter::framedPayloadsAreReadThroughTheirJson()
{
    TableJson json;
    json.readings['A'] = R"({"status":"PAID","amount":120.5})";
    json.readings['B'] = R"({"status":"NEW","amount":80})";
    json.readings['K'] = R"({"region":"eu"})";
    const MessageBatch batch = edis::test::batchOf({
        {"orders", 0, 0, 1000, std::string("\0K", 2), std::string("\0A\x02\xf1", 4), {}},
        {"orders", 0, 1, 1000, std::string("plain"), std::string("\0B\x04", 3), {}},
        {"orders", 0, 2, 1000, std::string("plain"), std::string("\0Z", 2), {}}, // no reading
        {"orders", 0, 3, 1000, std::string("plain"), std::string(R"({"status":"PAID","amount":1})"), {}},
    });
    const auto matchingWith = [&](const QString &text) {
        FilterError error;
        const auto expr = FilterExpression::parse(text, &error);
        [&] { QVERIFY2(expr, qPrintable(error.describe())); }();
        QList<int> offsets;
        for (std::size_t i = 0; expr && i < batch.size(); ++i) {
            if (expr->matches(batch.at(i), &json)) {
                offsets << int(batch.at(i).offset());
            }
        }
        return offsets;
    };
    QCOMPARE(matchingWith(QStringLiteral(R"(value.status == "PAID")")), QList<int>({0, 3}));
    QCOMPARE(matchingWith(QStringLiteral("value.amount > 100")), QList<int>({0}));
    QCOMPARE(matchingWith(QStringLiteral("value.amount")), QList<int>({0, 1, 3}));
    QCOMPARE(matchingWith(QStringLiteral(R"(key.region == "eu")")), QList<int>({0}));
    QCOMPARE(matchingWith(QStringLiteral(R"(value contains "NEW")")), QList<int>({1}));
    QCOMPARE(matchingWith(QStringLiteral("!value.status")), QList<int>({2}));

    // Without the reading, the same filter sees bytes that are not JSON.
    FilterError error;
    const auto paid = FilterExpression::parse(QStringLiteral(R"(value.status == "PAID")"), &error);
    QVERIFY(paid);
    QVERIFY(!paid->matches(batch.at(0)));

    json.calls = 0;
    const auto both
        = FilterExpression::parse(QStringLiteral(R"(value.status == "PAID" && value.amount > 100)"), &error);
    QVERIFY(both);
    QVERIFY(both->matches(batch.at(0), &json));
    QCOMPARE(json.calls.load(), 1);
}

#include "tst_filter.moc"
