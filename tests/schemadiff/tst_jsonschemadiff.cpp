// JSON Schema: every pair of jsonschemacases.cpp gives its changes and verdict; parse errors name
// the side; an unresolved $ref becomes a note.

#include "cases.h"
#include "schemadiff.h"

#include <QTest>

using namespace edis::schemadiff;

namespace {

SchemaText json(const QString &text)
{
    return SchemaText {text, {}};
}

} // namespace

class JsonSchemaDiffTest : public QObject {
    Q_OBJECT

private slots:
    void pairs_data() { schemadifftest::addRows(schemadifftest::jsonSchemaCases()); }
    void pairs() { schemadifftest::verifyRow(diffJsonSchema); }

    void explanation()
    {
        const SchemaDiffResult r
            = diffJsonSchema(json(QStringLiteral(R"({"type": "string", "maxLength": 10})")),
                json(QStringLiteral(R"({"type": "string", "maxLength": 5})")));
        QCOMPARE(r.changes.size(), 1);
        const Change &c = r.changes.front();
        QCOMPARE(c.before, QStringLiteral("10"));
        QCOMPARE(c.after, QStringLiteral("5"));
        QCOMPARE(c.explanation,
            QStringLiteral(
                "Tightening maxLength from 10 to 5 breaks BACKWARD: old documents may fall outside the new "
                "limit"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("expected");
        const QString good = QStringLiteral(R"({"type": "object"})");
        QTest::newRow("old not JSON") << QStringLiteral("{") << good
                                      << QStringLiteral("The old JSON Schema does not parse: not valid JSON");
        QTest::newRow("new not a schema")
            << good << QStringLiteral("[1, 2]")
            << QStringLiteral("The new JSON Schema does not parse: a JSON Schema is an object or a boolean");
    }

    void errors()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, expected);
        const SchemaDiffResult r = diffJsonSchema(json(oldText), json(newText));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    }

    void unresolvedReferenceIsANote()
    {
        const SchemaDiffResult r = diffJsonSchema(
            json(QStringLiteral(R"({"type": "object", "properties": {"a": {"$ref": "missing.json"}}})")),
            json(QStringLiteral(
                R"({"type": "object", "properties": {"a": {"$ref": "missing.json"}, "b": {}}})")));
        QVERIFY(r.ok());
        QVERIFY2(!r.notes.isEmpty() && r.notes.front().contains(QLatin1String("missing.json")),
            qPrintable(r.notes.join(QLatin1Char('\n'))));
    }
};

int runJsonSchemaDiffTests(int argc, char **argv)
{
    JsonSchemaDiffTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_jsonschemadiff.moc"
