#pragma once

// Avro payloads: the writer's schema (JSON text with its referenced named types) compiled once,
// then binary → JSON for the inspector and JSON → binary for producing.
//
// The schema is checked by avro-c (Debian's libavro), the reference implementation in C, after
// the named types of its references are inlined at their first use (avro-c has no API that
// parses several schemas into one set of names). The bytes are read and written by EDIS's own
// code over the same schema: avro-c 1.11.1's reader trusts the lengths in the data (a negative
// string length makes it write before its buffer, an array of a billion nulls takes it minutes
// and gigabytes), allocates every string, and knows no logical types. The tests hold EDIS's
// reader to bytes that avro-c's writer makes and to bytes built by hand from the specification,
// and EDIS's writer to avro-c's reader.
//
// JSON shown (and accepted back by encodeFromJson, so what the inspector shows can be produced):
//  - records: objects in field order; enums: the symbol; maps: objects; arrays: arrays;
//  - unions: see UnionStyle;
//  - bytes and fixed: base64 strings, as Protobuf's JSON mapping writes bytes (one rule for both
//    formats; hex would read better for short ids but doubles the size of a payload);
//  - float/double: JSON numbers (a whole number as 5.0); NaN and infinities as the strings
//    "NaN", "Infinity", "-Infinity";
//  - decimal (bytes or fixed): a string with the scale's digits, "12.34", "-0.05" (a string,
//    because a JSON number would lose digits past a double's precision);
//  - date: "2026-12-03"; time-millis/-micros: "10:15:30.123" / "10:15:30.123456";
//    timestamp-millis/-micros: "2026-12-03T10:15:30.123Z" / "…30.123456Z" (UTC);
//    local-timestamp-millis/-micros: the same without the Z; a value past year 9999 (or before
//    year 1) is shown as its number;
//  - uuid: the string (on fixed(16): formatted 8-4-4-4-12); duration (fixed(12)):
//    {"months": m, "days": d, "milliseconds": ms}.
//
// Threads: a compiled AvroCodec is immutable; decode and encode from any number of threads at
// once, with no lock and no per-thread state.

#include "schema/result.h"
#include "schema/schematypes.h"

#include <memory>
#include <string>
#include <string_view>

namespace edis::schema {

namespace avro {
struct Graph;
}

class AvroCodec {
public:
    /// Compiles the writer's schema; an error names what does not parse or is unknown.
    static Result<std::shared_ptr<const AvroCodec>> compile(
        const QString &schema, const SchemaReferences &references = {});

    ~AvroCodec();
    AvroCodec(const AvroCodec &) = delete;
    AvroCodec &operator=(const AvroCodec &) = delete;

    /// The payload (after the wire-format header) as JSON text (UTF-8). An error when the bytes
    /// do not match the schema: truncated, trailing bytes, a bad union branch or enum index, …,
    /// with the field where it happened.
    Result<std::string> decodeToJson(std::string_view payload, const DecodeOptions &options = {}) const;

    /// JSON (the forms decodeToJson writes, or the plain underlying values) as Avro binary, the
    /// payload without the wire-format header. An error names the field and why the value does
    /// not fit ("field amount: expected double, got string").
    Result<std::string> encodeFromJson(std::string_view json) const;

    /// The schema as avro-c compiled it: one self-contained JSON text, the references inlined.
    const std::string &schemaJson() const { return schemaJson_; }
    /// The full name of the top-level type (a record's), or its type name ("string").
    const std::string &typeName() const;

private:
    AvroCodec() = default;
    std::unique_ptr<avro::Graph> graph_;
    std::string schemaJson_;
};

} // namespace edis::schema
