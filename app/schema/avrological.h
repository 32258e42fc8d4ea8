#pragma once

// The readable forms of Avro's logical types (see avrocodec.h), written and parsed back.

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace edis::schema::avro {

/// Units per second of a time or timestamp: 1000 for -millis, 1000000 for -micros.
inline constexpr int64_t kMillis = 1000;
inline constexpr int64_t kMicros = 1000000;

/// "2026-12-03" (quoted); false, and nothing written, outside years 1 to 9999.
bool appendDate(std::string &out, int64_t daysSinceEpoch);
/// "10:15:30.123" (quoted); false outside one day.
bool appendTimeOfDay(std::string &out, int64_t value, int64_t unitsPerSecond);
/// "2026-12-03T10:15:30.123Z" (quoted, no Z when `utc` is false); false outside years 1 to 9999.
bool appendTimestamp(std::string &out, int64_t value, int64_t unitsPerSecond, bool utc);
/// The unscaled big-endian two's-complement integer with `scale` decimal places, "-12.34" (quoted).
void appendDecimal(std::string &out, std::string_view unscaled, int scale);
/// 8-4-4-4-12 lowercase hex digits (quoted).
void appendUuid(std::string &out, std::string_view bytes16);

std::optional<int64_t> parseDate(std::string_view text);
/// nullopt (and `*error`) when not "HH:MM:SS[.fraction]" or more fraction digits than the unit keeps.
std::optional<int64_t> parseTimeOfDay(std::string_view text, int64_t unitsPerSecond, QString *error);
/// "YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]"; without a zone, UTC. `local` refuses a zone.
std::optional<int64_t> parseTimestamp(
    std::string_view text, int64_t unitsPerSecond, bool local, QString *error);
/// A decimal number ("-12.34", "12", "1.5e3") as the minimal two's-complement bytes of its
/// value scaled by `scale`; nullopt (and `*error`) when it has more decimal places than the scale
/// or more digits than the precision.
std::optional<std::string> parseDecimal(std::string_view text, int precision, int scale, QString *error);
/// Sign-extends minimal two's-complement bytes to `size`; nullopt when they do not fit.
std::optional<std::string> signExtend(std::string_view bytes, int64_t size);
std::optional<std::string> parseUuid(std::string_view text);

} // namespace edis::schema::avro
