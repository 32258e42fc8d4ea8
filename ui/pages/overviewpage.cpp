#include "pages/overviewpage.h"

#include <QFormLayout>

#include <algorithm>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::ui {

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}
} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
    , title_(new QLabel(this))
    , clusterId_(valueLabel(this))
    , controller_(valueLabel(this))
    , brokerCount_(valueLabel(this))
    , topicCount_(valueLabel(this))
    , partitionCount_(valueLabel(this))
    , health_(valueLabel(this))
    , brokers_(new QTableWidget(0, 3, this))
{
    setObjectName(QStringLiteral("overviewPage"));
    health_->setObjectName(QStringLiteral("healthLabel"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);

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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Brokers"), this));
    layout->addWidget(brokers_, 1);
}

void OverviewPage::setCluster(const QString &name, const kafka::ClusterMetadata &md)
{
    title_->setText(name);
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
    health_->setText(under == 0 && offline == 0
                         ? tr("All partitions in sync")
                         : tr("%1 under-replicated, %2 offline partition(s)").arg(under).arg(offline));
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
