#pragma once

#include "graphtypes.h"

#include <QHash>
#include <QStringList>

namespace edis::pipeline {
class PipelineModel;
}

namespace edis::exporting {

/// The Kafka topic(s) behind an edge, for the live overlay (msg/s of the throughput sampler).
struct EdgeTopics {
    QStringList topics;
    /// true: the edge's records are exactly the topic's (out of a topic source or CDC source,
    /// into a topic sink); false: the edge is downstream of that topic inside an engine, so the
    /// topic's rate is an upper bound.
    bool exact = false;
};

/// Every edge that carries data of a Kafka topic: out of a Kafka topic source (its topic), out of a
/// Debezium source (the prefix.table topics it writes), into a Kafka topic sink (its topic), and
/// — not exact — the edges between steps downstream of a topic, which inherit it. Event Hubs are
/// not on the Kafka cluster and map to nothing.
QHash<pipeline::EdgeId, EdgeTopics> edgeTopics(const pipeline::PipelineModel &model);

} // namespace edis::exporting
