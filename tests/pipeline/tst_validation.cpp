#include "pipelinemodel.h"
#include "pipelinetestutil.h"
#include "validation.h"

#include <QTest>

using namespace edis::pipeline;
using namespace pipelinetest;

namespace {

QList<Problem> withCode(const QList<Problem> &problems, const QString &code)
{
    QList<Problem> found;
    for (const Problem &p : problems) {
        if (p.code == code) {
            found << p;
        }
    }
    return found;
}

QString describe(const QList<Problem> &problems)
{
    QStringList lines;
    for (const Problem &p : problems) {
        lines << QStringLiteral("%1 %2 node=%3 edge=%4: %5")
                     .arg(severityName(p.severity), p.code)
                     .arg(p.node)
                     .arg(p.edge)
                     .arg(p.message);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class ValidationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleIsClean()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QList<Problem> problems = validate(model);
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    void envelopeIntoRecordNamesTheFix()
    {
        PipelineModel model;
        const NodeId cdc = addFilled(&model, QStringLiteral("postgres-cdc"), QStringLiteral("erp"));
        const NodeId map = addFilled(&model, QStringLiteral("map"), QStringLiteral("rename"));
        const NodeId sink = addFilled(&model, QStringLiteral("file-sink"), QStringLiteral("out"));
        const EdgeId bad = model.connect({cdc, QStringLiteral("out")}, {map, QStringLiteral("in")});
        QVERIFY(bad != InvalidEdgeId); // allowed while editing, reported by validation
        QVERIFY(model.connect({map, QStringLiteral("out")}, {sink, QStringLiteral("in")}));
        QList<Problem> problems = validate(model);
        const QList<Problem> mismatches = withCode(problems, QStringLiteral("type-mismatch"));
        QCOMPARE(mismatches.size(), 1);
        QCOMPARE(mismatches.first().edge, bad);
        QVERIFY(mismatches.first().isError());
        QVERIFY2(mismatches.first().message.contains(QLatin1String("Flatten CDC envelope")),
            qPrintable(mismatches.first().message));
        QCOMPARE(mismatches.first().fixNodeType, QStringLiteral("flatten-cdc"));
        QCOMPARE(problems.size(), 1);

        // Following the advice fixes it.
        const Edge removed = *model.disconnect(bad);
        const NodeId flatten = addFilled(&model, mismatches.first().fixNodeType);
        QVERIFY(model.connect(removed.from, {flatten, QStringLiteral("in")}));
        QVERIFY(model.connect({flatten, QStringLiteral("out")}, removed.to));
        problems = validate(model);
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    void typesFlowThroughPassThroughSteps_data()
    {
        QTest::addColumn<QString>("sourceType");
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("mismatch");
        QTest::newRow("cdc source") << "postgres-cdc"
                                    << "" << true;
        QTest::newRow("kafka topic of change events") << "kafka-source"
                                                      << "cdc-envelope" << true;
        QTest::newRow("kafka topic of records") << "kafka-source"
                                                << "record" << false;
        QTest::newRow("kafka topic of bytes") << "kafka-source"
                                              << "bytes" << true;
    }
    void typesFlowThroughPassThroughSteps()
    {
        QFETCH(QString, sourceType);
        QFETCH(QString, format);
        QFETCH(bool, mismatch);
        PipelineModel model;
        const NodeId source = addFilled(&model, sourceType);
        if (!format.isEmpty()) {
            model.setProperty(source, QStringLiteral("format"), format);
        }
        // source → filter → fan-out → map: filter and fan-out pass the type along.
        const NodeId filter = addFilled(&model, QStringLiteral("filter"));
        const NodeId fan = addFilled(&model, QStringLiteral("fan-out"));
        const NodeId map = addFilled(&model, QStringLiteral("map"));
        const NodeId sink = addFilled(&model, QStringLiteral("file-sink"));
        QVERIFY(model.connect({source, QStringLiteral("out")}, {filter, QStringLiteral("in")}));
        QVERIFY(model.connect({filter, QStringLiteral("out")}, {fan, QStringLiteral("in")}));
        const EdgeId last = model.connect({fan, QStringLiteral("out")}, {map, QStringLiteral("in")});
        QVERIFY(model.connect({map, QStringLiteral("out")}, {sink, QStringLiteral("in")}));
        const QList<Problem> mismatches = withCode(validate(model), QStringLiteral("type-mismatch"));
        QCOMPARE(mismatches.size(), mismatch ? 1 : 0);
        if (mismatch) {
            QCOMPARE(mismatches.first().edge, last);
        }
        QCOMPARE(
            edgeDataTypes(model).value(last), format.isEmpty() ? QStringLiteral("cdc-envelope") : format);
    }

    void requiredPropertiesAreReported_data()
    {
        QTest::addColumn<QString>("typeId");
        for (const NodeDescriptor &d : Catalogue::builtin().nodes()) {
            const bool hasRequired = std::any_of(d.properties.cbegin(), d.properties.cend(),
                [](const PropertyDescriptor &p) { return p.required; });
            if (hasRequired) {
                QTest::newRow(qPrintable(d.id)) << d.id;
            }
        }
    }
    void requiredPropertiesAreReported()
    {
        QFETCH(QString, typeId);
        PipelineModel model;
        const NodeId id = model.createNode(typeId);
        const NodeDescriptor *d = model.descriptor(id);
        // Clear defaults too: a required property with a default must still be present.
        for (const PropertyDescriptor &p : d->properties) {
            model.setProperty(id, p.key, QVariant());
        }
        QStringList expected;
        for (const PropertyDescriptor &p : d->properties) {
            if (p.required) {
                expected << p.key;
            }
        }
        QStringList reported;
        for (const Problem &p : withCode(validate(model), QStringLiteral("required-property"))) {
            QCOMPARE(p.node, id);
            QVERIFY(p.isError());
            reported << p.property;
        }
        QCOMPARE(reported, expected);
        fillRequired(&model, id);
        QVERIFY(withCode(validate(model), QStringLiteral("required-property")).isEmpty());
        // An empty string is as missing as no value.
        model.setProperty(id, expected.first(), QStringLiteral("  "));
        QCOMPARE(withCode(validate(model), QStringLiteral("required-property")).size(), 1);
    }

    /// Validation asks the one empty-value policy: a required property holding what it calls
    /// empty is missing, anything else is not.
    void requiredCheckFollowsTheEmptyPolicy_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("property");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<bool>("missing");
        const QString sink = QStringLiteral("kafka-sink");
        const QString topic = QStringLiteral("topic");
        QTest::newRow("empty string") << sink << topic << QVariant(QStringLiteral("")) << true;
        QTest::newRow("spaces") << sink << topic << QVariant(QStringLiteral("   ")) << true;
        QTest::newRow("tab") << sink << topic << QVariant(QStringLiteral("\t")) << true;
        QTest::newRow("text") << sink << topic << QVariant(QStringLiteral("orders")) << false;
        const QString cdc = QStringLiteral("postgres-cdc");
        const QString tables = QStringLiteral("tables");
        QTest::newRow("empty list") << cdc << tables << QVariant(QStringList()) << true;
        QTest::newRow("list of blanks") << cdc << tables << QVariant(QStringList {" ", ""}) << true;
        QTest::newRow("list with an entry")
            << cdc << tables << QVariant(QStringList {" ", "public.orders"}) << false;
    }

    void requiredCheckFollowsTheEmptyPolicy()
    {
        QFETCH(QString, type);
        QFETCH(QString, property);
        QFETCH(QVariant, value);
        QFETCH(bool, missing);
        PipelineModel model;
        const NodeId id = addFilled(&model, type);
        const PropertyDescriptor *p = model.descriptor(id)->property(property);
        QVERIFY(p && p->required);
        model.setProperty(id, property, value);
        bool reported = false;
        for (const Problem &problem : withCode(validate(model), QStringLiteral("required-property"))) {
            reported = reported || (problem.node == id && problem.property == property);
        }
        QCOMPARE(reported, missing);
        QCOMPARE(isEmptyPropertyValue(value), missing);
    }

    void invalidValuesAreReported_data()
    {
        QTest::addColumn<QString>("typeId");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("enum outside values") << "postgres-cdc"
                                             << "plugin" << QVariant(QStringLiteral("wal2json"));
        QTest::newRow("int as text") << "postgres-cdc"
                                     << "port" << QVariant(QStringLiteral("5432"));
        QTest::newRow("bool as text") << "jdbc-sink"
                                      << "autoCreate" << QVariant(QStringLiteral("yes"));
        QTest::newRow("list as text") << "postgres-cdc"
                                      << "tables" << QVariant(QStringLiteral("public.a"));
        QTest::newRow("unnamed route") << "route"
                                       << "routes" << QVariant(QStringList {QStringLiteral(": a == 1")});
        QTest::newRow("repeated route")
            << "route"
            << "routes" << QVariant(QStringList {QStringLiteral("a: x"), QStringLiteral("a: y")});
    }
    void invalidValuesAreReported()
    {
        QFETCH(QString, typeId);
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        PipelineModel model;
        const NodeId id = addFilled(&model, typeId);
        QVERIFY(withCode(validate(model), QStringLiteral("invalid-property")).isEmpty());
        model.setProperty(id, key, value);
        const QList<Problem> invalid = withCode(validate(model), QStringLiteral("invalid-property"));
        QVERIFY2(!invalid.isEmpty(), qPrintable(describe(validate(model))));
        QCOMPARE(invalid.first().property, key);
        QCOMPARE(invalid.first().node, id);
    }

    void secretsInPlainTextAreWarned()
    {
        PipelineModel model;
        const NodeId id = addFilled(&model, QStringLiteral("postgres-cdc"));
        QVERIFY(withCode(validate(model), QStringLiteral("plain-secret")).isEmpty());
        model.setProperty(id, QStringLiteral("password"), QStringLiteral("hunter2"));
        const QList<Problem> warnings = withCode(validate(model), QStringLiteral("plain-secret"));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(!warnings.first().isError());
        QCOMPARE(warnings.first().property, QStringLiteral("password"));
    }

    void duplicateNamesAreReported()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        PipelineDocument doc = model.document();
        doc.nodes[3].name = doc.nodes[2].name; // only files and undo can bring this about
        QVERIFY(model.resetTo(doc));
        const QList<Problem> duplicates = withCode(validate(model), QStringLiteral("duplicate-name"));
        QCOMPARE(duplicates.size(), 2);
        QCOMPARE(duplicates.at(0).node, doc.nodes[2].id);
        QCOMPARE(duplicates.at(1).node, doc.nodes[3].id);
    }

    void everySourceReachesASink()
    {
        PipelineModel model;
        const NodeId source = addFilled(&model, QStringLiteral("kafka-source"), QStringLiteral("orders"));
        const NodeId filter = addFilled(&model, QStringLiteral("filter"), QStringLiteral("big ones"));
        QVERIFY(model.connect({source, QStringLiteral("out")}, {filter, QStringLiteral("in")}));
        QList<Problem> problems = validate(model);
        QCOMPARE(withCode(problems, QStringLiteral("source-without-sink")).size(), 1);
        QCOMPARE(withCode(problems, QStringLiteral("source-without-sink")).first().node, source);
        const QList<Problem> dangling = withCode(problems, QStringLiteral("unconnected-port"));
        QCOMPARE(dangling.size(), 1);
        QCOMPARE(dangling.first().node, filter);

        const NodeId sink = addFilled(&model, QStringLiteral("file-sink"), QStringLiteral("archive"));
        QVERIFY(model.connect({filter, QStringLiteral("out")}, {sink, QStringLiteral("in")}));
        problems = validate(model);
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    void everySinkIsFedByASource()
    {
        PipelineModel model;
        const NodeId merge = addFilled(&model, QStringLiteral("merge"), QStringLiteral("nothing in"));
        const NodeId sink = addFilled(&model, QStringLiteral("file-sink"), QStringLiteral("archive"));
        QVERIFY(model.connect({merge, QStringLiteral("out")}, {sink, QStringLiteral("in")}));
        const QList<Problem> problems = validate(model);
        const QList<Problem> starving = withCode(problems, QStringLiteral("sink-without-source"));
        QCOMPARE(starving.size(), 1);
        QCOMPARE(starving.first().node, sink);
        QCOMPARE(withCode(problems, QStringLiteral("unconnected-port")).first().node, merge);
    }

    void edgesOfRemovedRoutesDangle()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const NodeId route = model.nodeByName(QStringLiteral("Route by table"));
        model.setProperty(route, QStringLiteral("routes"), QStringList {QStringLiteral("customers: true")});
        const QList<Problem> problems = validate(model);
        const QList<Problem> dangling = withCode(problems, QStringLiteral("unknown-port"));
        QCOMPARE(dangling.size(), 1);
        QCOMPARE(model.edge(dangling.first().edge)->from.port, QStringLiteral("orders"));
        QVERIFY(dangling.first().message.contains(QLatin1String("orders")));
    }

    void problemsPointAtNodesThenEdges()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        model.setProperty(model.nodeByName(QStringLiteral("Audit log")), QStringLiteral("table"), QVariant());
        model.setProperty(
            model.nodeByName(QStringLiteral("ERP database")), QStringLiteral("host"), QVariant());
        const QList<Problem> problems = validate(model);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).node < problems.at(1).node);
        for (const Problem &p : problems) {
            QVERIFY(model.hasNode(p.node));
            QVERIFY(p.message.contains(model.node(p.node)->name));
        }
    }

    void bindingWarnsAboutTopics()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        // crm.customer-updates exists with 6 partitions (the sample expects 3);
        // crm.order-updates does not exist.
        ClusterBinding binding;
        binding.topicPartitions.insert(QStringLiteral("crm.customer-updates"), 6);
        binding.topicPartitions.insert(QStringLiteral("erp.public.customers"), 1);
        const QList<Problem> problems = validate(model, binding);
        QVERIFY(!hasErrors(problems));
        const QList<Problem> missing = withCode(problems, QStringLiteral("unknown-topic"));
        QCOMPARE(missing.size(), 2); // the sink that writes it and the source that reads it
        for (const Problem &p : missing) {
            QCOMPARE(model.node(p.node)->properties.value(QStringLiteral("topic")).toString(),
                QStringLiteral("crm.order-updates"));
            QCOMPARE(p.property, QStringLiteral("topic"));
        }
        const QList<Problem> mismatch = withCode(problems, QStringLiteral("partition-mismatch"));
        QCOMPARE(mismatch.size(), 1);
        QCOMPARE(mismatch.first().node, model.nodeByName(QStringLiteral("Customer updates topic")));
        QVERIFY(mismatch.first().message.contains(QLatin1String("6")));
        // Without a binding there is nothing to compare with.
        QVERIFY(validate(model).isEmpty());
    }
};

int runValidationTests(int argc, char **argv)
{
    ValidationTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_validation.moc"
