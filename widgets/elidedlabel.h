#pragma once

#include <QLabel>

namespace edis::widgets {

/// A one-line label for names of any length (topics, groups, clusters): it never asks for more
/// width than a few characters, elides the text in the middle when it has less room than the
/// text needs, and then shows the whole text as its tooltip. Names elide in the middle (they
/// differ at both ends); messages at the end.
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr, Qt::TextElideMode mode = Qt::ElideMiddle);

    void setFullText(const QString &text);
    QString fullText() const { return fullText_; }
    bool isElided() const { return text() != fullText_; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateElision();

    QString fullText_;
    Qt::TextElideMode mode_;
};

} // namespace edis::widgets
