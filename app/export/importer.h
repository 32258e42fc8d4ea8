#pragma once

#include "catalogue.h"
#include "graphtypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace edis::exporting {

/// One file to import: Kafka Connect connector configs (REST JSON {"name", "config"}, a flat
/// config object as GET /connectors/NAME/config returns it, or connect-standalone .properties),
/// Redpanda Connect YAML streams, or an EDIS topics manifest (topics.json, for partitions).
struct ImportInput {
    QString path; ///< decides the format by its suffix: .json, .properties, .yaml/.yml
    QByteArray content;
};

struct ImportResult {
    pipeline::PipelineDocument document;
    QStringList warnings; ///< what could not be read back exactly
    QString error; ///< set when nothing sensible could be imported

    bool ok() const { return error.isEmpty(); }
};

/// Builds one pipeline graph from engine configs. Connectors, transforms and Redpanda Connect
/// labels are matched back to designer steps:
/// - a source connector whose topics a sink connector (or a Redpanda Connect input) reads, with
///   nothing renaming them, is connected to it directly (the topic is implicit, as on export);
/// - SMTs are grouped by alias (ReplaceField + InsertField of one alias are one Map step), route
///   filters and routers by their alias prefix; the Redpanda Connect `# edis:` headers give the
///   step of each mapping;
/// - a step whose single output feeds several steps gets a Fan-out, a single input fed by several
///   steps a Merge;
/// - each Kafka topic read by sink connectors is one Kafka topic source.
/// Names come from connector names, aliases and labels (slugs of the designed names), so they
/// may differ from the original; layout is not part of the configs.
ImportResult importConfigs(
    const QList<ImportInput> &inputs, const pipeline::Catalogue &catalogue = pipeline::Catalogue::builtin());

/// Reads files and directories (recursively: *.json, *.properties, *.yaml, *.yml) and imports
/// them. A connector found both as NAME.json and NAME.properties is read once. A file over
/// kEngineConfigFileBound (util/filebounds.h) is refused, never read in part. Blocking disk I/O.
ImportResult importPaths(
    const QStringList &paths, const pipeline::Catalogue &catalogue = pipeline::Catalogue::builtin());

} // namespace edis::exporting
