#pragma once

// Plumbing shared by the admin requests (KafkaClient, topicadmin, groupadmin): options with the
// caller's timeout, a private result queue, and one bounded wait for the result event.

#include "kafka/deadline.h"
#include "kafka/internal/rdkafkahandles.h"
#include "kafka/kafkaerror.h"

#include <chrono>

namespace edis::kafka {

class KafkaClient;

/// Admin options for `op` whose request (and operation, where it applies) timeout is `timeout`.
AdminOptionsHandle makeAdminOptions(
    rd_kafka_t *rk, rd_kafka_admin_op_t op, std::chrono::milliseconds timeout);

/// Waits for the one result event of an admin call on `queue`, checks its type and its
/// request-level error. On success `*result` holds the event.
KafkaError waitForAdminResult(rd_kafka_queue_t *queue, rd_kafka_event_type_t expected,
    std::chrono::milliseconds timeout, EventHandle *result);

/// The same, ending within kStopCheckInterval of the deadline's stop flag.
KafkaError waitForAdminResult(
    rd_kafka_queue_t *queue, rd_kafka_event_type_t expected, const Deadline &deadline, EventHandle *result);

/// The next event on `queue`, or null at the deadline (plus kAdminResultMargin, as the request
/// carries the deadline's timeout) or within kStopCheckInterval of a stop.
EventHandle pollAdminQueue(rd_kafka_queue_t *queue, const Deadline &deadline);

/// The first error of a CreateTopics / DeleteTopics / CreatePartitions result, or none.
KafkaError firstTopicError(const rd_kafka_topic_result_t **results, size_t count);

/// The NotSupported error for admin work on the embedded sandbox, or no error on a real cluster.
KafkaError refuseOnSandbox(const KafkaClient &client, const QString &what);

} // namespace edis::kafka
