#pragma once

// Cluster and topic metadata through librdkafka, for the code in app/core/kafka that owns a
// handle (KafkaClient, the sampler's client, the consumer). Every call is bounded by a Deadline
// and returns within kStopCheckInterval of a stop while the cluster is unreachable.

#include "kafka/clustermetadata.h"
#include "kafka/deadline.h"
#include "kafka/kafkaerror.h"
#include "kafka/rdkafkafwd.h"

#include <QString>

namespace edis::kafka {

/// All brokers and topics, with the cluster id and the controller. Asks again until an answer,
/// the deadline or a stop; fails fast when `errors` (the handle's error collector, cleared here)
/// saw a cause that waiting will not cure: unknown host, TLS or authentication failure. On
/// timeout the error is the most telling cause seen (refused, unreachable) or a timeout.
Result<ClusterMetadata> fetchMetadata(rd_kafka_s *rk, ErrorCollector &errors, Deadline &deadline);

/// The metadata of one topic, asked for alone. A topic created a moment ago (unknown to the
/// answering broker, partitions without a leader) is asked for again for up to
/// kTopicSettleGrace. A topic that does not exist fails with Kind::UnknownTopic. On a producer
/// handle with allow.auto.create.topics (librdkafka's producer default) a broker that allows it
/// creates the topic: use a consumer handle, or a client that turns that property off.
Result<TopicInfo> fetchTopicMetadata(
    rd_kafka_s *rk, ErrorCollector &errors, const QString &topic, Deadline &deadline);

/// True for errors after which a partition's leader or existence must be looked up again:
/// unknown topic or partition, not the leader, leader not available, leader epoch mismatch.
bool needsMetadataRefresh(int err);

/// True for errors that say the cluster cannot be reached or did not answer (timeout, transport,
/// all brokers down, resolve, authentication, TLS), as opposed to an answer that was an error.
bool isConnectivityError(int err);

} // namespace edis::kafka
