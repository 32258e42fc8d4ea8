#pragma once

#include "kafka/clustermetadata.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace edis::ui {

/// Cluster overview: id, controller, counts, health, and the brokers.
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);
    void setCluster(const QString &name, const kafka::ClusterMetadata &metadata);

private:
    QLabel *title_;
    QLabel *clusterId_;
    QLabel *controller_;
    QLabel *brokerCount_;
    QLabel *topicCount_;
    QLabel *partitionCount_;
    QLabel *health_;
    QTableWidget *brokers_;
};

} // namespace edis::ui
