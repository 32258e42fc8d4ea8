// edis topics: the seed's kafka-topics, over edis_core.

#include "clicommon.h"
#include "kafka/kafkaclient.h"

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

nlohmann::json topicJson(const kafka::TopicInfo &t)
{
    nlohmann::json partitions = nlohmann::json::array();
    for (const auto &p : t.partitions) {
        partitions.push_back({{"partition", p.id},
                              {"leader", p.leader},
                              {"replicas", std::vector<int32_t>(p.replicas.cbegin(), p.replicas.cend())},
                              {"isr", std::vector<int32_t>(p.isr.cbegin(), p.isr.cend())}});
    }
    return {{"topic", t.name.toStdString()},
            {"partitions", partitions},
            {"replication_factor", t.replicationFactor()},
            {"internal", t.isInternal()}};
}

void printDescribe(const kafka::TopicInfo &t)
{
    printOut(QStringLiteral("Topic: %1\tPartitionCount: %2\tReplicationFactor: %3")
                 .arg(t.name)
                 .arg(t.partitions.size())
                 .arg(t.replicationFactor()));
    for (const auto &p : t.partitions) {
        printOut(QStringLiteral("\tTopic: %1\tPartition: %2\tLeader: %3\tReplicas: %4\tIsr: %5")
                     .arg(t.name)
                     .arg(p.id)
                     .arg(p.leader)
                     .arg(joinIds(p.replicas), joinIds(p.isr)));
    }
}

} // namespace

int runTopics(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists, describes, creates and deletes topics."));
    addConnectionOptions(parser);
    parser.addOptions({
        {QStringLiteral("list"), tr("List topic names.")},
        {QStringLiteral("describe"), tr("Describe partitions, leaders, replicas and ISR.")},
        {QStringLiteral("create"), tr("Create a topic.")},
        {QStringLiteral("delete"), tr("Delete a topic.")},
        {QStringLiteral("topic"), tr("The topic."), QStringLiteral("name")},
        {QStringLiteral("partitions"), tr("Partitions of a new topic (default 1)."), QStringLiteral("n"), QStringLiteral("1")},
        {QStringLiteral("replication-factor"), tr("Replication factor of a new topic (default: the broker's)."), QStringLiteral("n"), QStringLiteral("-1")},
        {QStringLiteral("config"), tr("A topic config of a new topic. Repeatable."), QStringLiteral("key=value")},
        {QStringLiteral("exclude-internal"), tr("Leave out internal topics.")},
        {QStringLiteral("json"), tr("Machine-readable output.")},
    });
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    const int actions = int(parser.isSet(QStringLiteral("list"))) + int(parser.isSet(QStringLiteral("describe")))
                        + int(parser.isSet(QStringLiteral("create"))) + int(parser.isSet(QStringLiteral("delete")));
    if (actions != 1) {
        printError(tr("Give exactly one of --list, --describe, --create, --delete."));
        return ExitUsage;
    }
    kafka::ConnectionSettings settings;
    if (!connectionFromOptions(parser, &settings)) {
        return ExitUsage;
    }
    const auto timeout = timeoutFromOptions(parser);
    const QString topicName = parser.value(QStringLiteral("topic"));
    const bool json = parser.isSet(QStringLiteral("json"));

    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(settings, &error);
    if (!client) {
        printError(error.message);
        return exitCodeFor(error);
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
        printOut(json ? QString::fromStdString(nlohmann::json{{"created", topicName.toStdString()}}.dump())
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
        printOut(json ? QString::fromStdString(nlohmann::json{{"deleted", topicName.toStdString()}}.dump())
                      : tr("Deleted topic %1.").arg(topicName));
        return ExitOk;
    }

    const auto result = client->fetchMetadata(timeout);
    if (!result.ok()) {
        printError(result.error.message);
        return exitCodeFor(result.error);
    }
    QList<kafka::TopicInfo> topics;
    for (const auto &t : result.value.topics) {
        if (!topicName.isEmpty() && t.name != topicName) {
            continue;
        }
        if (parser.isSet(QStringLiteral("exclude-internal")) && t.isInternal()) {
            continue;
        }
        topics.push_back(t);
    }
    if (!topicName.isEmpty() && topics.isEmpty()) {
        printError(tr("Topic '%1' does not exist.").arg(topicName));
        return ExitNotFound;
    }
    const bool list = parser.isSet(QStringLiteral("list"));
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &t : topics) {
            out.push_back(list ? nlohmann::json(t.name.toStdString()) : topicJson(t));
        }
        printOut(QString::fromStdString(out.dump()));
        return ExitOk;
    }
    for (const auto &t : topics) {
        if (list) {
            printOut(t.name);
        } else {
            printDescribe(t);
        }
    }
    return ExitOk;
}

} // namespace edis::cli
