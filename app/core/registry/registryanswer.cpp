#include "registry/registryanswer.h"

#include "registry/registrysettings.h"
#include "util/httpreply.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace edis::registry {

namespace {

using Kind = RegistryError::Kind;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::registry::RegistryClient", text);
}

RegistryError transportError(const ReplyFacts &f)
{
    RegistryError e;
    e.detail = f.networkErrorString;
    if (f.timedOut) {
        const double seconds = static_cast<double>(f.timeout.count()) / 1000.0;
        e.kind = Kind::Timeout;
        e.message = tr("The Schema Registry at %1 did not answer within %2 s.").arg(f.endpoint).arg(seconds);
        return e;
    }
    if (f.tooLarge) {
        e.kind = Kind::TooLarge;
        e.message = tr("The Schema Registry's answer to %1 is larger than %2 MiB; EDIS refuses it.")
                        .arg(f.request, QString::number(kMaxAnswerBytes / (qint64 {1024} * 1024)));
        return e;
    }
    if (!f.sslErrors.isEmpty() || f.networkError == QNetworkReply::SslHandshakeFailedError) {
        e.kind = Kind::Tls;
        const QString reason
            = f.sslErrors.isEmpty() ? f.networkErrorString : f.sslErrors.join(QLatin1String("; "));
        e.message = tr("TLS with the Schema Registry at %1 failed: %2").arg(f.endpoint, reason);
        return e;
    }
    switch (f.networkError) {
    case QNetworkReply::ConnectionRefusedError:
        e.kind = Kind::ConnectionRefused;
        e.message = tr("The Schema Registry at %1 refused the connection: nothing listens there. Is the "
                       "registry running, and is the port right?")
                        .arg(f.endpoint);
        break;
    case QNetworkReply::HostNotFoundError:
        e.kind = Kind::HostNotFound;
        e.message = tr("The Schema Registry's host in %1 was not found: check the URL.").arg(f.endpoint);
        break;
    case QNetworkReply::TimeoutError:
        e.kind = Kind::Timeout;
        e.message = tr("The connection to the Schema Registry at %1 timed out.").arg(f.endpoint);
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = Kind::Cancelled;
        e.message = tr("The request to the Schema Registry was cancelled.");
        break;
    default:
        e.kind = Kind::Network;
        e.message
            = tr("Could not talk to the Schema Registry at %1: %2").arg(f.endpoint, f.networkErrorString);
        break;
    }
    return e;
}

RegistryError notARegistry(const ReplyFacts &f)
{
    const QString what = f.contentType.isEmpty()
        ? tr("HTTP %1").arg(f.httpStatus)
        : tr("HTTP %1 (%2)")
              .arg(QString::number(f.httpStatus), f.contentType.section(QLatin1Char(';'), 0, 0));
    RegistryError e;
    e.kind = Kind::NotARegistry;
    e.httpStatus = f.httpStatus;
    e.detail = QString::fromUtf8(f.body.left(200));
    e.message = tr("%1 answered %2 to %3, which is not a Schema Registry's answer. Check the URL and its "
                   "path (Apicurio serves the Confluent API under /apis/ccompat/v7).")
                    .arg(f.endpoint, what, f.request);
    return e;
}

/// An HTTP error status: the registry's error_code and message when the body has them.
RegistryError httpError(const ReplyFacts &f)
{
    const std::optional<QJsonValue> body = util::parseJsonValue(f.body);
    const QJsonObject o = body && body->isObject() ? body->toObject() : QJsonObject();
    const bool explained = o.contains(QLatin1String("error_code"));
    RegistryError e;
    e.httpStatus = f.httpStatus;
    e.errorCode = o.value(QLatin1String("error_code")).toInt();
    e.detail = withoutExceptionName(o.value(QLatin1String("message")).toString());
    const QString reason = e.detail.isEmpty() ? tr("no reason given") : e.detail;
    const int status = f.httpStatus;
    const bool html = f.contentType.contains(QLatin1String("html"), Qt::CaseInsensitive);
    // A 404 without the registry's error code is a path the server does not serve: the URL
    // points at some other HTTP server, or misses the API's path.
    if (!explained && status != 401 && status != 403 && (status == 404 || (html && status < 500))) {
        return notARegistry(f);
    }
    if (status == 401) {
        e.kind = Kind::Unauthorized;
        e.message = tr("The Schema Registry at %1 refused the credentials (HTTP 401): check the user name "
                       "and the password or token.")
                        .arg(f.endpoint);
    } else if (status == 403) {
        e.kind = Kind::Forbidden;
        e.message = tr("The Schema Registry at %1 does not allow %2 with these credentials (HTTP 403): %3")
                        .arg(f.endpoint, f.request, reason);
    } else if (status == 404) {
        switch (e.errorCode) {
        case RegistryErrorCode::kSubjectNotFound:
            e.kind = Kind::SubjectNotFound;
            e.message = tr("No such subject in the Schema Registry (%1).").arg(reason);
            break;
        case RegistryErrorCode::kVersionNotFound:
            e.kind = Kind::VersionNotFound;
            e.message = tr("No such version in the Schema Registry (%1).").arg(reason);
            break;
        case RegistryErrorCode::kSchemaNotFound:
            e.kind = Kind::SchemaNotFound;
            e.message = tr("No such schema in the Schema Registry (%1).").arg(reason);
            break;
        default:
            e.kind = Kind::NotFound;
            e.message = tr("Not found in the Schema Registry (error %1): %2")
                            .arg(QString::number(e.errorCode), reason);
            break;
        }
    } else if (status == 409 && e.errorCode == RegistryErrorCode::kIncompatibleSchema) {
        e.kind = Kind::Incompatible;
        e.message = tr("The Schema Registry refused the schema as incompatible: %1").arg(reason);
    } else if (status == 409) {
        e.kind = Kind::Conflict;
        e.message = tr("The Schema Registry refused %1 (HTTP 409, error %2): %3")
                        .arg(f.request, QString::number(e.errorCode), reason);
    } else if (status == 422 && e.errorCode == RegistryErrorCode::kInvalidSchema) {
        e.kind = Kind::InvalidSchema;
        e.message = tr("The Schema Registry refused the schema as invalid: %1").arg(reason);
    } else if (status == 422) {
        e.kind = Kind::Unprocessable;
        e.message = tr("The Schema Registry refused %1 (HTTP 422, error %2): %3")
                        .arg(f.request, QString::number(e.errorCode), reason);
    } else if (status >= 500) {
        e.kind = Kind::ServerError;
        e.message = tr("The Schema Registry at %1 failed on %2 (HTTP %3): %4")
                        .arg(f.endpoint, f.request, QString::number(status), reason);
    } else {
        e.kind = Kind::Http;
        e.message = tr("The Schema Registry answered HTTP %1 to %2: %3")
                        .arg(QString::number(status), f.request, reason);
    }
    return e;
}

} // namespace

QString withoutExceptionName(const QString &message)
{
    static const QRegularExpression exceptionName(QStringLiteral(R"(^\s*(?:[\w$]+\.)+[\w$]*Exception:\s*)"));
    QString m = message;
    m.remove(exceptionName);
    return m.trimmed();
}

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
    const std::optional<QJsonValue> json = util::parseJsonValue(f.body);
    if (f.contentType.contains(QLatin1String("html"), Qt::CaseInsensitive) || !json) {
        answer.error = notARegistry(f);
        return answer;
    }
    answer.json = *json;
    return answer;
}

RegistryError unexpectedAnswer(const HttpAnswer &answer)
{
    RegistryError e;
    e.kind = Kind::NotARegistry;
    e.httpStatus = answer.httpStatus;
    e.detail
        = QString::fromUtf8(QJsonDocument(QJsonArray {answer.json}).toJson(QJsonDocument::Compact).left(200));
    e.message = tr("%1 answered %2 with JSON that is not a Schema Registry's answer. Check the URL and its "
                   "path (Apicurio serves the Confluent API under /apis/ccompat/v7).")
                    .arg(answer.endpoint, answer.request);
    return e;
}

} // namespace edis::registry
