#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace edis::widgets {

/// A tiny rate plot for a table row or a list: a line over the last values, no axes. Painted
/// with QPainter (a QCustomPlot per row would cost far more). paint() serves item delegates.
class Sparkline : public QWidget {
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);

    /// Oldest first; NaN values are gaps.
    void setValues(const QList<double> &values);
    const QList<double> &values() const { return values_; }
    void setColor(const QColor &color);

    QSize sizeHint() const override { return {80, 20}; }
    QSize minimumSizeHint() const override { return {24, 12}; }

    /// Draws `values` into `rect`, scaled from 0 to their maximum.
    static void paint(
        QPainter *painter, const QRectF &rect, const QList<double> &values, const QColor &color);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> values_;
    QColor color_;
};

} // namespace edis::widgets
