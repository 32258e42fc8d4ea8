#pragma once

#include "kafka/clustermetadata.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace edis::ui {

/// Cluster overview: id, controller, counts, health, the brokers, and the busiest topics.
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);
    void setCluster(const QString &name, const kafka::ClusterMetadata &metadata);
    /// The busiest topics by their latest rate (topic → msg/s over the last minute, oldest first).
    void setTopicRates(const QHash<QString, QList<double>> &rates);

    static constexpr int BusiestCount = 8;

private:
    QLabel *title_;
    QLabel *clusterId_;
    QLabel *controller_;
    QLabel *brokerCount_;
    QLabel *topicCount_;
    QLabel *partitionCount_;
    QLabel *health_;
    QTableWidget *brokers_;
    QTableWidget *busiest_;
};

} // namespace edis::ui
