#pragma once

#include "kafka/connectionsettings.h"
#include "metrics/historystore.h"
#include "metrics/ratesample.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace edis::cluster {
class ClusterSession;
}
namespace edis::metrics {
class RateSampler;
}
namespace edis::widgets {
class ThroughputPlot;
}

namespace edis::ui {

/// Throughput and lag of one cluster over time: a checkable topic list with a filter, the rate
/// plot (a series per topic, or per partition of one topic), a lag section (a series per
/// consumer group, or per partition of one group), and the history's memory use.
///
/// The page owns its sampler (own thread, own librdkafka handle) and the bounded history; the
/// GUI thread only receives one SampleRound per second and feeds the plots in bulk.
class ThroughputPage : public QWidget {
    Q_OBJECT
public:
    explicit ThroughputPage(QWidget *parent = nullptr);
    ~ThroughputPage() override;

    /// Samples the session's cluster from now on (every topic, and every consumer group where the
    /// cluster can list them). Another session restarts with an empty history; nullptr stops.
    void setSession(cluster::ClusterSession *session);
    /// The same without a session (tests, the CLI-like use).
    void setConnection(const kafka::ConnectionSettings &settings);
    void stop();
    bool isSampling() const { return sampler_ != nullptr; }

    const metrics::HistoryStore &history() const { return history_; }
    widgets::ThroughputPlot *ratePlot() const { return ratePlot_; }
    widgets::ThroughputPlot *lagPlot() const { return lagPlot_; }

    QStringList topics() const; ///< every topic seen, sorted
    QStringList selectedTopics() const; ///< checked ones
    void setSelectedTopics(const QStringList &topics);
    QStringList selectedGroups() const;
    void setSelectedGroups(const QStringList &groups);
    /// With exactly one topic (group) selected: one series per partition.
    void setTopicPartitionsShown(bool shown);
    void setGroupPartitionsShown(bool shown);
    QString memoryText() const;
    /// How long per-partition series keep 1 s resolution: 3,600 (default) or 86,400 seconds.
    /// The user's choice in the box is remembered; a change starts the history afresh (the tiers
    /// are sized up front).
    void setPartitionDetailSeconds(int seconds);
    int partitionDetailSeconds() const { return history_.config().detail.fineCapacity; }
    QComboBox *partitionDetailBox() const { return partitionDetail_; }

    /// What the rate plot shows per topic: msg/s (from the log-end offsets, every producer
    /// counts), or bytes/s that EDIS's own clients wrote or read (their librdkafka statistics).
    enum class RateUnit { Messages, BytesWritten, BytesRead };
    void setRateUnit(RateUnit unit);
    RateUnit rateUnit() const;
    QComboBox *rateUnitBox() const { return rateUnit_; }

    /// Each topic's msg/s over the last `seconds` (oldest first), for sparklines.
    QHash<QString, QList<double>> recentTopicRates(int seconds) const;
    /// The latest round the sampler delivered (empty before the first).
    const metrics::SampleRound &lastRound() const { return lastRound_; }
    /// The footer: when the last round ran, how many partitions it read, the total rate.
    QLabel *statusLabel() const { return status_; }

public Q_SLOTS:
    /// Takes one round into the history and refreshes the plots (public so tests can feed it).
    void addRound(const edis::metrics::SampleRound &round);

Q_SIGNALS:
    /// A round reached the history (sampling goes on while the page is hidden).
    void roundAdded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showRoundStatus(const metrics::SampleRound &round);
    void syncList(QListWidget *list, const QStringList &names);
    void applyFilter();
    void refreshLivePlots(); ///< the plots that follow live data
    void refreshRatePlot();
    void refreshLagPlot();
    void refreshPlot(widgets::ThroughputPlot *plot, const std::vector<metrics::SeriesKey> &keys);
    void autoSelectBusiestTopics(const metrics::SampleRound &round);
    void onTopicItemChanged(QListWidgetItem *item);

    metrics::HistoryStore history_;
    metrics::SampleRound lastRound_;
    std::unique_ptr<metrics::RateSampler> sampler_;
    QPointer<cluster::ClusterSession> session_;
    QLineEdit *filter_;
    QListWidget *topicList_;
    QCheckBox *topicPartitions_;
    QComboBox *rateUnit_;
    QLabel *rateUnitHint_;
    widgets::ThroughputPlot *ratePlot_;
    QListWidget *groupList_;
    QCheckBox *groupPartitions_;
    widgets::ThroughputPlot *lagPlot_;
    QLabel *lagStatus_;
    QLabel *memory_;
    QComboBox *partitionDetail_;
    QLabel *status_;
    bool userPickedTopics_ = false;
    bool updatingLists_ = false;
};

} // namespace edis::ui
