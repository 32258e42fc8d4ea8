#pragma once

#include "kafka/clustermetadata.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace edis::cluster {
class ClusterSession;
}
namespace edis::widgets {
class DetailsLabel;
class ElidedLabel;
class StatusIndicator;
} // namespace edis::widgets

namespace edis::ui {

/// Cluster overview: id, controller, counts, health, the brokers, and the busiest topics. While
/// the cluster does not answer it says so (where it tried, the last error, when it tries
/// again) instead of showing figures; nothing of another cluster is ever shown.
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);

    /// Shows cluster `cluster` (the window's cluster index) as its session knows it now.
    void setCluster(int cluster, const QString &name, const cluster::ClusterSession &session);
    /// The busiest topics of `cluster` by their latest rate (topic → msg/s over the last minute,
    /// oldest first). Kept per cluster; shown only while that cluster is on the page.
    void setTopicRates(int cluster, const QHash<QString, QList<double>> &rates);
    int cluster() const { return cluster_; }

    static constexpr int BusiestCount = 8;

private:
    void showMetadata(const kafka::ClusterMetadata &metadata, bool current);
    void showConnection(const cluster::ClusterSession &session);
    void showBusiest();

    int cluster_ = -1;
    QHash<int, QHash<QString, QList<double>>> rates_;
    widgets::ElidedLabel *title_;
    widgets::StatusIndicator *connection_;
    widgets::DetailsLabel *lastError_;
    QLabel *retry_;
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
