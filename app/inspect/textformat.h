#pragma once

// Turning arbitrary bytes into something a person can read, without ever failing.

#include <QString>

#include <string_view>

namespace edis::inspect {

/// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool isValidUtf8(std::string_view bytes);
/// Valid UTF-8 with no control characters other than tab, CR and LF in the first `scanLimit` bytes.
bool looksLikeText(std::string_view bytes, std::size_t scanLimit = std::size_t {64} * 1024);
/// The text; invalid sequences become U+FFFD.
QString textOf(std::string_view bytes);
/// One line of at most maxChars characters: line breaks and tabs become spaces, an ellipsis marks a cut.
QString oneLine(std::string_view bytes, int maxChars);
/// Same for text already decoded.
QString oneLine(const QString &text, int maxChars);
/// "ed 15 01 00 …" for a cell.
QString hexPreview(std::string_view bytes, int maxBytes);
/// Offset, 16 hex bytes and their ASCII per line; stops after maxBytes (`*truncated` then true).
QString hexDump(std::string_view bytes, std::size_t maxBytes, bool *truncated = nullptr);
/// Standard base64 (RFC 4648, with padding).
QByteArray toBase64(std::string_view bytes);
/// Strips leading and trailing JSON whitespace.
std::string_view trimmedJson(std::string_view bytes);

} // namespace edis::inspect
