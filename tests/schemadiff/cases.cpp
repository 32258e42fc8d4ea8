#include "cases.h"

#include <QTest>

using namespace edis::schemadiff;

Q_DECLARE_METATYPE(edis::schemadiff::Effect)

namespace schemadifftest {

QStringList summarize(const SchemaDiffResult &result)
{
    QStringList out;
    for (const Change &c : result.changes) {
        QString line = QStringLiteral("%1 %2 %3 %4")
                           .arg(kindId(c.kind), c.path, effectId(c.backward), effectId(c.forward));
        if (c.heuristic) {
            line += QStringLiteral(" heuristic");
        }
        if (c.risk) {
            line += QStringLiteral(" risk");
        }
        out << line;
    }
    out.sort();
    return out;
}

namespace {

QVariantMap toVariant(const QMap<QString, QString> &map)
{
    QVariantMap out;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        out.insert(it.key(), it.value());
    }
    return out;
}

SchemaText schemaText(const QString &text, const QVariantMap &references)
{
    SchemaText s {text, {}};
    for (auto it = references.cbegin(); it != references.cend(); ++it) {
        s.references.insert(it.key(), it.value().toString());
    }
    return s;
}

} // namespace

void addRows(const std::vector<Case> &cases)
{
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<Effect>("backward");
    QTest::addColumn<Effect>("forward");
    QTest::addColumn<QVariantMap>("oldRefs");
    QTest::addColumn<QVariantMap>("newRefs");
    for (const Case &c : cases) {
        QTest::newRow(c.name) << c.oldText << c.newText << c.changes << c.backward << c.forward
                              << toVariant(c.oldReferences) << toVariant(c.newReferences);
    }
}

void verifyRow(DiffFunction diff)
{
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(QStringList, changes);
    QFETCH(Effect, backward);
    QFETCH(Effect, forward);
    QFETCH(QVariantMap, oldRefs);
    QFETCH(QVariantMap, newRefs);
    const SchemaText o = schemaText(oldText, oldRefs);
    const SchemaText n = schemaText(newText, newRefs);
    const SchemaDiffResult r = diff(o, n);
    QVERIFY2(r.ok(), qPrintable(r.error));
    changes.sort();
    QCOMPARE(summarize(r), changes);
    QCOMPARE(r.verdict.backward, backward);
    QCOMPARE(r.verdict.forward, forward);
    QCOMPARE(r.verdict.full, worst(backward, forward));
    // The changes carry the verdict's reasons: a mode breaks exactly when some change breaks it.
    const Verdict local = verdictOf(r.changes);
    QCOMPARE(local.backward == Effect::Breaks, backward == Effect::Breaks);
    QCOMPARE(local.forward == Effect::Breaks, forward == Effect::Breaks);
    for (const Change &c : r.changes) {
        QVERIFY2(!c.explanation.isEmpty(), qPrintable(kindId(c.kind)));
        QVERIFY2(!c.explanation.contains(QLatin1Char('\n')), qPrintable(c.explanation));
        QVERIFY2(!c.explanation.contains(QLatin1Char('%')), qPrintable(c.explanation));
    }
    // Swapping the sides swaps the verdict.
    const SchemaDiffResult swapped = diff(n, o);
    QVERIFY2(swapped.ok(), qPrintable(swapped.error));
    QCOMPARE(swapped.verdict.backward == Effect::Breaks, forward == Effect::Breaks);
    QCOMPARE(swapped.verdict.forward == Effect::Breaks, backward == Effect::Breaks);
}

} // namespace schemadifftest
