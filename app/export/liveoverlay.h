#pragma once

// What the designer draws over a deployed pipeline: the live msg/s and consumer lag on each edge
// that maps to a Kafka topic, and the state of the Kafka Connect connector behind each node.
// Pure functions over plain values, so that the GUI only paints what they return.

#include "connectclient.h"
#include "edgetopics.h"

#include <QHash>
#include <QString>

#include <limits>

namespace edis::exporting {

/// What the throughput sampler saw in its last round, per topic.
struct LiveFlow {
    /// msg/s per topic; NaN when the sampler could not derive it this round.
    QHash<QString, double> topicRates;
    /// topic → consumer group → lag (messages), for the groups that commit offsets on the topic.
    QHash<QString, QHash<QString, qint64>> topicLag;
    qint64 wallTimeMs = 0;
};

/// The overlay of one edge.
struct EdgeFlow {
    EdgeTopics topics;
    double messagesPerSecond = std::numeric_limits<double>::quiet_NaN(); ///< sum over the topics
    qint64 lag = -1; ///< the largest lag of one consumer group over the edge's topics; -1: none
    QString laggingGroup; ///< the group with that lag
    QStringList missingTopics; ///< topics of the edge the sampler does not see on the cluster
    QString label; ///< short: "1.2k msg/s · lag 340"; "no topic" only where the edge is the topic
    QString toolTip; ///< the topics, per-group lag, and whether the rate is exact or an upper bound
    bool flowing() const { return messagesPerSecond > 0; }
};

/// The overlay of every edge that `mapping` (see edgeTopics) gives topics for.
QHash<pipeline::EdgeId, EdgeFlow> edgeFlows(
    const QHash<pipeline::EdgeId, EdgeTopics> &mapping, const LiveFlow &flow);

/// "0.4", "3", "12", "340", "1.2k", "56k", "3.4M": a count or rate in at most four characters.
QString compactNumber(double value);

/// The state of what runs a node on Kafka Connect.
struct NodeRuntime {
    enum class Level { Good, Busy, Warning, Bad, Unknown };
    Level level = Level::Unknown;
    QString text; ///< "RUNNING · 1/1 tasks", "FAILED · task 0", "PAUSED", "not deployed"
    QString detail; ///< the failure trace(s), for the tooltip and the deployment panel
    QStringList connectors; ///< the connectors that express the node
};

/// The runtime state of each node of `connectors` (a node expressed by several connectors, e.g. a
/// transform in two sinks, gets the worst of them). A connector with no status yet is "unknown".
QHash<pipeline::NodeId, NodeRuntime> nodeRuntimes(
    const QList<ConnectorConfig> &connectors, const QList<ConnectorStatus> &statuses);

/// The runtime of one connector, as nodeRuntimes shows it.
NodeRuntime connectorRuntime(const ConnectorStatus &status);

} // namespace edis::exporting
