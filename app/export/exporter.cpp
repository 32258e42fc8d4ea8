#include "exporter.h"

#include "exportcommon.h"
#include "kafkaconnectexporter.h"
#include "pipelinemodel.h"
#include "redpandaconnectexporter.h"
#include "topicsmanifest.h"
#include "validation.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace edis::exporting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

QByteArray secretsTemplate(
    const ExportResult &result, const ExportOptions &options, const pipeline::PipelineModel *model)
{
    Q_UNUSED(model)
    const bool file = result.target == Target::KafkaConnect && options.secretStyle == SecretStyle::File;
    QString out;
    if (file) {
        out += QStringLiteral(
            "# Secrets for the Kafka Connect workers' FileConfigProvider. Fill in the values and\n"
            "# install the file as %1 (readable by the worker only).\n")
                   .arg(options.secretsFile);
    } else {
        out += QStringLiteral(
            "# Environment the deployment must provide. Fill in and keep out of version control.\n"
            "# Kafka Connect reads ${env:NAME} through EnvVarConfigProvider; Redpanda Connect\n"
            "# interpolates ${NAME}.\n");
    }
    for (const SecretRef &secret : result.secrets) {
        out += QStringLiteral("# secret: %1 of '%2'%3\n%4=\n")
                   .arg(secret.property, secret.nodeName)
                   .arg(secret.wasLiteral
                           ? QStringLiteral(" (the pipeline held it in plain text; not exported)")
                           : QString())
                   .arg(secret.variable);
    }
    for (const QString &variable : result.variables) {
        out += QStringLiteral("# Kafka bootstrap servers, host:port[,host:port]\n%1=\n").arg(variable);
    }
    return out.toUtf8();
}

QByteArray readme(const ExportResult &result, const ExportOptions &options)
{
    QString out = QStringLiteral("# Exported pipeline\n\n");
    if (!result.connectors.isEmpty()) {
        out += QStringLiteral(
            "## Kafka Connect\n\n"
            "`connectors/NAME.json` is the REST form (`PUT /connectors/NAME/config` takes its \"config\"),\n"
            "`connectors/NAME.properties` the connect-standalone form. `edis pipeline deploy` validates and\n"
            "creates them. The workers need:\n\n"
            "    config.providers=env,file\n"
            "    config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
            "    config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
            "    connector.client.config.override.policy=All\n\n"
            "and the connector plugins on plugin.path (Debezium, connect-file…).\n\n");
    }
    if (!result.streams.isEmpty()) {
        out += QStringLiteral(
            "## Redpanda Connect\n\n"
            "`redpanda/NAME.yaml` per stream: `redpanda-connect run redpanda/NAME.yaml` with the\n"
            "variables of the secrets template set.\n\n");
    }
    out += QStringLiteral(
        "## Topics\n\n`topics.json` lists the topics the pipeline needs; `edis pipeline topics FILE "
        "--bootstrap-server B --create` creates the missing ones.\n\n");
    out += QStringLiteral("## Secrets\n\nNo secret value is in these files. `%1` lists what to provide.\n")
               .arg(result.target == Target::KafkaConnect && options.secretStyle == SecretStyle::File
                       ? QStringLiteral("secrets.properties.template")
                       : QStringLiteral("secrets.env.template"));
    if (!result.report.problems.isEmpty()) {
        out += QStringLiteral("\n## Notes from the export\n\n");
        for (const ExportProblem &p : result.report.problems) {
            out += QStringLiteral("- %1: %2\n").arg(severityName(p.severity), p.message);
        }
    }
    return out.toUtf8();
}

} // namespace

QList<ExportFile> ExportResult::files(const ExportOptions &options) const
{
    QList<ExportFile> out;
    if (report.hasErrors()) {
        return out;
    }
    for (const ConnectorConfig &c : connectors) {
        out << ExportFile {QStringLiteral("connectors/%1.json").arg(c.name), c.toRestJson()};
        out << ExportFile {QStringLiteral("connectors/%1.properties").arg(c.name), c.toProperties()};
    }
    for (const RedpandaStream &s : streams) {
        out << ExportFile {QStringLiteral("redpanda/%1.yaml").arg(s.name), s.yaml};
    }
    out << ExportFile {QStringLiteral("topics.json"), topicsManifestJson(topics)};
    const bool file = target == Target::KafkaConnect && options.secretStyle == SecretStyle::File;
    out << ExportFile {
        file ? QStringLiteral("secrets.properties.template") : QStringLiteral("secrets.env.template"),
        secretsTemplate(*this, options, nullptr)};
    out << ExportFile {QStringLiteral("README.md"), readme(*this, options)};
    return out;
}

ExportResult exportPipeline(const pipeline::PipelineModel &model, Target target, const ExportOptions &options)
{
    ExportResult result;
    result.target = target;
    for (const pipeline::Problem &problem : pipeline::validate(model)) {
        if (problem.isError()) {
            result.report.add(ExportProblem::Severity::Error, QStringLiteral("invalid-pipeline"),
                tr("The pipeline is not valid: %1").arg(problem.message), problem.node, problem.property);
        }
    }
    detail::SecretResolver secrets(target, options, &result.report);
    if (target == Target::KafkaConnect) {
        detail::KafkaConnectExporter(model, options, &result.report, &secrets).run(&result);
    } else {
        detail::RedpandaConnectExporter(model, options, &result.report, &secrets).run(&result);
    }
    result.secrets = secrets.secrets();
    result.topics = topicsNeeded(model, result);
    return result;
}

bool writeExport(const ExportResult &result, const QString &directory, const ExportOptions &options,
    QStringList *written, QString *error)
{
    if (result.report.hasErrors()) {
        *error = tr("The export has errors; nothing was written.");
        return false;
    }
    const QDir dir(directory);
    for (const ExportFile &file : result.files(options)) {
        const QString path = dir.filePath(file.path);
        if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
            *error = tr("Cannot create the directory of %1.").arg(path);
            return false;
        }
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.content) != file.content.size()
            || !out.commit()) {
            *error = tr("Cannot write %1: %2").arg(path, out.errorString());
            return false;
        }
        if (written) {
            *written << path;
        }
    }
    return true;
}

} // namespace edis::exporting
