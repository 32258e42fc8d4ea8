#pragma once

// Where to start reading, which partitions, and when to stop: the inspector toolbar's
// consumption settings, turned into a ConsumeRequest.

#include "consumerequest.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;

namespace edis::ui {

class ConsumeControls : public QWidget {
    Q_OBJECT
public:
    enum StopCondition { StopNever, StopAfterCount, StopAtTimestamp, StopAtCurrentEnd };

    explicit ConsumeControls(QWidget *parent = nullptr);

    void setPartitionCount(int count);
    void setStartKind(inspect::StartPosition::Kind kind);
    void setStopCondition(StopCondition stop);

    inspect::StartPosition startPosition() const;
    /// Empty: every partition.
    std::vector<int32_t> partitions() const;
    /// Fills the topic selection and the stop condition of `request`.
    void fill(inspect::ConsumeRequest &request, const QString &topic) const;
    /// A human line for the status bar ("from the beginning of partition 2, until the current end").
    QString describe() const;

private:
    void updateVisibility();

    QComboBox *start_;
    QLineEdit *startValue_;
    QDateTimeEdit *startTime_;
    QComboBox *partition_;
    QComboBox *stop_;
    QLineEdit *stopCount_;
    QDateTimeEdit *stopTime_;
};

} // namespace edis::ui
