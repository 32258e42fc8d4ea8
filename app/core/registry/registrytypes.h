#pragma once

// Plain values of the Confluent Schema Registry API, as EDIS uses them. They cross threads (the
// consumer thread decodes with a Schema the GUI thread fetched), so they are copyable values
// without Qt object identity.

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace edis::registry {

/// "latest" where the API takes a version number.
inline constexpr int kLatestVersion = -1;

enum class SchemaType { Avro, Protobuf, Json };

/// The API's spelling ("AVRO", "PROTOBUF", "JSON").
QString toString(SchemaType type);
/// An absent or empty schemaType means Avro (the API's default); an unknown name is nullopt.
std::optional<SchemaType> schemaTypeFromString(const QString &name);

/// A schema's dependency: `name` is how the schema refers to it (Avro: the full name of the
/// type; Protobuf: the import path; JSON Schema: the $ref URL), `subject`/`version` where the
/// registry keeps it.
struct SchemaReference {
    QString name;
    QString subject;
    int version = 0;
    bool operator==(const SchemaReference &) const = default;
};

/// A schema as the registry returns it. By id, `subject` is empty and `version` 0 (the id alone
/// does not say); by subject and version, all fields are set.
struct Schema {
    int id = 0;
    QString subject;
    int version = 0;
    SchemaType type = SchemaType::Avro;
    /// As stored: Avro and JSON Schema are JSON text; Protobuf is `.proto` text or, when a
    /// Confluent client registered it on some registries, a base64 FileDescriptorProto.
    QString text;
    QList<SchemaReference> references;
    bool operator==(const Schema &) const = default;
};

/// A schema to register, look up or check.
struct SchemaDraft {
    SchemaType type = SchemaType::Avro;
    QString text;
    QList<SchemaReference> references;
};

struct SubjectVersion {
    QString subject;
    int version = 0;
    bool operator==(const SubjectVersion &) const = default;
};

enum class CompatibilityLevel {
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
};
QString toString(CompatibilityLevel level);
std::optional<CompatibilityLevel> compatibilityFromString(const QString &name);

enum class RegistryMode { ReadWrite, ReadOnly, ReadOnlyOverride, Import };
QString toString(RegistryMode mode);
std::optional<RegistryMode> modeFromString(const QString &name);

/// The answer of POST /compatibility/...: `messages` are the registry's reasons when it gives
/// them (Confluent's with ?verbose=true; Apicurio 3.3 gives none).
struct CompatibilityCheck {
    bool compatible = false;
    QStringList messages;
};

enum class DeleteMode { Soft, Permanent };

/// What "Test connection" found.
struct ConnectionCheck {
    int subjectCount = 0;
    std::optional<CompatibilityLevel> globalCompatibility; ///< when the registry told
    QString summary; ///< translated: "12 subjects, default compatibility BACKWARD"
};

/// One schema reached through references, under the name its referrer uses.
struct ResolvedReference {
    QString name;
    Schema schema;
};

/// A schema with everything it references, recursively: what a codec needs to parse it.
struct ResolvedSchema {
    Schema schema;
    /// Each reference name once, dependencies before the schemas that use them (Avro needs a
    /// named type defined before it is used).
    QList<ResolvedReference> references;

    /// The references' texts by name (what the codecs and the schema diff take).
    QMap<QString, QString> referenceTexts() const;
    /// What the entry costs in memory, roughly (the cache's byte bound).
    qsizetype approximateBytes() const;
};

/// Shared and immutable: the cache may drop it while a decoder still holds it.
using SchemaPtr = std::shared_ptr<const ResolvedSchema>;

} // namespace edis::registry

Q_DECLARE_METATYPE(edis::registry::Schema)
