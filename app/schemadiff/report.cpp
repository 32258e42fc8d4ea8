#include "report.h"

#include <QCoreApplication>

#include <algorithm>

namespace edis::schemadiff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::report", text);
}

QString values(const Change &c)
{
    if (!c.before.isEmpty() && !c.after.isEmpty()) {
        return QStringLiteral(" (%1 -> %2)").arg(c.before, c.after);
    }
    if (!c.after.isEmpty()) {
        return QStringLiteral(" (%1)").arg(c.after);
    }
    if (!c.before.isEmpty()) {
        return QStringLiteral(" (%1)").arg(c.before);
    }
    return {};
}

QString padded(const QString &s, qsizetype width)
{
    return s.leftJustified(width, QLatin1Char(' '));
}

} // namespace

QString renderReport(const SchemaDiffResult &result, const ReportOptions &options)
{
    const QString format = formatName(result.format);
    if (!result.ok()) {
        return tr("%1 schema diff: cannot compare: %2\n").arg(format, result.error);
    }
    QString out;
    if (result.changes.isEmpty()) {
        out += tr("%1 schema diff: no semantic changes\n").arg(format);
    } else {
        out += QCoreApplication::translate("edis::schemadiff::report", "%1 schema diff: %n change(s)\n",
            nullptr, static_cast<int>(result.changes.size()))
                   .arg(format);
    }
    out += tr("BACKWARD: %1   FORWARD: %2   FULL: %3\n")
               .arg(effectLabel(result.verdict.backward), effectLabel(result.verdict.forward),
                   effectLabel(result.verdict.full));
    for (const QString &note : result.notes) {
        out += tr("Note: %1\n").arg(note);
    }
    if (result.changes.isEmpty()) {
        return out;
    }
    const QString backward = tr("BACKWARD");
    const QString forward = tr("FORWARD");
    qsizetype width = std::max(backward.size(), forward.size()) + 2;
    for (const Effect e : {Effect::Ok, Effect::Guess, Effect::Breaks}) {
        width = std::max(width, effectLabel(e).size() + 2);
    }
    const QString indent(2 * width, QLatin1Char(' '));
    out += QLatin1Char('\n') + padded(backward, width) + padded(forward, width) + tr("CHANGE")
        + QLatin1Char('\n');
    for (const Change &c : result.changes) {
        QString line = padded(effectLabel(c.backward), width) + padded(effectLabel(c.forward), width);
        line += (c.path.isEmpty() ? tr("(root)") : c.path) + QStringLiteral(": ") + kindLabel(c.kind)
            + values(c);
        if (c.heuristic) {
            line += tr(" [guess]");
        }
        if (c.risk) {
            line += tr(" [risk]");
        }
        out += line + QLatin1Char('\n');
        if (options.explanations && !c.explanation.isEmpty()) {
            out += indent + c.explanation + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace edis::schemadiff
