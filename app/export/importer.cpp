#include "importer.h"

#include "importcommon.h"
#include "kafkaconnectimporter.h"
#include "redpandaconnectimporter.h"
#include "topicsmanifest.h"
#include "util/filebounds.h"

#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>

namespace edis::exporting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

/// The inputs, by engine: what each importer reads.
struct SortedInputs {
    QList<detail::Connector> connectors;
    QSet<QString> connectorNames;
    QList<QPair<QString, YAML::Node>> streams;
    QList<TopicSpec> manifest;
};

/// Broken input stops the import: importing around it would silently lose a part. Input that is
/// merely something else is skipped with a warning.
enum class Read { Ok, Skipped, Broken };

Read readStreams(const ImportInput &input, SortedInputs *sorted, ImportResult *result)
{
    try {
        for (const YAML::Node &doc : YAML::LoadAll(input.content.toStdString())) {
            if (doc.IsMap() && (doc["input"] || doc["output"])) {
                sorted->streams << qMakePair(input.path, doc);
            } else if (!doc.IsNull()) {
                result->warnings << tr(
                    "%1: a YAML document without input or output is not a Redpanda Connect "
                    "stream; skipped.")
                                        .arg(input.path);
            }
        }
    } catch (const YAML::Exception &e) {
        result->error = tr("%1: not valid YAML: %2").arg(input.path, detail::qs(e.what()));
        return Read::Broken;
    }
    return Read::Ok;
}

Read readConnector(
    const ImportInput &input, bool properties, detail::Connector *connector, ImportResult *result)
{
    connector->origin = input.path;
    if (properties) {
        connector->config = detail::parseProperties(input.content);
        connector->name = connector->config.take(QStringLiteral("name"));
        if (!connector->config.contains(QStringLiteral("connector.class"))) {
            result->warnings << tr("%1: no connector.class; not a connector config.").arg(input.path);
            return Read::Skipped;
        }
    } else {
        QString error;
        if (!detail::parseConnectorJson(input.content, connector, &error)) {
            if (error.startsWith(tr("not valid JSON"))) {
                result->error = tr("%1: %2").arg(input.path, error);
                return Read::Broken;
            }
            result->warnings << tr("%1: %2; not a connector config.").arg(input.path, error);
            return Read::Skipped;
        }
        connector->config.remove(QStringLiteral("name"));
    }
    if (connector->name.isEmpty()) {
        connector->name = QFileInfo(input.path).completeBaseName();
    }
    return Read::Ok;
}

/// Decides the format of an input by its suffix and reads it into `sorted`.
Read sortInput(const ImportInput &input, SortedInputs *sorted, ImportResult *result)
{
    const QString suffix = QFileInfo(input.path).suffix().toLower();
    if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml")) {
        return readStreams(input, sorted, result);
    }
    const bool properties = suffix == QLatin1String("properties");
    if (!properties && suffix != QLatin1String("json")) {
        return Read::Skipped;
    }
    if (!properties && input.content.contains("\"edis-topics\"")) {
        QString error;
        if (!parseTopicsManifest(input.content, &sorted->manifest, &error)) {
            result->warnings << tr("%1: %2").arg(input.path, error);
        }
        return Read::Ok;
    }
    detail::Connector connector;
    const Read read = readConnector(input, properties, &connector, result);
    if (read == Read::Ok && !sorted->connectorNames.contains(connector.name)) {
        sorted->connectorNames.insert(connector.name);
        sorted->connectors << connector;
    }
    return read;
}

/// Partitions are not in the engine configs; the topics manifest carries them.
void applyManifest(pipeline::PipelineDocument *doc, const QList<TopicSpec> &manifest)
{
    for (pipeline::Node &n : doc->nodes) {
        if (n.type != QLatin1String("kafka-sink")) {
            continue;
        }
        for (const TopicSpec &t : manifest) {
            if (t.name == n.properties.value(QStringLiteral("topic")).toString() && t.partitions > 0) {
                n.properties.insert(QStringLiteral("partitions"), qint64(t.partitions));
            }
        }
    }
}

/// The files to read: directories recursively, JSON before properties, so that NAME.json wins
/// over NAME.properties.
QStringList filesOf(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        if (!QFileInfo(path).isDir()) {
            files << path;
            continue;
        }
        QDirIterator it(path,
            {QStringLiteral("*.json"), QStringLiteral("*.properties"), QStringLiteral("*.yaml"),
                QStringLiteral("*.yml")},
            QDir::Files, QDirIterator::Subdirectories);
        QStringList found;
        while (it.hasNext()) {
            found << it.next();
        }
        std::sort(found.begin(), found.end(), [](const QString &a, const QString &b) {
            const bool aJson = a.endsWith(QLatin1String(".json"));
            const bool bJson = b.endsWith(QLatin1String(".json"));
            return aJson != bJson ? aJson : a < b;
        });
        files << found;
    }
    return files;
}

} // namespace

ImportResult importConfigs(const QList<ImportInput> &inputs, const pipeline::Catalogue &catalogue)
{
    ImportResult result;
    SortedInputs sorted;
    for (const ImportInput &input : inputs) {
        if (sortInput(input, &sorted, &result) == Read::Broken) {
            return result;
        }
    }
    detail::GraphBuilder graph(catalogue);
    detail::KafkaConnectImporter kafkaConnect(&graph, catalogue, &result.warnings);
    kafkaConnect.run(sorted.connectors);
    detail::RedpandaConnectImporter redpanda(&graph, catalogue, &result.warnings, kafkaConnect);
    for (const auto &[origin, stream] : sorted.streams) {
        try {
            redpanda.stream(stream, origin);
        } catch (const YAML::Exception &e) {
            // A value of the wrong shape (a map where a string belongs, …).
            result.error
                = tr("%1: not a Redpanda Connect stream EDIS can read: %2").arg(origin, detail::qs(e.what()));
            return result;
        }
    }
    graph.insertFanOutsAndMerges();
    detail::inferFormats(&graph);
    result.document = graph.document(tr("Imported pipeline"));
    applyManifest(&result.document, sorted.manifest);
    if (result.document.nodes.isEmpty()) {
        result.error = tr("No connector config or Redpanda Connect stream found.");
    }
    return result;
}

ImportResult importPaths(const QStringList &paths, const pipeline::Catalogue &catalogue)
{
    QList<ImportInput> inputs;
    for (const QString &file : filesOf(paths)) {
        const util::BoundedFile read = util::readBoundedFile(file, util::kEngineConfigFileBound);
        if (!read.ok()) {
            ImportResult failed;
            failed.error = read.error;
            return failed;
        }
        inputs << ImportInput {file, read.bytes};
    }
    return importConfigs(inputs, catalogue);
}

} // namespace edis::exporting
