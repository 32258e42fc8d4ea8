#include "pages/throughputpage.h"

#include "cluster/clustersession.h"
#include "metrics/ratesampler.h"
#include "throughputplot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace edis::ui {

namespace {

/// Points handed to a plot per series: about two per pixel of a wide screen. Longer ranges are
/// averaged down by the history (zooming in fetches finer data again).
constexpr int kMaxPlotPoints = 3000;
/// Topics picked automatically until the user picks: the busiest ones.
constexpr int kAutoSelectedTopics = 5;

QStringList checkedNames(const QListWidget *list)
{
    QStringList names;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked) {
            names << list->item(i)->text();
        }
    }
    return names;
}

void setChecked(QListWidget *list, const QStringList &names)
{
    for (int i = 0; i < list->count(); ++i) {
        QListWidgetItem *item = list->item(i);
        item->setCheckState(names.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
}

QString tierText(const metrics::TierConfig &tier)
{
    const auto span = [](qint64 seconds) {
        return seconds >= 86'400 ? QObject::tr("%1 d").arg(seconds / 86'400)
            : seconds >= 3600    ? QObject::tr("%1 h").arg(seconds / 3600)
                                 : QObject::tr("%1 min").arg(seconds / 60);
    };
    return QObject::tr("%1 at the sampling interval, then %2 at %3 s")
        .arg(QObject::tr("%n sample(s)", nullptr, tier.fineCapacity), span(tier.coarseSpanSeconds()))
        .arg(tier.coarseBucketSeconds);
}

} // namespace

ThroughputPage::ThroughputPage(QWidget *parent)
    : QWidget(parent)
    , filter_(new QLineEdit(this))
    , topicList_(new QListWidget(this))
    , topicPartitions_(new QCheckBox(tr("Partitions of the topic"), this))
    , rateUnit_(new QComboBox(this))
    , rateUnitHint_(new QLabel(this))
    , ratePlot_(new widgets::ThroughputPlot(this))
    , groupList_(new QListWidget(this))
    , groupPartitions_(new QCheckBox(tr("Partitions of the group"), this))
    , lagPlot_(new widgets::ThroughputPlot(this))
    , lagStatus_(new QLabel(this))
    , memory_(new QLabel(this))
    , partitionDetail_(new QComboBox(this))
    , status_(new QLabel(this))
{
    partitionDetail_->setObjectName(QStringLiteral("partitionDetailBox"));
    partitionDetail_->addItem(tr("Partitions: 1 h at 1 s"), 3'600);
    partitionDetail_->addItem(tr("Partitions: 24 h at 1 s"), 86'400);
    setPartitionDetailSeconds(
        QSettings().value(QStringLiteral("throughput/partitionDetailSeconds"), 3'600).toInt());
    connect(partitionDetail_, &QComboBox::activated, this, [this] {
        const int seconds = partitionDetail_->currentData().toInt();
        QSettings().setValue(QStringLiteral("throughput/partitionDetailSeconds"), seconds);
        setPartitionDetailSeconds(seconds);
    });
    rateUnit_->setObjectName(QStringLiteral("rateUnitBox"));
    rateUnit_->addItem(tr("Messages/s"), int(RateUnit::Messages));
    rateUnit_->addItem(tr("Bytes/s written by EDIS"), int(RateUnit::BytesWritten));
    rateUnit_->addItem(tr("Bytes/s read by EDIS"), int(RateUnit::BytesRead));
    rateUnit_->setToolTip(tr("Messages/s count every producer (from the log-end offsets). A broker does "
                             "not report bytes per topic: bytes/s come from the statistics of EDIS's "
                             "own clients — the inspector, the produce dialog, import and replay, and "
                             "the sandbox's traffic."));
    rateUnitHint_->setWordWrap(true);
    rateUnitHint_->setText(tr("Only topics that EDIS's own clients write or read have a line."));
    rateUnitHint_->setVisible(false);
    connect(rateUnit_, &QComboBox::currentIndexChanged, this, [this] {
        const bool bytes = rateUnit() != RateUnit::Messages;
        ratePlot_->setValueLabel(bytes ? tr("bytes/s") : tr("msg/s"));
        ratePlot_->setValueUnit(bytes ? widgets::ThroughputPlot::ValueUnit::BytesPerSecond
                                      : widgets::ThroughputPlot::ValueUnit::Count);
        rateUnitHint_->setVisible(bytes);
        refreshRatePlot();
    });
    qRegisterMetaType<edis::metrics::SampleRound>();
    filter_->setPlaceholderText(tr("Filter topics"));
    filter_->setClearButtonEnabled(true);
    topicPartitions_->setToolTip(tr("With one topic checked: a series per partition."));
    groupPartitions_->setToolTip(tr("With one group checked: a series per partition."));
    lagPlot_->setValueLabel(tr("messages behind"));
    lagStatus_->setWordWrap(true);
    memory_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setObjectName(QStringLiteral("throughputStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true); // an error from the sampler must not widen the window

    auto *topicPanel = new QWidget(this);
    auto *topicLayout = new QVBoxLayout(topicPanel);
    topicLayout->setContentsMargins(0, 0, 0, 0);
    topicLayout->addWidget(new QLabel(tr("<b>Topics</b>"), topicPanel));
    topicLayout->addWidget(filter_);
    topicLayout->addWidget(topicList_, 1);
    topicLayout->addWidget(topicPartitions_);
    topicLayout->addWidget(rateUnit_);
    topicLayout->addWidget(rateUnitHint_);

    auto *lagPanel = new QWidget(this);
    auto *lagLayout = new QHBoxLayout(lagPanel);
    lagLayout->setContentsMargins(0, 0, 0, 0);
    auto *groupColumn = new QVBoxLayout;
    groupColumn->addWidget(new QLabel(tr("<b>Consumer group lag</b>"), lagPanel));
    groupColumn->addWidget(groupList_, 1);
    groupColumn->addWidget(groupPartitions_);
    groupColumn->addWidget(lagStatus_);
    lagLayout->addLayout(groupColumn);
    lagLayout->addWidget(lagPlot_, 1);

    auto *plots = new QSplitter(Qt::Vertical, this);
    plots->addWidget(ratePlot_);
    plots->addWidget(lagPanel);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 2);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(topicPanel);
    split->addWidget(plots);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 800});

    auto *footer = new QHBoxLayout;
    footer->addWidget(status_, 1);
    footer->addWidget(memory_);
    footer->addWidget(partitionDetail_);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addLayout(footer);

    connect(filter_, &QLineEdit::textChanged, this, &ThroughputPage::applyFilter);
    connect(topicList_, &QListWidget::itemChanged, this, &ThroughputPage::onTopicItemChanged);
    connect(groupList_, &QListWidget::itemChanged, this, [this] {
        if (!updatingLists_) {
            refreshLagPlot();
        }
    });
    connect(topicPartitions_, &QCheckBox::toggled, this, &ThroughputPage::refreshRatePlot);
    connect(groupPartitions_, &QCheckBox::toggled, this, &ThroughputPage::refreshLagPlot);
    for (widgets::ThroughputPlot *plot : {ratePlot_, lagPlot_}) {
        const auto refresh = [this, plot] { plot == ratePlot_ ? refreshRatePlot() : refreshLagPlot(); };
        connect(plot, &widgets::ThroughputPlot::timeWindowChanged, this, refresh);
        connect(plot, &widgets::ThroughputPlot::visibleRangeChanged, this, refresh);
        connect(plot, &widgets::ThroughputPlot::liveChanged, this, refresh);
    }
    memory_->setText(memoryText());
    status_->setText(tr("Not sampling."));
}

ThroughputPage::~ThroughputPage() = default;

void ThroughputPage::setSession(cluster::ClusterSession *session)
{
    if (session == session_ && sampler_) {
        return;
    }
    session_ = session;
    if (!session) {
        stop();
        return;
    }
    setConnection(session->settings());
}

void ThroughputPage::setConnection(const kafka::ConnectionSettings &settings)
{
    stop();
    history_.clear();
    lastRound_ = {};
    userPickedTopics_ = false;
    updatingLists_ = true;
    topicList_->clear();
    groupList_->clear();
    updatingLists_ = false;
    ratePlot_->clearSeries();
    lagPlot_->clearSeries();

    metrics::SamplerOptions options;
    // The sandbox's mock broker cannot list groups (no admin requests).
    options.allGroups = !settings.isSandbox;
    sampler_ = std::make_unique<metrics::RateSampler>(settings);
    sampler_->setOptions(options);
    connect(sampler_.get(), &metrics::RateSampler::roundSampled, this, &ThroughputPage::addRound);
    connect(sampler_.get(), &metrics::RateSampler::failed, this, [this](const kafka::KafkaError &error) {
        status_->setText(tr("Cannot sample: %1").arg(error.message));
    });
    lagStatus_->setText(settings.isSandbox ? tr("The sandbox cannot list consumer groups.") : QString());
    status_->setText(
        tr("Sampling %1…")
            .arg(settings.displayName.isEmpty() ? settings.bootstrapServers : settings.displayName));
    sampler_->start();
}

void ThroughputPage::stop()
{
    sampler_.reset(); // joins the sampler thread; a round in flight is bounded by its timeout
}

QStringList ThroughputPage::topics() const
{
    QStringList names;
    for (int i = 0; i < topicList_->count(); ++i) {
        names << topicList_->item(i)->text();
    }
    return names;
}

QStringList ThroughputPage::selectedTopics() const
{
    return checkedNames(topicList_);
}

void ThroughputPage::setSelectedTopics(const QStringList &topics)
{
    userPickedTopics_ = true;
    updatingLists_ = true;
    setChecked(topicList_, topics);
    updatingLists_ = false;
    refreshRatePlot();
}

QStringList ThroughputPage::selectedGroups() const
{
    return checkedNames(groupList_);
}

void ThroughputPage::setSelectedGroups(const QStringList &groups)
{
    updatingLists_ = true;
    setChecked(groupList_, groups);
    updatingLists_ = false;
    refreshLagPlot();
}

void ThroughputPage::setTopicPartitionsShown(bool shown)
{
    topicPartitions_->setChecked(shown);
}

void ThroughputPage::setGroupPartitionsShown(bool shown)
{
    groupPartitions_->setChecked(shown);
}

void ThroughputPage::setPartitionDetailSeconds(int seconds)
{
    seconds = seconds >= 86'400 ? 86'400 : 3'600;
    const int index = partitionDetail_->findData(seconds);
    partitionDetail_->setCurrentIndex(index);
    // What the choice costs when full: 4 bytes per second per partition series.
    std::size_t partitionSeries = 0;
    for (const auto &key : history_.keys()) {
        partitionSeries += key.isDetail() ? 1 : 0;
    }
    const auto full = [&](int s) {
        return QLocale().formattedDataSize(qint64(partitionSeries) * s * qint64(sizeof(float)));
    };
    partitionDetail_->setToolTip(
        tr("How long each partition's rate and lag keep 1 s resolution; older data is "
           "averaged to 1 min. For the %n partition series seen, full: %1 at 1 h, %2 at "
           "24 h. Changing it starts the history afresh.",
            nullptr, int(partitionSeries))
            .arg(full(3'600), full(86'400)));
    if (history_.config().detail.fineCapacity == seconds) {
        return;
    }
    metrics::HistoryConfig config = history_.config();
    config.detail = metrics::HistoryConfig::detailTier(seconds);
    history_ = metrics::HistoryStore(config);
    memory_->setText(memoryText());
}

QString ThroughputPage::memoryText() const
{
    const auto &config = history_.config();
    const QString bytes = QLocale().formattedDataSize(static_cast<qint64>(history_.memoryBytes()));
    memory_->setToolTip(tr("History is bounded. Topics and groups: %1. Partitions: %2. Older data is "
                           "averaged, not dropped, until it falls out of the last tier.")
                            .arg(tierText(config.aggregate), tierText(config.detail)));
    return tr("History: %1 in %n series", nullptr, static_cast<int>(history_.seriesCount())).arg(bytes);
}

void ThroughputPage::addRound(const metrics::SampleRound &round)
{
    history_.append(round);
    lastRound_ = round;
    if (round.error) {
        status_->setText(tr("Last round failed: %1").arg(round.error.message));
    } else {
        showRoundStatus(round);
        QStringList topicNames;
        for (const auto &t : round.topics) {
            topicNames << t.topic;
        }
        syncList(topicList_, topicNames);
        QStringList groupNames;
        for (const auto &g : round.groups) {
            groupNames << g.group;
        }
        syncList(groupList_, groupNames);
        if (!round.groupListError.isEmpty()) {
            lagStatus_->setText(round.groupListError);
        }
        autoSelectBusiestTopics(round);
    }
    memory_->setText(memoryText());
    // Hidden, the page keeps sampling (for the tree's sparklines) but does not replot.
    if (isVisible()) {
        refreshLivePlots();
    }
    Q_EMIT roundAdded();
}

void ThroughputPage::showRoundStatus(const metrics::SampleRound &round)
{
    const QString total = metrics::isKnown(round.totalMessagesPerSecond())
        ? QLocale().toString(round.totalMessagesPerSecond(), 'f', 1)
        : QStringLiteral("–");
    const QString time = QLocale().toString(QDateTime::fromMSecsSinceEpoch(round.wallTimeMs).time());
    const bool oneByOne = round.method == metrics::OffsetMethod::Watermarks;
    status_->setText(
        (oneByOne ? tr("%1 · read the newest offsets of %n partition(s), one at a time, in %2 ms · %3 msg/s "
                       "in all",
             nullptr, round.partitionCount)
                  : tr("%1 · read the newest offsets of %n partition(s) in %2 ms · %3 msg/s in all", nullptr,
                      round.partitionCount))
            .arg(time)
            .arg(round.roundMs, 0, 'f', 0)
            .arg(total));
    status_->setToolTip(oneByOne
            ? tr("Each second EDIS Studio asks for every partition's newest offset and counts how far it "
                 "moved. This cluster refused the faster query that asks each broker once for all its "
                 "partitions, so they are read one at a time.")
            : tr("Each second EDIS Studio asks each broker once for the newest offset of its partitions "
                 "and counts how far they moved: that is the rate in messages per second."));
}

void ThroughputPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshLivePlots();
}

void ThroughputPage::refreshLivePlots()
{
    if (ratePlot_->isLive()) {
        refreshRatePlot();
    }
    if (lagPlot_->isLive()) {
        refreshLagPlot();
    }
}

QHash<QString, QList<double>> ThroughputPage::recentTopicRates(int seconds) const
{
    QHash<QString, QList<double>> rates;
    const qint64 to = history_.lastTimeMs();
    if (to == 0) {
        return rates;
    }
    const qint64 from = to - qint64(seconds) * 1000;
    for (const metrics::SeriesKey &key : history_.keys(metrics::SeriesKey::Kind::TopicRate)) {
        rates.insert(key.topic, history_.series(key, from, to).values);
    }
    return rates;
}

void ThroughputPage::syncList(QListWidget *list, const QStringList &names)
{
    // Names only ever get added here: a deleted topic keeps its history and its entry.
    QStringList known;
    for (int i = 0; i < list->count(); ++i) {
        known << list->item(i)->text();
    }
    updatingLists_ = true;
    bool added = false;
    for (const QString &name : names) {
        if (!known.contains(name)) {
            auto *item = new QListWidgetItem(name, list);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
            added = true;
        }
    }
    if (added) {
        list->sortItems();
        applyFilter();
    }
    updatingLists_ = false;
}

void ThroughputPage::applyFilter()
{
    const QString text = filter_->text().trimmed();
    for (int i = 0; i < topicList_->count(); ++i) {
        QListWidgetItem *item = topicList_->item(i);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

void ThroughputPage::autoSelectBusiestTopics(const metrics::SampleRound &round)
{
    if (userPickedTopics_ || !selectedTopics().isEmpty()) {
        return;
    }
    std::vector<std::pair<double, QString>> busy;
    for (const auto &t : round.topics) {
        if (metrics::isKnown(t.messagesPerSecond) && t.messagesPerSecond > 0) {
            busy.emplace_back(t.messagesPerSecond, t.topic);
        }
    }
    if (busy.empty()) {
        return;
    }
    std::sort(busy.begin(), busy.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList pick;
    for (std::size_t i = 0; i < busy.size() && i < static_cast<std::size_t>(kAutoSelectedTopics); ++i) {
        pick << busy[i].second;
    }
    updatingLists_ = true;
    setChecked(topicList_, pick);
    updatingLists_ = false;
    refreshRatePlot();
}

void ThroughputPage::onTopicItemChanged(QListWidgetItem *)
{
    if (updatingLists_) {
        return;
    }
    userPickedTopics_ = true;
    refreshRatePlot();
}

void ThroughputPage::setRateUnit(RateUnit unit)
{
    rateUnit_->setCurrentIndex(rateUnit_->findData(int(unit)));
}

ThroughputPage::RateUnit ThroughputPage::rateUnit() const
{
    return static_cast<RateUnit>(rateUnit_->currentData().toInt());
}

void ThroughputPage::refreshRatePlot()
{
    const QStringList topics = selectedTopics();
    const RateUnit unit = rateUnit();
    // Bytes are known per topic only (librdkafka's per-partition counters are summed).
    topicPartitions_->setEnabled(topics.size() == 1 && unit == RateUnit::Messages);
    std::vector<metrics::SeriesKey> keys;
    if (unit != RateUnit::Messages) {
        for (const QString &t : topics) {
            keys.push_back(unit == RateUnit::BytesWritten ? metrics::SeriesKey::topicBytesWritten(t)
                                                          : metrics::SeriesKey::topicBytesRead(t));
        }
    } else if (topics.size() == 1 && topicPartitions_->isChecked()) {
        for (const auto &key : history_.keys(metrics::SeriesKey::Kind::PartitionRate)) {
            if (key.topic == topics.first()) {
                keys.push_back(key);
            }
        }
    } else {
        for (const QString &t : topics) {
            keys.push_back(metrics::SeriesKey::topicRate(t));
        }
    }
    refreshPlot(ratePlot_, keys);
}

void ThroughputPage::refreshLagPlot()
{
    const QStringList groups = selectedGroups();
    groupPartitions_->setEnabled(groups.size() == 1);
    std::vector<metrics::SeriesKey> keys;
    if (groups.size() == 1 && groupPartitions_->isChecked()) {
        for (const auto &key : history_.keys(metrics::SeriesKey::Kind::GroupPartitionLag)) {
            if (key.group == groups.first()) {
                keys.push_back(key);
            }
        }
    } else {
        for (const QString &g : groups) {
            keys.push_back(metrics::SeriesKey::groupLag(g));
        }
    }
    refreshPlot(lagPlot_, keys);
}

void ThroughputPage::refreshPlot(widgets::ThroughputPlot *plot, const std::vector<metrics::SeriesKey> &keys)
{
    QStringList wanted;
    for (const auto &key : keys) {
        wanted << key.id();
        plot->addSeries(key.id(), key.label());
    }
    for (const QString &id : plot->seriesIds()) {
        if (!wanted.contains(id)) {
            plot->removeSeries(id);
        }
    }
    const qint64 nowMs = history_.lastTimeMs();
    qint64 fromMs = 0;
    qint64 toMs = nowMs;
    if (plot->isLive()) {
        const double window = widgets::ThroughputPlot::windowSeconds(plot->timeWindow());
        fromMs = window > 0 ? nowMs - static_cast<qint64>(window * 1000) : 0;
    } else {
        fromMs = static_cast<qint64>(plot->visibleFrom() * 1000);
        toMs = static_cast<qint64>(plot->visibleTo() * 1000);
    }
    for (const auto &key : keys) {
        const metrics::SeriesData points = history_.series(key, fromMs, toMs, kMaxPlotPoints);
        plot->setSeriesData(key.id(), points.keys, points.values);
    }
    plot->setNow(static_cast<double>(nowMs) / 1000.0);
}

} // namespace edis::ui
