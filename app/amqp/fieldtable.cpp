#include "fieldtable.h"

#include "internal/convert.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace edis::amqp {

namespace {

using Type = FieldValue::Type;

FieldValue make(Type type, QVariant scalar)
{
    FieldValue v;
    v.type = type;
    v.scalar = std::move(scalar);
    return v;
}

bool isSigned(Type t)
{
    return t == Type::Int8 || t == Type::Int16 || t == Type::Int32 || t == Type::Int64;
}

bool isUnsigned(Type t)
{
    return t == Type::UInt8 || t == Type::UInt16 || t == Type::UInt32 || t == Type::UInt64;
}

QString decimalText(const FieldValue &v)
{
    const qint64 raw = v.scalar.toLongLong();
    if (v.decimals == 0) {
        return QString::number(raw);
    }
    QString digits = QString::number(raw).rightJustified(v.decimals + 1, QLatin1Char('0'));
    digits.insert(digits.size() - v.decimals, QLatin1Char('.'));
    return digits;
}

QJsonValue jsonOf(const FieldValue &v)
{
    switch (v.type) {
    case Type::Void:
        return {QJsonValue::Null};
    case Type::Boolean:
        return v.scalar.toBool();
    case Type::Float:
    case Type::Double:
        return v.scalar.toDouble();
    case Type::String:
    case Type::Bytes: {
        const QByteArray b = v.scalar.toByteArray();
        const QString s = QString::fromUtf8(b);
        // Text that does not survive a round trip through UTF-8 is shown as base64.
        return s.toUtf8() == b ? QJsonValue(s) : QJsonValue(QString::fromLatin1(b.toBase64()));
    }
    case Type::Timestamp:
    case Type::Decimal:
        return v.text();
    case Type::Array: {
        QJsonArray a;
        for (const FieldValue &item : v.array) {
            a.append(jsonOf(item));
        }
        return a;
    }
    case Type::Table: {
        QJsonObject o;
        for (const Field &f : v.table) {
            o.insert(f.name, jsonOf(f.value));
        }
        return o;
    }
    default:
        // Integers: JSON numbers are doubles; past 2^53 keep the exact digits as a string.
        if (const auto i = v.toInt64(); i && *i > -(int64_t(1) << 53) && *i < (int64_t(1) << 53)) {
            return double(*i);
        }
        return v.text();
    }
}

} // namespace

FieldValue FieldValue::voidValue()
{
    return {};
}
FieldValue FieldValue::boolean(bool b)
{
    return make(Type::Boolean, b);
}
FieldValue FieldValue::int8(int8_t v)
{
    return make(Type::Int8, qint64(v));
}
FieldValue FieldValue::int16(int16_t v)
{
    return make(Type::Int16, qint64(v));
}
FieldValue FieldValue::int32(int32_t v)
{
    return make(Type::Int32, qint64(v));
}
FieldValue FieldValue::int64(int64_t v)
{
    return make(Type::Int64, qint64(v));
}
FieldValue FieldValue::uint8(uint8_t v)
{
    return make(Type::UInt8, quint64(v));
}
FieldValue FieldValue::uint16(uint16_t v)
{
    return make(Type::UInt16, quint64(v));
}
FieldValue FieldValue::uint32(uint32_t v)
{
    return make(Type::UInt32, quint64(v));
}
FieldValue FieldValue::floatValue(float v)
{
    return make(Type::Float, double(v));
}
FieldValue FieldValue::doubleValue(double v)
{
    return make(Type::Double, v);
}
FieldValue FieldValue::decimal(uint8_t decimals, uint32_t value)
{
    FieldValue v = make(Type::Decimal, qint64(value));
    v.decimals = decimals;
    return v;
}
FieldValue FieldValue::string(const QString &text)
{
    return make(Type::String, text.toUtf8());
}
FieldValue FieldValue::bytes(const QByteArray &data)
{
    return make(Type::Bytes, data);
}
FieldValue FieldValue::timestamp(uint64_t secondsSinceEpoch)
{
    return make(Type::Timestamp, quint64(secondsSinceEpoch));
}
FieldValue FieldValue::arrayOf(std::vector<FieldValue> items)
{
    FieldValue v;
    v.type = Type::Array;
    v.array = std::move(items);
    return v;
}
FieldValue FieldValue::tableOf(std::vector<Field> fields)
{
    FieldValue v;
    v.type = Type::Table;
    v.table = std::move(fields);
    return v;
}

bool FieldValue::isInteger() const
{
    return isSigned(type) || isUnsigned(type);
}

std::optional<int64_t> FieldValue::toInt64() const
{
    if (isSigned(type)) {
        return scalar.toLongLong();
    }
    if (isUnsigned(type)) {
        const quint64 u = scalar.toULongLong();
        return u <= quint64(std::numeric_limits<int64_t>::max()) ? std::optional<int64_t>(int64_t(u))
                                                                 : std::nullopt;
    }
    return std::nullopt;
}

QByteArray FieldValue::toBytes() const
{
    return type == Type::String || type == Type::Bytes ? scalar.toByteArray() : text().toUtf8();
}

QString FieldValue::text() const
{
    switch (type) {
    case Type::Void:
        return {};
    case Type::Boolean:
        return scalar.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Float:
    case Type::Double:
        return QString::number(scalar.toDouble(), 'g', type == Type::Float ? 7 : 17);
    case Type::Decimal:
        return decimalText(*this);
    case Type::String:
        return QString::fromUtf8(scalar.toByteArray());
    case Type::Bytes: {
        const QByteArray b = scalar.toByteArray();
        const QString s = QString::fromUtf8(b);
        return s.toUtf8() == b ? s : QString::fromLatin1(b.toBase64());
    }
    case Type::Timestamp:
        return QDateTime::fromSecsSinceEpoch(qint64(scalar.toULongLong()), Qt::UTC).toString(Qt::ISODate);
    case Type::Array:
    case Type::Table:
        return json();
    default:
        return isSigned(type) ? QString::number(scalar.toLongLong()) : QString::number(scalar.toULongLong());
    }
}

QString FieldValue::json() const
{
    const QJsonValue j = jsonOf(*this);
    if (j.isArray()) {
        return QString::fromUtf8(QJsonDocument(j.toArray()).toJson(QJsonDocument::Compact));
    }
    if (j.isObject()) {
        return QString::fromUtf8(QJsonDocument(j.toObject()).toJson(QJsonDocument::Compact));
    }
    // A scalar: wrap it in an array to let QJsonDocument write it, then unwrap.
    const QByteArray wrapped = QJsonDocument(QJsonArray {j}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QVariant FieldValue::toVariant() const
{
    switch (type) {
    case Type::Void:
        return {};
    case Type::String:
        return QString::fromUtf8(scalar.toByteArray());
    case Type::Timestamp:
        return QDateTime::fromSecsSinceEpoch(qint64(scalar.toULongLong()), Qt::UTC);
    case Type::Decimal:
        return decimalText(*this);
    case Type::Array: {
        QVariantList list;
        for (const FieldValue &item : array) {
            list.append(item.toVariant());
        }
        return list;
    }
    case Type::Table: {
        QVariantList list;
        for (const Field &f : table) {
            list.append(QVariant(QVariantList {f.name, f.value.toVariant()}));
        }
        return list;
    }
    default:
        return scalar;
    }
}

QString FieldValue::typeName() const
{
    switch (type) {
    case Type::Void:
        return QStringLiteral("void");
    case Type::Boolean:
        return QStringLiteral("boolean");
    case Type::Int8:
        return QStringLiteral("byte");
    case Type::UInt8:
        return QStringLiteral("unsigned byte");
    case Type::Int16:
        return QStringLiteral("short");
    case Type::UInt16:
        return QStringLiteral("unsigned short");
    case Type::Int32:
        return QStringLiteral("int");
    case Type::UInt32:
        return QStringLiteral("unsigned int");
    case Type::Int64:
        return QStringLiteral("long");
    case Type::UInt64:
        return QStringLiteral("unsigned long");
    case Type::Float:
        return QStringLiteral("float");
    case Type::Double:
        return QStringLiteral("double");
    case Type::Decimal:
        return QStringLiteral("decimal");
    case Type::String:
        return QStringLiteral("string");
    case Type::Bytes:
        return QStringLiteral("bytes");
    case Type::Timestamp:
        return QStringLiteral("timestamp");
    case Type::Array:
        return QStringLiteral("array");
    case Type::Table:
        return QStringLiteral("table");
    }
    return QStringLiteral("unknown");
}

bool operator==(const FieldValue &a, const FieldValue &b)
{
    return a.type == b.type && a.scalar == b.scalar && a.decimals == b.decimals && a.array == b.array
        && a.table == b.table;
}

const FieldValue *findField(const FieldTable &table, const QString &name)
{
    for (const Field &f : table) {
        if (f.name == name) {
            return &f.value;
        }
    }
    return nullptr;
}

std::optional<QByteArray> encodeFieldTable(const FieldTable &table)
{
    for (const Field &f : table) {
        if (f.name.toUtf8().size() > 255) {
            return std::nullopt;
        }
    }
    detail::Pool pool;
    amqp_table_t t = detail::toAmqp(table, pool.get());
    for (std::size_t capacity = 4096;; capacity *= 2) {
        QByteArray buffer(qsizetype(capacity), '\0');
        amqp_bytes_t out {capacity, buffer.data()};
        std::size_t offset = 0;
        const int status = amqp_encode_table(out, &t, &offset);
        if (status == AMQP_STATUS_OK) {
            buffer.truncate(qsizetype(offset));
            return buffer;
        }
        if (status != AMQP_STATUS_TABLE_TOO_BIG || capacity > (std::size_t(1) << 30)) {
            return std::nullopt;
        }
    }
}

std::optional<FieldTable> decodeFieldTable(const QByteArray &encoded)
{
    detail::Pool pool;
    amqp_table_t t {0, nullptr};
    std::size_t offset = 0;
    if (amqp_decode_table(detail::bytesOf(encoded), pool.get(), &t, &offset) != AMQP_STATUS_OK
        || offset != std::size_t(encoded.size())) {
        return std::nullopt;
    }
    return detail::fromAmqp(t);
}

} // namespace edis::amqp
