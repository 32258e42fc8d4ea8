#include "temporalvalue.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QTime>

#include <cmath>
#include <cstdint>

namespace edis::inspect {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

enum class Unit : int64_t {
    Seconds = 1,
    Millis = 1000,
    Micros = 1000 * 1000,
    Nanos = 1000 * 1000 * 1000,
};

int fractionDigits(Unit unit)
{
    switch (unit) {
    case Unit::Seconds:
        return 0;
    case Unit::Millis:
        return 3;
    case Unit::Micros:
        return 6;
    case Unit::Nanos:
        return 9;
    }
    return 0;
}

QString unitName(Unit unit)
{
    switch (unit) {
    case Unit::Seconds:
        return tr("seconds");
    case Unit::Millis:
        return tr("milliseconds");
    case Unit::Micros:
        return tr("microseconds");
    case Unit::Nanos:
        return tr("nanoseconds");
    }
    return {};
}

/// The value as an exact integer (JSON numbers without a fraction), or nullopt.
std::optional<int64_t> integerOf(const QJsonValue &value)
{
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d)) {
        return std::nullopt;
    }
    // Qt keeps integers of up to 64 bits exactly; toInteger() returns them without a round trip
    // through double (nanosecond counts exceed 2^53).
    return value.toInteger(int64_t(d));
}

/// count (in `unit`) since 1970-01-01T00:00:00 as "yyyy-MM-dd HH:mm:ss[.fraction]" in UTC.
std::optional<QString> epochText(int64_t count, Unit unit)
{
    const int64_t perSecond = int64_t(unit);
    int64_t seconds = count / perSecond;
    int64_t fraction = count % perSecond;
    if (fraction < 0) {
        fraction += perSecond;
        --seconds;
    }
    const QDateTime at = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    if (!at.isValid()) {
        return std::nullopt;
    }
    QString text = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (const int digits = fractionDigits(unit); digits > 0) {
        text += QLatin1Char('.') + QStringLiteral("%1").arg(fraction, digits, 10, QLatin1Char('0'));
    }
    return text;
}

/// count (in `unit`) since midnight as "HH:mm:ss[.fraction]".
std::optional<QString> timeOfDayText(int64_t count, Unit unit)
{
    const int64_t perSecond = int64_t(unit);
    if (count < 0 || count / perSecond >= 24 * 3600) {
        return std::nullopt;
    }
    const int64_t seconds = count / perSecond;
    QString text = QTime(0, 0).addSecs(int(seconds)).toString(QStringLiteral("HH:mm:ss"));
    if (const int digits = fractionDigits(unit); digits > 0) {
        text += QLatin1Char('.') + QStringLiteral("%1").arg(count % perSecond, digits, 10, QLatin1Char('0'));
    }
    return text;
}

std::optional<ReadableTemporal> fromEpoch(const QJsonValue &value, Unit unit, const QString &explanation)
{
    const auto count = integerOf(value);
    if (!count) {
        return std::nullopt;
    }
    const auto text = epochText(*count, unit);
    if (!text) {
        return std::nullopt;
    }
    return ReadableTemporal {*text, explanation, false};
}

std::optional<ReadableTemporal> fromTimeOfDay(const QJsonValue &value, Unit unit, const QString &name)
{
    const auto count = integerOf(value);
    const auto text = count ? timeOfDayText(*count, unit) : std::nullopt;
    if (!text) {
        return std::nullopt;
    }
    return ReadableTemporal {*text, tr("%1: %2 since midnight.").arg(name, unitName(unit)), false};
}

/// An ISO-8601 date-time with an offset ("2018-06-20T13:37:03.25+02:00"), as Debezium writes
/// ZonedTimestamp, shown as "2018-06-20 13:37:03.25 +02:00" (UTC for Z).
std::optional<ReadableTemporal> fromZoned(const QJsonValue &value, const QString &name)
{
    static const QRegularExpression iso(
        QStringLiteral(R"(^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$)"));
    const QRegularExpressionMatch m = iso.match(value.toString());
    if (!value.isString() || !m.hasMatch() || !QDate::fromString(m.captured(1), Qt::ISODate).isValid()
        || !QTime::fromString(m.captured(2), Qt::ISODate).isValid()) {
        return std::nullopt;
    }
    const QString zone = m.captured(4) == QLatin1String("Z") ? QStringLiteral("UTC") : m.captured(4);
    return ReadableTemporal {
        m.captured(1) + QLatin1Char(' ') + m.captured(2) + m.captured(3) + QLatin1Char(' ') + zone,
        tr("%1: a date and time with its time zone offset, as ISO-8601 text.").arg(name), false};
}

std::optional<ReadableTemporal> fromSchema(const QJsonValue &value, QStringView logicalName)
{
    const QString name = logicalName.toString();
    const QString noZone = tr("%1: %2 since the epoch, without a time zone (the column's own date "
                              "and time, as the database stored it).");
    if (name == QLatin1String("io.debezium.time.Timestamp")) {
        return fromEpoch(value, Unit::Millis, noZone.arg(name, unitName(Unit::Millis)));
    }
    if (name == QLatin1String("io.debezium.time.MicroTimestamp")) {
        return fromEpoch(value, Unit::Micros, noZone.arg(name, unitName(Unit::Micros)));
    }
    if (name == QLatin1String("io.debezium.time.NanoTimestamp")) {
        return fromEpoch(value, Unit::Nanos, noZone.arg(name, unitName(Unit::Nanos)));
    }
    if (name == QLatin1String("org.apache.kafka.connect.data.Timestamp")) {
        auto t = fromEpoch(value, Unit::Millis, tr("%1: milliseconds since the epoch, in UTC.").arg(name));
        if (t) {
            t->text += QStringLiteral(" UTC");
        }
        return t;
    }
    if (name == QLatin1String("io.debezium.time.Date")
        || name == QLatin1String("org.apache.kafka.connect.data.Date")) {
        const auto days = integerOf(value);
        if (!days || std::abs(*days) > 3'000'000) {
            return std::nullopt;
        }
        const QDate date = QDate(1970, 1, 1).addDays(*days);
        return ReadableTemporal {
            date.toString(Qt::ISODate), tr("%1: days since 1970-01-01.").arg(name), false};
    }
    if (name == QLatin1String("io.debezium.time.Time")
        || name == QLatin1String("org.apache.kafka.connect.data.Time")) {
        return fromTimeOfDay(value, Unit::Millis, name);
    }
    if (name == QLatin1String("io.debezium.time.MicroTime")) {
        return fromTimeOfDay(value, Unit::Micros, name);
    }
    if (name == QLatin1String("io.debezium.time.NanoTime")) {
        return fromTimeOfDay(value, Unit::Nanos, name);
    }
    if (name == QLatin1String("io.debezium.time.ZonedTimestamp")) {
        return fromZoned(value, name);
    }
    return std::nullopt;
}

/// A name that says "a point in time": updated_at, createdAt, ts, ts_ms, event_time, timestamp.
bool nameSaysPointInTime(QStringView fieldName)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"((^|_)(ts|timestamp|time)(_(ms|us|ns))?$|_at$|[a-z0-9]At$|[a-z0-9](Time|Timestamp|Ts)$)"));
    return pattern.match(fieldName).hasMatch();
}

/// The unit an epoch count of a recent date must have: the ranges for 1990–2100 do not overlap.
std::optional<Unit> unitByMagnitude(int64_t count)
{
    constexpr int64_t kFrom = 631'152'000; // 1990-01-01 in seconds
    constexpr int64_t kTo = 4'102'444'800; // 2100-01-01
    for (const Unit unit : {Unit::Seconds, Unit::Millis, Unit::Micros, Unit::Nanos}) {
        const int64_t scale = int64_t(unit);
        if (count >= kFrom * scale && count <= kTo * scale) {
            return unit;
        }
    }
    return std::nullopt;
}

std::optional<ReadableTemporal> inferred(const QJsonValue &value, QStringView fieldName)
{
    if (!nameSaysPointInTime(fieldName)) {
        return std::nullopt;
    }
    const auto count = integerOf(value);
    const auto unit = count ? unitByMagnitude(*count) : std::nullopt;
    if (!unit) {
        return std::nullopt;
    }
    auto text = epochText(*count, *unit);
    if (!text) {
        return std::nullopt;
    }
    return ReadableTemporal {*text + QStringLiteral(" UTC"),
        tr("Read as %1 since the epoch: the record has no schema, so the unit is inferred from the "
           "field's name and the size of the number.")
            .arg(unitName(*unit)),
        true};
}

} // namespace

std::optional<ReadableTemporal> readableTemporal(
    const QJsonValue &value, QStringView fieldName, const std::optional<QString> &logicalName)
{
    if (logicalName) {
        // The schema decides: a field it does not call temporal is not guessed at.
        return fromSchema(value, *logicalName);
    }
    return inferred(value, fieldName);
}

} // namespace edis::inspect
