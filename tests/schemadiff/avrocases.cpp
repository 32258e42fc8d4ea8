// Avro pairs. Expected effects come from the Avro specification's schema resolution rules as
// Apache Avro's Java SchemaCompatibility applies them (BACKWARD: the new schema reads old data;
// FORWARD: the old schema reads new data).

#include "cases.h"

using edis::schemadiff::Effect;

namespace schemadifftest {

namespace {

/// A record com.acme.Order with the given fields (a JSON array body).
QString order(const char *fields)
{
    return QStringLiteral(R"({"type": "record", "name": "Order", "namespace": "com.acme", "fields": [%1]})")
        .arg(QString::fromUtf8(fields));
}

constexpr Effect ok = Effect::Ok;
constexpr Effect breaks = Effect::Breaks;
constexpr Effect guess = Effect::Guess;

} // namespace

std::vector<Case> avroCases()
{
    std::vector<Case> cases;
    cases.push_back({"identical", order(R"({"name": "id", "type": "long"})"),
        order(R"({"name": "id", "type": "long"})"), {}, ok, ok});
    cases.push_back({"whitespace and key order only", order(R"({"name": "id", "type": "long", "doc": "x"})"),
        QStringLiteral(R"({"fields": [{"doc": "x", "type": "long", "name": "id"}], "namespace": "com.acme",
            "name": "Order", "type": "record"})"),
        {}, ok, ok});
    cases.push_back({"field added with default", order(R"({"name": "id", "type": "long"})"),
        order(R"({"name": "id", "type": "long"}, {"name": "note", "type": "string", "default": ""})"),
        {"field-added Order.note ok ok"}, ok, ok});
    cases.push_back({"field added without default", order(R"({"name": "id", "type": "long"})"),
        order(R"({"name": "id", "type": "long"}, {"name": "phone", "type": "string"})"),
        {"field-added Order.phone breaks ok"}, breaks, ok});
    cases.push_back({"optional field added (null default)", order(R"({"name": "id", "type": "long"})"),
        order(
            R"({"name": "id", "type": "long"}, {"name": "phone", "type": ["null", "string"], "default": null})"),
        {"field-added Order.phone ok ok"}, ok, ok});
    cases.push_back({"field removed without default",
        order(R"({"name": "id", "type": "long"}, {"name": "email", "type": "string"})"),
        order(R"({"name": "id", "type": "long"})"), {"field-removed Order.email ok breaks"}, ok, breaks});
    cases.push_back({"field removed with default",
        order(R"({"name": "id", "type": "long"}, {"name": "email", "type": "string", "default": ""})"),
        order(R"({"name": "id", "type": "long"})"), {"field-removed Order.email ok ok"}, ok, ok});
    cases.push_back({"renamed with alias, old field without default",
        order(R"({"name": "id", "type": "long"}, {"name": "mail", "type": "string"})"),
        order(R"({"name": "id", "type": "long"}, {"name": "email", "type": "string", "aliases": ["mail"]})"),
        {"field-renamed Order.email ok breaks"}, ok, breaks});
    cases.push_back({"renamed with alias, old field with default",
        order(R"({"name": "id", "type": "long"}, {"name": "mail", "type": "string", "default": ""})"),
        order(R"({"name": "id", "type": "long"}, {"name": "email", "type": "string", "aliases": ["mail"]})"),
        {"field-renamed Order.email ok ok", "default-removed Order.email ok ok risk"}, ok, ok});
    cases.push_back({"probably renamed (no alias)",
        order(R"({"name": "id", "type": "long"}, {"name": "mail", "type": "string"})"),
        order(R"({"name": "id", "type": "long"}, {"name": "email", "type": "string"})"),
        {"field-probably-renamed Order.email breaks breaks heuristic"}, breaks, breaks});
    cases.push_back({"removed and added at different positions are no rename",
        order(R"({"name": "mail", "type": "string", "default": ""}, {"name": "id", "type": "long"})"),
        order(R"({"name": "id", "type": "long"}, {"name": "email", "type": "string", "default": ""})"),
        {"field-added Order.email ok ok", "field-removed Order.mail ok ok"}, ok, ok});
    cases.push_back({"int to long (promotion)", order(R"({"name": "qty", "type": "int"})"),
        order(R"({"name": "qty", "type": "long"})"), {"type-changed Order.qty ok breaks"}, ok, breaks});
    cases.push_back({"long to int", order(R"({"name": "qty", "type": "long"})"),
        order(R"({"name": "qty", "type": "int"})"), {"type-changed Order.qty breaks ok"}, breaks, ok});
    cases.push_back({"int to double", order(R"({"name": "qty", "type": "int"})"),
        order(R"({"name": "qty", "type": "double"})"), {"type-changed Order.qty ok breaks"}, ok, breaks});
    cases.push_back({"float to double", order(R"({"name": "x", "type": "float"})"),
        order(R"({"name": "x", "type": "double"})"), {"type-changed Order.x ok breaks"}, ok, breaks});
    cases.push_back({"long to float", order(R"({"name": "x", "type": "long"})"),
        order(R"({"name": "x", "type": "float"})"), {"type-changed Order.x ok breaks"}, ok, breaks});
    cases.push_back({"string to bytes", order(R"({"name": "x", "type": "string"})"),
        order(R"({"name": "x", "type": "bytes"})"), {"type-changed Order.x ok ok"}, ok, ok});
    cases.push_back({"int to string", order(R"({"name": "x", "type": "int"})"),
        order(R"({"name": "x", "type": "string"})"), {"type-changed Order.x breaks breaks"}, breaks, breaks});
    cases.push_back({"boolean to int", order(R"({"name": "x", "type": "boolean"})"),
        order(R"({"name": "x", "type": "int"})"), {"type-changed Order.x breaks breaks"}, breaks, breaks});
    cases.push_back({"string made nullable (union widening)", order(R"({"name": "x", "type": "string"})"),
        order(R"({"name": "x", "type": ["null", "string"], "default": null})"),
        {"type-changed Order.x ok breaks", "default-added Order.x ok ok"}, ok, breaks});
    cases.push_back({"nullable made required (union narrowing)",
        order(R"({"name": "x", "type": ["null", "string"], "default": null})"),
        order(R"({"name": "x", "type": "string"})"),
        {"type-changed Order.x breaks ok", "default-removed Order.x ok ok risk"}, breaks, ok});
    cases.push_back({"union branch added", order(R"({"name": "x", "type": ["null", "string"]})"),
        order(R"({"name": "x", "type": ["null", "string", "long"]})"),
        {"union-branch-added Order.x ok breaks"}, ok, breaks});
    cases.push_back({"union branch removed", order(R"({"name": "x", "type": ["null", "string", "long"]})"),
        order(R"({"name": "x", "type": ["null", "string"]})"), {"union-branch-removed Order.x breaks ok"},
        breaks, ok});
    cases.push_back(
        {"union branch int replaced by long", order(R"({"name": "x", "type": ["int", "string"]})"),
            order(R"({"name": "x", "type": ["long", "string"]})"),
            {"union-branch-removed Order.x ok ok", "union-branch-added Order.x ok breaks"}, ok, breaks});
    cases.push_back({"union branches reordered", order(R"({"name": "x", "type": ["string", "long"]})"),
        order(R"({"name": "x", "type": ["long", "string"]})"), {}, ok, ok});
    cases.push_back({"enum symbol added, no enum default",
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}})"),
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "REFUNDED"]}})"),
        {"enum-symbol-added Order.status ok breaks"}, ok, breaks});
    cases.push_back({"enum symbol added, old enum has a default",
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW"], "default": "UNKNOWN"}})"),
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW", "PAID"], "default": "UNKNOWN"}})"),
        {"enum-symbol-added Order.status ok ok"}, ok, ok});
    cases.push_back({"enum symbol removed, no enum default",
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "GONE"]}})"),
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}})"),
        {"enum-symbol-removed Order.status breaks ok"}, breaks, ok});
    cases.push_back({"enum symbol removed, new enum has a default",
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW", "GONE"], "default": "UNKNOWN"}})"),
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW"], "default": "UNKNOWN"}})"),
        {"enum-symbol-removed Order.status ok ok"}, ok, ok});
    cases.push_back({"enum default added with a new symbol",
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}})"),
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "NEW", "PAID"], "default": "UNKNOWN"}})"),
        {"enum-symbol-added Order.status ok breaks", "enum-default-changed Order.status ok ok"}, ok, breaks});
    cases.push_back({"enum symbols reordered",
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}})"),
        order(
            R"({"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PAID", "NEW"]}})"),
        {"enum-symbols-reordered Order.status ok ok"}, ok, ok});
    cases.push_back({"fixed size changed",
        order(R"({"name": "hash", "type": {"type": "fixed", "name": "Md5", "size": 16}})"),
        order(R"({"name": "hash", "type": {"type": "fixed", "name": "Md5", "size": 32}})"),
        {"fixed-size-changed Order.hash breaks breaks"}, breaks, breaks});
    cases.push_back({"record renamed without alias", order(R"({"name": "id", "type": "long"})"),
        QStringLiteral(
            R"({"type": "record", "name": "Purchase", "namespace": "com.acme", "fields": [{"name": "id", "type": "long"}]})"),
        {"name-changed Purchase breaks breaks"}, breaks, breaks});
    cases.push_back({"record renamed with alias", order(R"({"name": "id", "type": "long"})"),
        QStringLiteral(
            R"({"type": "record", "name": "Purchase", "namespace": "com.acme", "aliases": ["Order"], "fields": [{"name": "id", "type": "long"}]})"),
        {"name-changed Purchase ok breaks", "aliases-changed Purchase ok ok"}, ok, breaks});
    cases.push_back({"namespace changed", order(R"({"name": "id", "type": "long"})"),
        QStringLiteral(
            R"({"type": "record", "name": "Order", "namespace": "com.acme.v2", "fields": [{"name": "id", "type": "long"}]})"),
        {"namespace-changed Order ok ok risk"}, ok, ok});
    cases.push_back({"nested record: field added deep down",
        order(R"({"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
            {"name": "address", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}}]}})"),
        order(R"({"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
            {"name": "address", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"},
            {"name": "zip", "type": "string"}]}}]}})"),
        {"field-added Order.customer.address.zip breaks ok"}, breaks, ok});
    cases.push_back({"array items: element field type promoted",
        order(
            R"({"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [{"name": "qty", "type": "int"}]}}})"),
        order(
            R"({"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [{"name": "qty", "type": "long"}]}}})"),
        {"type-changed Order.items[].qty ok breaks"}, ok, breaks});
    cases.push_back(
        {"map values changed", order(R"({"name": "attrs", "type": {"type": "map", "values": "string"}})"),
            order(R"({"name": "attrs", "type": {"type": "map", "values": "int"}})"),
            {"type-changed Order.attrs{} breaks breaks"}, breaks, breaks});
    cases.push_back(
        {"array to map", order(R"({"name": "tags", "type": {"type": "array", "items": "string"}})"),
            order(R"({"name": "tags", "type": {"type": "map", "values": "string"}})"),
            {"type-changed Order.tags breaks breaks"}, breaks, breaks});
    cases.push_back({"doc only", order(R"({"name": "id", "type": "long", "doc": "the id"})"),
        order(R"({"name": "id", "type": "long", "doc": "the order id"})"), {"doc-changed Order.id ok ok"}, ok,
        ok});
    cases.push_back({"field order changed",
        order(R"({"name": "id", "type": "long"}, {"name": "total", "type": "double"})"),
        order(R"({"name": "total", "type": "double"}, {"name": "id", "type": "long"})"),
        {"field-order-changed Order ok ok"}, ok, ok});
    cases.push_back({"sort order changed", order(R"({"name": "id", "type": "long"})"),
        order(R"({"name": "id", "type": "long", "order": "descending"})"),
        {"sort-order-changed Order.id ok ok"}, ok, ok});
    cases.push_back({"logical type added", order(R"({"name": "at", "type": "long"})"),
        order(R"({"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}})"),
        {"logical-type-changed Order.at ok ok"}, ok, ok});
    cases.push_back({"logical type changed millis to micros",
        order(R"({"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}})"),
        order(R"({"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}})"),
        {"logical-type-changed Order.at guess guess"}, guess, guess});
    cases.push_back({"decimal scale changed",
        order(
            R"({"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}})"),
        order(
            R"({"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 4}})"),
        {"logical-type-changed Order.amount guess guess"}, guess, guess});
    cases.push_back({"default changed", order(R"({"name": "currency", "type": "string", "default": "EUR"})"),
        order(R"({"name": "currency", "type": "string", "default": "USD"})"),
        {"default-changed Order.currency ok ok"}, ok, ok});
    cases.push_back({"default added", order(R"({"name": "currency", "type": "string"})"),
        order(R"({"name": "currency", "type": "string", "default": "EUR"})"),
        {"default-added Order.currency ok ok"}, ok, ok});
    cases.push_back({"recursive type: field added to the node",
        QStringLiteral(R"({"type": "record", "name": "Node", "fields": [{"name": "value", "type": "long"},
            {"name": "next", "type": ["null", "Node"], "default": null}]})"),
        QStringLiteral(R"({"type": "record", "name": "Node", "fields": [{"name": "value", "type": "long"},
            {"name": "next", "type": ["null", "Node"], "default": null}, {"name": "label", "type": "string"}]})"),
        {"field-added Node.label breaks ok"}, breaks, ok});
    cases.push_back({"shared named type reported once",
        order(
            R"({"name": "billing", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}},
            {"name": "shipping", "type": "Address"})"),
        order(
            R"({"name": "billing", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}, {"name": "zip", "type": "string", "default": ""}]}},
            {"name": "shipping", "type": "Address"})"),
        {"field-added Order.billing.zip ok ok"}, ok, ok});
    cases.push_back({"union of records: field removed in one branch",
        order(
            R"({"name": "payment", "type": [{"type": "record", "name": "Card", "fields": [{"name": "number", "type": "string"}]},
            {"type": "record", "name": "Transfer", "fields": [{"name": "iban", "type": "string"}]}]})"),
        order(R"({"name": "payment", "type": [{"type": "record", "name": "Card", "fields": []},
            {"type": "record", "name": "Transfer", "fields": [{"name": "iban", "type": "string"}]}]})"),
        {"field-removed Order.payment(Card).number ok breaks"}, ok, breaks});
    cases.push_back({"top-level primitive changed", QStringLiteral(R"("string")"), QStringLiteral(R"("int")"),
        {"type-changed  breaks breaks"}, breaks, breaks});
    cases.push_back({"top-level string to nullable union", QStringLiteral(R"("string")"),
        QStringLiteral(R"(["null", "string"])"), {"type-changed  ok breaks"}, ok, breaks});
    Case referenced {"referenced type gains a required field",
        order(R"({"name": "customer", "type": "com.acme.Customer"})"),
        order(R"({"name": "customer", "type": "com.acme.Customer"})"),
        {"field-added Order.customer.email breaks ok"}, breaks, ok};
    referenced.oldReferences.insert(QStringLiteral("com.acme.Customer"),
        QStringLiteral(
            R"({"type": "record", "name": "Customer", "namespace": "com.acme", "fields": [{"name": "name", "type": "string"}]})"));
    referenced.newReferences.insert(QStringLiteral("com.acme.Customer"),
        QStringLiteral(
            R"({"type": "record", "name": "Customer", "namespace": "com.acme", "fields": [{"name": "name", "type": "string"}, {"name": "email", "type": "string"}]})"));
    cases.push_back(referenced);
    cases.push_back({"undotted reference in a nested namespace falls back to the null namespace",
        QStringLiteral(R"({"type": "record", "name": "Wrapper", "fields": [
            {"name": "a", "type": {"type": "record", "name": "Plain", "fields": [{"name": "x", "type": "int"}]}},
            {"name": "b", "type": {"type": "record", "name": "Inner", "namespace": "ns", "fields": [{"name": "p", "type": "Plain"}]}}]})"),
        QStringLiteral(R"({"type": "record", "name": "Wrapper", "fields": [
            {"name": "a", "type": {"type": "record", "name": "Plain", "fields": [{"name": "x", "type": "long"}]}},
            {"name": "b", "type": {"type": "record", "name": "Inner", "namespace": "ns", "fields": [{"name": "p", "type": "Plain"}]}}]})"),
        {"type-changed Wrapper.a.x ok breaks"}, ok, breaks});
    return cases;
}

} // namespace schemadifftest
