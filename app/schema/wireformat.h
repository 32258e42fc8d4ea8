#pragma once

// The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian integer, then
// the payload. Protobuf payloads start with the message-index list, which picks the message of
// the .proto file: a zig-zag varint count, then that many zig-zag varints; the common [0] (the
// first message of the file) is the single byte 0. Confluent's serializers, Java and Python
// alike, write zig-zag for the count and for each index.

#include "schema/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edis::schema::wire {

inline constexpr char kMagicByte = 0;
inline constexpr std::size_t kHeaderBytes = 5;
/// More indexes than any real nesting of messages: a longer list is garbage, not a schema.
inline constexpr std::size_t kMaxMessageIndexes = 64;

struct Frame {
    int32_t schemaId = 0;
    std::string_view payload; ///< the bytes after the 5-byte header (a view into the record)
};

struct MessageIndexes {
    std::vector<int> indexes; ///< never empty: [0] when the list was the single byte 0
    std::string_view payload; ///< the Protobuf message bytes after the list
};

/// Splits a record's value (or key) into schema id and payload; an error when it is shorter than
/// the header or does not start with the magic byte.
Result<Frame> parseFrame(std::string_view record);

/// Reads the message-index list at the start of a Protobuf payload (after the header).
Result<MessageIndexes> parseMessageIndexes(std::string_view payload);

/// The 5-byte header for a schema id.
std::string frameHeader(int32_t schemaId);

/// Appends the message-index list; an empty list or [0] is written as the single byte 0.
void appendMessageIndexes(std::string &out, std::span<const int> indexes);

/// "[1, 0]", as the error messages and the UI show an index list.
QString indexesText(std::span<const int> indexes);

} // namespace edis::schema::wire
