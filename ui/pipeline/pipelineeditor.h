#pragma once

#include "graphtypes.h"
#include "validation.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QTimer;
class QUndoStack;

namespace edis::pipeline {
class PipelineModel;
}
namespace edis::widgets {
class DagScene;
class DagView;
} // namespace edis::widgets

namespace edis::ui {

class NodePalette;
class PropertyEditor;

/// One pipeline document: its model and undo stack, the palette, the canvas, the property
/// editor and the problems list. Every edit goes through the undo stack; the canvas and the
/// forms only follow the model.
class PipelineEditor : public QWidget {
    Q_OBJECT
public:
    explicit PipelineEditor(QWidget *parent = nullptr);
    ~PipelineEditor() override;

    pipeline::PipelineModel *model() const { return model_; }
    QUndoStack *undoStack() const { return undo_; }
    widgets::DagScene *scene() const { return scene_; }
    widgets::DagView *view() const { return view_; }
    NodePalette *palette() const { return palette_; }
    PropertyEditor *propertyEditor() const { return properties_; }
    QListWidget *problemsList() const { return problemsList_; }
    QLabel *statusLabel() const { return status_; }
    QList<pipeline::Problem> problems() const { return problems_; }

    // --- the document ----------------------------------------------------------------------
    QString filePath() const { return filePath_; }
    /// The file's name, else the pipeline's name, else "Untitled".
    QString displayName() const;
    bool isModified() const;
    /// Loads a *.edis.json file; on error the editor is unchanged and `*error` says why.
    bool load(const QString &path, QString *error = nullptr);
    /// Loads text (a sample, an autosave) and remembers `path` as the file to save to
    /// (may be empty). `modified`: whether it counts as unsaved.
    bool loadBytes(const QByteArray &json, const QString &path, bool modified, QString *error = nullptr);
    /// Writes atomically and marks the document saved.
    bool saveTo(const QString &path, QString *error = nullptr);

    // --- edits (each one undoable) ----------------------------------------------------------
    pipeline::NodeId addNode(const QString &typeId, const QPointF &scenePos);
    /// In the middle of the view, nudged so that it does not land on another node.
    pipeline::NodeId addNodeAtCentre(const QString &typeId);
    bool connectPorts(const pipeline::PortRef &from, const pipeline::PortRef &to);
    /// Replaces an edge A → B by A → new node → B, as one undo step (the quick fix for a type
    /// mismatch). Returns the new node, or InvalidNodeId.
    pipeline::NodeId insertOnEdge(pipeline::EdgeId edge, const QString &typeId);
    void deleteSelection();
    void copySelection();
    void cutSelection();
    /// From the system clipboard (our MIME type, or fragment JSON as text).
    bool paste();
    void duplicateSelection();
    void selectAll();
    void autoLayout();
    bool hasSelection() const;

    /// The cluster the pipeline is checked against (topics that do not exist, partition counts
    /// that differ); nullopt when it is not bound to one. Re-validates.
    void setClusterBinding(std::optional<pipeline::ClusterBinding> binding);
    const std::optional<pipeline::ClusterBinding> &clusterBinding() const { return binding_; }

    void showMessage(const QString &text, bool isError = false);
    /// Selects and centres the node or edge a problem points at.
    void focusProblem(pipeline::NodeId node, pipeline::EdgeId edge);

Q_SIGNALS:
    /// The display name or the modified state changed.
    void titleChanged();
    void selectionChanged();

private:
    void buildUi();
    void connectCanvas();
    void scheduleValidation();
    void runValidation();
    void refreshProblemsList();
    void refreshStatus();
    void onSelectionChanged();
    bool insertFragment(const QByteArray &fragment, const QPointF &offset, const QString &text);

    pipeline::PipelineModel *model_;
    QUndoStack *undo_;
    widgets::DagScene *scene_;
    widgets::DagView *view_;
    NodePalette *palette_;
    PropertyEditor *properties_;
    QListWidget *problemsList_;
    QWidget *splitter_ = nullptr;
    QLabel *status_;
    QTimer *validationTimer_;
    std::optional<pipeline::ClusterBinding> binding_;
    QTimer *messageTimer_;
    QList<pipeline::Problem> problems_;
    QString filePath_;
    QString message_;
    bool messageIsError_ = false;
    bool loadedModified_ = false;
    QByteArray lastPasted_;
    int pasteCount_ = 0;
};

} // namespace edis::ui
