#pragma once

// A Protobuf schema text as a FileDescriptorProto: .proto source through libprotoc's parser,
// or a base64-encoded serialized FileDescriptorProto (internal).

#include "schema/result.h"

#include <google/protobuf/descriptor.pb.h>

namespace edis::schema::protobuf {

struct ParsedFile {
    google::protobuf::FileDescriptorProto proto;
    bool fromDescriptor = false;
};

/// `what` names the text in errors ("the schema", "the reference a/b.proto").
Result<ParsedFile> parseFile(const QString &text, const QString &what);

} // namespace edis::schema::protobuf
