#pragma once
// Schema pairs with the changes and verdicts expected of them, per format. The schema texts live
// in plain .cpp files (no Q_OBJECT) so that moc never has to lex JSON inside raw strings.

#include "schemadiff.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace schemadifftest {

struct Case {
    Case(const char *caseName, QString oldSchema, QString newSchema, QStringList expectedChanges,
        edis::schemadiff::Effect expectedBackward, edis::schemadiff::Effect expectedForward)
        : name(caseName)
        , oldText(std::move(oldSchema))
        , newText(std::move(newSchema))
        , changes(std::move(expectedChanges))
        , backward(expectedBackward)
        , forward(expectedForward)
    {
    }

    const char *name;
    QString oldText;
    QString newText;
    /// Each change as "kind path backward forward", plus " heuristic" / " risk" when flagged.
    QStringList changes;
    edis::schemadiff::Effect backward = edis::schemadiff::Effect::Ok;
    edis::schemadiff::Effect forward = edis::schemadiff::Effect::Ok;
    QMap<QString, QString> oldReferences;
    QMap<QString, QString> newReferences;
};

std::vector<Case> avroCases();
std::vector<Case> protobufCases();
std::vector<Case> jsonSchemaCases();

/// The changes of a result in the form of Case::changes, sorted.
QStringList summarize(const edis::schemadiff::SchemaDiffResult &result);

using DiffFunction = edis::schemadiff::SchemaDiffResult (*)(
    const edis::schemadiff::SchemaText &, const edis::schemadiff::SchemaText &);

/// The columns and rows of a pairs_data() test function.
void addRows(const std::vector<Case> &cases);
/// The checks of one row: the changes, the verdict, the verdict matching the changes, one-line
/// explanations, and the pair swapped giving the swapped verdict.
void verifyRow(DiffFunction diff);

} // namespace schemadifftest
