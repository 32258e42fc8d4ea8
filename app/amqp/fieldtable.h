#pragma once

// AMQP 0-9-1 field tables (message headers, queue and consumer arguments) as plain C++ values:
// an ordered list of names and typed values, with nested tables and arrays, kept in the order
// the server sent them. The types are RabbitMQ's (its errata to the 0-9-1 specification).

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>
#include <vector>

namespace edis::amqp {

struct Field;

struct FieldValue {
    enum class Type {
        Void, ///< 'V': no value
        Boolean, ///< 't'
        Int8, ///< 'b'
        UInt8, ///< 'B'
        Int16, ///< 's'
        UInt16, ///< 'u'
        Int32, ///< 'I'
        UInt32, ///< 'i'
        Int64, ///< 'l' (RabbitMQ's long, x-stream-offset)
        UInt64, ///< 'L' (rabbitmq-c only; RabbitMQ itself does not send it)
        Float, ///< 'f'
        Double, ///< 'd'
        Decimal, ///< 'D': decimals (scale) and a 32-bit value
        String, ///< 'S': a long string, UTF-8 by convention
        Bytes, ///< 'x': a byte array
        Timestamp, ///< 'T': seconds since the epoch
        Array, ///< 'A'
        Table, ///< 'F'
    };

    Type type = Type::Void;
    /// The scalar: bool, qint64 (every signed type), quint64 (every unsigned type), double
    /// (Float, Double), QByteArray (String, Bytes), quint64 seconds (Timestamp). Decimal: the
    /// qint64 value, with `decimals` the scale.
    QVariant scalar;
    uint8_t decimals = 0;
    std::vector<FieldValue> array;
    std::vector<Field> table;

    static FieldValue voidValue();
    static FieldValue boolean(bool b);
    static FieldValue int8(int8_t v);
    static FieldValue int16(int16_t v);
    static FieldValue int32(int32_t v);
    static FieldValue int64(int64_t v);
    static FieldValue uint8(uint8_t v);
    static FieldValue uint16(uint16_t v);
    static FieldValue uint32(uint32_t v);
    static FieldValue floatValue(float v);
    static FieldValue doubleValue(double v);
    static FieldValue decimal(uint8_t decimals, uint32_t value);
    static FieldValue string(const QString &text);
    static FieldValue bytes(const QByteArray &data);
    static FieldValue timestamp(uint64_t secondsSinceEpoch);
    static FieldValue arrayOf(std::vector<FieldValue> items);
    static FieldValue tableOf(std::vector<Field> fields);

    bool isInteger() const;
    /// The value of an integer type; nullopt for other types (and a UInt64 past int64).
    std::optional<int64_t> toInt64() const;
    /// Strings and byte arrays as their bytes, anything else as text().
    QByteArray toBytes() const;
    /// The value as one line of text: a string as itself, a number in decimal, a boolean as
    /// true/false, a timestamp in ISO 8601 UTC, a table or an array as JSON.
    QString text() const;
    /// The value as JSON text (strings quoted; bytes that are not UTF-8 as base64 in a string).
    QString json() const;
    /// A QVariant: scalars as above (strings as QString), an array as a QVariantList and a table as
    /// a QVariantList of two-element lists [name, value], which keeps the order.
    QVariant toVariant() const;
    /// Short name of the type ("long", "table", ...) as RabbitMQ's management UI says it.
    QString typeName() const;

    friend bool operator==(const FieldValue &a, const FieldValue &b);
};

struct Field {
    QString name;
    FieldValue value;

    friend bool operator==(const Field &a, const Field &b) { return a.name == b.name && a.value == b.value; }
};

using FieldTable = std::vector<Field>;

/// The first field of that name, or null.
const FieldValue *findField(const FieldTable &table, const QString &name);

/// The table in the AMQP wire encoding (with its leading 32-bit length), as rabbitmq-c
/// encodes it. Fails (nullopt) for a name longer than 255 bytes.
std::optional<QByteArray> encodeFieldTable(const FieldTable &table);
/// Reads the wire encoding back; nullopt when it is malformed or has bytes after the table.
std::optional<FieldTable> decodeFieldTable(const QByteArray &encoded);

} // namespace edis::amqp
