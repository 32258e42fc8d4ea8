#include "clipboard.h"

#include "pipelinejson.h"
#include "pipelinemodel.h"

#include <QCoreApplication>
#include <QSet>

namespace edis::pipeline {

QByteArray copyNodes(const PipelineModel &model, const QList<NodeId> &nodes)
{
    return serializeFragment(model.subDocument(nodes));
}

bool preparePaste(const PipelineModel &model, const QByteArray &fragment, const QPointF &offset,
    PipelineDocument *prepared, QString *error)
{
    PipelineDocument source;
    FileError parseError;
    if (!parseFragment(fragment, &source, &parseError)) {
        if (error) {
            *error = parseError.message;
        }
        return false;
    }
    PipelineDocument result;
    QHash<NodeId, NodeId> newIds;
    QSet<QString> namesTaken;
    NodeId nextNode = model.nextNodeId();
    for (const Node &original : source.nodes) {
        if (!model.catalogue().node(original.type)) {
            if (error) {
                *error = QCoreApplication::translate("edis::pipeline::Clipboard",
                    "The pasted node '%1' has type '%2', which this version of "
                    "EDIS Studio does not know.")
                             .arg(original.name, original.type);
            }
            return false;
        }
        Node copy = original;
        copy.id = nextNode++;
        copy.name = model.uniqueName(original.name, namesTaken);
        namesTaken.insert(copy.name);
        newIds.insert(original.id, copy.id);
        if (const auto it = source.layout.constFind(original.id); it != source.layout.cend()) {
            result.layout.insert(copy.id, *it + offset);
        }
        result.nodes << copy;
    }
    EdgeId nextEdge = model.nextEdgeId();
    for (const Edge &original : source.edges) {
        if (newIds.contains(original.from.node) && newIds.contains(original.to.node)) {
            result.edges << Edge {nextEdge++, {newIds.value(original.from.node), original.from.port},
                {newIds.value(original.to.node), original.to.port}};
        }
    }
    *prepared = std::move(result);
    return true;
}

QList<NodeId> pasteNodes(
    PipelineModel *model, const QByteArray &fragment, const QPointF &offset, QString *error)
{
    PipelineDocument prepared;
    if (!preparePaste(*model, fragment, offset, &prepared, error)
        || !model->insertDocument(prepared, error)) {
        return {};
    }
    QList<NodeId> ids;
    for (const Node &n : prepared.nodes) {
        ids << n.id;
    }
    return ids;
}

} // namespace edis::pipeline
