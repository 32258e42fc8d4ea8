#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCustomPlot;
class QTimer;
class QToolButton;

namespace edis::widgets {

/// A live time-series plot (QCustomPlot) with its controls: one graph per series, legend, hover
/// tooltip, mouse and keyboard zoom/pan on the time axis, a time-window selector, pause/resume
/// of live follow, linear/log scale, PNG and CSV export.
///
/// Data comes in bulk per series (setSeriesData) and the plot is redrawn on a coalescing timer
/// with rpQueuedRefresh, never once per point. Keys are seconds since the epoch.
class ThroughputPlot : public QWidget {
    Q_OBJECT
public:
    enum class TimeWindow { OneMinute, FiveMinutes, OneHour, OneDay, All };
    Q_ENUM(TimeWindow)
    /// What the values count: plain numbers (msg/s, messages behind), or bytes per second,
    /// whose ticks and tooltips read in binary units (B/s, KiB/s, MiB/s, GiB/s).
    enum class ValueUnit { Count, BytesPerSecond };
    Q_ENUM(ValueUnit)

    explicit ThroughputPlot(QWidget *parent = nullptr);
    ~ThroughputPlot() override;

    /// Unit of the value axis, shown on it and in tooltips ("msg/s", "messages behind").
    void setValueLabel(const QString &label);
    QString valueLabel() const { return valueLabel_; }
    void setValueUnit(ValueUnit unit);
    ValueUnit valueUnit() const { return unit_; }
    /// A rate in bytes per second in binary units with three significant digits: "488 KiB/s".
    static QString formatBytesPerSecond(double bytesPerSecond);
    /// The value axis' tick labels as drawn now (after a replot).
    QStringList valueTickLabels() const;

    /// Adds a series (a graph with a legend entry); does nothing if `id` exists. Its colour
    /// belongs to `colorKey` (default: the label, e.g. the topic): the same key gets the same
    /// colour for as long as the plot lives (until clearSeries), whatever else comes and goes.
    void addSeries(const QString &id, const QString &label, const QString &colorKey = {});
    QColor seriesColor(const QString &id) const;
    bool removeSeries(const QString &id);
    void clearSeries();
    bool hasSeries(const QString &id) const { return graphs_.contains(id); }
    QStringList seriesIds() const;
    int seriesCount() const { return static_cast<int>(graphs_.size()); }
    QString seriesLabel(const QString &id) const;
    /// Replaces all points of a series. `keys` must be sorted; NaN values are gaps.
    void setSeriesData(const QString &id, const QList<double> &keys, const QList<double> &values);
    int pointCount(const QString &id) const;

    /// The newest time the data reaches: the right edge while following live.
    void setNow(double seconds);
    double now() const { return now_; }

    void setTimeWindow(TimeWindow window);
    TimeWindow timeWindow() const { return window_; }
    /// Length of a window in seconds; 0 for All.
    static double windowSeconds(TimeWindow window);
    static QString windowName(TimeWindow window);

    /// Live: the time axis follows now(). Zooming or panning by hand pauses it.
    void setLive(bool live);
    bool isLive() const { return live_; }

    void setLogScale(bool logScale);
    bool isLogScale() const { return logScale_; }

    /// The time range on screen, seconds since the epoch.
    double visibleFrom() const;
    double visibleTo() const;
    /// Shows [from, to] and pauses live follow (what a zoom by hand does).
    void setVisibleRange(double from, double to);

    /// The series' points within the visible time range as CSV: a header
    /// "time,epoch_seconds,<label>..." and one row per time any series has a point.
    QByteArray toCsv() const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    bool exportPng(const QString &path, QString *error = nullptr);

    /// The tooltip text hovering at `pos` (plot coordinates) would show; empty if none.
    QString tooltipAt(const QPoint &pos) const;

    QCustomPlot *customPlot() const { return plot_; }
    /// Ranges and redraw now (for tests and benches); the UI itself redraws on its timer.
    void replotNow();

Q_SIGNALS:
    void timeWindowChanged(edis::widgets::ThroughputPlot::TimeWindow window);
    void liveChanged(bool live);
    void logScaleChanged(bool logScale);
    /// The user zoomed or panned: the owner may fetch finer data for [from, to].
    void visibleRangeChanged(double from, double to);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleReplot();
    void applyRanges();
    void onKeyRangeChanged();
    void onMouseMove(QMouseEvent *event);
    void exportFromMenu(bool png);
    void zoomKeys(double factor);
    QColor colorFor(const QString &colorKey);
    void applyTicker();
    QString formatWithUnit(double value) const;
    void panKeys(double fraction);

    QCustomPlot *plot_;
    QComboBox *windowBox_;
    QToolButton *liveButton_;
    QCheckBox *logBox_;
    QToolButton *exportButton_;
    QTimer *replotTimer_;
    QTimer *rangeSignalTimer_;
    std::map<QString, QCPGraph *> graphs_;
    QString valueLabel_;
    TimeWindow window_ = TimeWindow::FiveMinutes;
    double now_ = 0;
    bool live_ = true;
    bool logScale_ = false;
    bool applyingRange_ = false;
    ValueUnit unit_ = ValueUnit::Count;
    std::map<QString, int> colorIndex_; ///< colour key → index into the series palette
    std::map<QString, QString> colorKeyOf_; ///< series id → its colour key
};

} // namespace edis::widgets
