// The plain text diff: hunks and headers as `diff -u` writes them, a minimal edit script (checked
// against an O(N·M) longest common subsequence on random texts), canonical pretty-printing per
// format, the line bound.

#include "schemadiff.h"
#include "schemalimits.h"
#include "textdiff.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace edis::schemadiff;

namespace {

QString lines(std::initializer_list<const char *> items)
{
    QString out;
    for (const char *item : items) {
        out += QString::fromLatin1(item) + QLatin1Char('\n');
    }
    return out;
}

/// The new text rebuilt from the old one and the hunks.
QStringList apply(const QStringList &old, const TextDiff &diff)
{
    QStringList out;
    int next = 1; // next old line to copy
    for (const DiffHunk &h : diff.hunks) {
        const int first = h.oldCount > 0 ? h.oldStart : h.oldStart + 1;
        while (next < first) {
            out << old[next - 1];
            ++next;
        }
        for (const DiffLine &line : h.lines) {
            if (line.op == DiffLine::Op::Removed) {
                ++next;
            } else if (line.op == DiffLine::Op::Added) {
                out << line.text;
            } else {
                out << old[next - 1];
                ++next;
            }
        }
    }
    while (next <= old.size()) {
        out << old[next - 1];
        ++next;
    }
    return out;
}

int lcs(const QStringList &a, const QStringList &b)
{
    std::vector<std::vector<int>> t(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (qsizetype i = a.size() - 1; i >= 0; --i) {
        for (qsizetype j = b.size() - 1; j >= 0; --j) {
            t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
        }
    }
    return t[0][0];
}

} // namespace

class TextDiffTest : public QObject {
    Q_OBJECT

private slots:
    void identicalTextsHaveNoHunks()
    {
        const TextDiff d = diffLines(lines({"a", "b"}), lines({"a", "b"}));
        QVERIFY(d.identical());
        QCOMPARE(d.added, 0);
        QCOMPARE(d.removed, 0);
    }

    void oneChangeWithContext()
    {
        const TextDiff d = diffLines(lines({"1", "2", "3", "4", "5", "6", "7", "8", "9"}),
            lines({"1", "2", "3", "4", "five", "6", "7", "8", "9"}));
        QCOMPARE(d.hunks.size(), 1);
        const DiffHunk &h = d.hunks.front();
        QCOMPARE(h.header(), QStringLiteral("@@ -2,7 +2,7 @@"));
        QCOMPARE(h.lines.size(), 8);
        QCOMPARE(h.lines[3].op, DiffLine::Op::Removed);
        QCOMPARE(h.lines[3].text, QStringLiteral("5"));
        QCOMPARE(h.lines[3].oldLine, 5);
        QCOMPARE(h.lines[4].op, DiffLine::Op::Added);
        QCOMPARE(h.lines[4].text, QStringLiteral("five"));
        QCOMPARE(h.lines[4].newLine, 5);
        QCOMPARE(d.added, 1);
        QCOMPARE(d.removed, 1);
    }

    void unifiedRendering()
    {
        const TextDiff d = diffLines(lines({"a", "b", "c"}), lines({"a", "c", "d"}), 1);
        QCOMPARE(renderUnified(d, QStringLiteral("v1"), QStringLiteral("v2")),
            QStringLiteral("--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n"));
    }

    void emptySides()
    {
        TextDiff d = diffLines(QString(), lines({"a", "b"}));
        QCOMPARE(d.hunks.size(), 1);
        QCOMPARE(d.hunks.front().header(), QStringLiteral("@@ -0,0 +1,2 @@"));
        d = diffLines(lines({"a", "b"}), QString());
        QCOMPARE(d.hunks.front().header(), QStringLiteral("@@ -1,2 +0,0 @@"));
        d = diffLines(lines({"a", "b", "c", "d", "e"}), lines({"a", "b", "c", "d", "e", "f"}), 0);
        QCOMPARE(d.hunks.front().header(), QStringLiteral("@@ -5,0 +6,1 @@"));
    }

    void distantChangesSplitCloseOnesMerge()
    {
        QStringList base;
        for (int i = 1; i <= 30; ++i) {
            base << QString::number(i);
        }
        QStringList far = base;
        far[1] = QStringLiteral("x");
        far[25] = QStringLiteral("y");
        QCOMPARE(diffLines(base.join(QLatin1Char('\n')), far.join(QLatin1Char('\n'))).hunks.size(), 2);
        QStringList near = base;
        near[1] = QStringLiteral("x");
        near[7] = QStringLiteral("y"); // 5 unchanged lines between: within 2 * 3
        QCOMPARE(diffLines(base.join(QLatin1Char('\n')), near.join(QLatin1Char('\n'))).hunks.size(), 1);
    }

    void crlfIsOneLineEnding()
    {
        QVERIFY(diffLines(QStringLiteral("a\r\nb\r\n"), QStringLiteral("a\nb\n")).identical());
    }

    void minimalAndCorrectOnRandomTexts()
    {
        QRandomGenerator rng(18);
        for (int round = 0; round < 300; ++round) {
            QStringList a;
            QStringList b;
            const int n = static_cast<int>(rng.bounded(40));
            const int m = static_cast<int>(rng.bounded(40));
            for (int i = 0; i < n; ++i) {
                a << QString(QChar(u'a' + static_cast<char16_t>(rng.bounded(4))));
            }
            for (int i = 0; i < m; ++i) {
                b << QString(QChar(u'a' + static_cast<char16_t>(rng.bounded(4))));
            }
            const TextDiff d = diffLines(
                a.join(QLatin1Char('\n')), b.join(QLatin1Char('\n')), static_cast<int>(rng.bounded(4)));
            QCOMPARE(apply(a, d), b);
            QCOMPARE(d.added + d.removed, static_cast<int>(a.size() + b.size()) - 2 * lcs(a, b));
        }
    }

    void canonicalJsonKeepsKeyOrder()
    {
        const SchemaText compact {QStringLiteral(R"({"type":"record","name":"R","fields":[]})"), {}};
        QCOMPARE(canonicalText(SchemaFormat::Avro, compact),
            QStringLiteral("{\n  \"type\": \"record\",\n  \"name\": \"R\",\n  \"fields\": []\n}\n"));
        const SchemaText spaced {
            QStringLiteral("{ \"type\" : \"record\",\n\n \"name\":\"R\", \"fields\" : [ ] }"), {}};
        QVERIFY(diffCanonical(SchemaFormat::Avro, compact, spaced).identical());
        const SchemaText broken {QStringLiteral("{not json"), {}};
        QCOMPARE(canonicalText(SchemaFormat::JsonSchema, broken), broken.text);
    }

    void canonicalProtobufDropsCommentsAndLayout()
    {
        const SchemaText a {
            QStringLiteral("syntax = \"proto3\";\n// orders\nmessage Order {\n  int64 id = 1; // id\n}\n"),
            {}};
        const SchemaText b {QStringLiteral("syntax = \"proto3\"; message Order { int64   id=1; }"), {}};
        QVERIFY(diffCanonical(SchemaFormat::Protobuf, a, b).identical());
        QVERIFY2(canonicalText(SchemaFormat::Protobuf, a).contains(QLatin1String("int64 id = 1;")),
            qPrintable(canonicalText(SchemaFormat::Protobuf, a)));
    }

    void tooManyLinesIsRefused()
    {
        const QString big = QString(QStringLiteral("x\n")).repeated(kMaxDiffLines + 1);
        const TextDiff d = diffLines(big, QStringLiteral("x\n"));
        QVERIFY(!d.error.isEmpty());
        QVERIFY(!d.identical());
        QVERIFY(d.hunks.isEmpty());
        QVERIFY2(d.error.contains(QString::number(kMaxDiffLines)), qPrintable(d.error));
    }
};

int runTextDiffTests(int argc, char **argv)
{
    TextDiffTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_textdiff.moc"
