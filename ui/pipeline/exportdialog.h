#pragma once

#include "exporttypes.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace edis::cluster {
class ClusterSession;
class SessionRequests;
} // namespace edis::cluster

namespace edis::ui {

class PipelineEditor;

/// Exports the editor's pipeline for an engine: Kafka Connect connector configs or Redpanda
/// Connect YAML, the topics manifest and the secrets template. What the target cannot express is
/// listed before anything is written (double-click goes to the node); every file can be read
/// first; writing happens off the GUI thread, each file atomically. With a cluster, the topics
/// the pipeline needs are compared with it and the missing ones can be created.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(PipelineEditor *editor, QWidget *parent = nullptr);
    ~ExportDialog() override;

    /// The cluster whose topics are checked (and created); nullptr: none.
    void setSession(cluster::ClusterSession *session);
    void setBootstrapServers(const QString &servers);

    QComboBox *targetBox() const { return target_; }
    QComboBox *secretsBox() const { return secrets_; }
    QLineEdit *directoryEdit() const { return directory_; }
    QListWidget *problemsList() const { return problems_; }
    QListWidget *filesList() const { return files_; }
    QPlainTextEdit *preview() const { return preview_; }
    QTableWidget *topicsTable() const { return topics_; }
    QPushButton *createTopicsButton() const { return createTopics_; }
    QPushButton *exportButton() const { return export_; }
    /// "Use Redpanda Connect": shown when the current target cannot run the pipeline as designed
    /// and another one can.
    QPushButton *switchTargetButton() const { return switchTarget_; }
    QLabel *messageLabel() const { return message_; }

    const exporting::ExportResult &result() const { return result_; }
    exporting::ExportOptions options() const;
    /// Writes the files in the background; exported() or failed() follows.
    void exportNow();
    /// Creates the missing topics on the cluster (in the background).
    void createMissingTopics();

Q_SIGNALS:
    void exported(const QStringList &files);
    void failed(const QString &message);
    void topicsCreated(const QStringList &created, const QStringList &errors);

private:
    void buildUi();
    void refresh();
    void refreshTopics();
    void showFile(int row);
    void chooseDirectory();
    void showMessage(const QString &text, bool isError);
    QString defaultDirectory(exporting::Target target) const;
    /// The first target that exports the pipeline without blocking problems, if any.
    std::optional<exporting::Target> exportableTarget() const;
    /// Why topics cannot be created on the bound cluster (the sandbox), or empty.
    QString sandboxLimitation() const;
    /// "a, b: reason" lines out of ensureTopics' "topic: reason" errors, each reason once.
    static QString groupedErrors(const QStringList &errors);

    PipelineEditor *editor_;
    QComboBox *target_;
    QComboBox *secrets_;
    QLineEdit *secretsFile_;
    QLineEdit *bootstrap_;
    QLineEdit *directory_;
    QListWidget *problems_;
    QListWidget *files_;
    QPlainTextEdit *preview_;
    QTableWidget *topics_;
    QPushButton *createTopics_;
    QPushButton *export_;
    QPushButton *switchTarget_;
    QLabel *message_;
    QLabel *topicsNote_;
    cluster::SessionRequests *requests_;
    QPointer<cluster::ClusterSession> session_;
    exporting::ExportResult result_;
    QList<exporting::ExportFile> fileContents_;
    bool directoryTouched_ = false;
    bool writing_ = false;
};

} // namespace edis::ui
