#pragma once

// The one entry point the inspector, the produce dialog and the CLI use: a schema of any type
// (Avro, Protobuf, JSON Schema) compiled once, then payloads decoded to JSON and JSON encoded
// to payloads, every failure a sentence for the user. Immutable after compile(): share one
// Codec between threads (see CodecCache for keeping them by schema id).

#include "schema/result.h"
#include "schema/schematypes.h"

#include <QStringList>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edis::schema {

class AvroCodec;
class ProtobufCodec;
class JsonSchemaCodec;

struct Decoded {
    std::string json; ///< UTF-8 JSON text
    /// What the user should know about a value that decoded: JSON Schema violations
    /// ("/amount: -5 is less than the minimum 0"), Protobuf fields not in the schema.
    QStringList problems;
    /// The type decoded: the Avro record's full name, the Protobuf message's; empty for JSON Schema.
    QString typeName;
};

class Codec {
public:
    static Result<std::shared_ptr<const Codec>> compile(
        SchemaType type, const QString &schema, const SchemaReferences &references = {});

    ~Codec();
    Codec(const Codec &) = delete;
    Codec &operator=(const Codec &) = delete;

    SchemaType type() const { return type_; }

    /// The payload after the wire-format header (and, for Protobuf, after the message-index
    /// list, which is given as `indexes`; ignored by the other types).
    Result<Decoded> decodeToJson(
        std::string_view payload, std::span<const int> indexes = {}, const DecodeOptions &options = {}) const;
    /// A whole framed record (header, Protobuf index list, payload). The schema id is not checked
    /// against this codec: the caller picked the codec by it.
    Result<Decoded> decodeFramed(std::string_view record, const DecodeOptions &options = {}) const;

    /// JSON as the payload (no header, no index list); Protobuf encodes the message at `indexes`.
    Result<std::string> encodeFromJson(std::string_view json, std::span<const int> indexes = {}) const;
    /// JSON as a whole record in the wire format: header with `schemaId`, the Protobuf index list,
    /// the payload. What the produce dialog and `edis produce` send.
    Result<std::string> encodeFramed(
        int32_t schemaId, std::string_view json, std::span<const int> indexes = {}) const;

    /// Protobuf: the message types a producer can choose, with their index lists. Avro and JSON
    /// Schema: one entry, the schema's type, with the index list [0].
    struct MessageType {
        std::vector<int> indexes;
        QString fullName;
    };
    std::vector<MessageType> messageTypes() const;
    /// The index list of a Protobuf message by full name; an error naming the choices when absent.
    Result<std::vector<int>> indexesOf(const QString &fullName) const;

    /// The codecs behind the facade, for what only one type has (nullptr for the others).
    const AvroCodec *avro() const { return avro_.get(); }
    const ProtobufCodec *protobuf() const { return protobuf_.get(); }
    const JsonSchemaCodec *jsonSchema() const { return json_.get(); }

private:
    explicit Codec(SchemaType type);
    SchemaType type_;
    std::shared_ptr<const AvroCodec> avro_;
    std::shared_ptr<const ProtobufCodec> protobuf_;
    std::shared_ptr<const JsonSchemaCodec> json_;
};

} // namespace edis::schema
