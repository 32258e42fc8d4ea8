#include "amqperror.h"

namespace edis::amqp {

bool Error::isConnectionError() const
{
    switch (kind) {
    case Kind::HostNotFound:
    case Kind::Refused:
    case Kind::Network:
    case Kind::Tls:
    case Kind::Timeout:
    case Kind::BadCredentials:
    case Kind::VhostNotAllowed:
    case Kind::ConnectionLost:
    case Kind::Protocol:
        return true;
    default:
        return false;
    }
}

QString kindId(Error::Kind kind)
{
    using K = Error::Kind;
    switch (kind) {
    case K::None:
        return QStringLiteral("none");
    case K::InvalidSettings:
        return QStringLiteral("invalid-settings");
    case K::HostNotFound:
        return QStringLiteral("host-not-found");
    case K::Refused:
        return QStringLiteral("refused");
    case K::Network:
        return QStringLiteral("network");
    case K::Tls:
        return QStringLiteral("tls");
    case K::Timeout:
        return QStringLiteral("timeout");
    case K::BadCredentials:
        return QStringLiteral("bad-credentials");
    case K::VhostNotAllowed:
        return QStringLiteral("vhost-not-allowed");
    case K::ConnectionLost:
        return QStringLiteral("connection-lost");
    case K::NotFound:
        return QStringLiteral("not-found");
    case K::PreconditionFailed:
        return QStringLiteral("precondition-failed");
    case K::AccessRefused:
        return QStringLiteral("access-refused");
    case K::ResourceLocked:
        return QStringLiteral("resource-locked");
    case K::ChannelError:
        return QStringLiteral("channel-error");
    case K::ConsumerCancelled:
        return QStringLiteral("consumer-cancelled");
    case K::Protocol:
        return QStringLiteral("protocol");
    case K::Cancelled:
        return QStringLiteral("cancelled");
    case K::InvalidUse:
        return QStringLiteral("invalid-use");
    }
    return QStringLiteral("unknown");
}

} // namespace edis::amqp
