#pragma once
// The semantic difference between two versions of a schema (Avro, Protobuf, JSON Schema): every
// change with its path, what it was and became, and what it does to each compatibility mode.
//
// BACKWARD means consumers on the new schema can read data written with the old one (the reader
// is the new schema); FORWARD means consumers on the old schema can read data written with the
// new one; FULL is both. The rules per format, and where they come from:
//  - Avro: the schema resolution rules of the Avro specification, as Apache Avro's Java
//    SchemaCompatibility checks them (which Confluent's and Apicurio's registries run).
//  - Protobuf: Confluent's checker (schema-registry, protobuf-provider diff package): BACKWARD
//    is compare(old, new), FORWARD is compare(new, old), each difference compatible or not.
//  - JSON Schema: Confluent's checker (json-schema-provider diff package), same two directions.
//
// Paths: record, message or schema name, then field names joined with '.': "Order.customer.zip".
// "[]" stands for array items, "{}" for map values, "(Branch)" for one branch of a union with
// several complex branches.

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace edis::schemadiff {

enum class SchemaFormat { Avro, Protobuf, JsonSchema };

/// What one change does to one compatibility direction. Ordered: a worse effect is greater.
enum class Effect {
    Ok, ///< The rules accept it and the data reads as it did.
    Guess, ///< The rules accept it, but whether every record reads correctly depends on the values.
    Breaks, ///< The rules refuse it: readers on one side fail on (or lose) the other side's records.
};

enum class ChangeKind {
    // Every format
    FieldAdded,
    FieldRemoved,
    FieldRenamed, ///< stated by the schema (an Avro alias, the same Protobuf field number)
    FieldProbablyRenamed, ///< inferred: one field removed and one added alike at the same position
    TypeChanged,
    DefaultAdded,
    DefaultRemoved,
    DefaultChanged,
    DocChanged,
    // Avro
    NameChanged,
    NamespaceChanged,
    AliasesChanged,
    LogicalTypeChanged,
    FieldOrderChanged,
    SortOrderChanged,
    UnionBranchAdded,
    UnionBranchRemoved,
    EnumSymbolAdded, ///< also a Protobuf enum value
    EnumSymbolRemoved,
    EnumSymbolRenamed, ///< a Protobuf enum value with a new name
    EnumSymbolsReordered,
    EnumDefaultChanged,
    FixedSizeChanged,
    // Protobuf
    PackageChanged,
    SyntaxChanged,
    MessageAdded,
    MessageRemoved,
    MessageMoved,
    EnumAdded,
    EnumRemoved,
    LabelChanged,
    OneofAdded,
    OneofRemoved,
    FieldMovedIntoOneof,
    FieldMovedOutOfOneof,
    NumberReused,
    ReservedRemoved,
    JsonNameChanged,
    // JSON Schema
    RequiredAdded,
    RequiredRemoved,
    TypeWidened,
    TypeNarrowed,
    EnumValuesChanged,
    ConstChanged,
    AdditionalPropertiesChanged,
    ConstraintTightened,
    ConstraintLoosened,
    ConstraintChanged,
    CombinationChanged,
};

struct Change {
    QString path;
    ChangeKind kind = ChangeKind::TypeChanged;
    QString before; ///< the old side as a user reads it ("string", "int32 amount = 3"); empty if none
    QString after;
    Effect backward = Effect::Ok;
    Effect forward = Effect::Ok;
    bool heuristic = false; ///< the change itself is inferred (a probable rename): a guess
    bool risk = false; ///< fine for this pair, but a hazard for later versions or other encodings
    QString explanation; ///< one line, in the user's language

    Effect full() const;
};

struct Verdict {
    Effect backward = Effect::Ok;
    Effect forward = Effect::Ok;
    Effect full = Effect::Ok;
};

struct SchemaDiffResult {
    SchemaFormat format = SchemaFormat::Avro;
    /// Empty when both schemas parsed; otherwise says which side failed and why (then no changes).
    QString error;
    QList<Change> changes;
    Verdict verdict;
    /// Problems of a schema that are not changes (an Avro default that does not match its type).
    QStringList notes;

    bool ok() const { return error.isEmpty(); }
};

/// One version of a schema: its text and the texts of the schemas it references, by reference
/// name (Avro: the referenced type's full name or subject; Protobuf: the import path; JSON
/// Schema: the "$ref" target without its fragment).
struct SchemaText {
    QString text;
    QMap<QString, QString> references;
};

SchemaDiffResult diffAvro(const SchemaText &oldSchema, const SchemaText &newSchema);
/// `.proto` text, or a base64 FileDescriptorProto as some registries return it.
SchemaDiffResult diffProtobuf(const SchemaText &oldSchema, const SchemaText &newSchema);
SchemaDiffResult diffJsonSchema(const SchemaText &oldSchema, const SchemaText &newSchema);
SchemaDiffResult diffSchemas(SchemaFormat format, const SchemaText &oldSchema, const SchemaText &newSchema);

/// The registry's "schemaType" ("AVRO", "PROTOBUF", "JSON"; absent means Avro).
std::optional<SchemaFormat> formatFromRegistryType(const QString &schemaType);
QString formatName(SchemaFormat format);
/// A stable identifier per kind ("field-added"), for tests and machine-readable output.
QString kindId(ChangeKind kind);
/// What the kind means, in the user's language ("field added").
QString kindLabel(ChangeKind kind);
/// "ok", "breaks", "guess": stable identifiers.
QString effectId(Effect effect);
/// In the user's language.
QString effectLabel(Effect effect);

/// The worse of two effects.
Effect worst(Effect a, Effect b);
/// Per mode, the worst effect over the changes.
Verdict verdictOf(const QList<Change> &changes);

} // namespace edis::schemadiff
