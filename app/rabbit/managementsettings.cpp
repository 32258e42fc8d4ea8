#include "rabbit/managementsettings.h"

#include <QCoreApplication>
#include <QUrl>

namespace edis::rabbit {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::rabbit::ManagementSettings", text);
}

} // namespace

QStringList validate(const ManagementSettings &s)
{
    QStringList problems;
    const QString text = s.url.trimmed();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (text.isEmpty()) {
        problems << tr("Enter the RabbitMQ management URL, e.g. http://rabbit:15672.");
    } else if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        problems << tr("'%1' is not a management URL: use http:// or https://host:port (the management "
                       "plugin listens on 15672, or 15671 with TLS).")
                        .arg(text);
    } else {
        if (!url.userInfo().isEmpty()) {
            problems << tr("Put the RabbitMQ user name and password in their fields, not in the URL (the "
                           "URL is saved in the connections file).");
        }
        if (url.hasQuery() || url.hasFragment()) {
            problems << tr("The management URL '%1' must not have a query or fragment.").arg(text);
        }
    }
    if (s.username.isEmpty()) {
        problems << tr("The management API needs a user name.");
    }
    if (s.vhost.isEmpty()) {
        problems << tr("Enter a vhost (RabbitMQ's default vhost is '/').");
    }
    if (s.requestTimeout.count() <= 0) {
        problems << tr("The management API's request timeout must be positive.");
    }
    if (s.pageSize < 1 || s.pageSize > kMaxPageSize) {
        problems
            << tr("The page size must be between 1 and %1 (the management API's maximum).").arg(kMaxPageSize);
    }
    return problems;
}

} // namespace edis::rabbit
