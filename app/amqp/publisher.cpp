#include "publisher.h"

#include "connection.h"
#include "internal/convert.h"
#include "internal/core.h"

#include <QCoreApplication>

#include <map>

namespace edis::amqp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::amqp::Publisher", text);
}

using Clock = std::chrono::steady_clock;

/// Confirms are read after this many publishes, so they do not pile up unread on the socket.
constexpr std::size_t kDrainEvery = 256;

} // namespace

/// What is waiting for a confirm: delivery tag → index into the call's messages.
struct Publisher::Pending {
    const std::vector<OutgoingMessage> *messages = nullptr;
    std::vector<std::optional<PublishOutcome>> outcomes;
    std::map<uint64_t, std::size_t> unconfirmed;
    std::vector<bool> returned;

    void settle(uint64_t tag, bool multiple, PublishOutcome::Status status)
    {
        const auto end = multiple ? unconfirmed.upper_bound(tag) : unconfirmed.find(tag);
        auto it = multiple ? unconfirmed.begin() : end;
        if (!multiple) {
            if (it == unconfirmed.end()) {
                return;
            }
            settleOne(it->second, status);
            unconfirmed.erase(it);
            return;
        }
        for (; it != end; ++it) {
            settleOne(it->second, status);
        }
        unconfirmed.erase(unconfirmed.begin(), end);
    }

    void settleOne(std::size_t index, PublishOutcome::Status status)
    {
        if (outcomes[index] && outcomes[index]->status == PublishOutcome::Status::Returned) {
            return; // a returned message is acked afterwards: it stays returned
        }
        PublishOutcome o;
        o.status = status;
        outcomes[index] = o;
    }

    /// A return names no delivery tag: it is the oldest unconfirmed message with the same
    /// exchange, routing key and body (RabbitMQ returns before it confirms).
    void markReturned(const Message &m, int code, const QString &text)
    {
        for (const auto &[tag, index] : unconfirmed) {
            const OutgoingMessage &o = (*messages)[index];
            if (!returned[index] && o.exchange == m.exchange && o.routingKey == m.routingKey
                && o.body == m.body) {
                returned[index] = true;
                outcomes[index] = PublishOutcome {PublishOutcome::Status::Returned, code, text};
                return;
            }
        }
    }
};

Publisher::Publisher(Connection &connection)
    : connection_(connection)
{
}

Error Publisher::ensureConfirmMode(const std::stop_token &stop)
{
    detail::ConnectionCore &c = connection_.core();
    if (Error e = c.ensureChannel(stop); !e.ok()) {
        return e;
    }
    if (c.confirmMode()) {
        return {};
    }
    amqp_confirm_select_t select {};
    const auto reply = c.rpc(AMQP_CONFIRM_SELECT_METHOD, &select, {AMQP_CONFIRM_SELECT_OK_METHOD}, stop);
    c.release();
    if (!reply.ok()) {
        return reply.error();
    }
    c.setConfirmMode();
    return {};
}

Result<PublishOutcome> Publisher::publish(
    const OutgoingMessage &message, std::chrono::milliseconds confirmTimeout, std::stop_token stop)
{
    auto all = publishAll({message}, confirmTimeout, std::move(stop));
    if (!all.ok()) {
        return all.error();
    }
    return all.value().front();
}

Result<std::vector<PublishOutcome>> Publisher::publishAll(const std::vector<OutgoingMessage> &messages,
    std::chrono::milliseconds confirmTimeout, std::stop_token stop)
{
    if (Error e = ensureConfirmMode(stop); !e.ok()) {
        return e;
    }
    detail::ConnectionCore &c = connection_.core();
    Pending pending;
    pending.messages = &messages;
    pending.outcomes.resize(messages.size());
    pending.returned.resize(messages.size(), false);
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (stop.stop_requested()) {
            return Error::make(
                Error::Kind::Cancelled, tr("Stopped after %1 of %2 messages").arg(i).arg(messages.size()));
        }
        const OutgoingMessage &m = messages[i];
        detail::Pool pool;
        const amqp_basic_properties_t props = detail::toAmqp(m.properties, m.headers, pool.get());
        const QByteArray exchange = m.exchange.toUtf8();
        const QByteArray routingKey = m.routingKey.toUtf8();
        const int status
            = amqp_basic_publish(c.state(), detail::ConnectionCore::kChannel, detail::bytesOf(exchange),
                detail::bytesOf(routingKey), m.mandatory ? 1 : 0, 0, &props, detail::bytesOf(m.body));
        if (status != AMQP_STATUS_OK) {
            return c.statusError(status, tr("publishing"));
        }
        pending.unconfirmed.emplace(c.takePublishTag(), i);
        if ((i + 1) % kDrainEvery == 0) {
            if (Error e = drain(pending, std::chrono::milliseconds(0), stop); !e.ok()) {
                return e;
            }
        }
    }
    if (Error e = drain(pending, confirmTimeout, stop); !e.ok()) {
        return e;
    }
    if (!pending.unconfirmed.empty()) {
        return Error::make(Error::Kind::Timeout,
            tr("%1 of %2 messages were not confirmed within %3 ms")
                .arg(pending.unconfirmed.size())
                .arg(messages.size())
                .arg(confirmTimeout.count()));
    }
    std::vector<PublishOutcome> outcomes;
    outcomes.reserve(messages.size());
    for (const auto &o : pending.outcomes) {
        outcomes.push_back(o.value_or(PublishOutcome {}));
    }
    return outcomes;
}

Error Publisher::drain(Pending &pending, std::chrono::milliseconds wait, const std::stop_token &stop)
{
    detail::ConnectionCore &c = connection_.core();
    const auto deadline = Clock::now() + wait;
    while (!pending.unconfirmed.empty()) {
        const auto left = std::max(std::chrono::milliseconds(0),
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        amqp_frame_t frame {};
        const detail::FrameWait w = c.waitFrame(frame, left, stop);
        if (w.status == detail::FrameWait::Status::Failed) {
            return w.error;
        }
        if (w.status == detail::FrameWait::Status::TimedOut) {
            return {};
        }
        if (frame.frame_type != AMQP_FRAME_METHOD || frame.channel != detail::ConnectionCore::kChannel) {
            continue;
        }
        const amqp_method_t &method = frame.payload.method;
        if (method.id == AMQP_BASIC_ACK_METHOD) {
            const auto *ack = static_cast<const amqp_basic_ack_t *>(method.decoded);
            pending.settle(ack->delivery_tag, ack->multiple != 0, PublishOutcome::Status::Confirmed);
        } else if (method.id == AMQP_BASIC_NACK_METHOD) {
            const auto *nack = static_cast<const amqp_basic_nack_t *>(method.decoded);
            pending.settle(nack->delivery_tag, nack->multiple != 0, PublishOutcome::Status::Nacked);
        } else if (method.id == AMQP_BASIC_RETURN_METHOD) {
            const auto *ret = static_cast<const amqp_basic_return_t *>(method.decoded);
            Message m;
            m.exchange = detail::toQString(ret->exchange);
            m.routingKey = detail::toQString(ret->routing_key);
            const int code = ret->reply_code;
            const QString text = detail::toQString(ret->reply_text);
            if (Error e = c.readContent(m, stop); !e.ok()) {
                return e;
            }
            pending.markReturned(m, code, text);
        }
        c.release();
    }
    return {};
}

} // namespace edis::amqp
