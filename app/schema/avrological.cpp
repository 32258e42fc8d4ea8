#include "schema/avrological.h"

#include "schema/translate.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <vector>

namespace edis::schema::avro {

namespace {

using namespace std::chrono;

constexpr int64_t kSecondsPerDay = 86400;
// Days since 1970-01-01 of 0001-01-01 and 9999-12-31: the years an ISO-8601 date has 4 digits for.
constexpr int64_t kFirstDay = -719162;
constexpr int64_t kLastDay = 2932896;

void append2(std::string &out, int64_t v)
{
    out.push_back(char('0' + v / 10));
    out.push_back(char('0' + v % 10));
}

void appendDigits(std::string &out, int64_t v, int digits)
{
    std::string tmp(std::size_t(digits), '0');
    for (int i = digits - 1; i >= 0 && v > 0; --i) {
        tmp[std::size_t(i)] = char('0' + v % 10);
        v /= 10;
    }
    out.append(tmp);
}

void appendYmd(std::string &out, int64_t days)
{
    const year_month_day ymd {sys_days {std::chrono::days {days}}};
    appendDigits(out, int(ymd.year()), 4);
    out.push_back('-');
    append2(out, unsigned(ymd.month()));
    out.push_back('-');
    append2(out, unsigned(ymd.day()));
}

int fractionDigits(int64_t unitsPerSecond)
{
    return unitsPerSecond == kMillis ? 3 : 6;
}

/// HH:MM:SS.fraction for a time of day in units.
void appendClock(std::string &out, int64_t value, int64_t unitsPerSecond)
{
    const int64_t seconds = value / unitsPerSecond;
    append2(out, seconds / 3600);
    out.push_back(':');
    append2(out, seconds / 60 % 60);
    out.push_back(':');
    append2(out, seconds % 60);
    out.push_back('.');
    appendDigits(out, value % unitsPerSecond, fractionDigits(unitsPerSecond));
}

int64_t floorDiv(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

/// A small cursor for the parsers.
struct Text {
    std::string_view s;
    std::size_t pos = 0;

    bool digits(int count, int64_t *value)
    {
        if (pos + std::size_t(count) > s.size()) {
            return false;
        }
        int64_t v = 0;
        for (int i = 0; i < count; ++i) {
            const char c = s[pos + std::size_t(i)];
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        pos += std::size_t(count);
        *value = v;
        return true;
    }
    bool take(char c)
    {
        if (pos < s.size() && s[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }
    bool atEnd() const { return pos == s.size(); }
};

std::optional<int64_t> dateAt(Text &t)
{
    int64_t y = 0;
    int64_t m = 0;
    int64_t d = 0;
    if (!t.digits(4, &y) || !t.take('-') || !t.digits(2, &m) || !t.take('-') || !t.digits(2, &d)) {
        return std::nullopt;
    }
    const year_month_day ymd {year {int(y)}, month {unsigned(m)}, day {unsigned(d)}};
    if (!ymd.ok() || y < 1) {
        return std::nullopt;
    }
    return sys_days {ymd}.time_since_epoch().count();
}

/// HH:MM:SS[.fraction] in units; nullopt with `*error` left empty when the form is wrong.
std::optional<int64_t> clockAt(Text &t, int64_t unitsPerSecond, QString *error)
{
    int64_t h = 0;
    int64_t mi = 0;
    int64_t s = 0;
    if (!t.digits(2, &h) || !t.take(':') || !t.digits(2, &mi) || !t.take(':') || !t.digits(2, &s) || h > 23
        || mi > 59 || s > 59) {
        return std::nullopt;
    }
    int64_t fraction = 0;
    if (t.take('.')) {
        const int keep = fractionDigits(unitsPerSecond);
        int n = 0;
        while (t.pos < t.s.size() && t.s[t.pos] >= '0' && t.s[t.pos] <= '9') {
            if (n >= keep && t.s[t.pos] != '0') {
                *error
                    = tr("%1 has more fractional digits than the %2 the type keeps.").arg(qs(t.s)).arg(keep);
                return std::nullopt;
            }
            if (n < keep) {
                fraction = fraction * 10 + (t.s[t.pos] - '0');
            }
            ++n;
            ++t.pos;
        }
        if (n == 0) {
            return std::nullopt;
        }
        for (; n < keep; ++n) {
            fraction *= 10;
        }
    }
    return ((h * 60 + mi) * 60 + s) * unitsPerSecond + fraction;
}

/// Magnitude (big-endian bytes) times 10 plus a digit.
void mulAdd(std::vector<uint8_t> &mag, int digit)
{
    auto carry = unsigned(digit);
    for (std::size_t i = mag.size(); i-- > 0;) {
        const unsigned v = unsigned(mag[i]) * 10 + carry;
        mag[i] = uint8_t(v & 0xFF);
        carry = v >> 8;
    }
    while (carry) {
        mag.insert(mag.begin(), uint8_t(carry & 0xFF));
        carry >>= 8;
    }
}

} // namespace

bool appendDate(std::string &out, int64_t days)
{
    if (days < kFirstDay || days > kLastDay) {
        return false;
    }
    out.push_back('"');
    appendYmd(out, days);
    out.push_back('"');
    return true;
}

bool appendTimeOfDay(std::string &out, int64_t value, int64_t unitsPerSecond)
{
    if (value < 0 || value >= kSecondsPerDay * unitsPerSecond) {
        return false;
    }
    out.push_back('"');
    appendClock(out, value, unitsPerSecond);
    out.push_back('"');
    return true;
}

bool appendTimestamp(std::string &out, int64_t value, int64_t unitsPerSecond, bool utc)
{
    const int64_t unitsPerDay = kSecondsPerDay * unitsPerSecond;
    const int64_t days = floorDiv(value, unitsPerDay);
    if (days < kFirstDay || days > kLastDay) {
        return false;
    }
    out.push_back('"');
    appendYmd(out, days);
    out.push_back('T');
    appendClock(out, value - days * unitsPerDay, unitsPerSecond);
    if (utc) {
        out.push_back('Z');
    }
    out.push_back('"');
    return true;
}

void appendDecimal(std::string &out, std::string_view unscaled, int scale)
{
    const auto *b = reinterpret_cast<const unsigned char *>(unscaled.data());
    const bool negative = !unscaled.empty() && (b[0] & 0x80U);
    // The magnitude, big-endian: the two's complement negated when negative.
    std::vector<uint8_t> mag(b, b + unscaled.size());
    if (negative) {
        for (auto &byte : mag) {
            byte = uint8_t(~byte);
        }
        for (std::size_t i = mag.size(); i-- > 0;) {
            if (++mag[i] != 0) {
                break;
            }
        }
    }
    std::string digits; // least significant first
    auto first = std::find_if(mag.begin(), mag.end(), [](uint8_t v) { return v != 0; });
    while (first != mag.end()) {
        unsigned remainder = 0;
        for (auto it = first; it != mag.end(); ++it) {
            const unsigned v = (remainder << 8) | *it;
            *it = uint8_t(v / 10);
            remainder = v % 10;
        }
        digits.push_back(char('0' + remainder));
        first = std::find_if(first, mag.end(), [](uint8_t v) { return v != 0; });
    }
    while (digits.size() < std::size_t(scale) + 1) {
        digits.push_back('0');
    }
    out.push_back('"');
    if (negative) {
        out.push_back('-');
    }
    for (std::size_t i = digits.size(); i-- > 0;) {
        out.push_back(digits[i]);
        if (i == std::size_t(scale) && scale > 0) {
            out.push_back('.');
        }
    }
    out.push_back('"');
}

void appendUuid(std::string &out, std::string_view bytes16)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    for (std::size_t i = 0; i < bytes16.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out.push_back('-');
        }
        const auto c = static_cast<unsigned char>(bytes16[i]);
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    out.push_back('"');
}

std::optional<int64_t> parseDate(std::string_view text)
{
    Text t {text};
    auto days = dateAt(t);
    return days && t.atEnd() ? days : std::nullopt;
}

std::optional<int64_t> parseTimeOfDay(std::string_view text, int64_t unitsPerSecond, QString *error)
{
    Text t {text};
    auto value = clockAt(t, unitsPerSecond, error);
    return value && t.atEnd() ? value : std::nullopt;
}

std::optional<int64_t> parseTimestamp(
    std::string_view text, int64_t unitsPerSecond, bool local, QString *error)
{
    Text t {text};
    const auto days = dateAt(t);
    if (!days || !(t.take('T') || t.take('t') || t.take(' '))) {
        return std::nullopt;
    }
    const auto clock = clockAt(t, unitsPerSecond, error);
    if (!clock) {
        return std::nullopt;
    }
    int64_t offsetSeconds = 0;
    if (!t.atEnd()) {
        if (local) {
            *error = tr("A local timestamp has no time zone: write %1 without Z or an offset.").arg(qs(text));
            return std::nullopt;
        }
        if (!t.take('Z') && !t.take('z')) {
            const bool minus = t.take('-');
            int64_t oh = 0;
            int64_t om = 0;
            if ((!minus && !t.take('+')) || !t.digits(2, &oh) || !t.take(':') || !t.digits(2, &om) || oh > 23
                || om > 59) {
                return std::nullopt;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (minus ? -1 : 1);
        }
        if (!t.atEnd()) {
            return std::nullopt;
        }
    }
    return (*days * kSecondsPerDay - offsetSeconds) * unitsPerSecond + *clock;
}

std::optional<std::string> parseDecimal(std::string_view text, int precision, int scale, QString *error)
{
    std::size_t i = 0;
    const bool negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    std::string digits;
    int64_t fraction = 0;
    bool point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            fraction += point ? 1 : 0;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (digits.empty()) {
        return std::nullopt;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        auto exponentText = text.substr(i + 1);
        if (!exponentText.empty() && exponentText[0] == '+') {
            exponentText.remove_prefix(1);
        }
        int exponent = 0;
        const auto *end = exponentText.data() + exponentText.size();
        const auto parsed = std::from_chars(exponentText.data(), end, exponent);
        if (exponentText.empty() || parsed.ec != std::errc() || parsed.ptr != end || exponent > 9999
            || exponent < -9999) {
            return std::nullopt;
        }
        fraction -= exponent;
        i = text.size();
    }
    if (i != text.size()) {
        return std::nullopt;
    }
    while (fraction > scale && !digits.empty() && digits.back() == '0') {
        digits.pop_back();
        --fraction;
    }
    if (fraction > scale) {
        *error = tr("%1 has %2 decimal places; the schema's scale is %3.")
                     .arg(qs(text))
                     .arg(fraction)
                     .arg(scale);
        return std::nullopt;
    }
    digits.append(std::size_t(scale - fraction), '0');
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    if (int64_t(digits.size()) > precision) {
        *error = tr("%1 has %2 significant digits; the schema's precision is %3.")
                     .arg(qs(text))
                     .arg(digits.size())
                     .arg(precision);
        return std::nullopt;
    }
    std::vector<uint8_t> mag;
    for (const char c : digits) {
        mulAdd(mag, c - '0');
    }
    if (mag.empty()) {
        return std::string(1, '\0');
    }
    if (!negative) {
        if (mag.front() & 0x80U) {
            mag.insert(mag.begin(), 0);
        }
        return std::string(mag.begin(), mag.end());
    }
    for (auto &byte : mag) {
        byte = uint8_t(~byte);
    }
    for (std::size_t k = mag.size(); k-- > 0;) {
        if (++mag[k] != 0) {
            break;
        }
    }
    if (!(mag.front() & 0x80U)) {
        mag.insert(mag.begin(), 0xFF);
    }
    return std::string(mag.begin(), mag.end());
}

std::optional<std::string> signExtend(std::string_view bytes, int64_t size)
{
    if (int64_t(bytes.size()) > size) {
        return std::nullopt;
    }
    const char fill = !bytes.empty() && (static_cast<unsigned char>(bytes[0]) & 0x80U) ? char(0xFF) : char(0);
    return std::string(std::size_t(size) - bytes.size(), fill).append(bytes);
}

std::optional<std::string> parseUuid(std::string_view text)
{
    if (text.size() != 36) {
        return std::nullopt;
    }
    std::string bytes;
    int nibble = -1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') {
                return std::nullopt;
            }
            continue;
        }
        int v = -1;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            v = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            v = c - 'A' + 10;
        } else {
            return std::nullopt;
        }
        if (nibble < 0) {
            nibble = v;
        } else {
            bytes.push_back(char(nibble << 4 | v));
            nibble = -1;
        }
    }
    return bytes;
}

} // namespace edis::schema::avro
