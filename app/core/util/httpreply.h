#pragma once

// What the HTTP clients of EDIS (the Schema Registry's, RabbitMQ management's) do alike with a
// QNetworkReply: bound it (a timeout, a largest answer), collect its TLS errors (ignoring a host
// name mismatch only when asked), and read the outcome back when it finished; and parse a body
// that may be a bare JSON value.

#include <QByteArray>
#include <QJsonValue>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace edis::util {

struct ReplyBounds {
    std::chrono::milliseconds timeout {15000};
    qint64 maxAnswerBytes = qint64 {64} * 1024 * 1024;
    /// false: a certificate that only fails to name the host is accepted (the chain is still
    /// verified).
    bool verifyHostname = true;
};

/// Aborts `reply` when it takes longer than the timeout or its answer grows past the bound,
/// and keeps its TLS errors; what happened is read with guardOutcome() once it finished.
void guardReply(QNetworkReply *reply, const ReplyBounds &bounds);

/// One finished HTTP exchange as the clients' pure reply classifiers read it.
struct HttpReplyFacts {
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    int httpStatus = 0; ///< 0: no HTTP answer
    QString contentType;
    QByteArray body;
    bool timedOut = false; ///< guardReply's timeout aborted it
    bool tooLarge = false; ///< guardReply aborted an answer past the bound
    QStringList sslErrors; ///< certificate problems Qt reported before the handshake failed
    std::chrono::milliseconds timeout {0};
    QString endpoint; ///< host:port, for messages
    QString request; ///< "GET /subjects", for messages
};

/// The facts of a finished reply that guardReply() watched; timeout, endpoint and request are
/// the caller's to fill in.
HttpReplyFacts replyFacts(QNetworkReply *reply);

/// The body as one JSON value. QJsonDocument holds only objects and arrays, but REST APIs also
/// answer bare numbers or strings, so the body is parsed inside a list. nullopt for an empty or
/// malformed body.
std::optional<QJsonValue> parseJsonValue(const QByteArray &body);

} // namespace edis::util
