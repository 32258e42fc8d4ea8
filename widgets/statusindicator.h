#pragma once

#include <QWidget>

class QLabel;

namespace edis::widgets {

/// A coloured dot and a sentence: the state of a connection, where the user is looking.
class StatusIndicator : public QWidget {
    Q_OBJECT
public:
    enum class Level { Idle, Busy, Good, Bad };
    Q_ENUM(Level)

    explicit StatusIndicator(QWidget *parent = nullptr);

    void setStatus(Level level, const QString &text);
    Level level() const { return level_; }
    QString text() const;

private:
    class Dot;
    Dot *dot_;
    QLabel *label_;
    Level level_ = Level::Idle;
};

} // namespace edis::widgets
