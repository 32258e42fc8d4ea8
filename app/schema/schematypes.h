#pragma once

// The plain inputs of edis_schema: a schema's type, its text and its references, as the registry
// client gives them (this library does not talk to a registry).

#include <QList>
#include <QString>

namespace edis::schema {

enum class SchemaType { Avro, Protobuf, Json };

/// The registry's name of a schema type ("AVRO", "PROTOBUF", "JSON").
QString schemaTypeName(SchemaType type);
/// Parses the registry's name (case-insensitive); false when unknown. An empty name is AVRO, as
/// the Confluent API omits schemaType for Avro.
bool parseSchemaType(const QString &name, SchemaType *type);

/// A schema that the main schema refers to, resolved to its text.
///  - Avro: the text defines named types (records, enums, fixed) that the main schema uses by
///    name; `name` is informative (the registry's reference name, usually the type's full name).
///  - Protobuf: `name` is the import path (`import "a/b.proto";`); the text is .proto source or a
///    base64 FileDescriptorProto.
///  - JSON Schema: `name` is what a `$ref` names ("address.json", a URL), optionally followed by
///    a fragment in the $ref.
struct SchemaReference {
    QString name;
    QString schema;
};
using SchemaReferences = QList<SchemaReference>;

/// How an Avro union value is shown.
enum class UnionStyle {
    /// The plain value for a union of null and one type (["null", "string"] → null or "text":
    /// the branch is plain from the value, and filters such as value.amount > 100 work); for
    /// unions of several non-null types the value tagged with its branch, {"Email": {…}} or
    /// {"long": 5}, as the Avro JSON encoding writes it. null is always plain null.
    Readable,
    /// Every non-null union value tagged with its branch: the Avro JSON encoding (avro-tools
    /// tojson, kcat -s avro).
    AvroJson,
};

struct DecodeOptions {
    bool pretty = false; ///< indented with 2 spaces; else compact on one line
    UnionStyle unions = UnionStyle::Readable;
    bool validate = true; ///< JSON Schema: list where the payload breaks the schema
};

} // namespace edis::schema
