#include "textdiff.h"

#include "protobufschema.h"
#include "schemalimits.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QStringList>

#include <unordered_map>
#include <vector>

namespace edis::schemadiff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff", text);
}

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty()) {
        lines.removeLast(); // the newline that ends the last line
    }
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
    }
    return lines;
}

/// Myers' linear-space diff ("An O(ND) Difference Algorithm and Its Variations", 1986, section
/// 4b): the middle snake of the shortest edit script splits the problem in two, recursively; each
/// line ends up marked as changed or not, as GNU diff's compareseq does.
class Myers {
public:
    Myers(const std::vector<int> &a, const std::vector<int> &b)
        : a_(a)
        , b_(b)
        , removed_(a.size(), false)
        , added_(b.size(), false)
    {
        const auto size = a.size() + b.size() + 5; // 2 * ((n + m + 1) / 2) + 3 diagonals at most
        forward_.resize(size);
        backward_.resize(size);
        compare(0, static_cast<int>(a.size()), 0, static_cast<int>(b.size()));
    }

    const std::vector<bool> &removed() const { return removed_; }
    const std::vector<bool> &added() const { return added_; }

private:
    struct Snake {
        int x1, y1, x2, y2; // relative to the sub-problem; the lines between are equal
    };

    void compare(int aLo, int aHi, int bLo, int bHi)
    {
        while (aLo < aHi && bLo < bHi && a_[aLo] == b_[bLo]) {
            ++aLo;
            ++bLo;
        }
        while (aLo < aHi && bLo < bHi && a_[aHi - 1] == b_[bHi - 1]) {
            --aHi;
            --bHi;
        }
        if (aLo == aHi) {
            for (int j = bLo; j < bHi; ++j) {
                added_[j] = true;
            }
            return;
        }
        if (bLo == bHi) {
            for (int i = aLo; i < aHi; ++i) {
                removed_[i] = true;
            }
            return;
        }
        const Snake s = middleSnake(aLo, aHi, bLo, bHi);
        compare(aLo, aLo + s.x1, bLo, bLo + s.y1);
        compare(aLo + s.x2, aHi, bLo + s.y2, bHi);
    }

    Snake middleSnake(int aLo, int aHi, int bLo, int bHi)
    {
        const int n = aHi - aLo;
        const int m = bHi - bLo;
        const int delta = n - m;
        const bool odd = (delta & 1) != 0;
        const int max = (n + m + 1) / 2;
        const int offset = max + 1;
        std::fill(forward_.begin(), forward_.begin() + (2 * std::ptrdiff_t {offset}) + 1, 0);
        std::fill(backward_.begin(), backward_.begin() + (2 * std::ptrdiff_t {offset}) + 1, 0);
        const auto vf
            = [&](int k) -> int & { return forward_[static_cast<std::size_t>(std::ptrdiff_t {k} + offset)]; };
        const auto vb = [&](int k) -> int & {
            return backward_[static_cast<std::size_t>(std::ptrdiff_t {k} + offset)];
        };
        for (int d = 0; d <= max; ++d) {
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && vf(k - 1) < vf(k + 1))) ? vf(k + 1) : vf(k - 1) + 1;
                int y = x - k;
                const int sx = x;
                const int sy = y;
                while (x < n && y < m && a_[aLo + x] == b_[bLo + y]) {
                    ++x;
                    ++y;
                }
                vf(k) = x;
                const int kr = delta - k;
                if (odd && kr >= -(d - 1) && kr <= d - 1 && vf(k) + vb(kr) >= n) {
                    return {sx, sy, x, y};
                }
            }
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && vb(k - 1) < vb(k + 1))) ? vb(k + 1) : vb(k - 1) + 1;
                int y = x - k;
                const int sx = x;
                const int sy = y;
                while (x < n && y < m && a_[aHi - 1 - x] == b_[bHi - 1 - y]) {
                    ++x;
                    ++y;
                }
                vb(k) = x;
                const int kf = delta - k;
                if (!odd && kf >= -d && kf <= d && vf(kf) + vb(k) >= n) {
                    return {n - x, m - y, n - sx, m - sy};
                }
            }
        }
        return {0, 0, 0, 0}; // not reached: the paths meet by d = max
    }

    const std::vector<int> &a_;
    const std::vector<int> &b_;
    std::vector<bool> removed_;
    std::vector<bool> added_;
    std::vector<int> forward_;
    std::vector<int> backward_;
};

QString prettyJson(const QString &text)
{
    try {
        const auto j = nlohmann::ordered_json::parse(text.toStdString());
        return QString::fromStdString(j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
            + QLatin1Char('\n');
    } catch (const nlohmann::ordered_json::exception &) {
        return text;
    }
}

} // namespace

QString DiffHunk::header() const
{
    return QStringLiteral("@@ -%1,%2 +%3,%4 @@").arg(oldStart).arg(oldCount).arg(newStart).arg(newCount);
}

TextDiff diffLines(const QString &oldText, const QString &newText, int context)
{
    TextDiff out;
    out.oldText = oldText;
    out.newText = newText;
    const QStringList a = splitLines(oldText);
    const QStringList b = splitLines(newText);
    if (a.size() > kMaxDiffLines || b.size() > kMaxDiffLines) {
        out.error
            = tr("The texts are not compared line by line: they have more than %1 lines").arg(kMaxDiffLines);
        return out;
    }
    std::unordered_map<QString, int> ids;
    const auto intern = [&ids](const QStringList &lines) {
        std::vector<int> numbers;
        numbers.reserve(static_cast<std::size_t>(lines.size()));
        for (const QString &line : lines) {
            numbers.push_back(ids.try_emplace(line, static_cast<int>(ids.size())).first->second);
        }
        return numbers;
    };
    const std::vector<int> ia = intern(a);
    const std::vector<int> ib = intern(b);
    const Myers myers(ia, ib);

    // The edit script in order: within a change, removals before additions.
    QList<DiffLine> script;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && myers.removed()[static_cast<std::size_t>(i)]) {
            script.push_back({DiffLine::Op::Removed, i + 1, 0, a[i]});
            ++out.removed;
            ++i;
        } else if (j < b.size() && myers.added()[static_cast<std::size_t>(j)]) {
            script.push_back({DiffLine::Op::Added, 0, j + 1, b[j]});
            ++out.added;
            ++j;
        } else {
            script.push_back({DiffLine::Op::Context, i + 1, j + 1, a[i]});
            ++i;
            ++j;
        }
    }

    // Hunks: each change with `context` lines around it; hunks closer than 2 * context merge.
    context = std::max(context, 0);
    qsizetype k = 0;
    qsizetype counted = 0; // script lines before the current hunk, counted per side
    int oldBefore = 0;
    int newBefore = 0;
    while (k < script.size()) {
        if (script[k].op == DiffLine::Op::Context) {
            ++k;
            continue;
        }
        qsizetype start = std::max<qsizetype>(0, k - context);
        qsizetype end = k; // one past the last changed line of the hunk
        qsizetype scan = k;
        while (scan < script.size()) {
            if (script[scan].op != DiffLine::Op::Context) {
                end = scan + 1;
                ++scan;
                continue;
            }
            qsizetype run = scan;
            while (run < script.size() && script[run].op == DiffLine::Op::Context) {
                ++run;
            }
            if (run < script.size() && run - scan <= qsizetype {2} * context) {
                scan = run; // the next change is close: same hunk
                continue;
            }
            break;
        }
        const qsizetype stop = std::min(script.size(), end + context);
        DiffHunk h;
        for (qsizetype x = start; x < stop; ++x) {
            const DiffLine &line = script[x];
            h.lines.push_back(line);
            h.oldCount += line.op != DiffLine::Op::Added ? 1 : 0;
            h.newCount += line.op != DiffLine::Op::Removed ? 1 : 0;
        }
        for (; counted < start; ++counted) {
            oldBefore += script[counted].op != DiffLine::Op::Added ? 1 : 0;
            newBefore += script[counted].op != DiffLine::Op::Removed ? 1 : 0;
        }
        // A side with no line in the hunk starts at the line before it, as in `diff -u`.
        h.oldStart = h.oldCount > 0 ? oldBefore + 1 : oldBefore;
        h.newStart = h.newCount > 0 ? newBefore + 1 : newBefore;
        out.hunks.push_back(std::move(h));
        k = stop;
    }
    return out;
}

QString canonicalText(SchemaFormat format, const SchemaText &schema)
{
    if (format == SchemaFormat::Protobuf) {
        QString error;
        const auto parsed = proto::ProtoSchema::load(schema, &error);
        return parsed ? parsed->canonicalText() : schema.text;
    }
    return prettyJson(schema.text);
}

TextDiff diffCanonical(
    SchemaFormat format, const SchemaText &oldSchema, const SchemaText &newSchema, int context)
{
    return diffLines(canonicalText(format, oldSchema), canonicalText(format, newSchema), context);
}

QString renderUnified(const TextDiff &diff, const QString &oldLabel, const QString &newLabel)
{
    if (!diff.error.isEmpty()) {
        return diff.error + QLatin1Char('\n');
    }
    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(oldLabel, newLabel);
    for (const DiffHunk &h : diff.hunks) {
        out += h.header() + QLatin1Char('\n');
        for (const DiffLine &line : h.lines) {
            const QChar mark = line.op == DiffLine::Op::Added ? QLatin1Char('+')
                : line.op == DiffLine::Op::Removed            ? QLatin1Char('-')
                                                              : QLatin1Char(' ');
            out += mark + line.text + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace edis::schemadiff
