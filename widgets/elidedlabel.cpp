#include "elidedlabel.h"

#include <QEvent>

namespace edis::widgets {

namespace {
/// Characters an elided label keeps at the least ("ab…yz").
constexpr int kMinimumCharacters = 8;
} // namespace

ElidedLabel::ElidedLabel(QWidget *parent, Qt::TextElideMode mode)
    : QLabel(parent)
    , mode_(mode)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text)
{
    fullText_ = text;
    updateGeometry();
    updateElision();
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize full = QLabel::minimumSizeHint();
    const int margins = contentsMargins().left() + contentsMargins().right();
    return {std::min(full.width(), fontMetrics().averageCharWidth() * kMinimumCharacters + margins),
        full.height()};
}

QSize ElidedLabel::sizeHint() const
{
    const int margins = contentsMargins().left() + contentsMargins().right();
    return {fontMetrics().horizontalAdvance(fullText_) + margins, QLabel::sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateElision();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        updateElision();
    }
}

void ElidedLabel::updateElision()
{
    const QString shown = fontMetrics().elidedText(fullText_, mode_, contentsRect().width());
    if (shown != text()) {
        setText(shown);
    }
    setToolTip(shown != fullText_ ? fullText_ : QString());
}

} // namespace edis::widgets
