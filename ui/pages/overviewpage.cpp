#include "pages/overviewpage.h"

#include "cluster/clustersession.h"
#include "detailslabel.h"
#include "elidedlabel.h"
#include "sparklinedelegate.h"
#include "statusindicator.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace edis::ui {

using State = cluster::ClusterSession::State;
using Level = widgets::StatusIndicator::Level;

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}

const QString kUnknown = QStringLiteral("–");
} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
    , title_(new widgets::ElidedLabel(this))
    , connection_(new widgets::StatusIndicator(this))
    , lastError_(new widgets::DetailsLabel(QStringLiteral("overviewLastError"), this))
    , retry_(valueLabel(this))
    , clusterId_(valueLabel(this))
    , controller_(valueLabel(this))
    , brokerCount_(valueLabel(this))
    , topicCount_(valueLabel(this))
    , partitionCount_(valueLabel(this))
    , health_(valueLabel(this))
    , brokers_(new QTableWidget(0, 3, this))
    , busiest_(new QTableWidget(0, 2, this))
{
    setObjectName(QStringLiteral("overviewPage"));
    title_->setObjectName(QStringLiteral("overviewTitle"));
    connection_->setObjectName(QStringLiteral("overviewConnection"));
    retry_->setObjectName(QStringLiteral("overviewRetry"));
    health_->setObjectName(QStringLiteral("healthLabel"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Cluster id:"), clusterId_);
    form->addRow(tr("Controller:"), controller_);
    form->addRow(tr("Brokers:"), brokerCount_);
    form->addRow(tr("Topics:"), topicCount_);
    form->addRow(tr("Partitions:"), partitionCount_);
    form->addRow(tr("Health:"), health_);

    brokers_->setObjectName(QStringLiteral("brokersTable"));
    brokers_->setHorizontalHeaderLabels({tr("Broker id"), tr("Host"), tr("Port")});
    brokers_->horizontalHeader()->setStretchLastSection(true);
    brokers_->verticalHeader()->hide();
    brokers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    brokers_->setSelectionBehavior(QAbstractItemView::SelectRows);

    busiest_->setObjectName(QStringLiteral("busiestTable"));
    busiest_->setHorizontalHeaderLabels({tr("Topic"), tr("Messages/s (last minute)")});
    busiest_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    busiest_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    busiest_->verticalHeader()->hide();
    busiest_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    busiest_->setSelectionBehavior(QAbstractItemView::SelectRows);
    busiest_->setItemDelegateForColumn(1, new widgets::SparklineDelegate(Qt::UserRole, busiest_));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(connection_);
    layout->addWidget(lastError_);
    layout->addWidget(retry_);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Brokers"), this));
    layout->addWidget(brokers_, 1);
    layout->addWidget(new QLabel(tr("Busiest topics"), this));
    layout->addWidget(busiest_, 1);
    for (QWidget *w : {static_cast<QWidget *>(connection_), static_cast<QWidget *>(lastError_),
             static_cast<QWidget *>(retry_)}) {
        w->hide();
    }
}

void OverviewPage::setTopicRates(int cluster, const QHash<QString, QList<double>> &rates)
{
    rates_.insert(cluster, rates);
    if (cluster == cluster_) {
        showBusiest();
    }
}

void OverviewPage::showBusiest()
{
    struct Row {
        QString topic;
        double latest;
        QList<double> values;
    };
    std::vector<Row> rows;
    const QHash<QString, QList<double>> rates = rates_.value(cluster_);
    for (auto it = rates.cbegin(); it != rates.cend(); ++it) {
        const double latest = it->isEmpty() ? NAN : it->constLast();
        if (!std::isnan(latest)) {
            rows.push_back({it.key(), latest, *it});
        }
    }
    const std::size_t shown = std::min<std::size_t>(rows.size(), BusiestCount);
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(shown), rows.end(),
        [](const Row &a, const Row &b) {
            return a.latest > b.latest || (a.latest == b.latest && a.topic < b.topic);
        });
    busiest_->setRowCount(static_cast<int>(shown));
    for (int r = 0; r < static_cast<int>(shown); ++r) {
        const Row &row = rows[static_cast<std::size_t>(r)];
        auto *name = new QTableWidgetItem(row.topic);
        name->setToolTip(row.topic);
        busiest_->setItem(r, 0, name);
        auto *rate = new QTableWidgetItem(QLocale().toString(row.latest, 'f', 1));
        rate->setData(Qt::UserRole, QVariant::fromValue(row.values));
        busiest_->setItem(r, 1, rate);
    }
}

void OverviewPage::setCluster(int cluster, const QString &name, const cluster::ClusterSession &session)
{
    cluster_ = cluster;
    title_->setFullText(name);
    showConnection(session);
    const bool connected = session.state() == State::Connected;
    if (!connected) {
        // Rates of a cluster that does not answer are history, not its state now.
        rates_.remove(cluster);
    }
    showMetadata(session.metadata(), connected);
    showBusiest();
}

void OverviewPage::showConnection(const cluster::ClusterSession &session)
{
    const QString servers = session.settings().bootstrapServers;
    const auto retrySeconds = static_cast<int>(std::lround(session.refreshInterval().count() / 1000.0));
    connection_->setVisible(session.state() != State::Connected);
    lastError_->setVisible(session.state() == State::Failed);
    retry_->setVisible(session.state() == State::Failed);
    switch (session.state()) {
    case State::Connected:
        break;
    case State::Connecting:
        connection_->setStatus(Level::Busy, tr("Connecting to %1…").arg(servers));
        break;
    case State::Disconnected:
        connection_->setStatus(Level::Idle, tr("Not connected to %1.").arg(servers));
        break;
    case State::Failed: {
        connection_->setStatus(Level::Bad, tr("Not reachable: no broker at %1 answered.").arg(servers));
        const auto [summary, details] = widgets::DetailsLabel::splitFirstSentence(session.stateMessage());
        lastError_->setText(tr("Last error: %1").arg(summary), details);
        retry_->setText(tr("EDIS Studio tries again every %n second(s), and this page fills in when the "
                           "cluster answers. To change the address, use Connect… in the Cluster menu.",
            nullptr, retrySeconds));
        break;
    }
    }
}

void OverviewPage::showMetadata(const kafka::ClusterMetadata &md, bool current)
{
    const bool known = !md.brokers.isEmpty();
    if (!known) {
        for (QLabel *l : {clusterId_, controller_, brokerCount_, topicCount_, partitionCount_}) {
            l->setText(kUnknown);
        }
        health_->setText(tr("Unknown: the cluster has not answered."));
        brokers_->setRowCount(0);
        return;
    }
    clusterId_->setText(md.clusterId.isEmpty() ? tr("(not reported)") : md.clusterId);
    const bool controllerKnown = std::any_of(md.brokers.cbegin(), md.brokers.cend(),
        [&md](const kafka::BrokerInfo &b) { return b.id == md.controllerId; });
    controller_->setText(controllerKnown ? tr("broker %1").arg(md.controllerId) : tr("(not reported)"));
    brokerCount_->setText(QString::number(md.brokers.size()));
    topicCount_->setText(QString::number(md.topics.size()));
    partitionCount_->setText(QString::number(md.partitionCount()));
    int under = 0;
    int offline = 0;
    for (const auto &t : md.topics) {
        for (const auto &p : t.partitions) {
            under += p.underReplicated() ? 1 : 0;
            offline += p.offline() ? 1 : 0;
        }
    }
    if (!current) {
        // The figures above are the last ones the cluster gave; its health now is not known.
        health_->setText(tr("Unknown: the cluster does not answer now (the figures are the last known)."));
    } else {
        health_->setText(under == 0 && offline == 0
                ? tr("All partitions in sync")
                : tr("%1 under-replicated, %2 offline partition(s)").arg(under).arg(offline));
    }
    brokers_->setRowCount(static_cast<int>(md.brokers.size()));
    for (int r = 0; r < md.brokers.size(); ++r) {
        const auto &b = md.brokers.at(r);
        const QString id = b.id == md.controllerId ? tr("%1 (controller)").arg(b.id) : QString::number(b.id);
        brokers_->setItem(r, 0, new QTableWidgetItem(id));
        brokers_->setItem(r, 1, new QTableWidgetItem(b.host));
        brokers_->setItem(r, 2, new QTableWidgetItem(QString::number(b.port)));
    }
}

} // namespace edis::ui
