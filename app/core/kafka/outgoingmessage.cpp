#include "kafka/outgoingmessage.h"

#include "kafka/internal/rdkafkahandles.h"

#include <array>

namespace edis::kafka {

static_assert(kAnyPartition == RD_KAFKA_PARTITION_UA);

KafkaError produceMessage(rd_kafka_t *producer, const OutgoingMessage &m)
{
    std::vector<rd_kafka_vu_t> vus;
    vus.reserve(7 + m.headers.size());
    const auto push = [&vus](rd_kafka_vtype_t type) -> rd_kafka_vu_t & {
        vus.push_back(rd_kafka_vu_t {});
        vus.back().vtype = type;
        return vus.back();
    };
    push(RD_KAFKA_VTYPE_TOPIC).u.cstr = m.topic.c_str();
    push(RD_KAFKA_VTYPE_PARTITION).u.i32 = m.partition;
    push(RD_KAFKA_VTYPE_MSGFLAGS).u.i = RD_KAFKA_MSG_F_COPY;
    if (m.key) {
        auto &key = push(RD_KAFKA_VTYPE_KEY);
        key.u.mem.ptr = const_cast<char *>(m.key->constData()); // copied, never written
        key.u.mem.size = static_cast<size_t>(m.key->size());
    }
    if (m.value) {
        auto &value = push(RD_KAFKA_VTYPE_VALUE);
        value.u.mem.ptr = const_cast<char *>(m.value->constData());
        value.u.mem.size = static_cast<size_t>(m.value->size());
    }
    if (m.timestampMs > 0) {
        push(RD_KAFKA_VTYPE_TIMESTAMP).u.i64 = m.timestampMs;
    }
    for (const auto &[name, value] : m.headers) {
        auto &h = push(RD_KAFKA_VTYPE_HEADER);
        h.u.header.name = name.c_str();
        h.u.header.val = value.constData();
        h.u.header.size = value.size();
    }
    if (rd_kafka_error_t *error = rd_kafka_produceva(producer, vus.data(), vus.size())) {
        KafkaError out = KafkaError::fromCode(
            rd_kafka_error_code(error), QString::fromUtf8(rd_kafka_error_string(error)));
        rd_kafka_error_destroy(error);
        return out;
    }
    return {};
}

} // namespace edis::kafka
