#pragma once

// Between rabbitmq-c's C structs and the plain values of fieldtable.h / message.h. Private to
// app/amqp: only its .cpp files include rabbitmq-c's headers.

#include "fieldtable.h"
#include "message.h"

#include <amqp.h>

#include <QByteArray>
#include <QString>

namespace edis::amqp::detail {

inline QByteArray toByteArray(amqp_bytes_t bytes)
{
    return bytes.len == 0 ? QByteArray()
                          : QByteArray(static_cast<const char *>(bytes.bytes), qsizetype(bytes.len));
}

inline QString toQString(amqp_bytes_t bytes)
{
    return QString::fromUtf8(toByteArray(bytes));
}

/// Bytes that point into `data` (which must outlive their use).
inline amqp_bytes_t bytesOf(const QByteArray &data)
{
    amqp_bytes_t b;
    b.len = std::size_t(data.size());
    b.bytes = const_cast<char *>(data.constData()); // NOLINT(cppcoreguidelines-pro-type-const-cast):
                                                    // rabbitmq-c's C API takes void * it only reads
    return b;
}

/// A copy of `data` allocated in `pool`.
amqp_bytes_t poolBytes(amqp_pool_t *pool, const QByteArray &data);

FieldValue fromAmqp(const amqp_field_value_t &value);
FieldTable fromAmqp(const amqp_table_t &table);
/// The table allocated in `pool` (everything it points at too).
amqp_table_t toAmqp(const FieldTable &table, amqp_pool_t *pool);

/// The properties and headers of a content header.
void fromAmqp(const amqp_basic_properties_t &props, Properties &properties, FieldTable &headers);
amqp_basic_properties_t toAmqp(const Properties &properties, const FieldTable &headers, amqp_pool_t *pool);

/// An owned rabbitmq-c memory pool.
class Pool {
public:
    explicit Pool(std::size_t pageSize = 4096) { init_amqp_pool(&pool_, pageSize); }
    ~Pool() { empty_amqp_pool(&pool_); }
    Pool(const Pool &) = delete;
    Pool &operator=(const Pool &) = delete;
    Pool(Pool &&) = delete;
    Pool &operator=(Pool &&) = delete;

    amqp_pool_t *get() { return &pool_; }

private:
    amqp_pool_t pool_ {};
};

} // namespace edis::amqp::detail
