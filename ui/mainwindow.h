#pragma once

#include "kafka/connectionsettings.h"
#include "profiles/connectionprofile.h"
#include "profiles/profilestore.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <vector>

class QLineEdit;
class QMenu;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QSortFilterProxyModel;
class QToolBar;
class QTreeView;

namespace edis::cluster {
class ClusterSession;
}
namespace edis::kafka {
struct ClusterMetadata;
} // namespace edis::kafka
namespace edis::inspect {
class RegistryDecoding;
}
namespace edis::models {
class ClusterTreeModel;
}
namespace edis::profiles {
class SecretStore;
}
namespace edis::sandbox {
class SandboxCluster;
}
namespace edis::widgets {
class StatusIndicator;
}

namespace edis::ui {

class GroupsPage;
class InspectorPage;
class PipelineWorkspace;
class OverviewPage;
class RabbitNodeList;
class RabbitPage;
class RegistryPage;
class ThroughputPage;
class TreeDecorationProxy;
class TopicPage;

/// The one window: a navigation tree of clusters on the left, pages in the middle, the
/// connection state in the status bar. Thin: sessions do the I/O, pages show snapshots.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The size of a first window on a screen whose free area is `available`: most of a large
    /// screen, and never more than a small one (1366x768) can show.
    static QSize defaultSize(const QRect &available);

    /// Opens a session and adds the cluster to the tree; returns its cluster index.
    int openConnection(const kafka::ConnectionSettings &settings);
    /// Shows the sandbox's traffic controls; the sandbox must outlive the window.
    void attachSandbox(sandbox::SandboxCluster *sandbox);

    cluster::ClusterSession *session(int cluster) const;
    models::ClusterTreeModel *treeModel() const { return treeModel_; }
    widgets::StatusIndicator *statusIndicator() const { return status_; }
    InspectorPage *inspectorPage() const { return inspectorPage_; }
    RabbitPage *rabbitPage() const { return rabbitPage_; }
    PipelineWorkspace *pipelineWorkspace() const { return workspace_; }

public Q_SLOTS:
    void showConnectDialog();
    void refreshCurrent();
    /// The consumer groups / throughput / new-topic views of the current cluster.
    void showGroups();
    void showThroughput();
    void showCreateTopic();
    /// The messages of the current topic in the event inspector.
    void showInspector();
    /// The Schema Registry of the current cluster, when its profile has one.
    void showRegistry();
    /// The RabbitMQ page (its own connection row: it needs no Kafka connection).
    void showRabbit();
    /// The cluster browser / the pipeline designer (the two modes of the window).
    void showClusters();
    void showDesigner();
    /// Opens the bundled ERP → CRM sample pipeline in the designer.
    void openSamplePipeline();
    /// Opens the connection manager.
    void showConnectionManager();
    /// Connects with a saved profile, asking for its secret when the store has none.
    void connectProfile(const QString &profileId);
    /// Connects with a profile and the secrets the user just gave.
    int openProfile(
        const edis::profiles::ConnectionProfile &profile, const edis::profiles::ProfileSecrets &secrets);

public:
    profiles::ProfileStore *profileStore() { return &profileStore_; }
    profiles::SecretStore *secretStore() const { return secretStore_; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// The window's size, position and splitter from the last session, or defaultSize().
    void restoreWindowLayout();
    void saveWindowLayout() const;

    struct Connection {
        cluster::ClusterSession *session;
        /// The profile's Schema Registry, for the inspector; null without one.
        std::shared_ptr<inspect::RegistryDecoding> schemas;
    };

    void buildActions();
    static QStringList topicNames(const kafka::ClusterMetadata &metadata);
    void recoverAutosaves();
    void autoStartInspector();
    void ensureSampling(int cluster);
    void bindPipelines(int cluster);
    void updateSparklines();
    void onSessionStateChanged(int cluster);
    void onSessionMetadata(int cluster);
    void onCurrentTreeItemChanged(const QModelIndex &proxyIndex);
    void showStatusOf(int cluster);
    void updateSandboxStats();
    void updateRegistryAction();
    void rebuildRecentMenu();
    int currentCluster() const;
    QModelIndex toView(const QModelIndex &modelIndex) const;

    std::vector<Connection> connections_;
    profiles::ProfileStore profileStore_;
    profiles::SecretStore *secretStore_;
    QMenu *recentMenu_ = nullptr;
    models::ClusterTreeModel *treeModel_;
    TreeDecorationProxy *decoration_;
    QSortFilterProxyModel *treeProxy_;
    QTreeView *tree_;
    QLineEdit *treeFilter_;
    QStackedWidget *pages_;
    QWidget *welcomePage_;
    OverviewPage *overviewPage_;
    TopicPage *topicPage_;
    GroupsPage *groupsPage_;
    ThroughputPage *throughputPage_;
    RegistryPage *registryPage_;
    QAction *registryAction_ = nullptr;
    RabbitPage *rabbitPage_;
    RabbitNodeList *rabbitNodes_;
    int registryCluster_ = -1; ///< the cluster whose registry the registry page shows
    QTabWidget *topicTabs_;
    InspectorPage *inspectorPage_;
    QTabWidget *modeTabs_;
    PipelineWorkspace *workspace_;
    int inspectedCluster_ = -1;
    int sampledCluster_ = -1;
    int pipelineCluster_ = -1; ///< the cluster the pipelines are bound to
    widgets::StatusIndicator *status_;
    QToolBar *sandboxBar_ = nullptr;
    QSpinBox *sandboxRate_ = nullptr;
    QLabel *sandboxStats_ = nullptr;
    sandbox::SandboxCluster *sandbox_ = nullptr;
    int shownCluster_ = -1;
};

} // namespace edis::ui
