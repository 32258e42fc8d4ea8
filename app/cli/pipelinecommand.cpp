// edis pipeline: checks and orders *.edis.json pipeline files, over edis_pipeline.

#include "clicommon.h"
#include "graphalgorithms.h"
#include "kafka/kafkaclient.h"
#include "pipelinefile.h"
#include "pipelinemodel.h"
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
    kafka::ConnectionSettings settings;
    if (!connectionFromOptions(parser, &settings)) {
        return ExitUsage;
    }
    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(settings, &error);
    if (!client) {
        printError(error.message);
        return cli::exitCodeFor(error);
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

int runValidate(const QCommandLineParser &parser, const QString &path)
{
    const bool json = parser.isSet(QStringLiteral("json"));
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

int runOrder(const QCommandLineParser &parser, const QString &path)
{
    const bool json = parser.isSet(QStringLiteral("json"));
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

} // namespace

int runPipeline(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Checks and orders pipeline files (*.edis.json).\n\n"
        "  validate FILE   Print every problem; exit 0 without errors (warnings are fine), 1 with errors.\n"
        "                  With --bootstrap-server, topics are checked against that cluster.\n"
        "  order FILE      Print the node names in topological order (the order of export)."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("validate or order"));
    parser.addPositionalArgument(QStringLiteral("file"), tr("The pipeline file."));
    parser.addOption({QStringLiteral("json"), tr("Machine-readable output.")});
    addConnectionOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        printError(tr("Give an action and a file, e.g. 'edis pipeline validate pipeline.edis.json'."));
        return ExitUsage;
    }
    const QString &action = positional.at(0);
    if (action == QLatin1String("validate")) {
        return runValidate(parser, positional.at(1));
    }
    if (action == QLatin1String("order")) {
        return runOrder(parser, positional.at(1));
    }
    printError(tr("Unknown action '%1'; use validate or order.").arg(action));
    return ExitUsage;
}

} // namespace edis::cli
