#pragma once

#include "pipelinejson.h"

namespace edis::pipeline {

class PipelineModel;

/// Writes the model to `path` atomically (QSaveFile): the old file stays intact until the new
/// one is complete. Blocking disk I/O: call it off the GUI thread for big pipelines, or accept
/// the few milliseconds a normal pipeline takes.
bool savePipeline(const PipelineModel &model, const QString &path, FileError *error = nullptr);

/// Replaces the model's content with the file's. On any error (missing file, a file over
/// kPipelineFileBound of util/filebounds.h, broken JSON, another format, a newer version, an unknown
/// node type, a cycle) the model is unchanged.
bool loadPipeline(PipelineModel *model, const QString &path, FileError *error = nullptr);

/// The same for text already in memory (a resource, a download).
bool loadPipelineFromBytes(PipelineModel *model, const QByteArray &json, FileError *error = nullptr);

} // namespace edis::pipeline
