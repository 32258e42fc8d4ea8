#pragma once

// A Debezium change event side by side: a header with the operation, the table, the
// transaction and both timestamps, then one row per field with its value before and after,
// the changed fields highlighted. A tombstone (the null value that follows a delete) is shown
// as such.

#include "decodedvalue.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace edis::widgets {

class ChangeView : public QWidget {
    Q_OBJECT
public:
    enum Column { FieldColumn, BeforeColumn, AfterColumn, ColumnCount };
    /// A cell shown as a readable date or time keeps its raw value in this role.
    static constexpr int RawValueRole = Qt::UserRole + 1;

    explicit ChangeView(QWidget *parent = nullptr);

    void setChange(const inspect::ChangeEvent &change);
    /// A compaction delete marker for `key` (already readable text).
    void setTombstone(const QString &key);
    void clear();

    /// Header text as shown (op, table, transaction, timestamps): for tests and copying.
    QString headerText() const;
    QStringList changedFields() const { return changed_; }
    QTableWidget *fieldTable() const { return fields_; }

private:
    QLabel *badge_;
    QLabel *title_;
    QLabel *details_;
    QLabel *changedLabel_;
    QTableWidget *fields_;
    QStringList changed_;
};

} // namespace edis::widgets
