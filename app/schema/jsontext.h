#pragma once

// Writing JSON text straight into a std::string (no document, no QString), for the decoders'
// hot path; and the base64 that bytes are shown in.

#include <cstdint>
#include <string>
#include <string_view>

namespace edis::schema::json {

/// Appends `utf8` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD, so
/// the output is always valid JSON.
void appendString(std::string &out, std::string_view utf8);

void appendInt(std::string &out, int64_t value);
void appendUInt(std::string &out, uint64_t value);
/// A JSON number in the shortest form that reads back to the same value, with ".0" on whole
/// numbers (5.0); NaN and infinities as the strings "NaN", "Infinity", "-Infinity".
void appendDouble(std::string &out, double value);
void appendFloat(std::string &out, float value);

/// Standard base64 with padding (RFC 4648 §4), without quotes.
void appendBase64(std::string &out, std::string_view bytes);
/// Decodes standard or URL-safe base64, padding optional; false on any other character.
bool decodeBase64(std::string_view text, std::string *bytes);

} // namespace edis::schema::json
