#include "topicsmanifest.h"

#include "exportcommon.h"
#include "kafka/kafkaclient.h"
#include "kafkaconnectexporter.h"
#include "pipelinemodel.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QSet>

namespace edis::exporting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

void addTopic(QList<TopicSpec> *topics, TopicSpec spec)
{
    if (spec.name.isEmpty()) {
        return;
    }
    for (TopicSpec &existing : *topics) {
        if (existing.name == spec.name) {
            existing.partitions = std::max(existing.partitions, spec.partitions);
            for (auto it = spec.configs.cbegin(); it != spec.configs.cend(); ++it) {
                existing.configs.insert(it.key(), it.value());
            }
            return;
        }
    }
    topics->append(std::move(spec));
}

} // namespace

QList<TopicSpec> topicsNeeded(const pipeline::PipelineModel &model, const ExportResult &result)
{
    QList<TopicSpec> topics;
    using detail::propertyString;
    ExportReport scratch;
    detail::SecretResolver secrets(result.target, {}, &scratch);
    detail::KafkaConnectExporter kc(model, {}, &scratch, &secrets);
    for (const NodeId id : model.nodeIds()) {
        const pipeline::Node *n = model.node(id);
        if (n->type == QLatin1String("kafka-sink")) {
            const qint64 partitions
                = detail::propertyValue(model, id, QStringLiteral("partitions")).toLongLong();
            addTopic(&topics,
                TopicSpec {propertyString(model, id, QStringLiteral("topic")),
                    partitions > 0 ? int(partitions) : -1, -1, {}, tr("written by '%1'").arg(n->name), id});
        } else if (n->type == QLatin1String("kafka-source")) {
            addTopic(&topics,
                TopicSpec {propertyString(model, id, QStringLiteral("topic")), -1, -1, {},
                    tr("read by '%1'").arg(n->name), id});
        } else if (n->type == QLatin1String("mysql-cdc")) {
            addTopic(&topics,
                TopicSpec {propertyString(model, id, QStringLiteral("schemaHistoryTopic")), 1, -1,
                    {{QStringLiteral("cleanup.policy"), QStringLiteral("delete")},
                        {QStringLiteral("retention.ms"), QStringLiteral("-1")}},
                    tr("schema history of '%1'").arg(n->name), id});
        }
    }
    // Topics source connectors write before any rename: needed when nothing renames them.
    for (const ConnectorConfig &connector : result.connectors) {
        if (!connector.isSource) {
            continue;
        }
        const NodeId source = connector.nodes.value(0);
        const bool renamed = std::any_of(connector.nodes.cbegin(), connector.nodes.cend(),
            [&](NodeId id) { return model.node(id) && model.node(id)->type == QLatin1String("kafka-sink"); });
        if (renamed) {
            continue;
        }
        for (const QString &topic : kc.naturalTopics(source).names) {
            addTopic(&topics,
                TopicSpec {topic, -1, -1, {}, tr("written by connector %1").arg(connector.name), source});
        }
    }
    return topics;
}

QByteArray topicsManifestJson(const QList<TopicSpec> &topics)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const TopicSpec &t : topics) {
        nlohmann::ordered_json entry;
        entry["name"] = t.name.toStdString();
        entry["partitions"] = t.partitions;
        entry["replicationFactor"] = t.replicationFactor;
        nlohmann::ordered_json configs = nlohmann::ordered_json::object();
        for (auto it = t.configs.cbegin(); it != t.configs.cend(); ++it) {
            configs[it.key().toStdString()] = it.value().toStdString();
        }
        entry["configs"] = configs;
        entry["purpose"] = t.purpose.toStdString();
        list.push_back(entry);
    }
    nlohmann::ordered_json out;
    out["format"] = "edis-topics";
    out["version"] = 1;
    out["topics"] = list;
    return QByteArray::fromStdString(out.dump(2)) + '\n';
}

bool parseTopicsManifest(const QByteArray &json, QList<TopicSpec> *topics, QString *error)
{
    const auto doc = nlohmann::json::parse(json.toStdString(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != "edis-topics"
        || !doc.contains("topics") || !doc["topics"].is_array()) {
        *error = tr("Not an EDIS topics manifest.");
        return false;
    }
    QList<TopicSpec> out;
    for (const auto &entry : doc["topics"]) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
            *error = tr("A topic entry has no name.");
            return false;
        }
        TopicSpec t;
        t.name = QString::fromStdString(entry["name"].get<std::string>());
        t.partitions = entry.value("partitions", -1);
        t.replicationFactor = entry.value("replicationFactor", -1);
        t.purpose = QString::fromStdString(entry.value("purpose", std::string()));
        if (entry.contains("configs") && entry["configs"].is_object()) {
            for (const auto &[key, value] : entry["configs"].items()) {
                t.configs.insert(QString::fromStdString(key),
                    QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump()));
            }
        }
        out << t;
    }
    *topics = out;
    return true;
}

TopicsOutcome ensureTopics(kafka::KafkaClient &client, const QList<TopicSpec> &topics, bool create,
    std::chrono::milliseconds timeout)
{
    TopicsOutcome outcome;
    const auto metadata = client.fetchMetadata(timeout);
    if (!metadata.ok()) {
        outcome.errors << tr("cluster: %1").arg(metadata.error.message);
        return outcome;
    }
    QSet<QString> present;
    for (const auto &topic : metadata.value.topics) {
        present.insert(topic.name);
    }
    for (const TopicSpec &t : topics) {
        if (present.contains(t.name)) {
            outcome.existing << t.name;
            continue;
        }
        if (!create) {
            outcome.missing << t.name;
            continue;
        }
        kafka::NewTopic request;
        request.name = t.name;
        // librdkafka 2.0 wants a count; -1 (broker default) needs a newer client.
        request.partitions = t.partitions > 0 ? t.partitions : 1;
        request.replicationFactor = t.replicationFactor;
        for (auto it = t.configs.cbegin(); it != t.configs.cend(); ++it) {
            request.configs[it.key().toStdString()] = it.value().toStdString();
        }
        const kafka::KafkaError error = client.createTopic(request, timeout);
        if (error.kind != kafka::KafkaError::Kind::None) {
            outcome.errors << QStringLiteral("%1: %2").arg(t.name, error.message);
            outcome.missing << t.name;
        } else {
            outcome.created << t.name;
        }
    }
    return outcome;
}

} // namespace edis::exporting
