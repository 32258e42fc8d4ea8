#include "convert.h"

#include <cstring>

namespace edis::amqp::detail {

namespace {

using Type = FieldValue::Type;

} // namespace

amqp_bytes_t poolBytes(amqp_pool_t *pool, const QByteArray &data)
{
    amqp_bytes_t out {0, nullptr};
    if (data.isEmpty()) {
        return out;
    }
    amqp_pool_alloc_bytes(pool, std::size_t(data.size()), &out);
    if (out.bytes != nullptr) {
        std::memcpy(out.bytes, data.constData(), std::size_t(data.size()));
    } else {
        out.len = 0;
    }
    return out;
}

FieldValue fromAmqp(const amqp_field_value_t &value)
{
    FieldValue v;
    switch (value.kind) {
    case AMQP_FIELD_KIND_BOOLEAN:
        v = FieldValue::boolean(value.value.boolean != 0);
        break;
    case AMQP_FIELD_KIND_I8:
        v = FieldValue::int8(value.value.i8);
        break;
    case AMQP_FIELD_KIND_U8:
        v = FieldValue::uint8(value.value.u8);
        break;
    case AMQP_FIELD_KIND_I16:
        v = FieldValue::int16(value.value.i16);
        break;
    case AMQP_FIELD_KIND_U16:
        v = FieldValue::uint16(value.value.u16);
        break;
    case AMQP_FIELD_KIND_I32:
        v = FieldValue::int32(value.value.i32);
        break;
    case AMQP_FIELD_KIND_U32:
        v = FieldValue::uint32(value.value.u32);
        break;
    case AMQP_FIELD_KIND_I64:
        v = FieldValue::int64(value.value.i64);
        break;
    case AMQP_FIELD_KIND_U64:
        v.type = Type::UInt64;
        v.scalar = QVariant::fromValue<quint64>(value.value.u64);
        break;
    case AMQP_FIELD_KIND_F32:
        v = FieldValue::floatValue(value.value.f32);
        break;
    case AMQP_FIELD_KIND_F64:
        v = FieldValue::doubleValue(value.value.f64);
        break;
    case AMQP_FIELD_KIND_DECIMAL:
        v = FieldValue::decimal(value.value.decimal.decimals, value.value.decimal.value);
        break;
    case AMQP_FIELD_KIND_UTF8:
        v.type = Type::String;
        v.scalar = toByteArray(value.value.bytes);
        break;
    case AMQP_FIELD_KIND_BYTES:
        v = FieldValue::bytes(toByteArray(value.value.bytes));
        break;
    case AMQP_FIELD_KIND_TIMESTAMP:
        v = FieldValue::timestamp(value.value.u64);
        break;
    case AMQP_FIELD_KIND_ARRAY: {
        v.type = Type::Array;
        const amqp_array_t &a = value.value.array;
        v.array.reserve(std::size_t(std::max(a.num_entries, 0)));
        for (int i = 0; i < a.num_entries; ++i) {
            v.array.push_back(fromAmqp(a.entries[i]));
        }
        break;
    }
    case AMQP_FIELD_KIND_TABLE:
        v.type = Type::Table;
        v.table = fromAmqp(value.value.table);
        break;
    case AMQP_FIELD_KIND_VOID:
    default:
        break;
    }
    return v;
}

FieldTable fromAmqp(const amqp_table_t &table)
{
    FieldTable out;
    out.reserve(std::size_t(std::max(table.num_entries, 0)));
    for (int i = 0; i < table.num_entries; ++i) {
        out.push_back({toQString(table.entries[i].key), fromAmqp(table.entries[i].value)});
    }
    return out;
}

namespace {

amqp_field_value_t toAmqp(const FieldValue &v, amqp_pool_t *pool)
{
    amqp_field_value_t out {};
    switch (v.type) {
    case Type::Void:
        out.kind = AMQP_FIELD_KIND_VOID;
        break;
    case Type::Boolean:
        out.kind = AMQP_FIELD_KIND_BOOLEAN;
        out.value.boolean = v.scalar.toBool() ? 1 : 0;
        break;
    case Type::Int8:
        out.kind = AMQP_FIELD_KIND_I8;
        out.value.i8 = int8_t(v.scalar.toLongLong());
        break;
    case Type::UInt8:
        out.kind = AMQP_FIELD_KIND_U8;
        out.value.u8 = uint8_t(v.scalar.toULongLong());
        break;
    case Type::Int16:
        out.kind = AMQP_FIELD_KIND_I16;
        out.value.i16 = int16_t(v.scalar.toLongLong());
        break;
    case Type::UInt16:
        out.kind = AMQP_FIELD_KIND_U16;
        out.value.u16 = uint16_t(v.scalar.toULongLong());
        break;
    case Type::Int32:
        out.kind = AMQP_FIELD_KIND_I32;
        out.value.i32 = int32_t(v.scalar.toLongLong());
        break;
    case Type::UInt32:
        out.kind = AMQP_FIELD_KIND_U32;
        out.value.u32 = uint32_t(v.scalar.toULongLong());
        break;
    case Type::Int64:
        out.kind = AMQP_FIELD_KIND_I64;
        out.value.i64 = v.scalar.toLongLong();
        break;
    case Type::UInt64:
        out.kind = AMQP_FIELD_KIND_U64;
        out.value.u64 = v.scalar.toULongLong();
        break;
    case Type::Float:
        out.kind = AMQP_FIELD_KIND_F32;
        out.value.f32 = v.scalar.toFloat();
        break;
    case Type::Double:
        out.kind = AMQP_FIELD_KIND_F64;
        out.value.f64 = v.scalar.toDouble();
        break;
    case Type::Decimal:
        out.kind = AMQP_FIELD_KIND_DECIMAL;
        out.value.decimal.decimals = v.decimals;
        out.value.decimal.value = uint32_t(v.scalar.toLongLong());
        break;
    case Type::String:
        out.kind = AMQP_FIELD_KIND_UTF8;
        out.value.bytes = poolBytes(pool, v.scalar.toByteArray());
        break;
    case Type::Bytes:
        out.kind = AMQP_FIELD_KIND_BYTES;
        out.value.bytes = poolBytes(pool, v.scalar.toByteArray());
        break;
    case Type::Timestamp:
        out.kind = AMQP_FIELD_KIND_TIMESTAMP;
        out.value.u64 = v.scalar.toULongLong();
        break;
    case Type::Array: {
        out.kind = AMQP_FIELD_KIND_ARRAY;
        const std::size_t n = v.array.size();
        out.value.array.num_entries = int(n);
        out.value.array.entries = n == 0
            ? nullptr
            : static_cast<amqp_field_value_t *>(amqp_pool_alloc(pool, n * sizeof(amqp_field_value_t)));
        for (std::size_t i = 0; i < n && out.value.array.entries != nullptr; ++i) {
            out.value.array.entries[i] = toAmqp(v.array[i], pool);
        }
        break;
    }
    case Type::Table:
        out.kind = AMQP_FIELD_KIND_TABLE;
        out.value.table = detail::toAmqp(v.table, pool);
        break;
    }
    return out;
}

} // namespace

amqp_table_t toAmqp(const FieldTable &table, amqp_pool_t *pool)
{
    amqp_table_t out {0, nullptr};
    if (table.empty()) {
        return out;
    }
    out.entries
        = static_cast<amqp_table_entry_t *>(amqp_pool_alloc(pool, table.size() * sizeof(amqp_table_entry_t)));
    if (out.entries == nullptr) {
        return out;
    }
    out.num_entries = int(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        out.entries[i].key = poolBytes(pool, table[i].name.toUtf8());
        out.entries[i].value = toAmqp(table[i].value, pool);
    }
    return out;
}

void fromAmqp(const amqp_basic_properties_t &props, Properties &p, FieldTable &headers)
{
    const amqp_flags_t f = props._flags;
    const auto text = [f](amqp_flags_t flag, amqp_bytes_t bytes) {
        return (f & flag) ? std::optional<QString>(toQString(bytes)) : std::nullopt;
    };
    p.contentType = text(AMQP_BASIC_CONTENT_TYPE_FLAG, props.content_type);
    p.contentEncoding = text(AMQP_BASIC_CONTENT_ENCODING_FLAG, props.content_encoding);
    p.correlationId = text(AMQP_BASIC_CORRELATION_ID_FLAG, props.correlation_id);
    p.messageId = text(AMQP_BASIC_MESSAGE_ID_FLAG, props.message_id);
    p.expiration = text(AMQP_BASIC_EXPIRATION_FLAG, props.expiration);
    p.type = text(AMQP_BASIC_TYPE_FLAG, props.type);
    p.appId = text(AMQP_BASIC_APP_ID_FLAG, props.app_id);
    p.userId = text(AMQP_BASIC_USER_ID_FLAG, props.user_id);
    p.replyTo = text(AMQP_BASIC_REPLY_TO_FLAG, props.reply_to);
    p.clusterId = text(AMQP_BASIC_CLUSTER_ID_FLAG, props.cluster_id);
    p.timestamp = (f & AMQP_BASIC_TIMESTAMP_FLAG) ? std::optional<uint64_t>(props.timestamp) : std::nullopt;
    p.deliveryMode
        = (f & AMQP_BASIC_DELIVERY_MODE_FLAG) ? std::optional<uint8_t>(props.delivery_mode) : std::nullopt;
    p.priority = (f & AMQP_BASIC_PRIORITY_FLAG) ? std::optional<uint8_t>(props.priority) : std::nullopt;
    headers = (f & AMQP_BASIC_HEADERS_FLAG) ? fromAmqp(props.headers) : FieldTable {};
}

amqp_basic_properties_t toAmqp(const Properties &p, const FieldTable &headers, amqp_pool_t *pool)
{
    amqp_basic_properties_t out {};
    const auto text
        = [&out, pool](amqp_flags_t flag, const std::optional<QString> &value, amqp_bytes_t &field) {
              if (value) {
                  out._flags |= flag;
                  field = poolBytes(pool, value->toUtf8());
              }
          };
    text(AMQP_BASIC_CONTENT_TYPE_FLAG, p.contentType, out.content_type);
    text(AMQP_BASIC_CONTENT_ENCODING_FLAG, p.contentEncoding, out.content_encoding);
    text(AMQP_BASIC_CORRELATION_ID_FLAG, p.correlationId, out.correlation_id);
    text(AMQP_BASIC_MESSAGE_ID_FLAG, p.messageId, out.message_id);
    text(AMQP_BASIC_EXPIRATION_FLAG, p.expiration, out.expiration);
    text(AMQP_BASIC_TYPE_FLAG, p.type, out.type);
    text(AMQP_BASIC_APP_ID_FLAG, p.appId, out.app_id);
    text(AMQP_BASIC_USER_ID_FLAG, p.userId, out.user_id);
    text(AMQP_BASIC_REPLY_TO_FLAG, p.replyTo, out.reply_to);
    text(AMQP_BASIC_CLUSTER_ID_FLAG, p.clusterId, out.cluster_id);
    if (p.timestamp) {
        out._flags |= AMQP_BASIC_TIMESTAMP_FLAG;
        out.timestamp = *p.timestamp;
    }
    if (p.deliveryMode) {
        out._flags |= AMQP_BASIC_DELIVERY_MODE_FLAG;
        out.delivery_mode = *p.deliveryMode;
    }
    if (p.priority) {
        out._flags |= AMQP_BASIC_PRIORITY_FLAG;
        out.priority = *p.priority;
    }
    if (!headers.empty()) {
        out._flags |= AMQP_BASIC_HEADERS_FLAG;
        out.headers = toAmqp(headers, pool);
    }
    return out;
}

} // namespace edis::amqp::detail
