// edis topics: the seed's kafka-topics, over edis_core.

#include "clicommon.h"
#include "kafka/kafkaclient.h"
#include "kafka/topicadmin.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis topics", text);
}

QString joinIds(const QList<int32_t> &ids)
{
    QStringList parts;
    for (const int32_t id : ids) {
        parts << QString::number(id);
    }
    return parts.join(QLatin1Char(','));
}

nlohmann::json configsJson(const QList<kafka::ConfigEntry> &configs)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &c : configs) {
        nlohmann::json synonyms = nlohmann::json::array();
        for (const auto &s : c.synonyms) {
            synonyms.push_back({{"name", s.name.toStdString()}, {"value", s.value.toStdString()},
                {"source", kafka::configSourceName(s.source).toStdString()}});
        }
        out.push_back({{"name", c.name.toStdString()},
            {"value", c.valueIsNull ? nlohmann::json() : nlohmann::json(c.value.toStdString())},
            {"source", kafka::configSourceName(c.source).toStdString()}, {"is_default", c.isDefault},
            {"is_override", c.isOverride()}, {"read_only", c.isReadOnly}, {"sensitive", c.isSensitive},
            {"synonyms", synonyms}, {"documentation", c.documentation.toStdString()}});
    }
    return out;
}

nlohmann::json topicJson(const kafka::TopicDescription &d)
{
    const kafka::TopicInfo &t = d.info;
    nlohmann::json partitions = nlohmann::json::array();
    for (qsizetype i = 0; i < t.partitions.size(); ++i) {
        const auto &p = t.partitions.at(i);
        const kafka::PartitionWatermarks w = d.watermarks.value(i);
        nlohmann::json row {{"partition", p.id}, {"leader", p.leader},
            {"replicas", std::vector<int32_t>(p.replicas.cbegin(), p.replicas.cend())},
            {"isr", std::vector<int32_t>(p.isr.cbegin(), p.isr.cend())}, {"low_watermark", w.low},
            {"high_watermark", w.high}};
        if (!w.error.isEmpty()) {
            row["error"] = w.error.toStdString();
        }
        partitions.push_back(std::move(row));
    }
    return {{"topic", t.name.toStdString()}, {"partitions", partitions},
        {"replication_factor", t.replicationFactor()}, {"internal", t.isInternal()},
        {"messages", d.messageCount()}};
}

QString watermark(int64_t offset)
{
    return offset >= 0 ? QString::number(offset) : QStringLiteral("?");
}

void printDescribe(const kafka::TopicDescription &d)
{
    const kafka::TopicInfo &t = d.info;
    printOut(QStringLiteral("Topic: %1\tPartitionCount: %2\tReplicationFactor: %3\tMessages: %4")
                 .arg(t.name)
                 .arg(t.partitions.size())
                 .arg(t.replicationFactor())
                 .arg(d.messageCount()));
    for (qsizetype i = 0; i < t.partitions.size(); ++i) {
        const auto &p = t.partitions.at(i);
        const kafka::PartitionWatermarks w = d.watermarks.value(i);
        printOut(QStringLiteral(
            "\tTopic: %1\tPartition: %2\tLeader: %3\tReplicas: %4\tIsr: %5\tLow: %6\tHigh: %7%8")
                     .arg(t.name)
                     .arg(p.id)
                     .arg(p.leader)
                     .arg(joinIds(p.replicas), joinIds(p.isr), watermark(w.low), watermark(w.high),
                         w.error.isEmpty() ? QString() : QStringLiteral("\tError: ") + w.error));
    }
}

void printConfigs(const QList<kafka::ConfigEntry> &configs)
{
    printOut(tr("\tConfigs (* = set on this topic):"));
    for (const auto &c : configs) {
        QStringList flags {kafka::configSourceName(c.source)};
        if (c.isReadOnly) {
            flags << tr("read-only");
        }
        if (c.isSensitive) {
            flags << tr("sensitive");
        }
        printOut(
            QStringLiteral("\t%1 %2=%3\t(%4)")
                .arg(c.isOverride() ? QStringLiteral("*") : QStringLiteral(" "), c.name,
                    c.valueIsNull ? QStringLiteral("(hidden)") : c.value, flags.join(QStringLiteral(", "))));
    }
}

/// Splits "key=value"; false when there is no key.
bool splitKeyValue(const QString &kv, std::string *key, std::string *value)
{
    const qsizetype eq = kv.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        return false;
    }
    *key = kv.left(eq).trimmed().toStdString();
    *value = kv.mid(eq + 1).toStdString();
    return true;
}

int runAlter(kafka::KafkaClient &client, const QCommandLineParser &parser, const QString &topicName,
    std::chrono::milliseconds timeout, bool json)
{
    const bool growPartitions = parser.isSet(QStringLiteral("partitions"));
    kafka::ConfigChanges changes;
    for (const QString &kv : parser.values(QStringLiteral("add-config"))) {
        std::string key;
        std::string value;
        if (!splitKeyValue(kv, &key, &value)) {
            printError(tr("--add-config expects key=value, got '%1'.").arg(kv));
            return ExitUsage;
        }
        changes.set[key] = value;
    }
    for (const QString &key : parser.values(QStringLiteral("delete-config"))) {
        if (key.trimmed().isEmpty()) {
            printError(tr("--delete-config expects a config name."));
            return ExitUsage;
        }
        changes.remove.insert(key.trimmed().toStdString());
    }
    if (topicName.isEmpty() || (!growPartitions && changes.isEmpty())) {
        printError(
            tr("--alter needs --topic and at least one of --partitions, --add-config, --delete-config."));
        return ExitUsage;
    }
    nlohmann::json done = nlohmann::json::object();
    done["topic"] = topicName.toStdString();
    if (growPartitions) {
        bool ok = false;
        const int partitions = parser.value(QStringLiteral("partitions")).toInt(&ok);
        if (!ok || partitions < 1) {
            printError(tr("--partitions expects a positive number."));
            return ExitUsage;
        }
        if (const auto err = kafka::createPartitions(client, topicName, partitions, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
        done["partitions"] = partitions;
        if (!json) {
            printOut(tr("Topic %1 now has %2 partitions.").arg(topicName).arg(partitions));
        }
    }
    if (!changes.isEmpty()) {
        if (const auto err = kafka::alterTopicConfigs(client, topicName, changes, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
        done["set"] = changes.set;
        done["removed"] = changes.remove;
        if (!json) {
            QStringList parts;
            for (const auto &[key, value] : changes.set) {
                parts << QStringLiteral("%1=%2").arg(
                    QString::fromStdString(key), QString::fromStdString(value));
            }
            for (const auto &key : changes.remove) {
                parts << tr("%1 (back to inherited)").arg(QString::fromStdString(key));
            }
            printOut(tr("Updated configs of %1: %2").arg(topicName, parts.join(QStringLiteral(", "))));
        }
    }
    if (json) {
        printOut(QString::fromStdString(done.dump()));
    }
    return ExitOk;
}

} // namespace

int runTopics(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists, describes, creates, alters and deletes topics."));
    addConnectionOptions(parser);
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
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    const int actions = int(parser.isSet(QStringLiteral("list")))
        + int(parser.isSet(QStringLiteral("describe"))) + int(parser.isSet(QStringLiteral("create")))
        + int(parser.isSet(QStringLiteral("delete"))) + int(parser.isSet(QStringLiteral("alter")));
    if (actions != 1) {
        printError(tr("Give exactly one of --list, --describe, --create, --alter, --delete."));
        return ExitUsage;
    }
    const auto timeout = timeoutFromOptions(parser);
    const QString topicName = parser.value(QStringLiteral("topic"));
    const bool json = parser.isSet(QStringLiteral("json"));
    auto client = clientFromOptions(parser, &exitCode);
    if (!client) {
        return exitCode;
    }

    if (parser.isSet(QStringLiteral("create"))) {
        kafka::NewTopic topic;
        topic.name = topicName;
        bool okP = false;
        bool okR = false;
        topic.partitions = parser.value(QStringLiteral("partitions")).toInt(&okP);
        topic.replicationFactor = parser.value(QStringLiteral("replication-factor")).toInt(&okR);
        if (topicName.isEmpty() || !okP || !okR || topic.partitions < 1) {
            printError(tr("--create needs --topic and a positive --partitions."));
            return ExitUsage;
        }
        for (const QString &kv : parser.values(QStringLiteral("config"))) {
            const qsizetype eq = kv.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                printError(tr("--config expects key=value, got '%1'.").arg(kv));
                return ExitUsage;
            }
            topic.configs[kv.left(eq).toStdString()] = kv.mid(eq + 1).toStdString();
        }
        if (const auto err = client->createTopic(topic, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
        printOut(json ? QString::fromStdString(nlohmann::json {{"created", topicName.toStdString()}}.dump())
                      : tr("Created topic %1.").arg(topicName));
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("delete"))) {
        if (topicName.isEmpty()) {
            printError(tr("--delete needs --topic."));
            return ExitUsage;
        }
        if (const auto err = client->deleteTopic(topicName, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
        printOut(json ? QString::fromStdString(nlohmann::json {{"deleted", topicName.toStdString()}}.dump())
                      : tr("Deleted topic %1.").arg(topicName));
        return ExitOk;
    }

    if (parser.isSet(QStringLiteral("alter"))) {
        return runAlter(*client, parser, topicName, timeout, json);
    }
    if (parser.isSet(QStringLiteral("list"))) {
        const auto result = client->fetchMetadata(timeout);
        if (!result.ok()) {
            printError(result.error.message);
            return exitCodeFor(result.error);
        }
        nlohmann::json out = nlohmann::json::array();
        bool found = false;
        for (const auto &t : result.value.topics) {
            if ((!topicName.isEmpty() && t.name != topicName)
                || (parser.isSet(QStringLiteral("exclude-internal")) && t.isInternal())) {
                continue;
            }
            found = true;
            if (json) {
                out.push_back(t.name.toStdString());
            } else {
                printOut(t.name);
            }
        }
        if (!topicName.isEmpty() && !found) {
            printError(tr("Topic '%1' does not exist.").arg(topicName));
            return ExitNotFound;
        }
        if (json) {
            printOut(QString::fromStdString(out.dump()));
        }
        return ExitOk;
    }

    // --describe: metadata, watermarks of every partition and, with --configs, the configs.
    auto described = kafka::describeTopics(
        *client, topicName.isEmpty() ? QStringList() : QStringList {topicName}, timeout);
    if (!described.ok()) {
        printError(described.error.message);
        return exitCodeFor(described.error);
    }
    const bool withConfigs = parser.isSet(QStringLiteral("configs"));
    nlohmann::json out = nlohmann::json::array();
    for (const auto &d : std::as_const(described.value)) {
        if (parser.isSet(QStringLiteral("exclude-internal")) && d.info.isInternal()) {
            continue;
        }
        QList<kafka::ConfigEntry> configs;
        if (withConfigs) {
            auto result = kafka::describeTopicConfigs(*client, d.info.name, timeout);
            if (!result.ok()) {
                printError(result.error.message);
                return exitCodeFor(result.error);
            }
            configs = std::move(result.value);
        }
        if (json) {
            nlohmann::json topic = topicJson(d);
            if (withConfigs) {
                topic["configs"] = configsJson(configs);
            }
            out.push_back(std::move(topic));
        } else {
            printDescribe(d);
            if (withConfigs) {
                printConfigs(configs);
            }
        }
    }
    if (json) {
        printOut(QString::fromStdString(out.dump()));
    }
    return ExitOk;
}

} // namespace edis::cli
