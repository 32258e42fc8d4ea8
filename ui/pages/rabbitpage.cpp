#include "rabbitpage.h"

#include "amqp/connection.h"
#include "amqp/queuepeeker.h"
#include "dialogs/publishdialog.h"
#include "inspector/inspectorpage.h"
#include "inspectorcontroller.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "queuepeeksource.h"
#include "rabbit/managementclient.h"
#include "rabbitmanageactions.h"
#include "rabbitmodels.h"
#include "rabbitrateview.h"
#include "sparklinedelegate.h"
#include "statusindicator.h"
#include "streamrecordsource.h"
#include "util/backgroundworker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace edis::ui {

using rabbit::ManagementError;
using rabbit::Result;
using Level = widgets::StatusIndicator::Level;

namespace {

const QString kSettingsGroup = QStringLiteral("rabbitmq");

QSortFilterProxyModel *setUpProxy(QSortFilterProxyModel *proxy, QAbstractItemModel *source, int filterColumn)
{
    proxy->setSourceModel(source);
    proxy->setSortRole(kRabbitSortRole);
    proxy->setFilterRole(Qt::DisplayRole);
    proxy->setFilterKeyColumn(filterColumn);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    return proxy;
}

/// The management API's failure, when AMQP on the same node answered.
QString managementHint(const QString &managementError, const amqp::Settings &amqp)
{
    return RabbitPage::tr("%1 (AMQP answers on %2: the node runs, the management API does not answer here.)")
        .arg(managementError, amqp.displayUrl());
}

} // namespace

RabbitPage::RabbitPage(QWidget *parent)
    : QWidget(parent)
    , url_(new QLineEdit(this))
    , user_(new QLineEdit(this))
    , password_(new QLineEdit(this))
    , vhost_(new QLineEdit(this))
    , amqpUrl_(new QLineEdit(this))
    , connectButton_(new QPushButton(tr("Co&nnect"), this))
    , status_(new widgets::StatusIndicator(this))
    , amqpStatus_(new widgets::StatusIndicator(this))
    , overviewLabel_(new QLabel(this))
    , alarms_(new QLabel(this))
    , filter_(new QLineEdit(this))
    , refreshButton_(new QPushButton(tr("Refresh"), this))
    , tabs_(new QTabWidget(this))
    , queues_(new RabbitQueueModel(this))
    , exchanges_(new RabbitExchangeModel(this))
    , bindings_(new RabbitBindingModel(this))
    , queuesProxy_(setUpProxy(new QSortFilterProxyModel(this), queues_, RabbitQueueModel::Name))
    , exchangesProxy_(setUpProxy(new QSortFilterProxyModel(this), exchanges_, RabbitExchangeModel::Name))
    , bindingsProxy_(setUpProxy(new RabbitBindingFilter(this), bindings_, RabbitBindingModel::Source))
    , queuesView_(makeTable(QStringLiteral("rabbitQueues"), queuesProxy_))
    , exchangesView_(makeTable(QStringLiteral("rabbitExchanges"), exchangesProxy_))
    , bindingsView_(makeTable(QStringLiteral("rabbitBindings"), bindingsProxy_))
    , autoRefresh_(new QTimer(this))
    , readButton_(new QPushButton(tr("&Read stream"), this))
    , publishButton_(new QPushButton(tr("&Publish…"), this))
    , inspector_(new InspectorPage(this))
    , rateView_(new RabbitRateView(this))
    , manage_(new RabbitManageActions(this))
    , profiles_(new QComboBox(this))
    , saveProfile_(new QPushButton(tr("Sa&ve…"), this))
    , forgetProfile_(new QPushButton(tr("&Forget…"), this))
    , readOnly_(new QCheckBox(tr("Read-&only"), this))
{
    setObjectName(QStringLiteral("rabbitPage"));
    status_->setObjectName(QStringLiteral("rabbitStatus"));
    status_->setStatus(Level::Idle, tr("Not connected. Enter the management URL and press Connect."));
    amqpStatus_->setObjectName(QStringLiteral("rabbitAmqpStatus"));
    amqpStatus_->hide(); // until Connect checks AMQP
    overviewLabel_->setObjectName(QStringLiteral("rabbitOverview"));
    overviewLabel_->setTextFormat(Qt::PlainText);
    overviewLabel_->setWordWrap(true);
    overviewLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    overviewLabel_->hide(); // until an overview comes
    alarms_->setObjectName(QStringLiteral("rabbitAlarms"));
    alarms_->setTextFormat(Qt::PlainText);
    alarms_->setWordWrap(true);
    alarms_->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold;"));
    alarms_->hide();

    filter_->setObjectName(QStringLiteral("rabbitFilter"));
    filter_->setPlaceholderText(tr("Filter by name…"));
    filter_->setClearButtonEnabled(true);
    refreshButton_->setObjectName(QStringLiteral("rabbitRefresh"));
    refreshButton_->setEnabled(false);
    refreshButton_->setToolTip(
        tr("Reload (the page also refreshes every %1 s while shown)").arg(kAutoRefreshMs / 1000));

    queuesView_->horizontalHeader()->setSectionResizeMode(RabbitQueueModel::Name, QHeaderView::Stretch);
    exchangesView_->horizontalHeader()->setSectionResizeMode(RabbitExchangeModel::Name, QHeaderView::Stretch);
    bindingsView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    for (int column = RabbitQueueModel::Type; column < RabbitQueueModel::ColumnCount; ++column) {
        queuesView_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    queuesView_->sortByColumn(RabbitQueueModel::Name, Qt::AscendingOrder);
    exchangesView_->sortByColumn(RabbitExchangeModel::Name, Qt::AscendingOrder);
    bindingsView_->sortByColumn(RabbitBindingModel::Source, Qt::AscendingOrder);
    tabs_->setObjectName(QStringLiteral("rabbitTabs"));
    tabs_->addTab(queuesView_, QString());
    tabs_->addTab(exchangesView_, QString());
    tabs_->addTab(bindingsView_, QString());
    inspector_->setObjectName(QStringLiteral("rabbitInspector"));
    tabs_->addTab(inspector_, tr("Messages"));
    rateView_->setObjectName(QStringLiteral("rabbitRates"));
    rateView_->setHistory(&rateHistory_);
    queues_->setRateHistory(&rateHistory_);
    queuesView_->setItemDelegateForColumn(
        RabbitQueueModel::PublishRate, new widgets::SparklineDelegate(kRabbitSparklineRole, queuesView_));
    tabs_->addTab(rateView_, tr("Rates"));
    updateTabTitles();

    readButton_->setObjectName(QStringLiteral("rabbitRead"));
    publishButton_->setObjectName(QStringLiteral("rabbitPublish"));
    // Writes to the node: a menu on the row, and each table's context menu has its own.
    auto *manageButton = new QToolButton(this);
    manageButton->setObjectName(QStringLiteral("rabbitManage"));
    manageButton->setText(tr("&Manage"));
    manageButton->setPopupMode(QToolButton::InstantPopup);
    auto *manageMenu = new QMenu(manageButton);
    manageMenu->addActions(manage_->actions());
    manageButton->setMenu(manageMenu);
    const auto contextActions = [](QTableView *view, const QList<QAction *> &actions) {
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        view->addActions(actions);
    };
    contextActions(queuesView_,
        {manage_->newQueueAction(), manage_->deleteQueueAction(), manage_->purgeQueueAction(),
            manage_->bindAction()});
    contextActions(exchangesView_,
        {manage_->newExchangeAction(), manage_->deleteExchangeAction(), manage_->bindAction()});
    contextActions(bindingsView_, {manage_->bindAction(), manage_->unbindAction()});
    connect(manage_, &RabbitManageActions::changed, this, [this] {
        // A refresh running now may have read the lists before the change: one more after it.
        refreshAgain_ = pending_ > 0;
        refresh();
    });
    connect(manage_, &RabbitManageActions::failed, this, [this](const QString &message) {
        status_->setStatus(Level::Bad, message);
        Q_EMIT failed(message);
    });

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(filter_, 1);
    filterRow->addWidget(manageButton);
    filterRow->addWidget(readButton_);
    filterRow->addWidget(publishButton_);
    filterRow->addWidget(refreshButton_);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildProfileRow());
    layout->addWidget(buildConnectionRow());
    layout->addWidget(status_);
    layout->addWidget(amqpStatus_);
    layout->addWidget(overviewLabel_);
    layout->addWidget(alarms_);
    layout->addLayout(filterRow);
    layout->addWidget(tabs_, 1);

    autoRefresh_->setObjectName(QStringLiteral("rabbitAutoRefresh"));
    autoRefresh_->setInterval(kAutoRefreshMs);
    connect(autoRefresh_, &QTimer::timeout, this, &RabbitPage::refresh);
    connect(connectButton_, &QPushButton::clicked, this, &RabbitPage::onConnectClicked);
    connect(refreshButton_, &QPushButton::clicked, this, &RabbitPage::refresh);
    connect(readButton_, &QPushButton::clicked, this, &RabbitPage::onReadOrPeekClicked);
    connect(publishButton_, &QPushButton::clicked, this, &RabbitPage::openPublishDialog);
    connect(queuesView_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &RabbitPage::updateMessageActions);
    // The Rates tab follows the row last made current in the queues or exchanges table.
    connect(queuesView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this] { showRatesOfSelection(); });
    connect(exchangesView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QModelIndex current = exchangesView_->currentIndex();
        if (client_ && current.isValid()) {
            const int row = exchangesProxy_->mapToSource(current).row();
            rateView_->showExchange(client_->settings().vhost, exchanges_->rows().at(row).name);
        }
    });
    connect(queuesView_, &QTableView::doubleClicked, this, &RabbitPage::onReadOrPeekClicked);
    for (QTableView *view : {queuesView_, exchangesView_, bindingsView_}) {
        connect(
            view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RabbitPage::pushSelection);
    }
    for (QAbstractItemModel *model :
        std::initializer_list<QAbstractItemModel *> {queues_, exchanges_, bindings_}) {
        // The confirmations count what the last refresh showed.
        connect(model, &QAbstractItemModel::dataChanged, this, &RabbitPage::pushSelection);
        connect(model, &QAbstractItemModel::modelReset, this, &RabbitPage::pushSelection);
    }
    connect(queues_, &QAbstractItemModel::dataChanged, this, &RabbitPage::updateMessageActions);
    connect(queues_, &QAbstractItemModel::modelReset, this, &RabbitPage::updateMessageActions);
    connect(tabs_, &QTabWidget::currentChanged, this, &RabbitPage::updateMessageActions);
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (QSortFilterProxyModel *proxy : {queuesProxy_, exchangesProxy_, bindingsProxy_}) {
            proxy->setFilterFixedString(text);
        }
        updateTabTitles();
    });
    for (QSortFilterProxyModel *proxy : {queuesProxy_, exchangesProxy_, bindingsProxy_}) {
        connect(proxy, &QAbstractItemModel::rowsInserted, this, &RabbitPage::updateTabTitles);
        connect(proxy, &QAbstractItemModel::rowsRemoved, this, &RabbitPage::updateTabTitles);
        connect(proxy, &QAbstractItemModel::modelReset, this, &RabbitPage::updateTabTitles);
    }
    loadForm();
    updateMessageActions();
}

RabbitPage::~RabbitPage()
{
    rateView_->setHistory(nullptr); // the history goes before the child widgets
    queues_->setRateHistory(nullptr);
}

void RabbitPage::checkAmqp()
{
    amqp::Settings settings = amqpSettings();
    settings.connectTimeout = std::chrono::milliseconds(5000); // a check, not a session
    amqpCheck_.reset();
    amqpStatus_->show();
    amqpStatus_->setStatus(Level::Busy, tr("AMQP: connecting to %1…").arg(settings.displayUrl()));
    // A new check drops the last one's answer: its worker goes, unjoined.
    amqpProbe_ = std::make_unique<util::BackgroundWorker>(this);
    amqpProbe_->post([this, settings](const util::BackgroundWorker::Context &context) {
        amqp::Connection connection(settings);
        const amqp::Error error = connection.open(context.stopToken());
        const QString server = error.ok()
            ? QStringLiteral("%1 %2").arg(connection.serverProduct(), connection.serverVersion())
            : QString();
        context.deliver([this, error, server] { showAmqpCheck(error, server); });
    });
}

void RabbitPage::showAmqpCheck(const amqp::Error &error, const QString &server)
{
    amqpCheck_ = error;
    const amqp::Settings settings = amqpSettings();
    if (error.ok()) {
        amqpStatus_->setStatus(Level::Good,
            tr("AMQP: %1 at %2, vhost %3 — streams can be read, queues peeked, messages published")
                .arg(server, settings.displayUrl(), settings.vhost));
    } else {
        QString text = tr("AMQP: %1").arg(error.message);
        if (!error.detail.isEmpty() && !error.message.contains(error.detail)) {
            text += QStringLiteral(" (%1)").arg(error.detail);
        }
        text += QLatin1Char(' ')
            + tr("— reading streams, peeking and publishing need it (check the AMQP field).");
        amqpStatus_->setStatus(Level::Bad, text);
    }
    // The management API failed where AMQP answered: most often the plugin is not enabled or
    // listens elsewhere.
    if (error.ok() && refreshError_ && status_->level() == Level::Bad) {
        status_->setStatus(Level::Bad, managementHint(*refreshError_, settings));
    }
    Q_EMIT amqpChecked();
}

void RabbitPage::pushSelection()
{
    const auto selected = [](QTableView *view, const QSortFilterProxyModel *proxy, const auto &rows) {
        std::remove_cvref_t<decltype(rows)> out;
        for (const QModelIndex &index : view->selectionModel()->selectedRows()) {
            const int row = proxy->mapToSource(index).row();
            if (row >= 0 && row < rows.size()) {
                out << rows.at(row);
            }
        }
        return out;
    };
    manage_->setSelection(selected(queuesView_, queuesProxy_, queues_->rows()),
        selected(exchangesView_, exchangesProxy_, exchanges_->rows()),
        selected(bindingsView_, bindingsProxy_, bindings_->rows()));
}

void RabbitPage::showRatesOfSelection()
{
    const QModelIndex current = queuesView_->currentIndex();
    if (!client_ || !current.isValid()) {
        return;
    }
    rateView_->showQueue(
        client_->settings().vhost, current.siblingAtColumn(RabbitQueueModel::Name).data().toString());
}

QWidget *RabbitPage::buildProfileRow()
{
    auto *row = new QWidget(this);
    profiles_->setObjectName(QStringLiteral("rabbitProfiles"));
    profiles_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    profiles_->setMinimumContentsLength(18);
    profiles_->setToolTip(tr("Saved RabbitMQ connections (their passwords are in the keychain)"));
    saveProfile_->setObjectName(QStringLiteral("rabbitSaveProfile"));
    saveProfile_->setToolTip(tr("Save the form as a connection; the password goes to the keychain"));
    forgetProfile_->setObjectName(QStringLiteral("rabbitForgetProfile"));
    readOnly_->setObjectName(QStringLiteral("rabbitReadOnly"));
    readOnly_->setToolTip(
        tr("Never write through this connection: no publishing (saved with the connection)"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *caption = new QLabel(tr("Sav&ed:"), row);
    caption->setBuddy(profiles_);
    layout->addWidget(caption);
    layout->addWidget(profiles_);
    layout->addWidget(saveProfile_);
    layout->addWidget(forgetProfile_);
    layout->addWidget(readOnly_);
    layout->addStretch(1);
    connect(profiles_, &QComboBox::activated, this, [this](int index) {
        const QString id = profiles_->itemData(index).toString();
        if (id.isEmpty()) {
            profileId_.clear();
            updateMessageActions();
        } else {
            selectProfile(id);
        }
    });
    connect(saveProfile_, &QPushButton::clicked, this, &RabbitPage::onSaveProfileClicked);
    connect(forgetProfile_, &QPushButton::clicked, this, &RabbitPage::onForgetProfileClicked);
    connect(readOnly_, &QCheckBox::toggled, this, &RabbitPage::updateMessageActions);
    connect(readOnly_, &QCheckBox::toggled, manage_, &RabbitManageActions::setReadOnly);
    fillProfileCombo();
    return row;
}

void RabbitPage::setProfileStores(profiles::ProfileStore *store, profiles::SecretStore *secrets)
{
    profileStore_ = store;
    secretStore_ = secrets;
    fillProfileCombo();
}

void RabbitPage::fillProfileCombo()
{
    const QSignalBlocker block(profiles_);
    profiles_->clear();
    profiles_->addItem(tr("(not saved)"), QString());
    if (profileStore_) {
        for (const profiles::RabbitProfile &p : profileStore_->rabbitProfiles()) {
            profiles_->addItem(p.readOnly ? tr("%1 (read-only)").arg(p.name) : p.name, p.id);
        }
    }
    const int current = profiles_->findData(profileId_);
    profiles_->setCurrentIndex(current < 0 ? 0 : current);
    profiles_->setEnabled(profileStore_ != nullptr);
    saveProfile_->setEnabled(profileStore_ != nullptr);
    forgetProfile_->setEnabled(profileStore_ != nullptr && !profileId_.isEmpty());
}

bool RabbitPage::isReadOnly() const
{
    return readOnly_->isChecked();
}

bool RabbitPage::saveProfile(const QString &name)
{
    if (!profileStore_) {
        return false;
    }
    profiles::RabbitProfile profile;
    if (const profiles::RabbitProfile *shown = profileStore_->findRabbit(profileId_)) {
        profile = *shown;
    }
    profile.name = name.trimmed();
    profile.managementUrl = url_->text().trimmed();
    QUrl amqpUrl(amqpUrl_->text().trimmed());
    amqpUrl.setPassword(QString());
    amqpUrl.setUserName(QString());
    profile.amqpUrl = amqpUrl_->text().trimmed().isEmpty() ? QString() : amqpUrl.toString();
    profile.vhost = formSettings().vhost;
    profile.username = user_->text().trimmed();
    profile.readOnly = readOnly_->isChecked();
    if (const QStringList problems = profiles::validate(profile); !problems.isEmpty()) {
        status_->setStatus(Level::Bad, tr("Not saved: %1").arg(problems.join(QLatin1Char(' '))));
        return false;
    }
    profile = profileStore_->upsertRabbit(profile);
    QString error;
    if (!profileStore_->save(&error)) {
        status_->setStatus(Level::Bad, tr("Not saved: %1").arg(error));
        return false;
    }
    profileId_ = profile.id;
    if (secretStore_) {
        profiles::ProfileSecrets secrets;
        secrets.password = password_->text();
        secretStore_->write(profile.id, secrets,
            [status = QPointer<widgets::StatusIndicator>(status_)](bool persisted, const QString &problem) {
                if (!persisted && status) {
                    status->setStatus(Level::Info,
                        tr("Saved; the password is kept for this session only (%1).").arg(problem));
                }
            });
    }
    fillProfileCombo();
    status_->setStatus(Level::Good, tr("Saved the connection %1.").arg(profile.name));
    Q_EMIT profilesChanged();
    return true;
}

void RabbitPage::selectProfile(const QString &id)
{
    const profiles::RabbitProfile *profile = profileStore_ ? profileStore_->findRabbit(id) : nullptr;
    if (!profile) {
        return;
    }
    profileId_ = profile->id;
    url_->setText(profile->managementUrl);
    amqpUrl_->setText(profile->amqpUrl);
    user_->setText(profile->username);
    vhost_->setText(profile->vhost);
    readOnly_->setChecked(profile->readOnly);
    password_->clear();
    fillProfileCombo();
    profileStore_->markRabbitUsed(profile->id, QDateTime::currentMSecsSinceEpoch());
    QString ignored; // when the file cannot be written the connection still works
    profileStore_->save(&ignored);
    if (!secretStore_) {
        onConnectClicked();
        return;
    }
    // The keychain answers asynchronously; the form may show another connection by then.
    secretStore_->read(profile->id,
        [self = QPointer<RabbitPage>(this), id](std::optional<profiles::ProfileSecrets> secrets) {
            RabbitPage *page = self.data(); // read once: the page may be gone by now
            if (page == nullptr || page->profileId_ != id) {
                return;
            }
            if (secrets) {
                page->password_->setText(secrets->password);
            }
            page->onConnectClicked();
        });
}

void RabbitPage::forgetProfile(const QString &id)
{
    if (!profileStore_ || !profileStore_->removeRabbit(id)) {
        return;
    }
    QString error;
    if (!profileStore_->save(&error)) {
        status_->setStatus(Level::Bad, error);
    }
    if (secretStore_) {
        secretStore_->remove(id);
    }
    if (profileId_ == id) {
        profileId_.clear();
    }
    fillProfileCombo();
    Q_EMIT profilesChanged();
}

void RabbitPage::onSaveProfileClicked()
{
    const profiles::RabbitProfile *shown = profileStore_ ? profileStore_->findRabbit(profileId_) : nullptr;
    const QString suggested = shown ? shown->name : QUrl(formSettings().url).host();
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save the connection"), tr("Name:"), QLineEdit::Normal, suggested, &ok);
    if (ok) {
        saveProfile(name);
    }
}

void RabbitPage::onForgetProfileClicked()
{
    const profiles::RabbitProfile *shown = profileStore_ ? profileStore_->findRabbit(profileId_) : nullptr;
    if (!shown) {
        return;
    }
    if (QMessageBox::question(this, tr("Forget %1").arg(shown->name),
            tr("Forget the saved connection %1 and its password? The node itself is not touched.")
                .arg(shown->name))
        == QMessageBox::Yes) {
        forgetProfile(shown->id);
    }
}

QWidget *RabbitPage::buildConnectionRow()
{
    auto *row = new QWidget(this);
    url_->setObjectName(QStringLiteral("rabbitUrl"));
    url_->setPlaceholderText(QStringLiteral("http://localhost:15672"));
    url_->setToolTip(tr("The management plugin's URL (with its path prefix, if any)"));
    user_->setObjectName(QStringLiteral("rabbitUser"));
    user_->setPlaceholderText(tr("user"));
    password_->setObjectName(QStringLiteral("rabbitPassword"));
    password_->setEchoMode(QLineEdit::Password);
    password_->setPlaceholderText(tr("password"));
    password_->setToolTip(tr("Not saved"));
    vhost_->setObjectName(QStringLiteral("rabbitVhost"));
    vhost_->setText(QStringLiteral("/"));
    amqpUrl_->setObjectName(QStringLiteral("rabbitAmqpUrl"));
    amqpUrl_->setPlaceholderText(QStringLiteral("amqp://localhost:5672"));
    amqpUrl_->setToolTip(tr("AMQP 0-9-1 (amqp:// or amqps://) for reading streams, peeking and publishing; "
                            "empty: the management host on port 5672. The user, password and vhost "
                            "of this row are used."));
    connectButton_->setObjectName(QStringLiteral("rabbitConnect"));
    connectButton_->setDefault(true);
    // The URL takes what the row can spare; the rest stay compact on a laptop screen.
    url_->setMinimumWidth(180);
    user_->setMaximumWidth(140);
    password_->setMaximumWidth(140);
    vhost_->setMaximumWidth(120);
    amqpUrl_->setMinimumWidth(140);
    connect(amqpUrl_, &QLineEdit::editingFinished, this, &RabbitPage::takePasswordFromAmqpUrl);
    for (QLineEdit *edit : {url_, user_, password_, vhost_, amqpUrl_}) {
        connect(edit, &QLineEdit::returnPressed, this, &RabbitPage::onConnectClicked);
    }

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto add = [row, layout](const QString &label, QLineEdit *edit, int stretch) {
        auto *caption = new QLabel(label, row);
        caption->setBuddy(edit);
        layout->addWidget(caption);
        layout->addWidget(edit, stretch);
    };
    add(tr("&URL:"), url_, 3);
    add(tr("U&ser:"), user_, 1);
    add(tr("Pass&word:"), password_, 1);
    add(tr("V&host:"), vhost_, 1);
    add(tr("A&MQP:"), amqpUrl_, 2);
    layout->addWidget(connectButton_);
    return row;
}

QTableView *RabbitPage::makeTable(const QString &objectName, QSortFilterProxyModel *proxy)
{
    auto *view = new QTableView(this);
    view->setObjectName(objectName);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    // Fixed row heights: a view over thousands of rows never measures each one.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(false);
    return view;
}

rabbit::ManagementSettings RabbitPage::formSettings() const
{
    rabbit::ManagementSettings settings;
    settings.url = url_->text().trimmed();
    if (settings.url.isEmpty()) {
        settings.url = url_->placeholderText();
    }
    settings.username = user_->text().trimmed();
    settings.password = password_->text();
    settings.vhost = vhost_->text().isEmpty() ? QStringLiteral("/") : vhost_->text();
    return settings;
}

void RabbitPage::takePasswordFromAmqpUrl()
{
    // A password typed into the AMQP URL moves to the password field (which does not show it).
    QUrl url(amqpUrl_->text().trimmed());
    if (url.password().isEmpty()) {
        return;
    }
    if (password_->text().isEmpty()) {
        password_->setText(url.password(QUrl::FullyDecoded));
    }
    if (user_->text().isEmpty()) {
        user_->setText(url.userName(QUrl::FullyDecoded));
    }
    url.setPassword(QString());
    amqpUrl_->setText(url.toString());
}

void RabbitPage::onConnectClicked()
{
    takePasswordFromAmqpUrl();
    saveForm();
    connectTo(formSettings());
}

void RabbitPage::connectTo(const rabbit::ManagementSettings &settings)
{
    // Deleting the old client aborts its requests; none of its callbacks runs after this.
    delete client_;
    client_ = new rabbit::ManagementClient(settings, this);
    manage_->setClient(client_);
    manage_->setReadOnly(isReadOnly());
    pending_ = 0;
    refreshAgain_ = false;
    refreshError_.reset();
    overview_.reset();
    overviewLabel_->clear();
    overviewLabel_->hide();
    alarms_->hide();
    queues_->clear();
    exchanges_->clear();
    bindings_->clear();
    rateHistory_.clear(); // its keys are vhost and name: another node's queues must not mix in
    rateView_->clear();
    refreshButton_->setEnabled(true);
    updateMessageActions();
    status_->setStatus(Level::Busy, tr("Connecting to %1…").arg(client_->endpoint()));
    refresh();
    checkAmqp();
    if (isVisible()) {
        autoRefresh_->start();
    }
}

void RabbitPage::refresh()
{
    if (!client_ || pending_ > 0) {
        return;
    }
    pending_ = 4;
    refreshError_.reset();
    client_->overview([this](const Result<rabbit::Overview> &result) {
        if (result.ok()) {
            showOverview(result.value());
        }
        const ManagementError error = result.error();
        answered(result.ok() ? nullptr : &error);
    });
    client_->queues([this](const Result<QList<rabbit::QueueInfo>> &result) {
        if (result.ok()) {
            rateHistory_.record(QDateTime::currentMSecsSinceEpoch(), result.value());
            queues_->update(result.value());
        }
        const ManagementError error = result.error();
        answered(result.ok() ? nullptr : &error);
    });
    client_->exchanges([this](const Result<QList<rabbit::ExchangeInfo>> &result) {
        if (result.ok()) {
            rateHistory_.record(QDateTime::currentMSecsSinceEpoch(), result.value());
            exchanges_->update(result.value());
        }
        const ManagementError error = result.error();
        answered(result.ok() ? nullptr : &error);
    });
    client_->bindings([this](const Result<QList<rabbit::BindingInfo>> &result) {
        if (result.ok()) {
            bindings_->update(result.value());
        }
        const ManagementError error = result.error();
        answered(result.ok() ? nullptr : &error);
    });
}

void RabbitPage::answered(const ManagementError *error)
{
    // The overview and the vhost's lists often fail alike (a refused connection, a bad
    // password): the first sentence is the one shown.
    if (error && !refreshError_) {
        refreshError_ = error->message;
    }
    if (--pending_ > 0) {
        return;
    }
    rateView_->refresh(); // one redraw per refresh, with whatever lists came
    if (refreshError_) {
        QString text = *refreshError_;
        if (amqpCheck_ && amqpCheck_->ok()) {
            text = managementHint(*refreshError_, amqpSettings());
        }
        status_->setStatus(Level::Bad, text);
        if (!profileId_.isEmpty()) {
            Q_EMIT profileStateChanged(profileId_, false, *refreshError_);
        }
        Q_EMIT failed(*refreshError_);
    } else {
        const QString vhost = client_->settings().vhost;
        status_->setStatus(Level::Good,
            tr("Connected to %1, vhost %2 — updated %3")
                .arg(client_->endpoint(), vhost,
                    QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
        if (!profileId_.isEmpty()) {
            Q_EMIT profileStateChanged(
                profileId_, true, tr("connected · %n queue(s)", nullptr, int(queues_->rows().size())));
        }
    }
    Q_EMIT refreshed();
    if (refreshAgain_) {
        refreshAgain_ = false;
        refresh();
    }
}

void RabbitPage::showOverview(const rabbit::Overview &overview)
{
    overview_ = overview;
    const QLocale locale;
    QStringList parts {
        tr("RabbitMQ %1").arg(overview.rabbitmqVersion), tr("Erlang %1").arg(overview.erlangVersion)};
    if (!overview.clusterName.isEmpty()) {
        parts << tr("cluster %1").arg(overview.clusterName);
    }
    parts << tr("%n queue(s)", nullptr, overview.queues)
          << tr("%1 messages (%2 ready, %3 unacked)")
                 .arg(locale.toString(overview.messages), locale.toString(overview.messagesReady),
                     locale.toString(overview.messagesUnacknowledged))
          << tr("%n connection(s)", nullptr, overview.connections);
    if (!overview.nodesVisible) {
        parts << tr("nodes not visible (the user lacks the monitoring tag)");
    }
    overviewLabel_->setText(parts.join(QStringLiteral(" · ")));
    overviewLabel_->show();
    alarms_->setText(overview.alarms.join(QStringLiteral("; ")));
    alarms_->setVisible(!overview.alarms.isEmpty());
}

void RabbitPage::updateTabTitles()
{
    const auto title = [](const QString &name, const QSortFilterProxyModel *proxy) {
        const int shown = proxy->rowCount();
        const int all = proxy->sourceModel()->rowCount();
        return shown == all ? tr("%1 (%2)").arg(name).arg(all)
                            : tr("%1 (%2 of %3)").arg(name).arg(shown).arg(all);
    };
    tabs_->setTabText(0, title(tr("Queues"), queuesProxy_));
    tabs_->setTabText(1, title(tr("Exchanges"), exchangesProxy_));
    tabs_->setTabText(2, title(tr("Bindings"), bindingsProxy_));
}

amqp::Settings RabbitPage::amqpSettings() const
{
    QString url = amqpUrl_->text().trimmed();
    if (url.isEmpty()) {
        const QString host = QUrl(formSettings().url).host();
        url = QStringLiteral("amqp://%1:%2")
                  .arg(host.isEmpty() ? QStringLiteral("localhost") : host)
                  .arg(amqp::Settings::kDefaultPort);
    }
    amqp::Result<amqp::Settings> parsed = amqp::Settings::fromUrl(url);
    amqp::Settings settings = parsed.ok() ? parsed.value() : amqp::Settings {};
    if (!parsed.ok()) {
        settings.host.clear(); // unusable: the read says why (the URL's own error is in the tooltip)
    }
    const rabbit::ManagementSettings form = formSettings();
    if (!form.username.isEmpty()) {
        settings.user = form.username;
        settings.password = form.password;
    }
    settings.vhost = form.vhost;
    return settings;
}

const rabbit::QueueInfo *RabbitPage::queueInfo(const QString &name) const
{
    for (const rabbit::QueueInfo &q : queues_->rows()) {
        if (q.name == name) {
            return &q;
        }
    }
    return nullptr;
}

QStringList RabbitPage::selectedQueues() const
{
    QStringList names;
    for (const QModelIndex &index : queuesView_->selectionModel()->selectedRows(RabbitQueueModel::Name)) {
        names << index.data().toString();
    }
    return names;
}

QString RabbitPage::peekWarning(const rabbit::QueueInfo &queue)
{
    QStringList lines;
    lines << tr("A peek takes the first messages of %1 with basic.get and hands them all back at once "
                "(requeued, never acknowledged): nothing is removed, but")
                 .arg(queue.name);
    lines << tr("• the messages are delivered from then on with redelivered = true;");
    lines << tr("• a consumer active meanwhile may see them in another order;");
    lines << tr("• while peeked (a moment), other consumers do not see them.");
    if (queue.type == rabbit::QueueType::Quorum) {
        const QJsonValue limit = queue.arguments.value(QStringLiteral("x-delivery-limit"));
        QString quorum
            = tr("• This is a quorum queue: every peek counts as a delivery (x-delivery-count grows by "
                 "one).");
        if (limit.isDouble()) {
            quorum += QLatin1Char(' ')
                + tr(
                    "Its delivery limit is %1: a message peeked that many times is dropped or dead-lettered.")
                      .arg(limit.toInteger());
            if (limit.toInteger() <= 3) {
                quorum += QLatin1Char(' ') + tr("That limit is low — a few peeks can reach it.");
            }
        } else {
            quorum += QLatin1Char(' ') + tr("It has no delivery limit set here (a policy may set one).");
        }
        lines << quorum;
    }
    return lines.join(QLatin1Char('\n'));
}

void RabbitPage::updateMessageActions()
{
    const QStringList selected = selectedQueues();
    const rabbit::QueueInfo *queue = selected.size() == 1 ? queueInfo(selected.front()) : nullptr;
    const bool stream = queue && queue->type == rabbit::QueueType::Stream;
    readButton_->setText(stream || !queue ? tr("&Read stream") : tr("Pee&k…"));
    readButton_->setEnabled(client_ && queue);
    readButton_->setToolTip(!queue
            ? tr("Select one queue: a stream is read like a Kafka topic, another queue is "
                 "peeked (its messages are requeued)")
            : stream ? tr("Read %1 in the Messages tab without changing it").arg(queue->name)
                     : tr("Look at the first messages of %1; they are requeued").arg(queue->name));
    const bool readOnly = isReadOnly();
    publishButton_->setEnabled(client_ != nullptr && !readOnly);
    publishButton_->setToolTip(readOnly
            ? tr("The connection is read-only.")
            : tr("Publish messages to the selected exchange, or to the selected queue "
                 "through the default exchange"));
}

void RabbitPage::onReadOrPeekClicked()
{
    const QStringList selected = selectedQueues();
    const rabbit::QueueInfo *queue = selected.size() == 1 ? queueInfo(selected.front()) : nullptr;
    if (!queue) {
        return;
    }
    if (queue->type == rabbit::QueueType::Stream) {
        readStream(queue->name);
        return;
    }
    const rabbit::QueueInfo shown = *queue; // the rows may be refreshed while the box is open
    if (!peekConfirmed_ || shown.type == rabbit::QueueType::Quorum) {
        QMessageBox box(QMessageBox::Warning, tr("Peek %1").arg(shown.name), peekWarning(shown),
            QMessageBox::Ok | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("rabbitPeekWarning"));
        box.button(QMessageBox::Ok)->setText(tr("Peek"));
        if (box.exec() != QMessageBox::Ok) {
            return;
        }
        peekConfirmed_ = true;
    }
    bool ok = false;
    const int count = QInputDialog::getInt(this, tr("Peek %1").arg(shown.name), tr("How many messages:"),
        kDefaultPeekCount, 1, int(amqp::QueuePeeker::kMaxPeek), 1, &ok);
    if (ok) {
        peekQueue(shown.name, count);
    }
}

void RabbitPage::showMessagesTab()
{
    tabs_->setCurrentWidget(inspector_);
}

void RabbitPage::readStream(const QString &name)
{
    const amqp::Settings settings = amqpSettings();
    inspector_->setRecordSource(
        [settings] { return std::make_unique<inspect::StreamRecordSource>(settings); },
        QStringLiteral("stream %1 %2").arg(settings.displayUrl(), settings.vhost), name);
    showMessagesTab();
    inspector_->start();
}

void RabbitPage::peekQueue(const QString &name, int count)
{
    const amqp::Settings settings = amqpSettings();
    const auto n = std::size_t(std::max(1, count));
    // Each peek is its own origin: the table shows this peek, not one appended to the last.
    inspector_->setRecordSource(
        [settings, n] { return std::make_unique<inspect::QueuePeekSource>(settings, n); },
        QStringLiteral("peek %1 %2 %3").arg(settings.displayUrl(), settings.vhost).arg(n), name);
    showMessagesTab();
    inspect::ConsumeRequest request;
    request.topics = {inspect::TopicSelection {name, inspect::StartPosition::beginning(), {}}};
    request.stopAtEnd = true;
    inspector_->controller()->start(request, tr("a peek of %n message(s), requeued", nullptr, count));
}

void RabbitPage::openPublishDialog()
{
    if (isReadOnly()) {
        status_->setStatus(Level::Bad, tr("The connection is read-only: nothing is published through it."));
        return;
    }
    QString exchange;
    QString routingKey;
    if (tabs_->currentWidget() == exchangesView_) {
        const QModelIndexList rows
            = exchangesView_->selectionModel()->selectedRows(RabbitExchangeModel::Name);
        if (rows.size() == 1) {
            const int row = exchangesProxy_->mapToSource(rows.front()).row();
            exchange = exchanges_->rows().at(row).name; // "" is the default exchange
        }
    } else if (const QStringList queues = selectedQueues(); queues.size() == 1) {
        routingKey = queues.front(); // the default exchange routes by the queue's name
    }
    auto *dialog = new PublishDialog(amqpSettings(), exchange, routingKey, this);
    dialog->setObjectName(QStringLiteral("rabbitPublishDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

QStringList RabbitPage::visibleQueues() const
{
    QStringList names;
    names.reserve(queuesProxy_->rowCount());
    for (int row = 0; row < queuesProxy_->rowCount(); ++row) {
        names << queuesProxy_->index(row, RabbitQueueModel::Name).data().toString();
    }
    return names;
}

void RabbitPage::setFilter(const QString &text)
{
    filter_->setText(text);
}

void RabbitPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (client_) {
        refresh();
        autoRefresh_->start();
    }
}

void RabbitPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    autoRefresh_->stop();
}

void RabbitPage::loadForm()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    url_->setText(settings.value(QStringLiteral("url")).toString());
    amqpUrl_->setText(settings.value(QStringLiteral("amqpUrl")).toString());
    user_->setText(settings.value(QStringLiteral("user")).toString());
    vhost_->setText(settings.value(QStringLiteral("vhost"), QStringLiteral("/")).toString());
}

void RabbitPage::saveForm() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("url"), url_->text().trimmed());
    // Never the password, even when the URL was typed with one.
    QUrl amqpUrl(amqpUrl_->text().trimmed());
    amqpUrl.setPassword(QString());
    settings.setValue(QStringLiteral("amqpUrl"), amqpUrl.toString());
    settings.setValue(QStringLiteral("user"), user_->text().trimmed());
    settings.setValue(QStringLiteral("vhost"), vhost_->text());
}

} // namespace edis::ui
