#pragma once

// The bar above the inspector's table while a whole-topic search runs, and after it: progress,
// what the search stopped, a Cancel button, and the way back to the live tail afterwards.

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace edis::inspect {
struct SearchFigures;
}

namespace edis::ui {

class SearchBar : public QWidget {
    Q_OBJECT
public:
    explicit SearchBar(QWidget *parent = nullptr);

    /// A search began (shown) or another read did (hidden).
    void showStarted(bool search, const inspect::SearchFigures &figures, const QString &note);
    void showProgress(const inspect::SearchFigures &figures);
    /// The search is over: the outcome stays until the bar is closed, with the way back to the
    /// tail when `offerTail`.
    void showOutcome(bool offerTail, const QString &note);

Q_SIGNALS:
    void cancelRequested();
    void backToTailRequested();

private:
    QProgressBar *progress_;
    QLabel *label_;
    QLabel *note_;
    QPushButton *cancel_;
    QPushButton *backToTail_;
    QToolButton *close_;
};

} // namespace edis::ui
