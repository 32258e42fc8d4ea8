#include "settings.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace edis::amqp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::amqp::Settings", text);
}

Error invalid(const QString &message)
{
    return Error::make(Error::Kind::InvalidSettings, message);
}

/// A query value as a positive number, or an error naming the parameter.
std::optional<int> positive(const QString &value)
{
    bool ok = false;
    const int n = value.toInt(&ok);
    return ok && n >= 0 ? std::optional<int>(n) : std::nullopt;
}

std::optional<Error> applyQuery(const QUrlQuery &query, Settings &s)
{
    for (const auto &[name, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        const QString &value = rawValue;
        if (name == QLatin1String("heartbeat")) {
            const auto n = positive(value);
            if (!n) {
                return invalid(tr("The URL's heartbeat is not a number of seconds: %1").arg(value));
            }
            s.heartbeatSeconds = *n;
        } else if (name == QLatin1String("connection_timeout")) {
            const auto n = positive(value);
            if (!n || *n == 0) {
                return invalid(
                    tr("The URL's connection_timeout is not a number of milliseconds: %1").arg(value));
            }
            s.connectTimeout = std::chrono::milliseconds(*n);
        } else if (name == QLatin1String("cacertfile")) {
            s.tls.caFile = value;
        } else if (name == QLatin1String("certfile")) {
            s.tls.certFile = value;
        } else if (name == QLatin1String("keyfile")) {
            s.tls.keyFile = value;
        } else if (name == QLatin1String("verify")) {
            if (value == QLatin1String("verify_none")) {
                s.tls.verifyPeer = false;
                s.tls.verifyHostname = false;
            } else if (value == QLatin1String("verify_peer")) {
                s.tls.verifyPeer = true;
            } else {
                return invalid(tr("The URL's verify must be verify_peer or verify_none, not %1").arg(value));
            }
        } else if (name == QLatin1String("server_name_indication")) {
            // rabbitmq-c sends the host name it connects to; nothing else to set.
        } else {
            return invalid(tr("The URL has a parameter EDIS does not know: %1").arg(name));
        }
    }
    return std::nullopt;
}

} // namespace

Result<Settings> Settings::fromUrl(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    if (!parsed.isValid()) {
        return invalid(tr("Not a valid AMQP URL: %1").arg(parsed.errorString()));
    }
    Settings s;
    const QString scheme = parsed.scheme().toLower();
    if (scheme == QLatin1String("amqps")) {
        s.tls.enabled = true;
    } else if (scheme != QLatin1String("amqp")) {
        return invalid(tr("An AMQP URL starts with amqp:// or amqps://, not %1://").arg(parsed.scheme()));
    }
    if (parsed.host().isEmpty()) {
        return invalid(tr("The AMQP URL names no host"));
    }
    s.host = parsed.host();
    s.port = parsed.port(s.tls.enabled ? kDefaultTlsPort : kDefaultPort);
    if (!parsed.userName().isEmpty() || parsed.userInfo().contains(QLatin1Char(':'))) {
        s.user = parsed.userName(QUrl::FullyDecoded);
        s.password = parsed.password(QUrl::FullyDecoded);
    }
    const QString path = parsed.path(QUrl::FullyEncoded);
    if (path.size() > 1) {
        const QString encodedVhost = path.mid(1);
        if (encodedVhost.contains(QLatin1Char('/'))) {
            return invalid(tr("A vhost with '/' in it must be written %2F in the URL: %1").arg(path));
        }
        s.vhost = QUrl::fromPercentEncoding(encodedVhost.toUtf8());
    }
    if (const auto error = applyQuery(QUrlQuery(parsed), s)) {
        return *error;
    }
    return s;
}

QString Settings::displayUrl() const
{
    QUrl url;
    url.setScheme(tls.enabled ? QStringLiteral("amqps") : QStringLiteral("amqp"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(vhost)), QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace edis::amqp
