#include "inspector/inspectorstatusrow.h"

#include "elidedlabel.h"

#include "inspectorcontroller.h"
#include "messagetablemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace edis::ui {

namespace {

QString dataSize(uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

/// Sets `text` on `label` with a minimum width that fits `widest` (the same text with the
/// largest numbers it may show), so that the labels after it do not move as numbers grow.
void setSteadyText(QLabel *label, const QString &text, const QString &widest)
{
    label->setText(text);
    const int width = label->fontMetrics().horizontalAdvance(widest) + 4;
    if (label->minimumWidth() < width) {
        label->setMinimumWidth(width);
    }
}

} // namespace

InspectorStatusRow::InspectorStatusRow(QWidget *parent)
    : QWidget(parent)
    , rate_(new QLabel(this))
    , byteRate_(new QLabel(this))
    , held_(new QLabel(this))
    , read_(new QLabel(this))
    , memory_(new QLabel(this))
    , status_(new widgets::ElidedLabel(this, Qt::ElideRight))
{
    // The figures that change every second come first, each in its own label with room for its
    // largest value, right-aligned: nothing after them moves when a number gains a digit.
    rate_->setObjectName(QStringLiteral("rateLabel"));
    byteRate_->setObjectName(QStringLiteral("byteRateLabel"));
    for (QLabel *label : {rate_, byteRate_}) {
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    setSteadyText(rate_, tr("– msg/s"), tr("%1 msg/s").arg(QLocale().toString(888888)));
    setSteadyText(byteRate_, tr("– /s"), tr("%1/s").arg(QLocale().toString(8888.8, 'f', 1) + tr(" MiB")));
    held_->setObjectName(QStringLiteral("heldLabel"));
    read_->setObjectName(QStringLiteral("readLabel"));
    read_->setToolTip(tr("Records read from the broker since this read started"));
    memory_->setObjectName(QStringLiteral("memoryLabel"));
    status_->setObjectName(QStringLiteral("inspectorStatusLabel"));
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    const auto separator = [this] {
        auto *line = new QLabel(QStringLiteral("│"), this);
        line->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); }"));
        return line;
    };
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(rate_);
    layout->addWidget(byteRate_);
    layout->addWidget(separator());
    layout->addWidget(held_);
    layout->addWidget(read_);
    layout->addWidget(memory_);
    layout->addWidget(separator());
    layout->addWidget(status_, 1);
}

void InspectorStatusRow::showFigures(const inspect::ReadFigures &figures)
{
    rate_->setText(figures.recordRate);
    byteRate_->setText(figures.byteRate);
    rate_->setToolTip(figures.rateToolTip);
    byteRate_->setToolTip(figures.rateToolTip);
    const QString widest = QLocale().toString(9999999);
    setSteadyText(read_, figures.readCount, tr("%1 read this session").arg(widest));
}

void InspectorStatusRow::showHeld(const inspect::MessageTableModel &model)
{
    const inspect::MessageStore &store = model.store();
    const QString widest = QLocale().toString(9999999);
    QString text = tr("%L1 held").arg(store.size());
    QString widestText = tr("%1 held").arg(widest);
    if (model.isFiltered()) {
        text += tr(" · %L1 shown by filter").arg(model.rowCount());
        widestText += tr(" · %1 shown by filter").arg(widest);
    }
    if (store.droppedCount() > 0) {
        text += tr(" · %L1 oldest dropped").arg(store.droppedCount());
        widestText += tr(" · %1 oldest dropped").arg(widest);
    }
    setSteadyText(held_, text, widestText);
    held_->setToolTip(tr("Records held in memory; the filter shows those it matches. The oldest "
                         "are dropped when the memory budget is reached."));
    // What the records weigh follows every record; the store reserves its memory a chunk at a
    // time (several MB at once), and the budget counts what is reserved.
    setSteadyText(memory_, tr("%1 of %2").arg(dataSize(store.payloadBytes()), dataSize(store.memoryBudget())),
        tr("%1 of %2").arg(tr("888.8 MB"), dataSize(store.memoryBudget())));
    memory_->setToolTip(tr("The held records weigh %1 (keys, values and headers). The store reserves "
                           "memory a chunk at a time, %2 now; when the reserved memory would pass "
                           "the %3 budget, the oldest records are dropped.")
                            .arg(dataSize(store.payloadBytes()), dataSize(store.memoryUsed()),
                                dataSize(store.memoryBudget())));
}

void InspectorStatusRow::showStatus(const QString &text, bool problem)
{
    status_->setFullText(text);
    status_->setStyleSheet(problem ? QStringLiteral("QLabel { color: #d32f2f; }") : QString());
}

} // namespace edis::ui
