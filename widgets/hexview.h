#pragma once

// A painted hex + ASCII view of bytes: offset, 16 bytes in hex, their printable characters.
// Only the visible lines are painted, so a value of many megabytes scrolls as fast as a small
// one. A byte range can be selected with the mouse and copied as hex or as text.

#include <QAbstractScrollArea>
#include <QByteArray>

namespace edis::widgets {

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr int kBytesPerLine = 16;

    explicit HexView(QWidget *parent = nullptr);

    void setData(const QByteArray &data);
    const QByteArray &data() const { return data_; }
    void clear() { setData({}); }

    /// Selected bytes [start, end); empty when nothing is selected.
    qsizetype selectionStart() const { return std::min(anchor_, cursor_); }
    qsizetype selectionEnd() const { return anchor_ < 0 ? -1 : std::max(anchor_, cursor_) + 1; }
    bool hasSelection() const { return anchor_ >= 0; }
    void setSelection(qsizetype start, qsizetype end);
    QByteArray selectedBytes() const;

    /// Lines painted by the last paint: for tests that the view paints only what is visible.
    int lastPaintedLines() const { return lastPaintedLines_; }
    qsizetype lineCount() const { return (data_.size() + kBytesPerLine - 1) / kBytesPerLine; }

public Q_SLOTS:
    /// Copies the selection (or everything) as space-separated hex.
    void copyHex();
    /// Copies the selection (or everything) as text, non-printable bytes as '.'.
    void copyText();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    QSize sizeHint() const override;

private:
    void updateMetrics();
    void updateScrollBars();
    /// Byte under a viewport point, or -1.
    qsizetype byteAt(QPoint pos) const;
    int offsetDigits() const;

    QByteArray data_;
    qsizetype anchor_ = -1;
    qsizetype cursor_ = -1;
    int charWidth_ = 8;
    int lineHeight_ = 16;
    int ascent_ = 12;
    int hexX_ = 0;
    int asciiX_ = 0;
    int lastPaintedLines_ = 0;
};

} // namespace edis::widgets
