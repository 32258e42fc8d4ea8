#pragma once

#include "graphtypes.h"

#include <QByteArray>
#include <QPointF>

namespace edis::pipeline {

class PipelineModel;

/// The MIME type of a copied fragment on the system clipboard.
inline constexpr char FragmentMimeType[] = "application/x-edis-pipeline-fragment+json";

/// A JSON fragment holding the given nodes, only the edges between them, and their positions.
QByteArray copyNodes(const PipelineModel &model, const QList<NodeId> &nodes);

/// Turns a fragment into a document that model.insertDocument() accepts: fresh node and edge
/// ids (from the model's next ids, in the fragment's id order), names made unique against the
/// model and each other, positions shifted by `offset`, edges to nodes outside the fragment
/// dropped. Pure: an undo command keeps the result, redoes with insertDocument() and undoes by
/// removing its nodes. Refuses broken fragments and unknown node types.
bool preparePaste(const PipelineModel &model, const QByteArray &fragment, const QPointF &offset,
    PipelineDocument *prepared, QString *error = nullptr);

/// preparePaste() then insertDocument(). Returns the new node ids (empty on error).
QList<NodeId> pasteNodes(
    PipelineModel *model, const QByteArray &fragment, const QPointF &offset = {}, QString *error = nullptr);

} // namespace edis::pipeline
