// edis topics: the seed's kafka-topics, over edis_core.

#include "clicommon.h"
#include "kafka/kafkaclient.h"
#include "kafka/topicadmin.h"
#include "topicsoptions.h"

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

int runCreate(kafka::KafkaClient &client, const TopicsRequest &request, std::chrono::milliseconds timeout)
{
    if (const auto err = client.createTopic(request.newTopic, timeout)) {
        printError(err.message);
        return exitCodeFor(err);
    }
    printOut(request.json
            ? QString::fromStdString(nlohmann::json {{"created", request.topic.toStdString()}}.dump())
            : tr("Created topic %1.").arg(request.topic));
    return ExitOk;
}

int runDelete(kafka::KafkaClient &client, const TopicsRequest &request, std::chrono::milliseconds timeout)
{
    if (const auto err = client.deleteTopic(request.topic, timeout)) {
        printError(err.message);
        return exitCodeFor(err);
    }
    printOut(request.json
            ? QString::fromStdString(nlohmann::json {{"deleted", request.topic.toStdString()}}.dump())
            : tr("Deleted topic %1.").arg(request.topic));
    return ExitOk;
}

/// "retention.ms=1, cleanup.policy (back to inherited)": what --alter changed.
QString changesText(const kafka::ConfigChanges &changes)
{
    QStringList parts;
    for (const auto &[key, value] : changes.set) {
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(key), QString::fromStdString(value));
    }
    for (const auto &key : changes.remove) {
        parts << tr("%1 (back to inherited)").arg(QString::fromStdString(key));
    }
    return parts.join(QStringLiteral(", "));
}

int runAlter(kafka::KafkaClient &client, const TopicsRequest &request, std::chrono::milliseconds timeout)
{
    const QString &topicName = request.topic;
    const kafka::ConfigChanges &changes = request.configChanges;
    nlohmann::json done = nlohmann::json::object();
    done["topic"] = topicName.toStdString();
    if (request.alterPartitions) {
        const int partitions = *request.alterPartitions;
        if (const auto err = kafka::createPartitions(client, topicName, partitions, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
        done["partitions"] = partitions;
        if (!request.json) {
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
        if (!request.json) {
            printOut(tr("Updated configs of %1: %2").arg(topicName, changesText(changes)));
        }
    }
    if (request.json) {
        printOut(QString::fromStdString(done.dump()));
    }
    return ExitOk;
}

int runList(kafka::KafkaClient &client, const TopicsRequest &request, std::chrono::milliseconds timeout)
{
    const auto result = client.fetchMetadata(timeout);
    if (!result.ok()) {
        printError(result.error.message);
        return exitCodeFor(result.error);
    }
    nlohmann::json out = nlohmann::json::array();
    bool found = false;
    for (const auto &t : result.value.topics) {
        if ((!request.topic.isEmpty() && t.name != request.topic)
            || (request.excludeInternal && t.isInternal())) {
            continue;
        }
        found = true;
        if (request.json) {
            out.push_back(t.name.toStdString());
        } else {
            printOut(t.name);
        }
    }
    if (!request.topic.isEmpty() && !found) {
        printError(tr("Topic '%1' does not exist.").arg(request.topic));
        return ExitNotFound;
    }
    if (request.json) {
        printOut(QString::fromStdString(out.dump()));
    }
    return ExitOk;
}

/// --describe: metadata, watermarks of every partition and, with --configs, the configs.
int runDescribe(kafka::KafkaClient &client, const TopicsRequest &request, std::chrono::milliseconds timeout)
{
    auto described = kafka::describeTopics(
        client, request.topic.isEmpty() ? QStringList() : QStringList {request.topic}, timeout);
    if (!described.ok()) {
        printError(described.error.message);
        return exitCodeFor(described.error);
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto &d : std::as_const(described.value)) {
        if (request.excludeInternal && d.info.isInternal()) {
            continue;
        }
        QList<kafka::ConfigEntry> configs;
        if (request.withConfigs) {
            auto result = kafka::describeTopicConfigs(client, d.info.name, timeout);
            if (!result.ok()) {
                printError(result.error.message);
                return exitCodeFor(result.error);
            }
            configs = std::move(result.value);
        }
        if (request.json) {
            nlohmann::json topic = topicJson(d);
            if (request.withConfigs) {
                topic["configs"] = configsJson(configs);
            }
            out.push_back(std::move(topic));
        } else {
            printDescribe(d);
            if (request.withConfigs) {
                printConfigs(configs);
            }
        }
    }
    if (request.json) {
        printOut(QString::fromStdString(out.dump()));
    }
    return ExitOk;
}

} // namespace

int runTopics(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists, describes, creates, alters and deletes topics."));
    addConnectionOptions(parser);
    addTopicsOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    QString error;
    const std::optional<TopicsRequest> request = topicsRequestFromOptions(parser, &error);
    if (!request) {
        printError(error);
        return ExitUsage;
    }
    const auto timeout = timeoutFromOptions(parser);
    auto client = clientFromOptions(parser, &exitCode);
    if (!client) {
        return exitCode;
    }
    switch (request->action) {
    case TopicsRequest::Action::Create:
        return runCreate(*client, *request, timeout);
    case TopicsRequest::Action::Delete:
        return runDelete(*client, *request, timeout);
    case TopicsRequest::Action::Alter:
        return runAlter(*client, *request, timeout);
    case TopicsRequest::Action::List:
        return runList(*client, *request, timeout);
    case TopicsRequest::Action::Describe:
        return runDescribe(*client, *request, timeout);
    }
    return ExitFailure; // not reached: every action is handled above
}

} // namespace edis::cli
