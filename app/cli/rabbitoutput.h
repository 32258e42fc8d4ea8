#pragma once

// What `edis rabbit` prints and returns: the exit code each management API and AMQP error kind
// deserves, messages as text and as JSON lines, and tables in aligned columns. Pure functions, so
// the unit tests check them without a node.

#include "amqp/amqperror.h"
#include "amqp/message.h"
#include "rabbit/managementerror.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstddef>

namespace edis::cli {

/// 3 when the node cannot be reached or refuses the user (refused, bad credentials, not
/// permitted, timeout, not a management API), 4 for a missing vhost, queue or exchange, 2 for
/// unusable settings, else 1.
int exitCodeFor(const rabbit::ManagementError &error);
/// The same for AMQP; a 530 at login is 4 when RabbitMQ says the vhost does not exist, else 3.
int exitCodeFor(const amqp::Error &error);
/// The client's sentence, with the server's own words when they add something.
QString errorText(const amqp::Error &error);
QString errorText(const rabbit::ManagementError &error);

/// The rows in columns two spaces apart, the first row being the header; one line per row.
QString alignedColumns(const QList<QStringList> &rows);

/// A message as a block of text: its number (from 1), exchange, routing key, stream offset, the
/// properties that are set, the headers, then the body as text.
QString messageText(const amqp::Message &message, std::size_t number);
/// A message as one line of JSON: exchange, routing_key, redelivered, offset (a stream's),
/// properties, headers (typed), body (or body_base64 when it is not UTF-8).
QString messageJson(const amqp::Message &message);

} // namespace edis::cli
