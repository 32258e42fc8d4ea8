#pragma once

// AMQP 0-9-1 messages as plain values that cross threads: what a stream read, a peek or a
// publish carries. No rabbitmq-c type appears here.

#include "fieldtable.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>

namespace edis::amqp {

/// The basic class's content properties; an empty optional is a property the message lacks.
struct Properties {
    std::optional<QString> contentType;
    std::optional<QString> contentEncoding;
    std::optional<QString> correlationId;
    std::optional<QString> messageId;
    std::optional<uint64_t> timestamp; ///< seconds since the epoch (AMQP timestamps are seconds)
    std::optional<uint8_t> deliveryMode; ///< 1 transient, 2 persistent
    std::optional<QString> expiration; ///< per-message TTL in milliseconds, as text
    std::optional<uint8_t> priority;
    std::optional<QString> type;
    std::optional<QString> appId;
    std::optional<QString> userId; ///< RabbitMQ checks it against the connection's user
    std::optional<QString> replyTo;
    std::optional<QString> clusterId;

    friend bool operator==(const Properties &, const Properties &) = default;
};

/// A message as read: from a stream (streamOffset set), a basic.get (a peek) or a return.
struct Message {
    QByteArray body;
    QString exchange;
    QString routingKey;
    uint64_t deliveryTag = 0;
    bool redelivered = false;
    /// The stream offset (the x-stream-offset header RabbitMQ adds); -1 outside streams.
    int64_t streamOffset = -1;
    /// Messages left in the queue after this one (basic.get-ok only); -1 when not known.
    int64_t messageCount = -1;
    Properties properties;
    /// The headers property in the server's order: a classic or quorum queue keeps the
    /// publisher's, a stream (RabbitMQ 3.10) sorts them by name.
    FieldTable headers;
};

/// A message to publish.
struct OutgoingMessage {
    QByteArray body;
    QString exchange; ///< empty: the default exchange (the routing key is the queue's name)
    QString routingKey;
    Properties properties;
    FieldTable headers;
    /// Ask the server to return the message when no queue takes it (reported as Returned).
    bool mandatory = false;
};

} // namespace edis::amqp
