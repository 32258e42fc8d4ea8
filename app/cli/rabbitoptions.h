#pragma once

// `edis rabbit`'s options, read into a request that a test can check without a node: the action,
// the management API settings (--management-url, --user, --password or EDIS_RABBITMQ_PASSWORD,
// --vhost, TLS) for overview / queues / exchanges / bindings, the AMQP settings (--amqp-url) for
// peek / consume / publish, and what those three take (-n, --offset, --body, -H, ...).

#include "amqp/message.h"
#include "amqp/settings.h"
#include "amqp/streamreader.h"
#include "rabbit/managementsettings.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstddef>
#include <optional>

namespace edis::cli {

struct RabbitRequest {
    enum class Action { Overview, Queues, Exchanges, Bindings, Peek, Consume, Publish };
    Action action = Action::Overview;
    /// overview, queues, exchanges, bindings: the management API.
    rabbit::ManagementSettings settings;
    /// peek, consume, publish: AMQP 0-9-1.
    amqp::Settings amqp;
    bool json = false;
    /// --filter: only names containing it (case-insensitive).
    QString filter;
    /// peek: the queue; consume: the stream.
    QString queue;
    /// peek: how many (-n, default kDefaultPeekCount); consume: at most this many, 0 for no bound.
    std::size_t count = 0;
    /// consume --offset: where the read starts (default: the first message the stream holds).
    amqp::StreamOffset offset = amqp::StreamOffset::first();
    /// consume --timeout: the read ends when no message came for this long.
    std::chrono::milliseconds idleTimeout {5000};
    /// publish: the exchange, the routing key, -H headers, --content-type, --persistent; the body
    /// when --body was given.
    amqp::OutgoingMessage message;
    /// publish: false when the messages are the lines of standard input.
    bool bodyGiven = false;
};

/// The environment variable the password comes from when --password is not given (and, for an
/// --amqp-url without a password, when the URL has none).
inline constexpr const char *kRabbitPasswordVariable = "EDIS_RABBITMQ_PASSWORD";
inline constexpr std::size_t kDefaultPeekCount = 10;

/// Whether the action talks to the management API (else AMQP).
bool usesManagementApi(RabbitRequest::Action action);

void addRabbitOptions(QCommandLineParser &parser);

/// Reads the action (the first positional argument), its arguments and the options
/// addRabbitOptions() added. On a bad or missing value: nullopt, and `*error` names the option and
/// says what it expects.
std::optional<RabbitRequest> rabbitRequestFromOptions(const QCommandLineParser &parser, QString *error);

/// "first", "last", "next", an offset ("42") or "@" and seconds since the epoch ("@1700000000").
std::optional<amqp::StreamOffset> streamOffsetFromString(const QString &text);

} // namespace edis::cli
