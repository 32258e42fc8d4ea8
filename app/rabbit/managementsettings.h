#pragma once

// How to reach one RabbitMQ management HTTP API: what a ManagementClient is made from. The
// password is never written to disk: a connection profile keeps the rest and the keychain the
// password, joined only to connect.

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <chrono>

namespace edis::rabbit {

inline constexpr std::chrono::milliseconds kDefaultRequestTimeout {15000};
/// The management API's own maximum page size (a larger one is refused with HTTP 400).
inline constexpr int kMaxPageSize = 500;
/// The largest answer a client accepts: a 500-queue page with the trimmed columns is ~150 KiB,
/// all bindings of a vhost with 100,000 of them ~25 MiB. A larger one fails with
/// ManagementError::Kind::TooLarge instead of filling memory.
inline constexpr qint64 kMaxAnswerBytes = qint64 {64} * 1024 * 1024;
/// At most this many pages of one listing (500 x 400 = 200,000 queues); more is refused.
inline constexpr int kMaxPages = 400;

struct ManagementSettings {
    /// The management listener, e.g. http://rabbit:15672, with its path prefix if it has one
    /// (management.path_prefix); the API is under <url>/api.
    QString url;
    QString username;
    QString password;
    QString vhost = QStringLiteral("/"); ///< the vhost the lists and writes are for
    QString caFile; ///< PEM; empty: the system's CAs
    bool verifyPeer = true; ///< false: accept any certificate (a test node's self-signed one)
    bool verifyHostname = true; ///< false: accept a certificate for another name (chain still verified)
    std::chrono::milliseconds requestTimeout = kDefaultRequestTimeout;
    int pageSize = kMaxPageSize; ///< queues and exchanges per page, 1..kMaxPageSize

    bool operator==(const ManagementSettings &) const = default;
};

/// What is wrong with the settings, in words (the user's language), or an empty list. A URL
/// that is not http(s)://host[:port][/path] is wrong; so are credentials inside the URL (the URL
/// is saved in the profile file; the password belongs in the keychain).
QStringList validate(const ManagementSettings &settings);

} // namespace edis::rabbit
