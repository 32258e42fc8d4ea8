#pragma once

// The row under the inspector's table: read rates, what is held (and shown by the filter, and
// dropped), what was read, the memory the records take, and the status line.

#include <QWidget>

class QLabel;

namespace edis::inspect {
class MessageTableModel;
struct ReadFigures;
} // namespace edis::inspect

namespace edis::widgets {
class ElidedLabel;
}

namespace edis::ui {

class InspectorStatusRow : public QWidget {
    Q_OBJECT
public:
    explicit InspectorStatusRow(QWidget *parent = nullptr);

    void showFigures(const inspect::ReadFigures &figures);
    /// The held, shown, dropped and memory figures of `model`'s store.
    void showHeld(const inspect::MessageTableModel &model);
    void showStatus(const QString &text, bool problem);

private:
    QLabel *rate_;
    QLabel *byteRate_;
    QLabel *held_;
    QLabel *read_;
    QLabel *memory_;
    widgets::ElidedLabel *status_;
};

} // namespace edis::ui
