// interpretReply (managementparser.h): the facts of one finished HTTP exchange with what should
// be RabbitMQ's management API, as a JSON value or a classified ManagementError.

#include "rabbit/managementparser.h"
#include "rabbit/managementsettings.h"
#include "util/httpreply.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace edis::rabbit {

namespace {

using Kind = ManagementError::Kind;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::rabbit::ManagementClient", text);
}

bool isHtml(const ReplyFacts &f)
{
    return f.contentType.contains(QLatin1String("html"), Qt::CaseInsensitive);
}

ManagementError transportError(const ReplyFacts &f)
{
    ManagementError e;
    e.detail = f.networkErrorString;
    if (f.timedOut) {
        const double seconds = static_cast<double>(f.timeout.count()) / 1000.0;
        e.kind = Kind::Timeout;
        e.message = tr("The RabbitMQ management API at %1 did not answer within %2 s.")
                        .arg(f.endpoint)
                        .arg(seconds);
        return e;
    }
    if (f.tooLarge) {
        e.kind = Kind::TooLarge;
        e.message = tr("The management API's answer to %1 is larger than %2 MiB; EDIS refuses it.")
                        .arg(f.request, QString::number(kMaxAnswerBytes / (qint64 {1024} * 1024)));
        return e;
    }
    if (!f.sslErrors.isEmpty() || f.networkError == QNetworkReply::SslHandshakeFailedError) {
        e.kind = Kind::Tls;
        const QString reason
            = f.sslErrors.isEmpty() ? f.networkErrorString : f.sslErrors.join(QLatin1String("; "));
        e.message = tr("TLS with the RabbitMQ management API at %1 failed: %2").arg(f.endpoint, reason);
        return e;
    }
    switch (f.networkError) {
    case QNetworkReply::ConnectionRefusedError:
        e.kind = Kind::ConnectionRefused;
        e.message = tr("%1 refused the connection: nothing listens there. Is RabbitMQ running with the "
                       "management plugin enabled (rabbitmq-plugins enable rabbitmq_management), and is "
                       "the port right (15672 by default)?")
                        .arg(f.endpoint);
        break;
    case QNetworkReply::HostNotFoundError:
        e.kind = Kind::HostNotFound;
        e.message = tr("The host of the management URL (%1) was not found: check the URL.").arg(f.endpoint);
        break;
    case QNetworkReply::TimeoutError:
        e.kind = Kind::Timeout;
        e.message = tr("The connection to the RabbitMQ management API at %1 timed out.").arg(f.endpoint);
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = Kind::Cancelled;
        e.message = tr("The request to the RabbitMQ management API was cancelled.");
        break;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownNetworkError:
        // An AMQP listener answers an HTTP request with its protocol header and closes.
        e.kind = Kind::NotManagementApi;
        e.message = tr("%1 closed the connection without an HTTP answer: it is not RabbitMQ's management "
                       "API. Is it the AMQP port (5672) rather than the management port (15672)?")
                        .arg(f.endpoint);
        break;
    default:
        e.kind = Kind::Network;
        e.message = tr("Could not talk to the RabbitMQ management API at %1: %2")
                        .arg(f.endpoint, f.networkErrorString);
        break;
    }
    return e;
}

ManagementError notManagementApi(const ReplyFacts &f)
{
    const QString what = f.contentType.isEmpty()
        ? tr("HTTP %1").arg(f.httpStatus)
        : tr("HTTP %1 (%2)")
              .arg(QString::number(f.httpStatus), f.contentType.section(QLatin1Char(';'), 0, 0));
    ManagementError e;
    e.kind = Kind::NotManagementApi;
    e.httpStatus = f.httpStatus;
    e.detail = QString::fromUtf8(f.body.left(200));
    e.message = tr("%1 answered %2 to %3, which is not RabbitMQ's management API. Check the management "
                   "URL (port 15672 by default, with the path prefix if the node has one) and that the "
                   "management plugin is enabled.")
                    .arg(f.endpoint, what, f.request);
    return e;
}

/// A 401: RabbitMQ tells a failed login, a user without the management tag and a vhost without
/// permissions apart only by its reason.
ManagementError unauthorized(const ReplyFacts &f, ManagementError e)
{
    const QString &reason = e.detail;
    if (reason.contains(QLatin1String("virtual host"), Qt::CaseInsensitive)) {
        e.kind = Kind::VhostNotPermitted;
        e.message = tr("The user may not use the vhost '%1' on %2: it has no permissions there "
                       "(rabbitmqctl set_permissions -p VHOST USER ...).")
                        .arg(f.vhost, f.endpoint);
    } else if (reason.contains(QLatin1String("management user"), Qt::CaseInsensitive)) {
        e.kind = Kind::NotManagementUser;
        e.message = tr("The user may not use the management API on %1: it needs the management, "
                       "monitoring or administrator tag.")
                        .arg(f.endpoint);
    } else if (reason.isEmpty() || reason.contains(QLatin1String("login failed"), Qt::CaseInsensitive)) {
        e.kind = Kind::BadCredentials;
        e.message = tr("RabbitMQ at %1 refused the user name or password (HTTP 401).").arg(f.endpoint);
    } else {
        e.kind = Kind::AccessRefused;
        e.message = tr("RabbitMQ at %1 refused %2: %3").arg(f.endpoint, f.request, reason);
    }
    return e;
}

/// An HTTP error status; RabbitMQ explains its own as {"error": ..., "reason": ...}.
ManagementError httpError(const ReplyFacts &f)
{
    const std::optional<QJsonValue> body = util::parseJsonValue(f.body);
    const QJsonObject o = body && body->isObject() ? body->toObject() : QJsonObject();
    const bool explained = o.value(QLatin1String("error")).isString();
    ManagementError e;
    e.httpStatus = f.httpStatus;
    e.detail = o.value(QLatin1String("reason")).toVariant().toString();
    const int status = f.httpStatus;
    if (!explained && (status == 404 || (isHtml(f) && status != 401 && status < 500))) {
        return notManagementApi(f);
    }
    const QString reason = e.detail.isEmpty() ? tr("no reason given") : e.detail;
    if (status == 401) {
        return unauthorized(f, e);
    }
    if (status == 404 && f.scope == Scope::Node) {
        return notManagementApi(f);
    }
    if (status == 404 && f.scope == Scope::Vhost) {
        return vhostMissing(e, f.endpoint, f.vhost);
    }
    if (status == 404) {
        e.kind = Kind::NotFound;
        e.message = tr("Not found in the vhost '%1': %2").arg(f.vhost, f.request);
    } else if (status == 403) {
        e.kind = Kind::AccessRefused;
        e.message = tr("RabbitMQ at %1 refused %2 (HTTP 403): %3").arg(f.endpoint, f.request, reason);
    } else if (status == 400) {
        e.kind = Kind::BadRequest;
        e.message = tr("RabbitMQ refused %1: %2").arg(f.request, reason);
    } else if (status >= 500) {
        e.kind = Kind::ServerError;
        e.message = tr("The management API at %1 failed on %2 (HTTP %3): %4")
                        .arg(f.endpoint, f.request, QString::number(status), reason);
    } else {
        e.kind = Kind::Http;
        e.message = tr("The management API answered HTTP %1 to %2: %3")
                        .arg(QString::number(status), f.request, reason);
    }
    return e;
}

} // namespace

HttpAnswer interpretReply(const ReplyFacts &f)
{
    HttpAnswer answer;
    answer.httpStatus = f.httpStatus;
    answer.endpoint = f.endpoint;
    answer.request = f.request;
    if (f.httpStatus == 0 || f.timedOut || f.tooLarge) {
        answer.error = transportError(f);
        return answer;
    }
    if (f.httpStatus >= 400) {
        answer.error = httpError(f);
        return answer;
    }
    if (f.httpStatus < 200 || f.httpStatus >= 300) {
        // A redirect not followed (to another origin, with the credentials) or an informational
        // status: not what the management API answers.
        answer.error = notManagementApi(f);
        return answer;
    }
    if (!f.expectJson) {
        return answer;
    }
    const std::optional<QJsonValue> json = util::parseJsonValue(f.body);
    if (isHtml(f) || !json) {
        answer.error = notManagementApi(f);
        return answer;
    }
    answer.json = *json;
    return answer;
}

} // namespace edis::rabbit
