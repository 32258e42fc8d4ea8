#pragma once

// What the RabbitMQ management HTTP API tells about a node and a vhost, as plain values: parsed
// once (managementparser.h), copied freely, shown by models and printed by the CLI. Counts the
// API leaves out (a queue whose statistics have not been emitted yet) are 0; rates are messages
// per second over the API's last sample.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace edis::rabbit {

enum class QueueType { Classic, Quorum, Stream, Other };

/// "classic", "quorum", "stream" (the x-queue-type spelling); Other is "".
QString toString(QueueType type);
/// The type of a known name; nullopt for anything else ("" included).
std::optional<QueueType> queueTypeFromString(const QString &name);

struct MessageRates {
    double publish = 0; ///< publish_details.rate (an exchange: publish_in)
    double deliver = 0; ///< deliver_get_details.rate (an exchange: publish_out)
    double ack = 0; ///< ack_details.rate

    bool operator==(const MessageRates &) const = default;
};

struct NodeInfo {
    QString name; ///< rabbit@host
    QString type; ///< "disc" or "ram"
    bool running = false;
    qint64 memoryUsed = 0;
    qint64 memoryLimit = 0;
    bool memoryAlarm = false;
    qint64 diskFree = 0;
    qint64 diskFreeLimit = 0;
    bool diskFreeAlarm = false;
    qint64 uptimeMs = 0;

    bool operator==(const NodeInfo &) const = default;
};

struct Overview {
    QString rabbitmqVersion;
    QString erlangVersion;
    QString managementVersion;
    QString clusterName;
    QString node; ///< the node that answered
    qint64 messages = 0; ///< queue_totals: ready + unacknowledged
    qint64 messagesReady = 0;
    qint64 messagesUnacknowledged = 0;
    int queues = 0; ///< object_totals
    int exchanges = 0;
    int connections = 0;
    int channels = 0;
    int consumers = 0;
    MessageRates rates; ///< the node's publish / deliver / ack rates
    QList<NodeInfo> nodes; ///< from /api/nodes
    /// False when the user may not list the nodes (/api/nodes needs the monitoring tag): then
    /// `nodes` and `alarms` are empty for want of a view, not because all is well.
    bool nodesVisible = true;
    /// "memory alarm on rabbit@a", "disk alarm on rabbit@b", "rabbit@c is not running": one
    /// sentence per alarm, empty when all is well.
    QStringList alarms;

    bool operator==(const Overview &) const = default;
};

struct QueueInfo {
    QString name;
    QString vhost;
    QueueType type = QueueType::Other;
    QString typeName; ///< as the API spelled it (a plugin's type shows as itself)
    QString state; ///< "running", "idle", "down", ...; empty before the first statistics
    bool durable = false;
    bool autoDelete = false;
    bool exclusive = false;
    qint64 messages = 0;
    qint64 messagesReady = 0;
    qint64 messagesUnacknowledged = 0;
    int consumers = 0;
    MessageRates rates;
    QJsonObject arguments; ///< x-queue-type, x-delivery-limit, x-max-length, ...

    bool operator==(const QueueInfo &) const = default;
};

struct ExchangeInfo {
    QString name; ///< "" is the default exchange
    QString vhost;
    QString type; ///< direct, fanout, topic, headers, or a plugin's
    bool durable = false;
    bool autoDelete = false;
    bool internal = false;
    MessageRates rates; ///< publish = publish_in, deliver = publish_out
    QJsonObject arguments;

    bool operator==(const ExchangeInfo &) const = default;
};

enum class DestinationType { Queue, Exchange };

struct BindingInfo {
    QString vhost;
    QString source; ///< exchange; "" is the default exchange
    QString destination;
    DestinationType destinationType = DestinationType::Queue;
    QString routingKey;
    QJsonObject arguments;
    /// What identifies the binding in the API's URLs (routing key and arguments hash).
    QString propertiesKey;

    bool operator==(const BindingInfo &) const = default;
};

// What a create request sends.

struct QueueDraft {
    QString name;
    QueueType type = QueueType::Classic;
    bool durable = true; ///< quorum queues and streams must be durable
    bool autoDelete = false;
    QJsonObject arguments; ///< extra x-arguments; x-queue-type comes from `type`
};

struct ExchangeDraft {
    QString name;
    QString type = QStringLiteral("direct");
    bool durable = true;
    bool autoDelete = false;
    bool internal = false;
    QJsonObject arguments;
};

struct BindingDraft {
    QString source; ///< exchange
    QString destination;
    DestinationType destinationType = DestinationType::Queue;
    QString routingKey;
    QJsonObject arguments;
};

} // namespace edis::rabbit
