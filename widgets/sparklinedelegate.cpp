#include "sparklinedelegate.h"

#include "sparkline.h"

#include <QPainter>

namespace edis::widgets {

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
    // The text keeps the left part; the sparkline takes the right end.
    QStyleOptionViewItem textOption = option;
    textOption.rect.setRight(option.rect.right() - SparklineWidth - 4);
    QStyledItemDelegate::paint(painter, textOption, index);
    const QRectF plot(option.rect.right() - SparklineWidth, option.rect.top() + 3, SparklineWidth - 2,
        option.rect.height() - 6);
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
