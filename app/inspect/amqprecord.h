#pragma once

// An AMQP 0-9-1 message as an inspector record, the same way for a stream read and a queue peek:
// key the routing key (null when empty), value the body, timestamp the timestamp property
// (seconds, kept in ms) when the message has one. The properties it has become headers named
// amqp.exchange (when not the default exchange), amqp.content_type, amqp.content_encoding,
// amqp.correlation_id, amqp.message_id, amqp.timestamp, amqp.delivery_mode, amqp.expiration,
// amqp.priority, amqp.type, amqp.app_id, amqp.user_id, amqp.reply_to, amqp.cluster_id, and
// amqp.redelivered for a message delivered before; the application headers follow under their
// own names, as text (tables and arrays as JSON). x-stream-offset is the record's offset and is
// left out.

#include "messagebatch.h"

#include <string>
#include <string_view>
#include <vector>

namespace edis::amqp {
struct Message;
} // namespace edis::amqp

namespace edis::inspect {

/// The record's headers as they are named (see above).
namespace amqpheaders {
inline constexpr std::string_view kExchange = "amqp.exchange";
inline constexpr std::string_view kContentType = "amqp.content_type";
inline constexpr std::string_view kRedelivered = "amqp.redelivered";
} // namespace amqpheaders

/// Appends `message` to `batch` as a record of `topic` (the stream or queue) at `offset`.
/// `scratch` holds the header bytes until the batch has copied them (reused between calls).
void appendAmqpMessage(const amqp::Message &message, std::string_view topic, int64_t offset,
    MessageBatch &batch, std::vector<std::string> &scratch);

} // namespace edis::inspect
