#include "rabbitnodelist.h"

#include "profiles/profilestore.h"

#include <QHeaderView>

namespace edis::ui {

RabbitNodeList::RabbitNodeList(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("rabbitNodes"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("RabbitMQ"), tr("Details")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setTextElideMode(Qt::ElideMiddle);
    header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
    setToolTip(tr("Saved RabbitMQ nodes: choose one to open it on the RabbitMQ page"));
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { onActivated(item); });
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { onActivated(item); });
    reload();
}

void RabbitNodeList::setProfileStore(const profiles::ProfileStore *store)
{
    store_ = store;
    reload();
}

void RabbitNodeList::reload()
{
    clear();
    if (store_) {
        for (const profiles::RabbitProfile &p : store_->rabbitProfiles()) {
            auto *item = new QTreeWidgetItem(this);
            item->setText(NameColumn, p.readOnly ? tr("%1 (read-only)").arg(p.name) : p.name);
            item->setData(NameColumn, kProfileIdRole, p.id);
            item->setToolTip(NameColumn, tr("%1, vhost %2").arg(p.managementUrl, p.vhost));
            const auto state = states_.constFind(p.id);
            item->setText(DetailColumn, state != states_.cend() ? state->second : tr("not connected"));
            if (state != states_.cend() && !state->first) {
                item->setForeground(DetailColumn, palette().brush(QPalette::Disabled, QPalette::Text));
            }
        }
    }
    auto *add = new QTreeWidgetItem(this);
    add->setText(NameColumn, tr("Add a RabbitMQ node…"));
    add->setToolTip(NameColumn, tr("Open the RabbitMQ page to connect to a node and save it"));
}

void RabbitNodeList::setNodeState(const QString &id, bool good, const QString &text)
{
    states_.insert(id, {good, text});
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = topLevelItem(i);
        if (item->data(NameColumn, kProfileIdRole).toString() == id) {
            item->setText(DetailColumn, text);
            item->setToolTip(DetailColumn, text);
        }
    }
}

int RabbitNodeList::nodeCount() const
{
    return std::max(0, topLevelItemCount() - 1);
}

void RabbitNodeList::onActivated(QTreeWidgetItem *item)
{
    if (!item) {
        return;
    }
    const QString id = item->data(NameColumn, kProfileIdRole).toString();
    if (id.isEmpty()) {
        Q_EMIT addRequested();
    } else {
        Q_EMIT nodeActivated(id);
    }
}

} // namespace edis::ui
