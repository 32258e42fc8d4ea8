#include "sparklinedelegate.h"

#include "sparkline.h"

#include <QPainter>

#include <algorithm>

namespace edis::widgets {

namespace {
/// Below this a sparkline says nothing: the cell shows its text only.
constexpr int kMinimumPlotWidth = 16;
/// Room the item's text takes on either side (about what the style gives it).
constexpr int kTextMargin = 4;
} // namespace

SparklineDelegate::SparklineDelegate(int valuesRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , valuesRole_(valuesRole)
    , color_(0x1e, 0x6f, 0xd9)
{
}

void SparklineDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant values = index.data(valuesRole_);
    if (!values.canConvert<QList<double>>() || values.value<QList<double>>().isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The text keeps the left part; the sparkline takes the right end, and shrinks when the
    // column is narrow rather than cover the text or paint outside the cell.
    const int textWidth
        = option.fontMetrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 2 * kTextMargin;
    const int plotWidth = std::min(SparklineWidth, option.rect.width() - textWidth - 4);
    if (plotWidth < kMinimumPlotWidth) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem textOption = option;
    textOption.rect.setRight(option.rect.right() - plotWidth - 4);
    QStyledItemDelegate::paint(painter, textOption, index);
    const QRectF plot(
        option.rect.right() - plotWidth, option.rect.top() + 3, plotWidth - 2, option.rect.height() - 6);
    painter->save();
    Sparkline::paint(painter, plot, values.value<QList<double>>(), color_);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(valuesRole_).isValid()) {
        size.rwidth() += SparklineWidth + 4;
    }
    return size;
}

} // namespace edis::widgets
