#pragma once

// For looking at a layout as a user would: with EDIS_SCREENSHOT_DIR=dir a test saves the widget
// there (dir/name.png), and under a real X server (Xvfb with a window manager) the whole screen
// too, frame included (dir/name-screen.png). Never an assertion.

#include <QGuiApplication>
#include <QPixmap>
#include <QScreen>
#include <QString>
#include <QTest>
#include <QWidget>

namespace edis::test {

inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("EDIS_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QTest::qWait(50); // posted layout requests run first, as before a real paint
    widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    if (QGuiApplication::platformName() != QLatin1String("offscreen")) {
        QGuiApplication::primaryScreen()->grabWindow(0).save(
            dir + QLatin1Char('/') + name + QStringLiteral("-screen.png"));
    }
}

} // namespace edis::test
