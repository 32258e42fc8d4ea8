#pragma once
// One version of a Protobuf schema, parsed and linked: the `.proto` text (or a base64
// FileDescriptorProto, as registries return schemas the Confluent clients registered) goes
// through libprotoc's Parser; imports resolve to the references by import path, then to the
// well-known files compiled into libprotobuf (google/protobuf/timestamp.proto, ...).

#include "schemadiff.h"

#include <QString>

#include <memory>

namespace google::protobuf {
class FileDescriptor;
} // namespace google::protobuf

namespace edis::schemadiff::proto {

class ProtoSchema {
public:
    ProtoSchema();
    ~ProtoSchema();
    ProtoSchema(const ProtoSchema &) = delete;
    ProtoSchema &operator=(const ProtoSchema &) = delete;

    /// Parses and links `schema`; on failure returns nullptr and sets `error`.
    static std::unique_ptr<ProtoSchema> load(const SchemaText &schema, QString *error);

    const google::protobuf::FileDescriptor *file() const { return file_; }
    /// The file as protoc prints it: one canonical layout, no comments.
    QString canonicalText() const;

private:
    struct Databases;
    std::unique_ptr<Databases> databases_;
    const google::protobuf::FileDescriptor *file_ = nullptr;
};

} // namespace edis::schemadiff::proto
