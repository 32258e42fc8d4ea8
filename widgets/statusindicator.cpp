#include "statusindicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace edis::widgets {

class StatusIndicator::Dot : public QWidget {
public:
    explicit Dot(QWidget *parent)
        : QWidget(parent)
    {
        setFixedSize(12, 12);
    }
    void setColor(const QColor &color)
    {
        color_ = color;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(color_.darker(140));
        p.setBrush(color_);
        p.drawEllipse(rect().adjusted(1, 1, -1, -1));
    }

private:
    QColor color_ = Qt::gray;
};

StatusIndicator::StatusIndicator(QWidget *parent)
    : QWidget(parent)
    , dot_(new Dot(this))
    , label_(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(dot_);
    layout->addWidget(label_, 1);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setStatus(Level::Idle, tr("Not connected"));
}

void StatusIndicator::setStatus(Level level, const QString &text)
{
    level_ = level;
    label_->setText(text);
    label_->setToolTip(text);
    static const QColor kColors[] = {QColor(0x9e, 0x9e, 0x9e), QColor(0xf5, 0xa6, 0x23),
        QColor(0x2e, 0xa0, 0x43), QColor(0xd3, 0x2f, 0x2f)};
    dot_->setColor(kColors[static_cast<int>(level)]);
}

QString StatusIndicator::text() const
{
    return label_->text();
}

} // namespace edis::widgets
