#include "rabbit/managementerror.h"

#include <array>
#include <utility>

namespace edis::rabbit {

namespace {

using Kind = ManagementError::Kind;

constexpr std::array kKindIds {std::pair {Kind::None, "none"},
    std::pair {Kind::InvalidSettings, "invalid-settings"},
    std::pair {Kind::ConnectionRefused, "connection-refused"},
    std::pair {Kind::HostNotFound, "host-not-found"}, std::pair {Kind::Timeout, "timeout"},
    std::pair {Kind::Tls, "tls"}, std::pair {Kind::Network, "network"},
    std::pair {Kind::BadCredentials, "bad-credentials"},
    std::pair {Kind::NotManagementUser, "not-management-user"},
    std::pair {Kind::VhostNotFound, "vhost-not-found"},
    std::pair {Kind::VhostNotPermitted, "vhost-not-permitted"},
    std::pair {Kind::AccessRefused, "access-refused"}, std::pair {Kind::NotFound, "not-found"},
    std::pair {Kind::BadRequest, "bad-request"}, std::pair {Kind::ServerError, "server-error"},
    std::pair {Kind::Http, "http"}, std::pair {Kind::NotManagementApi, "not-management-api"},
    std::pair {Kind::TooLarge, "too-large"}, std::pair {Kind::Cancelled, "cancelled"}};

} // namespace

bool ManagementError::isTransient() const
{
    switch (kind) {
    case Kind::ConnectionRefused:
    case Kind::HostNotFound:
    case Kind::Timeout:
    case Kind::Network:
    case Kind::ServerError:
    case Kind::Cancelled:
        return true;
    default:
        return false;
    }
}

QString kindId(ManagementError::Kind kind)
{
    for (const auto &[k, id] : kKindIds) {
        if (k == kind) {
            return QString::fromLatin1(id);
        }
    }
    return {};
}

} // namespace edis::rabbit
