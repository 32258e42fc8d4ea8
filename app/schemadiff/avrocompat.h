#pragma once
// Whether a reader schema can read every datum written with a writer schema: the schema
// resolution rules of the Avro specification, checked the way Apache Avro's Java
// SchemaCompatibility checks them (the check Confluent's and Apicurio's registries run):
//  - same primitive; int → long/float/double, long → float/double, float → double,
//    string ↔ bytes (promotions, writer → reader);
//  - records, enums, fixed: the same unqualified name, or the writer's full name among the
//    reader's aliases; fixed sizes equal; every writer enum symbol in the reader's symbols
//    unless the reader enum has a default;
//  - every reader field found in the writer by name or by one of the reader field's aliases,
//    else it needs a default; writer fields the reader lacks are skipped;
//  - a writer union: every branch readable; a reader union: some branch reads the writer;
//  - recursive types: a pair already being checked counts as compatible.
// Logical types are not part of the check (the data is its underlying type).

#include "avroschema.h"

#include <QList>
#include <QString>

#include <map>
#include <utility>

namespace edis::schemadiff::avro {

struct Incompatibility {
    QString path;
    QString message;
};

class Checker {
public:
    /// Every reason `reader` cannot read `writer`'s data; empty when it can.
    QList<Incompatibility> check(const Node *reader, const Node *writer, const QString &path);
    bool compatible(const Node *reader, const Node *writer);

    /// The writer field a reader field reads from: by name, then by the reader's aliases.
    /// `ambiguous` is set when several writer fields match (Avro refuses that).
    static const Field *lookupWriterField(
        const Node *writerRecord, const Field &readerField, bool *ambiguous);
    static bool namesMatch(const Node *reader, const Node *writer);
    static bool isPromotion(Type writer, Type reader);

private:
    QList<Incompatibility> compute(const Node *reader, const Node *writer, const QString &path);
    QList<Incompatibility> records(const Node *reader, const Node *writer, const QString &path);

    enum class State { InProgress, Done };
    struct Memo {
        State state = State::InProgress;
        QList<Incompatibility> result;
    };
    std::map<std::pair<const Node *, const Node *>, Memo> memo_;
};

} // namespace edis::schemadiff::avro
