#include "clipboard.h"
#include "pipelinejson.h"
#include "pipelinemodel.h"
#include "pipelinetestutil.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace edis::pipeline;
using namespace pipelinetest;

namespace {

QList<NodeId> idsByName(const PipelineModel &model, const QStringList &names)
{
    QList<NodeId> ids;
    for (const QString &name : names) {
        ids << model.nodeByName(name);
    }
    return ids;
}

} // namespace

class ClipboardTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void copyKeepsOnlyInternalEdges()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QList<NodeId> chosen = idsByName(model,
            {QStringLiteral("Flatten changes"), QStringLiteral("Skip deletes"),
                QStringLiteral("Route by table")});
        PipelineDocument fragment;
        FileError error;
        QVERIFY(parseFragment(copyNodes(model, chosen), &fragment, &error));
        QCOMPARE(fragment.nodes.size(), 3);
        const QSet<NodeId> inside(chosen.cbegin(), chosen.cend());
        int expectedEdges = 0;
        for (const EdgeId e : model.edgeIds()) {
            expectedEdges
                += inside.contains(model.edge(e)->from.node) && inside.contains(model.edge(e)->to.node);
        }
        QCOMPARE(fragment.edges.size(), expectedEdges);
        QCOMPARE(expectedEdges, 2);
        for (const Edge &e : fragment.edges) {
            QVERIFY(inside.contains(e.from.node) && inside.contains(e.to.node));
        }
        QCOMPARE(fragment.layout.size(), 3);
        // A fragment is not a pipeline file, and the other way round.
        QVERIFY(!parsePipeline(copyNodes(model, chosen), &fragment, &error));
        QVERIFY(!parseFragment(serialized(model), &fragment, &error));
    }

    void pasteGivesFreshIdsNamesAndKeepsEdges()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QList<NodeId> chosen = idsByName(model,
            {QStringLiteral("Flatten changes"), QStringLiteral("Skip deletes"),
                QStringLiteral("Route by table")});
        const QByteArray fragment = copyNodes(model, chosen);
        const NodeId firstFreshId = model.nextNodeId();
        const qsizetype edgesBefore = model.edgeCount();
        QSignalSpy added(&model, &PipelineModel::nodeAdded);
        QString error;
        const QList<NodeId> pasted = pasteNodes(&model, fragment, QPointF(30, 40), &error);
        QVERIFY2(pasted.size() == 3, qPrintable(error));
        QCOMPARE(added.count(), 3);
        QCOMPARE(model.edgeCount(), edgesBefore + 2);
        QSet<QString> names;
        for (qsizetype i = 0; i < pasted.size(); ++i) {
            const Node *copy = model.node(pasted.at(i));
            const Node *original = model.node(chosen.at(i));
            QVERIFY(copy->id >= firstFreshId);
            QVERIFY(copy->name != original->name);
            QVERIFY2(copy->name.startsWith(original->name), qPrintable(copy->name));
            QCOMPARE(copy->type, original->type);
            QCOMPARE(copy->properties, original->properties);
            QCOMPARE(*model.position(copy->id), *model.position(original->id) + QPointF(30, 40));
            names.insert(copy->name);
        }
        QCOMPARE(names.size(), 3);
        // The copied chain is wired the same way among the copies, and only among them.
        QCOMPARE(model.edge(model.incomingEdges(pasted.at(1)).first())->from.node, pasted.at(0));
        QCOMPARE(model.edge(model.incomingEdges(pasted.at(2)).first())->from.node, pasted.at(1));
        QVERIFY(model.incomingEdges(pasted.at(0)).isEmpty());
        QVERIFY(model.outgoingEdges(pasted.at(2)).isEmpty());
    }

    void pastingTwiceKeepsNamesUnique()
    {
        PipelineModel model;
        const NodeId a = model.createNode(QStringLiteral("filter"), QStringLiteral("Check"));
        const QByteArray fragment = copyNodes(model, {a});
        const QList<NodeId> once = pasteNodes(&model, fragment);
        const QList<NodeId> twice = pasteNodes(&model, fragment);
        QCOMPARE(model.node(once.first())->name, QStringLiteral("Check 2"));
        QCOMPARE(model.node(twice.first())->name, QStringLiteral("Check 3"));
        // Into an empty pipeline the names stay as they were.
        PipelineModel empty;
        QCOMPARE(empty.node(pasteNodes(&empty, fragment).first())->name, QStringLiteral("Check"));
    }

    void pasteOfUnknownTypesIsRefused()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        QByteArray fragment = copyNodes(model, {1, 2});
        fragment.replace("\"postgres-cdc\"", "\"oracle-cdc\"");
        const QByteArray before = serialized(model);
        QString error;
        QVERIFY(pasteNodes(&model, fragment, {}, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("oracle-cdc")));
        QCOMPARE(serialized(model), before);
        QVERIFY(pasteNodes(&model, "{ not json", {}, &error).isEmpty());
        QCOMPARE(serialized(model), before);
    }

    void preparedPasteRedoesIdentically()
    {
        // The undo command's view: prepare once, insert, remove, insert again.
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray original = serialized(model);
        PipelineDocument prepared;
        QVERIFY(preparePaste(model, copyNodes(model, {7, 8, 9, 10}), QPointF(0, 500), &prepared));
        QVERIFY(model.insertDocument(prepared));
        const QByteArray withPaste = serialized(model);
        for (const Node &n : prepared.nodes) {
            model.removeNode(n.id);
        }
        QCOMPARE(serialized(model), original);
        QVERIFY(model.insertDocument(prepared));
        QCOMPARE(serialized(model), withPaste);
        // Inserting it twice would reuse ids: refused, nothing changes.
        QVERIFY(!model.insertDocument(prepared));
        QCOMPARE(serialized(model), withPaste);
    }
};

int runClipboardTests(int argc, char **argv)
{
    ClipboardTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_clipboard.moc"
