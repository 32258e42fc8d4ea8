#include "util/httpreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

#include <algorithm>

namespace edis::util {

namespace {

const char *const kTimedOutProperty = "edisTimedOut";
const char *const kTooLargeProperty = "edisTooLarge";
const char *const kSslErrorsProperty = "edisSslErrors";

} // namespace

void guardReply(QNetworkReply *reply, const ReplyBounds &bounds)
{
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    // A coarse timer may fire 5 % early: a "0.3 s" timeout once ended a request at 285 ms.
    timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty(kTimedOutProperty, true);
        reply->abort();
    });
    timer->start(bounds.timeout);
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, max = bounds.maxAnswerBytes] {
        if (reply->bytesAvailable() > max) {
            reply->setProperty(kTooLargeProperty, true);
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
        [reply, verifyName = bounds.verifyHostname](const QList<QSslError> &errors) {
            const bool onlyTheName = std::all_of(errors.begin(), errors.end(),
                [](const QSslError &e) { return e.error() == QSslError::HostNameMismatch; });
            if (!verifyName && onlyTheName) {
                reply->ignoreSslErrors(); // the chain is still verified; only the name is not
                return;
            }
            QStringList texts;
            for (const QSslError &e : errors) {
                texts << e.errorString();
            }
            reply->setProperty(kSslErrorsProperty, texts);
        });
}

HttpReplyFacts replyFacts(QNetworkReply *reply)
{
    HttpReplyFacts f;
    f.networkError = reply->error();
    f.networkErrorString = reply->errorString();
    f.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    f.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    f.body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed when aborted
    f.timedOut = reply->property(kTimedOutProperty).toBool();
    f.tooLarge = reply->property(kTooLargeProperty).toBool();
    f.sslErrors = reply->property(kSslErrorsProperty).toStringList();
    return f;
}

std::optional<QJsonValue> parseJsonValue(const QByteArray &body)
{
    if (body.trimmed().isEmpty()) {
        return std::nullopt;
    }
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]", &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
        return std::nullopt;
    }
    return doc.array().first();
}

} // namespace edis::util
