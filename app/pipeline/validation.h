#pragma once

#include "graphtypes.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace edis::pipeline {

class PipelineModel;

/// One thing wrong with a pipeline, pointing at where to fix it.
struct Problem {
    enum class Severity { Warning, Error };

    Severity severity = Severity::Error;
    /// Stable machine-readable kind, e.g. "type-mismatch", "required-property", "duplicate-name",
    /// "unconnected-port", "source-without-sink", "sink-without-source", "unknown-port",
    /// "port-overloaded", "invalid-property", "unknown-property", "plain-secret", "cycle",
    /// "unknown-topic", "partition-mismatch", "empty-name".
    QString code;
    QString message; ///< a sentence for the user, naming nodes by name
    NodeId node = InvalidNodeId;
    EdgeId edge = InvalidEdgeId;
    QString property; ///< the property key, when one is at fault
    QString fixNodeType; ///< a node type whose insertion on `edge` fixes it, when known

    bool isError() const { return severity == Severity::Error; }
};

/// What the pipeline is bound to, when the caller knows it: the topics that exist on the
/// target cluster and their partition counts.
struct ClusterBinding {
    QHash<QString, int> topicPartitions;
};

/// Checks a pipeline: names, properties, port types, connections, reachability from sources to
/// sinks, and — with a binding — topics. Pure and fast (about a millisecond for a thousand
/// nodes), so the GUI can run it after every edit. Problems are ordered by node id, then edge id.
QList<Problem> validate(
    const PipelineModel &model, const std::optional<ClusterBinding> &binding = std::nullopt);

/// The data type flowing on each edge, after resolving output ports that copy their input's
/// type or take it from a property ("any" when unknown). For colouring edges.
QHash<EdgeId, QString> edgeDataTypes(const PipelineModel &model);

inline bool hasErrors(const QList<Problem> &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const Problem &p) { return p.isError(); });
}

QString severityName(Problem::Severity severity);

} // namespace edis::pipeline
