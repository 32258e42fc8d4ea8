#pragma once

// The inspector's filter bar: a line edit for a filter expression that is parsed as the user
// types (debounced) and shows a parse error where it is: a red underline under the offending
// column and "expected … at column N" below.

#include "filterexpression.h"

#include <QLineEdit>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;

namespace edis::ui {

/// A line edit that underlines one column in red.
class FilterLineEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit FilterLineEdit(QWidget *parent = nullptr);
    /// 1-based column to underline; 0 clears.
    void setErrorColumn(int column);
    int errorColumn() const { return errorColumn_; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int errorColumn_ = 0;
};

class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    /// The last expression that parsed (null when the text is empty).
    std::shared_ptr<const inspect::FilterExpression> expression() const { return expression_; }
    const inspect::FilterError &error() const { return error_; }
    FilterLineEdit *lineEdit() const { return edit_; }
    QLabel *errorLabel() const { return errorLabel_; }

    /// Milliseconds between the last keystroke and applying the filter.
    static constexpr int kDebounceMs = 300;

public Q_SLOTS:
    /// Parses now (Enter does this too).
    void apply();

Q_SIGNALS:
    /// A new valid expression (null: show everything).
    void filterChanged(std::shared_ptr<const edis::inspect::FilterExpression> expression);
    void errorChanged(const edis::inspect::FilterError &error);

private:
    FilterLineEdit *edit_;
    QLabel *errorLabel_;
    QTimer debounce_;
    QString appliedText_;
    std::shared_ptr<const inspect::FilterExpression> expression_;
    inspect::FilterError error_;
};

} // namespace edis::ui
