// JSON Schema pairs. BACKWARD holds when every document valid under the old schema is valid under
// the new one, FORWARD when every document valid under the new schema is valid under the old one;
// content models and required-with-default as in Confluent's JSON Schema checker.

#include "cases.h"

using edis::schemadiff::Effect;

namespace schemadifftest {

namespace {

/// An object schema with the given "properties" body and extra keywords.
QString object(const char *properties, const char *extra = "")
{
    return QStringLiteral(R"({"type": "object", "properties": {%1}%2})")
        .arg(QString::fromUtf8(properties), QString::fromUtf8(extra));
}

constexpr Effect ok = Effect::Ok;
constexpr Effect breaks = Effect::Breaks;
constexpr Effect guess = Effect::Guess;

} // namespace

std::vector<Case> jsonSchemaCases()
{
    std::vector<Case> cases;
    const char *closed = R"(, "additionalProperties": false)";
    cases.push_back({"identical", object(R"("id": {"type": "integer"})"),
        object(R"("id": {"type": "integer"})"), {}, ok, ok});
    cases.push_back({"key order only", object(R"("id": {"type": "integer", "minimum": 1})"),
        QStringLiteral(R"({"properties": {"id": {"minimum": 1, "type": "integer"}}, "type": "object"})"), {},
        ok, ok});
    cases.push_back({"property added to an open object", object(R"("id": {"type": "integer"})"),
        object(R"("id": {"type": "integer"}, "note": {"type": "string"})"), {"field-added $.note breaks ok"},
        breaks, ok});
    cases.push_back(
        {"property with an empty schema added to an open object", object(R"("id": {"type": "integer"})"),
            object(R"("id": {"type": "integer"}, "note": {})"), {"field-added $.note ok ok"}, ok, ok});
    cases.push_back(
        {"optional property added to a closed object", object(R"("id": {"type": "integer"})", closed),
            object(R"("id": {"type": "integer"}, "note": {"type": "string"})", closed),
            {"field-added $.note ok breaks"}, ok, breaks});
    cases.push_back(
        {"required property added to a closed object", object(R"("id": {"type": "integer"})", closed),
            object(R"("id": {"type": "integer"}, "sku": {"type": "string"})",
                R"(, "required": ["sku"], "additionalProperties": false)"),
            {"field-added $.sku breaks breaks"}, breaks, breaks});
    cases.push_back({"required property with a default added to a closed object",
        object(R"("id": {"type": "integer"})", closed),
        object(R"("id": {"type": "integer"}, "sku": {"type": "string", "default": ""})",
            R"(, "required": ["sku"], "additionalProperties": false)"),
        {"field-added $.sku ok breaks"}, ok, breaks});
    cases.push_back({"property removed from an open object",
        object(R"("id": {"type": "integer"}, "email": {"type": "string"})"),
        object(R"("id": {"type": "integer"})"), {"field-removed $.email ok breaks"}, ok, breaks});
    cases.push_back({"property removed from a closed object",
        object(R"("id": {"type": "integer"}, "email": {"type": "string"})", closed),
        object(R"("id": {"type": "integer"})", closed), {"field-removed $.email breaks ok"}, breaks, ok});
    cases.push_back({"property removed from a partially open object, covered",
        object(R"("id": {"type": "integer"}, "email": {"type": "string"})",
            R"(, "additionalProperties": {"type": "string"})"),
        object(R"("id": {"type": "integer"})", R"(, "additionalProperties": {"type": "string"})"),
        {"field-removed $.email ok ok"}, ok, ok});
    cases.push_back({"made required", object(R"("email": {"type": "string"})"),
        object(R"("email": {"type": "string"})", R"(, "required": ["email"])"),
        {"required-added $.email breaks ok"}, breaks, ok});
    cases.push_back({"made required with a default", object(R"("email": {"type": "string", "default": ""})"),
        object(R"("email": {"type": "string", "default": ""})", R"(, "required": ["email"])"),
        {"required-added $.email ok ok"}, ok, ok});
    cases.push_back({"made optional", object(R"("email": {"type": "string"})", R"(, "required": ["email"])"),
        object(R"("email": {"type": "string"})"), {"required-removed $.email ok breaks"}, ok, breaks});
    cases.push_back({"string to integer", object(R"("id": {"type": "string"})"),
        object(R"("id": {"type": "integer"})"), {"type-changed $.id breaks breaks"}, breaks, breaks});
    cases.push_back({"integer to number", object(R"("n": {"type": "integer"})"),
        object(R"("n": {"type": "number"})"), {"type-widened $.n ok breaks"}, ok, breaks});
    cases.push_back({"number to integer", object(R"("n": {"type": "number"})"),
        object(R"("n": {"type": "integer"})"), {"type-narrowed $.n breaks ok"}, breaks, ok});
    cases.push_back({"string made nullable", object(R"("s": {"type": "string"})"),
        object(R"("s": {"type": ["string", "null"]})"), {"type-widened $.s ok breaks"}, ok, breaks});
    cases.push_back({"maxLength decreased", object(R"("s": {"type": "string", "maxLength": 10})"),
        object(R"("s": {"type": "string", "maxLength": 5})"),
        {"constraint-tightened $.s.maxLength breaks ok"}, breaks, ok});
    cases.push_back({"maxLength increased", object(R"("s": {"type": "string", "maxLength": 10})"),
        object(R"("s": {"type": "string", "maxLength": 20})"),
        {"constraint-loosened $.s.maxLength ok breaks"}, ok, breaks});
    cases.push_back({"maxLength added", object(R"("s": {"type": "string"})"),
        object(R"("s": {"type": "string", "maxLength": 20})"),
        {"constraint-tightened $.s.maxLength breaks ok"}, breaks, ok});
    cases.push_back({"minLength removed", object(R"("s": {"type": "string", "minLength": 1})"),
        object(R"("s": {"type": "string"})"), {"constraint-loosened $.s.minLength ok breaks"}, ok, breaks});
    cases.push_back({"minimum raised", object(R"("n": {"type": "number", "minimum": 0})"),
        object(R"("n": {"type": "number", "minimum": 1})"), {"constraint-tightened $.n.minimum breaks ok"},
        breaks, ok});
    cases.push_back({"maximum raised", object(R"("n": {"type": "number", "maximum": 10})"),
        object(R"("n": {"type": "number", "maximum": 100})"), {"constraint-loosened $.n.maximum ok breaks"},
        ok, breaks});
    cases.push_back({"exclusiveMinimum added", object(R"("n": {"type": "number"})"),
        object(R"("n": {"type": "number", "exclusiveMinimum": 0})"),
        {"constraint-tightened $.n.exclusiveMinimum breaks ok"}, breaks, ok});
    cases.push_back({"pattern added", object(R"("s": {"type": "string"})"),
        object(R"("s": {"type": "string", "pattern": "^[A-Z]+$"})"),
        {"constraint-tightened $.s.pattern breaks ok"}, breaks, ok});
    cases.push_back({"pattern changed", object(R"("s": {"type": "string", "pattern": "^[A-Z]+$"})"),
        object(R"("s": {"type": "string", "pattern": "^[a-z]+$"})"),
        {"constraint-changed $.s.pattern breaks breaks"}, breaks, breaks});
    cases.push_back({"multipleOf 2 to 4", object(R"("n": {"type": "integer", "multipleOf": 2})"),
        object(R"("n": {"type": "integer", "multipleOf": 4})"),
        {"constraint-tightened $.n.multipleOf breaks ok"}, breaks, ok});
    cases.push_back({"multipleOf 4 to 2", object(R"("n": {"type": "integer", "multipleOf": 4})"),
        object(R"("n": {"type": "integer", "multipleOf": 2})"),
        {"constraint-loosened $.n.multipleOf ok breaks"}, ok, breaks});
    cases.push_back({"multipleOf 2 to 3", object(R"("n": {"type": "integer", "multipleOf": 2})"),
        object(R"("n": {"type": "integer", "multipleOf": 3})"),
        {"constraint-changed $.n.multipleOf breaks breaks"}, breaks, breaks});
    cases.push_back({"enum extended", object(R"("s": {"enum": ["A", "B"]})"),
        object(R"("s": {"enum": ["A", "B", "C"]})"), {"enum-values-changed $.s ok breaks"}, ok, breaks});
    cases.push_back({"enum narrowed", object(R"("s": {"enum": ["A", "B", "C"]})"),
        object(R"("s": {"enum": ["A", "B"]})"), {"enum-values-changed $.s breaks ok"}, breaks, ok});
    cases.push_back({"enum added to a string", object(R"("s": {"type": "string"})"),
        object(R"("s": {"type": "string", "enum": ["A", "B"]})"), {"enum-values-changed $.s breaks ok"},
        breaks, ok});
    cases.push_back({"const added", object(R"("v": {"type": "integer"})"),
        object(R"("v": {"type": "integer", "const": 2})"), {"const-changed $.v breaks ok"}, breaks, ok});
    cases.push_back({"additionalProperties forbidden", object(R"("id": {"type": "integer"})"),
        object(R"("id": {"type": "integer"})", closed), {"additional-properties-changed $ breaks ok"}, breaks,
        ok});
    cases.push_back({"additionalProperties allowed", object(R"("id": {"type": "integer"})", closed),
        object(R"("id": {"type": "integer"})", R"(, "additionalProperties": true)"),
        {"additional-properties-changed $ ok breaks"}, ok, breaks});
    cases.push_back({"additionalProperties schema widened",
        object(R"("id": {"type": "integer"})", R"(, "additionalProperties": {"type": "string"})"),
        object(R"("id": {"type": "integer"})", R"(, "additionalProperties": {"type": ["string", "number"]})"),
        {"type-widened ${} ok breaks"}, ok, breaks});
    cases.push_back({"patternProperties added to an open object", object(R"("id": {"type": "integer"})"),
        object(R"("id": {"type": "integer"})", R"(, "patternProperties": {"^x-": {"type": "string"}})"),
        {"additional-properties-changed ${/^x-/} breaks ok"}, breaks, ok});
    cases.push_back({"nested property type changed",
        object(
            R"("customer": {"type": "object", "properties": {"address": {"type": "object", "properties": {"zip": {"type": "string"}}}}})"),
        object(
            R"("customer": {"type": "object", "properties": {"address": {"type": "object", "properties": {"zip": {"type": "integer"}}}}})"),
        {"type-changed $.customer.address.zip breaks breaks"}, breaks, breaks});
    cases.push_back({"array items widened",
        object(
            R"("items": {"type": "array", "items": {"type": "object", "properties": {"qty": {"type": "integer"}}}})"),
        object(
            R"("items": {"type": "array", "items": {"type": "object", "properties": {"qty": {"type": "number"}}}})"),
        {"type-widened $.items[].qty ok breaks"}, ok, breaks});
    cases.push_back({"minItems added", object(R"("tags": {"type": "array", "items": {"type": "string"}})"),
        object(R"("tags": {"type": "array", "items": {"type": "string"}, "minItems": 1})"),
        {"constraint-tightened $.tags.minItems breaks ok"}, breaks, ok});
    cases.push_back({"uniqueItems added", object(R"("tags": {"type": "array"})"),
        object(R"("tags": {"type": "array", "uniqueItems": true})"),
        {"constraint-tightened $.tags.uniqueItems breaks ok"}, breaks, ok});
    cases.push_back({"local $ref: required property added in the definition",
        QStringLiteral(R"({"type": "object", "properties": {"shipTo": {"$ref": "#/definitions/Address"}},
            "definitions": {"Address": {"type": "object", "properties": {"zip": {"type": "string"}}}}})"),
        QStringLiteral(R"({"type": "object", "properties": {"shipTo": {"$ref": "#/definitions/Address"}},
            "definitions": {"Address": {"type": "object", "properties": {"zip": {"type": "string"}}, "required": ["zip"]}}})"),
        {"required-added $.shipTo.zip breaks ok"}, breaks, ok});
    Case external {"referenced schema: maxLength lowered", object(R"("address": {"$ref": "address.json"})"),
        object(R"("address": {"$ref": "address.json"})"),
        {"constraint-tightened $.address.city.maxLength breaks ok"}, breaks, ok};
    external.oldReferences.insert(QStringLiteral("address.json"),
        QStringLiteral(
            R"({"type": "object", "properties": {"city": {"type": "string", "maxLength": 100}}})"));
    external.newReferences.insert(QStringLiteral("address.json"),
        QStringLiteral(R"({"type": "object", "properties": {"city": {"type": "string", "maxLength": 50}}})"));
    cases.push_back(external);
    cases.push_back({"recursive $ref", QStringLiteral(R"({"$id": "tree", "type": "object", "properties": {
            "value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#"}}}})"),
        QStringLiteral(R"({"$id": "tree", "type": "object", "properties": {
            "value": {"type": "number"}, "children": {"type": "array", "items": {"$ref": "#"}}}})"),
        {"type-widened $.value ok breaks"}, ok, breaks});
    cases.push_back(
        {"anyOf branch added", object(R"("v": {"anyOf": [{"type": "string"}, {"type": "integer"}]})"),
            object(R"("v": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]})"),
            {"type-widened $.v ok breaks"}, ok, breaks});
    cases.push_back(
        {"anyOf branch removed", object(R"("v": {"anyOf": [{"type": "string"}, {"type": "integer"}]})"),
            object(R"("v": {"anyOf": [{"type": "string"}]})"), {"combination-changed $.v breaks ok"}, breaks,
            ok});
    cases.push_back({"oneOf to anyOf", object(R"("v": {"oneOf": [{"type": "string"}, {"type": "integer"}]})"),
        object(R"("v": {"anyOf": [{"type": "string"}, {"type": "integer"}]})"),
        {"combination-changed $.v ok breaks"}, ok, breaks});
    cases.push_back({"plain type to a union of types", object(R"("v": {"type": "string"})"),
        object(R"("v": {"oneOf": [{"type": "string"}, {"type": "null"}]})"), {"type-widened $.v ok breaks"},
        ok, breaks});
    cases.push_back({"format changed", object(R"("d": {"type": "string", "format": "date"})"),
        object(R"("d": {"type": "string", "format": "date-time"})"), {"constraint-changed $.d guess guess"},
        guess, guess});
    cases.push_back(
        {"docs and default", object(R"("n": {"type": "integer", "description": "count", "default": 1})"),
            object(R"("n": {"type": "integer", "description": "item count", "default": 2})"),
            {"doc-changed $.n ok ok", "default-changed $.n ok ok"}, ok, ok});
    cases.push_back({"not changed", object(R"("s": {"type": "string", "not": {"const": "x"}})"),
        object(R"("s": {"type": "string", "not": {"const": "y"}})"),
        {"constraint-changed $.s.not guess guess"}, guess, guess});
    cases.push_back({"anything accepted", object(R"("v": {"type": "string"})"), object(R"("v": {})"),
        {"type-widened $.v ok breaks"}, ok, breaks});
    cases.push_back({"anything constrained", object(R"("v": true)"), object(R"("v": {"type": "string"})"),
        {"type-narrowed $.v breaks ok"}, breaks, ok});
    return cases;
}

} // namespace schemadifftest
