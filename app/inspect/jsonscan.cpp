#include "jsonscan.h"

#include <cstring>

namespace edis::inspect {

namespace {

class Scanner {
public:
    explicit Scanner(std::string_view text)
        : p_(text.data())
        , end_(text.data() + text.size())
    {
    }

    void skipSpace()
    {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
            ++p_;
        }
    }
    bool atEnd() const { return p_ >= end_; }
    char peek() const { return *p_; }
    bool consume(char c)
    {
        skipSpace();
        if (p_ < end_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }

    /// At an opening quote: reads up to the closing one. Body excludes the quotes.
    bool readString(std::string_view *body, bool *hasEscapes)
    {
        const char *start = ++p_;
        for (;;) {
            const auto *q = static_cast<const char *>(std::memchr(p_, '"', std::size_t(end_ - p_)));
            if (!q) {
                return false;
            }
            p_ = q + 1;
            // An odd run of backslashes before the quote escapes it.
            const char *b = q;
            while (b > start && b[-1] == '\\') {
                --b;
            }
            if ((q - b) % 2 == 0) {
                *body = std::string_view(start, std::size_t(q - start));
                *hasEscapes = std::memchr(start, '\\', std::size_t(q - start)) != nullptr;
                return true;
            }
        }
    }

    bool skipValue()
    {
        skipSpace();
        if (atEnd()) {
            return false;
        }
        const char c = *p_;
        if (c == '"') {
            std::string_view body;
            bool escapes = false;
            return readString(&body, &escapes);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (p_ < end_) {
                const char ch = *p_;
                if (ch == '"') {
                    std::string_view body;
                    bool escapes = false;
                    if (!readString(&body, &escapes)) {
                        return false;
                    }
                    continue;
                }
                if (ch == '{' || ch == '[') {
                    ++depth;
                } else if (ch == '}' || ch == ']') {
                    if (--depth == 0) {
                        ++p_;
                        return true;
                    }
                }
                ++p_;
            }
            return false;
        }
        while (p_ < end_ && *p_ != ',' && *p_ != '}' && *p_ != ']' && *p_ != ' ' && *p_ != '\n' && *p_ != '\r'
            && *p_ != '\t') {
            ++p_;
        }
        return true;
    }

    std::optional<JsonToken> readToken()
    {
        skipSpace();
        if (atEnd()) {
            return std::nullopt;
        }
        JsonToken t;
        const char *start = p_;
        const char c = *p_;
        if (c == '"') {
            if (!readString(&t.raw, &t.hasEscapes)) {
                return std::nullopt;
            }
            t.type = JsonToken::Type::String;
            return t;
        }
        if (!skipValue()) {
            return std::nullopt;
        }
        t.raw = std::string_view(start, std::size_t(p_ - start));
        switch (c) {
        case '{':
            t.type = JsonToken::Type::Object;
            break;
        case '[':
            t.type = JsonToken::Type::Array;
            break;
        case 't':
            t.type = JsonToken::Type::True;
            break;
        case 'f':
            t.type = JsonToken::Type::False;
            break;
        case 'n':
            t.type = JsonToken::Type::Null;
            break;
        default:
            if (c != '-' && (c < '0' || c > '9')) {
                return std::nullopt;
            }
            t.type = JsonToken::Type::Number;
        }
        return t;
    }

    /// Inside an object just after '{': moves to the value of `key`.
    bool enterMember(const std::string &key)
    {
        skipSpace();
        if (!atEnd() && *p_ == '}') {
            return false;
        }
        for (;;) {
            skipSpace();
            if (atEnd() || *p_ != '"') {
                return false;
            }
            std::string_view name;
            bool escapes = false;
            if (!readString(&name, &escapes) || !consume(':')) {
                return false;
            }
            if (escapes ? unescapeJsonString(name) == key : name == key) {
                return true;
            }
            if (!skipValue()) {
                return false;
            }
            if (!consume(',')) {
                return false; // '}' or garbage: not found
            }
        }
    }

    /// Inside an array just after '[': moves to element `index`.
    bool enterElement(int index)
    {
        skipSpace();
        if (!atEnd() && *p_ == ']') {
            return false;
        }
        for (int i = 0; i < index; ++i) {
            if (!skipValue() || !consume(',')) {
                return false;
            }
        }
        return true;
    }

private:
    const char *p_;
    const char *end_;
};

void appendUtf8(std::string &out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::optional<uint32_t> hex4(std::string_view s, std::size_t at)
{
    if (at + 4 > s.size()) {
        return std::nullopt;
    }
    uint32_t v = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= uint32_t(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= uint32_t(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= uint32_t(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
    }
    return v;
}

} // namespace

std::optional<JsonToken> findJsonPath(std::string_view json, const std::vector<JsonPathSegment> &path)
{
    Scanner s(json);
    for (const JsonPathSegment &segment : path) {
        if (segment.index < 0) {
            if (!s.consume('{') || !s.enterMember(segment.key)) {
                return std::nullopt;
            }
        } else if (!s.consume('[') || !s.enterElement(segment.index)) {
            return std::nullopt;
        }
    }
    return s.readToken();
}

std::string unescapeJsonString(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
            out += c;
            continue;
        }
        const char e = raw[++i];
        switch (e) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'u': {
            auto cp = hex4(raw, i + 1);
            if (!cp) {
                out += "\\u";
                break;
            }
            i += 4;
            if (*cp >= 0xD800 && *cp <= 0xDBFF && i + 6 < raw.size() && raw[i + 1] == '\\'
                && raw[i + 2] == 'u') {
                if (auto low = hex4(raw, i + 3); low && *low >= 0xDC00 && *low <= 0xDFFF) {
                    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                    i += 6;
                }
            }
            appendUtf8(out, *cp >= 0xD800 && *cp <= 0xDFFF ? 0xFFFD : *cp);
            break;
        }
        default:
            out += e; // \" \\ \/
        }
    }
    return out;
}

} // namespace edis::inspect
