#pragma once

#include "rabbit/ratehistory.h"

#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QLabel;

namespace edis::widgets {
class ThroughputPlot;
} // namespace edis::widgets

namespace edis::ui {

/// The rates of one queue or exchange from a rabbit::RateHistory, on the plot the Kafka
/// throughput page uses (widgets::ThroughputPlot, same time axis and window): publish / deliver /
/// ack in msg/s, and for a queue its depth (ready, unacknowledged) on a second plot below, since
/// messages and msg/s do not share an axis. A title names what is shown with its latest figures,
/// and a line shows what the history holds against its bound.
///
/// The view never reads the history on its own: the owner records a listing and calls
/// refresh(), which redraws once. Changing the time window or zooming re-reads the history for
/// the new range (no new data, the same points).
class RabbitRateView : public QWidget {
    Q_OBJECT
public:
    explicit RabbitRateView(QWidget *parent = nullptr);
    ~RabbitRateView() override;

    /// The history to show (not owned; it must outlive the view or be replaced by null first).
    void setHistory(const rabbit::RateHistory *history);
    const rabbit::RateHistory *history() const { return history_; }
    void showQueue(const QString &vhost, const QString &name);
    void showExchange(const QString &vhost, const QString &name);
    /// What is shown; nullopt after clear().
    const std::optional<rabbit::RateKey> &shownKey() const { return key_; }
    /// Re-reads the shown key's series and figures; call after each RateHistory::record.
    void refresh();
    /// Shows nothing (the selection went away, or another node was connected).
    void clear();

    QString titleText() const;
    QString memoryText() const;
    widgets::ThroughputPlot *ratePlot() const { return ratePlot_; }
    /// Ready and unacknowledged messages; hidden for an exchange.
    widgets::ThroughputPlot *depthPlot() const { return depthPlot_; }

    /// "120 msg/s", "3.5 msg/s", "0 msg/s": whole numbers from 10 msg/s up, one decimal below (but
    /// for 0), in the user's locale.
    static QString formatRate(double messagesPerSecond);
    /// "Queue “orders” in vhost “edis”: publish 120 msg/s · deliver 118 msg/s · ack 118 msg/s ·
    /// 42 ready · 3 unacked" (an exchange: publish in / publish out). Null `sample`: what is shown
    /// and why no figures are.
    static QString title(
        const rabbit::RateKey &key, const std::optional<rabbit::RateSample> &sample, bool known);

private:
    void select(const rabbit::RateKey &key);
    void redraw();
    void redrawPlot(
        widgets::ThroughputPlot *plot, const std::vector<std::pair<rabbit::RateMetric, QString>> &shown);
    void syncWindow(widgets::ThroughputPlot *from, widgets::ThroughputPlot *to);

    const rabbit::RateHistory *history_ = nullptr;
    std::optional<rabbit::RateKey> key_;
    QLabel *title_;
    widgets::ThroughputPlot *ratePlot_;
    widgets::ThroughputPlot *depthPlot_;
    QLabel *memory_;
};

} // namespace edis::ui
