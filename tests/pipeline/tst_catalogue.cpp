#include "catalogue.h"

#include <QSet>
#include <QTest>

using namespace edis::pipeline;

class CatalogueTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtinIsConsistent()
    {
        const Catalogue &catalogue = Catalogue::builtin();
        QVERIFY(!catalogue.nodes().isEmpty());
        const QStringList problems = catalogue.consistencyProblems();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void issueNodeTypesExist_data()
    {
        QTest::addColumn<QString>("typeId");
        QTest::addColumn<int>("category");
        const auto row = [](const char *id, NodeCategory category) {
            QTest::newRow(id) << QString::fromLatin1(id) << int(category);
        };
        for (const char *id : {"postgres-cdc", "mysql-cdc", "kafka-source", "eventhub-source",
                 "rabbitmq-source", "http-webhook", "file-source"}) {
            row(id, NodeCategory::Source);
        }
        for (const char *id : {"filter", "map", "flatten-cdc", "route", "fan-out", "merge"}) {
            row(id, NodeCategory::Processor);
        }
        for (const char *id :
            {"kafka-sink", "jdbc-sink", "http-sink", "file-sink", "rabbitmq-sink", "eventhub-sink"}) {
            row(id, NodeCategory::Sink);
        }
    }
    void issueNodeTypesExist()
    {
        QFETCH(QString, typeId);
        QFETCH(int, category);
        const NodeDescriptor *d = Catalogue::builtin().node(typeId);
        QVERIFY2(d, qPrintable(typeId));
        QCOMPARE(int(d->category), category);
    }

    void descriptorIsWellFormed_data()
    {
        QTest::addColumn<QString>("typeId");
        for (const NodeDescriptor &d : Catalogue::builtin().nodes()) {
            QTest::newRow(qPrintable(d.id)) << d.id;
        }
    }
    void descriptorIsWellFormed()
    {
        QFETCH(QString, typeId);
        const Catalogue &catalogue = Catalogue::builtin();
        const NodeDescriptor &d = *catalogue.node(typeId);
        QVERIFY(!d.displayName.isEmpty());
        QVERIFY(!d.description.isEmpty());

        QSet<QString> portNames;
        int inputs = 0;
        int outputs = 0;
        for (const PortDescriptor &port : d.ports) {
            QVERIFY2(!portNames.contains(port.name), qPrintable(port.name));
            portNames.insert(port.name);
            QVERIFY2(catalogue.dataType(port.dataType), qPrintable(port.dataType));
            (port.direction == PortDirection::Input ? inputs : outputs) += 1;
        }
        QCOMPARE(inputs > 0, d.category != NodeCategory::Source);
        QCOMPARE(outputs > 0, d.category != NodeCategory::Sink);

        QSet<QString> keys;
        for (const PropertyDescriptor &p : d.properties) {
            QVERIFY2(!keys.contains(p.key), qPrintable(p.key));
            keys.insert(p.key);
            QVERIFY2(!p.label.isEmpty() && !p.help.isEmpty(), qPrintable(p.key));
            if (p.type == PropertyType::Enum) {
                QVERIFY2(!p.values.isEmpty(), qPrintable(p.key));
            }
            if (p.defaultValue.isValid()) {
                QVERIFY2(propertyValueFits(p, p.defaultValue), qPrintable(p.key));
            }
            QVERIFY(p.role.isEmpty() || p.role == QLatin1String("topic")
                || p.role == QLatin1String("partitions"));
        }
        // A new node starts with every default and nothing else.
        const QVariantMap defaults = d.defaultProperties();
        for (auto it = defaults.cbegin(); it != defaults.cend(); ++it) {
            QVERIFY(d.property(it.key()));
        }

        QVERIFY2(!d.exports.isEmpty(), "no export target can express it");
        for (const ExportHint &hint : d.exports) {
            QVERIFY(hint.target == QLatin1String(ExportTargetKafkaConnect)
                || hint.target == QLatin1String(ExportTargetRedpandaConnect));
            QVERIFY(!hint.kind.isEmpty());
            QVERIFY(!hint.component.isEmpty());
        }
    }

    void compatibility_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("compatible");
        QTest::addColumn<QString>("fixNodeType");
        QTest::newRow("same") << "record"
                              << "record" << true << "";
        QTest::newRow("into any") << "cdc-envelope"
                                  << "any" << true << "";
        QTest::newRow("from any") << "any"
                                  << "record" << true << "";
        QTest::newRow("record serializes") << "record"
                                           << "bytes" << true << "";
        QTest::newRow("envelope into record") << "cdc-envelope"
                                              << "record" << false << "flatten-cdc";
        QTest::newRow("record into envelope") << "record"
                                              << "cdc-envelope" << false << "";
        QTest::newRow("bytes into record") << "bytes"
                                           << "record" << false << "";
    }
    void compatibility()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, compatible);
        QFETCH(QString, fixNodeType);
        const TypeCompatibility c = Catalogue::builtin().compatibility(from, to);
        QCOMPARE(c.compatible, compatible);
        QCOMPARE(c.fixNodeType, fixNodeType);
        if (!compatible) {
            QVERIFY2(!c.fix.isEmpty(), "an incompatibility must say how to fix it");
        }
    }

    void repeatedPortsFollowTheListProperty()
    {
        const NodeDescriptor *route = Catalogue::builtin().node(QStringLiteral("route"));
        QVERIFY(route);
        const QVariantMap properties {{QStringLiteral("routes"),
            QStringList {QStringLiteral("customers: a == 1"), QStringLiteral(" orders :b")}}};
        QStringList outputs;
        for (const PortDescriptor &port : route->portsFor(properties)) {
            if (port.direction == PortDirection::Output) {
                outputs << port.name;
            }
        }
        QCOMPARE(outputs,
            (QStringList {
                QStringLiteral("customers"), QStringLiteral("orders"), QStringLiteral("unmatched")}));
        PortDescriptor found;
        QVERIFY(route->findPort(properties, QStringLiteral("orders"), &found));
        QCOMPARE(found.sameTypeAs, QStringLiteral("in"));
        QVERIFY(!route->findPort(properties, QStringLiteral("route"), &found));
    }

    void brokenCatalogueIsRefusedWhole_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{\"format\": ");
        QTest::newRow("wrong format") << QByteArray(R"({"format": "other", "version": 1})");
        QTest::newRow("bad category") << QByteArray(
            R"({"format": "edis-catalogue", "version": 1, "nodes": [{"id": "x", "category": "thing"}]})");
        QTest::newRow("second node repeats an id")
            << QByteArray(R"({"format": "edis-catalogue", "version": 1, "nodes": [
                 {"id": "new-one", "category": "sink"}, {"id": "filter", "category": "processor"}]})");
    }
    void brokenCatalogueIsRefusedWhole()
    {
        QFETCH(QByteArray, json);
        Catalogue catalogue = Catalogue::builtin();
        const qsizetype before = catalogue.nodes().size();
        QString error;
        QVERIFY(!catalogue.addJson(json, QStringLiteral("test.json"), &error));
        QVERIFY(error.contains(QLatin1String("test.json")));
        QCOMPARE(catalogue.nodes().size(), before);
        QVERIFY(!catalogue.node(QStringLiteral("new-one")));
    }

    /// One row per case of the one "what counts as empty" policy, which validation and the
    /// property editor both ask (they disagreed on white space before).
    void emptyPropertyValue_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<bool>("empty");
        QTest::newRow("unset") << QVariant() << true;
        QTest::newRow("null string") << QVariant(QString()) << true;
        QTest::newRow("empty string") << QVariant(QStringLiteral("")) << true;
        QTest::newRow("spaces") << QVariant(QStringLiteral("   ")) << true;
        QTest::newRow("tab and newline") << QVariant(QStringLiteral("\t\n")) << true;
        QTest::newRow("text") << QVariant(QStringLiteral("a")) << false;
        QTest::newRow("text in spaces") << QVariant(QStringLiteral(" a ")) << false;
        QTest::newRow("empty list") << QVariant(QStringList()) << true;
        QTest::newRow("list of blank entries") << QVariant(QStringList {"", "  "}) << true;
        QTest::newRow("list with an entry") << QVariant(QStringList {"", "a"}) << false;
        QTest::newRow("empty variant list") << QVariant(QVariantList()) << true;
        QTest::newRow("variant list of a blank") << QVariant(QVariantList {QStringLiteral(" ")}) << true;
        QTest::newRow("variant list with an entry") << QVariant(QVariantList {QStringLiteral("a")}) << false;
        QTest::newRow("variant list with a number") << QVariant(QVariantList {qint64(1)}) << false;
        QTest::newRow("zero") << QVariant(qint64(0)) << false;
        QTest::newRow("false") << QVariant(false) << false;
    }

    void emptyPropertyValue()
    {
        QFETCH(QVariant, value);
        QFETCH(bool, empty);
        QCOMPARE(isEmptyPropertyValue(value), empty);
    }
};

int runCatalogueTests(int argc, char **argv)
{
    CatalogueTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_catalogue.moc"
