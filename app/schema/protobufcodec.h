#pragma once

// Protobuf payloads: a schema given as .proto text (parsed at run time by libprotoc's parser)
// or as a base64 FileDescriptorProto (what Apicurio returns for schemas that Confluent's clients
// registered; detected by its form), with its imports served from the references by import
// path and the well-known types (google/protobuf/*.proto) from libprotobuf's own descriptors.
// The message is picked by the wire format's index list, decoded with DynamicMessageFactory and
// printed by libprotobuf's JSON printer; JSON is parsed back the same way.
//
// JSON shown: proto3's JSON mapping as libprotobuf prints it, with two choices —
//  - the field names of the .proto (order_id), not the lowerCamelCase JSON names (orderId): the
//    user's filters and the schema view use the names the schema has;
//  - fields that hold their default value (0, "", false, empty lists) are printed: in proto3 an
//    absent field and a zero are the same on the wire, and a record that hides its zeros reads as
//    if fields were missing. Unset message fields stay absent (null in the mapping).
// So int64 and uint64 are strings ("views": "12"), bytes are base64, enums their names,
// Timestamp "2026-12-03T10:15:30.123Z", Duration "1.5s". The encoder accepts both field-name
// styles.
//
// Threads: a compiled ProtobufCodec is immutable for its users; the descriptor pool and the
// message factory are thread-safe, each decode uses a message of its own.

#include "schema/result.h"
#include "schema/schematypes.h"

#include <QStringList>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class Descriptor;
} // namespace google::protobuf

namespace edis::schema {

class ProtobufCodec {
public:
    /// Compiles the schema; an error says which file and line does not parse, or which import
    /// or type is missing.
    static Result<std::shared_ptr<const ProtobufCodec>> compile(
        const QString &schema, const SchemaReferences &references = {});

    ~ProtobufCodec();
    ProtobufCodec(const ProtobufCodec &) = delete;
    ProtobufCodec &operator=(const ProtobufCodec &) = delete;

    struct MessageType {
        std::vector<int>
            indexes; ///< as the wire format writes it: [1, 0] is the first nested type of the second message
        QString fullName; ///< "edis.fixtures.Order.Line"
    };
    /// Every message of the schema's file, nested ones included (map entries left out), in order.
    std::vector<MessageType> messageTypes() const;
    /// The message at an index list ([] means [0]); an error when out of range.
    Result<QString> messageName(std::span<const int> indexes) const;

    /// The message (the payload after the index list) as JSON text. `problems`, when given,
    /// receives what the user should know about a payload that decoded (fields not in the schema).
    Result<std::string> decodeToJson(std::string_view message, std::span<const int> indexes,
        const DecodeOptions &options = {}, QStringList *problems = nullptr) const;

    /// JSON as the binary message at `indexes`, without the index list and header.
    Result<std::string> encodeFromJson(std::string_view json, std::span<const int> indexes) const;

    /// Whether the schema came as a base64 FileDescriptorProto rather than .proto text.
    bool fromDescriptor() const { return fromDescriptor_; }

private:
    struct State;
    ProtobufCodec();
    Result<const google::protobuf::Descriptor *> descriptorAt(std::span<const int> indexes) const;

    std::unique_ptr<State> d_;
    bool fromDescriptor_ = false;
};

} // namespace edis::schema
