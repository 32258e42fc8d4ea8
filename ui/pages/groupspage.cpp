#include "pages/groupspage.h"

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"
#include "dialogs/resetoffsetsdialog.h"
#include "elidedlabel.h"
#include "kafka/kafkaclient.h"
#include "statusindicator.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::ui {

using Level = widgets::StatusIndicator::Level;

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

QTableWidgetItem *numberItem(int64_t value)
{
    auto *item = new QTableWidgetItem(value >= 0 ? QString::number(value) : QStringLiteral("–"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(value));
    return item;
}

} // namespace

GroupsPage::GroupsPage(QWidget *parent)
    : QWidget(parent)
    , listRequests_(new cluster::SessionRequests(this))
    , detailRequests_(new cluster::SessionRequests(this))
    , status_(new widgets::StatusIndicator(this))
    , refreshButton_(new QPushButton(tr("&Refresh"), this))
    , groups_(makeTable({tr("Group"), tr("State")}, QStringLiteral("groupsTable"), this))
    , title_(new widgets::ElidedLabel(this))
    , summary_(new QLabel(this))
    , offsets_(
          makeTable({tr("Topic"), tr("Partition"), tr("Committed"), tr("Log end"), tr("Lag"), tr("Member")},
              QStringLiteral("offsetsTable"), this))
    , members_(makeTable({tr("Member"), tr("Client id"), tr("Host"), tr("Assigned partitions")},
          QStringLiteral("membersTable"), this))
    , resetButton_(new QPushButton(tr("Reset &Offsets…"), this))
    , deleteButton_(new QPushButton(tr("&Delete Group…"), this))
{
    setObjectName(QStringLiteral("groupsPage"));
    status_->setObjectName(QStringLiteral("groupsStatus"));
    refreshButton_->setObjectName(QStringLiteral("refreshGroupsButton"));
    resetButton_->setObjectName(QStringLiteral("resetOffsetsButton"));
    deleteButton_->setObjectName(QStringLiteral("deleteGroupButton"));
    groups_->setSelectionMode(QAbstractItemView::SingleSelection);
    groups_->setSortingEnabled(true);
    groups_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    groups_->horizontalHeader()->setStretchLastSection(false);
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setMinimumWidth(0);
    summary_->setObjectName(QStringLiteral("groupSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(status_, 1);
    top->addWidget(refreshButton_);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *actions = new QHBoxLayout;
    actions->addWidget(title_, 1);
    actions->addWidget(resetButton_);
    actions->addWidget(deleteButton_);
    detailLayout->addLayout(actions);
    detailLayout->addWidget(summary_);
    auto *tabs = new QTabWidget(detail);
    tabs->addTab(offsets_, tr("Offsets and lag"));
    tabs->addTab(members_, tr("Members"));
    detailLayout->addWidget(tabs, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(groups_);
    splitter->addWidget(detail);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 600});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(refreshButton_, &QPushButton::clicked, this, &GroupsPage::refresh);
    connect(groups_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = groups_->selectionModel()->selectedRows();
        const QString id = rows.isEmpty() ? QString() : groups_->item(rows.first().row(), 0)->text();
        if (id != selected_) {
            selected_ = id;
            loadDetails();
        }
    });
    connect(resetButton_, &QPushButton::clicked, this, &GroupsPage::resetOffsets);
    connect(deleteButton_, &QPushButton::clicked, this, &GroupsPage::deleteGroup);
    connect(listRequests_, &cluster::SessionRequests::busyChanged, this, &GroupsPage::setBusy);
    connect(detailRequests_, &cluster::SessionRequests::busyChanged, this, &GroupsPage::setBusy);
    clearDetails(tr("Select a group to see its members, offsets and lag."));
    status_->setStatus(Level::Idle, tr("Not connected"));
}

void GroupsPage::setSession(cluster::ClusterSession *session)
{
    if (session == listRequests_->session()) {
        return;
    }
    listRequests_->setSession(session);
    detailRequests_->setSession(session);
    groups_->setRowCount(0);
    selected_.clear();
    clearDetails(tr("Select a group to see its members, offsets and lag."));
    refresh();
}

cluster::ClusterSession *GroupsPage::session() const
{
    return listRequests_->session();
}

void GroupsPage::setBusy(bool /*busy*/)
{
    const bool busy = listRequests_->isBusy() || detailRequests_->isBusy();
    refreshButton_->setEnabled(!busy && session() && !session()->settings().isSandbox);
    if (busy) {
        status_->setStatus(Level::Busy, tr("Loading consumer groups…"));
    }
    resetButton_->setEnabled(!busy && detailsLoaded_);
    deleteButton_->setEnabled(!busy && detailsLoaded_);
}

void GroupsPage::showError(const kafka::KafkaError &error)
{
    // What the cluster cannot do (the sandbox, Event Hubs) is information, not a failure.
    status_->setStatus(
        error.kind == kafka::KafkaError::Kind::NotSupported ? Level::Info : Level::Bad, error.message);
}

bool GroupsPage::showSandboxLimitation()
{
    const cluster::ClusterSession *s = session();
    if (!s || !s->settings().isSandbox) {
        return false;
    }
    status_->setStatus(Level::Info, kafka::KafkaClient::sandboxLimitation(tr("Listing consumer groups")));
    refreshButton_->setEnabled(false);
    return true;
}

void GroupsPage::refresh()
{
    if (!session()) {
        status_->setStatus(Level::Idle, tr("Not connected"));
        return;
    }
    if (showSandboxLimitation()) {
        return;
    }
    listRequests_->dropPending();
    listRequests_->request(
        [](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::listGroups(client, timeout);
        },
        [this](const QList<kafka::GroupListing> &groups, const kafka::KafkaError &error) {
            if (error) {
                showError(error);
                return;
            }
            showGroups(groups);
        });
    if (!selected_.isEmpty()) {
        loadDetails();
    }
}

void GroupsPage::showGroups(const QList<kafka::GroupListing> &groups)
{
    const QString keep = selected_;
    const QSignalBlocker blocker(groups_);
    groups_->setSortingEnabled(false);
    groups_->setRowCount(static_cast<int>(groups.size()));
    int selectedRow = -1;
    for (int r = 0; r < groups.size(); ++r) {
        groups_->setItem(r, 0, new QTableWidgetItem(groups.at(r).groupId));
        groups_->setItem(r, 1, new QTableWidgetItem(groups.at(r).state));
        if (groups.at(r).groupId == keep) {
            selectedRow = r;
        }
    }
    groups_->setSortingEnabled(true);
    groups_->clearSelection();
    if (selectedRow >= 0) {
        groups_->selectRow(groups_->row(groups_->findItems(keep, Qt::MatchExactly).value(0)));
    } else if (!keep.isEmpty()) {
        selected_.clear();
        clearDetails(tr("Group \"%1\" no longer exists.").arg(keep));
    }
    status_->setStatus(Level::Good, tr("%n consumer group(s)", nullptr, static_cast<int>(groups.size())));
}

void GroupsPage::selectGroup(const QString &groupId)
{
    const auto items = groups_->findItems(groupId, Qt::MatchExactly);
    if (!items.isEmpty()) {
        groups_->selectRow(items.first()->row());
    } else if (groupId != selected_) {
        selected_ = groupId;
        loadDetails();
    }
}

void GroupsPage::clearDetails(const QString &why)
{
    detailsLoaded_ = false;
    details_ = {};
    title_->setFullText(selected_);
    summary_->setText(why);
    offsets_->setRowCount(0);
    members_->setRowCount(0);
    setBusy(false);
}

void GroupsPage::loadDetails()
{
    detailRequests_->dropPending();
    if (selected_.isEmpty()) {
        clearDetails(tr("Select a group to see its members, offsets and lag."));
        return;
    }
    detailsLoaded_ = false;
    title_->setFullText(selected_);
    detailRequests_->request(
        [group = selected_](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::fetchGroupDetails(client, group, timeout);
        },
        [this](const kafka::GroupDetails &details, const kafka::KafkaError &error) {
            if (error) {
                clearDetails(error.message);
                showError(error);
                return;
            }
            details_ = details;
            detailsLoaded_ = true;
            showDetails();
            status_->setStatus(Level::Good, tr("Loaded group \"%1\"").arg(details_.description.groupId));
        });
}

void GroupsPage::showDetails()
{
    const kafka::GroupDescription &d = details_.description;
    title_->setFullText(d.groupId);
    summary_->setText(
        tr("State <b>%1</b> · %n member(s) · total lag <b>%L2</b> · coordinator %3 (%4:%5) · assignor %6",
            nullptr, static_cast<int>(d.members.size()))
            .arg(d.state.toHtmlEscaped())
            .arg(details_.totalLag())
            .arg(d.coordinatorId)
            .arg(d.coordinatorHost.toHtmlEscaped())
            .arg(d.coordinatorPort)
            .arg(d.partitionAssignor.isEmpty() ? QStringLiteral("–") : d.partitionAssignor.toHtmlEscaped()));
    offsets_->setSortingEnabled(false);
    offsets_->setRowCount(static_cast<int>(details_.offsets.size()));
    for (int r = 0; r < details_.offsets.size(); ++r) {
        const kafka::PartitionLag &p = details_.offsets.at(r);
        QString owner;
        for (const auto &m : d.members) {
            if (m.assignment.contains(kafka::TopicPartitionRef {p.topic, p.partition})) {
                owner = m.clientId + QStringLiteral(" @ ") + m.host;
            }
        }
        offsets_->setItem(r, 0, new QTableWidgetItem(p.topic));
        offsets_->setItem(r, 1, numberItem(p.partition));
        offsets_->setItem(r, 2, numberItem(p.committed));
        offsets_->setItem(r, 3, numberItem(p.logEnd));
        offsets_->setItem(r, 4, numberItem(p.lag()));
        auto *ownerItem = new QTableWidgetItem(owner);
        if (!p.error.isEmpty()) {
            ownerItem->setText(p.error);
        }
        offsets_->setItem(r, 5, ownerItem);
    }
    members_->setRowCount(static_cast<int>(d.members.size()));
    for (int r = 0; r < d.members.size(); ++r) {
        const kafka::GroupMember &m = d.members.at(r);
        QStringList assigned;
        for (const auto &a : m.assignment) {
            assigned << QStringLiteral("%1[%2]").arg(a.topic).arg(a.partition);
        }
        members_->setItem(r, 0, new QTableWidgetItem(m.memberId));
        members_->setItem(r, 1, new QTableWidgetItem(m.clientId));
        members_->setItem(r, 2, new QTableWidgetItem(m.host));
        members_->setItem(r, 3, new QTableWidgetItem(assigned.join(QStringLiteral(", "))));
    }
    setBusy(false);
}

void GroupsPage::resetOffsets()
{
    if (!detailsLoaded_) {
        return;
    }
    QStringList topics;
    for (const auto &p : details_.offsets) {
        if (!topics.contains(p.topic)) {
            topics << p.topic;
        }
    }
    auto *dialog = new ResetOffsetsDialog(session(), selected_, topics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResetOffsetsDialog::offsetsReset, this, [this](const QString &group) {
        Q_EMIT groupChanged(group);
        loadDetails();
    });
    dialog->open();
}

void GroupsPage::deleteGroup()
{
    if (!detailsLoaded_) {
        return;
    }
    const QString group = selected_;
    const auto answer = QMessageBox::question(this, tr("Delete Consumer Group"),
        tr("Delete consumer group \"%1\" and all its committed offsets? Its consumers would start over "
           "from their auto.offset.reset position.")
            .arg(group),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    detailRequests_->request(
        [group](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::deleteGroup(client, group, timeout);
        },
        [this, group](const kafka::KafkaError &error) {
            if (error) {
                showError(error);
                return;
            }
            Q_EMIT groupChanged(group);
            selected_.clear();
            clearDetails(tr("Group \"%1\" was deleted.").arg(group));
            refresh();
        });
}

} // namespace edis::ui
