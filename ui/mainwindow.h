#pragma once

#include "kafka/connectionsettings.h"

#include <QMainWindow>
#include <QPointer>

#include <vector>

class QLineEdit;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QSortFilterProxyModel;
class QToolBar;
class QTreeView;

namespace edis::cluster {
class ClusterSession;
}
namespace edis::models {
class ClusterTreeModel;
}
namespace edis::sandbox {
class SandboxCluster;
}
namespace edis::widgets {
class StatusIndicator;
}

namespace edis::ui {

class OverviewPage;
class TreeDecorationProxy;
class TopicPage;

/// The one window: a navigation tree of clusters on the left, pages in the middle, the
/// connection state in the status bar. Thin: sessions do the I/O, pages show snapshots.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a session and adds the cluster to the tree; returns its cluster index.
    int openConnection(const kafka::ConnectionSettings &settings);
    /// Shows the sandbox's traffic controls; the sandbox must outlive the window.
    void attachSandbox(sandbox::SandboxCluster *sandbox);

    cluster::ClusterSession *session(int cluster) const;
    models::ClusterTreeModel *treeModel() const { return treeModel_; }
    widgets::StatusIndicator *statusIndicator() const { return status_; }

public Q_SLOTS:
    void showConnectDialog();
    void refreshCurrent();

private:
    struct Connection {
        cluster::ClusterSession *session;
    };

    void buildActions();
    void onSessionStateChanged(int cluster);
    void onSessionMetadata(int cluster);
    void onCurrentTreeItemChanged(const QModelIndex &proxyIndex);
    void showStatusOf(int cluster);
    void updateSandboxStats();
    int currentCluster() const;
    QModelIndex toView(const QModelIndex &modelIndex) const;

    std::vector<Connection> connections_;
    models::ClusterTreeModel *treeModel_;
    TreeDecorationProxy *decoration_;
    QSortFilterProxyModel *treeProxy_;
    QTreeView *tree_;
    QLineEdit *treeFilter_;
    QStackedWidget *pages_;
    QWidget *welcomePage_;
    OverviewPage *overviewPage_;
    TopicPage *topicPage_;
    widgets::StatusIndicator *status_;
    QToolBar *sandboxBar_ = nullptr;
    QSpinBox *sandboxRate_ = nullptr;
    QLabel *sandboxStats_ = nullptr;
    sandbox::SandboxCluster *sandbox_ = nullptr;
    int shownCluster_ = -1;
};

} // namespace edis::ui
