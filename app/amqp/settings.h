#pragma once

// Where and how to reach a RabbitMQ node over AMQP 0-9-1: plain values, copied to the worker
// thread that owns the connection. Also parsed from an amqp:// or amqps:// URL as RabbitMQ's URI
// specification reads it (https://www.rabbitmq.com/uri-spec.html).

#include "amqperror.h"

#include <QString>

#include <chrono>

namespace edis::amqp {

struct TlsSettings {
    bool enabled = false;
    QString caFile; ///< PEM; empty: the system's trust store
    QString certFile; ///< PEM client certificate (optional)
    QString keyFile; ///< PEM key of the client certificate
    bool verifyPeer = true;
    bool verifyHostname = true;
};

struct Settings {
    static constexpr int kDefaultPort = 5672;
    static constexpr int kDefaultTlsPort = 5671;

    QString host = QStringLiteral("localhost");
    int port = kDefaultPort;
    QString vhost = QStringLiteral("/");
    QString user = QStringLiteral("guest");
    QString password = QStringLiteral("guest");
    TlsSettings tls;
    /// Heartbeat interval proposed to the server; 0 turns heartbeats off.
    int heartbeatSeconds = 30;
    /// Bounds the TCP connect, the TLS handshake and the login each.
    std::chrono::milliseconds connectTimeout {10000};
    /// Bounds a request the server must answer (queue.declare, basic.qos, basic.get, ...).
    std::chrono::milliseconds requestTimeout {15000};
    /// Shown in the management UI beside the connection.
    QString connectionName = QStringLiteral("EDIS Studio");

    /// Reads amqp://user:password@host:port/vhost?heartbeat=N&connection_timeout=MS
    /// &cacertfile=F&certfile=F&keyfile=F&verify=verify_peer|verify_none. The user, password and
    /// vhost are percent-decoded ("%2F" is the vhost "/"). No path or a lone "/" is the default
    /// vhost "/" (as pika reads it; the specification would make "/" the empty vhost, which
    /// RabbitMQ cannot have). amqps:// turns TLS on (port 5671).
    static Result<Settings> fromUrl(const QString &url);
    /// The URL of these settings with the password left out (for display and logs).
    QString displayUrl() const;
};

} // namespace edis::amqp
