// Protobuf pairs. Expected effects follow Confluent's Protobuf checker (protobuf-provider, diff
// package: BACKWARD = compare(old, new), FORWARD = compare(new, old), SchemaDiff.COMPATIBLE_CHANGES),
// several taken from its diff-schema-examples.json; "guess" where that checker passes a change
// whose values can still read differently on the wire.

#include "cases.h"

using edis::schemadiff::Effect;

namespace schemadifftest {

namespace {

QString proto3(const char *body)
{
    return QStringLiteral("syntax = \"proto3\";\npackage acme;\n") + QString::fromUtf8(body);
}

QString proto2(const char *body)
{
    return QStringLiteral("syntax = \"proto2\";\npackage acme;\n") + QString::fromUtf8(body);
}

constexpr Effect ok = Effect::Ok;
constexpr Effect breaks = Effect::Breaks;
constexpr Effect guess = Effect::Guess;

} // namespace

std::vector<Case> protobufCases()
{
    std::vector<Case> cases;
    cases.push_back({"identical", proto3("message Order { int64 id = 1; }"),
        proto3("message Order { int64 id = 1; }"), {}, ok, ok});
    cases.push_back({"comments and layout only", proto3("message Order {\n  int64 id = 1; // the id\n}"),
        proto3("// orders\nmessage Order { int64   id=1; }"), {}, ok, ok});
    cases.push_back({"field added", proto3("message Order { int64 id = 1; }"),
        proto3("message Order { int64 id = 1; string note = 2; }"), {"field-added Order.note ok ok"}, ok,
        ok});
    cases.push_back(
        {"field removed without reserved", proto3("message Order { int64 id = 1; string email = 2; }"),
            proto3("message Order { int64 id = 1; }"), {"field-removed Order.email ok ok risk"}, ok, ok});
    cases.push_back({"field removed, number and name reserved",
        proto3("message Order { int64 id = 1; string email = 2; }"),
        proto3("message Order { reserved 2; reserved \"email\"; int64 id = 1; }"),
        {"field-removed Order.email ok ok"}, ok, ok});
    cases.push_back({"field removed, only the number reserved",
        proto3("message Order { int64 id = 1; string email = 2; }"),
        proto3("message Order { reserved 2; int64 id = 1; }"), {"field-removed Order.email ok ok risk"}, ok,
        ok});
    cases.push_back({"renamed (same number)", proto3("message Order { string mail = 1; }"),
        proto3("message Order { string email = 1; }"), {"field-renamed Order.email ok ok risk"}, ok, ok});
    cases.push_back({"number changed", proto3("message Order { string email = 1; }"),
        proto3("message Order { string email = 2; }"),
        {"field-removed Order.email ok ok risk", "field-added Order.email ok ok"}, ok, ok});
    cases.push_back({"int32 to int64", proto3("message Order { int32 qty = 1; }"),
        proto3("message Order { int64 qty = 1; }"), {"type-changed Order.qty ok guess"}, ok, guess});
    cases.push_back({"int64 to int32", proto3("message Order { int64 qty = 1; }"),
        proto3("message Order { int32 qty = 1; }"), {"type-changed Order.qty guess ok"}, guess, ok});
    cases.push_back({"uint32 to int32", proto3("message Order { uint32 qty = 1; }"),
        proto3("message Order { int32 qty = 1; }"), {"type-changed Order.qty guess guess"}, guess, guess});
    cases.push_back({"bool to uint64", proto3("message Order { bool paid = 1; }"),
        proto3("message Order { uint64 paid = 1; }"), {"type-changed Order.paid ok guess"}, ok, guess});
    cases.push_back({"string to bytes", proto3("message Order { string note = 1; }"),
        proto3("message Order { bytes note = 1; }"), {"type-changed Order.note ok guess"}, ok, guess});
    cases.push_back({"sint32 to sint64", proto3("message Order { sint32 delta = 1; }"),
        proto3("message Order { sint64 delta = 1; }"), {"type-changed Order.delta ok guess"}, ok, guess});
    cases.push_back({"fixed32 to sfixed32", proto3("message Order { fixed32 code = 1; }"),
        proto3("message Order { sfixed32 code = 1; }"), {"type-changed Order.code guess guess"}, guess,
        guess});
    cases.push_back({"int32 to string", proto3("message Order { int32 qty = 1; }"),
        proto3("message Order { string qty = 1; }"), {"type-changed Order.qty breaks breaks"}, breaks,
        breaks});
    cases.push_back({"sint32 to int32 (another group)", proto3("message Order { sint32 qty = 1; }"),
        proto3("message Order { int32 qty = 1; }"), {"type-changed Order.qty breaks breaks"}, breaks,
        breaks});
    cases.push_back({"float to double", proto3("message Order { float x = 1; }"),
        proto3("message Order { double x = 1; }"), {"type-changed Order.x breaks breaks"}, breaks, breaks});
    cases.push_back({"int32 to enum", proto3("message Order { int32 status = 1; }"),
        proto3("message Order { Status status = 1; }\nenum Status { NEW = 0; PAID = 1; }"),
        {"type-changed Order.status guess ok", "enum-added Status ok ok"}, guess, ok});
    cases.push_back({"int32 to message", proto3("message Order { int32 customer = 1; }"),
        proto3("message Order { Customer customer = 1; }\nmessage Customer { string name = 1; }"),
        {"type-changed Order.customer breaks breaks", "message-added Customer ok breaks"}, breaks, breaks});
    cases.push_back({"another message type",
        proto3("message Order { A ref = 1; }\nmessage A { string s = 1; }"),
        proto3("message Order { B ref = 1; }\nmessage B { string s = 1; }"),
        {"type-changed Order.ref breaks breaks", "message-added B ok breaks", "message-removed A breaks ok"},
        breaks, breaks});
    cases.push_back(
        {"message to bytes", proto3("message Order { Customer c = 1; }\nmessage Customer { string n = 1; }"),
            proto3("message Order { bytes c = 1; }\nmessage Customer { string n = 1; }"),
            {"type-changed Order.c breaks breaks"}, breaks, breaks});
    cases.push_back({"optional int32 to repeated", proto3("message Order { optional int32 qty = 1; }"),
        proto3("message Order { repeated int32 qty = 1; }"), {"label-changed Order.qty breaks breaks"},
        breaks, breaks});
    cases.push_back({"optional string to repeated", proto3("message Order { optional string tag = 1; }"),
        proto3("message Order { repeated string tag = 1; }"), {"label-changed Order.tag ok ok"}, ok, ok});
    cases.push_back({"singular int32 to repeated", proto3("message Order { int32 qty = 1; }"),
        proto3("message Order { repeated int32 qty = 1; }"), {"label-changed Order.qty guess guess"}, guess,
        guess});
    cases.push_back({"message to repeated message",
        proto3("message Order { Item item = 1; }\nmessage Item { string sku = 1; }"),
        proto3("message Order { repeated Item item = 1; }\nmessage Item { string sku = 1; }"),
        {"label-changed Order.item ok ok"}, ok, ok});
    cases.push_back({"proto3 optional keyword added", proto3("message Order { int32 qty = 1; }"),
        proto3("message Order { optional int32 qty = 1; }"), {"label-changed Order.qty ok ok"}, ok, ok});
    cases.push_back({"proto2 required field added", proto2("message Order { optional int64 id = 1; }"),
        proto2("message Order { optional int64 id = 1; required string sku = 2; }"),
        {"field-added Order.sku breaks breaks"}, breaks, breaks});
    cases.push_back({"proto2 required field removed",
        proto2("message Order { optional int64 id = 1; required string sku = 2; }"),
        proto2("message Order { optional int64 id = 1; }"), {"field-removed Order.sku breaks breaks risk"},
        breaks, breaks});
    cases.push_back(
        {"proto2 required number made optional", proto2("message Order { required int64 id = 1; }"),
            proto2("message Order { optional int64 id = 1; }"), {"label-changed Order.id breaks breaks"},
            breaks, breaks});
    cases.push_back(
        {"proto2 default changed", proto2("message Order { optional int32 qty = 1 [default = 1]; }"),
            proto2("message Order { optional int32 qty = 1 [default = 5]; }"),
            {"default-changed Order.qty ok ok"}, ok, ok});
    cases.push_back({"message added", proto3("message Order { int64 id = 1; }"),
        proto3("message Order { int64 id = 1; }\nmessage Refund { int64 id = 1; }"),
        {"message-added Refund ok breaks"}, ok, breaks});
    cases.push_back(
        {"message removed", proto3("message Order { int64 id = 1; }\nmessage Refund { int64 id = 1; }"),
            proto3("message Order { int64 id = 1; }"), {"message-removed Refund breaks ok"}, breaks, ok});
    cases.push_back({"messages reordered", proto3("message A { int64 id = 1; }\nmessage B { int64 id = 1; }"),
        proto3("message B { int64 id = 1; }\nmessage A { int64 id = 1; }"),
        {"message-moved A ok ok", "message-moved B ok ok"}, ok, ok});
    cases.push_back({"nested message: field added",
        proto3("message Wrapper { int32 w = 1; message Inner { string s = 1; } }"),
        proto3("message Wrapper { int32 w = 1; message Inner { string s = 1; string t = 2; } }"),
        {"field-added Wrapper.Inner.t ok ok"}, ok, ok});
    cases.push_back({"package changed", proto3("message Order { int64 id = 1; }"),
        QStringLiteral("syntax = \"proto3\";\npackage acme.v2;\nmessage Order { int64 id = 1; }"),
        {"package-changed  ok ok risk"}, ok, ok});
    cases.push_back({"syntax changed", proto2("message Order { optional int64 id = 1; }"),
        proto3("message Order { optional int64 id = 1; }"), {"syntax-changed  ok ok risk"}, ok, ok});
    cases.push_back({"enum value added", proto3("enum Status { NEW = 0; PAID = 1; }"),
        proto3("enum Status { NEW = 0; PAID = 1; REFUNDED = 2; }"), {"enum-symbol-added Status ok ok"}, ok,
        ok});
    cases.push_back({"enum value removed", proto3("enum Status { NEW = 0; PAID = 1; GONE = 2; }"),
        proto3("enum Status { NEW = 0; PAID = 1; }"), {"enum-symbol-removed Status ok ok risk"}, ok, ok});
    cases.push_back({"enum value renamed", proto3("enum Status { NEW = 0; ACTIVE = 1; }"),
        proto3("enum Status { NEW = 0; NOT_ACTIVE = 1; }"), {"enum-symbol-renamed Status ok ok risk"}, ok,
        ok});
    cases.push_back({"enum removed", proto3("message Order { int64 id = 1; }\nenum Status { NEW = 0; }"),
        proto3("message Order { int64 id = 1; }"), {"enum-removed Status ok ok"}, ok, ok});
    cases.push_back({"field moved into a new oneof", proto3("message M { string a = 1; string b = 2; }"),
        proto3("message M { string a = 1; oneof choice { string b = 2; int32 c = 3; } }"),
        {"field-moved-into-oneof M.b ok ok", "field-added M.c ok ok", "oneof-added M.choice ok ok"}, ok, ok});
    cases.push_back(
        {"several fields moved into one oneof", proto3("message M { string a = 1; string b = 2; }"),
            proto3("message M { oneof choice { string a = 1; string b = 2; int32 c = 3; } }"),
            {"field-moved-into-oneof M.a breaks ok", "field-moved-into-oneof M.b breaks ok",
                "field-added M.c ok ok", "oneof-added M.choice ok ok"},
            breaks, ok});
    cases.push_back({"field added to an existing oneof",
        proto3("message M { oneof choice { string a = 1; string b = 2; } }"),
        proto3("message M { oneof choice { string a = 1; string b = 2; int32 c = 3; } }"),
        {"field-added M.c ok breaks"}, ok, breaks});
    cases.push_back({"field removed from a oneof",
        proto3("message M { oneof choice { string a = 1; string b = 2; int32 c = 3; } }"),
        proto3("message M { oneof choice { string a = 1; string b = 2; } }"),
        {"field-removed M.c breaks ok risk"}, breaks, ok});
    cases.push_back({"field moved out of a oneof it shared",
        proto3("message M { oneof choice { string a = 1; string b = 2; } }"),
        proto3("message M { string a = 1; oneof choice { string b = 2; } }"),
        {"field-moved-out-of-oneof M.a ok breaks"}, ok, breaks});
    cases.push_back({"map value type changed and renamed",
        proto3("message M { map<string, int32> m_int = 2; }"),
        proto3("message M { map<string, string> m_string = 2; }"),
        {"field-renamed M.m_string ok ok risk", "type-changed M.m_string breaks breaks"}, breaks, breaks});
    cases.push_back({"reservation dropped", proto3("message M { reserved 5, 6; int32 a = 1; }"),
        proto3("message M { int32 a = 1; }"), {"reserved-removed M ok ok risk"}, ok, ok});
    cases.push_back({"reserved number reused", proto3("message M { reserved 3; int32 a = 1; }"),
        proto3("message M { int32 a = 1; string b = 3; }"),
        {"field-added M.b ok ok", "number-reused M.b ok ok risk"}, ok, ok});
    cases.push_back({"json_name changed", proto3("message M { string email = 1; }"),
        proto3("message M { string email = 1 [json_name = \"mail\"]; }"),
        {"json-name-changed M.email ok ok risk"}, ok, ok});
    cases.push_back({"well-known import: int64 to Timestamp", proto3("message M { int64 at = 1; }"),
        QStringLiteral("syntax = \"proto3\";\npackage acme;\nimport \"google/protobuf/timestamp.proto\";\n"
                       "message M { google.protobuf.Timestamp at = 1; }"),
        {"type-changed M.at breaks breaks"}, breaks, breaks});
    Case imported {"imported message: field type changed",
        QStringLiteral("syntax = \"proto3\";\npackage acme;\nimport \"common/address.proto\";\n"
                       "message Order { common.Address ship_to = 1; }"),
        QStringLiteral("syntax = \"proto3\";\npackage acme;\nimport \"common/address.proto\";\n"
                       "message Order { common.Address ship_to = 1; }"),
        {"type-changed common.Address.zip breaks breaks"}, breaks, breaks};
    imported.oldReferences.insert(QStringLiteral("common/address.proto"),
        QStringLiteral(
            "syntax = \"proto3\";\npackage common;\nmessage Address { string city = 1; string zip = 2; }"));
    imported.newReferences.insert(QStringLiteral("common/address.proto"),
        QStringLiteral(
            "syntax = \"proto3\";\npackage common;\nmessage Address { string city = 1; int32 zip = 2; }"));
    cases.push_back(imported);
    return cases;
}

} // namespace schemadifftest
