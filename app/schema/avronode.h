#pragma once

// The compiled form of an Avro schema that EDIS's reader and writer walk: one node per type,
// named types defined once and referenced by pointer (recursive types included). Built by
// avrocompiler.cpp from the schema text after avro-c has accepted it; immutable afterwards, so
// any number of threads decode and encode with one graph without locks. Internal to edis_schema.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace edis::schema::avro {

enum class Kind : uint8_t {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed
};

/// Logical types EDIS shows readably. A logical type the specification does not allow on its
/// underlying type (or with bad parameters) is ignored, as the specification says, and the
/// value is shown as its underlying type.
enum class Logical : uint8_t {
    None,
    Decimal,
    Date,
    TimeMillis,
    TimeMicros,
    TimestampMillis,
    TimestampMicros,
    LocalTimestampMillis,
    LocalTimestampMicros,
    Uuid,
    Duration,
};

struct Node;

struct Field {
    std::string name;
    std::string quotedName; ///< the name as a JSON string, quotes included, ready to append
    const Node *type = nullptr;
    std::optional<nlohmann::ordered_json> defaultValue;
};

struct Node {
    Kind kind = Kind::Null;
    Logical logical = Logical::None;
    int precision = 0; ///< decimal
    int scale = 0; ///< decimal

    std::string fullName; ///< records, enums, fixed
    /// The name that tags this type as a union branch: the full name of a named type, else the
    /// type's name ("string", "array", …), as the Avro JSON encoding writes it.
    std::string branchName;

    std::vector<Field> fields; ///< records
    std::unordered_map<std::string, std::size_t> fieldIndex;

    std::vector<std::string> symbols; ///< enums
    std::vector<std::string> quotedSymbols;
    std::unordered_map<std::string, int64_t> symbolIndex;

    int64_t fixedSize = 0; ///< fixed
    const Node *items = nullptr; ///< array items, map values
    std::vector<const Node *> branches; ///< unions
    int nullBranch = -1; ///< unions: the index of the null branch, -1 without one

    /// Whether a value of this type can take zero bytes (null, an empty record, fixed(0)): an
    /// array of such items could claim billions of items in a few bytes, so the reader bounds them.
    bool mayBeEmpty = false;

    /// A union of null and one other type: shown as the plain value (see DecodeOptions).
    bool isNullable() const { return kind == Kind::Union && branches.size() == 2 && nullBranch >= 0; }
};

struct Graph {
    std::deque<Node> nodes; ///< stable addresses
    const Node *root = nullptr;
};

} // namespace edis::schema::avro
