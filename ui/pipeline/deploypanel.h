#pragma once

#include "connectclient.h"
#include "connectdeployment.h"
#include "dagcanvas/nodeitem.h"
#include "liveoverlay.h"
#include "validation.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace edis::exporting {
class ConnectStatusPoller;
}

namespace edis::ui {

class PipelineEditor;

/// How a node card (and the panel's table) shows a runtime level.
widgets::NodeItem::RuntimeLevel cardLevel(exporting::NodeRuntime::Level level);

/// Deploys the editor's pipeline to a Kafka Connect cluster and operates it: validate every
/// connector (Connect's per-field errors go to the nodes they came from), create or update them,
/// then follow connector and task state — on each node of the canvas and in a table with
/// pause, resume, restart and delete. Everything goes over QtNetwork; nothing blocks.
class DeployPanel : public QWidget {
    Q_OBJECT
public:
    explicit DeployPanel(PipelineEditor *editor, QWidget *parent = nullptr);
    ~DeployPanel() override;

    QLineEdit *urlEdit() const { return url_; }
    QLineEdit *userEdit() const { return user_; }
    QLineEdit *passwordEdit() const { return password_; }
    QPushButton *validateButton() const { return validate_; }
    QPushButton *deployButton() const { return deploy_; }
    QPushButton *watchButton() const { return watch_; }
    QPushButton *pauseButton() const { return pause_; }
    QPushButton *resumeButton() const { return resume_; }
    QPushButton *restartButton() const { return restart_; }
    QPushButton *deleteButton() const { return delete_; }
    QTableWidget *connectorTable() const { return table_; }
    QPlainTextEdit *traceView() const { return trace_; }
    QLabel *statusLabel() const { return status_; }

    /// Kafka bootstrap servers for connector settings that need them (MySQL schema history).
    void setBootstrapServers(const QString &servers) { bootstrap_ = servers; }
    /// The status poll interval (tests shorten it).
    void setPollInterval(int milliseconds);

    /// Validates every connector on Connect without changing anything.
    void validateOnly();
    /// Validates, then creates or updates every connector and follows their state.
    void deploy();
    /// Follows the state of the pipeline's connectors (already deployed, e.g. by the CLI).
    void setWatching(bool on);
    bool isWatching() const;
    bool isBusy() const { return deployment_ != nullptr; }

    /// The connectors of the last export, with their last known state.
    QList<exporting::ConnectorStatus> statuses() const;
    QString selectedConnector() const;
    void selectConnector(const QString &name);
    void pauseSelected();
    void resumeSelected();
    void restartSelected();
    void deleteSelected();

    /// Asked before deleting a connector; defaults to a message box, tests replace it.
    using ConfirmPrompt = std::function<bool(const QString &question)>;
    void setConfirmPrompt(ConfirmPrompt prompt) { confirm_ = std::move(prompt); }

Q_SIGNALS:
    /// What Connect (or the export) rejected, as problems on nodes; empty clears them.
    void engineProblems(const QList<edis::pipeline::Problem> &problems);
    /// The state of the connectors behind each node.
    void runtimesChanged(const QHash<edis::pipeline::NodeId, edis::exporting::NodeRuntime> &runtimes);

private:
    void buildUi();
    /// Exports the pipeline for Kafka Connect and (re)creates the client; false, with the reason
    /// shown, when the pipeline cannot be deployed.
    bool prepare();
    void start(bool validateOnly);
    void onFinished(
        bool deployRun, bool ok, const QList<exporting::ConnectorStatus> &statuses, const QString &error);
    void applyStatuses(const QList<exporting::ConnectorStatus> &statuses);
    /// The last known status of a connector, named even when never asked (empty state).
    exporting::ConnectorStatus statusOf(const QString &connector) const;
    void refreshTable();
    void refreshTrace();
    void refreshButtons();
    void act(const QString &action);
    void showStatus(const QString &text, bool isError = false);
    void rememberSettings();

    PipelineEditor *editor_;
    QLineEdit *url_;
    QLineEdit *user_;
    QLineEdit *password_;
    QPushButton *validate_;
    QPushButton *deploy_;
    QPushButton *watch_;
    QPushButton *pause_;
    QPushButton *resume_;
    QPushButton *restart_;
    QPushButton *delete_;
    QTableWidget *table_;
    QPlainTextEdit *trace_;
    QLabel *status_;
    QString bootstrap_;
    int pollMs_ = 2000;

    std::unique_ptr<exporting::ConnectClient> client_;
    QPointer<exporting::ConnectDeployment> deployment_;
    exporting::ConnectStatusPoller *poller_ = nullptr;
    QList<exporting::ConnectorConfig> connectors_;
    QHash<QString, exporting::ConnectorStatus> statuses_;
    ConfirmPrompt confirm_;
};

} // namespace edis::ui
