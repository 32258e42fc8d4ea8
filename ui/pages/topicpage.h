#pragma once

#include "kafka/clustermetadata.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace edis::ui {

/// One topic: partitions with leader, replicas and in-sync replicas.
class TopicPage : public QWidget {
    Q_OBJECT
public:
    explicit TopicPage(QWidget *parent = nullptr);
    /// Shows `topic`; a null pointer means the topic is gone (deleted meanwhile).
    void setTopic(const QString &name, const kafka::TopicInfo *topic);
    QString topicName() const { return name_; }

private:
    QString name_;
    QLabel *title_;
    QLabel *summary_;
    QTableWidget *partitions_;
};

} // namespace edis::ui
