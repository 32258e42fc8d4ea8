#pragma once

#include "graphtypes.h"

#include <QByteArray>
#include <QString>

namespace edis::pipeline {
class PipelineModel;
}

namespace pipelinetest {

using edis::pipeline::NodeId;

/// The sample pipeline as compiled into edis_pipeline.
QByteArray sampleBytes();
/// Loads the sample into `model`; fails the test when it cannot.
bool loadSample(edis::pipeline::PipelineModel *model);
/// The model's file text (what savePipeline would write).
QByteArray serialized(const edis::pipeline::PipelineModel &model);
/// Gives every required property of a node a value of the right type, so that only what a
/// test sets up deliberately is wrong. List entries become port names where ports repeat.
void fillRequired(edis::pipeline::PipelineModel *model, NodeId id);
/// createNode + fillRequired.
NodeId addFilled(edis::pipeline::PipelineModel *model, const QString &type, const QString &name = {});
QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &bytes);

} // namespace pipelinetest
