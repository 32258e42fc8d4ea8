#pragma once

// An AMQP 0-9-1 connection to RabbitMQ through rabbitmq-c: socket (TCP or TLS), login, one
// channel, heartbeats. Blocking, for a worker thread (never the GUI thread); every call is bounded
// by the settings' timeouts and returns soon (~50 ms) after the caller's stop token is set. Not
// thread-safe: one thread uses a connection, and one of StreamReader, QueuePeeker and Publisher
// uses it at a time (they share its one channel).

#include "amqperror.h"
#include "fieldtable.h"
#include "settings.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <stop_token>

namespace edis::amqp {

namespace detail {
class ConnectionCore;
}

struct QueueDeclaration {
    QString name; ///< empty: the server names it
    bool durable = true; ///< streams and quorum queues must be durable
    bool exclusive = false;
    bool autoDelete = false;
    /// x-queue-type (classic / quorum / stream), x-max-length-bytes, ...
    FieldTable arguments;
};

struct QueueInfo {
    QString name;
    uint32_t messageCount = 0; ///< ready messages (RabbitMQ 3.10 answers 0 for a stream)
    uint32_t consumerCount = 0;
};

class Connection {
public:
    explicit Connection(Settings settings);
    /// Closes politely, within half a second even when the peer is gone.
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    Connection(Connection &&) = delete;
    Connection &operator=(Connection &&) = delete;

    /// Connects, logs in and opens the channel. Refused, a bad password (BadCredentials), a vhost
    /// the user may not open (VhostNotAllowed), TLS and timeouts come back as their kinds.
    Error open(std::stop_token stop = {});
    void close();
    bool isOpen() const;
    const Settings &settings() const;
    /// The server's product and version ("RabbitMQ", "3.10.8") from connection.start.
    QString serverProduct() const;
    QString serverVersion() const;

    /// queue.declare. A queue that exists with other arguments is PreconditionFailed.
    Result<QueueInfo> declareQueue(const QueueDeclaration &queue, std::stop_token stop = {});
    /// queue.declare passive: the queue's counts now; NotFound when it does not exist.
    Result<QueueInfo> inspectQueue(const QString &name, std::stop_token stop = {});
    /// queue.delete; returns how many messages it held.
    Result<uint32_t> deleteQueue(const QString &name, std::stop_token stop = {});

    /// For StreamReader, QueuePeeker and Publisher (app/amqp only).
    detail::ConnectionCore &core() { return *core_; }

private:
    Result<QueueInfo> declare(const QueueDeclaration &queue, bool passive, std::stop_token stop);

    std::unique_ptr<detail::ConnectionCore> core_;
};

} // namespace edis::amqp
