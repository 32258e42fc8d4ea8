#pragma once

#include <QString>

namespace edis::widgets {
class DagScene;
}

namespace edis::ui {

/// Renders the whole pipeline (not just the visible part) to a PNG at twice the scene's
/// resolution, written atomically. Selection and highlights are left out of the picture.
bool exportCanvasPng(widgets::DagScene *scene, const QString &path, QString *error = nullptr);
/// The same as scalable vector graphics.
bool exportCanvasSvg(widgets::DagScene *scene, const QString &path, QString *error = nullptr);

} // namespace edis::ui
