#pragma once

// What went wrong talking AMQP 0-9-1 to RabbitMQ, as a kind to branch on, the server's reply code
// (403 ACCESS_REFUSED, 404 NOT_FOUND, 406 PRECONDITION_FAILED, 530 NOT_ALLOWED, ...) and one
// translated sentence to show, with the server's or the library's own words beside it.

#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace edis::amqp {

/// AMQP 0-9-1 reply codes EDIS branches on (the spec's constants, as RabbitMQ sends them).
struct ReplyCode {
    static constexpr int kConnectionForced = 320;
    static constexpr int kAccessRefused = 403;
    static constexpr int kNotFound = 404;
    static constexpr int kResourceLocked = 405;
    static constexpr int kPreconditionFailed = 406;
    static constexpr int kNoRoute = 312;
    static constexpr int kNotAllowed = 530;
};

struct Error {
    enum class Kind {
        None,
        InvalidSettings, ///< the URL or a TLS file is unusable (nothing was sent)
        HostNotFound,
        Refused, ///< nothing listens there (connection refused)
        Network, ///< another socket failure while connecting
        Tls, ///< handshake, certificate or host name verification failed
        Timeout, ///< the server did not answer in time
        BadCredentials, ///< ACCESS_REFUSED at login: wrong user or password
        VhostNotAllowed, ///< connection.open refused (530): the vhost is missing or not permitted
        ConnectionLost, ///< the socket closed, a heartbeat was missed, or the server closed it
        NotFound, ///< a channel closed with 404: no such queue or exchange
        PreconditionFailed, ///< a channel closed with 406 (arguments differ, a stream without prefetch...)
        AccessRefused, ///< a channel closed with 403: the user may not do this
        ResourceLocked, ///< a channel closed with 405 (an exclusive queue of another connection)
        ChannelError, ///< a channel closed with another code
        ConsumerCancelled, ///< the server cancelled the consumer (the queue was deleted)
        Protocol, ///< an answer that makes no sense here
        Cancelled, ///< the caller's stop token was set
        InvalidUse, ///< a call the object's state does not allow (not open, ...)
    };

    Kind kind = Kind::None;
    int replyCode = 0; ///< the server's reply code, 0 when the server said nothing
    QString message; ///< one translated sentence for the user
    QString detail; ///< the server's reply text or the library's words, untranslated

    bool ok() const { return kind == Kind::None; }
    /// Whether the connection is gone after this error (as opposed to only the channel or call).
    bool isConnectionError() const;

    static Error make(Kind kind, QString message, QString detail = {}, int replyCode = 0)
    {
        return Error {kind, replyCode, std::move(message), std::move(detail)};
    }
};

/// A stable identifier per kind ("bad-credentials"), for tests and machine-readable output.
QString kindId(Error::Kind kind);

/// The value a call produced, or why there is none.
template <typename T>
class Result {
public:
    Result(T value) // NOLINT(google-explicit-constructor): a result is made from either side
        : data_(std::move(value))
    {
    }
    Result(Error error) // NOLINT(google-explicit-constructor)
        : data_(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(data_); }
    const T &value() const { return std::get<T>(data_); }
    T &value() { return std::get<T>(data_); }
    const T *operator->() const { return &value(); }
    /// The error; a default (Kind::None) one when the call succeeded.
    Error error() const { return ok() ? Error {} : std::get<Error>(data_); }

private:
    std::variant<T, Error> data_;
};

} // namespace edis::amqp

Q_DECLARE_METATYPE(edis::amqp::Error)
