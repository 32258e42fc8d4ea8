#include "kafka/topicadmin.h"

#include "kafka/internal/adminrequest.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <memory>
#include <thread>

namespace edis::kafka {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::TopicAdmin", text);
}

milliseconds remainingUntil(Clock::time_point deadline)
{
    return std::max(milliseconds(1), std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
}

ConfigSource toConfigSource(rd_kafka_ConfigSource_t source)
{
    switch (source) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG:
        return ConfigSource::DynamicTopic;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG:
        return ConfigSource::DynamicBroker;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG:
        return ConfigSource::DynamicDefaultBroker;
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG:
        return ConfigSource::StaticBroker;
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG:
        return ConfigSource::Default;
    default:
        return ConfigSource::Unknown;
    }
}

QString fromUtf8OrEmpty(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

using ConfigResourcePtr
    = std::unique_ptr<rd_kafka_ConfigResource_t, decltype(&rd_kafka_ConfigResource_destroy)>;

} // namespace

QString topicNameProblem(const QString &name)
{
    // The broker's own rules (org.apache.kafka.common.internals.Topic.validate).
    constexpr qsizetype maxLength = 249;
    if (name.isEmpty()) {
        return tr("Enter a topic name.");
    }
    if (name == QLatin1String(".") || name == QLatin1String("..")) {
        return tr(R"(A topic cannot be named "." or "..".)");
    }
    if (name.size() > maxLength) {
        return tr("A topic name has at most %1 characters (this one has %2).")
            .arg(maxLength)
            .arg(name.size());
    }
    for (const QChar c : name) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
            || c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!allowed) {
            return tr("'%1' is not allowed in a topic name: use letters, digits, '.', '_' and '-'.").arg(c);
        }
    }
    return {};
}

int64_t approximateMessageCount(const QList<PartitionWatermarks> &partitions)
{
    int64_t total = 0;
    for (const auto &p : partitions) {
        total += p.messageCount();
    }
    return total;
}

Result<QList<PartitionWatermarks>> fetchWatermarks(
    KafkaClient &client, const QList<TopicInfo> &topics, milliseconds timeout)
{
    QList<TopicPartitionRef> partitions;
    for (const auto &t : topics) {
        for (const auto &p : t.partitions) {
            partitions.push_back({t.name, p.id});
        }
    }
    Deadline deadline(timeout);
    auto marks = client.watermarks(partitions, deadline);
    if (!marks.ok()) {
        marks.error = KafkaError::make(marks.error.kind,
            tr("Could not read the watermarks: %1").arg(marks.error.message), marks.error.code);
    }
    return marks;
}

Result<QList<TopicDescription>> describeTopics(
    KafkaClient &client, const QStringList &names, milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    auto metadata = client.fetchMetadata(timeout);
    if (!metadata.ok()) {
        return {{}, metadata.error};
    }
    QList<TopicInfo> wanted;
    if (names.isEmpty()) {
        wanted = metadata.value.topics;
    } else {
        for (const QString &name : names) {
            const TopicInfo *t = metadata.value.topic(name);
            if (!t) {
                return {{},
                    KafkaError::make(KafkaError::Kind::UnknownTopic,
                        tr("Topic '%1' does not exist.").arg(name), RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)};
            }
            wanted.push_back(*t);
        }
    }
    auto marks = fetchWatermarks(client, wanted, remainingUntil(deadline));
    if (!marks.ok()) {
        return {{}, marks.error};
    }
    QList<TopicDescription> out;
    out.reserve(wanted.size());
    qsizetype next = 0;
    for (auto &t : wanted) {
        TopicDescription d;
        d.watermarks = marks.value.mid(next, t.partitions.size());
        next += t.partitions.size();
        d.info = std::move(t);
        out.push_back(std::move(d));
    }
    return {out, {}};
}

QString configSourceName(ConfigSource source)
{
    switch (source) {
    case ConfigSource::DynamicTopic:
        return tr("topic override");
    case ConfigSource::DynamicBroker:
        return tr("broker (dynamic)");
    case ConfigSource::DynamicDefaultBroker:
        return tr("cluster default (dynamic)");
    case ConfigSource::StaticBroker:
        return tr("broker (server.properties)");
    case ConfigSource::Default:
        return tr("Kafka default");
    case ConfigSource::Unknown:
        break;
    }
    return tr("unknown");
}

QString topicConfigDocumentation(const QString &name)
{
    // Loaded once; the table is small and read-only, so sharing it between threads is safe.
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> help;
        QFile file(QStringLiteral(":/edis/kafka/topic-configs.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            return help;
        }
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject configs = root.value(QStringLiteral("configs")).toObject();
        for (auto it = configs.begin(); it != configs.end(); ++it) {
            help.insert(it.key(), it.value().toString());
        }
        return help;
    }();
    return table.value(name);
}

Result<QList<ConfigEntry>> describeTopicConfigs(
    KafkaClient &client, const QString &topic, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Reading topic configs"))) {
        return {{}, err};
    }
    const QByteArray name = topic.toUtf8();
    ConfigResourcePtr resource(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.constData()),
        &rd_kafka_ConfigResource_destroy);
    rd_kafka_ConfigResource_t *raw = resource.get();
    AdminOptionsHandle options
        = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_DescribeConfigs(client.handle(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT, timeout, &event)) {
        return {{}, err};
    }
    size_t count = 0;
    const rd_kafka_ConfigResource_t **resources = rd_kafka_DescribeConfigs_result_resources(
        rd_kafka_event_DescribeConfigs_result(event.get()), &count);
    if (count != 1) {
        return {{}, KafkaError::make(KafkaError::Kind::Other, tr("The cluster returned no configs."))};
    }
    if (const auto err = rd_kafka_ConfigResource_error(resources[0])) {
        return {{},
            KafkaError::fromCode(err, fromUtf8OrEmpty(rd_kafka_ConfigResource_error_string(resources[0])))};
    }
    size_t entryCount = 0;
    const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(resources[0], &entryCount);
    QList<ConfigEntry> out;
    out.reserve(static_cast<qsizetype>(entryCount));
    for (size_t i = 0; i < entryCount; ++i) {
        const rd_kafka_ConfigEntry_t *e = entries[i];
        ConfigEntry entry;
        entry.name = QString::fromUtf8(rd_kafka_ConfigEntry_name(e));
        const char *value = rd_kafka_ConfigEntry_value(e);
        entry.valueIsNull = value == nullptr;
        entry.value = fromUtf8OrEmpty(value);
        entry.source = toConfigSource(rd_kafka_ConfigEntry_source(e));
        entry.isDefault = rd_kafka_ConfigEntry_is_default(e) != 0;
        entry.isReadOnly = rd_kafka_ConfigEntry_is_read_only(e) != 0;
        entry.isSensitive = rd_kafka_ConfigEntry_is_sensitive(e) != 0;
        size_t synonymCount = 0;
        const rd_kafka_ConfigEntry_t **synonyms = rd_kafka_ConfigEntry_synonyms(e, &synonymCount);
        for (size_t s = 0; s < synonymCount; ++s) {
            entry.synonyms.push_back({QString::fromUtf8(rd_kafka_ConfigEntry_name(synonyms[s])),
                fromUtf8OrEmpty(rd_kafka_ConfigEntry_value(synonyms[s])),
                toConfigSource(rd_kafka_ConfigEntry_source(synonyms[s]))});
        }
        entry.documentation = topicConfigDocumentation(entry.name);
        out.push_back(std::move(entry));
    }
    std::sort(
        out.begin(), out.end(), [](const ConfigEntry &a, const ConfigEntry &b) { return a.name < b.name; });
    return {out, {}};
}

KafkaError alterTopicConfigs(
    KafkaClient &client, const QString &topic, const ConfigChanges &changes, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Changing topic configs"))) {
        return err;
    }
    if (changes.isEmpty()) {
        return {};
    }
    const auto deadline = Clock::now() + timeout;
    // AlterConfigs replaces every override of the topic: start from the current overrides.
    auto current = describeTopicConfigs(client, topic, timeout);
    if (!current.ok()) {
        return current.error;
    }
    std::map<std::string, std::string> overrides;
    for (const auto &entry : std::as_const(current.value)) {
        if (!entry.isOverride()) {
            continue;
        }
        const std::string key = entry.name.toStdString();
        if (entry.valueIsNull && !changes.set.contains(key) && !changes.remove.contains(key)) {
            // A hidden value cannot be sent back; sending nothing would silently drop it.
            return KafkaError::make(KafkaError::Kind::InvalidRequest,
                tr("The override of '%1' is sensitive and its value is hidden, so it "
                   "cannot be preserved by this cluster client (no incremental alter in "
                   "librdkafka 2.0.2). Set it again together with this change.")
                    .arg(entry.name));
        }
        overrides[key] = entry.value.toStdString();
    }
    for (const auto &key : changes.remove) {
        overrides.erase(key);
    }
    for (const auto &[key, value] : changes.set) {
        overrides[key] = value;
    }
    const QByteArray name = topic.toUtf8();
    ConfigResourcePtr resource(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.constData()),
        &rd_kafka_ConfigResource_destroy);
    for (const auto &[key, value] : overrides) {
        if (const auto err = rd_kafka_ConfigResource_set_config(resource.get(), key.c_str(), value.c_str())) {
            return KafkaError::fromCode(err, tr("Invalid config '%1'.").arg(QString::fromStdString(key)));
        }
    }
    const milliseconds left = remainingUntil(deadline);
    rd_kafka_ConfigResource_t *raw = resource.get();
    AdminOptionsHandle options = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_ALTERCONFIGS, left);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_AlterConfigs(client.handle(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_ALTERCONFIGS_RESULT, left, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_ConfigResource_t **resources
        = rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const auto err = rd_kafka_ConfigResource_error(resources[i])) {
            return KafkaError::fromCode(
                err, fromUtf8OrEmpty(rd_kafka_ConfigResource_error_string(resources[i])));
        }
    }
    // The broker applies the change asynchronously (KRaft metadata). Wait until it reads back,
    // so the caller's next read — or next merge — sees it instead of the old overrides.
    // Bounded separately: a broker that normalises a value would otherwise keep us here.
    const auto visibleBy = std::min(deadline, Clock::now() + milliseconds(5000));
    while (Clock::now() < visibleBy) {
        const auto now = describeTopicConfigs(client, topic, remainingUntil(deadline));
        if (now.ok()) {
            std::map<std::string, std::string> visible;
            for (const auto &entry : now.value) {
                if (entry.isOverride()) {
                    visible[entry.name.toStdString()] = entry.value.toStdString();
                }
            }
            if (visible == overrides) {
                break;
            }
        }
        std::this_thread::sleep_for(milliseconds(100));
    }
    return {};
}

KafkaError createPartitions(
    KafkaClient &client, const QString &topic, int totalPartitions, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(client, tr("Adding partitions"))) {
        return err;
    }
    std::array<char, 512> errstr {};
    const QByteArray name = topic.toUtf8();
    rd_kafka_NewPartitions_t *np = rd_kafka_NewPartitions_new(
        name.constData(), static_cast<size_t>(std::max(0, totalPartitions)), errstr.data(), errstr.size());
    if (!np) {
        return KafkaError::make(KafkaError::Kind::InvalidRequest, QString::fromUtf8(errstr.data()));
    }
    std::unique_ptr<rd_kafka_NewPartitions_t, decltype(&rd_kafka_NewPartitions_destroy)> guard(
        np, &rd_kafka_NewPartitions_destroy);
    AdminOptionsHandle options
        = makeAdminOptions(client.handle(), RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, timeout);
    QueueHandle queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_CreatePartitions(client.handle(), &np, 1, options.get(), queue.get());
    EventHandle event;
    if (auto err = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT, timeout, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_topic_result_t **results = rd_kafka_CreatePartitions_result_topics(
        rd_kafka_event_CreatePartitions_result(event.get()), &count);
    return firstTopicError(results, count);
}

} // namespace edis::kafka
