#include "pages/rabbitrateview.h"

#include "throughputplot.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace edis::ui {

namespace {

/// More than a day at the page's 5 s refresh: the history's 720 points are never thinned.
constexpr int kMaxPlotPoints = 3000;

using Metrics = std::vector<std::pair<rabbit::RateMetric, QString>>;

QString shownName(const rabbit::RateKey &key)
{
    if (key.kind == rabbit::RateKey::Kind::Exchange && key.name.isEmpty()) {
        return RabbitRateView::tr("the default exchange in vhost “%1”").arg(key.vhost);
    }
    return key.kind == rabbit::RateKey::Kind::Queue
        ? RabbitRateView::tr("queue “%1” in vhost “%2”").arg(key.name, key.vhost)
        : RabbitRateView::tr("exchange “%1” in vhost “%2”").arg(key.name, key.vhost);
}

} // namespace

RabbitRateView::RabbitRateView(QWidget *parent)
    : QWidget(parent)
    , title_(new QLabel(this))
    , ratePlot_(new widgets::ThroughputPlot(this))
    , depthPlot_(new widgets::ThroughputPlot(this))
    , memory_(new QLabel(this))
{
    title_->setObjectName(QStringLiteral("rateTitle"));
    title_->setWordWrap(true);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ratePlot_->setObjectName(QStringLiteral("ratePlot"));
    ratePlot_->setValueLabel(tr("msg/s"));
    depthPlot_->setObjectName(QStringLiteral("depthPlot"));
    depthPlot_->setValueLabel(tr("messages"));
    memory_->setObjectName(QStringLiteral("rateMemory"));
    memory_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(ratePlot_, 3);
    layout->addWidget(depthPlot_, 2);
    layout->addWidget(memory_);

    // Both plots show the same time range; a change of window or a zoom re-reads the history.
    for (widgets::ThroughputPlot *plot : {ratePlot_, depthPlot_}) {
        widgets::ThroughputPlot *other = plot == ratePlot_ ? depthPlot_ : ratePlot_;
        connect(plot, &widgets::ThroughputPlot::timeWindowChanged, this, [this, plot, other] {
            syncWindow(plot, other);
            redraw();
        });
        connect(plot, &widgets::ThroughputPlot::liveChanged, this, [this, plot, other] {
            syncWindow(plot, other);
            redraw();
        });
        connect(plot, &widgets::ThroughputPlot::visibleRangeChanged, this, [this] { redraw(); });
    }
    clear();
}

RabbitRateView::~RabbitRateView() = default;

void RabbitRateView::setHistory(const rabbit::RateHistory *history)
{
    history_ = history;
    refresh();
}

void RabbitRateView::showQueue(const QString &vhost, const QString &name)
{
    select(rabbit::RateKey::queue(vhost, name));
}

void RabbitRateView::showExchange(const QString &vhost, const QString &name)
{
    select(rabbit::RateKey::exchange(vhost, name));
}

void RabbitRateView::select(const rabbit::RateKey &key)
{
    if (key_ == key) {
        return;
    }
    key_ = key;
    ratePlot_->clearSeries(); // another object: its lines start over with their colours
    depthPlot_->clearSeries();
    depthPlot_->setVisible(key.kind == rabbit::RateKey::Kind::Queue);
    refresh();
}

void RabbitRateView::clear()
{
    key_.reset();
    ratePlot_->clearSeries();
    depthPlot_->clearSeries();
    ratePlot_->replotNow();
    depthPlot_->replotNow();
    depthPlot_->setVisible(true);
    title_->setText(tr("Select a queue or an exchange to plot its rates."));
    memory_->clear();
}

void RabbitRateView::refresh()
{
    if (!key_) {
        return;
    }
    const bool known = history_ && history_->contains(*key_);
    if (!known && history_ && history_->refusedKeys(key_->kind) > 0) {
        // Refused for want of room: say so, rather than promise figures that will not come.
        QString what = shownName(*key_);
        what[0] = what[0].toUpper();
        title_->setText(tr("%1: not recorded; the history keeps at most %2 queues and exchanges.")
                            .arg(what, QLocale().toString(history_->config().maxKeys)));
    } else {
        title_->setText(title(*key_, history_ ? history_->latest(*key_) : std::nullopt, known));
    }
    if (history_) {
        const QLocale locale;
        memory_->setText(tr("History: %1 of at most %2 (%3 queues and exchanges of at most %4, %5 "
                            "points each)")
                             .arg(locale.formattedDataSize(static_cast<qint64>(history_->memoryBytes())),
                                 locale.formattedDataSize(static_cast<qint64>(history_->boundBytes())),
                                 locale.toString(static_cast<qulonglong>(history_->keyCount())),
                                 locale.toString(history_->config().maxKeys),
                                 locale.toString(history_->config().pointsPerKey)));
    } else {
        memory_->clear();
    }
    redraw();
}

void RabbitRateView::redraw()
{
    if (!key_) {
        return;
    }
    if (key_->kind == rabbit::RateKey::Kind::Queue) {
        redrawPlot(ratePlot_,
            {{rabbit::RateMetric::Publish, tr("publish")}, {rabbit::RateMetric::Deliver, tr("deliver")},
                {rabbit::RateMetric::Ack, tr("ack")}});
        redrawPlot(depthPlot_,
            {{rabbit::RateMetric::Ready, tr("ready")}, {rabbit::RateMetric::Unacked, tr("unacked")}});
    } else {
        redrawPlot(ratePlot_,
            {{rabbit::RateMetric::Publish, tr("publish in")},
                {rabbit::RateMetric::Deliver, tr("publish out")}});
    }
}

void RabbitRateView::redrawPlot(widgets::ThroughputPlot *plot, const Metrics &shown)
{
    const qint64 nowMs = history_ ? history_->lastTimeMs() : 0;
    qint64 fromMs = 0;
    qint64 toMs = nowMs;
    if (plot->isLive()) {
        const double window = widgets::ThroughputPlot::windowSeconds(plot->timeWindow());
        fromMs = window > 0 ? nowMs - static_cast<qint64>(window * 1000) : 0;
    } else {
        fromMs = static_cast<qint64>(plot->visibleFrom() * 1000);
        toMs = static_cast<qint64>(plot->visibleTo() * 1000);
    }
    for (const auto &[metric, label] : shown) {
        const QString id = label; // one series per metric: the label is unique in its plot
        plot->addSeries(id, label);
        const metrics::SeriesData points = history_
            ? history_->series(*key_, metric, fromMs, toMs, kMaxPlotPoints)
            : metrics::SeriesData {};
        plot->setSeriesData(id, points.keys, points.values);
    }
    if (nowMs > 0) {
        plot->setNow(static_cast<double>(nowMs) / 1000.0);
    }
}

void RabbitRateView::syncWindow(widgets::ThroughputPlot *from, widgets::ThroughputPlot *to)
{
    if (to->timeWindow() != from->timeWindow()) {
        to->setTimeWindow(from->timeWindow());
    }
    if (to->isLive() != from->isLive()) {
        to->setLive(from->isLive());
    }
}

QString RabbitRateView::titleText() const
{
    return title_->text();
}

QString RabbitRateView::memoryText() const
{
    return memory_->text();
}

QString RabbitRateView::formatRate(double messagesPerSecond)
{
    // A slow queue's 0.4 msg/s is not "0 msg/s"; an idle one's is.
    const int decimals = messagesPerSecond > 0 && messagesPerSecond < 10 ? 1 : 0;
    return tr("%1 msg/s").arg(QLocale().toString(messagesPerSecond, 'f', decimals));
}

QString RabbitRateView::title(
    const rabbit::RateKey &key, const std::optional<rabbit::RateSample> &sample, bool known)
{
    QString what = shownName(key);
    what[0] = what[0].toUpper();
    if (!sample) {
        return known ? tr("%1: not in the last listing.").arg(what)
                     : tr("%1: no figures yet; they come with the next refresh.").arg(what);
    }
    const QString separator = QStringLiteral(" · ");
    QStringList figures;
    if (key.kind == rabbit::RateKey::Kind::Queue) {
        const QLocale locale;
        figures << tr("publish %1").arg(formatRate(sample->rates.publish))
                << tr("deliver %1").arg(formatRate(sample->rates.deliver))
                << tr("ack %1").arg(formatRate(sample->rates.ack))
                << tr("%1 ready").arg(locale.toString(sample->ready))
                << tr("%1 unacked").arg(locale.toString(sample->unacked));
    } else {
        figures << tr("publish in %1").arg(formatRate(sample->rates.publish))
                << tr("publish out %1").arg(formatRate(sample->rates.deliver));
    }
    return tr("%1: %2").arg(what, figures.join(separator));
}

} // namespace edis::ui
