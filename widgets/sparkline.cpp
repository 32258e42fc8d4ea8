#include "sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace edis::widgets {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
    , color_(palette().color(QPalette::Highlight))
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void Sparkline::setValues(const QList<double> &values)
{
    values_ = values;
    update();
}

void Sparkline::setColor(const QColor &color)
{
    color_ = color;
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paint(&painter, QRectF(rect()).adjusted(1, 1, -1, -1), values_, color_);
}

void Sparkline::paint(QPainter *painter, const QRectF &rect, const QList<double> &values, const QColor &color)
{
    if (values.size() < 2 || rect.width() < 2 || rect.height() < 2) {
        return;
    }
    double maxValue = 0;
    for (const double v : values) {
        if (!std::isnan(v)) {
            maxValue = std::max(maxValue, v);
        }
    }
    const double scale = maxValue > 0 ? rect.height() / maxValue : 0;
    const double step = rect.width() / static_cast<double>(values.size() - 1);
    QPainterPath line;
    bool drawing = false;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) {
            drawing = false; // a gap: start a new segment after it
            continue;
        }
        const QPointF p(rect.left() + static_cast<double>(i) * step, rect.bottom() - values[i] * scale);
        if (drawing) {
            line.lineTo(p);
        } else {
            line.moveTo(p);
            drawing = true;
        }
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, 1.2));
    painter->drawPath(line);
    painter->restore();
}

} // namespace edis::widgets
