#include "graphalgorithms.h"

#include "pipelinemodel.h"

#include <QHash>

#include <algorithm>
#include <set>

namespace edis::pipeline {

QList<NodeId> findCycle(const QList<NodeId> &nodes, const QList<Edge> &edges)
{
    QHash<NodeId, QList<NodeId>> successors;
    successors.reserve(nodes.size());
    for (const NodeId id : nodes) {
        successors.insert(id, {});
    }
    for (const Edge &e : edges) {
        const auto it = successors.find(e.from.node);
        if (it != successors.end() && successors.contains(e.to.node)) {
            it->append(e.to.node);
        }
    }
    enum class Mark : quint8 { New, OnStack, Done };
    QHash<NodeId, Mark> marks;
    marks.reserve(nodes.size());
    // Iterative depth-first search: the stack of (node, next successor index) is the current
    // path, so the cycle is read straight off it when an edge leads back onto the path.
    for (const NodeId root : nodes) {
        if (marks.value(root, Mark::New) != Mark::New) {
            continue;
        }
        QList<std::pair<NodeId, qsizetype>> stack {{root, 0}};
        marks.insert(root, Mark::OnStack);
        while (!stack.isEmpty()) {
            auto &[current, next] = stack.last();
            const QList<NodeId> &out = successors[current];
            if (next == out.size()) {
                marks.insert(current, Mark::Done);
                stack.removeLast();
                continue;
            }
            const NodeId child = out.at(next++);
            const Mark mark = marks.value(child, Mark::New);
            if (mark == Mark::OnStack) {
                QList<NodeId> cycle;
                qsizetype i = stack.size() - 1;
                while (stack.at(i).first != child) {
                    --i;
                }
                for (; i < stack.size(); ++i) {
                    cycle << stack.at(i).first;
                }
                return cycle;
            }
            if (mark == Mark::New) {
                marks.insert(child, Mark::OnStack);
                stack.append({child, 0});
            }
        }
    }
    return {};
}

TopologicalOrder topologicalOrder(const PipelineModel &model)
{
    TopologicalOrder result;
    QHash<NodeId, int> waitingInputs;
    waitingInputs.reserve(model.nodeCount());
    // Ready nodes ordered by (name, id): the deterministic tie-break.
    std::set<std::pair<QString, NodeId>> ready;
    const QList<NodeId> ids = model.nodeIds();
    for (const NodeId id : ids) {
        const auto count = static_cast<int>(model.incomingEdges(id).size());
        waitingInputs.insert(id, count);
        if (count == 0) {
            ready.emplace(model.node(id)->name, id);
        }
    }
    result.order.reserve(ids.size());
    while (!ready.empty()) {
        const NodeId id = ready.begin()->second;
        ready.erase(ready.begin());
        result.order << id;
        for (const EdgeId e : model.outgoingEdges(id)) {
            const NodeId next = model.edge(e)->to.node;
            if (--waitingInputs[next] == 0) {
                ready.emplace(model.node(next)->name, next);
            }
        }
    }
    if (result.order.size() != ids.size()) {
        for (const NodeId id : ids) {
            if (waitingInputs.value(id) > 0) {
                result.unordered << id;
            }
        }
    }
    return result;
}

Layout autoLayout(const PipelineModel &model, const LayoutOptions &options)
{
    const TopologicalOrder topo = topologicalOrder(model);
    QList<NodeId> ordered = topo.order + topo.unordered;
    QHash<NodeId, int> column;
    column.reserve(ordered.size());
    int columns = 0;
    for (const NodeId id : ordered) {
        int c = 0;
        for (const EdgeId e : model.incomingEdges(id)) {
            c = std::max(c, column.value(model.edge(e)->from.node, -1) + 1);
        }
        column.insert(id, c);
        columns = std::max(columns, c + 1);
    }
    QList<QList<NodeId>> byColumn(columns);
    for (const NodeId id : ordered) {
        byColumn[column.value(id)] << id;
    }
    QHash<NodeId, double> row;
    row.reserve(ordered.size());
    Layout layout;
    layout.reserve(ordered.size());
    for (qsizetype c = 0; c < byColumn.size(); ++c) {
        QList<NodeId> &nodes = byColumn[c];
        // The barycenter of the upstream rows; sources keep their topological order.
        QHash<NodeId, double> key;
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const QList<EdgeId> in = model.incomingEdges(nodes.at(i));
            double sum = 0;
            for (const EdgeId e : in) {
                sum += row.value(model.edge(e)->from.node);
            }
            key.insert(nodes.at(i), in.isEmpty() ? double(i) : sum / double(in.size()));
        }
        std::stable_sort(
            nodes.begin(), nodes.end(), [&key](NodeId a, NodeId b) { return key.value(a) < key.value(b); });
        const double top = -double(nodes.size() - 1) / 2.0;
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            row.insert(nodes.at(i), top + double(i));
            layout.insert(nodes.at(i),
                QPointF(double(c) * options.columnSpacing, (top + double(i)) * options.rowSpacing));
        }
    }
    return layout;
}

} // namespace edis::pipeline
