#pragma once

#include "catalogue.h"

#include <QColor>
#include <QString>

namespace edis::widgets::dagstyle {

/// The look of the pipeline canvas in one place: sizes on the grid, colours by node category
/// and by data type, so that cards, ports, edges and the minimap agree.

inline constexpr double GridSize = 20;
inline constexpr double NodeWidth = 190;
inline constexpr double HeaderHeight = 42;
inline constexpr double SummaryHeight = 20;
inline constexpr double PortRowHeight = 20;
inline constexpr double BodyPadding = 10;
inline constexpr double CornerRadius = 8;
inline constexpr double PortRadius = 5.5;

QColor categoryColor(pipeline::NodeCategory category);
/// Known data types have fixed colours; other ids get a stable colour from their name.
QColor dataTypeColor(const QString &dataTypeId);

QColor canvasBackground();
QColor gridMinor();
QColor gridMajor();
QColor cardFill();
QColor cardBorder();
QColor selectionColor();
QColor errorColor();
QColor warningColor();
QColor textColor();
QColor mutedTextColor();

} // namespace edis::widgets::dagstyle
