#include "inspector/filterbar.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace edis::ui {

FilterLineEdit::FilterLineEdit(QWidget *parent)
    : QLineEdit(parent)
{
}

void FilterLineEdit::setErrorColumn(int column)
{
    if (column != errorColumn_) {
        errorColumn_ = column;
        update();
    }
}

void FilterLineEdit::paintEvent(QPaintEvent *event)
{
    QLineEdit::paintEvent(event);
    if (errorColumn_ <= 0) {
        return;
    }
    // x of a column, measured from the cursor (the only position QLineEdit exposes), so the
    // underline follows horizontal scrolling.
    const QString s = text();
    const QFontMetrics fm(font());
    const int at = std::min<int>(errorColumn_ - 1, int(s.size()));
    const int cursorX = cursorRect().center().x();
    const int x0
        = cursorX + fm.horizontalAdvance(s.left(at)) - fm.horizontalAdvance(s.left(cursorPosition()));
    const int width
        = at < s.size() ? std::max(fm.horizontalAdvance(s.at(at)), 4) : fm.horizontalAdvance(u'_');
    const int y = cursorRect().bottom() - 1;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1.5));
    // A wavy underline, as editors mark errors.
    QPainterPath wave;
    wave.moveTo(x0, y);
    for (int x = x0, up = 1; x < x0 + width + 2; x += 2, up = -up) {
        wave.lineTo(x + 2, y - up * 1.5);
    }
    p.drawPath(wave);
}

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , edit_(new FilterLineEdit(this))
    , errorLabel_(new QLabel(this))
{
    edit_->setObjectName(QStringLiteral("filterEdit"));
    edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit_->setClearButtonEnabled(true);
    edit_->setPlaceholderText(tr("Filter: value.status == \"PAID\" && headers.event-type contains \"Order\""
                                 "   (Enter applies)"));
    edit_->setToolTip(tr("<p>Fields: key, value, topic, partition, offset, timestamp, headers.&lt;name&gt;, "
                         "value.&lt;json path&gt;, key.&lt;json path&gt;<br>"
                         "Operators: == != &lt; &lt;= &gt; &gt;= contains matches /regex/i<br>"
                         "Combine with &amp;&amp; || ! and parentheses.</p>"));
    errorLabel_->setObjectName(QStringLiteral("filterErrorLabel"));
    errorLabel_->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
    errorLabel_->hide();

    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &FilterBar::apply);
    connect(edit_, &QLineEdit::textEdited, this, [this] { debounce_.start(); });
    connect(edit_, &QLineEdit::returnPressed, this, &FilterBar::apply);
    // The clear button does not emit textEdited.
    connect(edit_, &QLineEdit::textChanged, this, [this](const QString &t) {
        if (t.isEmpty()) {
            debounce_.start();
        }
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(edit_);
    layout->addWidget(errorLabel_);
}

QString FilterBar::text() const
{
    return edit_->text();
}

void FilterBar::setText(const QString &text)
{
    edit_->setText(text);
    apply();
}

void FilterBar::apply()
{
    debounce_.stop();
    const QString text = edit_->text();
    inspect::FilterError error;
    auto expression = inspect::FilterExpression::parse(text, &error);
    error_ = error;
    edit_->setErrorColumn(error.isError() ? error.column : 0);
    if (error.isError()) {
        errorLabel_->setText(QStringLiteral("⚠ ") + error.describe());
        errorLabel_->show();
        Q_EMIT errorChanged(error);
        return;
    }
    errorLabel_->hide();
    errorLabel_->clear();
    Q_EMIT errorChanged(error);
    if (text == appliedText_ && (expression_ != nullptr) == !text.trimmed().isEmpty()) {
        return;
    }
    appliedText_ = text;
    expression_ = text.trimmed().isEmpty() ? nullptr : std::move(expression);
    Q_EMIT filterChanged(expression_);
}

} // namespace edis::ui
