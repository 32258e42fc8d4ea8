#pragma once

// What went wrong talking to a RabbitMQ management API, as a kind to branch on (the "Test
// connection" of a RabbitMQ profile shows each one differently), the HTTP status and
// RabbitMQ's own words, and one translated sentence to show.

#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace edis::rabbit {

struct ManagementError {
    enum class Kind {
        None,
        InvalidSettings, ///< the URL, the vhost or the CA file is unusable (nothing was sent)
        ConnectionRefused, ///< nothing listens: RabbitMQ down, or the management plugin off
        HostNotFound,
        Timeout,
        Tls, ///< handshake or certificate verification failed
        Network, ///< any other transport failure (reset, proxy, ...)
        BadCredentials, ///< 401 "Login failed": wrong user or password
        NotManagementUser, ///< 401 "Not management user": the user has no management tag
        VhostNotFound, ///< 404 on a vhost's list, or on an object of a vhost that does not exist
        VhostNotPermitted, ///< 401 "not authorised to access virtual host": no permissions there
        AccessRefused, ///< 401/403 for one object (configure/write/read permission missing)
        NotFound, ///< no such queue, exchange or binding (the vhost exists)
        BadRequest, ///< 400: RabbitMQ refused the request (inequivalent arguments, bad page, ...)
        ServerError, ///< 5xx
        Http, ///< another HTTP error status
        NotManagementApi, ///< an HTTP server that does not answer as RabbitMQ's management API
        TooLarge, ///< an answer past the client's bound
        Cancelled, ///< stopped by the caller, or the client went away
    };

    Kind kind = Kind::None;
    int httpStatus = 0; ///< 0 when no HTTP answer came
    QString message; ///< one translated sentence for the user
    QString detail; ///< RabbitMQ's or the network layer's own words, untranslated

    bool ok() const { return kind == Kind::None; }
    /// Whether asking again soon may succeed (the network, the server).
    bool isTransient() const;

    static ManagementError make(Kind kind, QString message, QString detail = {})
    {
        return ManagementError {kind, 0, std::move(message), std::move(detail)};
    }
};

/// A stable identifier per kind ("bad-credentials"), for tests and machine-readable output.
QString kindId(ManagementError::Kind kind);

/// The value a call produced, or why there is none.
template <typename T>
class Result {
public:
    Result(T value) // NOLINT(google-explicit-constructor): a result is made from either side
        : data_(std::move(value))
    {
    }
    Result(ManagementError error) // NOLINT(google-explicit-constructor)
        : data_(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(data_); }
    const T &value() const { return std::get<T>(data_); }
    T &value() { return std::get<T>(data_); }
    const T *operator->() const { return &value(); }
    /// The error; a default (Kind::None) one when the call succeeded.
    ManagementError error() const { return ok() ? ManagementError {} : std::get<ManagementError>(data_); }

private:
    std::variant<T, ManagementError> data_;
};

/// What a call that returns nothing returns.
struct Done {
    bool operator==(const Done &) const = default;
};

} // namespace edis::rabbit

Q_DECLARE_METATYPE(edis::rabbit::ManagementError)
