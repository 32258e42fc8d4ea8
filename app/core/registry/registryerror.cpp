#include "registry/registryerror.h"

#include <array>
#include <utility>

namespace edis::registry {

namespace {

using Kind = RegistryError::Kind;

constexpr std::array kKindIds {std::pair {Kind::None, "none"},
    std::pair {Kind::InvalidSettings, "invalid-settings"},
    std::pair {Kind::ConnectionRefused, "connection-refused"},
    std::pair {Kind::HostNotFound, "host-not-found"}, std::pair {Kind::Timeout, "timeout"},
    std::pair {Kind::Tls, "tls"}, std::pair {Kind::Network, "network"},
    std::pair {Kind::Unauthorized, "unauthorized"}, std::pair {Kind::Forbidden, "forbidden"},
    std::pair {Kind::SubjectNotFound, "subject-not-found"},
    std::pair {Kind::VersionNotFound, "version-not-found"},
    std::pair {Kind::SchemaNotFound, "schema-not-found"}, std::pair {Kind::NotFound, "not-found"},
    std::pair {Kind::Incompatible, "incompatible"}, std::pair {Kind::Conflict, "conflict"},
    std::pair {Kind::InvalidSchema, "invalid-schema"}, std::pair {Kind::Unprocessable, "unprocessable"},
    std::pair {Kind::Http, "http"}, std::pair {Kind::ServerError, "server-error"},
    std::pair {Kind::NotARegistry, "not-a-registry"}, std::pair {Kind::TooLarge, "too-large"},
    std::pair {Kind::Cancelled, "cancelled"}, std::pair {Kind::InvalidUse, "invalid-use"}};

} // namespace

bool RegistryError::isTransient() const
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

RegistryError RegistryError::within(const QString &context) const
{
    RegistryError e = *this;
    e.message = context + QLatin1String(": ") + message;
    return e;
}

QString kindId(RegistryError::Kind kind)
{
    for (const auto &[k, id] : kKindIds) {
        if (k == kind) {
            return QString::fromLatin1(id);
        }
    }
    return {};
}

} // namespace edis::registry
