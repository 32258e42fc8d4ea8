#include "inspector/consumecontrols.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace edis::ui {

using Kind = inspect::StartPosition::Kind;

ConsumeControls::ConsumeControls(QWidget *parent)
    : QWidget(parent)
    , start_(new QComboBox(this))
    , startValue_(new QLineEdit(this))
    , startTime_(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this))
    , partition_(new QComboBox(this))
    , stop_(new QComboBox(this))
    , stopCount_(new QLineEdit(this))
    , stopTime_(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this))
{
    start_->setObjectName(QStringLiteral("startPositionCombo"));
    start_->addItem(tr("Beginning"), int(Kind::Beginning));
    start_->addItem(tr("End (live tail)"), int(Kind::End));
    start_->addItem(tr("Offset"), int(Kind::Offset));
    start_->addItem(tr("Timestamp"), int(Kind::Timestamp));
    start_->addItem(tr("Last N per partition"), int(Kind::LastN));
    start_->setToolTip(tr("Where reading starts in each partition"));
    auto *digits = new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), this);
    startValue_->setObjectName(QStringLiteral("startValueEdit"));
    startValue_->setValidator(digits);
    startValue_->setText(QStringLiteral("100"));
    startValue_->setMaximumWidth(90);
    for (QDateTimeEdit *edit : {startTime_, stopTime_}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
    }
    startTime_->setObjectName(QStringLiteral("startTimeEdit"));
    stopTime_->setObjectName(QStringLiteral("stopTimeEdit"));

    partition_->setObjectName(QStringLiteral("partitionCombo"));
    partition_->setToolTip(tr("Read every partition or just one"));

    stop_->setObjectName(QStringLiteral("stopConditionCombo"));
    stop_->addItem(tr("Never"), StopNever);
    stop_->addItem(tr("After N records"), StopAfterCount);
    stop_->addItem(tr("At timestamp"), StopAtTimestamp);
    stop_->addItem(tr("At current end"), StopAtCurrentEnd);
    stop_->setToolTip(tr("When reading stops by itself"));
    stopCount_->setObjectName(QStringLiteral("stopCountEdit"));
    stopCount_->setValidator(digits);
    stopCount_->setText(QStringLiteral("1000"));
    stopCount_->setMaximumWidth(90);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(new QLabel(tr("From"), this));
    layout->addWidget(start_);
    layout->addWidget(startValue_);
    layout->addWidget(startTime_);
    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("Partition"), this));
    layout->addWidget(partition_);
    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("Stop"), this));
    layout->addWidget(stop_);
    layout->addWidget(stopCount_);
    layout->addWidget(stopTime_);

    connect(start_, &QComboBox::currentIndexChanged, this, &ConsumeControls::updateVisibility);
    connect(stop_, &QComboBox::currentIndexChanged, this, &ConsumeControls::updateVisibility);
    setPartitionCount(0);
    // What a user opening a topic wants first: its newest records, then what arrives.
    setStartKind(Kind::LastN);
    updateVisibility();
}

void ConsumeControls::setPartitionCount(int count)
{
    const QVariant previous = partition_->currentData();
    partition_->clear();
    partition_->addItem(tr("All"), -1);
    for (int p = 0; p < count; ++p) {
        partition_->addItem(QString::number(p), p);
    }
    const int again = partition_->findData(previous);
    partition_->setCurrentIndex(again >= 0 ? again : 0);
}

void ConsumeControls::setStartKind(Kind kind)
{
    start_->setCurrentIndex(start_->findData(int(kind)));
}

void ConsumeControls::setStopCondition(StopCondition stop)
{
    stop_->setCurrentIndex(stop_->findData(int(stop)));
}

void ConsumeControls::updateVisibility()
{
    const auto kind = Kind(start_->currentData().toInt());
    startValue_->setVisible(kind == Kind::Offset || kind == Kind::LastN);
    startValue_->setPlaceholderText(kind == Kind::Offset ? tr("offset") : tr("N"));
    startTime_->setVisible(kind == Kind::Timestamp);
    const auto stop = StopCondition(stop_->currentData().toInt());
    stopCount_->setVisible(stop == StopAfterCount);
    stopTime_->setVisible(stop == StopAtTimestamp);
}

inspect::StartPosition ConsumeControls::startPosition() const
{
    const auto kind = Kind(start_->currentData().toInt());
    switch (kind) {
    case Kind::Offset:
        return inspect::StartPosition::offset(startValue_->text().toLongLong());
    case Kind::LastN:
        return inspect::StartPosition::lastN(startValue_->text().toLongLong());
    case Kind::Timestamp:
        return inspect::StartPosition::timestamp(startTime_->dateTime().toMSecsSinceEpoch());
    case Kind::End:
        return inspect::StartPosition::end();
    case Kind::Beginning:
        break;
    }
    return inspect::StartPosition::beginning();
}

std::vector<int32_t> ConsumeControls::partitions() const
{
    const int p = partition_->currentData().toInt();
    return p < 0 ? std::vector<int32_t> {} : std::vector<int32_t> {p};
}

void ConsumeControls::fill(inspect::ConsumeRequest &request, const QString &topic) const
{
    request.topics = {inspect::TopicSelection {topic, startPosition(), partitions()}};
    switch (StopCondition(stop_->currentData().toInt())) {
    case StopAfterCount:
        request.maxMessages = std::max<qulonglong>(1, stopCount_->text().toULongLong());
        break;
    case StopAtTimestamp:
        request.stopAtTimestampMs = stopTime_->dateTime().toMSecsSinceEpoch();
        break;
    case StopAtCurrentEnd:
        request.stopAtEnd = true;
        break;
    case StopNever:
        break;
    }
}

QString ConsumeControls::describe() const
{
    QString where = start_->currentText().toLower();
    if (Kind(start_->currentData().toInt()) == Kind::LastN) {
        where = tr("the last %1 per partition").arg(startValue_->text());
    } else if (startValue_->isVisible()) {
        where += QLatin1Char(' ') + startValue_->text();
    } else if (startTime_->isVisible()) {
        where += QLatin1Char(' ') + startTime_->text();
    }
    const QString which
        = partitions().empty() ? tr("all partitions") : tr("partition %1").arg(partitions().front());
    QString until = stop_->currentText().toLower();
    if (stopCount_->isVisible()) {
        until = tr("after %1 records").arg(stopCount_->text());
    } else if (stopTime_->isVisible()) {
        until = tr("at %1").arg(stopTime_->text());
    } else if (StopCondition(stop_->currentData().toInt()) == StopNever) {
        until = tr("never");
    }
    return tr("from %1 · %2 · stop: %3").arg(where, which, until);
}

} // namespace edis::ui
