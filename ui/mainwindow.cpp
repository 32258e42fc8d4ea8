#include "mainwindow.h"

#include "cluster/clustersession.h"
#include "detailslabel.h"
#include "dialogs/connectdialog.h"
#include "dialogs/connectionmanager.h"
#include "dialogs/createtopicdialog.h"
#include "inspector/inspectorpage.h"
#include "messagetablemodel.h"
#include "models/clustertreemodel.h"
#include "pages/groupspage.h"
#include "pages/overviewpage.h"
#include "pages/rabbitnodelist.h"
#include "pages/rabbitpage.h"
#include "pages/registrypage.h"
#include "pages/throughputpage.h"
#include "pages/topicpage.h"
#include "pipeline/pipelineeditor.h"
#include "pipeline/pipelineworkspace.h"
#include "profiles/secretstore.h"
#include "registrydecoding.h"
#include "sandbox/sandboxcluster.h"
#include "sparklinedelegate.h"
#include "statusindicator.h"
#include "treedecorationproxy.h"
#include "util/backgroundjob.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace edis::ui {

using models::ClusterTreeModel;
using State = cluster::ClusterSession::State;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , secretStore_(new profiles::SecretStore(QStringLiteral("EDIS Studio"), this))
    , treeModel_(new ClusterTreeModel(this))
    , decoration_(new TreeDecorationProxy(this))
    , treeProxy_(new QSortFilterProxyModel(this))
    , tree_(new QTreeView(this))
    , treeFilter_(new QLineEdit(this))
    , pages_(new QStackedWidget(this))
    , welcomePage_(new QWidget(this))
    , overviewPage_(new OverviewPage(this))
    , topicPage_(new TopicPage(this))
    , groupsPage_(new GroupsPage(this))
    , throughputPage_(new ThroughputPage(this))
    , registryPage_(new RegistryPage(this))
    , rabbitPage_(new RabbitPage(this))
    , rabbitNodes_(new RabbitNodeList(this))
    , topicTabs_(new QTabWidget(this))
    , inspectorPage_(new InspectorPage(this))
    , modeTabs_(new QTabWidget(this))
    , workspace_(new PipelineWorkspace(this))
    , status_(new widgets::StatusIndicator(this))
{
    setWindowTitle(tr("EDIS Studio"));
    setObjectName(QStringLiteral("mainWindow"));
    QString profileError;
    if (!profileStore_.load(&profileError)) {
        // Keep the file as it is (the user may repair it) and start with no saved connections.
        QTimer::singleShot(
            0, this, [this, profileError] { QMessageBox::warning(this, tr("Connections"), profileError); });
    }
    rabbitPage_->setProfileStores(&profileStore_, secretStore_); // its saved nodes, beside the clusters
    rabbitNodes_->setProfileStore(&profileStore_);
    connect(rabbitPage_, &RabbitPage::profilesChanged, rabbitNodes_, &RabbitNodeList::reload);
    connect(rabbitPage_, &RabbitPage::profileStateChanged, rabbitNodes_, &RabbitNodeList::setNodeState);
    connect(rabbitNodes_, &RabbitNodeList::nodeActivated, this, [this](const QString &id) {
        showRabbit();
        if (rabbitPage_->currentProfileId() != id || !rabbitPage_->client()) {
            rabbitPage_->selectProfile(id);
        }
    });
    connect(rabbitNodes_, &RabbitNodeList::addRequested, this, &MainWindow::showRabbit);

    decoration_->setSourceModel(treeModel_);
    treeProxy_->setSourceModel(decoration_);
    treeProxy_->setRecursiveFilteringEnabled(true);
    treeProxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    treeProxy_->setFilterKeyColumn(ClusterTreeModel::NameColumn);

    tree_->setObjectName(QStringLiteral("clusterTree"));
    tree_->setModel(treeProxy_);
    tree_->setUniformRowHeights(true);
    tree_->setTextElideMode(Qt::ElideMiddle); // topic names differ at both ends
    // Names get the room they need; the details (counts, sparklines) take what is left.
    tree_->header()->setSectionResizeMode(ClusterTreeModel::NameColumn, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(ClusterTreeModel::DetailColumn, QHeaderView::Stretch);
    tree_->header()->setStretchLastSection(true);
    treeFilter_->setObjectName(QStringLiteral("treeFilter"));
    treeFilter_->setPlaceholderText(tr("Filter topics…"));
    treeFilter_->setClearButtonEnabled(true);
    connect(treeFilter_, &QLineEdit::textChanged, this, [this](const QString &text) {
        treeProxy_->setFilterFixedString(text);
        if (!text.isEmpty()) {
            tree_->expandAll();
        }
    });
    // The detail column carries a sparkline of each topic's rate over the last minute.
    tree_->setItemDelegateForColumn(ClusterTreeModel::DetailColumn,
        new widgets::SparklineDelegate(TreeDecorationProxy::SparklineRole, tree_));
    connect(throughputPage_, &ThroughputPage::roundAdded, this, &MainWindow::updateSparklines);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { onCurrentTreeItemChanged(current); });

    auto *navigation = new QWidget(this);
    auto *navLayout = new QVBoxLayout(navigation);
    navLayout->setContentsMargins(0, 0, 0, 0);
    navLayout->addWidget(treeFilter_);
    navLayout->addWidget(tree_, 1);
    // RabbitMQ nodes beside the Kafka clusters: a few rows, the clusters keep the room.
    rabbitNodes_->setMaximumHeight(rabbitNodes_->fontMetrics().height() * 8);
    navLayout->addWidget(rabbitNodes_);

    auto *welcomeLayout = new QVBoxLayout(welcomePage_);
    auto *welcome = new QLabel(tr("<h2>EDIS Studio</h2><p>Select a cluster or a topic on the left, "
                                  "or connect to another cluster with <b>Cluster → Connect…</b>.</p>"),
        welcomePage_);
    welcome->setWordWrap(true);
    welcome->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    welcomeLayout->addWidget(welcome);
    pages_->addWidget(welcomePage_);
    pages_->addWidget(overviewPage_);
    // A topic has two tabs: its partitions and configs, and its messages (the inspector).
    topicTabs_->setObjectName(QStringLiteral("topicTabs"));
    topicTabs_->setDocumentMode(true);
    topicTabs_->addTab(topicPage_, tr("Details"));
    topicTabs_->addTab(inspectorPage_, tr("Messages"));
    pages_->addWidget(topicTabs_);
    connect(topicTabs_, &QTabWidget::currentChanged, this, [this] { autoStartInspector(); });
    pages_->addWidget(groupsPage_);
    pages_->addWidget(throughputPage_);
    pages_->addWidget(registryPage_);
    pages_->addWidget(rabbitPage_);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("clusterSplitter"));
    splitter->addWidget(navigation);
    splitter->addWidget(pages_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 780}); // room for names like __debezium-heartbeat.erp and a sparkline
    // Inside the mode tabs the splitter gets its size late; without a floor the tree would
    // start a few pixels wide.
    navigation->setMinimumWidth(330);
    splitter->setCollapsible(0, false);

    // Two modes: browsing clusters (tree + pages) and designing pipelines.
    modeTabs_->setObjectName(QStringLiteral("modeTabs"));
    modeTabs_->setDocumentMode(true);
    modeTabs_->setTabPosition(QTabWidget::West);
    modeTabs_->addTab(splitter, tr("Clusters"));
    modeTabs_->addTab(workspace_, tr("Pipelines"));
    setCentralWidget(modeTabs_);
    connect(workspace_, &PipelineWorkspace::errorReported, this,
        [this](const QString &title, const QString &message) {
            statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, message), 10000);
        });

    status_->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addWidget(status_, 1);
    buildActions();
    restoreWindowLayout();
    // After the constructor, so that the window exists when the recovered tabs appear.
    QTimer::singleShot(0, this, &MainWindow::recoverAutosaves);
}

void MainWindow::recoverAutosaves()
{
    // Listing and reading the autosaves is disk work (and waits for autosave writes still in
    // flight): a background job; the tabs open here, on the GUI thread.
    using Recoveries = QList<PipelineWorkspace::Recovery>;
    const QString directory = workspace_->autosaveStore().directory();
    util::runInBackground<Recoveries>(
        this,
        [directory] {
            Recoveries read;
            for (const pipeline::RecoverableFile &file : PipelineWorkspace::recoverableFiles(directory)) {
                read.append(PipelineWorkspace::readAutosave(file));
            }
            return read;
        },
        [this](const Recoveries &recoveries) {
            int recovered = 0;
            for (const PipelineWorkspace::Recovery &recovery : recoveries) {
                QString error;
                if (workspace_->recover(recovery, &error)) {
                    ++recovered;
                } else {
                    statusBar()->showMessage(
                        tr("Could not recover %1: %2").arg(recovery.file.title, error), 10000);
                }
            }
            if (recovered > 0) {
                statusBar()->showMessage(
                    tr("Recovered %n pipeline(s) with unsaved changes from the last session (see "
                       "Pipelines).",
                        nullptr, recovered),
                    15000);
            }
        });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved pipelines: ask (Save / Discard / Cancel) before the window goes.
    if (!workspace_->closeAll()) {
        event->ignore();
        return;
    }
    saveWindowLayout();
    event->accept();
}

namespace {
constexpr auto kGeometryKey = "mainWindow/geometry";
constexpr auto kSplitterKey = "mainWindow/clusterSplitter";
} // namespace

QSize MainWindow::defaultSize(const QRect &available)
{
    // 1180x720 is what the pages are laid out for; a larger screen gets most of its area (the
    // inspector's table and the plots use it), a smaller one all of it.
    constexpr QSize kPreferred(1180, 720);
    constexpr double kShareOfLargeScreen = 0.8;
    const QSize share(
        int(available.width() * kShareOfLargeScreen), int(available.height() * kShareOfLargeScreen));
    return kPreferred.expandedTo(share).boundedTo(available.size());
}

void MainWindow::restoreWindowLayout()
{
    const QSettings settings;
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("clusterSplitter"))) {
        splitter->restoreState(settings.value(QLatin1String(kSplitterKey)).toByteArray());
    }
    // restoreGeometry() moves a window saved on a screen that is gone back onto a present one.
    if (restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray())) {
        return;
    }
    const QRect available = screen()->availableGeometry();
    const QSize size = defaultSize(available);
    setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
}

void MainWindow::saveWindowLayout() const
{
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    if (const auto *splitter = findChild<QSplitter *>(QStringLiteral("clusterSplitter"))) {
        settings.setValue(QLatin1String(kSplitterKey), splitter->saveState());
    }
}

MainWindow::~MainWindow()
{
    // Sessions go before the tree and pages they report to. Their destructors never wait: a job
    // still in a blocking Kafka call goes to util::BackgroundWorker's reaper.
    for (auto &c : connections_) {
        delete c.session;
    }
}

void MainWindow::buildActions()
{
    auto *clusterMenu = menuBar()->addMenu(tr("&Cluster"));
    auto *connectAction = clusterMenu->addAction(tr("&Connect…"), this, &MainWindow::showConnectionManager);
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connectAction->setObjectName(QStringLiteral("connectAction"));
    auto *quickConnect = clusterMenu->addAction(tr("&Quick connect…"), this, &MainWindow::showConnectDialog);
    quickConnect->setObjectName(QStringLiteral("quickConnectAction"));
    recentMenu_ = clusterMenu->addMenu(tr("&Recent connections"));
    recentMenu_->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    auto *refreshAction = clusterMenu->addAction(tr("&Refresh"), this, &MainWindow::refreshCurrent);
    refreshAction->setShortcut(QKeySequence::Refresh);
    clusterMenu->addSeparator();
    clusterMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows)
        ->setShortcut(QKeySequence::Quit);

    clusterMenu->addSeparator();
    auto *createTopic = clusterMenu->addAction(tr("New &topic…"), this, &MainWindow::showCreateTopic);
    createTopic->setObjectName(QStringLiteral("createTopicAction"));
    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    auto *groups = viewMenu->addAction(tr("Consumer &groups"), this, &MainWindow::showGroups);
    groups->setObjectName(QStringLiteral("groupsAction"));
    groups->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    auto *throughput = viewMenu->addAction(tr("&Throughput and lag"), this, &MainWindow::showThroughput);
    throughput->setObjectName(QStringLiteral("throughputAction"));
    throughput->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));

    auto *messages = viewMenu->addAction(tr("&Messages of the topic"), this, &MainWindow::showInspector);
    messages->setObjectName(QStringLiteral("inspectAction"));
    messages->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    messages->setToolTip(tr("Read, filter and search the messages of the selected topic"));
    registryAction_ = viewMenu->addAction(tr("Schema &Registry"), this, &MainWindow::showRegistry);
    registryAction_->setObjectName(QStringLiteral("registryAction"));
    registryAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    registryAction_->setToolTip(
        tr("Subjects, versions and compatibility of the connection's Schema Registry"));
    registryAction_->setEnabled(false);
    auto *rabbit = viewMenu->addAction(tr("R&abbitMQ"), this, &MainWindow::showRabbit);
    rabbit->setObjectName(QStringLiteral("rabbitAction"));
    rabbit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    rabbit->setToolTip(tr("Queues, exchanges and bindings of a RabbitMQ node (management API)"));
    viewMenu->addSeparator();
    auto *clusters = viewMenu->addAction(tr("&Clusters"), this, &MainWindow::showClusters);
    clusters->setObjectName(QStringLiteral("clustersModeAction"));
    clusters->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    auto *designer = viewMenu->addAction(tr("&Pipeline designer"), this, &MainWindow::showDesigner);
    designer->setObjectName(QStringLiteral("designerModeAction"));
    designer->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));

    // The inspector's actions, for the menu bar (they also sit on the page).
    auto *messagesMenu = menuBar()->addMenu(tr("&Messages"));
    messagesMenu->addActions({inspectorPage_->startAction(), inspectorPage_->liveTailAction(),
        inspectorPage_->pauseAction(), inspectorPage_->stopAction()});
    messagesMenu->addSeparator();
    messagesMenu->addAction(inspectorPage_->searchTopicAction());
    messagesMenu->addSeparator();
    messagesMenu->addActions({inspectorPage_->copyValueAction(), inspectorPage_->copyJsonAction(),
        inspectorPage_->copyKcatAction(), inspectorPage_->copyEdisAction()});
    messagesMenu->addSeparator();
    messagesMenu->addActions(
        {inspectorPage_->exportSelectedJsonAction(), inspectorPage_->exportAllJsonAction(),
            inspectorPage_->exportSelectedCsvAction(), inspectorPage_->exportAllCsvAction()});
    messagesMenu->addSeparator();
    messagesMenu->addActions({inspectorPage_->importAction(), inspectorPage_->copyToTopicAction(),
        inspectorPage_->produceAction()});

    // The designer's actions: its own menu, its edit and view actions.
    auto *pipelineMenu = menuBar()->addMenu(tr("&Pipeline"));
    pipelineMenu->setObjectName(QStringLiteral("pipelineMenu"));
    auto *editMenu = menuBar()->addMenu(tr("&Edit"));
    auto *designerViewMenu = viewMenu->addMenu(tr("Pipeline &zoom"));
    workspace_->populateMenus(pipelineMenu, editMenu, designerViewMenu);
    pipelineMenu->addSeparator();
    auto *sample
        = pipelineMenu->addAction(tr("Open the &ERP → CRM sample"), this, &MainWindow::openSamplePipeline);
    sample->setObjectName(QStringLiteral("openSampleAction"));
    // Pipeline actions are meant for the designer: File → New etc. switch to it first.
    for (QAction *a : {workspace_->pipelineActions().newPipeline, workspace_->pipelineActions().open}) {
        connect(a, &QAction::triggered, this, &MainWindow::showDesigner);
    }

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->addAction(connectAction);
    toolbar->addAction(refreshAction);
    toolbar->addSeparator();
    toolbar->addAction(createTopic);
    toolbar->addAction(groups);
    toolbar->addAction(throughput);
    toolbar->addAction(messages);
    toolbar->addAction(registryAction_);
    toolbar->addSeparator();
    toolbar->addAction(designer);
}

void MainWindow::showInspector()
{
    const QModelIndex current = tree_->currentIndex();
    if (!current.isValid()
        || static_cast<ClusterTreeModel::NodeKind>(current.data(ClusterTreeModel::KindRole).toInt())
            != ClusterTreeModel::NodeKind::Topic) {
        statusBar()->showMessage(tr("Select a topic in the tree first."), 5000);
        return;
    }
    showClusters();
    pages_->setCurrentWidget(topicTabs_);
    topicTabs_->setCurrentWidget(inspectorPage_);
}

QStringList MainWindow::topicNames(const kafka::ClusterMetadata &metadata)
{
    QStringList names;
    names.reserve(metadata.topics.size());
    for (const kafka::TopicInfo &t : metadata.topics) {
        names << t.name;
    }
    return names;
}

void MainWindow::showRegistry()
{
    const int cluster = currentCluster();
    auto *s = session(cluster);
    const auto &schemas = s ? connections_[std::size_t(cluster)].schemas : nullptr;
    if (!schemas) {
        statusBar()->showMessage(
            tr("This connection has no Schema Registry (add one to its profile)."), 5000);
        return;
    }
    const QString name
        = s->settings().displayName.isEmpty() ? s->settings().bootstrapServers : s->settings().displayName;
    showClusters();
    registryPage_->setRegistry(schemas->settings(), name);
    registryPage_->setTopics(topicNames(s->metadata())); // which topics a subject belongs to
    registryPage_->setSightings(schemas->sightings()); // and which the inspector saw using it
    registryCluster_ = cluster;
    pages_->setCurrentWidget(registryPage_);
}

void MainWindow::showRabbit()
{
    showClusters();
    pages_->setCurrentWidget(rabbitPage_);
}

void MainWindow::updateRegistryAction()
{
    const int cluster = currentCluster();
    registryAction_->setEnabled(session(cluster) && connections_[std::size_t(cluster)].schemas);
}

void MainWindow::autoStartInspector()
{
    // Opening a topic's messages shows them at once (the newest N per partition, then live);
    // a running or finished reading is left as the user has it.
    if (topicTabs_->currentWidget() == inspectorPage_ && !inspectorPage_->topic().isEmpty()
        && !inspectorPage_->isConsuming() && inspectorPage_->model()->rowCount() == 0
        && inspectorPage_->startAction()->isEnabled()) {
        inspectorPage_->start();
    }
}

void MainWindow::showClusters()
{
    modeTabs_->setCurrentIndex(0);
}

void MainWindow::showDesigner()
{
    modeTabs_->setCurrentWidget(workspace_);
}

void MainWindow::openSamplePipeline()
{
    QFile file(QStringLiteral(":/edis/samples/erp-to-crm.edis.json"));
    QString error;
    if (!file.open(QIODevice::ReadOnly)) {
        statusBar()->showMessage(tr("The sample pipeline is missing from this build."), 10000);
        return;
    }
    showDesigner();
    if (!workspace_->openBytes(file.readAll(), &error)) {
        statusBar()->showMessage(error, 10000);
    }
}

int MainWindow::openConnection(const kafka::ConnectionSettings &settings)
{
    const QString name = settings.displayName.isEmpty() ? settings.bootstrapServers : settings.displayName;
    const int index = treeModel_->addCluster(name);
    auto *session = new cluster::ClusterSession(settings);
    connections_.push_back({session, {}});
    connect(session, &cluster::ClusterSession::stateChanged, this,
        [this, index] { onSessionStateChanged(index); });
    connect(session, &cluster::ClusterSession::metadataChanged, this,
        [this, index] { onSessionMetadata(index); });
    session->open();
    const QModelIndex proxyIndex = toView(treeModel_->clusterIndex(index));
    tree_->expand(proxyIndex);
    tree_->setCurrentIndex(proxyIndex);
    showStatusOf(index);
    return index;
}

void MainWindow::attachSandbox(sandbox::SandboxCluster *sandbox)
{
    sandbox_ = sandbox;
    sandboxBar_ = addToolBar(tr("Sandbox"));
    sandboxBar_->setObjectName(QStringLiteral("sandboxToolBar"));
    sandboxBar_->addWidget(new QLabel(tr(" Sandbox traffic: "), sandboxBar_));
    sandboxRate_ = new QSpinBox(sandboxBar_);
    sandboxRate_->setObjectName(QStringLiteral("sandboxRate"));
    sandboxRate_->setRange(0, 100'000);
    sandboxRate_->setSingleStep(100);
    sandboxRate_->setSuffix(tr(" msg/s"));
    sandboxRate_->setValue(static_cast<int>(sandbox->rate()));
    sandboxRate_->setToolTip(tr("Messages per second the sandbox produces; 0 pauses it."));
    sandboxBar_->addWidget(sandboxRate_);
    sandboxStats_ = new QLabel(sandboxBar_);
    sandboxStats_->setObjectName(QStringLiteral("sandboxStats"));
    sandboxBar_->addWidget(sandboxStats_);
    connect(sandboxRate_, &QSpinBox::valueChanged, this, [this](int rate) {
        if (sandbox_) {
            sandbox_->setRate(rate);
        }
    });
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::updateSandboxStats);
    timer->start(1000);
    updateSandboxStats();
}

void MainWindow::updateSandboxStats()
{
    if (!sandbox_ || !sandboxStats_) {
        return;
    }
    sandboxStats_->setText(tr("  %L1 events produced").arg(sandbox_->producedCount()));
}

cluster::ClusterSession *MainWindow::session(int cluster) const
{
    return cluster >= 0 && cluster < static_cast<int>(connections_.size()) ? connections_[cluster].session
                                                                           : nullptr;
}

void MainWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openConnection(dialog->settings()); });
    dialog->open();
}

void MainWindow::showGroups()
{
    if (auto *s = session(currentCluster())) {
        groupsPage_->setSession(s);
        pages_->setCurrentWidget(groupsPage_);
    }
}

void MainWindow::showThroughput()
{
    if (auto *s = session(currentCluster())) {
        // The page samples with its own client; it restarts only for another cluster.
        throughputPage_->setSession(s);
        sampledCluster_ = currentCluster();
        pages_->setCurrentWidget(throughputPage_);
    }
}

void MainWindow::ensureSampling(int cluster)
{
    // The shown cluster is sampled in the background once it answers: the tree's sparklines
    // and the throughput page's history come from that one sampler.
    auto *s = session(cluster);
    if (!s || s->state() != State::Connected || sampledCluster_ == cluster) {
        return;
    }
    if (sampledCluster_ >= 0) {
        decoration_->setTopicRates(sampledCluster_, {});
        overviewPage_->setTopicRates(sampledCluster_, {});
    }
    throughputPage_->setSession(s);
    sampledCluster_ = cluster;
}

void MainWindow::updateSparklines()
{
    if (sampledCluster_ >= 0) {
        const auto rates = throughputPage_->recentTopicRates(60);
        decoration_->setTopicRates(sampledCluster_, rates);
        overviewPage_->setTopicRates(sampledCluster_, rates); // kept per cluster
        if (pipelineCluster_ == sampledCluster_ && !throughputPage_->lastRound().error) {
            workspace_->setLiveFlow(liveFlowFromRound(throughputPage_->lastRound()));
        }
    }
}

void MainWindow::showCreateTopic()
{
    auto *s = session(currentCluster());
    if (!s) {
        return;
    }
    auto *dialog = new CreateTopicDialog(s, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showConnectionManager()
{
    auto *manager = new ConnectionManager(&profileStore_, secretStore_, this);
    manager->setAttribute(Qt::WA_DeleteOnClose);
    connect(manager, &ConnectionManager::connectRequested, this,
        [this](const profiles::ConnectionProfile &profile, const profiles::ProfileSecrets &secrets) {
            openProfile(profile, secrets);
        });
    connect(manager, &QDialog::finished, this, &MainWindow::rebuildRecentMenu);
    manager->open();
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const auto recent = profileStore_.recent(8);
    for (const auto &p : recent) {
        const QString id = p.id;
        recentMenu_->addAction(p.name, this, [this, id] { connectProfile(id); })
            ->setToolTip(p.bootstrapServers);
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::connectProfile(const QString &profileId)
{
    const profiles::ConnectionProfile *found = profileStore_.find(profileId);
    if (!found) {
        return;
    }
    const profiles::ConnectionProfile profile = *found;
    if (!profile.needsSecret() && !(profile.registry && profile.registry->needsSecret())) {
        openProfile(profile, {});
        return;
    }
    secretStore_->read(profile.id, [this, profile](std::optional<profiles::ProfileSecrets> secrets) {
        if (!secrets) {
            bool ok = false;
            profiles::ProfileSecrets typed;
            typed.password = QInputDialog::getText(
                this, profile.name, profile.secretLabel() + QLatin1Char(':'), QLineEdit::Password, {}, &ok);
            if (!ok) {
                return;
            }
            secretStore_->write(profile.id, typed);
            secrets = typed;
        }
        openProfile(profile, *secrets);
    });
}

int MainWindow::openProfile(
    const profiles::ConnectionProfile &profile, const profiles::ProfileSecrets &secrets)
{
    kafka::ConnectionSettings settings = profiles::toConnectionSettings(profile, secrets);
    settings.readOnly = profile.readOnly;
    if (profileStore_.find(profile.id)) {
        profileStore_.markUsed(profile.id, QDateTime::currentMSecsSinceEpoch());
        QString error;
        if (!profileStore_.save(&error)) {
            statusBar()->showMessage(error, 10000);
        }
        rebuildRecentMenu();
    }
    const int index = openConnection(settings);
    if (const auto registry = profiles::toRegistrySettings(profile, secrets)) {
        connections_[std::size_t(index)].schemas = inspect::RegistryDecoding::create(*registry);
    }
    updateRegistryAction();
    return index;
}

void MainWindow::refreshCurrent()
{
    if (auto *s = session(currentCluster())) {
        s->refresh();
    }
}

QModelIndex MainWindow::toView(const QModelIndex &modelIndex) const
{
    return treeProxy_->mapFromSource(decoration_->mapFromSource(modelIndex));
}

int MainWindow::currentCluster() const
{
    const QModelIndex current = tree_->currentIndex();
    if (current.isValid()) {
        return current.data(ClusterTreeModel::ClusterIndexRole).toInt();
    }
    return connections_.empty() ? -1 : static_cast<int>(connections_.size()) - 1;
}

void MainWindow::onSessionStateChanged(int cluster)
{
    const auto *s = session(cluster);
    const int state = s->state() == State::Connected ? 1 : s->state() == State::Failed ? 2 : 0;
    treeModel_->setClusterState(cluster, state, s->stateMessage());
    if (cluster == currentCluster()) {
        showStatusOf(cluster);
    }
    if (cluster == shownCluster_ && pages_->currentWidget() == overviewPage_) {
        onCurrentTreeItemChanged(tree_->currentIndex()); // "not reachable" or the figures
    }
}

void MainWindow::bindPipelines(int cluster)
{
    // Pipelines are checked against the cluster the user looks at: missing topics and
    // partition counts that differ from the design show up as problems.
    auto *s = session(cluster);
    if (!s || s->metadata().topics.isEmpty()) {
        return;
    }
    pipeline::ClusterBinding binding;
    for (const auto &topic : s->metadata().topics) {
        binding.topicPartitions.insert(topic.name, int(topic.partitions.size()));
    }
    const QString name
        = s->settings().displayName.isEmpty() ? s->settings().bootstrapServers : s->settings().displayName;
    workspace_->setClusterBinding(std::move(binding), name);
    if (pipelineCluster_ != cluster) {
        pipelineCluster_ = cluster;
        workspace_->setClusterSession(s);
    }
}

void MainWindow::onSessionMetadata(int cluster)
{
    const bool first = treeModel_->rowCount(treeModel_->topicsFolderIndex(cluster)) == 0;
    treeModel_->setMetadata(cluster, session(cluster)->metadata());
    if (first) {
        tree_->expand(toView(treeModel_->topicsFolderIndex(cluster)));
    }
    if (cluster == shownCluster_) {
        onCurrentTreeItemChanged(tree_->currentIndex());
        bindPipelines(cluster);
    }
    if (cluster == registryCluster_) {
        registryPage_->setTopics(topicNames(session(cluster)->metadata()));
    }
}

void MainWindow::showStatusOf(int cluster)
{
    const auto *s = session(cluster);
    if (!s) {
        status_->setStatus(widgets::StatusIndicator::Level::Idle, tr("Not connected"));
        return;
    }
    using Level = widgets::StatusIndicator::Level;
    switch (s->state()) {
    case State::Disconnected:
        status_->setStatus(Level::Idle, s->stateMessage());
        break;
    case State::Connecting:
        status_->setStatus(Level::Busy, s->stateMessage());
        break;
    case State::Connected:
        status_->setStatus(Level::Good, s->stateMessage());
        break;
    case State::Failed: {
        // The first sentence in the bar, librdkafka's whole text in its tooltip.
        const QString retrying
            = tr("retrying every %1 s").arg(static_cast<double>(s->refreshInterval().count()) / 1000.0);
        status_->setStatus(Level::Bad,
            QStringLiteral("%1 — %2").arg(
                widgets::DetailsLabel::splitFirstSentence(s->stateMessage()).first, retrying),
            QStringLiteral("%1 — %2").arg(s->stateMessage(), retrying));
        break;
    }
    }
}

void MainWindow::onCurrentTreeItemChanged(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        pages_->setCurrentWidget(welcomePage_);
        shownCluster_ = -1;
        return;
    }
    const int cluster = proxyIndex.data(ClusterTreeModel::ClusterIndexRole).toInt();
    const auto kind
        = static_cast<ClusterTreeModel::NodeKind>(proxyIndex.data(ClusterTreeModel::KindRole).toInt());
    auto *s = session(cluster);
    if (!s) {
        return;
    }
    const bool otherCluster = shownCluster_ != cluster;
    shownCluster_ = cluster;
    updateRegistryAction();
    showStatusOf(cluster);
    ensureSampling(cluster);
    if (otherCluster) {
        bindPipelines(cluster);
    }
    if (kind == ClusterTreeModel::NodeKind::Topic) {
        const QString topic = proxyIndex.data(ClusterTreeModel::TopicNameRole).toString();
        topicPage_->setSession(s);
        const auto info = s->metadata().topic(topic);
        topicPage_->setTopic(topic, info);
        // Metadata refreshes come here too: only a new cluster or topic restarts the inspector.
        if (inspectedCluster_ != cluster || inspectorPage_->topic() != topic) {
            inspectorPage_->setConnection(s->settings(), connections_[std::size_t(cluster)].schemas);
            inspectorPage_->setTopic(topic, info ? int(info->partitions.size()) : 0);
            inspectedCluster_ = cluster;
            autoStartInspector();
        }
        pages_->setCurrentWidget(topicTabs_);
        return;
    }
    const QString name
        = s->settings().displayName.isEmpty() ? s->settings().bootstrapServers : s->settings().displayName;
    overviewPage_->setCluster(cluster, name, *s);
    pages_->setCurrentWidget(overviewPage_);
}

} // namespace edis::ui
