#include "hexview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <limits>

namespace edis::widgets {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr int kMargin = 6;
constexpr int kGroupGap = 1; ///< extra character cells between the two groups of 8 bytes

bool isPrintable(char c)
{
    return uchar(c) >= 0x20 && uchar(c) < 0x7f;
}

} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("hexView"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyHexAction = new QAction(tr("Copy as Hex"), this);
    auto *copyTextAction = new QAction(tr("Copy as Text"), this);
    connect(copyHexAction, &QAction::triggered, this, &HexView::copyHex);
    connect(copyTextAction, &QAction::triggered, this, &HexView::copyText);
    addActions({copyHexAction, copyTextAction});
    updateMetrics();
}

void HexView::setData(const QByteArray &data)
{
    data_ = data;
    anchor_ = cursor_ = -1;
    updateMetrics();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

int HexView::offsetDigits() const
{
    int digits = 8;
    while (digits < 16 && (qint64(data_.size()) >> (4 * digits)) > 0) {
        ++digits;
    }
    return digits;
}

void HexView::updateMetrics()
{
    const QFontMetrics fm(font());
    charWidth_ = std::max(1, fm.horizontalAdvance(QLatin1Char('0')));
    lineHeight_ = fm.height();
    ascent_ = fm.ascent();
    hexX_ = kMargin + (offsetDigits() + 2) * charWidth_;
    asciiX_ = hexX_ + (kBytesPerLine * 3 + kGroupGap + 1) * charWidth_;
    updateScrollBars();
}

void HexView::updateScrollBars()
{
    const int visibleLines = std::max(1, viewport()->height() / std::max(1, lineHeight_));
    // Scroll in lines; clamp so the scroll bar range fits an int for any QByteArray.
    const qsizetype lines = std::min<qsizetype>(lineCount(), std::numeric_limits<int>::max() / 2);
    verticalScrollBar()->setRange(0, int(std::max<qsizetype>(0, lines - visibleLines)));
    verticalScrollBar()->setPageStep(visibleLines);
    verticalScrollBar()->setSingleStep(1);
    const int contentWidth = asciiX_ + (kBytesPerLine + 1) * charWidth_ + kMargin;
    horizontalScrollBar()->setRange(0, std::max(0, contentWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

QSize HexView::sizeHint() const
{
    return {asciiX_ + (kBytesPerLine + 2) * charWidth_ + verticalScrollBar()->sizeHint().width(),
        20 * lineHeight_};
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        updateMetrics();
    }
    QAbstractScrollArea::changeEvent(event);
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette &pal = palette();
    painter.fillRect(viewport()->rect(), pal.base());
    painter.setFont(font());
    painter.translate(-horizontalScrollBar()->value(), 0);

    const qsizetype firstLine = verticalScrollBar()->value();
    const int visibleLines = viewport()->height() / lineHeight_ + 1;
    const qsizetype endLine = std::min(lineCount(), firstLine + visibleLines);
    const qsizetype selStart = hasSelection() ? selectionStart() : -1;
    const qsizetype selEnd = hasSelection() ? selectionEnd() : -1;
    const int digits = offsetDigits();
    const QColor offsetColor = pal.color(QPalette::Disabled, QPalette::Text);
    const QColor textColor = pal.color(QPalette::Text);
    const QColor zeroColor = pal.color(QPalette::PlaceholderText);

    // Separator lines between offset, hex and ASCII columns.
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(hexX_ - charWidth_, 0, hexX_ - charWidth_, viewport()->height());
    painter.drawLine(asciiX_ - charWidth_, 0, asciiX_ - charWidth_, viewport()->height());

    QString offsetText(digits, QLatin1Char('0'));
    char hexPair[2];
    lastPaintedLines_ = 0;
    for (qsizetype line = firstLine; line < endLine; ++line) {
        const int y = int(line - firstLine) * lineHeight_;
        const qsizetype base = line * kBytesPerLine;
        for (int d = 0; d < digits; ++d) {
            offsetText[d] = QLatin1Char(kHexDigits[(quint64(base) >> (4 * (digits - 1 - d))) & 0xf]);
        }
        painter.setPen(offsetColor);
        painter.drawText(kMargin, y + ascent_, offsetText);

        const qsizetype n = std::min<qsizetype>(kBytesPerLine, data_.size() - base);
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype at = base + i;
            const char byte = data_.at(at);
            const int hx = hexX_ + int(i * 3 + (i >= 8 ? kGroupGap : 0)) * charWidth_;
            const int ax = asciiX_ + int(i) * charWidth_;
            const bool selected = at >= selStart && at < selEnd;
            if (selected) {
                painter.fillRect(
                    hx, y, charWidth_ * (i == n - 1 || i == 7 ? 2 : 3), lineHeight_, pal.highlight());
                painter.fillRect(ax, y, charWidth_, lineHeight_, pal.highlight());
            }
            hexPair[0] = kHexDigits[(uchar(byte) >> 4) & 0xf];
            hexPair[1] = kHexDigits[uchar(byte) & 0xf];
            painter.setPen(selected ? pal.color(QPalette::HighlightedText)
                    : byte == 0     ? zeroColor
                                    : textColor);
            painter.drawText(hx, y + ascent_, QString::fromLatin1(hexPair, 2));
            painter.drawText(
                ax, y + ascent_, isPrintable(byte) ? QString(QLatin1Char(byte)) : QStringLiteral("."));
        }
        ++lastPaintedLines_;
    }
    if (data_.isEmpty()) {
        painter.setPen(offsetColor);
        painter.drawText(kMargin, ascent_, tr("(no bytes)"));
    }
}

qsizetype HexView::byteAt(QPoint pos) const
{
    const int x = pos.x() + horizontalScrollBar()->value();
    const qsizetype line = verticalScrollBar()->value() + pos.y() / lineHeight_;
    int column = -1;
    if (x >= asciiX_) {
        column = (x - asciiX_) / charWidth_;
    } else if (x >= hexX_) {
        int cell = (x - hexX_) / charWidth_;
        if (cell >= 8 * 3 + kGroupGap) {
            cell -= kGroupGap;
        }
        column = cell / 3;
    }
    if (column < 0 || column >= kBytesPerLine) {
        return -1;
    }
    const qsizetype at = line * kBytesPerLine + column;
    return at < data_.size() ? at : -1;
}

void HexView::setSelection(qsizetype start, qsizetype end)
{
    if (start < 0 || end <= start || start >= data_.size()) {
        anchor_ = cursor_ = -1;
    } else {
        anchor_ = start;
        cursor_ = std::min(end, data_.size()) - 1;
    }
    viewport()->update();
}

QByteArray HexView::selectedBytes() const
{
    return hasSelection() ? data_.mid(selectionStart(), selectionEnd() - selectionStart()) : QByteArray();
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    const qsizetype at = byteAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton) {
        if (at >= 0 && (event->modifiers() & Qt::ShiftModifier) && hasSelection()) {
            cursor_ = at;
        } else {
            anchor_ = cursor_ = at;
        }
        viewport()->update();
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    if ((event->buttons() & Qt::LeftButton) && hasSelection()) {
        const qsizetype at = byteAt(event->position().toPoint());
        if (at >= 0 && at != cursor_) {
            cursor_ = at;
            viewport()->update();
        }
    }
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyHex();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        setSelection(0, data_.size());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HexView::copyHex()
{
    const QByteArray bytes = hasSelection() ? selectedBytes() : data_;
    QApplication::clipboard()->setText(QString::fromLatin1(bytes.toHex(' ')));
}

void HexView::copyText()
{
    QByteArray bytes = hasSelection() ? selectedBytes() : data_;
    for (char &c : bytes) {
        if (!isPrintable(c) && c != '\n' && c != '\t') {
            c = '.';
        }
    }
    QApplication::clipboard()->setText(QString::fromLatin1(bytes));
}

} // namespace edis::widgets
