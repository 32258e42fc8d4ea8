#include "clipboard.h"
#include "graphalgorithms.h"
#include "pipelinemodel.h"
#include "pipelinetestutil.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace edis::pipeline;
using namespace pipelinetest;

namespace {

/// Builds a chain of `length` filters, "n1" → "n2" → … (ids in creation order).
QList<NodeId> buildChain(PipelineModel *model, int length)
{
    QList<NodeId> ids;
    for (int i = 1; i <= length; ++i) {
        ids << addFilled(model, QStringLiteral("filter"), QStringLiteral("n%1").arg(i));
        if (i > 1) {
            model->connect({ids.at(i - 2), QStringLiteral("out")}, {ids.at(i - 1), QStringLiteral("in")});
        }
    }
    return ids;
}

/// One reversible edit: does something to the sample model and returns how to undo it.
using ReversibleEdit = std::function<std::function<void(PipelineModel *)>(PipelineModel *)>;

QList<std::pair<const char *, ReversibleEdit>> reversibleEdits()
{
    return {
        {"remove node with edges",
            [](PipelineModel *m) {
                const RemovedNode removed = m->removeNode(m->nodeByName(QStringLiteral("Route by table")));
                return std::function<void(PipelineModel *)>(
                    [removed](PipelineModel *mm) { mm->restoreNode(removed); });
            }},
        {"set new property",
            [](PipelineModel *m) {
                const NodeId id = m->nodeByName(QStringLiteral("Audit log"));
                const QVariant old = m->setProperty(
                    id, QStringLiteral("primaryKeyFields"), QStringList {QStringLiteral("id")});
                return std::function<void(PipelineModel *)>(
                    [=](PipelineModel *mm) { mm->setProperty(id, QStringLiteral("primaryKeyFields"), old); });
            }},
        {"change property",
            [](PipelineModel *m) {
                const NodeId id = m->nodeByName(QStringLiteral("ERP database"));
                const QVariant old
                    = m->setProperty(id, QStringLiteral("port"), QVariant::fromValue<qint64>(6543));
                return std::function<void(PipelineModel *)>(
                    [=](PipelineModel *mm) { mm->setProperty(id, QStringLiteral("port"), old); });
            }},
        {"remove property",
            [](PipelineModel *m) {
                const NodeId id = m->nodeByName(QStringLiteral("Skip deletes"));
                const QVariant old = m->setProperty(id, QStringLiteral("condition"), QVariant());
                return std::function<void(PipelineModel *)>(
                    [=](PipelineModel *mm) { mm->setProperty(id, QStringLiteral("condition"), old); });
            }},
        {"rename",
            [](PipelineModel *m) {
                const NodeId id = m->nodeByName(QStringLiteral("Audit log"));
                const QString old = *m->renameNode(id, QStringLiteral("Audit trail"));
                return std::function<void(PipelineModel *)>(
                    [=](PipelineModel *mm) { mm->renameNode(id, old); });
            }},
        {"move",
            [](PipelineModel *m) {
                const NodeId id = m->nodeByName(QStringLiteral("Audit log"));
                const auto old = m->moveNode(id, QPointF(17.5, -3));
                return std::function<void(PipelineModel *)>(
                    [=](PipelineModel *mm) { mm->moveNode(id, *old); });
            }},
        {"create node",
            [](PipelineModel *m) {
                const NodeId id = m->createNode(QStringLiteral("file-sink"), {}, QPointF(5, 5));
                return std::function<void(PipelineModel *)>([=](PipelineModel *mm) { mm->removeNode(id); });
            }},
        {"disconnect",
            [](PipelineModel *m) {
                const Edge removed = *m->disconnect(
                    m->outgoingEdges(m->nodeByName(QStringLiteral("Flatten changes"))).first());
                return std::function<void(PipelineModel *)>(
                    [=](PipelineModel *mm) { mm->insertEdge(removed); });
            }},
        {"connect",
            [](PipelineModel *m) {
                const NodeId route = m->nodeByName(QStringLiteral("Route by table"));
                const NodeId sink = m->createNode(QStringLiteral("file-sink"), QStringLiteral("Rejects"));
                const EdgeId e
                    = m->connect({route, QStringLiteral("unmatched")}, {sink, QStringLiteral("in")});
                return std::function<void(PipelineModel *)>([=](PipelineModel *mm) {
                    mm->disconnect(e);
                    mm->removeNode(sink);
                });
            }},
        {"paste",
            [](PipelineModel *m) {
                const QByteArray fragment = copyNodes(*m, {1, 2, 3});
                const QList<NodeId> pasted = pasteNodes(m, fragment, QPointF(40, 40));
                return std::function<void(PipelineModel *)>([=](PipelineModel *mm) {
                    for (const NodeId id : pasted) {
                        mm->removeNode(id);
                    }
                });
            }},
    };
}

} // namespace

class ModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createNodeUsesDefaultsAndUniqueNames()
    {
        PipelineModel model;
        QSignalSpy added(&model, &PipelineModel::nodeAdded);
        QSignalSpy changed(&model, &PipelineModel::graphChanged);
        const NodeId first = model.createNode(QStringLiteral("flatten-cdc"));
        const NodeId second = model.createNode(QStringLiteral("flatten-cdc"));
        QVERIFY(first != InvalidNodeId && second != InvalidNodeId && first != second);
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.at(1).at(0).value<NodeId>(), second);
        QCOMPARE(changed.count(), 2);
        const NodeDescriptor *d = Catalogue::builtin().node(QStringLiteral("flatten-cdc"));
        QCOMPARE(model.node(first)->properties, d->defaultProperties());
        QCOMPARE(model.node(first)->name, d->displayName);
        QCOMPARE(model.node(second)->name, d->displayName + QStringLiteral(" 2"));
        QCOMPARE(
            model.uniqueName(d->displayName + QStringLiteral(" 2")), d->displayName + QStringLiteral(" 3"));
    }

    void createUnknownTypeIsRefused()
    {
        PipelineModel model;
        QSignalSpy added(&model, &PipelineModel::nodeAdded);
        QString error;
        QCOMPARE(model.createNode(QStringLiteral("teleporter"), {}, {}, &error), InvalidNodeId);
        QVERIFY(error.contains(QLatin1String("teleporter")));
        QCOMPARE(added.count(), 0);
        QCOMPARE(model.nodeCount(), 0);
    }

    void connectAndDisconnectSignal()
    {
        PipelineModel model;
        const NodeId source = addFilled(&model, QStringLiteral("kafka-source"));
        const NodeId sink = addFilled(&model, QStringLiteral("file-sink"));
        QSignalSpy edgeAdded(&model, &PipelineModel::edgeAdded);
        QSignalSpy edgeRemoved(&model, &PipelineModel::edgeRemoved);
        QString error;
        const EdgeId e = model.connect({source, QStringLiteral("out")}, {sink, QStringLiteral("in")}, &error);
        QVERIFY2(e != InvalidEdgeId, qPrintable(error));
        QCOMPARE(edgeAdded.count(), 1);
        QCOMPARE(edgeAdded.at(0).at(0).value<EdgeId>(), e);
        QCOMPARE(model.outgoingEdges(source), QList<EdgeId> {e});
        QCOMPARE(model.incomingEdges(sink), QList<EdgeId> {e});
        const auto removed = model.disconnect(e);
        QVERIFY(removed);
        QCOMPARE(removed->from.node, source);
        QCOMPARE(edgeRemoved.count(), 1);
        QCOMPARE(edgeRemoved.at(0).at(1).value<Edge>().to.node, sink);
        QVERIFY(model.incomingEdges(sink).isEmpty());
        QVERIFY(!model.disconnect(e));
    }

    void removeNodeAnnouncesItsEdgesFirst()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const NodeId flatten = model.nodeByName(QStringLiteral("Flatten changes"));
        QStringList events;
        connect(&model, &PipelineModel::edgeRemoved, this,
            [&](EdgeId id, const Edge &) { events << QStringLiteral("edge %1").arg(id); });
        connect(&model, &PipelineModel::nodeRemoved, this,
            [&](NodeId id) { events << QStringLiteral("node %1").arg(id); });
        const QList<EdgeId> touching = model.incomingEdges(flatten) + model.outgoingEdges(flatten);
        const RemovedNode removed = model.removeNode(flatten);
        QCOMPARE(removed.node.id, flatten);
        QCOMPARE(removed.edges.size(), touching.size());
        QCOMPARE(events.size(), touching.size() + 1);
        QCOMPARE(events.last(), QStringLiteral("node %1").arg(flatten));
        QVERIFY(!model.hasNode(flatten));
        for (const EdgeId e : touching) {
            QVERIFY(!model.hasEdge(e));
        }
    }

    void connectRefusals_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("fromPort");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("toPort");
        QTest::addColumn<QString>("errorMentions");
        // Over the sample: ERP database → Flatten changes → Skip deletes → Route by table → …
        QTest::newRow("input as source") << "Skip deletes"
                                         << "in"
                                         << "Audit log"
                                         << "in"
                                         << "no output port";
        QTest::newRow("unknown port") << "Route by table"
                                      << "invoices"
                                      << "Audit log"
                                      << "in"
                                      << "invoices";
        QTest::newRow("duplicate") << "ERP database"
                                   << "out"
                                   << "Flatten changes"
                                   << "in"
                                   << "already connected";
        QTest::newRow("single input taken") << "Route by table"
                                            << "unmatched"
                                            << "Audit log"
                                            << "in"
                                            << "Merge";
        QTest::newRow("single output taken") << "Flatten changes"
                                             << "out"
                                             << "Audit log"
                                             << "in"
                                             << "Fan-out";
        QTest::newRow("self") << "Copy customer updates"
                              << "out"
                              << "Copy customer updates"
                              << "in"
                              << "cycle";
    }
    void connectRefusals()
    {
        QFETCH(QString, from);
        QFETCH(QString, fromPort);
        QFETCH(QString, to);
        QFETCH(QString, toPort);
        QFETCH(QString, errorMentions);
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray before = serialized(model);
        QSignalSpy edgeAdded(&model, &PipelineModel::edgeAdded);
        const PortRef fromRef {model.nodeByName(from), fromPort};
        const PortRef toRef {model.nodeByName(to), toPort};
        QString error;
        QCOMPARE(model.connect(fromRef, toRef, &error), InvalidEdgeId);
        QVERIFY2(error.contains(errorMentions), qPrintable(error));
        QCOMPARE(model.connectionError(fromRef, toRef), error);
        QCOMPARE(edgeAdded.count(), 0);
        QCOMPARE(serialized(model), before);
    }

    void cycleIsRefusedAndNamed_data()
    {
        QTest::addColumn<int>("length");
        QTest::newRow("2 nodes") << 2;
        QTest::newRow("3 nodes") << 3;
        QTest::newRow("50 nodes") << 50;
    }
    void cycleIsRefusedAndNamed()
    {
        QFETCH(int, length);
        PipelineModel model;
        const QList<NodeId> chain = buildChain(&model, length);
        QCOMPARE(model.edgeCount(), length - 1);
        const QByteArray before = serialized(model);
        QSignalSpy edgeAdded(&model, &PipelineModel::edgeAdded);
        const PortRef lastOut {chain.last(), QStringLiteral("out")};
        const PortRef firstIn {chain.first(), QStringLiteral("in")};

        // The would-be cycle, for highlighting: from the edge's target round to its source.
        QCOMPARE(model.cyclePath(chain.last(), chain.first()), chain);

        QString error;
        QCOMPARE(model.connect(lastOut, firstIn, &error), InvalidEdgeId);
        QVERIFY2(error.contains(QLatin1String("cycle")), qPrintable(error));
        for (int i = 1; i <= length; ++i) {
            QVERIFY2(error.contains(QStringLiteral("'n%1'").arg(i)), qPrintable(error));
        }
        // insertEdge, the lenient path used by undo, refuses cycles too.
        QVERIFY(!model.insertEdge(Edge {model.nextEdgeId(), lastOut, firstIn}, &error));
        QCOMPARE(edgeAdded.count(), 0);
        QCOMPARE(serialized(model), before);
        // Without the closing edge the chain is fine: a forward edge to a new node is accepted.
        const NodeId tail = addFilled(&model, QStringLiteral("file-sink"), QStringLiteral("tail"));
        QVERIFY(model.cyclePath(chain.last(), tail).isEmpty());
        QVERIFY(model.connect(lastOut, {tail, QStringLiteral("in")}) != InvalidEdgeId);
    }

    void renameRules()
    {
        PipelineModel model;
        const NodeId a = model.createNode(QStringLiteral("filter"), QStringLiteral("A"));
        model.createNode(QStringLiteral("filter"), QStringLiteral("B"));
        QSignalSpy renamed(&model, &PipelineModel::nodeRenamed);
        QString error;
        QVERIFY(!model.renameNode(a, QStringLiteral("B"), &error));
        QVERIFY(error.contains(QLatin1String("'B'")));
        QVERIFY(!model.renameNode(a, QStringLiteral("   "), &error));
        QCOMPARE(renamed.count(), 0);
        QCOMPARE(model.renameNode(a, QStringLiteral("C")), std::optional<QString>(QStringLiteral("A")));
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(model.nodeByName(QStringLiteral("C")), a);
        QCOMPARE(model.nodeByName(QStringLiteral("A")), InvalidNodeId);
    }

    void moveTouchesOnlyLayout()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        QSignalSpy moved(&model, &PipelineModel::nodeMoved);
        QSignalSpy changed(&model, &PipelineModel::graphChanged);
        const NodeId id = model.nodeByName(QStringLiteral("Audit log"));
        const auto old = model.moveNode(id, QPointF(1000, 2000));
        QVERIFY(old);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.at(0).at(1).toPointF(), QPointF(1000, 2000));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(*model.position(id), QPointF(1000, 2000));
    }

    void reversibleEditRestoresTheExactModel_data()
    {
        QTest::addColumn<int>("edit");
        const auto edits = reversibleEdits();
        for (int i = 0; i < edits.size(); ++i) {
            QTest::newRow(edits.at(i).first) << i;
        }
    }
    void reversibleEditRestoresTheExactModel()
    {
        QFETCH(int, edit);
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray before = serialized(model);
        const auto undo = reversibleEdits().at(edit).second(&model);
        QVERIFY2(serialized(model) != before, "the edit changed nothing");
        undo(&model);
        QCOMPARE(serialized(model), before);
    }

    void topologicalOrderBreaksTiesByName()
    {
        PipelineModel model;
        // Ids in creation order: zeta(1), alpha(2), mid(3), sink(4). Both sources are ready at
        // once, so the name decides: alpha before zeta.
        const NodeId zeta = addFilled(&model, QStringLiteral("kafka-source"), QStringLiteral("zeta"));
        const NodeId alpha = addFilled(&model, QStringLiteral("kafka-source"), QStringLiteral("alpha"));
        const NodeId mid = addFilled(&model, QStringLiteral("merge"), QStringLiteral("mid"));
        const NodeId sink = addFilled(&model, QStringLiteral("file-sink"), QStringLiteral("sink"));
        QVERIFY(model.connect({zeta, QStringLiteral("out")}, {mid, QStringLiteral("in")}));
        QVERIFY(model.connect({alpha, QStringLiteral("out")}, {mid, QStringLiteral("in")}));
        QVERIFY(model.connect({mid, QStringLiteral("out")}, {sink, QStringLiteral("in")}));
        const TopologicalOrder order = topologicalOrder(model);
        QVERIFY(order.isComplete());
        QCOMPARE(order.order, (QList<NodeId> {alpha, zeta, mid, sink}));
    }

    void topologicalOrderRespectsEveryEdge()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const TopologicalOrder order = topologicalOrder(model);
        QCOMPARE(order.order.size(), model.nodeCount());
        for (const EdgeId e : model.edgeIds()) {
            QVERIFY(
                order.order.indexOf(model.edge(e)->from.node) < order.order.indexOf(model.edge(e)->to.node));
        }
    }

    void autoLayoutIsLayeredAndPure()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        QSignalSpy moved(&model, &PipelineModel::nodeMoved);
        const Layout layout = autoLayout(model);
        QCOMPARE(moved.count(), 0);
        QCOMPARE(layout.size(), model.nodeCount());
        for (const EdgeId e : model.edgeIds()) {
            QVERIFY(layout.value(model.edge(e)->from.node).x() < layout.value(model.edge(e)->to.node).x());
        }
        QSet<std::pair<double, double>> positions;
        for (const QPointF &p : layout) {
            positions.insert({p.x(), p.y()});
        }
        QCOMPARE(positions.size(), layout.size());
    }
};

int runModelTests(int argc, char **argv)
{
    ModelTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_model.moc"
