#include "schema/jsontext.h"

#include <array>
#include <charconv>
#include <cmath>

namespace edis::schema::json {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The length of the valid UTF-8 sequence at s[0] (s[0] >= 0x80), or 0 when invalid.
std::size_t utf8SequenceLength(const unsigned char *s, std::size_t left)
{
    const unsigned char c = s[0];
    const auto cont = [&](std::size_t i) { return i < left && (s[i] & 0xC0U) == 0x80U; };
    if (c >= 0xC2 && c <= 0xDF) {
        return cont(1) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) {
            return 0;
        }
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) {
            return 0; // overlong, or a UTF-16 surrogate
        }
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) {
            return 0;
        }
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)) {
            return 0; // overlong, or past U+10FFFF
        }
        return 4;
    }
    return 0;
}

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
        return 62;
    }
    if (c == '/' || c == '_') {
        return 63;
    }
    return -1;
}

} // namespace

void appendString(std::string &out, std::string_view utf8)
{
    out.push_back('"');
    const auto *s = reinterpret_cast<const unsigned char *>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (const auto len = utf8SequenceLength(s + i, n - i)) {
                i += len;
                continue;
            }
        }
        out.append(utf8.data() + run, i - run);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.push_back(kHexDigits[c >> 4]);
                out.push_back(kHexDigits[c & 0xF]);
            } else {
                out.append("\\ufffd"); // invalid UTF-8
            }
        }
        ++i;
        run = i;
    }
    out.append(utf8.data() + run, n - run);
    out.push_back('"');
}

void appendInt(std::string &out, int64_t value)
{
    std::array<char, 24> buf {};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    out.append(buf.data(), r.ptr);
}

void appendUInt(std::string &out, uint64_t value)
{
    std::array<char, 24> buf {};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    out.append(buf.data(), r.ptr);
}

namespace {

template <typename F>
void appendFloating(std::string &out, F value)
{
    if (std::isnan(value)) {
        out.append("\"NaN\"");
        return;
    }
    if (std::isinf(value)) {
        out.append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        return;
    }
    std::array<char, 48> buf {};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    const std::string_view text(buf.data(), std::size_t(r.ptr - buf.data()));
    out.append(text);
    if (text.find_first_of(".e") == std::string_view::npos) {
        out.append(".0");
    }
}

} // namespace

void appendDouble(std::string &out, double value)
{
    appendFloating(out, value);
}

void appendFloat(std::string &out, float value)
{
    appendFloating(out, value);
}

void appendBase64(std::string &out, std::string_view bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const uint32_t v = uint32_t(s[i]) << 16 | uint32_t(s[i + 1]) << 8 | s[i + 2];
        out.push_back(kBase64Alphabet[(v >> 18) & 63]);
        out.push_back(kBase64Alphabet[(v >> 12) & 63]);
        out.push_back(kBase64Alphabet[(v >> 6) & 63]);
        out.push_back(kBase64Alphabet[v & 63]);
    }
    if (n - i == 1) {
        const uint32_t v = uint32_t(s[i]) << 16;
        out.push_back(kBase64Alphabet[(v >> 18) & 63]);
        out.push_back(kBase64Alphabet[(v >> 12) & 63]);
        out.append("==");
    } else if (n - i == 2) {
        const uint32_t v = uint32_t(s[i]) << 16 | uint32_t(s[i + 1]) << 8;
        out.push_back(kBase64Alphabet[(v >> 18) & 63]);
        out.push_back(kBase64Alphabet[(v >> 12) & 63]);
        out.push_back(kBase64Alphabet[(v >> 6) & 63]);
        out.push_back('=');
    }
}

bool decodeBase64(std::string_view text, std::string *bytes)
{
    while (!text.empty() && text.back() == '=') {
        text.remove_suffix(1);
    }
    if (text.size() % 4 == 1) {
        return false;
    }
    bytes->clear();
    bytes->reserve(text.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = base64Value(c);
        if (v < 0) {
            return false;
        }
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes->push_back(char((acc >> bits) & 0xFFU));
        }
    }
    return true;
}

} // namespace edis::schema::json
