#include "pipelineworkspace.h"

#include "canvasexport.h"
#include "cluster/clustersession.h"
#include "dagcanvas/dagscene.h"
#include "dagcanvas/dagview.h"
#include "deploypanel.h"
#include "exportdialog.h"
#include "importer.h"
#include "pipelineeditor.h"
#include "pipelinejson.h"
#include "pipelinemodel.h"
#include "util/backgroundjob.h"
#include "util/filebounds.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUuid>
#include <QVBoxLayout>

namespace edis::ui {

namespace {
constexpr int AutosaveIntervalMs = 30 * 1000;
const QString PipelineFilter
    = QStringLiteral("EDIS pipelines (*.edis.json);;JSON files (*.json);;All files (*)");
} // namespace

exporting::LiveFlow liveFlowFromRound(const metrics::SampleRound &round)
{
    exporting::LiveFlow flow;
    flow.wallTimeMs = round.wallTimeMs;
    for (const auto &topic : round.topics) {
        flow.topicRates.insert(topic.topic, topic.messagesPerSecond);
    }
    for (const auto &group : round.groups) {
        for (const auto &partition : group.partitions) {
            if (partition.lag >= 0) {
                flow.topicLag[partition.topic][group.group] += partition.lag;
            }
        }
    }
    return flow;
}

QList<QAction *> PipelineActions::all() const
{
    return {newPipeline, open, save, saveAs, close, undo, redo, cut, copy, paste, duplicate, deleteSelection,
        selectAll, autoLayout, fitToView, zoomIn, zoomOut, exportPng, exportSvg, exportForEngine,
        importFromEngine, deploy, liveOverlay};
}

PipelineWorkspace::PipelineWorkspace(QWidget *parent, const QString &autosaveDirectory)
    : QWidget(parent)
    , tabs_(new QTabWidget(this))
    , undoGroup_(new QUndoGroup(this))
    , store_(autosaveDirectory)
    , autosaveTimer_(new QTimer(this))
{
    setObjectName(QStringLiteral("pipelineWorkspace"));
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    tabs_->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);

    createActions();
    connect(tabs_, &QTabWidget::tabCloseRequested, this, &PipelineWorkspace::closeEditor);
    connect(tabs_, &QTabWidget::currentChanged, this, [this] {
        PipelineEditor *editor = currentEditor();
        undoGroup_->setActiveStack(editor ? editor->undoStack() : nullptr);
        if (editor && liveFlow_) {
            editor->setLiveFlow(*liveFlow_);
        }
        updateActions();
        Q_EMIT currentEditorChanged(editor);
    });
    prompt_ = [this](PipelineEditor *editor) {
        return QMessageBox::question(this, tr("Unsaved changes"),
            tr("“%1” has unsaved changes. Save them before closing?").arg(editor->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };

    autosaveTimer_->setInterval(AutosaveIntervalMs);
    connect(autosaveTimer_, &QTimer::timeout, this, &PipelineWorkspace::autosaveNow);
    autosaveTimer_->start();

    newPipeline();
}

PipelineWorkspace::~PipelineWorkspace()
{
    // Closing without closeAll() (a crash-like end): keep what is unsaved recoverable.
    for (int i = 0; i < count(); ++i) {
        PipelineEditor *e = editor(i);
        if (e->isModified()) {
            store_.save(
                autosaveKey(e), serializePipeline(e->model()->document()), e->filePath(), e->displayName());
        }
    }
    pipeline::AutosaveStore::waitForPendingWrites();
}

void PipelineWorkspace::createActions()
{
    const auto make
        = [this](const QString &text, const QKeySequence &shortcut, const QString &name, auto slot) {
              auto *action = new QAction(text, this);
              action->setObjectName(name);
              if (!shortcut.isEmpty()) {
                  action->setShortcut(shortcut);
              }
              action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
              connect(action, &QAction::triggered, this, slot);
              addAction(action);
              return action;
          };
    const auto onEditor = [this](void (PipelineEditor::*method)()) {
        return [this, method] {
            if (PipelineEditor *e = currentEditor()) {
                (e->*method)();
            }
        };
    };
    const auto onView = [this](void (widgets::DagView::*method)()) {
        return [this, method] {
            if (PipelineEditor *e = currentEditor()) {
                (e->view()->*method)();
            }
        };
    };

    actions_.newPipeline = make(
        tr("&New Pipeline"), QKeySequence::New, QStringLiteral("pipelineNew"), [this] { newPipeline(); });
    actions_.open = make(tr("&Open Pipeline…"), QKeySequence::Open, QStringLiteral("pipelineOpen"),
        [this] { openWithDialog(); });
    actions_.save = make(tr("&Save Pipeline"), QKeySequence::Save, QStringLiteral("pipelineSave"),
        [this] { save(currentEditor()); });
    actions_.saveAs = make(tr("Save Pipeline &As…"), QKeySequence::SaveAs, QStringLiteral("pipelineSaveAs"),
        [this] { saveAs(currentEditor()); });
    actions_.close = make(tr("&Close Pipeline"), QKeySequence::Close, QStringLiteral("pipelineClose"),
        [this] { closeEditor(tabs_->currentIndex()); });

    actions_.undo = undoGroup_->createUndoAction(this, tr("&Undo"));
    actions_.undo->setShortcuts(QKeySequence::Undo);
    actions_.undo->setObjectName(QStringLiteral("pipelineUndo"));
    actions_.redo = undoGroup_->createRedoAction(this, tr("&Redo"));
    actions_.redo->setShortcuts(QKeySequence::Redo);
    actions_.redo->setObjectName(QStringLiteral("pipelineRedo"));
    for (QAction *action : {actions_.undo, actions_.redo}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    actions_.cut = make(tr("Cu&t"), QKeySequence::Cut, QStringLiteral("pipelineCut"),
        onEditor(&PipelineEditor::cutSelection));
    actions_.copy = make(tr("&Copy"), QKeySequence::Copy, QStringLiteral("pipelineCopy"),
        onEditor(&PipelineEditor::copySelection));
    actions_.paste = make(tr("&Paste"), QKeySequence::Paste, QStringLiteral("pipelinePaste"), [this] {
        if (PipelineEditor *e = currentEditor()) {
            e->paste();
        }
    });
    actions_.duplicate = make(tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
        QStringLiteral("pipelineDuplicate"), onEditor(&PipelineEditor::duplicateSelection));
    actions_.deleteSelection = make(tr("&Delete"), QKeySequence::Delete, QStringLiteral("pipelineDelete"),
        onEditor(&PipelineEditor::deleteSelection));
    actions_.deleteSelection->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    actions_.selectAll = make(tr("Select &All"), QKeySequence::SelectAll, QStringLiteral("pipelineSelectAll"),
        onEditor(&PipelineEditor::selectAll));
    actions_.autoLayout = make(tr("Auto-&layout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        QStringLiteral("pipelineAutoLayout"), onEditor(&PipelineEditor::autoLayout));

    actions_.fitToView = make(tr("&Fit to View"), QKeySequence(Qt::CTRL | Qt::Key_0),
        QStringLiteral("pipelineFit"), onView(&widgets::DagView::fitToContents));
    actions_.zoomIn = make(tr("Zoom &In"), QKeySequence::ZoomIn, QStringLiteral("pipelineZoomIn"),
        onView(&widgets::DagView::zoomIn));
    actions_.zoomOut = make(tr("Zoom &Out"), QKeySequence::ZoomOut, QStringLiteral("pipelineZoomOut"),
        onView(&widgets::DagView::zoomOut));
    actions_.exportPng = make(tr("Export Canvas as &PNG…"), {}, QStringLiteral("pipelineExportPng"),
        [this] { exportWithDialog(false); });
    actions_.exportSvg = make(tr("Export Canvas as S&VG…"), {}, QStringLiteral("pipelineExportSvg"),
        [this] { exportWithDialog(true); });
    actions_.exportForEngine
        = make(tr("&Export for Engines…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
            QStringLiteral("pipelineExportEngine"), [this] { showExportDialog(); });
    actions_.exportForEngine->setStatusTip(
        tr("Kafka Connect connector configs or Redpanda Connect YAML, topics manifest and secrets template"));
    actions_.importFromEngine
        = make(tr("&Import Engine Configs…"), {}, QStringLiteral("pipelineImportEngine"), [this] {
              const QStringList paths
                  = QFileDialog::getOpenFileNames(this, tr("Import Kafka Connect / Redpanda Connect configs"),
                      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                      tr("Engine configs (*.json *.properties *.yaml *.yml);;All files (*)"));
              if (!paths.isEmpty()) {
                  importEngineConfigs(paths);
              }
          });
    actions_.importFromEngine->setStatusTip(
        tr("Build a pipeline from Kafka Connect connector configs and Redpanda Connect YAML"));
    actions_.deploy = make(tr("&Deploy to Kafka Connect…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
        QStringLiteral("pipelineDeploy"), [this] {
            if (PipelineEditor *e = currentEditor()) {
                e->showDeployPanel();
            }
        });
    actions_.liveOverlay = make(tr("&Live Overlay"), {}, QStringLiteral("pipelineLiveOverlay"), [] {});
    actions_.liveOverlay->setCheckable(true);
    actions_.liveOverlay->setChecked(true);
    actions_.liveOverlay->setStatusTip(tr("Show msg/s and consumer lag of the bound cluster on the edges"));
    connect(actions_.liveOverlay, &QAction::toggled, this, [this](bool on) {
        for (int i = 0; i < count(); ++i) {
            editor(i)->setLiveOverlayShown(on);
        }
    });
}

void PipelineWorkspace::setClusterSession(cluster::ClusterSession *session)
{
    session_ = session;
    const QString servers = session ? session->settings().bootstrapServers : QString();
    for (int i = 0; i < count(); ++i) {
        editor(i)->setBootstrapServers(servers);
    }
    if (!session) {
        liveFlow_.reset();
        for (int i = 0; i < count(); ++i) {
            editor(i)->clearLiveFlow();
        }
    }
}

void PipelineWorkspace::setLiveFlow(const exporting::LiveFlow &flow)
{
    liveFlow_ = flow;
    // Only the pipeline in view repaints; the others catch up when shown.
    if (PipelineEditor *e = currentEditor()) {
        e->setLiveFlow(flow);
    }
}

void PipelineWorkspace::importEngineConfigs(const QStringList &paths)
{
    util::runInBackground<exporting::ImportResult>(
        this, [paths] { return exporting::importPaths(paths); },
        [this](exporting::ImportResult result) {
            if (!result.ok()) {
                reportError(tr("Cannot import"), result.error);
                return;
            }
            QString error;
            PipelineEditor *editor = openBytes(pipeline::serializePipeline(result.document), &error, true);
            if (!editor) {
                return; // reported by openBytes
            }
            editor->autoLayout(); // configs carry no layout
            editor->undoStack()->clear(); // the import is the starting point, not an edit to undo
            if (!result.warnings.isEmpty()) {
                editor->showMessage(
                    tr("Imported, not exactly: %1").arg(result.warnings.join(QStringLiteral("; "))), true);
            } else {
                editor->showMessage(tr("Imported %n node(s).", nullptr, int(editor->model()->nodeCount())));
            }
            Q_EMIT imported(editor, result.warnings);
        });
}

ExportDialog *PipelineWorkspace::showExportDialog()
{
    PipelineEditor *editor = currentEditor();
    if (!editor) {
        return nullptr;
    }
    auto *dialog = new ExportDialog(editor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (cluster::ClusterSession *session = session_.data()) {
        dialog->setBootstrapServers(session->settings().bootstrapServers);
        dialog->setSession(session);
    }
    // The dialog reads the editor's model: it goes when the editor goes.
    connect(editor, &QObject::destroyed, dialog, &QWidget::close);
    dialog->show();
    return dialog;
}

void PipelineWorkspace::populateMenus(QMenu *fileMenu, QMenu *editMenu, QMenu *viewMenu) const
{
    if (fileMenu) {
        fileMenu->addActions({actions_.newPipeline, actions_.open, actions_.save, actions_.saveAs});
        fileMenu->addSeparator();
        fileMenu->addActions({actions_.exportForEngine, actions_.importFromEngine, actions_.deploy});
        fileMenu->addSeparator();
        fileMenu->addActions({actions_.exportPng, actions_.exportSvg});
        fileMenu->addSeparator();
        fileMenu->addAction(actions_.close);
    }
    if (editMenu) {
        editMenu->addActions({actions_.undo, actions_.redo});
        editMenu->addSeparator();
        editMenu->addActions(
            {actions_.cut, actions_.copy, actions_.paste, actions_.duplicate, actions_.deleteSelection});
        editMenu->addSeparator();
        editMenu->addActions({actions_.selectAll, actions_.autoLayout});
    }
    if (viewMenu) {
        viewMenu->addActions({actions_.zoomIn, actions_.zoomOut, actions_.fitToView});
        viewMenu->addSeparator();
        viewMenu->addAction(actions_.liveOverlay);
    }
}

int PipelineWorkspace::count() const
{
    return tabs_->count();
}

PipelineEditor *PipelineWorkspace::editor(int index) const
{
    return qobject_cast<PipelineEditor *>(tabs_->widget(index));
}

PipelineEditor *PipelineWorkspace::currentEditor() const
{
    return qobject_cast<PipelineEditor *>(tabs_->currentWidget());
}

PipelineEditor *PipelineWorkspace::newPipeline()
{
    return addEditor(new PipelineEditor);
}

void PipelineWorkspace::setClusterBinding(
    std::optional<pipeline::ClusterBinding> binding, const QString &clusterName)
{
    binding_ = std::move(binding);
    for (int i = 0; i < count(); ++i) {
        editor(i)->setClusterBinding(binding_);
    }
    setToolTip(binding_ ? tr("Topics are checked against %1.").arg(clusterName) : QString());
}

PipelineEditor *PipelineWorkspace::addEditor(PipelineEditor *editor)
{
    editor->setClusterBinding(binding_);
    const cluster::ClusterSession *session = session_.data();
    editor->setBootstrapServers(session ? session->settings().bootstrapServers : QString());
    editor->setLiveOverlayShown(actions_.liveOverlay->isChecked());
    undoGroup_->addStack(editor->undoStack());
    const int index = tabs_->addTab(editor, editor->displayName());
    connect(editor, &PipelineEditor::titleChanged, this, [this, editor] {
        refreshTitle(editor);
        if (!editor->isModified()) {
            store_.remove(autosaveKey(editor)); // saved: the autosave is stale
            lastAutosaved_.remove(editor);
        }
    });
    connect(editor, &PipelineEditor::selectionChanged, this, &PipelineWorkspace::updateActions);
    tabs_->setCurrentIndex(index);
    refreshTitle(editor);
    updateActions();
    return editor;
}

void PipelineWorkspace::refreshTitle(PipelineEditor *editor)
{
    const int index = tabs_->indexOf(editor);
    if (index < 0) {
        return;
    }
    tabs_->setTabText(
        index, editor->displayName() + (editor->isModified() ? QStringLiteral(" *") : QString()));
    tabs_->setTabToolTip(index, editor->filePath().isEmpty() ? tr("Not saved yet") : editor->filePath());
}

void PipelineWorkspace::updateActions()
{
    PipelineEditor *editor = currentEditor();
    const bool hasEditor = editor != nullptr;
    const bool selection = hasEditor && editor->hasSelection();
    for (QAction *action : {actions_.cut, actions_.copy, actions_.duplicate, actions_.deleteSelection}) {
        action->setEnabled(selection);
    }
    for (QAction *action : {actions_.save, actions_.saveAs, actions_.close, actions_.paste,
             actions_.selectAll, actions_.autoLayout, actions_.fitToView, actions_.zoomIn, actions_.zoomOut,
             actions_.exportPng, actions_.exportSvg, actions_.exportForEngine, actions_.deploy}) {
        action->setEnabled(hasEditor);
    }
}

PipelineEditor *PipelineWorkspace::reusableEditor() const
{
    PipelineEditor *editor = currentEditor();
    if (editor && editor->filePath().isEmpty() && !editor->isModified() && editor->model()->nodeCount() == 0
        && editor->undoStack()->count() == 0) {
        return editor;
    }
    return nullptr;
}

PipelineEditor *PipelineWorkspace::openFile(const QString &path, QString *error)
{
    for (int i = 0; i < count(); ++i) {
        if (!editor(i)->filePath().isEmpty() && QFileInfo(editor(i)->filePath()) == QFileInfo(path)) {
            tabs_->setCurrentIndex(i);
            return editor(i); // already open
        }
    }
    return openInto(
        [&path](PipelineEditor *editor, QString *message) { return editor->load(path, message); }, error);
}

PipelineEditor *PipelineWorkspace::openBytes(const QByteArray &json, QString *error, bool unsaved)
{
    return openInto([&json, unsaved](PipelineEditor *editor,
                        QString *message) { return editor->loadBytes(json, QString(), unsaved, message); },
        error);
}

PipelineEditor *PipelineWorkspace::openInto(
    const std::function<bool(PipelineEditor *, QString *)> &load, QString *error)
{
    // An untouched new pipeline is reused; otherwise the document gets a new tab.
    PipelineEditor *target = reusableEditor();
    const bool fresh = target == nullptr;
    if (fresh) {
        target = new PipelineEditor;
    }
    QString message;
    if (!load(target, &message)) {
        if (fresh) {
            delete target;
        }
        if (error) {
            *error = message;
        }
        reportError(tr("Cannot open pipeline"), message);
        return nullptr;
    }
    if (fresh) {
        addEditor(target);
    } else {
        refreshTitle(target);
    }
    return target;
}

void PipelineWorkspace::openWithDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Pipeline"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), PipelineFilter);
    for (const QString &path : paths) {
        openFile(path);
    }
}

bool PipelineWorkspace::save(PipelineEditor *editor)
{
    if (!editor) {
        return false;
    }
    if (editor->filePath().isEmpty()) {
        return saveAs(editor);
    }
    QString error;
    if (!editor->saveTo(editor->filePath(), &error)) {
        reportError(tr("Cannot save pipeline"), error);
        return false;
    }
    return true;
}

bool PipelineWorkspace::saveAs(PipelineEditor *editor)
{
    if (!editor) {
        return false;
    }
    QString suggestion = editor->filePath();
    if (suggestion.isEmpty()) {
        QString base = editor->model()->name().trimmed().toLower();
        base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        suggestion = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/')
            + (base.isEmpty() ? QStringLiteral("pipeline") : base) + QStringLiteral(".edis.json");
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Pipeline As"), suggestion, PipelineFilter);
    if (path.isEmpty()) {
        return false;
    }
    if (!path.endsWith(QLatin1String(".json"))) {
        path += QStringLiteral(".edis.json");
    }
    QString error;
    if (!editor->saveTo(path, &error)) {
        reportError(tr("Cannot save pipeline"), error);
        return false;
    }
    return true;
}

bool PipelineWorkspace::closeEditor(int index)
{
    PipelineEditor *e = editor(index);
    if (!e) {
        return true;
    }
    if (e->isModified()) {
        tabs_->setCurrentIndex(index);
        switch (prompt_(e)) {
        case QMessageBox::Save:
            if (!save(e)) {
                return false;
            }
            break;
        case QMessageBox::Discard:
            break;
        default:
            return false;
        }
    }
    store_.remove(autosaveKey(e));
    autosaveKeys_.remove(e);
    lastAutosaved_.remove(e);
    undoGroup_->removeStack(e->undoStack());
    tabs_->removeTab(tabs_->indexOf(e));
    delete e;
    updateActions();
    return true;
}

bool PipelineWorkspace::closeAll()
{
    while (count() > 0) {
        if (!closeEditor(count() - 1)) {
            return false;
        }
    }
    return true;
}

void PipelineWorkspace::reportError(const QString &title, const QString &message)
{
    Q_EMIT errorReported(title, message);
    // Window-modal but not blocking: the caller (and a test) carries on.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("pipelineErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void PipelineWorkspace::exportWithDialog(bool svg)
{
    PipelineEditor *editor = currentEditor();
    if (!editor) {
        return;
    }
    QString base = editor->filePath();
    if (base.endsWith(QLatin1String(".edis.json"))) {
        base.chop(10);
    } else if (base.isEmpty()) {
        base = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
            + QStringLiteral("/pipeline");
    }
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export as SVG") : tr("Export as PNG"),
        base + suffix, svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    const bool ok = svg ? exportCanvasSvg(editor->scene(), path, &error)
                        : exportCanvasPng(editor->scene(), path, &error);
    if (!ok) {
        reportError(tr("Export failed"), error);
        return;
    }
    editor->showMessage(tr("Exported %1.").arg(QFileInfo(path).fileName()));
}

// --- autosave --------------------------------------------------------------------------------

QString PipelineWorkspace::autosaveKey(PipelineEditor *editor)
{
    auto it = autosaveKeys_.find(editor);
    if (it == autosaveKeys_.end()) {
        it = autosaveKeys_.insert(editor, QUuid::createUuid().toString(QUuid::WithoutBraces));
    }
    return it.value();
}

void PipelineWorkspace::setAutosaveInterval(int milliseconds)
{
    autosaveTimer_->setInterval(milliseconds);
}

void PipelineWorkspace::autosaveNow()
{
    for (int i = 0; i < count(); ++i) {
        PipelineEditor *e = editor(i);
        if (!e->isModified()) {
            continue;
        }
        const QByteArray bytes = serializePipeline(e->model()->document());
        if (lastAutosaved_.value(e) == bytes) {
            continue; // nothing new since the last autosave
        }
        lastAutosaved_.insert(e, bytes);
        store_.saveAsync(autosaveKey(e), bytes, e->filePath(), e->displayName());
    }
}

QList<pipeline::RecoverableFile> PipelineWorkspace::recoverableFiles(const QString &autosaveDirectory)
{
    pipeline::AutosaveStore::waitForPendingWrites();
    return pipeline::AutosaveStore(autosaveDirectory).recoverable();
}

PipelineWorkspace::Recovery PipelineWorkspace::readAutosave(const pipeline::RecoverableFile &file)
{
    // An autosave is a pipeline document: the same bound, refused whole, never read in part.
    return {file, util::readBoundedFile(file.autosavePath, util::kPipelineFileBound)};
}

PipelineEditor *PipelineWorkspace::recover(const Recovery &recovery, QString *error)
{
    const pipeline::RecoverableFile &file = recovery.file;
    const util::BoundedFile &autosave = recovery.contents;
    if (!autosave.ok()) {
        if (error) {
            *error = autosave.error;
        }
        return nullptr;
    }
    const QByteArray &bytes = autosave.bytes;
    PipelineEditor *target = reusableEditor();
    const bool fresh = target == nullptr;
    if (fresh) {
        target = new PipelineEditor;
    }
    QString message;
    if (!target->loadBytes(bytes, file.originalPath, true, &message)) {
        if (fresh) {
            delete target;
        }
        if (error) {
            *error = message;
        }
        return nullptr;
    }
    if (fresh) {
        addEditor(target);
    } else {
        refreshTitle(target);
    }
    pipeline::AutosaveStore::discard(file);
    return target;
}

} // namespace edis::ui
