#pragma once

#include <QWidget>

class QLabel;

namespace edis::widgets {

/// A coloured dot and a sentence: the state of a connection, where the user is looking.
/// The sentence wraps, so a long message makes the indicator taller, never the window wider.
class StatusIndicator : public QWidget {
    Q_OBJECT
public:
    /// Info is for an expected limitation (what a cluster cannot do): information, not an error.
    enum class Level { Idle, Busy, Good, Bad, Info };
    Q_ENUM(Level)

    explicit StatusIndicator(QWidget *parent = nullptr);

    /// Shows `text`; its tooltip is `toolTip`, or the text itself when that is empty.
    void setStatus(Level level, const QString &text, const QString &toolTip = {});
    Level level() const { return level_; }
    QString text() const;

private:
    class Dot;
    Dot *dot_;
    QLabel *label_;
    Level level_ = Level::Idle;
};

} // namespace edis::widgets
