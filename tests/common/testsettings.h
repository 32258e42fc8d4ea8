#pragma once

// Points a test's QSettings at a temporary directory: a test never reads or writes the user's own
// settings (pages and panels remember choices there).

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

namespace edis::test {

inline void useTemporarySettings(const QString &applicationName)
{
    QCoreApplication::setOrganizationName(QStringLiteral("edis-tests"));
    QCoreApplication::setApplicationName(applicationName);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    static QTemporaryDir directory;
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, directory.path());
}

} // namespace edis::test
