#include "textformat.h"

#include <QByteArray>

#include <cstdio>

namespace edis::inspect {

namespace {

/// Length of the well-formed UTF-8 sequence starting at p (0 when it is not one).
std::size_t sequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    if (c < 0x80) {
        return 1;
    }
    const auto avail = std::size_t(end - p);
    const auto cont = [&](std::size_t i) { return i < avail && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
        return cont(1) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) {
            return 0;
        }
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) {
            return 0; // overlong, or a UTF-16 surrogate
        }
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) {
            return 0;
        }
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) {
            return 0;
        }
        return 4;
    }
    return 0;
}

bool validUtf8(std::string_view bytes, bool rejectControls, std::size_t limit)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + std::min(bytes.size(), limit);
    const auto *hardEnd = p + bytes.size();
    while (p < end) {
        // ASCII runs dominate real payloads; handle them without the general path.
        if (*p < 0x80) {
            if (rejectControls && (*p < 0x20 || *p == 0x7F) && *p != '\t' && *p != '\n' && *p != '\r') {
                return false;
            }
            ++p;
            continue;
        }
        const std::size_t n = sequenceLength(p, hardEnd);
        if (n == 0) {
            return false;
        }
        p += n;
    }
    return true;
}

} // namespace

bool isValidUtf8(std::string_view bytes)
{
    return validUtf8(bytes, false, bytes.size());
}

bool looksLikeText(std::string_view bytes, std::size_t scanLimit)
{
    return validUtf8(bytes, true, scanLimit);
}

QString textOf(std::string_view bytes)
{
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

QString oneLine(const QString &text, int maxChars)
{
    QString out = text.size() > maxChars ? text.left(maxChars - 1) + QChar(0x2026) : text;
    for (QChar &c : out) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) {
            c = QLatin1Char(' ');
        }
    }
    return out;
}

QString oneLine(std::string_view bytes, int maxChars)
{
    // Convert only what can show: a 5 MB value must not become a 5 MB QString for one cell.
    std::size_t take = std::min(bytes.size(), std::size_t(maxChars) * 4);
    if (take < bytes.size()) {
        while (take > 0 && (static_cast<unsigned char>(bytes[take]) & 0xC0) == 0x80) {
            --take; // do not cut a multi-byte character in half
        }
    }
    QString text = textOf(bytes.substr(0, take));
    if (take < bytes.size() && text.size() <= maxChars) {
        text += QChar(0x2026);
    }
    return oneLine(text, maxChars);
}

QString hexPreview(std::string_view bytes, int maxBytes)
{
    static const char *digits = "0123456789abcdef";
    QString out;
    const auto n = std::min<std::size_t>(bytes.size(), std::size_t(maxBytes));
    out.reserve(int(n * 3 + 2));
    for (std::size_t i = 0; i < n; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (i) {
            out += QLatin1Char(' ');
        }
        out += QLatin1Char(digits[b >> 4]);
        out += QLatin1Char(digits[b & 0xF]);
    }
    if (n < bytes.size()) {
        out += QStringLiteral(" \u2026");
    }
    return out;
}

QString hexDump(std::string_view bytes, std::size_t maxBytes, bool *truncated)
{
    static const char *digits = "0123456789abcdef";
    const std::size_t n = std::min(bytes.size(), maxBytes);
    if (truncated) {
        *truncated = n < bytes.size();
    }
    QByteArray out;
    out.reserve(qsizetype((n / 16 + 1) * 78));
    for (std::size_t line = 0; line < n; line += 16) {
        char offset[32];
        std::snprintf(offset, sizeof offset, "%08zx  ", line);
        out += offset;
        for (std::size_t i = 0; i < 16; ++i) {
            if (line + i < n) {
                const auto b = static_cast<unsigned char>(bytes[line + i]);
                out += digits[b >> 4];
                out += digits[b & 0xF];
                out += ' ';
            } else {
                out += "   ";
            }
            if (i == 7) {
                out += ' ';
            }
        }
        out += " |";
        for (std::size_t i = 0; i < 16 && line + i < n; ++i) {
            const auto b = static_cast<unsigned char>(bytes[line + i]);
            out += (b >= 0x20 && b < 0x7F) ? char(b) : '.';
        }
        out += "|\n";
    }
    return QString::fromLatin1(out);
}

QByteArray toBase64(std::string_view bytes)
{
    return QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())).toBase64();
}

std::string_view trimmedJson(std::string_view bytes)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t b = 0;
    std::size_t e = bytes.size();
    while (b < e && isSpace(bytes[b])) {
        ++b;
    }
    while (e > b && isSpace(bytes[e - 1])) {
        --e;
    }
    return bytes.substr(b, e - b);
}

} // namespace edis::inspect
