#pragma once

#include "graphtypes.h"
#include "liveoverlay.h"
#include "validation.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QTabWidget;
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

class DeployPanel;
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
    /// Problems (validation and what the engine rejected), and the deployment panel.
    QTabWidget *sideTabs() const { return sideTabs_; }
    DeployPanel *deployPanel() const { return deploy_; }
    /// Validation problems and engine problems together, as the list and the canvas show them.
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

    // --- running on engines -----------------------------------------------------------------
    /// Problems an engine reported (Kafka Connect's validation, what the export cannot express):
    /// shown with the validation problems until replaced, or until their node is edited.
    void setEngineProblems(const QList<pipeline::Problem> &problems);
    QList<pipeline::Problem> engineProblems() const { return engineProblems_; }
    /// The state of the connectors behind the nodes, shown under each card.
    void setNodeRuntimes(const QHash<pipeline::NodeId, exporting::NodeRuntime> &runtimes);
    /// The live overlay: msg/s and consumer lag on each edge that maps to a Kafka topic, from the
    /// throughput sampler of the bound cluster.
    void setLiveFlow(const exporting::LiveFlow &flow);
    void clearLiveFlow();
    void setLiveOverlayShown(bool shown);
    bool isLiveOverlayShown() const { return overlayShown_; }
    /// The overlay of each edge as last computed (empty without a live flow).
    QHash<pipeline::EdgeId, exporting::EdgeFlow> edgeFlows() const { return edgeFlows_; }
    /// Kafka bootstrap servers of the bound cluster, for exports that need them.
    void setBootstrapServers(const QString &servers);
    QString bootstrapServers() const { return bootstrap_; }
    /// Shows the deployment panel and puts the focus on its URL.
    void showDeployPanel();

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
    void applyRuntimes();
    void applyLiveFlow();
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
    QList<pipeline::Problem> engineProblems_;
    QTabWidget *sideTabs_ = nullptr;
    DeployPanel *deploy_ = nullptr;
    QHash<pipeline::NodeId, exporting::NodeRuntime> runtimes_;
    std::optional<exporting::LiveFlow> liveFlow_;
    std::optional<QHash<pipeline::EdgeId, exporting::EdgeTopics>> edgeTopics_; ///< cache
    QHash<pipeline::EdgeId, exporting::EdgeFlow> edgeFlows_;
    bool overlayShown_ = true;
    QString bootstrap_;
    QString filePath_;
    QString message_;
    bool messageIsError_ = false;
    bool loadedModified_ = false;
    QByteArray lastPasted_;
    int pasteCount_ = 0;
};

} // namespace edis::ui
