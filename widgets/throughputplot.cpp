#include "throughputplot.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace edis::widgets {

namespace {

/// Redraws are coalesced to at most this often (about 25 per second).
constexpr int kReplotDelayMs = 40;
/// How near (in pixels) the cursor must be to a point for the tooltip.
constexpr double kHoverPixels = 24.0;

const QList<QColor> &seriesColors()
{
    static const QList<QColor> colors = {
        QColor(0x1f, 0x77, 0xb4),
        QColor(0xff, 0x7f, 0x0e),
        QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28),
        QColor(0x94, 0x67, 0xbd),
        QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2),
        QColor(0x7f, 0x7f, 0x7f),
        QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf),
    };
    return colors;
}

QString formatValue(double value)
{
    return std::abs(value) >= 100 ? QLocale().toString(value, 'f', 0) : QLocale().toString(value, 'g', 4);
}

/// 1024^n for the binary unit a magnitude is read in (B, KiB, MiB, GiB).
double binaryUnitFor(double magnitude)
{
    double unit = 1;
    for (int i = 0; i < 3 && std::abs(magnitude) >= unit * 1024; ++i) {
        unit *= 1024;
    }
    return unit;
}

QString binaryUnitName(double unit)
{
    if (unit >= 1024.0 * 1024 * 1024) {
        return ThroughputPlot::tr("GiB/s");
    }
    if (unit >= 1024.0 * 1024) {
        return ThroughputPlot::tr("MiB/s");
    }
    return unit >= 1024 ? ThroughputPlot::tr("KiB/s") : ThroughputPlot::tr("B/s");
}

QString formatInUnit(double value, double unit, int decimals)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(value / unit, 'f', decimals), binaryUnitName(unit));
}

/// Three significant digits, whole bytes.
QString formatInUnit(double value, double unit)
{
    const double scaled = std::abs(value / unit);
    return formatInUnit(value, unit, unit == 1 || scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2);
}

/// Linear value ticks at round steps of one binary unit (0, 100, 200 … KiB/s), all labelled in
/// the unit of the range's top, so that 500000 reads "488 KiB/s".
class BinaryRateTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange &range) override
    {
        unit_ = binaryUnitFor(std::max(std::abs(range.lower), std::abs(range.upper)));
        const double step = cleanMantissa(range.size() / (tickCount() + 1e-10) / unit_);
        // As many decimals as the step needs, the same on every tick: 0, 50, 100 KiB/s.
        decimals_ = unit_ == 1 || step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
        return step * unit_;
    }
    QString getTickLabel(
        double tick, const QLocale & /*locale*/, QChar /*formatChar*/, int /*precision*/) override
    {
        return formatInUnit(tick, unit_, decimals_);
    }

private:
    double unit_ = 1;
    int decimals_ = 0;
};

/// Log value ticks at powers of two, each labelled in its own binary unit.
class BinaryRateLogTicker : public QCPAxisTickerLog {
public:
    BinaryRateLogTicker() { setLogBase(2); }

protected:
    QString getTickLabel(
        double tick, const QLocale & /*locale*/, QChar /*formatChar*/, int /*precision*/) override
    {
        return ThroughputPlot::formatBytesPerSecond(tick);
    }
};

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n'))) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

ThroughputPlot::ThroughputPlot(QWidget *parent)
    : QWidget(parent)
    , plot_(new QCustomPlot(this))
    , windowBox_(new QComboBox(this))
    , liveButton_(new QToolButton(this))
    , logBox_(new QCheckBox(tr("Log scale"), this))
    , exportButton_(new QToolButton(this))
    , replotTimer_(new QTimer(this))
    , rangeSignalTimer_(new QTimer(this))
    , valueLabel_(tr("msg/s"))
{
    for (const TimeWindow w : {TimeWindow::OneMinute, TimeWindow::FiveMinutes, TimeWindow::OneHour,
             TimeWindow::OneDay, TimeWindow::All}) {
        windowBox_->addItem(windowName(w), QVariant::fromValue(static_cast<int>(w)));
    }
    windowBox_->setCurrentIndex(static_cast<int>(window_));
    windowBox_->setToolTip(tr("Time window"));
    liveButton_->setCheckable(true);
    liveButton_->setChecked(true);
    liveButton_->setText(tr("Live"));
    liveButton_->setToolTip(tr("Follow new data (Space). Zooming or panning pauses it; Home resumes."));
    exportButton_->setText(tr("Export"));
    exportButton_->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton_);
    exportMenu->addAction(tr("Export PNG…"), this, [this] { exportFromMenu(true); });
    exportMenu->addAction(tr("Export CSV…"), this, [this] { exportFromMenu(false); });
    exportButton_->setMenu(exportMenu);

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(windowBox_);
    controls->addWidget(liveButton_);
    controls->addWidget(logBox_);
    controls->addStretch(1);
    controls->addWidget(exportButton_);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);

    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss\nyyyy-MM-dd"));
    ticker->setDateTimeSpec(Qt::LocalTime);
    plot_->xAxis->setTicker(ticker);
    plot_->yAxis->setLabel(valueLabel_);
    plot_->yAxis->setRange(0, 1);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->axisRect()->setRangeDrag(Qt::Horizontal);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
    plot_->legend->setVisible(true);
    plot_->legend->setFont(QFont(font().family(), std::max(7, font().pointSize() - 1)));
    plot_->legend->setBrush(QColor(255, 255, 255, 200));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot_->setNoAntialiasingOnDrag(true);
    plot_->setFocusPolicy(Qt::StrongFocus);
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
    plot_->setMinimumHeight(160);

    replotTimer_->setSingleShot(true);
    replotTimer_->setInterval(kReplotDelayMs);
    connect(replotTimer_, &QTimer::timeout, this, [this] {
        applyRanges();
        plot_->replot(QCustomPlot::rpQueuedRefresh);
    });
    rangeSignalTimer_->setSingleShot(true);
    rangeSignalTimer_->setInterval(150);
    connect(rangeSignalTimer_, &QTimer::timeout, this,
        [this] { Q_EMIT visibleRangeChanged(visibleFrom(), visibleTo()); });

    connect(plot_->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
        &ThroughputPlot::onKeyRangeChanged);
    connect(plot_, &QCustomPlot::mouseMove, this, &ThroughputPlot::onMouseMove);
    connect(windowBox_, &QComboBox::activated, this,
        [this](int index) { setTimeWindow(static_cast<TimeWindow>(windowBox_->itemData(index).toInt())); });
    connect(liveButton_, &QToolButton::toggled, this, &ThroughputPlot::setLive);
    connect(logBox_, &QCheckBox::toggled, this, &ThroughputPlot::setLogScale);

    // Before the first sample the time axis shows the minutes up to now, not 1970's.
    now_ = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    applyRanges();
}

ThroughputPlot::~ThroughputPlot() = default;

void ThroughputPlot::setValueLabel(const QString &label)
{
    valueLabel_ = label;
    plot_->yAxis->setLabel(label);
    scheduleReplot();
}

void ThroughputPlot::setValueUnit(ValueUnit unit)
{
    if (unit == unit_) {
        return;
    }
    unit_ = unit;
    applyTicker();
    scheduleReplot();
}

QString ThroughputPlot::formatBytesPerSecond(double bytesPerSecond)
{
    return formatInUnit(bytesPerSecond, binaryUnitFor(bytesPerSecond));
}

QStringList ThroughputPlot::valueTickLabels() const
{
    return plot_->yAxis->tickVectorLabels(); // QVector<QString> is QStringList in Qt 6
}

QString ThroughputPlot::formatWithUnit(double value) const
{
    return unit_ == ValueUnit::BytesPerSecond ? formatBytesPerSecond(value)
                                              : QStringLiteral("%1 %2").arg(formatValue(value), valueLabel_);
}

void ThroughputPlot::applyTicker()
{
    const bool bytes = unit_ == ValueUnit::BytesPerSecond;
    if (logScale_) {
        plot_->yAxis->setTicker(bytes ? QSharedPointer<QCPAxisTickerLog>(new BinaryRateLogTicker)
                                      : QSharedPointer<QCPAxisTickerLog>::create());
    } else {
        plot_->yAxis->setTicker(bytes ? QSharedPointer<QCPAxisTicker>(new BinaryRateTicker)
                                      : QSharedPointer<QCPAxisTicker>::create());
    }
}

QColor ThroughputPlot::colorFor(const QString &colorKey)
{
    const QList<QColor> &palette = seriesColors();
    auto it = colorIndex_.find(colorKey);
    if (it == colorIndex_.end()) {
        // The first colour no series on the plot has; when all are taken, they repeat.
        std::vector<bool> taken(static_cast<std::size_t>(palette.size()), false);
        for (const auto &[id, key] : colorKeyOf_) {
            if (const auto used = colorIndex_.find(key); used != colorIndex_.end()) {
                taken[static_cast<std::size_t>(used->second % palette.size())] = true;
            }
        }
        const auto free = std::find(taken.begin(), taken.end(), false);
        const int index = free != taken.end() ? static_cast<int>(free - taken.begin())
                                              : static_cast<int>(colorIndex_.size() % palette.size());
        it = colorIndex_.emplace(colorKey, index).first;
    }
    return palette.at(it->second % palette.size());
}

QColor ThroughputPlot::seriesColor(const QString &id) const
{
    const auto it = graphs_.find(id);
    return it == graphs_.end() ? QColor() : it->second->pen().color();
}

void ThroughputPlot::addSeries(const QString &id, const QString &label, const QString &colorKey)
{
    if (graphs_.contains(id)) {
        return;
    }
    const QString key = colorKey.isEmpty() ? label : colorKey;
    const QColor color = colorFor(key);
    colorKeyOf_[id] = key;
    QCPGraph *graph = plot_->addGraph();
    graph->setName(label);
    graph->setPen(QPen(color, 1.5));
    graph->setAdaptiveSampling(true);
    graphs_[id] = graph;
    scheduleReplot();
}

bool ThroughputPlot::removeSeries(const QString &id)
{
    const auto it = graphs_.find(id);
    if (it == graphs_.end()) {
        return false;
    }
    plot_->removeGraph(it->second);
    graphs_.erase(it);
    colorKeyOf_.erase(id);
    scheduleReplot();
    return true;
}

void ThroughputPlot::clearSeries()
{
    plot_->clearGraphs();
    graphs_.clear();
    colorKeyOf_.clear();
    colorIndex_.clear();
    scheduleReplot();
}

QStringList ThroughputPlot::seriesIds() const
{
    QStringList ids;
    for (const auto &[id, graph] : graphs_) {
        ids << id;
    }
    return ids;
}

QString ThroughputPlot::seriesLabel(const QString &id) const
{
    const auto it = graphs_.find(id);
    return it == graphs_.end() ? QString() : it->second->name();
}

void ThroughputPlot::setSeriesData(const QString &id, const QList<double> &keys, const QList<double> &values)
{
    const auto it = graphs_.find(id);
    if (it == graphs_.end()) {
        return;
    }
    it->second->setData(keys, values, true); // one bulk copy, already sorted
    scheduleReplot();
}

int ThroughputPlot::pointCount(const QString &id) const
{
    const auto it = graphs_.find(id);
    return it == graphs_.end() ? 0 : it->second->dataCount();
}

void ThroughputPlot::setNow(double seconds)
{
    now_ = seconds;
    if (live_) {
        scheduleReplot();
    }
}

double ThroughputPlot::windowSeconds(TimeWindow window)
{
    switch (window) {
    case TimeWindow::OneMinute:
        return 60;
    case TimeWindow::FiveMinutes:
        return 300;
    case TimeWindow::OneHour:
        return 3600;
    case TimeWindow::OneDay:
        return 86'400;
    case TimeWindow::All:
        return 0;
    }
    return 0;
}

QString ThroughputPlot::windowName(TimeWindow window)
{
    switch (window) {
    case TimeWindow::OneMinute:
        return tr("1 min");
    case TimeWindow::FiveMinutes:
        return tr("5 min");
    case TimeWindow::OneHour:
        return tr("1 h");
    case TimeWindow::OneDay:
        return tr("24 h");
    case TimeWindow::All:
        return tr("All");
    }
    return {};
}

void ThroughputPlot::setTimeWindow(TimeWindow window)
{
    const bool changed = window != window_;
    window_ = window;
    windowBox_->setCurrentIndex(windowBox_->findData(static_cast<int>(window)));
    // Picking a window means "show me the latest N": follow live again.
    setLive(true);
    applyRanges();
    scheduleReplot();
    if (changed) {
        Q_EMIT timeWindowChanged(window);
    }
}

void ThroughputPlot::setLive(bool live)
{
    if (live == live_) {
        return;
    }
    live_ = live;
    const QSignalBlocker blocker(liveButton_);
    liveButton_->setChecked(live);
    liveButton_->setText(live ? tr("Live") : tr("Paused"));
    scheduleReplot();
    Q_EMIT liveChanged(live);
}

void ThroughputPlot::setLogScale(bool logScale)
{
    if (logScale == logScale_) {
        return;
    }
    logScale_ = logScale;
    const QSignalBlocker blocker(logBox_);
    logBox_->setChecked(logScale);
    plot_->yAxis->setScaleType(logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    applyTicker();
    scheduleReplot();
    Q_EMIT logScaleChanged(logScale);
}

double ThroughputPlot::visibleFrom() const
{
    return plot_->xAxis->range().lower;
}

double ThroughputPlot::visibleTo() const
{
    return plot_->xAxis->range().upper;
}

void ThroughputPlot::setVisibleRange(double from, double to)
{
    setLive(false);
    plot_->xAxis->setRange(from, to); // emits rangeChanged as a user change would
    scheduleReplot();
}

void ThroughputPlot::scheduleReplot()
{
    if (!replotTimer_->isActive()) {
        replotTimer_->start();
    }
}

void ThroughputPlot::replotNow()
{
    replotTimer_->stop();
    applyRanges();
    plot_->replot(QCustomPlot::rpImmediateRefresh);
}

void ThroughputPlot::applyRanges()
{
    plot_->legend->setVisible(!graphs_.empty()); // no empty legend box on a plot without series
    applyingRange_ = true;
    if (live_) {
        const double span = windowSeconds(window_);
        double from = now_ - span;
        if (span <= 0) {
            from = now_;
            for (const auto &[id, graph] : graphs_) {
                if (!graph->data()->isEmpty()) {
                    from = std::min(from, graph->data()->constBegin()->key);
                }
            }
            if (from >= now_) {
                from = now_ - 60;
            }
        }
        plot_->xAxis->setRange(from, now_);
    }
    // The value axis always fits what is on screen.
    const QCPRange keys = plot_->xAxis->range();
    double maxValue = 0;
    double minPositive = std::numeric_limits<double>::max();
    for (const auto &[id, graph] : graphs_) {
        bool found = false;
        const QCPRange values = graph->getValueRange(found, QCP::sdBoth, keys);
        if (found) {
            maxValue = std::max(maxValue, values.upper);
            if (values.lower > 0) {
                minPositive = std::min(minPositive, values.lower);
            }
        }
        if (logScale_) {
            bool positiveFound = false;
            const QCPRange positive = graph->getValueRange(positiveFound, QCP::sdPositive, keys);
            if (positiveFound && positive.lower > 0) {
                minPositive = std::min(minPositive, positive.lower);
            }
        }
    }
    if (logScale_) {
        const double upper = std::max(10.0, maxValue * 2);
        const double lower
            = minPositive == std::numeric_limits<double>::max() ? 0.1 : std::max(0.01, minPositive / 2);
        plot_->yAxis->setRange(std::min(lower, upper / 10), upper);
    } else {
        plot_->yAxis->setRange(0, maxValue > 0 ? maxValue * 1.1 : 1);
    }
    applyingRange_ = false;
}

void ThroughputPlot::onKeyRangeChanged()
{
    if (applyingRange_) {
        return;
    }
    // A change not made by applyRanges(): the user zoomed or panned.
    setLive(false);
    rangeSignalTimer_->start();
    scheduleReplot();
}

QString ThroughputPlot::tooltipAt(const QPoint &pos) const
{
    if (!plot_->axisRect()->rect().contains(pos)) {
        return {};
    }
    const double key = plot_->xAxis->pixelToCoord(pos.x());
    const QCPGraph *best = nullptr;
    double bestDistance = kHoverPixels;
    QCPGraphData bestPoint;
    for (const auto &[id, graph] : graphs_) {
        if (!graph->visible() || graph->data()->isEmpty()) {
            continue;
        }
        auto it = graph->data()->findBegin(key, false);
        // The nearer of the two points around the cursor.
        QCPGraphDataContainer::const_iterator candidates[2]
            = {it, it == graph->data()->constBegin() ? it : it - 1};
        for (const auto &c : candidates) {
            if (c == graph->data()->constEnd() || std::isnan(c->value)) {
                continue;
            }
            const double dx = plot_->xAxis->coordToPixel(c->key) - pos.x();
            const double dy = plot_->yAxis->coordToPixel(c->value) - pos.y();
            const double distance = std::hypot(dx, dy);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = graph;
                bestPoint = *c;
            }
        }
    }
    if (!best) {
        return {};
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(bestPoint.key * 1000));
    return QStringLiteral("%1\n%2\n%3")
        .arg(best->name(), QLocale().toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            formatWithUnit(bestPoint.value));
}

void ThroughputPlot::onMouseMove(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const QString text = tooltipAt(pos);
    if (text.isEmpty()) {
        QToolTip::hideText();
    } else {
        QToolTip::showText(plot_->mapToGlobal(pos), text, plot_);
    }
}

void ThroughputPlot::zoomKeys(double factor)
{
    setLive(false);
    const QCPRange r = plot_->xAxis->range();
    const double center = live_ ? r.upper : r.center();
    plot_->xAxis->setRange(center - r.size() * factor / 2, center + r.size() * factor / 2);
}

void ThroughputPlot::panKeys(double fraction)
{
    setLive(false);
    plot_->xAxis->moveRange(plot_->xAxis->range().size() * fraction);
}

bool ThroughputPlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == plot_ && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Left:
            panKeys(-0.1);
            return true;
        case Qt::Key_Right:
            panKeys(0.1);
            return true;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomKeys(0.5);
            return true;
        case Qt::Key_Minus:
            zoomKeys(2.0);
            return true;
        case Qt::Key_Home:
        case Qt::Key_End:
            setLive(true);
            return true;
        case Qt::Key_Space:
            setLive(!live_);
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QByteArray ThroughputPlot::toCsv() const
{
    const QCPRange visible = plot_->xAxis->range();
    std::vector<std::pair<QString, const QCPGraph *>> columns;
    std::vector<double> times;
    for (const auto &[id, graph] : graphs_) {
        columns.emplace_back(graph->name(), graph);
        for (auto it = graph->data()->findBegin(visible.lower, false);
             it != graph->data()->findEnd(visible.upper, false); ++it) {
            times.push_back(it->key);
        }
    }
    std::sort(columns.begin(), columns.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    QByteArray out = "time,epoch_seconds";
    for (const auto &[label, graph] : columns) {
        out += ',' + csvField(label).toUtf8();
    }
    out += '\n';
    std::vector<QCPGraphDataContainer::const_iterator> cursors;
    cursors.reserve(columns.size());
    for (const auto &[label, graph] : columns) {
        cursors.push_back(graph->data()->findBegin(visible.lower, false));
    }
    for (const double t : times) {
        out += QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::llround(t * 1000)), Qt::UTC)
                   .toString(Qt::ISODateWithMs)
                   .toUtf8();
        out += ',' + QByteArray::number(t, 'f', 3);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            auto &it = cursors[c];
            const auto end = columns[c].second->data()->constEnd();
            while (it != end && it->key < t) {
                ++it;
            }
            out += ',';
            if (it != end && it->key == t && !std::isnan(it->value)) {
                out += QByteArray::number(it->value, 'g', 10);
            }
        }
        out += '\n';
    }
    return out;
}

bool ThroughputPlot::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toCsv()) < 0 || !file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

bool ThroughputPlot::exportPng(const QString &path, QString *error)
{
    applyRanges();
    if (!plot_->savePng(path, std::max(plot_->width(), 800), std::max(plot_->height(), 400))) {
        if (error) {
            *error = tr("Cannot write %1").arg(path);
        }
        return false;
    }
    return true;
}

void ThroughputPlot::exportFromMenu(bool png)
{
    const QString path = QFileDialog::getSaveFileName(this, png ? tr("Export PNG") : tr("Export CSV"),
        QString(), png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!(png ? exportPng(path, &error) : exportCsv(path, &error))) {
        QMessageBox::warning(this, tr("Export failed"), error);
    }
}

} // namespace edis::widgets
