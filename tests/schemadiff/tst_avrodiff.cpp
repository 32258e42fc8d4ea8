// Avro: every pair of avrocases.cpp gives its changes and verdict; parse errors name the side and
// the reason; explanations read as one line; schema problems that are no change become notes.

#include "cases.h"
#include "schemadiff.h"

#include <QTest>

#include <algorithm>

using namespace edis::schemadiff;

namespace {

const Change *findChange(const SchemaDiffResult &r, ChangeKind kind)
{
    const auto it = std::find_if(
        r.changes.cbegin(), r.changes.cend(), [kind](const Change &c) { return c.kind == kind; });
    return it == r.changes.cend() ? nullptr : &*it;
}

SchemaText avro(const QString &text)
{
    return SchemaText {text, {}};
}

} // namespace

class AvroDiffTest : public QObject {
    Q_OBJECT

private slots:
    void pairs_data() { schemadifftest::addRows(schemadifftest::avroCases()); }
    void pairs() { schemadifftest::verifyRow(diffAvro); }

    void explanationsSayWhatBreaksAndWhy()
    {
        const QString withEmail = QStringLiteral(
            R"({"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}, {"name": "email", "type": "string"}]})");
        const QString withoutEmail = QStringLiteral(
            R"({"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]})");
        const SchemaDiffResult removed = diffAvro(avro(withEmail), avro(withoutEmail));
        const Change *c = findChange(removed, ChangeKind::FieldRemoved);
        QVERIFY(c);
        QCOMPARE(c->path, QStringLiteral("Order.email"));
        QCOMPARE(c->before, QStringLiteral("string"));
        QCOMPARE(c->after, QString());
        QCOMPARE(c->explanation,
            QStringLiteral(
                "Removing field 'email' without a default breaks FORWARD: consumers on the old schema "
                "cannot read new records"));

        const SchemaDiffResult added = diffAvro(avro(withoutEmail), avro(withEmail));
        c = findChange(added, ChangeKind::FieldAdded);
        QVERIFY(c);
        QCOMPARE(c->explanation,
            QStringLiteral(
                "Adding field 'email' without a default breaks BACKWARD: consumers on the new schema "
                "cannot read old records, which lack it"));
    }

    void typeChangeShowsBothTypes()
    {
        const SchemaDiffResult r = diffAvro(
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "at", "type": "int"}]})")),
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]})")));
        QVERIFY(r.ok());
        const Change *c = findChange(r, ChangeKind::TypeChanged);
        QVERIFY(c);
        QCOMPARE(c->before, QStringLiteral("int"));
        QCOMPARE(c->after, QStringLiteral("long (timestamp-millis)"));
        QVERIFY2(c->explanation.contains(QLatin1String("promotion")), qPrintable(c->explanation));
    }

    void probableRenameIsMarkedAsAGuess()
    {
        const SchemaDiffResult r = diffAvro(
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "mail", "type": "string"}]})")),
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "email", "type": "string"}]})")));
        const Change *c = findChange(r, ChangeKind::FieldProbablyRenamed);
        QVERIFY(c);
        QVERIFY(c->heuristic);
        QCOMPARE(c->before, QStringLiteral("mail"));
        QCOMPARE(c->after, QStringLiteral("email"));
        QVERIFY2(c->explanation.contains(QLatin1String("a guess")), qPrintable(c->explanation));
        QVERIFY2(
            c->explanation.contains(QLatin1String(R"("aliases": ["mail"])")), qPrintable(c->explanation));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("expected");
        const QString good = QStringLiteral(R"({"type": "record", "name": "R", "fields": []})");
        QTest::newRow("old not JSON") << QStringLiteral("{nope") << good
                                      << QStringLiteral("The old Avro schema does not parse: not valid JSON");
        QTest::newRow("new not JSON") << good << QStringLiteral("[1,")
                                      << QStringLiteral("The new Avro schema does not parse: not valid JSON");
        QTest::newRow("unknown type")
            << good
            << QStringLiteral(
                   R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "Missing"}]})")
            << QStringLiteral("unknown type 'Missing'");
        QTest::newRow("duplicate field")
            << good
            << QStringLiteral(
                   R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "a", "type": "long"}]})")
            << QStringLiteral("two fields named 'a'");
        QTest::newRow("field without type")
            << good << QStringLiteral(R"({"type": "record", "name": "R", "fields": [{"name": "a"}]})")
            << QStringLiteral("the field 'R.a' has no \"type\"");
        QTest::newRow("invalid name")
            << good << QStringLiteral(R"({"type": "record", "name": "1R", "fields": []})")
            << QStringLiteral("'1R' is not a valid Avro name");
        QTest::newRow("type defined twice")
            << good
            << QStringLiteral(
                   R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": {"type": "record", "name": "R", "fields": []}}]})")
            << QStringLiteral("the type 'R' is defined twice");
        QTest::newRow("enum default not a symbol")
            << good << QStringLiteral(R"({"type": "enum", "name": "E", "symbols": ["A"], "default": "B"})")
            << QStringLiteral("the default 'B' of the enum 'E' is not one of its symbols");
        QTest::newRow("union in union") << good << QStringLiteral(R"(["null", ["int", "long"]])")
                                        << QStringLiteral("a union may not directly contain another union");
        QTest::newRow("duplicate union branch")
            << good << QStringLiteral(R"(["int", "int"])") << QStringLiteral("holds int twice");
        QTest::newRow("fixed without size") << good << QStringLiteral(R"({"type": "fixed", "name": "F"})")
                                            << QStringLiteral("the fixed 'F' has no valid \"size\"");
        QTest::newRow("bad reference")
            << good
            << QStringLiteral(R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]})")
            << QString();
    }

    void parseErrors()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, expected);
        SchemaText n {newText, {}};
        if (expected.isEmpty()) {
            // A reference that does not parse is named in the error.
            n.references.insert(QStringLiteral("com.acme.Broken"), QStringLiteral("{"));
            expected = QStringLiteral("reference 'com.acme.Broken': not valid JSON");
        }
        const SchemaDiffResult r = diffAvro(avro(oldText), n);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(r.changes.isEmpty());
    }

    void nestingIsBounded()
    {
        QString deep = QStringLiteral("\"int\"");
        for (int i = 0; i < 300; ++i) {
            deep = QStringLiteral(R"({"type": "array", "items": %1})").arg(deep);
        }
        const SchemaDiffResult r = diffAvro(avro(deep), avro(QStringLiteral("\"int\"")));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("deeper than")), qPrintable(r.error));
    }

    void invalidDefaultsBecomeNotes()
    {
        const QString old = QStringLiteral(R"({"type": "record", "name": "R", "fields": []})");
        SchemaDiffResult r = diffAvro(avro(old),
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", "string"], "default": "x"}]})")));
        QVERIFY(r.ok());
        QCOMPARE(r.notes.size(), 1);
        QVERIFY2(r.notes.front().contains(QLatin1String("later branch")), qPrintable(r.notes.front()));
        r = diffAvro(avro(old),
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": "x"}]})")));
        QCOMPARE(r.notes.size(), 1);
        QVERIFY2(r.notes.front().contains(QLatin1String("does not fit its type int")),
            qPrintable(r.notes.front()));
        r = diffAvro(avro(old),
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": 2147483648}]})")));
        QCOMPARE(r.notes.size(), 1);
        r = diffAvro(avro(old),
            avro(QStringLiteral(
                R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", "string"], "default": null}]})")));
        QVERIFY(r.notes.isEmpty());
    }

    void registryTypeNames()
    {
        QCOMPARE(formatFromRegistryType(QString()), SchemaFormat::Avro);
        QCOMPARE(formatFromRegistryType(QStringLiteral("AVRO")), SchemaFormat::Avro);
        QCOMPARE(formatFromRegistryType(QStringLiteral("PROTOBUF")), SchemaFormat::Protobuf);
        QCOMPARE(formatFromRegistryType(QStringLiteral("json")), SchemaFormat::JsonSchema);
        QVERIFY(!formatFromRegistryType(QStringLiteral("XML")));
        QCOMPARE(kindId(ChangeKind::FieldProbablyRenamed), QStringLiteral("field-probably-renamed"));
        QCOMPARE(effectId(Effect::Breaks), QStringLiteral("breaks"));
        QCOMPARE(worst(Effect::Guess, Effect::Ok), Effect::Guess);
        QCOMPARE(worst(Effect::Guess, Effect::Breaks), Effect::Breaks);
    }
};

int runAvroDiffTests(int argc, char **argv)
{
    AvroDiffTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_avrodiff.moc"
