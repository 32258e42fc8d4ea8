#pragma once

// What went wrong talking to a Schema Registry, as a kind to branch on, the HTTP status and the
// registry's own error code (Confluent's error_code: 40401 subject not found, ...) to look at, and
// one translated sentence to show.

#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace edis::registry {

/// Confluent's error codes (the "error_code" of an error answer) that EDIS branches on.
struct RegistryErrorCode {
    static constexpr int kSubjectNotFound = 40401;
    static constexpr int kVersionNotFound = 40402;
    static constexpr int kSchemaNotFound = 40403;
    static constexpr int kSubjectSoftDeleted = 40404;
    static constexpr int kSubjectNotSoftDeleted = 40405;
    static constexpr int kVersionSoftDeleted = 40406;
    static constexpr int kVersionNotSoftDeleted = 40407;
    /// An incompatible register answers HTTP 409 with error_code 409.
    static constexpr int kIncompatibleSchema = 409;
    static constexpr int kInvalidSchema = 42201;
    static constexpr int kInvalidVersion = 42202;
    static constexpr int kInvalidCompatibilityLevel = 42203;
    static constexpr int kReferenceExists = 42206;
};

struct RegistryError {
    enum class Kind {
        None,
        InvalidSettings, ///< the URL, a certificate or a key is unusable (nothing was sent)
        ConnectionRefused,
        HostNotFound,
        Timeout,
        Tls,
        Network, ///< any other transport failure (reset, proxy, ...)
        Unauthorized, ///< 401: wrong or missing credentials
        Forbidden, ///< 403: the credentials may not do this
        SubjectNotFound, ///< 404 / 40401
        VersionNotFound, ///< 404 / 40402
        SchemaNotFound, ///< 404 / 40403 (an id, or a lookup that matched no version)
        NotFound, ///< another 404 the registry explained with an error code
        Incompatible, ///< 409 / 409, with the registry's reason
        Conflict, ///< another 409 (e.g. 40405: a permanent delete needs a soft delete first)
        InvalidSchema, ///< 422 / 42201
        Unprocessable, ///< another 422 (invalid version or level, references exist, ...)
        Http, ///< another HTTP error status (400, 405, ...)
        ServerError, ///< 5xx
        NotARegistry, ///< an HTTP server that does not speak the registry's API there
        TooLarge, ///< an answer past the client's bound
        Cancelled, ///< stopped by the caller, or the client/cache went away
        InvalidUse, ///< a programming error the API refused (a blocking wait that would deadlock)
    };

    Kind kind = Kind::None;
    int httpStatus = 0; ///< 0 when no HTTP answer came
    int errorCode = 0; ///< Confluent's error_code, 0 when the answer had none
    QString message; ///< one translated sentence for the user, with the registry's reason
    QString detail; ///< the registry's or network layer's own words, untranslated

    bool ok() const { return kind == Kind::None; }
    bool isNotFound() const
    {
        return kind == Kind::SubjectNotFound || kind == Kind::VersionNotFound || kind == Kind::SchemaNotFound
            || kind == Kind::NotFound;
    }
    /// Whether asking again soon may succeed (the network, the server), as opposed to an answer
    /// that stays the same (not found, invalid, forbidden).
    bool isTransient() const;

    static RegistryError make(Kind kind, QString message, QString detail = {})
    {
        return RegistryError {kind, 0, 0, std::move(message), std::move(detail)};
    }
    /// The same error with what was being done put in front ("Reference 'x': ...").
    RegistryError within(const QString &context) const;
};

/// A stable identifier per kind ("subject-not-found"), for tests and machine-readable output.
QString kindId(RegistryError::Kind kind);

/// The value a call produced, or why there is none.
template <typename T>
class Result {
public:
    Result(T value) // NOLINT(google-explicit-constructor): a result is made from either side
        : data_(std::move(value))
    {
    }
    Result(RegistryError error) // NOLINT(google-explicit-constructor)
        : data_(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(data_); }
    const T &value() const { return std::get<T>(data_); }
    T &value() { return std::get<T>(data_); }
    const T *operator->() const { return &value(); }
    /// The error; a default (Kind::None) one when the call succeeded.
    RegistryError error() const { return ok() ? RegistryError {} : std::get<RegistryError>(data_); }

private:
    std::variant<T, RegistryError> data_;
};

} // namespace edis::registry

Q_DECLARE_METATYPE(edis::registry::RegistryError)
