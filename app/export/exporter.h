#pragma once

#include "exporttypes.h"

namespace edis::pipeline {
class PipelineModel;
}

namespace edis::exporting {

/// Exports a pipeline to an engine. Always fills the report (validation errors of the pipeline,
/// every node the target cannot express, every setting it leaves out); the configs are complete
/// only when the report has no errors. Pure: no I/O.
///
/// Kafka Connect: a connector per source and sink node; processors become SMT chains (with
/// predicates) in the connector where they run. Redpanda Connect: a YAML stream per connected
/// part; Debezium sources become Kafka Connect connectors whose topics the stream reads.
ExportResult exportPipeline(
    const pipeline::PipelineModel &model, Target target, const ExportOptions &options = {});

/// Writes result.files() under `directory` (created if needed). Refuses when the report has
/// errors. Blocking disk I/O.
bool writeExport(const ExportResult &result, const QString &directory, const ExportOptions &options,
    QStringList *written, QString *error);

} // namespace edis::exporting
