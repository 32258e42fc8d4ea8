#include "kafka/adminrequest.h"

#include "kafka/kafkaclient.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace edis::kafka {

using std::chrono::milliseconds;

int toTimeoutMs(milliseconds timeout)
{
    return static_cast<int>(std::clamp<milliseconds::rep>(timeout.count(), 0, 3'600'000));
}

AdminOptionsHandle makeAdminOptions(rd_kafka_t *rk, rd_kafka_admin_op_t op, milliseconds timeout)
{
    AdminOptionsHandle options(rd_kafka_AdminOptions_new(rk, op));
    std::array<char, 256> errstr {};
    rd_kafka_AdminOptions_set_request_timeout(
        options.get(), toTimeoutMs(timeout), errstr.data(), errstr.size());
    // Only some operations have an operation timeout; the others reject it, which is harmless.
    rd_kafka_AdminOptions_set_operation_timeout(
        options.get(), toTimeoutMs(timeout), errstr.data(), errstr.size());
    return options;
}

KafkaError waitForAdminResult(
    rd_kafka_queue_t *queue, rd_kafka_event_type_t expected, milliseconds timeout, EventHandle *result)
{
    // The request carries the same timeout, so this wait only needs a small margin on top.
    EventHandle event(rd_kafka_queue_poll(queue, toTimeoutMs(timeout + milliseconds(2000))));
    if (!event) {
        return KafkaError::fromCode(RD_KAFKA_RESP_ERR__TIMED_OUT);
    }
    if (rd_kafka_event_type(event.get()) != expected) {
        return KafkaError::make(KafkaError::Kind::Other,
            QCoreApplication::translate("edis::kafka::Admin", "Unexpected reply from the client."));
    }
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
        return KafkaError::fromCode(err, QString::fromUtf8(rd_kafka_event_error_string(event.get())));
    }
    *result = std::move(event);
    return {};
}

KafkaError refuseOnSandbox(const KafkaClient &client, const QString &what)
{
    if (!client.settings().isSandbox) {
        return {};
    }
    return KafkaClient::notSupportedBySandbox(what);
}

} // namespace edis::kafka
