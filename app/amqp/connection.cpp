#include "connection.h"

#include "internal/convert.h"
#include "internal/core.h"

namespace edis::amqp {

Connection::Connection(Settings settings)
    : core_(std::make_unique<detail::ConnectionCore>(std::move(settings)))
{
}

Connection::~Connection() = default;

Error Connection::open(std::stop_token stop)
{
    return core_->open(std::move(stop));
}

void Connection::close()
{
    core_->close();
}

bool Connection::isOpen() const
{
    return core_->isOpen();
}

const Settings &Connection::settings() const
{
    return core_->settings();
}

QString Connection::serverProduct() const
{
    return core_->serverProduct();
}

QString Connection::serverVersion() const
{
    return core_->serverVersion();
}

Result<QueueInfo> Connection::declareQueue(const QueueDeclaration &queue, std::stop_token stop)
{
    return declare(queue, false, std::move(stop));
}

Result<QueueInfo> Connection::inspectQueue(const QString &name, std::stop_token stop)
{
    QueueDeclaration queue;
    queue.name = name;
    return declare(queue, true, std::move(stop));
}

Result<QueueInfo> Connection::declare(const QueueDeclaration &queue, bool passive, std::stop_token stop)
{
    detail::ConnectionCore &c = *core_;
    if (Error e = c.ensureChannel(stop); !e.ok()) {
        return e;
    }
    detail::Pool pool;
    const QByteArray name = queue.name.toUtf8();
    amqp_queue_declare_t request {};
    request.queue = detail::bytesOf(name);
    request.passive = passive ? 1 : 0;
    request.durable = queue.durable ? 1 : 0;
    request.exclusive = queue.exclusive ? 1 : 0;
    request.auto_delete = queue.autoDelete ? 1 : 0;
    request.arguments = detail::toAmqp(queue.arguments, pool.get());
    const auto reply = c.rpc(AMQP_QUEUE_DECLARE_METHOD, &request, {AMQP_QUEUE_DECLARE_OK_METHOD}, stop);
    if (!reply.ok()) {
        return reply.error();
    }
    const auto *ok = static_cast<const amqp_queue_declare_ok_t *>(reply.value().decoded);
    QueueInfo info {detail::toQString(ok->queue), ok->message_count, ok->consumer_count};
    c.release();
    return info;
}

Result<uint32_t> Connection::deleteQueue(const QString &name, std::stop_token stop)
{
    detail::ConnectionCore &c = *core_;
    if (Error e = c.ensureChannel(stop); !e.ok()) {
        return e;
    }
    const QByteArray queue = name.toUtf8();
    amqp_queue_delete_t request {};
    request.queue = detail::bytesOf(queue);
    const auto reply = c.rpc(AMQP_QUEUE_DELETE_METHOD, &request, {AMQP_QUEUE_DELETE_OK_METHOD}, stop);
    if (!reply.ok()) {
        return reply.error();
    }
    const uint32_t count = static_cast<const amqp_queue_delete_ok_t *>(reply.value().decoded)->message_count;
    c.release();
    return count;
}

} // namespace edis::amqp
