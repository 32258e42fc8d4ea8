#include "topicsoptions.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace edis::cli {

namespace {

using Action = TopicsRequest::Action;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis topics", text);
}

const std::array<std::pair<const char *, Action>, 5> kActions {
    {{"list", Action::List}, {"describe", Action::Describe}, {"create", Action::Create},
        {"alter", Action::Alter}, {"delete", Action::Delete}}};

/// Splits "key=value"; false when there is no key.
bool splitKeyValue(const QString &kv, std::string *key, std::string *value, bool trimKey)
{
    const qsizetype eq = kv.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        return false;
    }
    *key = (trimKey ? kv.left(eq).trimmed() : kv.left(eq)).toStdString();
    *value = kv.mid(eq + 1).toStdString();
    return true;
}

bool readPartitions(const QCommandLineParser &parser, int *partitions, QString *error)
{
    const QString text = parser.value(QStringLiteral("partitions"));
    bool ok = false;
    *partitions = text.toInt(&ok);
    if (!ok || *partitions < 1) {
        *error = tr("--partitions expects a positive number, got '%1'.").arg(text);
        return false;
    }
    return true;
}

bool readCreate(const QCommandLineParser &parser, TopicsRequest *request, QString *error)
{
    if (request->topic.isEmpty()) {
        *error = tr("--create needs --topic.");
        return false;
    }
    kafka::NewTopic &topic = request->newTopic;
    topic.name = request->topic;
    if (!readPartitions(parser, &topic.partitions, error)) {
        return false;
    }
    const QString replication = parser.value(QStringLiteral("replication-factor"));
    bool ok = false;
    topic.replicationFactor = replication.toInt(&ok);
    if (!ok) {
        *error = tr("--replication-factor expects a number (-1: the broker's default), got '%1'.")
                     .arg(replication);
        return false;
    }
    for (const QString &kv : parser.values(QStringLiteral("config"))) {
        std::string key;
        std::string value;
        if (!splitKeyValue(kv, &key, &value, false)) {
            *error = tr("--config expects key=value, got '%1'.").arg(kv);
            return false;
        }
        topic.configs[key] = value;
    }
    return true;
}

bool readAlter(const QCommandLineParser &parser, TopicsRequest *request, QString *error)
{
    kafka::ConfigChanges &changes = request->configChanges;
    for (const QString &kv : parser.values(QStringLiteral("add-config"))) {
        std::string key;
        std::string value;
        if (!splitKeyValue(kv, &key, &value, true)) {
            *error = tr("--add-config expects key=value, got '%1'.").arg(kv);
            return false;
        }
        changes.set[key] = value;
    }
    for (const QString &key : parser.values(QStringLiteral("delete-config"))) {
        if (key.trimmed().isEmpty()) {
            *error = tr("--delete-config expects a config name.");
            return false;
        }
        changes.remove.insert(key.trimmed().toStdString());
    }
    const bool growPartitions = parser.isSet(QStringLiteral("partitions"));
    if (request->topic.isEmpty() || (!growPartitions && changes.isEmpty())) {
        *error = tr("--alter needs --topic and at least one of --partitions, --add-config, --delete-config.");
        return false;
    }
    if (growPartitions) {
        int partitions = 0;
        if (!readPartitions(parser, &partitions, error)) {
            return false;
        }
        request->alterPartitions = partitions;
    }
    return true;
}

} // namespace

void addTopicsOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("list"), tr("List topic names.")},
        {QStringLiteral("describe"), tr("Describe partitions, leaders, replicas and ISR.")},
        {QStringLiteral("create"), tr("Create a topic.")},
        {QStringLiteral("delete"), tr("Delete a topic.")},
        {QStringLiteral("alter"), tr("Add partitions to a topic or change its configs.")},
        {QStringLiteral("topic"), tr("The topic."), QStringLiteral("name")},
        {QStringLiteral("partitions"),
            tr("Partitions of a new topic (default 1); with --alter the new total."), QStringLiteral("n"),
            QStringLiteral("1")},
        {QStringLiteral("replication-factor"),
            tr("Replication factor of a new topic (default: the broker's)."), QStringLiteral("n"),
            QStringLiteral("-1")},
        {QStringLiteral("config"), tr("A topic config of a new topic. Repeatable."),
            QStringLiteral("key=value")},
        {QStringLiteral("add-config"), tr("With --alter: set a config on the topic. Repeatable."),
            QStringLiteral("key=value")},
        {QStringLiteral("delete-config"),
            tr("With --alter: remove a topic's own setting of a config. Repeatable."), QStringLiteral("key")},
        {QStringLiteral("configs"), tr("With --describe: also list every config with its source.")},
        {QStringLiteral("exclude-internal"), tr("Leave out internal topics.")},
        {QStringLiteral("json"), tr("Machine-readable output.")},
    });
}

std::optional<TopicsRequest> topicsRequestFromOptions(const QCommandLineParser &parser, QString *error)
{
    TopicsRequest request;
    int actions = 0;
    for (const auto &[name, action] : kActions) {
        if (parser.isSet(QLatin1String(name))) {
            request.action = action;
            ++actions;
        }
    }
    if (actions != 1) {
        *error = tr("Give exactly one of --list, --describe, --create, --alter, --delete.");
        return std::nullopt;
    }
    request.topic = parser.value(QStringLiteral("topic"));
    request.json = parser.isSet(QStringLiteral("json"));
    request.excludeInternal = parser.isSet(QStringLiteral("exclude-internal"));
    request.withConfigs = parser.isSet(QStringLiteral("configs"));
    switch (request.action) {
    case Action::Create:
        if (!readCreate(parser, &request, error)) {
            return std::nullopt;
        }
        break;
    case Action::Alter:
        if (!readAlter(parser, &request, error)) {
            return std::nullopt;
        }
        break;
    case Action::Delete:
        if (request.topic.isEmpty()) {
            *error = tr("--delete needs --topic.");
            return std::nullopt;
        }
        break;
    case Action::List:
    case Action::Describe:
        break;
    }
    return request;
}

} // namespace edis::cli
