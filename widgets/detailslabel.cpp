#include "detailslabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QToolButton>
#include <QVBoxLayout>

namespace edis::widgets {

DetailsLabel::DetailsLabel(const QString &baseName, QWidget *parent)
    : QWidget(parent)
    , summary_(new QLabel(this))
    , toggle_(new QToolButton(this))
    , details_(new QLabel(this))
{
    setObjectName(baseName + QStringLiteral("Box"));
    summary_->setObjectName(baseName);
    details_->setObjectName(baseName + QStringLiteral("Details"));
    toggle_->setObjectName(baseName + QStringLiteral("DetailsButton"));
    for (QLabel *label : {summary_, details_}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont small = details_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    details_->setFont(small);
    details_->setForegroundRole(QPalette::PlaceholderText);
    toggle_->setText(tr("Details"));
    toggle_->setToolTip(tr("Show what the system reported, word for word"));
    toggle_->setCheckable(true);
    toggle_->setAutoRaise(true);
    toggle_->setArrowType(Qt::RightArrow);
    toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(summary_, 1);
    top->addWidget(toggle_, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(details_);
    connect(toggle_, &QToolButton::toggled, this, &DetailsLabel::setDetailsShown);
    clear();
}

void DetailsLabel::setText(const QString &summary, const QString &details)
{
    summary_->setText(summary);
    details_->setText(details);
    toggle_->setVisible(!details.isEmpty());
    setDetailsShown(detailsShown() && !details.isEmpty());
}

void DetailsLabel::setMessage(const QString &message)
{
    const auto [summary, details] = splitFirstSentence(message);
    setText(summary, details);
}

void DetailsLabel::clear()
{
    setText({}, {});
}

QString DetailsLabel::text() const
{
    return summary_->text();
}

QString DetailsLabel::details() const
{
    return details_->text();
}

bool DetailsLabel::detailsShown() const
{
    return toggle_->isChecked();
}

void DetailsLabel::setDetailsShown(bool shown)
{
    const QSignalBlocker blocker(toggle_);
    toggle_->setChecked(shown);
    toggle_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    details_->setVisible(shown && !details_->text().isEmpty());
}

std::pair<QString, QString> DetailsLabel::splitFirstSentence(const QString &message)
{
    // A sentence ends at ., ! or ? followed by white space and more text ("within 10 s. Host
    // not found" splits after "s."); abbreviations like "e.g. " are rare in these messages.
    static const QRegularExpression end(QStringLiteral(R"([.!?](\s+)(?=\S))"));
    const QString text = message.trimmed();
    const QRegularExpressionMatch m = end.match(text);
    if (!m.hasMatch()) {
        return {text, {}};
    }
    return {text.left(m.capturedStart(1)), text.mid(m.capturedEnd(1)).trimmed()};
}

} // namespace edis::widgets
