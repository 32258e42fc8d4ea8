#include "pages/topicpage.h"

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"
#include "dialogs/deletetopicdialog.h"
#include "elidedlabel.h"
#include "statusindicator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

namespace edis::ui {

using Level = widgets::StatusIndicator::Level;

namespace {

enum PartitionColumn {
    PartitionCol,
    LeaderCol,
    ReplicasCol,
    IsrCol,
    LowCol,
    HighCol,
    MessagesCol,
    StatusCol,
    PartitionColumns
};
enum ConfigColumn { NameCol, ValueCol, SourceCol, ConfigColumns };

QString ids(const QList<int32_t> &list)
{
    QStringList parts;
    for (const int32_t id : list) {
        parts << QString::number(id);
    }
    return parts.join(QStringLiteral(", "));
}

QTableWidgetItem *numberItem(int64_t value)
{
    auto *item = new QTableWidgetItem(
        value >= 0 ? QLocale().toString(static_cast<qlonglong>(value)) : QStringLiteral("…"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(int columns, const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(objectName);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

/// Asks for a config change: a name, and either a value to set or removal of the override.
class ConfigEditDialog : public QDialog {
public:
    ConfigEditDialog(const QList<kafka::ConfigEntry> &configs, const QString &preselected, QWidget *parent)
        : QDialog(parent)
        , name_(new QComboBox(this))
        , value_(new QLineEdit(this))
        , help_(new QLabel(this))
    {
        setObjectName(QStringLiteral("configEditDialog"));
        setWindowTitle(tr("Edit Topic Config"));
        name_->setObjectName(QStringLiteral("configNameCombo"));
        name_->setEditable(true);
        for (const auto &c : configs) {
            if (!c.isReadOnly) {
                name_->addItem(c.name);
            }
        }
        value_->setObjectName(QStringLiteral("configValueEdit"));
        help_->setWordWrap(true);
        auto *form = new QFormLayout;
        form->addRow(tr("&Config:"), name_);
        form->addRow(tr("&Value:"), value_);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
        auto *set = buttons->addButton(tr("&Set on Topic"), QDialogButtonBox::AcceptRole);
        set->setObjectName(QStringLiteral("setConfigButton"));
        auto *remove = buttons->addButton(tr("&Remove Override"), QDialogButtonBox::DestructiveRole);
        remove->setObjectName(QStringLiteral("removeOverrideButton"));
        remove->setToolTip(tr("Go back to the value the topic inherits from the broker or Kafka's default."));
        auto *layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(help_);
        layout->addWidget(buttons);
        auto refresh = [this, configs, set, remove] {
            const QString name = name_->currentText().trimmed();
            const auto it = std::find_if(
                configs.cbegin(), configs.cend(), [&](const auto &c) { return c.name == name; });
            help_->setText(it != configs.cend() ? it->documentation : QString());
            remove->setEnabled(it != configs.cend() && it->isOverride());
            set->setEnabled(!name.isEmpty());
        };
        connect(name_, &QComboBox::currentTextChanged, this, [this, configs, refresh] {
            const QString name = name_->currentText().trimmed();
            const auto it = std::find_if(
                configs.cbegin(), configs.cend(), [&](const auto &c) { return c.name == name; });
            if (it != configs.cend()) {
                value_->setText(it->value);
            }
            refresh();
        });
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(remove, &QPushButton::clicked, this, [this] {
            removeOverride_ = true;
            accept();
        });
        name_->setCurrentText(preselected);
        Q_EMIT name_->currentTextChanged(name_->currentText());
        refresh();
    }

    kafka::ConfigChanges changes() const
    {
        kafka::ConfigChanges c;
        const std::string name = name_->currentText().trimmed().toStdString();
        if (removeOverride_) {
            c.remove.insert(name);
        } else {
            c.set[name] = value_->text().trimmed().toStdString();
        }
        return c;
    }

private:
    QComboBox *name_;
    QLineEdit *value_;
    QLabel *help_;
    bool removeOverride_ = false;
};

} // namespace

TopicPage::TopicPage(QWidget *parent)
    : QWidget(parent)
    , watermarkRequests_(new cluster::SessionRequests(this))
    , configRequests_(new cluster::SessionRequests(this))
    , actionRequests_(new cluster::SessionRequests(this))
    , title_(new widgets::ElidedLabel(this))
    , summary_(new QLabel(this))
    , status_(new widgets::StatusIndicator(this))
    , refreshButton_(new QPushButton(tr("Re&fresh"), this))
    , addPartitionsButton_(new QPushButton(tr("Add &Partitions…"), this))
    , editConfigButton_(new QPushButton(tr("&Edit Config…"), this))
    , deleteButton_(new QPushButton(tr("&Delete Topic…"), this))
    , partitions_(makeTable(PartitionColumns, QStringLiteral("partitionsTable"), this))
    , configTable_(makeTable(ConfigColumns, QStringLiteral("configsTable"), this))
    , overridesOnly_(new QCheckBox(tr("Only settings made on this topic"), this))
    , configHelp_(new QLabel(this))
{
    setObjectName(QStringLiteral("topicPage"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setObjectName(QStringLiteral("topicSummary"));
    summary_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("topicStatus"));
    refreshButton_->setObjectName(QStringLiteral("refreshTopicButton"));
    addPartitionsButton_->setObjectName(QStringLiteral("addPartitionsButton"));
    editConfigButton_->setObjectName(QStringLiteral("editConfigButton"));
    deleteButton_->setObjectName(QStringLiteral("deleteTopicButton"));
    overridesOnly_->setObjectName(QStringLiteral("overridesOnly"));
    configHelp_->setObjectName(QStringLiteral("configHelp"));
    configHelp_->setWordWrap(true);
    configHelp_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    partitions_->setHorizontalHeaderLabels({tr("Partition"), tr("Leader"), tr("Replicas"),
        tr("In-sync replicas"), tr("Low offset"), tr("High offset"), tr("Messages"), tr("Status")});
    partitions_->horizontalHeaderItem(MessagesCol)
        ->setToolTip(tr("High − low offset: exact for plain topics, an upper "
                        "bound for compacted or transactional ones."));
    configTable_->setHorizontalHeaderLabels({tr("Config"), tr("Value"), tr("Source")});
    configTable_->horizontalHeader()->setSectionResizeMode(NameCol, QHeaderView::ResizeToContents);
    configTable_->horizontalHeader()->setSectionResizeMode(ValueCol, QHeaderView::Stretch);
    configTable_->horizontalHeader()->setStretchLastSection(false);

    auto *header = new QHBoxLayout;
    header->addWidget(title_, 1);
    header->addWidget(refreshButton_);
    header->addWidget(addPartitionsButton_);
    header->addWidget(editConfigButton_);
    header->addWidget(deleteButton_);

    auto *configPage = new QWidget(this);
    auto *configLayout = new QVBoxLayout(configPage);
    configLayout->addWidget(overridesOnly_);
    configLayout->addWidget(configTable_, 1);
    configLayout->addWidget(configHelp_);
    configLayout->addStretch(0); // takes the room only while the table is hidden
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("topicTabs"));
    tabs->addTab(partitions_, tr("Partitions"));
    tabs->addTab(configPage, tr("Configs"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(summary_);
    layout->addWidget(status_);
    layout->addWidget(tabs, 1);

    connect(refreshButton_, &QPushButton::clicked, this, &TopicPage::reload);
    connect(addPartitionsButton_, &QPushButton::clicked, this, &TopicPage::addPartitions);
    connect(editConfigButton_, &QPushButton::clicked, this, &TopicPage::editConfig);
    connect(deleteButton_, &QPushButton::clicked, this, &TopicPage::deleteTopic);
    connect(overridesOnly_, &QCheckBox::toggled, this, &TopicPage::showConfigs);
    connect(configTable_, &QTableWidget::itemSelectionChanged, this, &TopicPage::showConfigHelp);
    connect(configTable_, &QTableWidget::itemDoubleClicked, this, &TopicPage::editConfig);
    for (auto *requests : {watermarkRequests_, configRequests_, actionRequests_}) {
        connect(requests, &cluster::SessionRequests::busyChanged, this, &TopicPage::updateActions);
    }
    updateActions();
}

void TopicPage::setSession(cluster::ClusterSession *session)
{
    if (session == watermarkRequests_->session()) {
        return;
    }
    for (auto *requests : {watermarkRequests_, configRequests_, actionRequests_}) {
        requests->setSession(session);
    }
    name_.clear(); // forces a reload on the next setTopic()
    updateActions();
}

void TopicPage::setTopic(const QString &name, const kafka::TopicInfo *topic)
{
    const bool otherTopic = name != name_;
    const bool partitionsChanged = !topic_ || !topic || topic_->partitions.size() != topic->partitions.size();
    name_ = name;
    title_->setFullText(name);
    topic_ = topic ? std::optional<kafka::TopicInfo>(*topic) : std::nullopt;
    if (otherTopic) {
        watermarks_.clear();
        configs_.clear();
        configsProblem_.clear();
        status_->setStatus(Level::Idle, QString());
        showConfigs();
    }
    if (!topic) {
        summary_->setText(tr("This topic no longer exists on the cluster."));
        partitions_->setRowCount(0);
        updateActions();
        return;
    }
    showPartitions();
    if (otherTopic || partitionsChanged) {
        loadWatermarks();
    }
    if (otherTopic) {
        loadConfigs();
    }
    updateActions();
}

void TopicPage::reload()
{
    loadWatermarks();
    loadConfigs();
}

void TopicPage::loadWatermarks()
{
    watermarkRequests_->dropPending();
    if (!topic_ || !watermarkRequests_->session()) {
        return;
    }
    status_->setStatus(Level::Busy,
        tr("Reading offsets of %n partition(s)…", nullptr, static_cast<int>(topic_->partitions.size())));
    watermarkRequests_->request(
        [topic = *topic_](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::fetchWatermarks(client, {topic}, timeout);
        },
        [this](const QList<kafka::PartitionWatermarks> &marks, const kafka::KafkaError &error) {
            if (error) {
                status_->setStatus(Level::Bad, error.message);
                return;
            }
            watermarks_.clear();
            for (const auto &w : marks) {
                watermarks_.insert(w.partition, w);
            }
            status_->setStatus(
                Level::Good, tr("Offsets read at %1").arg(QLocale().toString(QTime::currentTime())));
            showPartitions();
        });
}

void TopicPage::loadConfigs()
{
    configRequests_->dropPending();
    const cluster::ClusterSession *session = configRequests_->session();
    if (!topic_ || session == nullptr) {
        return;
    }
    if (session->settings().isSandbox) {
        configsProblem_ = kafka::KafkaClient::sandboxLimitation(tr("Showing topic configs"));
        configsUnavailable_ = true;
        showConfigs();
        return;
    }
    configsProblem_ = tr("Loading configs…");
    configsUnavailable_ = false;
    showConfigs();
    configRequests_->request(
        [name = name_](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::describeTopicConfigs(client, name, timeout);
        },
        [this](const QList<kafka::ConfigEntry> &configs, const kafka::KafkaError &error) {
            configsProblem_ = error ? error.message : QString();
            configs_ = configs;
            showConfigs();
            updateActions();
        });
}

void TopicPage::showPartitions()
{
    if (!topic_) {
        return;
    }
    int64_t total = 0;
    bool allKnown = true;
    partitions_->setRowCount(static_cast<int>(topic_->partitions.size()));
    for (int r = 0; r < topic_->partitions.size(); ++r) {
        const auto &p = topic_->partitions.at(r);
        QString status = tr("In sync");
        if (p.offline()) {
            status = tr("Offline (no leader)");
        } else if (p.underReplicated()) {
            status = tr("Under-replicated");
        }
        if (!p.error.isEmpty()) {
            status += QStringLiteral(" — ") + p.error;
        }
        const kafka::PartitionWatermarks w = watermarks_.value(p.id);
        if (!w.error.isEmpty()) {
            status += QStringLiteral(" — ") + w.error;
        }
        allKnown = allKnown && w.known();
        total += w.messageCount();
        partitions_->setItem(r, PartitionCol, new QTableWidgetItem(QString::number(p.id)));
        partitions_->setItem(r, LeaderCol, new QTableWidgetItem(QString::number(p.leader)));
        partitions_->setItem(r, ReplicasCol, new QTableWidgetItem(ids(p.replicas)));
        partitions_->setItem(r, IsrCol, new QTableWidgetItem(ids(p.isr)));
        partitions_->setItem(r, LowCol, numberItem(w.low));
        partitions_->setItem(r, HighCol, numberItem(w.high));
        partitions_->setItem(r, MessagesCol, numberItem(w.known() ? w.messageCount() : -1));
        partitions_->setItem(r, StatusCol, new QTableWidgetItem(status));
    }
    QString text
        = tr("%n partition(s), replication factor %1", nullptr, static_cast<int>(topic_->partitions.size()))
              .arg(topic_->replicationFactor());
    if (!watermarks_.isEmpty()) {
        text += allKnown ? tr(" · about %L1 messages").arg(total) : tr(" · at least %L1 messages").arg(total);
    }
    if (!topic_->error.isEmpty()) {
        text += QStringLiteral(" — ") + topic_->error;
    }
    summary_->setText(text);
}

void TopicPage::showConfigs()
{
    configTable_->setRowCount(0);
    // Where configs cannot be read at all, say so in place of an empty table.
    overridesOnly_->setVisible(!configsUnavailable_);
    configTable_->setVisible(!configsUnavailable_);
    if (!configsProblem_.isEmpty()) {
        configHelp_->setText(configsProblem_);
        return;
    }
    QFont bold = configTable_->font();
    bold.setBold(true);
    for (const auto &c : std::as_const(configs_)) {
        if (overridesOnly_->isChecked() && !c.isOverride()) {
            continue;
        }
        const int r = configTable_->rowCount();
        configTable_->insertRow(r);
        auto *name = new QTableWidgetItem(c.name);
        auto *value = new QTableWidgetItem(c.valueIsNull ? tr("(hidden)") : c.value);
        QString source = kafka::configSourceName(c.source);
        if (c.isReadOnly) {
            source += tr(", read-only");
        }
        auto *sourceItem = new QTableWidgetItem(source);
        QStringList tip;
        if (!c.documentation.isEmpty()) {
            tip << c.documentation;
        }
        for (const auto &s : c.synonyms) {
            tip << tr("%1 = %2 (%3)").arg(s.name, s.value, kafka::configSourceName(s.source));
        }
        for (auto *item : {name, value, sourceItem}) {
            item->setToolTip(tip.join(QLatin1Char('\n')));
            if (c.isOverride()) {
                item->setFont(bold);
            }
        }
        name->setData(Qt::UserRole, c.name);
        configTable_->setItem(r, NameCol, name);
        configTable_->setItem(r, ValueCol, value);
        configTable_->setItem(r, SourceCol, sourceItem);
    }
    showConfigHelp();
}

void TopicPage::showConfigHelp()
{
    if (!configsProblem_.isEmpty()) {
        configHelp_->setText(configsProblem_);
        return;
    }
    const auto rows = configTable_->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        configHelp_->setText(
            tr("Bold settings are made on this topic; the others are inherited. Select one to read "
               "what it does."));
        return;
    }
    const QString name = configTable_->item(rows.first().row(), NameCol)->text();
    const auto it
        = std::find_if(configs_.cbegin(), configs_.cend(), [&](const auto &c) { return c.name == name; });
    if (it == configs_.cend()) {
        return;
    }
    configHelp_->setText(QStringLiteral("<b>%1</b> — %2")
                             .arg(name.toHtmlEscaped(),
                                 it->documentation.isEmpty() ? tr("No description available.")
                                                             : it->documentation.toHtmlEscaped()));
}

void TopicPage::updateActions()
{
    const auto *session = watermarkRequests_->session();
    const bool sandbox = session && session->settings().isSandbox;
    const bool usable = session && topic_ && !sandbox && !actionRequests_->isBusy();
    addPartitionsButton_->setEnabled(usable);
    editConfigButton_->setEnabled(usable && !configs_.isEmpty());
    deleteButton_->setEnabled(usable);
    refreshButton_->setEnabled(
        session && topic_ && !watermarkRequests_->isBusy() && !configRequests_->isBusy());
    const QString why = sandbox ? kafka::KafkaClient::sandboxLimitation(tr("Changing topics")) : QString();
    for (auto *button : {addPartitionsButton_, editConfigButton_, deleteButton_}) {
        button->setToolTip(why);
    }
}

void TopicPage::addPartitions()
{
    if (!topic_) {
        return;
    }
    const int current = static_cast<int>(topic_->partitions.size());
    bool ok = false;
    const int total = QInputDialog::getInt(this, tr("Add Partitions"),
        tr("New number of partitions for %1 (now %2).\nPartitions cannot be "
           "removed again, and keys may map to other partitions afterwards.")
            .arg(name_)
            .arg(current),
        current + 1, current + 1, 100'000, 1, &ok);
    if (!ok) {
        return;
    }
    status_->setStatus(Level::Busy, tr("Adding partitions…"));
    actionRequests_->request(
        [name = name_, total](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::createPartitions(client, name, total, timeout);
        },
        [this, total](const kafka::KafkaError &error) {
            // The session refreshes its metadata after a success; setTopic() then reloads offsets.
            status_->setStatus(error ? Level::Bad : Level::Good,
                error ? error.message : tr("The topic now has %1 partitions.").arg(total));
        });
}

void TopicPage::editConfig()
{
    if (configs_.isEmpty() || !editConfigButton_->isEnabled()) {
        return;
    }
    const auto rows = configTable_->selectionModel()->selectedRows();
    const QString preselected
        = rows.isEmpty() ? QString() : configTable_->item(rows.first().row(), NameCol)->text();
    ConfigEditDialog dialog(configs_, preselected, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const kafka::ConfigChanges changes = dialog.changes();
    status_->setStatus(Level::Busy, tr("Changing configs…"));
    actionRequests_->request(
        [name = name_, changes](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::alterTopicConfigs(client, name, changes, timeout);
        },
        [this](const kafka::KafkaError &error) {
            status_->setStatus(
                error ? Level::Bad : Level::Good, error ? error.message : tr("Configs changed."));
            if (!error) {
                loadConfigs();
            }
        });
}

void TopicPage::deleteTopic()
{
    auto *dialog = new DeleteTopicDialog(watermarkRequests_->session(), name_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteTopicDialog::topicDeleted, this, &TopicPage::topicDeleted);
    dialog->open();
}

} // namespace edis::ui
