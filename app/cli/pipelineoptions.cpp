#include "pipelineoptions.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <utility>

namespace edis::cli {

namespace {

using Action = PipelineRequest::Action;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis pipeline", text);
}

const std::array<std::pair<const char *, Action>, 6> kActions {
    {{"validate", Action::Validate}, {"order", Action::Order}, {"export", Action::Export},
        {"import", Action::Import}, {"deploy", Action::Deploy}, {"topics", Action::Topics}}};

bool readTarget(const QCommandLineParser &parser, exporting::Target *target, QString *error)
{
    const auto parsed = exporting::targetFromId(parser.value(QStringLiteral("target")));
    if (!parsed) {
        *error = tr("Give --target kafka-connect or --target redpanda-connect.");
        return false;
    }
    *target = *parsed;
    return true;
}

/// --secrets, --secrets-file and --bootstrap-server. Deploy has always taken any --secrets other
/// than "file" as env; export refuses it (`strict`).
bool readExportOptions(
    const QCommandLineParser &parser, bool strict, exporting::ExportOptions *options, QString *error)
{
    const QString secrets = parser.value(QStringLiteral("secrets"));
    const bool file = secrets == QLatin1String("file");
    if (strict && !file && secrets != QLatin1String("env")) {
        *error = tr("--secrets takes env or file.");
        return false;
    }
    if (file) {
        options->secretStyle = exporting::SecretStyle::File;
    }
    // Export keeps --secrets-file whatever the style (it is only used with file); deploy only
    // reads it with file.
    if (parser.isSet(QStringLiteral("secrets-file")) && (file || strict)) {
        options->secretsFile = parser.value(QStringLiteral("secrets-file"));
    }
    options->bootstrapServers = parser.value(QStringLiteral("bootstrap-server"));
    return true;
}

/// The action's own options; false (with `*error`) when one is missing or bad.
bool readActionOptions(const QCommandLineParser &parser, PipelineRequest *request, QString *error)
{
    switch (request->action) {
    case Action::Export:
        return readTarget(parser, &request->target, error)
            && readExportOptions(parser, true, &request->exportOptions, error);
    case Action::Deploy:
        request->connectUrl = QUrl::fromUserInput(parser.value(QStringLiteral("connect-url")));
        if (!parser.isSet(QStringLiteral("connect-url")) || !request->connectUrl.isValid()) {
            *error = tr("Give the Kafka Connect REST URL with --connect-url, e.g. http://localhost:8083.");
            return false;
        }
        request->connectUser = parser.value(QStringLiteral("connect-user"));
        request->validateOnly = parser.isSet(QStringLiteral("validate-only"));
        return readExportOptions(parser, false, &request->exportOptions, error);
    case Action::Topics:
        request->createTopics = parser.isSet(QStringLiteral("create"));
        return !parser.isSet(QStringLiteral("target")) || readTarget(parser, &request->target, error);
    case Action::Import:
        if (parser.isSet(QStringLiteral("name"))) {
            request->name = parser.value(QStringLiteral("name"));
        }
        return true;
    case Action::Validate:
    case Action::Order:
        return true;
    }
    return true;
}

} // namespace

void addPipelineOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        QStringLiteral("action"), tr("validate, order, export, import, deploy or topics"));
    parser.addPositionalArgument(
        QStringLiteral("file"), tr("The pipeline file (import: config files or directories)."));
    parser.addOption({QStringLiteral("json"), tr("Machine-readable output.")});
    parser.addOption({QStringLiteral("target"), tr("Export target: kafka-connect or redpanda-connect."),
        QStringLiteral("target")});
    parser.addOption({QStringLiteral("out"), tr("Export: output directory. Import: pipeline file to write."),
        QStringLiteral("path")});
    parser.addOption({QStringLiteral("name"), tr("Import: name of the pipeline."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("secrets"),
        tr("Kafka Connect secret placeholders: env (${env:VAR}, default) or file (${file:PATH:VAR})."),
        QStringLiteral("env|file"), QStringLiteral("env")});
    parser.addOption({QStringLiteral("secrets-file"),
        tr("With --secrets file: the secrets file as the Connect workers see it."), QStringLiteral("path")});
    parser.addOption(
        {QStringLiteral("connect-url"), tr("Deploy: Kafka Connect REST URL."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("connect-user"),
        tr("Deploy: user for HTTP basic authentication (password in EDIS_CONNECT_PASSWORD)."),
        QStringLiteral("user")});
    parser.addOption({QStringLiteral("validate-only"), tr("Deploy: only validate the connectors.")});
    parser.addOption({QStringLiteral("create"), tr("Topics: create the missing topics.")});
}

std::optional<PipelineRequest> pipelineRequestFromOptions(const QCommandLineParser &parser, QString *error)
{
    const QStringList positional = parser.positionalArguments();
    const bool manyImports = positional.size() > 2 && positional.at(0) == QLatin1String("import");
    if (positional.size() != 2 && !manyImports) {
        *error = tr("Give an action and a file, e.g. 'edis pipeline validate pipeline.edis.json'.");
        return std::nullopt;
    }
    PipelineRequest request;
    const auto known = std::find_if(kActions.cbegin(), kActions.cend(),
        [&](const auto &entry) { return positional.at(0) == QLatin1String(entry.first); });
    if (known == kActions.cend()) {
        *error = tr("Unknown action '%1'; use validate, order, export, import, deploy or topics.")
                     .arg(positional.at(0));
        return std::nullopt;
    }
    request.action = known->second;
    request.files = positional.mid(1);
    request.json = parser.isSet(QStringLiteral("json"));
    request.out = parser.value(QStringLiteral("out"));
    if (!readActionOptions(parser, &request, error)) {
        return std::nullopt;
    }
    return request;
}

} // namespace edis::cli
