#include "pipelineeditor.h"

#include "clipboard.h"
#include "dagcanvas/dagscene.h"
#include "dagcanvas/dagstyle.h"
#include "dagcanvas/dagview.h"
#include "dagcanvas/edgeitem.h"
#include "dagcanvas/nodeitem.h"
#include "deploypanel.h"
#include "graphalgorithms.h"
#include "nodepalette.h"
#include "pipelinecommands.h"
#include "pipelinefile.h"
#include "pipelinemodel.h"
#include "propertyeditor.h"

#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace edis::ui {

using namespace pipeline;

namespace {
constexpr int MessageMs = 8000;
const QPointF PasteStep(40, 40);
constexpr int ProblemNodeRole = Qt::UserRole + 1;
constexpr int ProblemEdgeRole = Qt::UserRole + 2;
constexpr int ProblemFixRole = Qt::UserRole + 3;
// Initial splitter proportions (see buildUi).
constexpr int PaletteWidth = 170;
constexpr int CanvasWidth = 840;
constexpr int SidePaneWidth = 350;
constexpr int PropertyPaneHeight = 520;
constexpr int ProblemsPaneHeight = 200;
} // namespace

PipelineEditor::PipelineEditor(QWidget *parent)
    : QWidget(parent)
    , model_(new PipelineModel(Catalogue::builtin(), this))
    , undo_(new QUndoStack(this))
    , scene_(new widgets::DagScene(model_, this))
    , view_(new widgets::DagView(scene_))
    , palette_(new NodePalette(model_->catalogue()))
    , properties_(new PropertyEditor(model_))
    , problemsList_(new QListWidget)
    , status_(new QLabel)
    , validationTimer_(new QTimer(this))
    , messageTimer_(new QTimer(this))
{
    model_->setName(tr("Untitled pipeline"));
    buildUi();
    connectCanvas();
    validationTimer_->setSingleShot(true);
    validationTimer_->setInterval(0); // once per event-loop turn, however many edits it had
    connect(validationTimer_, &QTimer::timeout, this, &PipelineEditor::runValidation);
    messageTimer_->setSingleShot(true);
    messageTimer_->setInterval(MessageMs);
    connect(messageTimer_, &QTimer::timeout, this, [this] {
        message_.clear();
        refreshStatus();
    });
    connect(model_, &PipelineModel::graphChanged, this, [this] {
        edgeTopics_.reset(); // which edge carries which topic may have changed
        scheduleValidation();
    });
    // What an engine said about a node is stale once the node changes.
    const auto forgetEngineProblems = [this](NodeId id) {
        const auto before = engineProblems_.size();
        engineProblems_.removeIf([id](const Problem &p) { return p.node == id; });
        if (engineProblems_.size() != before) {
            scheduleValidation();
        }
    };
    connect(model_, &PipelineModel::propertyChanged, this, forgetEngineProblems);
    connect(model_, &PipelineModel::nodeRemoved, this, forgetEngineProblems);
    connect(model_, &PipelineModel::modelReset, this, [this] {
        engineProblems_.clear();
        runtimes_.clear();
    });
    connect(deploy_, &DeployPanel::engineProblems, this, &PipelineEditor::setEngineProblems);
    connect(deploy_, &DeployPanel::runtimesChanged, this, &PipelineEditor::setNodeRuntimes);
    connect(undo_, &QUndoStack::cleanChanged, this, &PipelineEditor::titleChanged);
    connect(model_, &PipelineModel::nameChanged, this, &PipelineEditor::titleChanged);
    runValidation();
}

PipelineEditor::~PipelineEditor()
{
    // The forms and the scene refer to the model, which is a child too: take them down first,
    // without letting a focused field commit into a model on its way out.
    for (QObject *source :
        std::initializer_list<QObject *> {properties_, scene_, undo_, model_, view_, palette_}) {
        disconnect(source, nullptr, this, nullptr);
    }
    delete undo_;
    delete splitter_;
    delete scene_;
}

void PipelineEditor::buildUi()
{
    auto *canvasPane = new QWidget;
    auto *canvasLayout = new QVBoxLayout(canvasPane);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    canvasLayout->setSpacing(0);
    canvasLayout->addWidget(view_, 1);
    status_->setObjectName(QStringLiteral("pipelineStatusLabel"));
    status_->setWordWrap(true);
    status_->setContentsMargins(8, 4, 8, 4);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    canvasLayout->addWidget(status_);

    auto *propertyScroll = new QScrollArea;
    propertyScroll->setWidgetResizable(true);
    propertyScroll->setFrameShape(QFrame::NoFrame);
    propertyScroll->setWidget(properties_);

    problemsList_->setObjectName(QStringLiteral("problemsList"));
    problemsList_->setWordWrap(true);
    problemsList_->setAlternatingRowColors(true);
    auto *problemsPane = new QWidget;
    auto *problemsLayout = new QVBoxLayout(problemsPane);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    problemsLayout->addWidget(problemsList_);

    deploy_ = new DeployPanel(this);
    sideTabs_ = new QTabWidget;
    sideTabs_->setObjectName(QStringLiteral("pipelineSideTabs"));
    sideTabs_->setDocumentMode(true);
    sideTabs_->addTab(problemsPane, tr("Problems"));
    sideTabs_->addTab(deploy_, tr("Deployment"));

    // The form gets most of the height (a CDC source has a dozen settings); the problems list
    // keeps a few wrapped lines. Sizes are proportions: the splitter scales them to its size.
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(propertyScroll);
    right->addWidget(sideTabs_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    right->setSizes({PropertyPaneHeight, ProblemsPaneHeight});
    right->setChildrenCollapsible(false);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter_ = splitter;
    splitter->addWidget(palette_);
    splitter->addWidget(canvasPane);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    // At 1366 px: ~170 palette, ~840 canvas, ~350 form, enough for a label and a field side by side.
    splitter->setSizes({PaletteWidth, CanvasWidth, SidePaneWidth});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void PipelineEditor::connectCanvas()
{
    connect(view_, &widgets::DagView::nodeDropped, this,
        [this](const QString &typeId, const QPointF &scenePos) { addNode(typeId, scenePos); });
    connect(palette_, &NodePalette::nodeTypeActivated, this, &PipelineEditor::addNodeAtCentre);
    connect(scene_, &widgets::DagScene::moveRequested, this,
        [this](const QHash<NodeId, QPointF> &positions, int dragId) {
            undo_->push(new MoveNodesCommand(model_, positions, dragId));
        });
    connect(scene_, &widgets::DagScene::connectRequested, this, &PipelineEditor::connectPorts);
    connect(scene_, &widgets::DagScene::connectionRefused, this,
        [this](const QString &message) { showMessage(message, true); });
    connect(scene_, &widgets::DagScene::connectionWarned, this,
        [this](const QString &message) { showMessage(tr("Connected, but: %1").arg(message), true); });
    connect(scene_, &QGraphicsScene::selectionChanged, this, &PipelineEditor::onSelectionChanged);
    connect(scene_, &widgets::DagScene::nodeDoubleClicked, this, [this](NodeId) {
        if (QLineEdit *name = properties_->nameEdit()) {
            name->setFocus();
            name->selectAll();
        }
    });
    connect(properties_, &PropertyEditor::propertyEditRequested, this,
        [this](NodeId id, const QString &key, const QVariant &value) {
            undo_->push(new SetPropertyCommand(model_, id, key, value));
        });
    connect(properties_, &PropertyEditor::renameRequested, this, [this](NodeId id, const QString &name) {
        if (name.isEmpty()) {
            properties_->showNameError(tr("A node needs a name."));
            return;
        }
        if (model_->isNameUsed(name)) {
            properties_->showNameError(tr("Another node is already called “%1”.").arg(name));
            return;
        }
        undo_->push(new RenameNodeCommand(model_, id, name));
    });
    const auto focusItem = [this](QListWidgetItem *item) {
        if (item) {
            focusProblem(
                item->data(ProblemNodeRole).toULongLong(), item->data(ProblemEdgeRole).toULongLong());
        }
    };
    connect(problemsList_, &QListWidget::itemClicked, this, focusItem);
    connect(problemsList_, &QListWidget::itemActivated, this, focusItem);
    // Quick fixes: a problem that names a node type fixing it (a CDC envelope into a sink that
    // wants flat records → "Insert Flatten CDC envelope") offers to insert it on the edge.
    problemsList_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(problemsList_, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QListWidgetItem *item = problemsList_->itemAt(pos);
        if (!item || item->data(ProblemFixRole).toString().isEmpty()) {
            return;
        }
        const EdgeId edge = item->data(ProblemEdgeRole).toULongLong();
        const QString typeId = item->data(ProblemFixRole).toString();
        const auto *type = model_->catalogue().node(typeId);
        QMenu menu(problemsList_);
        menu.addAction(tr("Insert “%1” on this connection").arg(type ? type->displayName : typeId), this,
            [this, edge, typeId] { insertOnEdge(edge, typeId); });
        menu.exec(problemsList_->viewport()->mapToGlobal(pos));
    });
}

NodeId PipelineEditor::insertOnEdge(EdgeId edgeId, const QString &typeId)
{
    const pipeline::Edge *found = model_->edge(edgeId);
    const auto *type = model_->catalogue().node(typeId);
    if (!found || !type) {
        showMessage(tr("That connection or node type no longer exists."), true);
        return InvalidNodeId;
    }
    const pipeline::Edge edge = *found;
    QString in;
    QString out;
    for (const auto &port : type->portsFor(QVariantMap())) {
        if (port.direction == PortDirection::Input && in.isEmpty()) {
            in = port.name;
        } else if (port.direction == PortDirection::Output && out.isEmpty()) {
            out = port.name;
        }
    }
    if (in.isEmpty() || out.isEmpty()) {
        showMessage(tr("“%1” cannot sit on a connection.").arg(type->displayName), true);
        return InvalidNodeId;
    }
    const QPointF a = model_->position(edge.from.node).value_or(QPointF());
    const QPointF b = model_->position(edge.to.node).value_or(QPointF());
    undo_->beginMacro(tr("Insert %1").arg(type->displayName));
    undo_->push(new RemoveItemsCommand(model_, {}, {edge.id}));
    auto *add = new AddNodeCommand(model_, typeId, scene_->snapped((a + b) / 2));
    undo_->push(add);
    const NodeId node = add->nodeId();
    undo_->push(new ConnectCommand(model_, edge.from, {node, in}));
    undo_->push(new ConnectCommand(model_, {node, out}, edge.to));
    undo_->endMacro();
    scene_->selectItems({node});
    return node;
}

// --- the document ----------------------------------------------------------------------------

QString PipelineEditor::displayName() const
{
    if (!filePath_.isEmpty()) {
        return QFileInfo(filePath_).fileName();
    }
    return model_->name().isEmpty() ? tr("Untitled") : model_->name();
}

bool PipelineEditor::isModified() const
{
    return loadedModified_ || !undo_->isClean();
}

bool PipelineEditor::load(const QString &path, QString *error)
{
    FileError fileError;
    if (!loadPipeline(model_, path, &fileError)) {
        if (error) {
            *error = fileError.message;
        }
        return false;
    }
    filePath_ = path;
    loadedModified_ = false;
    undo_->clear();
    undo_->setClean();
    view_->fitToContents();
    Q_EMIT titleChanged();
    return true;
}

bool PipelineEditor::loadBytes(const QByteArray &json, const QString &path, bool modified, QString *error)
{
    FileError fileError;
    if (!loadPipelineFromBytes(model_, json, &fileError)) {
        if (error) {
            *error = fileError.message;
        }
        return false;
    }
    filePath_ = path;
    loadedModified_ = modified;
    undo_->clear();
    undo_->setClean();
    view_->fitToContents();
    Q_EMIT titleChanged();
    return true;
}

bool PipelineEditor::saveTo(const QString &path, QString *error)
{
    FileError fileError;
    if (!savePipeline(*model_, path, &fileError)) {
        if (error) {
            *error = fileError.message;
        }
        return false;
    }
    filePath_ = path;
    loadedModified_ = false;
    undo_->setClean();
    Q_EMIT titleChanged();
    showMessage(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return true;
}

// --- edits -----------------------------------------------------------------------------------

NodeId PipelineEditor::addNode(const QString &typeId, const QPointF &scenePos)
{
    if (!model_->catalogue().node(typeId)) {
        showMessage(tr("Unknown node type “%1”.").arg(typeId), true);
        return InvalidNodeId;
    }
    // The drop point is where the user let go: centre the card's header there.
    const QPointF topLeft = scene_->snapped(scenePos - QPointF(widgets::dagstyle::NodeWidth / 2, 20));
    auto *command = new AddNodeCommand(model_, typeId, topLeft);
    undo_->push(command); // cannot fail: the type is known
    const NodeId id = command->nodeId();
    if (model_->hasNode(id)) {
        scene_->selectItems({id});
        view_->setFocus();
    }
    return id;
}

NodeId PipelineEditor::addNodeAtCentre(const QString &typeId)
{
    QPointF centre = view_->mapToScene(view_->viewport()->rect().center());
    // Step aside from nodes already there, so that repeated adds do not stack up invisibly.
    for (int attempt = 0; attempt < 20; ++attempt) {
        const QPointF topLeft = scene_->snapped(centre - QPointF(widgets::dagstyle::NodeWidth / 2, 20));
        const QRectF card(topLeft, QSizeF(widgets::dagstyle::NodeWidth, 80));
        const bool occupied = std::any_of(scene_->items(card).cbegin(), scene_->items(card).cend(),
            [](QGraphicsItem *item) { return item->type() == widgets::NodeItem::Type; });
        if (!occupied) {
            break;
        }
        centre += QPointF(40, 40);
    }
    return addNode(typeId, centre);
}

bool PipelineEditor::connectPorts(const PortRef &from, const PortRef &to)
{
    const QString why = model_->connectionError(from, to);
    if (!why.isEmpty()) {
        scene_->highlightCycle(model_->cyclePath(from.node, to.node));
        showMessage(why, true);
        return false;
    }
    undo_->push(new ConnectCommand(model_, from, to));
    return true;
}

bool PipelineEditor::hasSelection() const
{
    return !scene_->selectedItems().isEmpty();
}

void PipelineEditor::deleteSelection()
{
    const QList<NodeId> nodes = scene_->selectedNodeIds();
    const QList<EdgeId> edges = scene_->selectedEdgeIds();
    if (nodes.isEmpty() && edges.isEmpty()) {
        return;
    }
    undo_->push(new RemoveItemsCommand(model_, nodes, edges));
}

void PipelineEditor::copySelection()
{
    const QList<NodeId> nodes = scene_->selectedNodeIds();
    if (nodes.isEmpty()) {
        return;
    }
    const QByteArray fragment = copyNodes(*model_, nodes);
    // Our own type for EDIS windows, and the JSON as text so that it survives any other route.
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(FragmentMimeType), fragment);
    mime->setText(QString::fromUtf8(fragment));
    QGuiApplication::clipboard()->setMimeData(mime);
    showMessage(nodes.size() == 1 ? tr("Copied 1 node.") : tr("Copied %1 nodes.").arg(nodes.size()));
}

void PipelineEditor::cutSelection()
{
    const QList<NodeId> nodes = scene_->selectedNodeIds();
    if (nodes.isEmpty()) {
        return;
    }
    copySelection();
    auto *command = new RemoveItemsCommand(model_, nodes, scene_->selectedEdgeIds());
    command->setText(nodes.size() == 1 ? tr("Cut %1").arg(model_->node(nodes.first())->name)
                                       : tr("Cut %1 nodes").arg(nodes.size()));
    undo_->push(command);
}

bool PipelineEditor::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime) {
        return false;
    }
    QByteArray fragment = mime->data(QLatin1String(FragmentMimeType));
    if (fragment.isEmpty() && mime->hasText()) {
        fragment = mime->text().toUtf8();
    }
    if (fragment.isEmpty()) {
        showMessage(tr("The clipboard holds no pipeline nodes."), true);
        return false;
    }
    // Each paste of the same nodes lands a step further, so that copies never hide each other.
    pasteCount_ = fragment == lastPasted_ ? pasteCount_ + 1 : 1;
    lastPasted_ = fragment;
    return insertFragment(fragment, PasteStep * pasteCount_, QString());
}

void PipelineEditor::duplicateSelection()
{
    const QList<NodeId> nodes = scene_->selectedNodeIds();
    if (nodes.isEmpty()) {
        return;
    }
    const QString text = nodes.size() == 1 ? tr("Duplicate %1").arg(model_->node(nodes.first())->name)
                                           : tr("Duplicate %1 nodes").arg(nodes.size());
    insertFragment(copyNodes(*model_, nodes), PasteStep, text);
}

bool PipelineEditor::insertFragment(const QByteArray &fragment, const QPointF &offset, const QString &text)
{
    PipelineDocument prepared;
    QString error;
    if (!preparePaste(*model_, fragment, offset, &prepared, &error)) {
        showMessage(tr("Cannot paste: %1").arg(error), true);
        return false;
    }
    if (prepared.nodes.isEmpty()) {
        return false;
    }
    const QString commandText = !text.isEmpty() ? text
        : prepared.nodes.size() == 1            ? tr("Paste %1").arg(prepared.nodes.first().name)
                                                : tr("Paste %1 nodes").arg(prepared.nodes.size());
    auto *command = new InsertFragmentCommand(model_, prepared, commandText);
    const QList<NodeId> ids = command->nodeIds();
    undo_->push(command);
    if (!ids.isEmpty() && model_->hasNode(ids.first())) {
        scene_->selectItems(ids);
        return true;
    }
    return false;
}

void PipelineEditor::selectAll()
{
    scene_->selectItems(model_->nodeIds(), model_->edgeIds());
}

void PipelineEditor::autoLayout()
{
    // Spacing for the canvas's card size, so that columns keep room for the edges and for a
    // live-overlay label ("≤ 153 msg/s") between two cards.
    LayoutOptions options;
    options.columnSpacing = widgets::dagstyle::NodeWidth + 110;
    options.rowSpacing = 170;
    const Layout layout = pipeline::autoLayout(*model_, options);
    QHash<NodeId, QPointF> positions;
    for (auto it = layout.cbegin(); it != layout.cend(); ++it) {
        if (model_->position(it.key()) != it.value()) {
            positions.insert(it.key(), it.value());
        }
    }
    if (positions.isEmpty()) {
        showMessage(tr("The layout is already tidy."));
        return;
    }
    undo_->push(new MoveNodesCommand(model_, positions, -1, tr("Auto-layout")));
    view_->fitToContents();
}

// --- feedback --------------------------------------------------------------------------------

void PipelineEditor::showMessage(const QString &text, bool isError)
{
    message_ = text;
    messageIsError_ = isError;
    messageTimer_->start();
    refreshStatus();
}

void PipelineEditor::focusProblem(NodeId node, EdgeId edge)
{
    if (edge != InvalidEdgeId && scene_->edgeItem(edge)) {
        scene_->selectItems({}, {edge});
        view_->centerOn(scene_->edgeItem(edge)->sceneBoundingRect().center());
        return;
    }
    if (node != InvalidNodeId && scene_->nodeItem(node)) {
        scene_->selectItems({node});
        view_->centreOnNode(node);
    }
}

void PipelineEditor::onSelectionChanged()
{
    const QList<NodeId> nodes = scene_->selectedNodeIds();
    properties_->setNode(nodes.size() == 1 ? nodes.first() : InvalidNodeId);
    properties_->setProblems(problems_);
    Q_EMIT selectionChanged();
}

void PipelineEditor::scheduleValidation()
{
    validationTimer_->start();
}

void PipelineEditor::setClusterBinding(std::optional<ClusterBinding> binding)
{
    binding_ = std::move(binding);
    scheduleValidation();
}

void PipelineEditor::setEngineProblems(const QList<Problem> &problems)
{
    engineProblems_ = problems;
    runValidation();
    if (!problems.isEmpty()) {
        sideTabs_->setCurrentIndex(0);
    }
}

void PipelineEditor::setNodeRuntimes(const QHash<NodeId, exporting::NodeRuntime> &runtimes)
{
    runtimes_ = runtimes;
    applyRuntimes();
}

void PipelineEditor::applyRuntimes()
{
    for (const NodeId id : model_->nodeIds()) {
        widgets::NodeItem *item = scene_->nodeItem(id);
        if (!item) {
            continue;
        }
        const auto it = runtimes_.constFind(id);
        if (it == runtimes_.cend()) {
            item->setRuntimeStatus({}, widgets::NodeItem::RuntimeLevel::Unknown);
            continue;
        }
        item->setRuntimeStatus(it->text, cardLevel(it->level), it->detail);
    }
}

void PipelineEditor::setLiveFlow(const exporting::LiveFlow &flow)
{
    liveFlow_ = flow;
    applyLiveFlow();
}

void PipelineEditor::clearLiveFlow()
{
    liveFlow_.reset();
    applyLiveFlow();
}

void PipelineEditor::setLiveOverlayShown(bool shown)
{
    overlayShown_ = shown;
    applyLiveFlow();
}

void PipelineEditor::applyLiveFlow()
{
    if (!liveFlow_ || !overlayShown_) {
        edgeFlows_.clear();
    } else {
        if (!edgeTopics_) {
            edgeTopics_ = exporting::edgeTopics(*model_);
        }
        edgeFlows_ = exporting::edgeFlows(*edgeTopics_, *liveFlow_);
    }
    for (const EdgeId id : model_->edgeIds()) {
        if (widgets::EdgeItem *item = scene_->edgeItem(id)) {
            const auto it = edgeFlows_.constFind(id);
            if (it == edgeFlows_.cend()) {
                item->setOverlay({}, {}, false);
            } else {
                item->setOverlay(it->label, it->toolTip, it->flowing());
            }
        }
    }
}

void PipelineEditor::setBootstrapServers(const QString &servers)
{
    bootstrap_ = servers;
    deploy_->setBootstrapServers(servers);
}

void PipelineEditor::showDeployPanel()
{
    sideTabs_->setCurrentWidget(deploy_);
    deploy_->urlEdit()->setFocus();
}

void PipelineEditor::runValidation()
{
    problems_ = validate(*model_, binding_) + engineProblems_;
    if (liveFlow_) {
        applyLiveFlow(); // new edges get their overlay
    }
    applyRuntimes();
    scene_->setProblems(problems_);
    properties_->setProblems(problems_);
    refreshProblemsList();
    refreshStatus();
}

void PipelineEditor::refreshProblemsList()
{
    problemsList_->clear();
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const Problem &problem : std::as_const(problems_)) {
        auto *item = new QListWidgetItem(problem.isError() ? errorIcon : warningIcon, problem.message);
        item->setData(ProblemNodeRole, QVariant::fromValue<qulonglong>(problem.node));
        item->setData(ProblemEdgeRole, QVariant::fromValue<qulonglong>(problem.edge));
        if (problem.edge != InvalidEdgeId && !problem.fixNodeType.isEmpty()) {
            item->setData(ProblemFixRole, problem.fixNodeType);
        }
        item->setToolTip(QStringLiteral("%1 (%2)").arg(problem.message, problem.code));
        problemsList_->addItem(item);
    }
    if (problems_.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No problems: the pipeline is ready to export."));
        item->setFlags(Qt::ItemIsEnabled);
        problemsList_->addItem(item);
    }
}

void PipelineEditor::refreshStatus()
{
    if (!message_.isEmpty()) {
        status_->setStyleSheet(messageIsError_ ? QStringLiteral("color: #b71c1c; background: #fdecea;")
                                               : QStringLiteral("color: #1b5e20; background: #e8f5e9;"));
        status_->setText(message_);
        return;
    }
    const auto errors
        = std::count_if(problems_.cbegin(), problems_.cend(), [](const Problem &p) { return p.isError(); });
    const auto warnings = problems_.size() - errors;
    status_->setStyleSheet(QStringLiteral("color: #4b5563;"));
    status_->setText(tr("%1 nodes · %2 edges · %3 errors · %4 warnings")
                         .arg(model_->nodeCount())
                         .arg(model_->edgeCount())
                         .arg(errors)
                         .arg(warnings));
}

} // namespace edis::ui
