#pragma once

#include "graphtypes.h"

namespace edis::pipeline {

class PipelineModel;

/// A cycle of the graph given by `nodes` and `edges` as [a, b, …] (the last node feeds a),
/// or empty when the graph is acyclic. Edges to nodes not in `nodes` are ignored.
QList<NodeId> findCycle(const QList<NodeId> &nodes, const QList<Edge> &edges);

struct TopologicalOrder {
    QList<NodeId> order; ///< every node after all its upstream nodes
    QList<NodeId> unordered; ///< nodes on or behind a cycle (never for a PipelineModel)
    bool isComplete() const { return unordered.isEmpty(); }
};

/// Kahn's algorithm; among the nodes ready at the same time, the smallest name comes first
/// (then the smallest id), so the order is stable across saves and machines.
TopologicalOrder topologicalOrder(const PipelineModel &model);

struct LayoutOptions {
    double columnSpacing = 240; ///< between layers, left to right
    double rowSpacing = 120; ///< between nodes of one layer
};

/// Layered positions: a node's column is its longest distance from a source; within a column
/// nodes are sorted by the mean row of their upstream nodes, to limit crossings. Pure: apply
/// the result with PipelineModel::moveNode (one undoable step per node or one macro).
Layout autoLayout(const PipelineModel &model, const LayoutOptions &options = {});

} // namespace edis::pipeline
