#include "pages/topicpage.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::ui {

namespace {
QString ids(const QList<int32_t> &list)
{
    QStringList parts;
    for (const int32_t id : list) {
        parts << QString::number(id);
    }
    return parts.join(QStringLiteral(", "));
}
} // namespace

TopicPage::TopicPage(QWidget *parent)
    : QWidget(parent)
    , title_(new QLabel(this))
    , summary_(new QLabel(this))
    , partitions_(new QTableWidget(0, 5, this))
{
    setObjectName(QStringLiteral("topicPage"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    partitions_->setObjectName(QStringLiteral("partitionsTable"));
    partitions_->setHorizontalHeaderLabels({tr("Partition"), tr("Leader"), tr("Replicas"), tr("In-sync replicas"), tr("Status")});
    partitions_->horizontalHeader()->setStretchLastSection(true);
    partitions_->verticalHeader()->hide();
    partitions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    partitions_->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(summary_);
    layout->addWidget(partitions_, 1);
}

void TopicPage::setTopic(const QString &name, const kafka::TopicInfo *topic)
{
    name_ = name;
    title_->setText(name);
    if (!topic) {
        summary_->setText(tr("This topic no longer exists on the cluster."));
        partitions_->setRowCount(0);
        return;
    }
    summary_->setText(tr("%n partition(s), replication factor %1", nullptr, static_cast<int>(topic->partitions.size()))
                          .arg(topic->replicationFactor())
                      + (topic->error.isEmpty() ? QString() : QStringLiteral(" — ") + topic->error));
    partitions_->setRowCount(static_cast<int>(topic->partitions.size()));
    for (int r = 0; r < topic->partitions.size(); ++r) {
        const auto &p = topic->partitions.at(r);
        QString status = tr("In sync");
        if (p.offline()) {
            status = tr("Offline (no leader)");
        } else if (p.underReplicated()) {
            status = tr("Under-replicated");
        }
        if (!p.error.isEmpty()) {
            status += QStringLiteral(" — ") + p.error;
        }
        partitions_->setItem(r, 0, new QTableWidgetItem(QString::number(p.id)));
        partitions_->setItem(r, 1, new QTableWidgetItem(QString::number(p.leader)));
        partitions_->setItem(r, 2, new QTableWidgetItem(ids(p.replicas)));
        partitions_->setItem(r, 3, new QTableWidgetItem(ids(p.isr)));
        partitions_->setItem(r, 4, new QTableWidgetItem(status));
    }
}

} // namespace edis::ui
