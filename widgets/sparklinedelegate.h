#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace edis::widgets {

/// Paints an item as usual and, when the item has a QList<double> under `valuesRole`, a
/// Sparkline of those values at the right end of the cell (for rate columns in lists and trees).
class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit SparklineDelegate(int valuesRole, QObject *parent = nullptr);

    void setColor(const QColor &color) { color_ = color; }
    static constexpr int SparklineWidth = 64;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int valuesRole_;
    QColor color_;
};

} // namespace edis::widgets
