#pragma once

// Kafka Connect / Debezium temporal values (io.debezium.time.MicroTimestamp and friends) as a
// readable date or time, for the change view. With the envelope's Connect schema the field's
// logical type says exactly what the number is. Without one, only a field whose name says it is
// a point in time (updated_at, createdAt, ts_ms, …) and whose integer is an epoch count of
// seconds, milliseconds, microseconds or nanoseconds between 1990 and 2100 is read, and the
// explanation says that the unit was inferred. Anything else is left as it is.

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace edis::inspect {

struct ReadableTemporal {
    QString text; ///< "2026-11-28 00:00:00.000000", "2026-11-28", "13:37:03.250"
    QString explanation; ///< what the raw value is, for a tooltip next to the raw value
    bool inferred = false; ///< no schema: the unit comes from the field name and the magnitude
};

/// `fieldName` is the column's name; `logicalName` the field's Connect schema name
/// ("io.debezium.time.MicroTimestamp"; empty when the schema gives the field none), nullopt when
/// the record carries no schema.
std::optional<ReadableTemporal> readableTemporal(
    const QJsonValue &value, QStringView fieldName, const std::optional<QString> &logicalName);

} // namespace edis::inspect
