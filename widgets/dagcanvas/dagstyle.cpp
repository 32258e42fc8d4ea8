#include "dagstyle.h"

#include <QHash>

namespace edis::widgets::dagstyle {

QColor categoryColor(pipeline::NodeCategory category)
{
    switch (category) {
    case pipeline::NodeCategory::Source:
        return QColor(0x2e, 0x9d, 0x6e);
    case pipeline::NodeCategory::Processor:
        return QColor(0x3b, 0x6f, 0xd1);
    case pipeline::NodeCategory::Sink:
        return QColor(0xc2, 0x66, 0x3a);
    }
    return QColor(0x6b, 0x72, 0x80);
}

QColor dataTypeColor(const QString &dataTypeId)
{
    if (dataTypeId == QLatin1String("cdc-envelope")) {
        return QColor(0xe0, 0x9b, 0x2d);
    }
    if (dataTypeId == QLatin1String("record")) {
        return QColor(0x2f, 0x9c, 0xd8);
    }
    if (dataTypeId == QLatin1String("bytes")) {
        return QColor(0x9b, 0x59, 0xb6);
    }
    if (dataTypeId.isEmpty() || dataTypeId == QLatin1String("any")) {
        return QColor(0x8a, 0x91, 0x9c);
    }
    // A stable hue per unknown type, so that a catalogue extension still gets distinct colours.
    return QColor::fromHsv(static_cast<int>(qHash(dataTypeId) % 360), 150, 200);
}

QColor canvasBackground()
{
    return QColor(0xf4, 0xf5, 0xf7);
}
QColor gridMinor()
{
    return QColor(0xe4, 0xe7, 0xeb);
}
QColor gridMajor()
{
    return QColor(0xd5, 0xd9, 0xdf);
}
QColor cardFill()
{
    return QColor(0xff, 0xff, 0xff);
}
QColor cardBorder()
{
    return QColor(0xc8, 0xcd, 0xd5);
}
QColor selectionColor()
{
    return QColor(0x25, 0x7a, 0xf0);
}
QColor errorColor()
{
    return QColor(0xd9, 0x3b, 0x3b);
}
QColor warningColor()
{
    return QColor(0xe8, 0xa3, 0x17);
}
QColor textColor()
{
    return QColor(0x1f, 0x24, 0x2b);
}
QColor mutedTextColor()
{
    return QColor(0x6b, 0x72, 0x80);
}

} // namespace edis::widgets::dagstyle
