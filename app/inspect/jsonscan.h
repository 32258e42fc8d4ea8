#pragma once

// Finds one path in a JSON text without building a document: keys that do not match are
// skipped at memchr speed. The filter bar uses it so that `value.a.b == "x"` over a million
// records does not parse a million documents.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edis::inspect {

struct JsonPathSegment {
    std::string key; ///< object member name (when index < 0)
    int index = -1; ///< array element
};

struct JsonToken {
    enum class Type { String, Number, True, False, Null, Object, Array };
    Type type = Type::Null;
    /// Strings: the characters between the quotes, still escaped. Others: the token's text.
    std::string_view raw;
    bool hasEscapes = false;
};

/// The value at `path` inside `json`, or nullopt when absent or when the text is not JSON
/// along the way (the rest of the text is not validated).
std::optional<JsonToken> findJsonPath(std::string_view json, const std::vector<JsonPathSegment> &path);

/// Decodes the escapes of a JSON string body (\n, \uXXXX with surrogate pairs, …) to UTF-8.
std::string unescapeJsonString(std::string_view raw);

} // namespace edis::inspect
