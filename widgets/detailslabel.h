#pragma once

#include <QString>
#include <QWidget>

#include <utility>

class QLabel;
class QToolButton;

namespace edis::widgets {

/// A message a user can read at a glance: one plain sentence, and the technical rest (what a
/// library or a backend said) behind a "Details" toggle. Both wrap and can be selected.
class DetailsLabel : public QWidget {
    Q_OBJECT
public:
    /// `baseName` names the parts for tests and style: the summary label is `baseName`, the
    /// details label `baseName + "Details"`, the toggle `baseName + "DetailsButton"`.
    explicit DetailsLabel(const QString &baseName, QWidget *parent = nullptr);

    /// Shows `summary`; `details` only when the user opens them (no toggle without details).
    void setText(const QString &summary, const QString &details = {});
    /// Shows the first sentence of `message` and puts the rest behind the toggle.
    void setMessage(const QString &message);
    void clear();

    QString text() const;
    QString details() const;
    bool detailsShown() const;
    void setDetailsShown(bool shown);

    QLabel *summaryLabel() const { return summary_; }
    QLabel *detailsLabel() const { return details_; }
    QToolButton *detailsButton() const { return toggle_; }

    /// The first sentence of `message` (up to ". ", "! " or "? ") and the rest, trimmed. A
    /// message of one sentence is all summary.
    static std::pair<QString, QString> splitFirstSentence(const QString &message);

private:
    QLabel *summary_;
    QToolButton *toggle_;
    QLabel *details_;
};

} // namespace edis::widgets
