#pragma once

#include "autosave.h"
#include "liveoverlay.h"
#include "metrics/ratesample.h"
#include "util/filebounds.h"
#include "validation.h"

#include <QHash>
#include <QMessageBox>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QTabWidget;
class QTimer;
class QUndoGroup;

namespace edis::cluster {
class ClusterSession;
}

namespace edis::ui {

/// A throughput sampling round as the designer's live overlay reads it: msg/s per topic, and
/// the lag of each consumer group per topic.
exporting::LiveFlow liveFlowFromRound(const metrics::SampleRound &round);

class ExportDialog;
class PipelineEditor;

/// The actions the workspace offers for menus and toolbars. Their shortcuts work while the
/// focus is inside the workspace (Qt::WidgetWithChildrenShortcut), so they never steal keys
/// from other pages.
struct PipelineActions {
    QAction *newPipeline = nullptr;
    QAction *open = nullptr;
    QAction *save = nullptr;
    QAction *saveAs = nullptr;
    QAction *close = nullptr;
    QAction *undo = nullptr;
    QAction *redo = nullptr;
    QAction *cut = nullptr;
    QAction *copy = nullptr;
    QAction *paste = nullptr;
    QAction *duplicate = nullptr;
    QAction *deleteSelection = nullptr;
    QAction *selectAll = nullptr;
    QAction *autoLayout = nullptr;
    QAction *fitToView = nullptr;
    QAction *zoomIn = nullptr;
    QAction *zoomOut = nullptr;
    QAction *exportPng = nullptr;
    QAction *exportSvg = nullptr;
    QAction *exportForEngine = nullptr;
    QAction *importFromEngine = nullptr;
    QAction *deploy = nullptr;
    QAction *liveOverlay = nullptr;

    QList<QAction *> all() const;
};

/// Several pipelines in tabs, each a PipelineEditor with its own undo stack; the undo/redo
/// actions follow the current tab. Unsaved tabs carry a "*", closing one asks first, and
/// every 30 s unsaved pipelines are autosaved so that a crash loses little.
class PipelineWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit PipelineWorkspace(QWidget *parent = nullptr,
        const QString &autosaveDirectory = pipeline::AutosaveStore::defaultDirectory());
    ~PipelineWorkspace() override;

    const PipelineActions &pipelineActions() const { return actions_; }
    /// Adds the actions to the window's menus (any may be nullptr).
    void populateMenus(QMenu *fileMenu, QMenu *editMenu, QMenu *viewMenu) const;

    QTabWidget *tabs() const { return tabs_; }
    int count() const;
    PipelineEditor *editor(int index) const;
    PipelineEditor *currentEditor() const;

    /// Binds every open pipeline, and those opened later, to a cluster's topics (see
    /// PipelineEditor::setClusterBinding); `clusterName` is shown to the user.
    void setClusterBinding(std::optional<pipeline::ClusterBinding> binding, const QString &clusterName = {});
    /// The cluster pipelines run against: its topics can be created from the export dialog, its
    /// bootstrap servers go into exports that need them. nullptr: none.
    void setClusterSession(cluster::ClusterSession *session);
    /// The latest round of the bound cluster's throughput sampler, for every pipeline's overlay.
    void setLiveFlow(const exporting::LiveFlow &flow);

    /// Opens the export dialog for the current pipeline (non-modal); nullptr without one.
    ExportDialog *showExportDialog();
    /// Builds a pipeline from Kafka Connect configs (.json, .properties) and Redpanda Connect
    /// YAML, files or directories, read off the GUI thread; it opens laid out in a new tab as
    /// unsaved, then imported() follows. What cannot be read back exactly is shown on it; when
    /// nothing can be imported the reason is reported with errorReported().
    void importEngineConfigs(const QStringList &paths);

    PipelineEditor *newPipeline();
    /// Opens a file in a new tab (or in the current one when that is an untouched new
    /// pipeline). On failure: nullptr, the message in `*error`, reported with errorReported()
    /// and a non-blocking message box; the file is never written.
    PipelineEditor *openFile(const QString &path, QString *error = nullptr);
    /// Opens a pipeline from text; it has no file yet. A sample opens clean (nothing to save until
    /// the user edits it); `unsaved`: it counts as unsaved changes (an import, a recovered file).
    PipelineEditor *openBytes(const QByteArray &json, QString *error = nullptr, bool unsaved = false);
    /// To the editor's file, or asks for one.
    bool save(PipelineEditor *editor);
    bool saveAs(PipelineEditor *editor);
    /// Asks about unsaved changes (Save / Discard / Cancel); false when the user cancels.
    bool closeEditor(int index);
    /// For the main window's closeEvent: closes every tab, asking as needed.
    bool closeAll();

    /// What to answer when a modified pipeline is closed. Defaults to a modal question;
    /// tests replace it.
    using UnsavedPrompt = std::function<QMessageBox::StandardButton(PipelineEditor *)>;
    void setUnsavedPrompt(UnsavedPrompt prompt) { prompt_ = std::move(prompt); }

    // --- autosave ---------------------------------------------------------------------------
    pipeline::AutosaveStore autosaveStore() const { return store_; }
    void setAutosaveInterval(int milliseconds);
    /// Autosaves every modified pipeline now (asynchronously).
    void autosaveNow();
    /// An autosave read from disk, for recover(): its bytes, or why they could not be had.
    struct Recovery {
        pipeline::RecoverableFile file;
        util::BoundedFile contents;
    };
    /// The autosaves a previous run left behind (call at startup, before editing). Disk work:
    /// call it off the GUI thread (MainWindow does, with readAutosave()).
    static QList<pipeline::RecoverableFile> recoverableFiles(
        const QString &autosaveDirectory = pipeline::AutosaveStore::defaultDirectory());
    /// Reads an autosave under the pipeline bound (refused whole, never read in part). Disk
    /// work, for a background job.
    static Recovery readAutosave(const pipeline::RecoverableFile &file);
    /// Opens a read autosave in a new tab as unsaved changes to its original file, and deletes
    /// the autosave.
    PipelineEditor *recover(const Recovery &recovery, QString *error = nullptr);

Q_SIGNALS:
    void currentEditorChanged(edis::ui::PipelineEditor *editor);
    /// A message for the user (also shown in a message box).
    void errorReported(const QString &title, const QString &message);
    void imported(edis::ui::PipelineEditor *editor, const QStringList &warnings);

private:
    void createActions();
    PipelineEditor *addEditor(PipelineEditor *editor);
    void refreshTitle(PipelineEditor *editor);
    void updateActions();
    void reportError(const QString &title, const QString &message);
    void openWithDialog();
    void exportWithDialog(bool svg);
    PipelineEditor *reusableEditor() const;
    /// Loads with `load` into the reusable editor or a new tab; reports and returns nullptr on failure.
    PipelineEditor *openInto(const std::function<bool(PipelineEditor *, QString *)> &load, QString *error);
    QString autosaveKey(PipelineEditor *editor);

    QTabWidget *tabs_;
    QUndoGroup *undoGroup_;
    PipelineActions actions_;
    pipeline::AutosaveStore store_;
    QTimer *autosaveTimer_;
    QHash<PipelineEditor *, QString> autosaveKeys_;
    QHash<PipelineEditor *, QByteArray> lastAutosaved_;
    UnsavedPrompt prompt_;
    std::optional<pipeline::ClusterBinding> binding_;
    QPointer<cluster::ClusterSession> session_;
    std::optional<exporting::LiveFlow> liveFlow_;
};

} // namespace edis::ui
