#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QVariantMap>

namespace edis::pipeline {

/// Nodes and edges are addressed by ids, never by pointers, so that undo commands, files and
/// views can hold on to them. 0 is "no node" / "no edge"; real ids start at 1 and are never
/// reused by one model.
using NodeId = quint64;
using EdgeId = quint64;
constexpr NodeId InvalidNodeId = 0;
constexpr EdgeId InvalidEdgeId = 0;

/// One end of an edge: a port of a node, by name.
struct PortRef {
    NodeId node = InvalidNodeId;
    QString port;

    friend bool operator==(const PortRef &, const PortRef &) = default;
};

/// A step of the pipeline: an instance of a catalogue descriptor.
struct Node {
    NodeId id = InvalidNodeId;
    QString type; ///< NodeDescriptor::id
    QString name; ///< user-visible, unique in a valid pipeline
    QVariantMap properties; ///< key → QString, qint64, bool, double or QStringList/QVariantList

    friend bool operator==(const Node &, const Node &) = default;
};

/// Data flowing from an output port to an input port.
struct Edge {
    EdgeId id = InvalidEdgeId;
    PortRef from; ///< an output port
    PortRef to; ///< an input port

    friend bool operator==(const Edge &, const Edge &) = default;
};

/// Canvas positions, kept apart from the meaning of the pipeline.
using Layout = QHash<NodeId, QPointF>;

/// Everything a pipeline file holds, as plain values: the unit of saving, loading, copy/paste
/// and snapshots. Nodes and edges are sorted by id.
struct PipelineDocument {
    QString name;
    QString description;
    QList<Node> nodes;
    QList<Edge> edges;
    Layout layout;

    friend bool operator==(const PipelineDocument &, const PipelineDocument &) = default;
};

/// What removeNode() took out, enough for restoreNode() to put it back exactly.
struct RemovedNode {
    Node node;
    bool hadPosition = false;
    QPointF position;
    QList<Edge> edges; ///< the edges that touched the node, sorted by id
};

} // namespace edis::pipeline

Q_DECLARE_METATYPE(edis::pipeline::PortRef)
