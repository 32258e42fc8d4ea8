#include "eventcard.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::widgets {

EventCard::EventCard(QWidget *parent)
    : QWidget(parent)
    , type_(new QLabel(this))
    , mode_(new QLabel(this))
    , form_(new QFormLayout)
    , extensions_(new QTableWidget(0, 2, this))
    , extensionsTitle_(new QLabel(tr("Extensions"), this))
    , data_(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("eventCard"));
    type_->setObjectName(QStringLiteral("eventType"));
    QFont titleFont = type_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    type_->setFont(titleFont);
    type_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mode_->setObjectName(QStringLiteral("eventMode"));
    mode_->setStyleSheet(QStringLiteral("QLabel { color: palette(dark); }"));
    mode_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);

    attributeNames_
        = {QStringLiteral("source"), QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("subject"),
            QStringLiteral("datacontenttype"), QStringLiteral("dataschema"), QStringLiteral("specversion")};
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    form_->setLabelAlignment(Qt::AlignRight);
    form_->setHorizontalSpacing(12);
    form_->setVerticalSpacing(2);
    for (const QString &name : attributeNames_) {
        auto *value = new QLabel(this);
        value->setObjectName(QStringLiteral("eventAttr_") + name);
        value->setFont(mono);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *label = new QLabel(name, this);
        label->setStyleSheet(QStringLiteral("QLabel { color: palette(dark); }"));
        form_->addRow(label, value);
        valueLabels_ << value;
    }

    extensionsTitle_->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
    extensions_->setObjectName(QStringLiteral("eventExtensions"));
    extensions_->setHorizontalHeaderLabels({tr("Extension"), tr("Value")});
    extensions_->verticalHeader()->hide();
    extensions_->verticalHeader()->setDefaultSectionSize(extensions_->fontMetrics().height() + 6);
    extensions_->horizontalHeader()->setStretchLastSection(true);
    extensions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    extensions_->setFont(mono);
    extensions_->setMaximumHeight(110);

    data_->setObjectName(QStringLiteral("eventData"));
    data_->setReadOnly(true);
    data_->setFont(mono);
    data_->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *head = new QHBoxLayout;
    head->addWidget(type_, 1);
    head->addWidget(mode_);
    auto *dataTitle = new QLabel(tr("data"), this);
    dataTitle->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(head);
    layout->addLayout(form_);
    layout->addWidget(extensionsTitle_);
    layout->addWidget(extensions_);
    layout->addWidget(dataTitle);
    layout->addWidget(data_, 1);
    clear();
}

void EventCard::clear()
{
    type_->clear();
    mode_->clear();
    for (QLabel *l : std::as_const(valueLabels_)) {
        l->clear();
    }
    extensions_->setRowCount(0);
    extensions_->hide();
    extensionsTitle_->hide();
    data_->clear();
}

void EventCard::setEvent(const inspect::CloudEventCard &event)
{
    clear();
    type_->setText(event.type.isEmpty() ? tr("(no type)") : event.type);
    mode_->setText(event.mode == inspect::CloudEventCard::Mode::Structured
            ? tr("structured mode")
            : tr("binary mode (%1 headers)")
                  .arg(event.attributePrefix.isEmpty() ? QStringLiteral("ce_") : event.attributePrefix));
    const QStringList values = {event.source, event.id, event.time, event.subject, event.datacontenttype,
        event.dataschema, event.specversion};
    for (int i = 0; i < valueLabels_.size(); ++i) {
        valueLabels_[i]->setText(values.value(i).isEmpty() ? QStringLiteral("–") : values.value(i));
    }
    extensions_->setRowCount(int(event.extensions.size()));
    for (int r = 0; r < event.extensions.size(); ++r) {
        extensions_->setItem(r, 0, new QTableWidgetItem(event.extensions[r].first));
        extensions_->setItem(r, 1, new QTableWidgetItem(event.extensions[r].second));
    }
    extensions_->setVisible(!event.extensions.isEmpty());
    extensionsTitle_->setVisible(!event.extensions.isEmpty());
    data_->setPlainText(event.data);
}

QString EventCard::typeText() const
{
    return type_->text();
}

QString EventCard::attribute(const QString &name) const
{
    const qsizetype i = attributeNames_.indexOf(name);
    return i < 0 ? QString() : valueLabels_[i]->text();
}

} // namespace edis::widgets
