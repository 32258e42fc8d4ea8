#include "kafka/internal/adminrequest.h"

#include "kafka/kafkaclient.h"
#include "kafka/requesttuning.h"

#include <QCoreApplication>

#include <array>

namespace edis::kafka {

using std::chrono::milliseconds;

namespace {

/// Checks the type and the request-level error of an admin result; null is a timeout.
KafkaError checkAdminResult(EventHandle event, rd_kafka_event_type_t expected, EventHandle *result)
{
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

} // namespace

AdminOptionsHandle makeAdminOptions(rd_kafka_t *rk, rd_kafka_admin_op_t op, milliseconds timeout)
{
    AdminOptionsHandle options(rd_kafka_AdminOptions_new(rk, op));
    std::array<char, 256> errstr {};
    rd_kafka_AdminOptions_set_request_timeout(
        options.get(), toCallTimeoutMs(timeout), errstr.data(), errstr.size());
    // Only some operations have an operation timeout; the others reject it, which is harmless.
    rd_kafka_AdminOptions_set_operation_timeout(
        options.get(), toCallTimeoutMs(timeout), errstr.data(), errstr.size());
    return options;
}

KafkaError waitForAdminResult(
    rd_kafka_queue_t *queue, rd_kafka_event_type_t expected, milliseconds timeout, EventHandle *result)
{
    // The request carries the same timeout, so this wait only needs a small margin on top.
    EventHandle event(rd_kafka_queue_poll(queue, toCallTimeoutMs(timeout + tuning::kAdminResultMargin)));
    return checkAdminResult(std::move(event), expected, result);
}

KafkaError waitForAdminResult(
    rd_kafka_queue_t *queue, rd_kafka_event_type_t expected, const Deadline &deadline, EventHandle *result)
{
    EventHandle event = pollAdminQueue(queue, deadline);
    if (!event && deadline.stopped()) {
        return deadline.overError();
    }
    return checkAdminResult(std::move(event), expected, result);
}

EventHandle pollAdminQueue(rd_kafka_queue_t *queue, const Deadline &deadline)
{
    // Unlike the blocking requests, an admin request goes on while we look at the stop flag.
    const auto until = Deadline::Clock::now() + deadline.remaining() + tuning::kAdminResultMargin;
    while (!deadline.stopped() && Deadline::Clock::now() < until) {
        const auto left = std::chrono::duration_cast<milliseconds>(until - Deadline::Clock::now());
        if (EventHandle event {
                rd_kafka_queue_poll(queue, toCallTimeoutMs(std::min(left, tuning::kStopCheckInterval)))}) {
            return event;
        }
    }
    return {};
}

KafkaError firstTopicError(const rd_kafka_topic_result_t **results, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        if (const auto err = rd_kafka_topic_result_error(results[i])) {
            const char *detail = rd_kafka_topic_result_error_string(results[i]);
            return KafkaError::fromCode(err, detail ? QString::fromUtf8(detail) : QString());
        }
    }
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
