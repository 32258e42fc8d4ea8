#pragma once

// Publishes messages with publisher confirms (confirm.select): each message is reported as
// confirmed (basic.ack), nacked (basic.nack: the server could not take it) or returned
// (basic.return: mandatory, and no queue was bound to take it; RabbitMQ still acks it after the
// return). A message with no answer within the timeout is a Timeout error for the whole call.

#include "amqperror.h"
#include "message.h"

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <vector>

namespace edis::amqp {

class Connection;

struct PublishOutcome {
    enum class Status {
        Confirmed,
        Nacked,
        Returned, ///< mandatory and unroutable: replyCode 312 NO_ROUTE with the server's text
    };
    Status status = Status::Confirmed;
    int replyCode = 0;
    QString replyText;
};

class Publisher {
public:
    static constexpr std::chrono::milliseconds kDefaultConfirmTimeout {10000};

    explicit Publisher(Connection &connection);

    /// Publishes one message and waits for its confirm.
    Result<PublishOutcome> publish(const OutgoingMessage &message,
        std::chrono::milliseconds confirmTimeout = kDefaultConfirmTimeout, std::stop_token stop = {});
    /// Publishes all, reading confirms as they come, then waits for the rest: outcomes in the
    /// order of `messages`. A channel error (no such exchange: NotFound) ends the call.
    Result<std::vector<PublishOutcome>> publishAll(const std::vector<OutgoingMessage> &messages,
        std::chrono::milliseconds confirmTimeout = kDefaultConfirmTimeout, std::stop_token stop = {});

private:
    struct Pending;
    Error ensureConfirmMode(const std::stop_token &stop);
    Error drain(Pending &pending, std::chrono::milliseconds wait, const std::stop_token &stop);

    Connection &connection_;
};

} // namespace edis::amqp
