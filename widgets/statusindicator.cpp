#include "statusindicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

#include <algorithm>

namespace edis::widgets {

class StatusIndicator::Dot : public QWidget {
public:
    explicit Dot(QWidget *parent)
        : QWidget(parent)
    {
        // As tall as the first line of text, so the dot stays beside it when the text wraps.
        setFixedSize(12, std::max(12, fontMetrics().height()));
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
        p.drawEllipse(QRect(1, (height() - 12) / 2 + 1, 10, 10));
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
    layout->addWidget(dot_, 0, Qt::AlignTop);
    layout->addWidget(label_, 1);
    label_->setObjectName(QStringLiteral("statusText"));
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_->setWordWrap(true);
    label_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setStatus(Level::Idle, tr("Not connected"));
}

void StatusIndicator::setStatus(Level level, const QString &text, const QString &toolTip)
{
    level_ = level;
    label_->setText(text);
    label_->setToolTip(toolTip.isEmpty() ? text : toolTip);
    // The theme table of the states: grey, amber, green, red, and blue for information.
    static const QColor kColors[] = {QColor(0x9e, 0x9e, 0x9e), QColor(0xf5, 0xa6, 0x23),
        QColor(0x2e, 0xa0, 0x43), QColor(0xd3, 0x2f, 0x2f), QColor(0x1e, 0x6f, 0xd9)};
    dot_->setColor(kColors[static_cast<int>(level)]);
}

QString StatusIndicator::text() const
{
    return label_->text();
}

} // namespace edis::widgets
