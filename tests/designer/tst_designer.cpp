#include "dagcanvas/dagmimedata.h"
#include "dagcanvas/dagscene.h"
#include "dagcanvas/dagstyle.h"
#include "dagcanvas/dagview.h"
#include "dagcanvas/edgeitem.h"
#include "dagcanvas/nodeitem.h"
#include "dagcanvas/portitem.h"
#include "exporter.h"
#include "pipeline/canvasexport.h"
#include "pipeline/deploypanel.h"
#include "pipeline/exportdialog.h"
#include "pipeline/nodepalette.h"
#include "pipeline/pipelinecommands.h"
#include "pipeline/pipelineeditor.h"
#include "pipeline/pipelineworkspace.h"
#include "pipeline/propertyeditor.h"

#include "clipboard.h"
#include "cluster/clustersession.h"
#include "edgetopics.h"
#include "kafka/kafkaclient.h"
#include "pipelinefile.h"
#include "pipelinejson.h"
#include "pipelinemodel.h"
#include "sandbox/sandboxcluster.h"
#include "testsettings.h"
#include "util/filebounds.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace edis;
using namespace edis::pipeline;
using edis::ui::PipelineEditor;
using edis::ui::PipelineWorkspace;

namespace {

QByteArray sampleBytes()
{
    QFile file(QStringLiteral(":/edis/samples/erp-to-crm.edis.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray serialized(const PipelineModel &model)
{
    return serializePipeline(model.document());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// The viewport point of a port's dot.
QPoint portPoint(PipelineEditor *editor, NodeId node, const QString &port, PortDirection direction)
{
    widgets::PortItem *item = editor->scene()->portItem({node, port}, direction);
    return item ? editor->view()->mapFromScene(item->scenePos()) : QPoint(-1, -1);
}

/// Presses on one port, moves over the canvas and releases on another, as a user would.
void dragBetween(QWidget *viewport, const QPoint &from, const QPoint &to)
{
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, (from + to) / 2);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

/// Sends the drag-and-drop events a palette drag ends in, with the palette's own MIME data.
bool dropFromPalette(PipelineEditor *editor, const QString &typeId, const QPoint &at)
{
    ui::NodeCatalogueModel *model = editor->palette()->catalogueModel();
    QModelIndex found;
    for (int g = 0; g < model->rowCount() && !found.isValid(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r) {
            if (model->index(r, 0, group).data(ui::NodeCatalogueModel::TypeIdRole).toString() == typeId) {
                found = model->index(r, 0, group);
            }
        }
    }
    if (!found.isValid()) {
        return false;
    }
    std::unique_ptr<QMimeData> mime(model->mimeData({found}));
    QWidget *viewport = editor->view()->viewport();
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    return enter.isAccepted() && move.isAccepted() && drop.isAccepted();
}

/// A sampling round in which only these topics exist, with these rates.
metrics::SampleRound roundWith(std::initializer_list<std::pair<const char *, double>> rates)
{
    metrics::SampleRound round;
    round.wallTimeMs = 1;
    for (const auto &[topic, rate] : rates) {
        metrics::TopicRate t;
        t.topic = QString::fromLatin1(topic);
        t.messagesPerSecond = rate;
        round.topics.push_back(t);
    }
    return round;
}

/// A card with its port dots, in scene coordinates.
QRectF cardSceneRect(const widgets::NodeItem *node)
{
    const double r = widgets::dagstyle::PortRadius;
    return node->mapRectToScene(node->cardRect()).adjusted(-r, 0, r, 0);
}

NodeId lastNode(const PipelineModel &model)
{
    return model.nodeIds().isEmpty() ? InvalidNodeId : model.nodeIds().constLast();
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("EDIS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QTest::qWait(100); // let queued layouts, validation and the minimap catch up
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    }
}

} // namespace

class TestDesigner : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> autosaveDir_;

    std::unique_ptr<PipelineWorkspace> makeWorkspace()
    {
        auto ws = std::make_unique<PipelineWorkspace>(nullptr, autosaveDir_->path());
        ws->setUnsavedPrompt([](PipelineEditor *) { return QMessageBox::Discard; });
        ws->resize(1400, 860);
        ws->show();
        return ws;
    }

    /// A workspace with the sample pipeline in its current tab.
    std::unique_ptr<PipelineWorkspace> sampleWorkspace()
    {
        auto ws = makeWorkspace();
        ws->openBytes(sampleBytes());
        return ws;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The deployment panel remembers its URL: never in the user's own settings.
        edis::test::useTemporarySettings(QStringLiteral("test_designer"));
        autosaveDir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(autosaveDir_->isValid());
        QVERIFY(!sampleBytes().isEmpty());
    }

    void paletteModelIsSoundAndDragsTypeIds()
    {
        ui::NodePalette palette(Catalogue::builtin());
        QAbstractItemModelTester sourceTester(
            palette.catalogueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            palette.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        int types = 0;
        for (int g = 0; g < palette.catalogueModel()->rowCount(); ++g) {
            types += palette.catalogueModel()->rowCount(palette.catalogueModel()->index(g, 0));
        }
        QCOMPARE(types, Catalogue::builtin().nodes().size());

        QTest::keyClicks(palette.searchField(), QStringLiteral("postgres"));
        QSortFilterProxyModel *proxy = palette.filterModel();
        QStringList shown;
        for (int g = 0; g < proxy->rowCount(); ++g) {
            const QModelIndex group = proxy->index(g, 0);
            for (int r = 0; r < proxy->rowCount(group); ++r) {
                shown << proxy->index(r, 0, group).data(ui::NodeCatalogueModel::TypeIdRole).toString();
            }
        }
        QCOMPARE(shown, QStringList {QStringLiteral("postgres-cdc")});
        const QModelIndex hit = proxy->index(0, 0, proxy->index(0, 0));
        std::unique_ptr<QMimeData> mime(proxy->mimeData({hit}));
        QVERIFY(mime);
        QCOMPARE(mime->data(QLatin1String(widgets::NodeTypeMimeType)), QByteArray("postgres-cdc"));
        QVERIFY(!(proxy->flags(proxy->index(0, 0)) & Qt::ItemIsDragEnabled)); // a category
    }

    void dropConnectEditUndoRedoSave()
    {
        auto ws = makeWorkspace();
        QVERIFY(QTest::qWaitForWindowExposed(ws.get()));
        PipelineEditor *editor = ws->currentEditor();
        PipelineModel *model = editor->model();
        QWidget *viewport = editor->view()->viewport();
        const QPoint centre = viewport->rect().center();

        QVERIFY(dropFromPalette(editor, QStringLiteral("postgres-cdc"), centre + QPoint(-320, 0)));
        const NodeId source = lastNode(*model);
        QVERIFY(dropFromPalette(editor, QStringLiteral("flatten-cdc"), centre));
        const NodeId flatten = lastNode(*model);
        QVERIFY(dropFromPalette(editor, QStringLiteral("kafka-sink"), centre + QPoint(320, 0)));
        const NodeId sink = lastNode(*model);
        QCOMPARE(model->nodeCount(), 3);
        QCOMPARE(model->node(source)->type, QStringLiteral("postgres-cdc"));
        QCOMPARE(editor->undoStack()->undoText(), QStringLiteral("Add Kafka topic"));
        // Dropped where the mouse was: the card straddles the drop point.
        QVERIFY(editor->scene()->nodeItem(flatten)->sceneBoundingRect().contains(
            editor->view()->mapToScene(centre)));

        dragBetween(viewport, portPoint(editor, source, QStringLiteral("out"), PortDirection::Output),
            portPoint(editor, flatten, QStringLiteral("in"), PortDirection::Input));
        QCOMPARE(model->edgeCount(), 1);
        const Edge *first = model->edge(model->edgeIds().first());
        QCOMPARE(first->from, (PortRef {source, QStringLiteral("out")}));
        QCOMPARE(first->to, (PortRef {flatten, QStringLiteral("in")}));
        QVERIFY(editor->scene()->edgeItem(first->id));
        // Dragging the other way round, from an input to an output, connects too.
        dragBetween(viewport, portPoint(editor, sink, QStringLiteral("in"), PortDirection::Input),
            portPoint(editor, flatten, QStringLiteral("out"), PortDirection::Output));
        QCOMPARE(model->edgeCount(), 2);
        QCOMPARE(
            editor->undoStack()->undoText(), QStringLiteral("Connect Flatten CDC envelope → Kafka topic"));

        // Edit the sink's topic in the property editor.
        editor->scene()->selectItems({sink});
        QCOMPARE(editor->propertyEditor()->node(), sink);
        auto *topic = qobject_cast<QLineEdit *>(editor->propertyEditor()->editorFor(QStringLiteral("topic")));
        QVERIFY(topic);
        const QByteArray beforeEdit = serialized(*model);
        topic->setFocus();
        QTest::keyClicks(topic, QStringLiteral("crm.accounts"));
        QTest::keyClick(topic, Qt::Key_Return);
        QCOMPARE(model->node(sink)->properties.value(QStringLiteral("topic")).toString(),
            QStringLiteral("crm.accounts"));
        QCOMPARE(editor->undoStack()->undoText(), QStringLiteral("Set Topic of Kafka topic"));
        const QByteArray afterEdit = serialized(*model);
        QVERIFY(afterEdit != beforeEdit);
        QVERIFY(ws->tabs()->tabText(ws->tabs()->currentIndex()).endsWith(QStringLiteral(" *")));

        // Undo and redo with the keyboard, from the canvas.
        ws->activateWindow();
        editor->view()->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(ws.get()));
        QTest::keyClick(editor->view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(serialized(*model), beforeEdit);
        QCOMPARE(topic->text(), QString()); // the form follows the model
        QTest::keySequence(editor->view(), QKeySequence(QKeySequence::Redo));
        QCOMPARE(serialized(*model), afterEdit);

        // Save, reload, compare.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("designed.edis.json"));
        QString error;
        QVERIFY2(editor->saveTo(path, &error), qPrintable(error));
        QVERIFY(!editor->isModified());
        QCOMPARE(ws->tabs()->tabText(ws->tabs()->currentIndex()), QStringLiteral("designed.edis.json"));
        QCOMPARE(readFile(path), afterEdit);
        PipelineModel reloaded;
        QVERIFY(loadPipeline(&reloaded, path));
        QCOMPARE(serialized(reloaded), afterEdit);
        saveScreenshot(ws.get(), QStringLiteral("designer-built"));
    }

    void closingACycleIsRefusedAndShown()
    {
        auto ws = makeWorkspace();
        QVERIFY(QTest::qWaitForWindowExposed(ws.get()));
        PipelineEditor *editor = ws->currentEditor();
        PipelineModel *model = editor->model();
        QList<NodeId> chain;
        for (int i = 0; i < 3; ++i) {
            chain << editor->addNode(QStringLiteral("filter"), QPointF(i * 300, 0));
        }
        QVERIFY(editor->connectPorts({chain[0], QStringLiteral("out")}, {chain[1], QStringLiteral("in")}));
        QVERIFY(editor->connectPorts({chain[1], QStringLiteral("out")}, {chain[2], QStringLiteral("in")}));
        editor->view()->fitToContents();
        const QByteArray before = serialized(*model);
        const int commands = editor->undoStack()->count();

        dragBetween(editor->view()->viewport(),
            portPoint(editor, chain[2], QStringLiteral("out"), PortDirection::Output),
            portPoint(editor, chain[0], QStringLiteral("in"), PortDirection::Input));

        QCOMPARE(model->edgeCount(), 2);
        QCOMPARE(serialized(*model), before);
        QCOMPARE(editor->undoStack()->count(), commands);
        const QString expected
            = model->connectionError({chain[2], QStringLiteral("out")}, {chain[0], QStringLiteral("in")});
        QVERIFY(!expected.isEmpty());
        auto *status = editor->findChild<QLabel *>(QStringLiteral("pipelineStatusLabel"));
        QVERIFY(status);
        QCOMPARE(status->text(), expected);
        for (NodeId id : chain) {
            QVERIFY(editor->scene()->nodeItem(id)->isCycleHighlighted());
        }
        saveScreenshot(ws.get(), QStringLiteral("designer-cycle"));
    }

    void typeMismatchIsConnectedFlaggedAndFixed()
    {
        auto ws = makeWorkspace();
        QVERIFY(QTest::qWaitForWindowExposed(ws.get()));
        PipelineEditor *editor = ws->currentEditor();
        PipelineModel *model = editor->model();
        const NodeId cdc = editor->addNode(QStringLiteral("postgres-cdc"), QPointF(0, 0));
        const NodeId jdbc = editor->addNode(QStringLiteral("jdbc-sink"), QPointF(500, 0));
        editor->view()->fitToContents();

        // Change envelopes into a sink that wants flat rows: connected, and flagged with the fix.
        dragBetween(editor->view()->viewport(),
            portPoint(editor, cdc, QStringLiteral("out"), PortDirection::Output),
            portPoint(editor, jdbc, QStringLiteral("in"), PortDirection::Input));
        QCOMPARE(model->edgeCount(), 1);
        const auto mismatch = [editor] {
            for (const auto &p : editor->problems()) {
                if (p.code == QLatin1String("type-mismatch")) {
                    return p;
                }
            }
            return pipeline::Problem {};
        };
        QTRY_COMPARE(mismatch().code, QStringLiteral("type-mismatch"));
        QCOMPARE(mismatch().fixNodeType, QStringLiteral("flatten-cdc"));
        auto *status = editor->findChild<QLabel *>(QStringLiteral("pipelineStatusLabel"));
        QVERIFY2(status->text().contains(QStringLiteral("Flatten"), Qt::CaseInsensitive),
            qPrintable(status->text()));

        // The quick fix puts a Flatten step on the edge, as one undo step.
        const QByteArray before = serialized(*model);
        const NodeId flatten = editor->insertOnEdge(mismatch().edge, mismatch().fixNodeType);
        QVERIFY(flatten != InvalidNodeId);
        QCOMPARE(model->node(flatten)->type, QStringLiteral("flatten-cdc"));
        QCOMPARE(model->edgeCount(), 2);
        QTRY_COMPARE(mismatch().code, QString());
        editor->undoStack()->undo();
        QCOMPARE(serialized(*model), before);
        editor->undoStack()->redo();
        QCOMPARE(model->edgeCount(), 2);
    }

    void clusterBindingWarnsAboutMissingTopics()
    {
        auto ws = makeWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        const NodeId sink = editor->addNode(QStringLiteral("kafka-sink"), QPointF(0, 0));
        editor->model()->setProperty(sink, QStringLiteral("topic"), QStringLiteral("crm.accounts"));
        const auto codes = [editor] {
            QStringList list;
            for (const auto &p : editor->problems()) {
                list << p.code;
            }
            return list;
        };
        QTRY_VERIFY(!codes().isEmpty());
        QVERIFY(!codes().contains(QStringLiteral("unknown-topic"))); // not bound: not checked

        pipeline::ClusterBinding binding;
        binding.topicPartitions.insert(QStringLiteral("orders.events"), 6);
        ws->setClusterBinding(binding, QStringLiteral("test cluster"));
        QTRY_VERIFY(codes().contains(QStringLiteral("unknown-topic")));
        // Pipelines opened later are bound too; a topic the cluster has is fine.
        PipelineEditor *second = ws->newPipeline();
        QCOMPARE(second->clusterBinding().has_value(), true);
        editor->model()->setProperty(sink, QStringLiteral("topic"), QStringLiteral("orders.events"));
        QTRY_VERIFY(!codes().contains(QStringLiteral("unknown-topic")));
        ws->setClusterBinding(std::nullopt);
        QVERIFY(!editor->clusterBinding());
    }

    void movingByMouseIsOneUndoStep()
    {
        auto ws = sampleWorkspace();
        QVERIFY(QTest::qWaitForWindowExposed(ws.get()));
        PipelineEditor *editor = ws->currentEditor();
        const QByteArray before = serialized(*editor->model());
        const NodeId id = editor->model()->nodeByName(QStringLiteral("Skip deletes"));
        widgets::NodeItem *item = editor->scene()->nodeItem(id);
        const QPointF start = item->pos();
        QWidget *viewport = editor->view()->viewport();
        const QPoint grab = editor->view()->mapFromScene(item->mapToScene(QPointF(60, 12)));
        QTest::mousePress(viewport, Qt::LeftButton, {}, grab);
        for (int step = 1; step <= 4; ++step) {
            QTest::mouseMove(viewport, grab + QPoint(step * 15, step * 10));
        }
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, grab + QPoint(60, 40));
        QCOMPARE(editor->undoStack()->count(), 1);
        QVERIFY(editor->model()->position(id) != start);
        const QPointF moved = *editor->model()->position(id);
        QCOMPARE(std::fmod(moved.x(), widgets::dagstyle::GridSize), 0.0); // snapped to the grid
        QCOMPARE(item->pos(), moved);
        editor->undoStack()->undo();
        QCOMPARE(serialized(*editor->model()), before);
        QCOMPARE(item->pos(), start);
    }

    void everyCommandUndoesExactly_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("add node") << "add"
                                  << "Add PostgreSQL CDC";
        QTest::newRow("remove node") << "remove-node"
                                     << "Delete Skip deletes";
        QTest::newRow("remove selection") << "remove-selection"
                                          << "Delete 3 items";
        QTest::newRow("connect") << "connect"
                                 << "Connect Route by table (unmatched) → All updates";
        QTest::newRow("disconnect") << "disconnect"
                                    << "Disconnect Flatten changes → Skip deletes";
        QTest::newRow("set property") << "set-property"
                                      << "Set Keep when of Skip deletes";
        QTest::newRow("clear property") << "clear-property"
                                        << "Clear Keep when of Skip deletes";
        QTest::newRow("rename") << "rename"
                                << "Rename Skip deletes to Drop deletes";
        QTest::newRow("move drag") << "move"
                                   << "Move 2 nodes";
        QTest::newRow("paste") << "paste"
                               << "Paste 2 nodes";
        QTest::newRow("duplicate") << "duplicate"
                                   << "Duplicate Skip deletes";
        QTest::newRow("cut") << "cut"
                             << "Cut Skip deletes";
        QTest::newRow("auto-layout") << "auto-layout"
                                     << "Auto-layout";
    }

    void everyCommandUndoesExactly()
    {
        QFETCH(QString, kind);
        QFETCH(QString, text);
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        PipelineModel *model = editor->model();
        QUndoStack *undo = editor->undoStack();
        const NodeId skip = model->nodeByName(QStringLiteral("Skip deletes"));
        const NodeId flatten = model->nodeByName(QStringLiteral("Flatten changes"));
        const NodeId route = model->nodeByName(QStringLiteral("Route by table"));
        QVERIFY(skip && flatten && route);
        const QByteArray before = serialized(*model);

        if (kind == QLatin1String("add")) {
            editor->addNode(QStringLiteral("postgres-cdc"), QPointF(900, 700));
        } else if (kind == QLatin1String("remove-node")) {
            editor->scene()->selectItems({skip});
            editor->deleteSelection();
        } else if (kind == QLatin1String("remove-selection")) {
            // Two nodes with the edge between them and their other edges, plus a lone edge.
            const EdgeId lone
                = model->outgoingEdges(model->nodeByName(QStringLiteral("ERP database"))).first();
            editor->scene()->selectItems({skip, route}, {lone});
            editor->deleteSelection();
        } else if (kind == QLatin1String("connect")) {
            const NodeId audit = model->nodeByName(QStringLiteral("All updates"));
            const PortRef from {route, QStringLiteral("unmatched")};
            PortRef to {audit, QStringLiteral("in")};
            QVERIFY2(
                model->connectionError(from, to).isEmpty(), qPrintable(model->connectionError(from, to)));
            QVERIFY(editor->connectPorts(from, to));
        } else if (kind == QLatin1String("disconnect")) {
            editor->scene()->selectItems({}, {model->outgoingEdges(flatten).first()});
            editor->deleteSelection();
        } else if (kind == QLatin1String("set-property")) {
            undo->push(
                new ui::SetPropertyCommand(model, skip, QStringLiteral("condition"), QStringLiteral("true")));
        } else if (kind == QLatin1String("clear-property")) {
            undo->push(new ui::SetPropertyCommand(model, skip, QStringLiteral("condition"), QVariant()));
        } else if (kind == QLatin1String("rename")) {
            editor->scene()->selectItems({skip});
            QLineEdit *name = editor->propertyEditor()->nameEdit();
            name->selectAll();
            QTest::keyClicks(name, QStringLiteral("Drop deletes"));
            QTest::keyClick(name, Qt::Key_Return);
        } else if (kind == QLatin1String("move")) {
            QHash<NodeId, QPointF> positions;
            for (int step = 1; step <= 3; ++step) {
                positions[skip] = *model->position(skip) + QPointF(20, 0);
                positions[flatten] = *model->position(flatten) + QPointF(0, 20);
                Q_EMIT editor->scene()->moveRequested(positions, 4242);
            }
            QCOMPARE(undo->count(), 1); // merged into one step
        } else if (kind == QLatin1String("paste")) {
            editor->scene()->selectItems({flatten, skip});
            editor->copySelection();
            QVERIFY(editor->paste());
        } else if (kind == QLatin1String("duplicate")) {
            editor->scene()->selectItems({skip});
            editor->duplicateSelection();
        } else if (kind == QLatin1String("cut")) {
            editor->scene()->selectItems({skip});
            editor->cutSelection();
        } else if (kind == QLatin1String("auto-layout")) {
            editor->autoLayout();
        }

        QCOMPARE(undo->count(), 1);
        QCOMPARE(undo->undoText(), text);
        const QByteArray after = serialized(*model);
        QVERIFY(after != before);
        QVERIFY(!undo->isClean());
        undo->undo();
        QCOMPARE(serialized(*model), before);
        QVERIFY(undo->isClean());
        undo->redo();
        QCOMPARE(serialized(*model), after);
        undo->undo();
        QCOMPARE(serialized(*model), before);
        // The canvas mirrors the restored model exactly.
        QCOMPARE(editor->scene()->items().isEmpty(), false);
        for (NodeId id : model->nodeIds()) {
            QVERIFY(editor->scene()->nodeItem(id));
            QCOMPARE(editor->scene()->nodeItem(id)->pos(), *model->position(id));
        }
        for (EdgeId id : model->edgeIds()) {
            QVERIFY(editor->scene()->edgeItem(id));
        }
    }

    void copyPasteKeepsInternalEdgesAndRenames()
    {
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        PipelineModel *model = editor->model();
        const NodeId flatten = model->nodeByName(QStringLiteral("Flatten changes"));
        const NodeId skip = model->nodeByName(QStringLiteral("Skip deletes"));
        const NodeId route = model->nodeByName(QStringLiteral("Route by table"));
        const QList<NodeId> before = model->nodeIds();
        const qsizetype edgesBefore = model->edgeCount();

        editor->scene()->selectItems({flatten, skip, route});
        editor->copySelection();
        const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime->hasFormat(QLatin1String(FragmentMimeType)));
        QVERIFY(mime->text().contains(QStringLiteral("Skip deletes"))); // JSON text for other apps

        QVERIFY(editor->paste());
        QCOMPARE(model->nodeCount(), before.size() + 3);
        QList<NodeId> added = model->nodeIds();
        added.erase(added.begin(), added.begin() + before.size());
        QCOMPARE(editor->scene()->selectedNodeIds(), added);
        QSet<QString> names;
        for (NodeId id : added) {
            QVERIFY(!before.contains(id));
            names << model->node(id)->name;
        }
        QCOMPARE(names,
            (QSet<QString> {QStringLiteral("Flatten changes 2"), QStringLiteral("Skip deletes 2"),
                QStringLiteral("Route by table 2")}));
        // Exactly the two edges inside the selection came along, between the copies.
        QCOMPARE(model->edgeCount(), edgesBefore + 2);
        for (NodeId id : added) {
            for (EdgeId e : model->incomingEdges(id) + model->outgoingEdges(id)) {
                QVERIFY(added.contains(model->edge(e)->from.node));
                QVERIFY(added.contains(model->edge(e)->to.node));
            }
        }
        // Offset, so that the copies do not hide the originals.
        QCOMPARE(*model->position(added[0]) - *model->position(flatten), QPointF(40, 40));
        // A second paste lands further along and gets the next free names.
        QVERIFY(editor->paste());
        QVERIFY(model->nodeByName(QStringLiteral("Skip deletes 3")));
    }

    void exportsPngAndSvg()
    {
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        QTemporaryDir dir;
        QString error;
        const QString png = dir.filePath(QStringLiteral("canvas.png"));
        const QString svg = dir.filePath(QStringLiteral("canvas.svg"));
        editor->scene()->selectItems({editor->model()->nodeIds().first()});
        QVERIFY2(ui::exportCanvasPng(editor->scene(), png, &error), qPrintable(error));
        QVERIFY2(ui::exportCanvasSvg(editor->scene(), svg, &error), qPrintable(error));
        QCOMPARE(editor->scene()->selectedNodeIds().size(), 1); // selection restored
        const QImage image(png);
        QVERIFY(!image.isNull());
        const QRectF contents = editor->scene()->contentsRect();
        QVERIFY(image.width() >= contents.width() && image.height() >= contents.height());
        // Not a blank picture: some pixels carry a category colour.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY(colours.size() > 10);
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QVERIFY(!renderer.viewBoxF().isEmpty());
        QVERIFY(readFile(svg).contains("<svg"));
        saveScreenshot(ws.get(), QStringLiteral("designer-sample"));
        if (!qEnvironmentVariable("EDIS_SCREENSHOT_DIR").isEmpty()) {
            QFile::copy(
                png, qEnvironmentVariable("EDIS_SCREENSHOT_DIR") + QStringLiteral("/designer-export.png"));
        }
    }

    void corruptFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray(R"({ "format": "edis-pipeline", "version": 1, )") << "line";
        QTest::newRow("newer version")
            << QByteArray("{\"format\":\"edis-pipeline\",\"version\":99,\"nodes\":[],\"edges\":[]}\n")
            << "newer";
        QTest::newRow("other JSON") << QByteArray("{\"hello\": \"world\"}\n") << "pipeline";
    }

    void corruptFilesAreRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        auto ws = makeWorkspace();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.edis.json"));
        QVERIFY(writeFile(path, content));
        const QDateTime modified = QFileInfo(path).lastModified();
        QSignalSpy reported(ws.get(), &PipelineWorkspace::errorReported);
        const int tabs = ws->count();
        QString error;
        QCOMPARE(ws->openFile(path, &error), nullptr);
        QVERIFY(error.contains(mentions, Qt::CaseInsensitive));
        QCOMPARE(reported.count(), 1);
        QCOMPARE(reported.first().at(1).toString(), error);
        auto *box = ws->findChild<QMessageBox *>(QStringLiteral("pipelineErrorBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), error);
        box->close();
        QCOMPARE(ws->count(), tabs);
        QCOMPARE(ws->currentEditor()->model()->nodeCount(), 0);
        QCOMPARE(readFile(path), content); // untouched
        QCOMPARE(QFileInfo(path).lastModified(), modified);
    }

    void tabsMarkUnsavedAndAskBeforeClosing()
    {
        auto ws = makeWorkspace();
        PipelineEditor *first = ws->currentEditor();
        PipelineEditor *second = ws->openBytes(sampleBytes()); // reuses the empty tab
        QCOMPARE(second, first);
        QCOMPARE(ws->count(), 1);
        PipelineEditor *third = ws->newPipeline();
        QCOMPARE(ws->count(), 2);
        QCOMPARE(ws->currentEditor(), third);
        QVERIFY(!ws->tabs()->tabText(1).endsWith(QLatin1String("*")));
        third->addNode(QStringLiteral("filter"), QPointF(0, 0));
        QVERIFY(ws->tabs()->tabText(1).endsWith(QLatin1String(" *")));
        // The undo action follows the current tab.
        QCOMPARE(ws->pipelineActions().undo->text(), QStringLiteral("&Undo Add Filter"));

        int asked = 0;
        ws->setUnsavedPrompt([&asked](PipelineEditor *) {
            ++asked;
            return QMessageBox::Cancel;
        });
        QVERIFY(!ws->closeEditor(1));
        QCOMPARE(asked, 1);
        QCOMPARE(ws->count(), 2);
        ws->setUnsavedPrompt([&asked](PipelineEditor *) {
            ++asked;
            return QMessageBox::Discard;
        });
        QVERIFY(ws->closeEditor(1));
        QCOMPARE(asked, 2);
        QCOMPARE(ws->count(), 1);
        third = ws->newPipeline();
        QVERIFY(ws->closeEditor(1)); // unmodified: no question
        QCOMPARE(asked, 2);
    }

    void autosaveOffersRecovery()
    {
        QTemporaryDir dir;
        QByteArray edited;
        {
            PipelineWorkspace ws(nullptr, dir.path());
            ws.setUnsavedPrompt([](PipelineEditor *) { return QMessageBox::Discard; });
            PipelineEditor *editor = ws.openBytes(sampleBytes());
            editor->addNode(QStringLiteral("merge"), QPointF(40, 900));
            edited = serialized(*editor->model());
            ws.autosaveNow();
            QCOMPARE(PipelineWorkspace::recoverableFiles(dir.path()).size(), 1);
            // A clean document's autosave goes away with the save.
            QTemporaryDir saveDir;
            QVERIFY(editor->saveTo(saveDir.filePath(QStringLiteral("saved.edis.json"))));
            QCOMPARE(PipelineWorkspace::recoverableFiles(dir.path()).size(), 0);
            editor->addNode(QStringLiteral("merge"), QPointF(300, 900));
            edited = serialized(*editor->model());
            ws.autosaveNow();
            // The workspace goes away without closeAll(), as in a crash.
        }
        const QList<pipeline::RecoverableFile> files = PipelineWorkspace::recoverableFiles(dir.path());
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().title, QStringLiteral("saved.edis.json"));
        QVERIFY(files.first().originalPath.endsWith(QLatin1String("saved.edis.json")));

        PipelineWorkspace ws(nullptr, dir.path());
        ws.setUnsavedPrompt([](PipelineEditor *) { return QMessageBox::Discard; });
        PipelineEditor *recovered = ws.recover(PipelineWorkspace::readAutosave(files.first()));
        QVERIFY(recovered);
        QCOMPARE(serialized(*recovered->model()), edited);
        QVERIFY(recovered->isModified());
        QCOMPARE(recovered->filePath(), files.first().originalPath);
        QVERIFY(!QFile::exists(files.first().autosavePath));
        QVERIFY(ws.closeAll());
    }

    /// An autosave over the pipeline bound is refused whole with the file, its size and the
    /// bound (it used to be cut at 64 MiB and fail as broken JSON, or load a part); it is kept
    /// on disk and no tab opens.
    void oversizedAutosaveIsReportedNotTruncated()
    {
        QTemporaryDir dir;
        pipeline::RecoverableFile file;
        file.autosavePath = dir.filePath(QStringLiteral("huge.edis.json"));
        file.title = QStringLiteral("huge");
        QFile huge(file.autosavePath);
        QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(util::kPipelineFileBound.maxBytes + 1));
        huge.close(); // sparse: no disk spent
        PipelineWorkspace ws(nullptr, dir.path());
        ws.setUnsavedPrompt([](PipelineEditor *) { return QMessageBox::Discard; });
        const int tabs = ws.count();
        QString error;
        QVERIFY(!ws.recover(PipelineWorkspace::readAutosave(file), &error));
        QCOMPARE(error,
            util::tooLargeMessage(
                file.autosavePath, util::kPipelineFileBound.maxBytes + 1, util::kPipelineFileBound));
        QCOMPARE(ws.count(), tabs);
        QVERIFY(QFile::exists(file.autosavePath));
        QVERIFY(ws.closeAll());
    }

    void problemsAppearOnNodesAndFocusFromTheList()
    {
        auto ws = makeWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        const NodeId sink = editor->addNode(QStringLiteral("kafka-sink"), QPointF(0, 0));
        const widgets::NodeItem *sinkItem = editor->scene()->nodeItem(sink);
        QVERIFY(sinkItem);
        QTRY_VERIFY(sinkItem->errorCount() > 0); // no topic, no input
        QListWidget *list = editor->problemsList();
        QVERIFY(list->count() > 0);
        editor->scene()->clearSelection();
        int row = -1;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(Qt::UserRole + 1).toULongLong() == sink) {
                row = i;
            }
        }
        QVERIFY(row >= 0);
        QTest::mouseClick(
            list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
        QCOMPARE(editor->scene()->selectedNodeIds(), QList<NodeId> {sink});
        // The property the problem is about shows it under its field.
        QLabel *message = editor->propertyEditor()->messageFor(QStringLiteral("topic"));
        QVERIFY(message);
        QVERIFY(!message->isHidden());
        QVERIFY(!message->text().isEmpty());
    }

    void exportDialogExplainsPreviewsAndWrites()
    {
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        ws->pipelineActions().exportForEngine->trigger();
        auto *dialog = ws->findChild<ui::ExportDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        // It opens on the target that can export the sample as designed: Redpanda Connect.
        QCOMPARE(dialog->targetBox()->currentData().toInt(), int(exporting::Target::RedpandaConnect));
        QVERIFY(dialog->exportButton()->isEnabled());
        QVERIFY(!dialog->switchTargetButton()->isVisible());

        // Kafka Connect cannot run the sample's "Skip deletes" as designed: said before anything
        // is written, Export stays off, and the target that works is offered.
        dialog->targetBox()->setCurrentIndex(
            dialog->targetBox()->findData(int(exporting::Target::KafkaConnect)));
        QVERIFY(!dialog->exportButton()->isEnabled());
        QVERIFY(dialog->switchTargetButton()->isVisible());
        QCOMPARE(dialog->switchTargetButton()->text(), QStringLiteral("Use Redpanda Connect"));
        QVERIFY(
            dialog->messageLabel()->text().contains(QStringLiteral("Redpanda Connect runs it as designed")));
        QListWidget *problems = dialog->problemsList();
        int culprit = -1;
        for (int i = 0; i < problems->count(); ++i) {
            if (problems->item(i)->text().contains(QStringLiteral("Skip deletes"))) {
                culprit = i;
            }
        }
        QVERIFY2(culprit >= 0, "the node Kafka Connect cannot express is not listed");
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("nothing can be exported")));
        // Double-clicking the problem selects its node on the canvas.
        editor->scene()->clearSelection();
        const QRect itemRect = problems->visualItemRect(problems->item(culprit));
        QTest::mouseClick(problems->viewport(), Qt::LeftButton, {}, itemRect.center());
        QTest::mouseDClick(problems->viewport(), Qt::LeftButton, {}, itemRect.center());
        QCOMPARE(editor->scene()->selectedNodeIds(),
            QList<NodeId> {editor->model()->nodeByName(QStringLiteral("Skip deletes"))});

        // Redpanda Connect expresses it (one click away): the files can be read before they are
        // written.
        QTest::mouseClick(dialog->switchTargetButton(), Qt::LeftButton);
        QCOMPARE(dialog->targetBox()->currentData().toInt(), int(exporting::Target::RedpandaConnect));
        QVERIFY(dialog->exportButton()->isEnabled());
        QVERIFY(!dialog->switchTargetButton()->isVisible());
        QStringList files;
        for (int i = 0; i < dialog->filesList()->count(); ++i) {
            files << dialog->filesList()->item(i)->text();
        }
        QVERIFY2(
            files.contains(QStringLiteral("redpanda/customer_updates.yaml")), qPrintable(files.join(' ')));
        QVERIFY(files.contains(QStringLiteral("topics.json")));
        const int yamlRow = int(files.indexOf(QStringLiteral("redpanda/customer_updates.yaml")));
        dialog->filesList()->setCurrentRow(yamlRow);
        QVERIFY(dialog->preview()->toPlainText().contains(QStringLiteral("pipeline:")));
        QVERIFY(dialog->directoryEdit()->text().endsWith(QStringLiteral("redpanda-connect")));

        // Export writes every file (off the GUI thread) into the chosen directory.
        QTemporaryDir out;
        dialog->directoryEdit()->setText(out.filePath(QStringLiteral("export")));
        QSignalSpy exported(dialog, &ui::ExportDialog::exported);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().at(0).toStringList().size(), files.size());
        for (const QString &file : std::as_const(files)) {
            QVERIFY2(QFile::exists(out.filePath(QStringLiteral("export/") + file)), qPrintable(file));
        }
        QCOMPARE(readFile(out.filePath(QStringLiteral("export/redpanda/customer_updates.yaml"))),
            dialog->preview()->toPlainText().toUtf8());
        QVERIFY(dialog->messageLabel()->text().startsWith(QStringLiteral("Wrote")));
        saveScreenshot(dialog, QStringLiteral("designer-export-dialog"));

        // A directory that cannot be made: a clear error, nothing half-written.
        const QString blocker = out.filePath(QStringLiteral("a-file"));
        QVERIFY(writeFile(blocker, "x"));
        dialog->directoryEdit()->setText(blocker + QStringLiteral("/export"));
        QSignalSpy failed(dialog, &ui::ExportDialog::failed);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QVERIFY(failed.wait(10000));
        QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("Cannot")));
        QCOMPARE(readFile(blocker), QByteArray("x"));
        dialog->close();
    }

    void importsEngineConfigsIntoANewTab()
    {
        auto ws = sampleWorkspace();
        // The sample's Redpanda Connect export (YAML plus the Debezium connector), read back.
        QTemporaryDir dir;
        const exporting::ExportResult result
            = exporting::exportPipeline(*ws->currentEditor()->model(), exporting::Target::RedpandaConnect);
        QString error;
        QVERIFY2(exporting::writeExport(result, dir.path(), {}, nullptr, &error), qPrintable(error));
        const int tabs = ws->count();
        QSignalSpy imported(ws.get(), &PipelineWorkspace::imported);
        ws->importEngineConfigs({dir.path()});
        QVERIFY(imported.wait(10000));
        QCOMPARE(ws->count(), tabs + 1);
        PipelineEditor *editor = ws->currentEditor();
        QCOMPARE(imported.first().at(0).value<PipelineEditor *>(), editor);
        QVERIFY(editor->isModified()); // not saved anywhere yet
        QVERIFY(editor->model()->nodeCount() >= 8);
        QStringList types;
        for (const NodeId id : editor->model()->nodeIds()) {
            types << editor->model()->node(id)->type;
        }
        for (const char *type : {"postgres-cdc", "flatten-cdc", "route", "http-sink", "jdbc-sink"}) {
            QVERIFY2(types.contains(QString::fromLatin1(type)), type);
        }
        // Laid out: no two cards on the same spot.
        QSet<QPair<int, int>> spots;
        for (const NodeId id : editor->model()->nodeIds()) {
            const QPointF p = editor->model()->position(id).value_or(QPointF(-1, -1));
            spots.insert({int(p.x()), int(p.y())});
        }
        QCOMPARE(spots.size(), int(editor->model()->nodeCount()));

        // Nothing importable: said, no tab.
        const QString junk = dir.filePath(QStringLiteral("junk.yaml"));
        QVERIFY(writeFile(junk, "input: [this is not: a stream"));
        QSignalSpy errors(ws.get(), &PipelineWorkspace::errorReported);
        ws->importEngineConfigs({junk});
        QVERIFY(errors.wait(10000));
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("Cannot import"));
        QCOMPARE(ws->count(), tabs + 1);
    }

    void liveOverlayAndConnectorStateOnTheCanvas()
    {
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        const PipelineModel &m = *editor->model();
        const auto edgeBetween = [&m](const QString &from, const QString &to) {
            for (const EdgeId e : m.edgeIds()) {
                if (m.edge(e)->from.node == m.nodeByName(from) && m.edge(e)->to.node == m.nodeByName(to)) {
                    return e;
                }
            }
            return InvalidEdgeId;
        };
        const EdgeId cdc = edgeBetween(QStringLiteral("ERP database"), QStringLiteral("Flatten changes"));
        const EdgeId read
            = edgeBetween(QStringLiteral("Customer updates"), QStringLiteral("Copy customer updates"));
        QVERIFY(cdc != InvalidEdgeId && read != InvalidEdgeId);
        widgets::EdgeItem *cdcItem = editor->scene()->edgeItem(cdc);
        widgets::EdgeItem *readItem = editor->scene()->edgeItem(read);
        QVERIFY(cdcItem);
        QVERIFY(readItem);
        QVERIFY(cdcItem->overlayLabel().isEmpty());

        // A sampling round (as MainWindow hands it over) becomes labels on the topic edges.
        metrics::SampleRound round;
        round.wallTimeMs = 1;
        for (const auto &[topic, rate] : std::initializer_list<std::pair<const char *, double>> {
                 {"erp.public.customers", 10.0}, {"erp.public.orders", 2.5}, {"crm.customer-updates", 0.0}}) {
            metrics::TopicRate t;
            t.topic = QString::fromLatin1(topic);
            t.messagesPerSecond = rate;
            round.topics.push_back(t);
        }
        metrics::GroupLag group;
        group.group = QStringLiteral("connect-crm_accounts_api");
        group.partitions.push_back({QStringLiteral("crm.customer-updates"), 0, 90, 130, 40});
        round.groups.push_back(group);
        ws->setLiveFlow(ui::liveFlowFromRound(round));
        QCOMPARE(cdcItem->overlayLabel(), QStringLiteral("13 msg/s"));
        QVERIFY(cdcItem->isOverlayFlowing());
        QVERIFY(cdcItem->toolTip().contains(QStringLiteral("erp.public.customers")));
        QCOMPARE(readItem->overlayLabel(), QStringLiteral("0 msg/s · lag 40"));
        QVERIFY(!readItem->isOverlayFlowing());
        QVERIFY(readItem->toolTip().contains(QStringLiteral("connect-crm_accounts_api: lag 40")));
        // The label sits over the middle of its edge.
        QVERIFY(!cdcItem->overlaySceneRect().isEmpty());
        QVERIFY(cdcItem->overlaySceneRect().intersects(cdcItem->sceneBoundingRect()));

        // Runtime state of the connectors under the cards.
        const NodeId erp = m.nodeByName(QStringLiteral("ERP database"));
        exporting::NodeRuntime failed;
        failed.level = exporting::NodeRuntime::Level::Bad;
        failed.text = QStringLiteral("FAILED · task 0");
        failed.detail = QStringLiteral("org.apache.kafka.connect.errors.ConnectException: slot in use");
        editor->setNodeRuntimes({{erp, failed}});
        widgets::NodeItem *erpItem = editor->scene()->nodeItem(erp);
        QVERIFY(erpItem);
        QCOMPARE(erpItem->runtimeText(), failed.text);
        QCOMPARE(erpItem->runtimeLevel(), widgets::NodeItem::RuntimeLevel::Bad);
        QVERIFY(erpItem->toolTip().contains(QStringLiteral("slot in use")));
        QVERIFY(erpItem->boundingRect().contains(erpItem->runtimeRect()));
        editor->view()->fitToContents();
        saveScreenshot(ws.get(), QStringLiteral("designer-live-overlay"));

        // The overlay can be switched off and on from the View menu's action.
        ws->pipelineActions().liveOverlay->setChecked(false);
        QVERIFY(cdcItem->overlayLabel().isEmpty());
        QVERIFY(cdcItem->overlaySceneRect().isEmpty());
        ws->pipelineActions().liveOverlay->setChecked(true);
        QCOMPARE(cdcItem->overlayLabel(), QStringLiteral("13 msg/s"));

        editor->setNodeRuntimes({});
        QVERIFY(erpItem->runtimeText().isEmpty());
    }

    void deployPanelExplainsWhatItCannotDo()
    {
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        ws->pipelineActions().deploy->trigger();
        ui::DeployPanel *panel = editor->deployPanel();
        QCOMPARE(editor->sideTabs()->currentWidget(), panel);

        // No URL: said where the user looks, nothing sent.
        panel->urlEdit()->clear();
        QTest::mouseClick(panel->validateButton(), Qt::LeftButton);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("REST URL")));
        QVERIFY(!panel->isBusy());

        // The sample has a node Kafka Connect cannot express: it lands on that node, with the
        // Problems tab in front.
        panel->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9"));
        QTest::mouseClick(panel->deployButton(), Qt::LeftButton);
        QVERIFY(!panel->isBusy());
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("cannot run this pipeline")));
        const NodeId skip = editor->model()->nodeByName(QStringLiteral("Skip deletes"));
        const auto engine = editor->engineProblems();
        QVERIFY(std::any_of(engine.cbegin(), engine.cend(), [skip](const Problem &p) {
            return p.node == skip && p.code == QLatin1String("cannot-express");
        }));
        QVERIFY(editor->scene()->nodeItem(skip)->errorCount() > 0);
        QCOMPARE(editor->sideTabs()->currentIndex(), 0);

        // Editing the node drops what the engine said about it.
        editor->undoStack()->push(new ui::SetPropertyCommand(
            editor->model(), skip, QStringLiteral("condition"), QStringLiteral("this.__op != \"u\"")));
        const auto aboutSkip = [editor, skip] {
            const QList<Problem> now = editor->engineProblems();
            return std::any_of(now.cbegin(), now.cend(), [skip](const Problem &p) { return p.node == skip; });
        };
        QTRY_VERIFY(!aboutSkip());

        // An unreachable worker: the error is shown where the user looks, the panel is usable again.
        PipelineEditor *simple = ws->newPipeline();
        PipelineModel *model = simple->model();
        const NodeId file = simple->addNode(QStringLiteral("file-source"), QPointF(0, 0));
        const NodeId topic = simple->addNode(QStringLiteral("kafka-sink"), QPointF(300, 0));
        model->setProperty(file, QStringLiteral("path"), QStringLiteral("/var/spool/orders.jsonl"));
        model->setProperty(file, QStringLiteral("topic"), QStringLiteral("files.orders"));
        model->setProperty(topic, QStringLiteral("topic"), QStringLiteral("files.orders"));
        QVERIFY(simple->connectPorts({file, QStringLiteral("out")}, {topic, QStringLiteral("in")}));
        ui::DeployPanel *simplePanel = simple->deployPanel();
        simplePanel->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9"));
        QTest::mouseClick(simplePanel->validateButton(), Qt::LeftButton);
        QVERIFY2(simplePanel->isBusy(), qPrintable(simplePanel->statusLabel()->text()));
        QVERIFY(!simplePanel->validateButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!simplePanel->isBusy(), 30000);
        QVERIFY(simplePanel->validateButton()->isEnabled());
        QCOMPARE(simplePanel->statusLabel()->styleSheet(), QStringLiteral("color: #b71c1c;"));
        QVERIFY2(!simplePanel->statusLabel()->text().isEmpty(), "no error shown");
        QCOMPARE(simplePanel->connectorTable()->rowCount(), 1);
        QCOMPARE(simplePanel->connectorTable()->item(0, 2)->text(), QStringLiteral("not checked"));
        qInfo("unreachable worker: %s", qPrintable(simplePanel->statusLabel()->text()));
    }

    void openingAPipelineLeavesItClean()
    {
        auto ws = makeWorkspace();
        int asked = 0;
        ws->setUnsavedPrompt([&asked](PipelineEditor *) {
            ++asked;
            return QMessageBox::Cancel;
        });
        const auto expectClean = [&ws](PipelineEditor *editor, const QString &title) {
            // Validation, routing and the forms run after the load: none of them is an edit.
            QTRY_VERIFY(editor->statusLabel()->text().contains(QStringLiteral("nodes")));
            QCoreApplication::processEvents();
            QCOMPARE(ws->tabs()->tabText(ws->tabs()->indexOf(editor)), title);
            QVERIFY(editor->undoStack()->isClean());
            QCOMPARE(editor->undoStack()->count(), 0);
            QVERIFY(!editor->isModified());
        };

        // The sample, as Pipeline → Open the ERP → CRM sample opens it.
        PipelineEditor *sample = ws->openBytes(sampleBytes());
        QVERIFY(sample);
        expectClean(sample, QStringLiteral("ERP to CRM"));
        // Selecting nodes and passing the focus through every field of their forms (spin boxes
        // showing a default included) changes nothing either.
        for (const QString &name : {QStringLiteral("ERP database"), QStringLiteral("Customer updates topic"),
                 QStringLiteral("CRM accounts API")}) {
            sample->scene()->selectItems({sample->model()->nodeByName(name)});
            QVERIFY(sample->propertyEditor()->nameEdit());
            const QList<QWidget *> fields = sample->propertyEditor()->findChildren<QWidget *>(
                QRegularExpression(QStringLiteral("^property_")));
            QVERIFY(!fields.isEmpty());
            for (QWidget *field : fields) {
                field->setFocus();
                QCoreApplication::processEvents();
            }
            sample->view()->setFocus();
            QCoreApplication::processEvents();
        }
        expectClean(sample, QStringLiteral("ERP to CRM"));

        // A saved file opens clean too.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("erp.edis.json"));
        QVERIFY(writeFile(path, sampleBytes()));
        PipelineEditor *file = ws->openFile(path);
        QVERIFY(file);
        QVERIFY(file != sample);
        expectClean(file, QStringLiteral("erp.edis.json"));

        // Nothing to save: closing asks nothing. An edit is still noticed.
        sample->addNode(QStringLiteral("filter"), QPointF(0, 600));
        QVERIFY(ws->tabs()->tabText(ws->tabs()->indexOf(sample)).endsWith(QLatin1String(" *")));
        QVERIFY(ws->closeEditor(ws->tabs()->indexOf(file)));
        QCOMPARE(asked, 0);
        QVERIFY(!ws->closeEditor(ws->tabs()->indexOf(sample)));
        QCOMPARE(asked, 1);
        ws->setUnsavedPrompt([](PipelineEditor *) { return QMessageBox::Discard; });
    }

    void createMissingTopicsIsOffOnTheSandbox()
    {
        // The sandbox serves no admin requests; ClusterSettings::isSandbox says it is one.
        QString error;
        sandbox::SandboxCluster::Options options;
        options.withTraffic = false;
        const auto cluster = sandbox::SandboxCluster::start(options, &error);
        QVERIFY2(cluster, qPrintable(error));
        cluster::ClusterSession session(cluster->connectionSettings());
        QVERIFY(session.settings().isSandbox);
        session.open();
        QTRY_VERIFY_WITH_TIMEOUT(!session.metadata().topics.isEmpty(), 15000);

        auto ws = sampleWorkspace();
        ws->setClusterSession(&session);
        ui::ExportDialog *dialog = ws->showExportDialog();
        QVERIFY(dialog);
        QTableWidget *topics = dialog->topicsTable();
        int missing = 0;
        for (int row = 0; row < topics->rowCount(); ++row) {
            missing += topics->item(row, 2)->text() == QStringLiteral("missing") ? 1 : 0;
        }
        QVERIFY2(missing >= 2, "the sample's CRM topics are not on the sandbox");
        // Off, saying why with the words the topic page uses for the same limitation.
        const QString why
            = kafka::KafkaClient::notSupportedBySandbox(QStringLiteral("Creating topics")).message;
        QVERIFY(!dialog->createTopicsButton()->isEnabled());
        QCOMPARE(dialog->createTopicsButton()->toolTip(), why);
        // Asked anyway (a shortcut, a script): said once, as information, nothing sent.
        dialog->createMissingTopics();
        const QString shown = dialog->messageLabel()->text();
        QCOMPARE(shown, why);
        QCOMPARE(shown.count(QStringLiteral("sandbox")), why.count(QStringLiteral("sandbox")));
        QVERIFY(!shown.contains(QStringLiteral("; ")));
        QVERIFY(dialog->messageLabel()->styleSheet().isEmpty()); // not painted as an error
        dialog->close();
        ws->setClusterSession(nullptr);
    }

    void canvasKeepsLabelsAndEdgesOffTheCards_data()
    {
        QTest::addColumn<bool>("autoLayout");
        QTest::newRow("as shipped") << false;
        QTest::newRow("auto-layout") << true;
    }

    void canvasKeepsLabelsAndEdgesOffTheCards()
    {
        QFETCH(bool, autoLayout);
        auto ws = sampleWorkspace();
        PipelineEditor *editor = ws->currentEditor();
        if (autoLayout) {
            editor->autoLayout();
        }
        const PipelineModel &m = *editor->model();
        widgets::DagScene *scene = editor->scene();
        // The sandbox's view of the sample: the ERP topics flow, the CRM topics do not exist.
        ws->setLiveFlow(ui::liveFlowFromRound(roundWith(
            {{"erp.public.customers", 133.0}, {"erp.public.orders", 20.0}, {"crm.accounts", 4.0}})));
        const QSet<QString> onCluster {QStringLiteral("erp.public.customers"),
            QStringLiteral("erp.public.orders"), QStringLiteral("crm.accounts")};
        scene->rerouteAll();

        // Labels cover no card, no port and no other label.
        QList<QRectF> labels;
        for (const EdgeId e : m.edgeIds()) {
            const widgets::EdgeItem *edge = scene->edgeItem(e);
            QVERIFY(edge);
            if (edge->overlayLabel().isEmpty()) {
                continue;
            }
            const QRectF label = edge->overlaySceneRect();
            QVERIFY(!label.isEmpty());
            for (const NodeId n : m.nodeIds()) {
                QVERIFY2(!label.intersects(cardSceneRect(scene->nodeItem(n))),
                    qPrintable(QStringLiteral("the label “%1” of %2 → %3 covers %4")
                                   .arg(edge->overlayLabel(), m.node(m.edge(e)->from.node)->name,
                                       m.node(m.edge(e)->to.node)->name, m.node(n)->name)));
            }
            for (const QRectF &other : std::as_const(labels)) {
                QVERIFY2(!label.intersects(other), qPrintable(edge->overlayLabel()));
            }
            labels << label;
        }
        QVERIFY(labels.size() >= 5);

        // No edge runs through a card it does not connect.
        const auto firstCrossing = [&m, scene]() -> QString {
            for (const EdgeId e : m.edgeIds()) {
                const Edge *edge = m.edge(e);
                const QPainterPath path = scene->edgeItem(e)->path();
                for (const NodeId n : m.nodeIds()) {
                    if (n == edge->from.node || n == edge->to.node) {
                        continue;
                    }
                    const QRectF card = scene->nodeItem(n)->mapRectToScene(scene->nodeItem(n)->cardRect());
                    for (int i = 0; i <= 200; ++i) {
                        if (card.contains(path.pointAtPercent(i / 200.0))) {
                            return QStringLiteral("%1 → %2 runs through %3")
                                .arg(m.node(edge->from.node)->name, m.node(edge->to.node)->name,
                                    m.node(n)->name);
                        }
                    }
                }
            }
            return {};
        };
        QVERIFY2(firstCrossing().isEmpty(), qPrintable(firstCrossing()));

        // What the card cuts, the tooltip has whole.
        int elided = 0;
        for (const NodeId n : m.nodeIds()) {
            const widgets::NodeItem *node = scene->nodeItem(n);
            const widgets::NodeCardContent &content = node->content();
            if (node->shownTitle() != content.title) {
                ++elided;
                QVERIFY2(node->toolTip().contains(content.title.toHtmlEscaped()), qPrintable(content.title));
            }
            if (node->shownSummary() != content.summary) {
                ++elided;
                QVERIFY2(
                    node->toolTip().contains(content.summary.toHtmlEscaped()), qPrintable(content.summary));
            }
        }
        QVERIFY2(elided > 0, "the sample has long names and settings; nothing elided means nothing tested");

        // "no topic" only where the edge is a topic that is not there (a topic source or sink);
        // edges inside an engine that merely inherit a missing topic carry no pill.
        const auto mapping = exporting::edgeTopics(m);
        int needed = 0;
        int inheritedMissing = 0;
        int pills = 0;
        for (const EdgeId e : m.edgeIds()) {
            const auto it = mapping.constFind(e);
            const bool allMissing = it != mapping.cend() && !it->topics.isEmpty()
                && std::none_of(it->topics.cbegin(), it->topics.cend(),
                    [&onCluster](const QString &t) { return onCluster.contains(t); });
            needed += allMissing && it->exact ? 1 : 0;
            inheritedMissing += allMissing && !it->exact ? 1 : 0;
            const bool pill = scene->edgeItem(e)->overlayLabel() == QStringLiteral("no topic");
            pills += pill ? 1 : 0;
            if (allMissing && !it->exact) {
                QVERIFY(!pill);
                QVERIFY(scene->edgeItem(e)->toolTip().contains(QStringLiteral("Not on the cluster")));
            }
        }
        QVERIFY(needed > 0);
        QVERIFY(inheritedMissing > 0);
        QCOMPARE(pills, needed);

        if (!autoLayout) {
            saveScreenshot(ws.get(), QStringLiteral("designer-canvas-labels"));
        }
        // Moving a card far to the right: its incoming edge would cross the rest of its row and
        // its outgoing one runs backwards; both go around the cards, as soon as the move is done.
        const NodeId flatten = m.nodeByName(QStringLiteral("Flatten changes"));
        const QHash<NodeId, QPointF> moves {{flatten, *m.position(flatten) + QPointF(1200, 0)}};
        editor->undoStack()->push(new ui::MoveNodesCommand(editor->model(), moves, -1));
        QTRY_VERIFY2(firstCrossing().isEmpty(), qPrintable(firstCrossing()));
        const QPainterPath in = scene->edgeItem(m.incomingEdges(flatten).first())->path();
        QVERIFY(in.elementCount() > 2); // a detour, not the plain curve
    }

    void designerFitsA1366By768Screen()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *ws = new PipelineWorkspace(&window, autosaveDir_->path());
        ws->setUnsavedPrompt([](PipelineEditor *) { return QMessageBox::Discard; });
        layout->addWidget(ws);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        PipelineEditor *editor = ws->openBytes(sampleBytes());
        QVERIFY(editor);
        // As on the sandbox: live labels on the edges, and a long problem from an engine.
        ws->setLiveFlow(
            ui::liveFlowFromRound(roundWith({{"erp.public.customers", 133.0}, {"erp.public.orders", 20.0}})));
        const NodeId erp = editor->model()->nodeByName(QStringLiteral("ERP database"));
        Problem engine;
        engine.code = QStringLiteral("engine-rejected");
        engine.node = erp;
        engine.message
            = QStringLiteral("Kafka Connect refused “ERP database”: the replication slot edis_erp is "
                             "in use by another connector, and publication edis_erp does not list "
                             "public.orders; drop the slot or choose another slot name, then deploy again.");
        editor->setEngineProblems({engine});
        editor->scene()->selectItems({erp});
        QTRY_VERIFY(
            editor->propertyEditor()->nameEdit() && editor->propertyEditor()->nameEdit()->isVisible());
        QTRY_VERIFY(editor->problemsList()->count() > 0);

        const QSize hint = window.minimumSizeHint();
        QVERIFY2(hint.width() <= 1366 && hint.height() <= 768,
            qPrintable(QStringLiteral("minimum size hint %1×%2").arg(hint.width()).arg(hint.height())));
        QCOMPARE(window.size(), QSize(1366, 768)); // nothing pushed the window wider
        // The canvas and the form both get real room.
        QVERIFY2(editor->view()->width() >= 500, qPrintable(QString::number(editor->view()->width())));
        QVERIFY2(editor->propertyEditor()->width() >= 300,
            qPrintable(QString::number(editor->propertyEditor()->width())));

        // Every visible control lies inside the window; inside a scroll area it fits its width
        // (scrolling down is fine, scrolling sideways is not).
        const QRect visible = window.rect();
        const auto controls = window.findChildren<QWidget *>();
        int checked = 0;
        for (QWidget *w : controls) {
            const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w)
                || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QListWidget *>(w);
            if (!control || !w->isVisibleTo(&window) || w->window() != &window) {
                continue;
            }
            const QRect rect(w->mapTo(&window, QPoint(0, 0)), w->size());
            QScrollArea *scroll = nullptr;
            for (QWidget *p = w->parentWidget(); p && !scroll; p = p->parentWidget()) {
                scroll = qobject_cast<QScrollArea *>(p);
            }
            const QString what = QStringLiteral("%1 %2 at %3,%4 %5×%6")
                                     .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                                     .arg(rect.x())
                                     .arg(rect.y())
                                     .arg(rect.width())
                                     .arg(rect.height());
            if (scroll) {
                const QRect viewport(
                    scroll->viewport()->mapTo(&window, QPoint(0, 0)), scroll->viewport()->size());
                QVERIFY2(
                    rect.left() >= viewport.left() && rect.right() <= viewport.right(), qPrintable(what));
                QVERIFY2(viewport.left() >= visible.left() && viewport.right() <= visible.right(),
                    qPrintable(what));
            } else {
                QVERIFY2(visible.contains(rect), qPrintable(what));
            }
            ++checked;
        }
        QVERIFY2(checked > 10, qPrintable(QString::number(checked)));
        // The form has room for most of a source's settings without scrolling.
        QVERIFY2(editor->propertyEditor()->visibleRegion().boundingRect().height() >= 380,
            qPrintable(QString::number(editor->propertyEditor()->visibleRegion().boundingRect().height())));
        // Problems wrap (nothing cut off sideways) and say all on hover.
        QListWidget *problems = editor->problemsList();
        QTRY_VERIFY(problems->count() >= 1 && problems->item(0)->text() == engine.message);
        QCOMPARE(problems->horizontalScrollBar()->maximum(), 0);
        const QRect first = problems->visualItemRect(problems->item(0));
        QVERIFY2(first.right() <= problems->viewport()->width()
                && first.height() > problems->fontMetrics().height() * 2,
            qPrintable(QStringLiteral("%1×%2 in %3")
                           .arg(first.width())
                           .arg(first.height())
                           .arg(problems->viewport()->width())));
        QVERIFY(problems->item(0)->toolTip().contains(engine.message));
        // Whatever the palette elides says its name on hover.
        ui::NodeCatalogueModel *catalogue = editor->palette()->catalogueModel();
        for (int g = 0; g < catalogue->rowCount(); ++g) {
            const QModelIndex group = catalogue->index(g, 0);
            for (int r = 0; r < catalogue->rowCount(group); ++r) {
                const QModelIndex entry = catalogue->index(r, 0, group);
                QVERIFY(entry.data(Qt::ToolTipRole)
                            .toString()
                            .contains(entry.data(Qt::DisplayRole).toString().toHtmlEscaped()));
            }
        }
        saveScreenshot(&window, QStringLiteral("designer-1366"));
    }

    void screenshots()
    {
        auto ws = sampleWorkspace();
        QVERIFY(QTest::qWaitForWindowExposed(ws.get()));
        PipelineEditor *editor = ws->currentEditor();
        editor->view()->fitToContents();
        const NodeId route = editor->model()->nodeByName(QStringLiteral("Route by table"));
        editor->scene()->selectItems({route});
        QTest::qWait(50);
        const QPixmap shot = ws->grab();
        QVERIFY(!shot.isNull());
        saveScreenshot(ws.get(), QStringLiteral("designer-route-selected"));
    }
};

QTEST_MAIN(TestDesigner)
#include "tst_designer.moc"
