#include "inspector/searchbar.h"

#include "inspectorcontroller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace edis::ui {

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
    , progress_(new QProgressBar(this))
    , label_(new QLabel(this))
    , note_(new QLabel(this))
    , cancel_(new QPushButton(tr("Cancel"), this))
    , backToTail_(new QPushButton(tr("Back to Live Tail"), this))
    , close_(new QToolButton(this))
{
    setObjectName(QStringLiteral("searchBox"));
    progress_->setObjectName(QStringLiteral("searchProgress"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setFixedWidth(140);
    progress_->setMaximumHeight(14);
    label_->setObjectName(QStringLiteral("searchLabel"));
    note_->setObjectName(QStringLiteral("searchNote"));
    note_->setWordWrap(true);
    note_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    cancel_->setObjectName(QStringLiteral("cancelSearchButton"));
    connect(cancel_, &QPushButton::clicked, this, &SearchBar::cancelRequested);
    backToTail_->setObjectName(QStringLiteral("backToLiveTailButton"));
    backToTail_->setToolTip(tr("Leave the search results and follow the newest records again"));
    connect(backToTail_, &QPushButton::clicked, this, &SearchBar::backToTailRequested);
    close_->setObjectName(QStringLiteral("closeSearchButton"));
    close_->setText(QStringLiteral("✕"));
    close_->setAutoRaise(true);
    close_->setToolTip(tr("Hide this bar (the matches stay in the table)"));
    connect(close_, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(progress_);
    layout->addWidget(label_);
    layout->addWidget(note_, 1);
    layout->addWidget(cancel_);
    layout->addWidget(backToTail_);
    layout->addWidget(close_);
    hide();
}

void SearchBar::showStarted(bool search, const inspect::SearchFigures &figures, const QString &note)
{
    setVisible(search);
    progress_->setValue(figures.permille);
    label_->setText(figures.text);
    note_->setText(note);
    cancel_->setVisible(search);
    cancel_->setEnabled(true);
    backToTail_->hide();
    close_->hide();
}

void SearchBar::showProgress(const inspect::SearchFigures &figures)
{
    progress_->setValue(figures.permille);
    label_->setText(figures.text);
}

void SearchBar::showOutcome(bool offerTail, const QString &note)
{
    cancel_->hide();
    close_->show();
    backToTail_->setVisible(offerTail);
    note_->setText(note);
}

} // namespace edis::ui
