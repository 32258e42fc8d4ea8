#include "registry/registrysettings.h"

#include <QCoreApplication>
#include <QUrl>

namespace edis::registry {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::registry::RegistrySettings", text);
}

} // namespace

QString toString(RegistryAuth auth)
{
    switch (auth) {
    case RegistryAuth::None:
        return QStringLiteral("none");
    case RegistryAuth::Basic:
        return QStringLiteral("basic");
    case RegistryAuth::Bearer:
        return QStringLiteral("bearer");
    }
    return QStringLiteral("none");
}

RegistryAuth authFromString(const QString &name)
{
    if (name.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0) {
        return RegistryAuth::Basic;
    }
    if (name.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0) {
        return RegistryAuth::Bearer;
    }
    return RegistryAuth::None;
}

QStringList validate(const RegistrySettings &s)
{
    QStringList problems;
    const QString text = s.url.trimmed();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (text.isEmpty()) {
        problems << tr("Enter the Schema Registry's URL, e.g. http://registry:8081.");
    } else if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        problems << tr("'%1' is not a Schema Registry URL: use http:// or https://host:port, with the "
                       "API's path if it has one (Apicurio: /apis/ccompat/v7).")
                        .arg(text);
    } else {
        if (!url.userInfo().isEmpty()) {
            problems << tr("Put the registry's user name and password in their fields, not in the URL "
                           "(the URL is saved in the connections file).");
        }
        if (url.hasQuery() || url.hasFragment()) {
            problems << tr("The registry URL '%1' must not have a query or fragment.").arg(text);
        }
    }
    if (s.auth == RegistryAuth::Basic && s.username.isEmpty()) {
        problems << tr("Basic authentication to the registry needs a user name (Confluent Cloud: the "
                       "API key).");
    }
    if (s.certFile.isEmpty() != s.keyFile.isEmpty()) {
        problems << tr("A registry client certificate needs both the certificate file and its key file.");
    }
    if (s.requestTimeout.count() <= 0) {
        problems << tr("The registry's request timeout must be positive.");
    }
    return problems;
}

} // namespace edis::registry
