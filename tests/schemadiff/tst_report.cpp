// The text report: verdict line, one line per change with its effects, the explanation under
// it, notes, and the failure and no-change cases.

#include "report.h"
#include "schemadiff.h"

#include <QTest>

using namespace edis::schemadiff;

class ReportTest : public QObject {
    Q_OBJECT

private slots:
    void changesWithEffectsAndExplanations()
    {
        const SchemaDiffResult r = diffAvro(
            {QStringLiteral(
                 R"({"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}, {"name": "email", "type": "string"}]})"),
                {}},
            {QStringLiteral(
                 R"({"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]})"),
                {}});
        const QString report = renderReport(r);
        const QStringList lines = report.split(QLatin1Char('\n'));
        QCOMPARE(lines[0], QStringLiteral("Avro schema diff: 1 change(s)"));
        QCOMPARE(lines[1], QStringLiteral("BACKWARD: ok   FORWARD: breaks   FULL: breaks"));
        QCOMPARE(lines[3], QStringLiteral("BACKWARD  FORWARD   CHANGE"));
        QCOMPARE(lines[4], QStringLiteral("ok        breaks    Order.email: field removed (string)"));
        QCOMPARE(lines[5],
            QStringLiteral(
                "                    Removing field 'email' without a default breaks FORWARD: consumers on "
                "the old schema cannot read new records"));
        QVERIFY(!renderReport(r, {false}).contains(QLatin1String("Removing field")));
    }

    void flagsNotesErrorsAndNoChange()
    {
        const SchemaDiffResult renamed = diffAvro(
            {QStringLiteral(
                 R"({"type": "record", "name": "R", "fields": [{"name": "mail", "type": "string"}]})"),
                {}},
            {QStringLiteral(
                 R"({"type": "record", "name": "R", "fields": [{"name": "email", "type": ["null", "string"], "default": "x"}]})"),
                {}});
        QVERIFY(renderReport(renamed).contains(QLatin1String("Note: New schema: the default")));
        const SchemaDiffResult guess = diffAvro(
            {QStringLiteral(
                 R"({"type": "record", "name": "R", "fields": [{"name": "mail", "type": "string"}]})"),
                {}},
            {QStringLiteral(
                 R"({"type": "record", "name": "R", "fields": [{"name": "email", "type": "string"}]})"),
                {}});
        QVERIFY(renderReport(guess).contains(
            QLatin1String("R.email: field probably renamed (a guess) (mail -> email) [guess]")));

        const SchemaDiffResult broken
            = diffProtobuf({QStringLiteral("message {"), {}}, {QStringLiteral("message {"), {}});
        QVERIFY(renderReport(broken).startsWith(
            QLatin1String("Protobuf schema diff: cannot compare: The old Protobuf schema")));

        const SchemaDiffResult same = diffJsonSchema({QStringLiteral("{}"), {}}, {QStringLiteral("{}"), {}});
        QCOMPARE(renderReport(same),
            QStringLiteral(
                "JSON Schema schema diff: no semantic changes\nBACKWARD: ok   FORWARD: ok   FULL: ok\n"));
    }
};

int runReportTests(int argc, char **argv)
{
    ReportTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_report.moc"
