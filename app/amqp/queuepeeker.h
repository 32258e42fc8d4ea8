#pragma once

// Looks at the first messages of a classic or quorum queue with basic.get, then hands them all
// back: basic.nack with requeue, then the channel is closed, so nothing stays taken even when the
// nack is lost. It never acks, so no message is removed. What a peek does change, and what the
// user must be told before the first one:
// - every peeked message is requeued and from then on delivered with redelivered = true;
// - a classic queue puts them back in their place, but a consumer active meanwhile may get
//   messages in another order; a quorum queue returns them to the front too, but their order
//   against messages a consumer took in between may change;
// - a quorum queue counts the delivery: x-delivery-count grows by one per peek, and at the
//   queue's delivery-limit the message is dropped or dead-lettered — repeated peeks can do that;
// - while peeked, the messages are not ready: other consumers do not see them for that moment.

#include "amqperror.h"
#include "message.h"

#include <QString>

#include <cstddef>
#include <stop_token>
#include <vector>

namespace edis::amqp {

class Connection;

class QueuePeeker {
public:
    /// Refuses more than this many messages per peek: they are all held unacked at once.
    static constexpr std::size_t kMaxPeek = 10000;

    explicit QueuePeeker(Connection &connection);

    /// Up to `count` messages from the head of `queue` (fewer when it holds fewer), all requeued
    /// before this returns. NotFound for a missing queue; RabbitMQ refuses basic.get on a stream
    /// (a channel error with its reason: read streams with StreamReader).
    Result<std::vector<Message>> peek(const QString &queue, std::size_t count, std::stop_token stop = {});

private:
    Error requeue(uint64_t lastTag);

    Connection &connection_;
};

} // namespace edis::amqp
