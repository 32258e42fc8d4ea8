#pragma once
// The plain text diff shown beside the semantic one: both schemas pretty-printed the same way
// (Avro and JSON Schema as JSON indented by 2 with their keys in the order written; Protobuf as
// protoc prints the parsed file), then compared line by line with Myers' O(ND) algorithm in
// linear space, and cut into hunks with context as `diff -u` does.

#include "schemadiff.h"

#include <QList>
#include <QString>

namespace edis::schemadiff {

struct DiffLine {
    enum class Op { Context, Removed, Added };
    Op op = Op::Context;
    int oldLine = 0; ///< 1-based; 0 for an added line
    int newLine = 0; ///< 1-based; 0 for a removed line
    QString text;
};

struct DiffHunk {
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    QList<DiffLine> lines;

    /// "@@ -3,7 +3,8 @@"
    QString header() const;
};

struct TextDiff {
    QString oldText; ///< the texts compared, after pretty-printing
    QString newText;
    QList<DiffHunk> hunks;
    int added = 0;
    int removed = 0;
    /// Set when a text is over kMaxDiffLines lines (then no hunks).
    QString error;

    bool identical() const { return error.isEmpty() && hunks.isEmpty(); }
};

/// The line diff of two texts with `context` unchanged lines around each change.
TextDiff diffLines(const QString &oldText, const QString &newText, int context = 3);

/// The schema pretty-printed for the text diff; a text that does not parse is returned as it is.
QString canonicalText(SchemaFormat format, const SchemaText &schema);

/// diffLines() of the two canonical texts.
TextDiff diffCanonical(
    SchemaFormat format, const SchemaText &oldSchema, const SchemaText &newSchema, int context = 3);

/// The diff in unified format ("--- old", "+++ new", hunks).
QString renderUnified(const TextDiff &diff, const QString &oldLabel, const QString &newLabel);

} // namespace edis::schemadiff
