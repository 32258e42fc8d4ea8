#pragma once

// How to reach one Schema Registry: what a RegistryClient is made from. The secrets in here
// (`secret`, `keyPassword`) are never written to disk: a connection profile keeps the rest
// (profiles::RegistryProfile) and its ProfileSecrets the secrets, joined only to connect.

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <chrono>

namespace edis::registry {

enum class RegistryAuth {
    None,
    Basic, ///< HTTP basic: `username` + `secret` (Confluent Cloud: API key + API secret)
    Bearer, ///< Authorization: Bearer `secret`
};

QString toString(RegistryAuth auth); ///< "none", "basic", "bearer" (the profile file's spelling)
RegistryAuth authFromString(const QString &name); ///< unknown names are None

inline constexpr std::chrono::milliseconds kDefaultRequestTimeout {15000};
/// The largest answer a client accepts (a subject list of a huge registry is a few MiB); a larger
/// one fails with RegistryError::Kind::TooLarge instead of filling memory.
inline constexpr qint64 kMaxAnswerBytes = qint64 {64} * 1024 * 1024;

struct RegistrySettings {
    /// The API's base, e.g. http://registry:8081 (Confluent) or
    /// http://host:8080/apis/ccompat/v7 (Apicurio); request paths are appended to it.
    QString url;
    RegistryAuth auth = RegistryAuth::None;
    QString username;
    QString secret; ///< password, API secret or bearer token
    QString caFile; ///< PEM; empty: the system's CAs
    QString certFile; ///< PEM client certificate
    QString keyFile; ///< PEM private key of the client certificate
    QString keyPassword; ///< of an encrypted key
    bool verifyHostname = true;
    std::chrono::milliseconds requestTimeout = kDefaultRequestTimeout;

    bool operator==(const RegistrySettings &) const = default;
};

/// What is wrong with the settings, in words (the user's language), or an empty list. A URL
/// that is not http(s)://host[:port][/path] is wrong; so are credentials inside the URL (the URL
/// is saved in the profile file; the password belongs in the secret).
QStringList validate(const RegistrySettings &settings);

} // namespace edis::registry
