// edis pipeline: checks, orders, exports, imports and deploys *.edis.json pipeline files, over
// edis_pipeline and edis_export.

#include "clicommon.h"
#include "connectdeployment.h"
#include "exporter.h"
#include "graphalgorithms.h"
#include "importer.h"
#include "kafka/kafkaclient.h"
#include "pipelinefile.h"
#include "pipelinemodel.h"
#include "pipelineoptions.h"
#include "topicsmanifest.h"
#include "validation.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace edis::cli {

namespace {

using pipeline::FileError;
using pipeline::PipelineModel;
using pipeline::Problem;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis pipeline", text);
}

int exitCodeFor(const FileError &error)
{
    return error.kind == FileError::Kind::NotFound ? ExitNotFound : ExitFailure;
}

int reportLoadError(const QString &path, const FileError &error, bool json)
{
    printError(error.message);
    if (json) {
        nlohmann::ordered_json out;
        out["file"] = path.toStdString();
        out["valid"] = false;
        out["error"]
            = {{"message", error.message.toStdString()}, {"line", error.line}, {"column", error.column}};
        printOut(QString::fromStdString(out.dump(2)));
    }
    return exitCodeFor(error);
}

QString nodeName(const PipelineModel &model, pipeline::NodeId id)
{
    const pipeline::Node *node = model.node(id);
    return node ? node->name : QString::number(id);
}

/// "node 'Filter'" or "edge 'A'.out → 'B'.in": where to look.
QString locationOf(const PipelineModel &model, const Problem &problem)
{
    if (problem.node != pipeline::InvalidNodeId) {
        return tr("node '%1'").arg(nodeName(model, problem.node));
    }
    if (const pipeline::Edge *edge = model.edge(problem.edge)) {
        return tr("edge '%1'.%2 → '%3'.%4")
            .arg(nodeName(model, edge->from.node), edge->from.port, nodeName(model, edge->to.node),
                edge->to.port);
    }
    return tr("pipeline");
}

nlohmann::ordered_json problemJson(const PipelineModel &model, const Problem &problem)
{
    nlohmann::ordered_json out;
    out["severity"] = pipeline::severityName(problem.severity).toStdString();
    out["code"] = problem.code.toStdString();
    out["message"] = problem.message.toStdString();
    out["node"] = nullptr;
    out["edge"] = nullptr;
    if (problem.node != pipeline::InvalidNodeId) {
        out["node"] = {{"id", problem.node}, {"name", nodeName(model, problem.node).toStdString()}};
    }
    if (const pipeline::Edge *edge = model.edge(problem.edge)) {
        out["edge"] = {{"id", edge->id},
            {"from", nodeName(model, edge->from.node).toStdString() + '.' + edge->from.port.toStdString()},
            {"to", nodeName(model, edge->to.node).toStdString() + '.' + edge->to.port.toStdString()}};
    }
    if (!problem.property.isEmpty()) {
        out["property"] = problem.property.toStdString();
    }
    if (!problem.fixNodeType.isEmpty()) {
        out["fixNodeType"] = problem.fixNodeType.toStdString();
    }
    return out;
}

/// With --bootstrap-server: the topics of that cluster, so that validation can warn about
/// missing topics and partition counts. Returns an exit code other than ExitOk on failure.
int fetchBinding(const QCommandLineParser &parser, std::optional<pipeline::ClusterBinding> *binding)
{
    if (!parser.isSet(QStringLiteral("bootstrap-server"))) {
        return ExitOk;
    }
    int exitCode = ExitOk;
    auto client = clientFromOptions(parser, &exitCode);
    if (!client) {
        return exitCode;
    }
    const auto result = client->fetchMetadata(timeoutFromOptions(parser));
    if (!result.ok()) {
        printError(result.error.message);
        return cli::exitCodeFor(result.error);
    }
    pipeline::ClusterBinding found;
    for (const auto &topic : result.value.topics) {
        found.topicPartitions.insert(topic.name, static_cast<int>(topic.partitions.size()));
    }
    *binding = std::move(found);
    return ExitOk;
}

int runValidate(const QCommandLineParser &parser, const PipelineRequest &request)
{
    const QString &path = request.file();
    const bool json = request.json;
    PipelineModel model;
    FileError loadError;
    if (!pipeline::loadPipeline(&model, path, &loadError)) {
        return reportLoadError(path, loadError, json);
    }
    std::optional<pipeline::ClusterBinding> binding;
    if (const int code = fetchBinding(parser, &binding); code != ExitOk) {
        return code;
    }
    const QList<Problem> problems = pipeline::validate(model, binding);
    const auto errors
        = std::count_if(problems.cbegin(), problems.cend(), [](const Problem &p) { return p.isError(); });
    const auto warnings = problems.size() - errors;
    if (json) {
        nlohmann::ordered_json out;
        out["file"] = path.toStdString();
        out["valid"] = errors == 0;
        out["errors"] = errors;
        out["warnings"] = warnings;
        out["problems"] = nlohmann::ordered_json::array();
        for (const Problem &problem : problems) {
            out["problems"].push_back(problemJson(model, problem));
        }
        printOut(QString::fromStdString(out.dump(2)));
    } else {
        for (const Problem &problem : problems) {
            printOut(QStringLiteral("%1\t%2: %3")
                         .arg(pipeline::severityName(problem.severity), locationOf(model, problem),
                             problem.message));
        }
        printOut(problems.isEmpty()
                ? tr("%1: no problems.").arg(path)
                : tr("%1: %2 error(s), %3 warning(s).").arg(path).arg(errors).arg(warnings));
    }
    return errors == 0 ? ExitOk : ExitFailure;
}

int runOrder(const PipelineRequest &request)
{
    const QString &path = request.file();
    const bool json = request.json;
    PipelineModel model;
    FileError loadError;
    if (!pipeline::loadPipeline(&model, path, &loadError)) {
        return reportLoadError(path, loadError, json);
    }
    const pipeline::TopologicalOrder order = pipeline::topologicalOrder(model);
    if (json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const pipeline::NodeId id : order.order) {
            const pipeline::Node *node = model.node(id);
            out.push_back(
                {{"id", id}, {"name", node->name.toStdString()}, {"type", node->type.toStdString()}});
        }
        printOut(QString::fromStdString(out.dump(2)));
    } else {
        for (const pipeline::NodeId id : order.order) {
            printOut(model.node(id)->name);
        }
    }
    return ExitOk;
}

// --- export, import, deploy, topics (issue #7: pipelines to engines) ---------------------------

void printExportProblems(const PipelineModel &model, const exporting::ExportReport &report)
{
    for (const exporting::ExportProblem &p : report.problems) {
        printOut(QStringLiteral("%1\t%2: %3")
                     .arg(exporting::severityName(p.severity),
                         p.node != pipeline::InvalidNodeId ? tr("node '%1'").arg(nodeName(model, p.node))
                                                           : tr("pipeline"),
                         p.message));
    }
}

nlohmann::ordered_json exportProblemsJson(const PipelineModel &model, const exporting::ExportReport &report)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const exporting::ExportProblem &p : report.problems) {
        nlohmann::ordered_json entry;
        entry["severity"] = exporting::severityName(p.severity).toStdString();
        entry["code"] = p.code.toStdString();
        entry["message"] = p.message.toStdString();
        entry["node"] = p.node == pipeline::InvalidNodeId
            ? nlohmann::ordered_json(nullptr)
            : nlohmann::ordered_json {{"id", p.node}, {"name", nodeName(model, p.node).toStdString()}};
        if (!p.property.isEmpty()) {
            entry["property"] = p.property.toStdString();
        }
        out.push_back(entry);
    }
    return out;
}

int runExport(const PipelineRequest &request)
{
    const QString &path = request.file();
    const bool json = request.json;
    const exporting::Target target = request.target;
    const exporting::ExportOptions &options = request.exportOptions;
    PipelineModel model;
    FileError loadError;
    if (!pipeline::loadPipeline(&model, path, &loadError)) {
        return reportLoadError(path, loadError, json);
    }
    const QString &outDir = request.out;
    const exporting::ExportResult result = exporting::exportPipeline(model, target, options);
    QStringList written;
    QString error;
    // Problems are explained before anything is written; with errors nothing is.
    const bool ok = !result.report.hasErrors()
        && (outDir.isEmpty() || exporting::writeExport(result, outDir, options, &written, &error));
    if (json) {
        nlohmann::ordered_json out;
        out["file"] = path.toStdString();
        out["target"] = exporting::targetId(target).toStdString();
        out["ok"] = ok;
        out["problems"] = exportProblemsJson(model, result.report);
        out["files"] = nlohmann::ordered_json::array();
        for (const QString &f : written) {
            out["files"].push_back(f.toStdString());
        }
        printOut(QString::fromStdString(out.dump(2)));
    } else {
        printExportProblems(model, result.report);
        if (!error.isEmpty()) {
            printError(error);
        }
        if (result.report.hasErrors()) {
            printError(tr("%1 cannot be exported to %2 as designed; nothing was written.")
                           .arg(path, exporting::targetId(target)));
        } else if (outDir.isEmpty()) {
            for (const exporting::ExportFile &f : result.files(options)) {
                printOut(QStringLiteral("==> %1\n%2").arg(f.path, QString::fromUtf8(f.content)));
            }
        } else {
            for (const QString &f : written) {
                printOut(f);
            }
        }
    }
    return ok ? ExitOk : ExitFailure;
}

int runImport(const PipelineRequest &request)
{
    const exporting::ImportResult result = exporting::importPaths(request.files);
    for (const QString &warning : result.warnings) {
        printError(tr("warning: %1").arg(warning));
    }
    if (!result.ok()) {
        printError(result.error);
        return ExitFailure;
    }
    PipelineModel model;
    QString error;
    if (!model.resetTo(result.document, &error)) {
        printError(tr("The imported graph is not a pipeline: %1").arg(error));
        return ExitFailure;
    }
    model.setName(request.name.value_or(result.document.name));
    for (const auto &[id, position] : pipeline::autoLayout(model).asKeyValueRange()) {
        model.moveNode(id, position);
    }
    const QString &out = request.out;
    if (out.isEmpty()) {
        printOut(QString::fromUtf8(pipeline::serializePipeline(model.document())));
        return ExitOk;
    }
    FileError saveError;
    if (!pipeline::savePipeline(model, out, &saveError)) {
        printError(saveError.message);
        return ExitFailure;
    }
    printOut(tr("%1: %2 node(s), %3 edge(s).").arg(out).arg(model.nodeCount()).arg(model.edgeCount()));
    return ExitOk;
}

/// How a deployment ended, for reportDeployment().
struct DeployOutcome {
    bool ok = false;
    QList<exporting::ConnectorStatus> statuses;
    QString error;
    /// What Kafka Connect's validation refused, mapped back to the nodes.
    QList<exporting::ExportProblem> rejected;
};

void reportDeployment(
    const PipelineModel &model, const QString &path, bool json, const DeployOutcome &outcome)
{
    exporting::ExportReport report;
    report.problems = outcome.rejected;
    if (json) {
        nlohmann::ordered_json out;
        out["file"] = path.toStdString();
        out["ok"] = outcome.ok;
        out["error"] = outcome.error.toStdString();
        out["problems"] = exportProblemsJson(model, report);
        out["connectors"] = nlohmann::ordered_json::array();
        for (const auto &s : outcome.statuses) {
            nlohmann::ordered_json tasks = nlohmann::ordered_json::array();
            for (const auto &t : s.tasks) {
                tasks.push_back({{"id", t.id}, {"state", t.state.toStdString()}});
            }
            out["connectors"].push_back(
                {{"name", s.name.toStdString()}, {"state", s.state.toStdString()}, {"tasks", tasks}});
        }
        printOut(QString::fromStdString(out.dump(2)));
        return;
    }
    printExportProblems(model, report);
    for (const auto &s : outcome.statuses) {
        QStringList tasks;
        for (const auto &t : s.tasks) {
            tasks << QStringLiteral("%1:%2").arg(t.id).arg(t.state);
        }
        printOut(QStringLiteral("%1\t%2\ttasks %3").arg(s.name, s.state, tasks.join(QLatin1Char(' '))));
    }
    if (!outcome.ok) {
        printError(outcome.error);
    }
}

int runDeploy(const QCommandLineParser &parser, const PipelineRequest &request)
{
    const QString &path = request.file();
    PipelineModel model;
    FileError loadError;
    if (!pipeline::loadPipeline(&model, path, &loadError)) {
        return reportLoadError(path, loadError, request.json);
    }
    const exporting::ExportResult result
        = exporting::exportPipeline(model, exporting::Target::KafkaConnect, request.exportOptions);
    if (result.report.hasErrors()) {
        printExportProblems(model, result.report);
        printError(tr("%1 cannot be deployed to Kafka Connect as designed.").arg(path));
        return ExitFailure;
    }
    exporting::ConnectClient client(request.connectUrl);
    // The password only from the environment: a command line shows in `ps` and shell history.
    client.setBasicAuth(request.connectUser, qEnvironmentVariable("EDIS_CONNECT_PASSWORD"));
    client.setTimeout(int(timeoutFromOptions(parser).count()));
    exporting::ConnectDeployment deployment(&client, result.connectors);
    deployment.setValidateOnly(request.validateOnly);
    deployment.setRunningTimeout(int(std::max<qint64>(timeoutFromOptions(parser).count(), 60000)));
    QEventLoop loop;
    DeployOutcome outcome;
    QObject::connect(&deployment, &exporting::ConnectDeployment::progress, &deployment,
        [json = request.json](const QString &message) {
            if (!json) {
                printOut(message);
            }
        });
    QObject::connect(&deployment, &exporting::ConnectDeployment::validationFailed, &deployment,
        [&outcome](const QList<exporting::ExportProblem> &problems) { outcome.rejected = problems; });
    QObject::connect(&deployment, &exporting::ConnectDeployment::finished, &deployment,
        [&](bool ok, const QList<exporting::ConnectorStatus> &statuses, const QString &error) {
            outcome.ok = ok;
            outcome.statuses = statuses;
            outcome.error = error;
            loop.quit();
        });
    QTimer::singleShot(0, &deployment, &exporting::ConnectDeployment::start);
    loop.exec();
    reportDeployment(model, path, request.json, outcome);
    if (outcome.ok) {
        return ExitOk;
    }
    return outcome.statuses.isEmpty() && outcome.rejected.isEmpty() ? ExitConnection : ExitFailure;
}

int runTopics(const QCommandLineParser &parser, const PipelineRequest &request)
{
    const QString &path = request.file();
    const bool json = request.json;
    PipelineModel model;
    FileError loadError;
    if (!pipeline::loadPipeline(&model, path, &loadError)) {
        return reportLoadError(path, loadError, json);
    }
    const exporting::ExportResult result = exporting::exportPipeline(model, request.target);
    if (!parser.isSet(QStringLiteral("bootstrap-server"))) {
        printOut(QString::fromUtf8(exporting::topicsManifestJson(result.topics)));
        return ExitOk;
    }
    int exitCode = ExitOk;
    auto client = clientFromOptions(parser, &exitCode);
    if (!client) {
        return exitCode;
    }
    const exporting::TopicsOutcome outcome
        = exporting::ensureTopics(*client, result.topics, request.createTopics, timeoutFromOptions(parser));
    if (json) {
        nlohmann::ordered_json out;
        const auto list = [](const QStringList &items) {
            nlohmann::ordered_json a = nlohmann::ordered_json::array();
            for (const QString &i : items) {
                a.push_back(i.toStdString());
            }
            return a;
        };
        out["existing"] = list(outcome.existing);
        out["created"] = list(outcome.created);
        out["missing"] = list(outcome.missing);
        out["errors"] = list(outcome.errors);
        printOut(QString::fromStdString(out.dump(2)));
    } else {
        for (const QString &t : outcome.existing) {
            printOut(tr("exists\t%1").arg(t));
        }
        for (const QString &t : outcome.created) {
            printOut(tr("created\t%1").arg(t));
        }
        for (const QString &t : outcome.missing) {
            printOut(tr("missing\t%1").arg(t));
        }
        for (const QString &e : outcome.errors) {
            printError(e);
        }
    }
    if (!outcome.ok()) {
        return ExitFailure;
    }
    return outcome.missing.isEmpty() ? ExitOk : ExitNotFound;
}

} // namespace

int runPipeline(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Checks and orders pipeline files (*.edis.json).\n\n"
        "  validate FILE   Print every problem; exit 0 without errors (warnings are fine), 1 with errors.\n"
        "                  With --bootstrap-server, topics are checked against that cluster.\n"
        "  order FILE      Print the node names in topological order (the order of export).\n"
        "  export FILE --target kafka-connect|redpanda-connect [--out DIR]\n"
        "                  Explain what the target cannot express, then write connector configs\n"
        "                  (JSON + properties) or Redpanda Connect YAML, topics.json and a secrets\n"
        "                  template into DIR (printed without --out). Exit 1 when it cannot.\n"
        "  import FILE|DIR... [--out PIPELINE]\n"
        "                  Build a pipeline from connector configs and/or Redpanda Connect YAML.\n"
        "  deploy FILE --connect-url URL [--connect-user U] [--validate-only]\n"
        "                  Export to Kafka Connect, validate every connector (errors name the node),\n"
        "                  create or update them and wait until they run.\n"
        "  topics FILE [--bootstrap-server B [--create]]\n"
        "                  The topics the pipeline needs; with a cluster, which exist; --create makes\n"
        "                  the missing ones (exit 4 when some are missing)."));
    addPipelineOptions(parser);
    addConnectionOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    QString error;
    const std::optional<PipelineRequest> request = pipelineRequestFromOptions(parser, &error);
    if (!request) {
        printError(error);
        return ExitUsage;
    }
    using Action = PipelineRequest::Action;
    switch (request->action) {
    case Action::Validate:
        return runValidate(parser, *request);
    case Action::Order:
        return runOrder(*request);
    case Action::Export:
        return runExport(*request);
    case Action::Import:
        return runImport(*request);
    case Action::Deploy:
        return runDeploy(parser, *request);
    case Action::Topics:
        return runTopics(parser, *request);
    }
    return ExitFailure; // not reached: every action is handled above
}

} // namespace edis::cli
