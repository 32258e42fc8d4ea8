#pragma once

// `edis pipeline`'s options, read into a request that a test can check without files, a
// cluster or Kafka Connect.

#include "exporttypes.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace edis::cli {

struct PipelineRequest {
    enum class Action { Validate, Order, Export, Import, Deploy, Topics };
    Action action = Action::Validate;
    /// The pipeline file; for import, the connector configs and directories to read.
    QStringList files;
    bool json = false;
    /// Export: --target (required). Topics: --target, Kafka Connect unless given.
    exporting::Target target = exporting::Target::KafkaConnect;
    /// Export and deploy: --secrets, --secrets-file and --bootstrap-server.
    exporting::ExportOptions exportOptions;
    /// Export: the output directory (empty: print). Import: the pipeline file to write.
    QString out;
    /// Import: --name; unset keeps the name the importer found.
    std::optional<QString> name;
    /// Deploy: --connect-url, --connect-user, --validate-only.
    QUrl connectUrl;
    QString connectUser;
    bool validateOnly = false;
    /// Topics: --create.
    bool createTopics = false;

    const QString &file() const { return files.constFirst(); }
};

/// --json, --target, --out, --name, --secrets, --secrets-file, --connect-url, --connect-user,
/// --validate-only, --create, and the positional action and file(s).
void addPipelineOptions(QCommandLineParser &parser);

/// Reads the action, its file(s) and the options addPipelineOptions() added from a parsed
/// `parser`. On a missing or bad value: nullopt, and `*error` names the option (or the action)
/// and says what it expects.
std::optional<PipelineRequest> pipelineRequestFromOptions(const QCommandLineParser &parser, QString *error);

} // namespace edis::cli
