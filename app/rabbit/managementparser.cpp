#include "rabbit/managementparser.h"

#include "rabbit/managementsettings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace edis::rabbit {

namespace {

using Kind = ManagementError::Kind;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::rabbit::ManagementClient", text);
}

QString vhostName(const QString &vhost)
{
    return QStringLiteral("'%1'").arg(vhost);
}

qint64 integer(const QJsonObject &o, const char *key)
{
    return static_cast<qint64>(o.value(QLatin1String(key)).toDouble());
}

double rate(const QJsonObject &o, const char *details)
{
    return o.value(QLatin1String("message_stats"))
        .toObject()
        .value(QLatin1String(details))
        .toObject()
        .value(QLatin1String("rate"))
        .toDouble();
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool flag(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toBool();
}

template <typename T, typename ParseItem>
std::optional<QList<T>> parseList(const QJsonValue &json, ParseItem parseItem)
{
    if (!json.isArray()) {
        return std::nullopt;
    }
    QList<T> list;
    const QJsonArray array = json.toArray();
    list.reserve(array.size());
    for (const auto &item : array) {
        std::optional<T> value = parseItem(item);
        if (!value) {
            return std::nullopt;
        }
        list.append(std::move(*value));
    }
    return list;
}

template <typename T, typename ParseItem>
std::optional<Page<T>> parsePage(const QJsonValue &json, ParseItem parseItem)
{
    const QJsonObject o = json.toObject();
    const QJsonValue pageCount = o.value(QLatin1String("page_count"));
    std::optional<QList<T>> items = parseList<T>(o.value(QLatin1String("items")), parseItem);
    if (!pageCount.isDouble() || !items) {
        return std::nullopt;
    }
    Page<T> page;
    page.items = std::move(*items);
    page.page = o.value(QLatin1String("page")).toInt();
    page.pageCount = pageCount.toInt();
    page.totalCount = o.value(QLatin1String("total_count")).toInt();
    return page;
}

std::optional<NodeInfo> parseNode(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    if (!o.value(QLatin1String("name")).isString()) {
        return std::nullopt;
    }
    NodeInfo n;
    n.name = text(o, "name");
    n.type = text(o, "type");
    n.running = flag(o, "running");
    n.memoryUsed = integer(o, "mem_used");
    n.memoryLimit = integer(o, "mem_limit");
    n.memoryAlarm = flag(o, "mem_alarm");
    n.diskFree = integer(o, "disk_free");
    n.diskFreeLimit = integer(o, "disk_free_limit");
    n.diskFreeAlarm = flag(o, "disk_free_alarm");
    n.uptimeMs = integer(o, "uptime");
    return n;
}

std::optional<ExchangeInfo> parseExchange(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    if (!o.value(QLatin1String("name")).isString()) {
        return std::nullopt;
    }
    ExchangeInfo e;
    e.name = text(o, "name");
    e.vhost = text(o, "vhost");
    e.type = text(o, "type");
    e.durable = flag(o, "durable");
    e.autoDelete = flag(o, "auto_delete");
    e.internal = flag(o, "internal");
    e.rates.publish = rate(o, "publish_in_details");
    e.rates.deliver = rate(o, "publish_out_details");
    e.arguments = o.value(QLatin1String("arguments")).toObject();
    return e;
}

std::optional<BindingInfo> parseBinding(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    if (!o.value(QLatin1String("source")).isString() || !o.value(QLatin1String("destination")).isString()) {
        return std::nullopt;
    }
    BindingInfo b;
    b.vhost = text(o, "vhost");
    b.source = text(o, "source");
    b.destination = text(o, "destination");
    b.destinationType = text(o, "destination_type") == QLatin1String("exchange") ? DestinationType::Exchange
                                                                                 : DestinationType::Queue;
    b.routingKey = text(o, "routing_key");
    b.arguments = o.value(QLatin1String("arguments")).toObject();
    b.propertiesKey = text(o, "properties_key");
    return b;
}

QString mib(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 0);
}

} // namespace

// ------------------------------------------------------------------------------ URLs and bodies

QString pathSegment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString vhostPath(const char *collection, const QString &vhost)
{
    return QStringLiteral("/api/%1/%2").arg(QLatin1String(collection), pathSegment(vhost));
}

QString objectPath(const char *collection, const QString &vhost, const QString &name)
{
    return vhostPath(collection, vhost) + QLatin1Char('/') + pathSegment(name);
}

QString bindingPath(
    const QString &vhost, const QString &source, DestinationType type, const QString &destination)
{
    return QStringLiteral("%1/e/%2/%3/%4")
        .arg(vhostPath("bindings", vhost), pathSegment(source),
            type == DestinationType::Exchange ? QStringLiteral("e") : QStringLiteral("q"),
            pathSegment(destination));
}

QueryItems pageQuery(int page, int pageSize, const QString &columns)
{
    return {{QStringLiteral("page"), QString::number(page)},
        {QStringLiteral("page_size"), QString::number(pageSize)}, {QStringLiteral("columns"), columns}};
}

QString queueColumns()
{
    return QStringLiteral("name,vhost,type,state,durable,auto_delete,exclusive,arguments,messages,"
                          "messages_ready,messages_unacknowledged,consumers,"
                          "message_stats.publish_details.rate,message_stats.deliver_get_details.rate,"
                          "message_stats.ack_details.rate");
}

QString exchangeColumns()
{
    return QStringLiteral("name,vhost,type,durable,auto_delete,internal,arguments,"
                          "message_stats.publish_in_details.rate,message_stats.publish_out_details.rate");
}

QString nodeColumns()
{
    return QStringLiteral("name,type,running,mem_used,mem_limit,mem_alarm,disk_free,disk_free_limit,"
                          "disk_free_alarm,uptime");
}

QJsonObject queueBody(const QueueDraft &draft)
{
    QJsonObject arguments = draft.arguments;
    arguments.insert(QStringLiteral("x-queue-type"), toString(draft.type));
    return {{QStringLiteral("durable"), draft.durable}, {QStringLiteral("auto_delete"), draft.autoDelete},
        {QStringLiteral("arguments"), arguments}};
}

QJsonObject exchangeBody(const ExchangeDraft &draft)
{
    return {{QStringLiteral("type"), draft.type}, {QStringLiteral("durable"), draft.durable},
        {QStringLiteral("auto_delete"), draft.autoDelete}, {QStringLiteral("internal"), draft.internal},
        {QStringLiteral("arguments"), draft.arguments}};
}

QJsonObject bindingBody(const BindingDraft &draft)
{
    return {
        {QStringLiteral("routing_key"), draft.routingKey}, {QStringLiteral("arguments"), draft.arguments}};
}

// ------------------------------------------------------------------------------ answers

std::optional<Overview> parseOverview(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    if (!o.value(QLatin1String("rabbitmq_version")).isString()) {
        return std::nullopt;
    }
    Overview v;
    v.rabbitmqVersion = text(o, "rabbitmq_version");
    v.erlangVersion = text(o, "erlang_version");
    v.managementVersion = text(o, "management_version");
    v.clusterName = text(o, "cluster_name");
    v.node = text(o, "node");
    const QJsonObject queues = o.value(QLatin1String("queue_totals")).toObject();
    v.messages = integer(queues, "messages");
    v.messagesReady = integer(queues, "messages_ready");
    v.messagesUnacknowledged = integer(queues, "messages_unacknowledged");
    const QJsonObject objects = o.value(QLatin1String("object_totals")).toObject();
    v.queues = static_cast<int>(integer(objects, "queues"));
    v.exchanges = static_cast<int>(integer(objects, "exchanges"));
    v.connections = static_cast<int>(integer(objects, "connections"));
    v.channels = static_cast<int>(integer(objects, "channels"));
    v.consumers = static_cast<int>(integer(objects, "consumers"));
    v.rates.publish = rate(o, "publish_details");
    v.rates.deliver = rate(o, "deliver_get_details");
    v.rates.ack = rate(o, "ack_details");
    return v;
}

std::optional<QList<NodeInfo>> parseNodes(const QJsonValue &json)
{
    return parseList<NodeInfo>(json, parseNode);
}

std::optional<QueueInfo> parseQueue(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    if (!o.value(QLatin1String("name")).isString()) {
        return std::nullopt;
    }
    QueueInfo q;
    q.name = text(o, "name");
    q.vhost = text(o, "vhost");
    q.typeName = text(o, "type");
    q.type = queueTypeFromString(q.typeName).value_or(QueueType::Other);
    q.state = text(o, "state");
    q.durable = flag(o, "durable");
    q.autoDelete = flag(o, "auto_delete");
    q.exclusive = flag(o, "exclusive");
    q.messages = integer(o, "messages");
    q.messagesReady = integer(o, "messages_ready");
    q.messagesUnacknowledged = integer(o, "messages_unacknowledged");
    q.consumers = static_cast<int>(integer(o, "consumers"));
    q.rates.publish = rate(o, "publish_details");
    q.rates.deliver = rate(o, "deliver_get_details");
    q.rates.ack = rate(o, "ack_details");
    q.arguments = o.value(QLatin1String("arguments")).toObject();
    return q;
}

std::optional<Page<QueueInfo>> parseQueuePage(const QJsonValue &json)
{
    return parsePage<QueueInfo>(json, parseQueue);
}

std::optional<Page<ExchangeInfo>> parseExchangePage(const QJsonValue &json)
{
    return parsePage<ExchangeInfo>(json, parseExchange);
}

std::optional<QList<BindingInfo>> parseBindings(const QJsonValue &json)
{
    return parseList<BindingInfo>(json, parseBinding);
}

QStringList alarmsOf(const QList<NodeInfo> &nodes)
{
    QStringList alarms;
    for (const NodeInfo &n : nodes) {
        if (!n.running) {
            alarms << tr("Node %1 is not running.").arg(n.name);
            continue;
        }
        if (n.memoryAlarm) {
            alarms << tr("Memory alarm on %1: %2 MiB used of a %3 MiB limit; publishers are blocked.")
                          .arg(n.name, mib(n.memoryUsed), mib(n.memoryLimit));
        }
        if (n.diskFreeAlarm) {
            alarms << tr("Disk alarm on %1: %2 MiB free, below the %3 MiB limit; publishers are blocked.")
                          .arg(n.name, mib(n.diskFree), mib(n.diskFreeLimit));
        }
    }
    return alarms;
}

ManagementError unexpectedAnswer(const HttpAnswer &answer)
{
    ManagementError e;
    e.kind = Kind::NotManagementApi;
    e.httpStatus = answer.httpStatus;
    e.detail
        = QString::fromUtf8(QJsonDocument(QJsonArray {answer.json}).toJson(QJsonDocument::Compact).left(200));
    e.message = tr("%1 answered %2 with JSON that is not RabbitMQ's management API answer. Check the "
                   "management URL (port 15672 by default).")
                    .arg(answer.endpoint, answer.request);
    return e;
}

ManagementError vhostMissing(const ManagementError &notFound, const QString &endpoint, const QString &vhost)
{
    ManagementError e = notFound;
    e.kind = Kind::VhostNotFound;
    e.message = tr("The vhost %1 does not exist on %2.").arg(vhostName(vhost), endpoint);
    return e;
}

} // namespace edis::rabbit
