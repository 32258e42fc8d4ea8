#include "avrocompat.h"

#include <QCoreApplication>

namespace edis::schemadiff::avro {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::avro", text);
}

QString join(const QString &path, const QString &part)
{
    return path.isEmpty() ? part : path + QLatin1Char('.') + part;
}

} // namespace

bool Checker::isPromotion(Type writer, Type reader)
{
    switch (reader) {
    case Type::Long:
        return writer == Type::Int;
    case Type::Float:
        return writer == Type::Int || writer == Type::Long;
    case Type::Double:
        return writer == Type::Int || writer == Type::Long || writer == Type::Float;
    case Type::Bytes:
        return writer == Type::String;
    case Type::String:
        return writer == Type::Bytes;
    default:
        return false;
    }
}

bool Checker::namesMatch(const Node *reader, const Node *writer)
{
    return reader->name == writer->name || reader->aliases.contains(writer->fullName);
}

const Field *Checker::lookupWriterField(const Node *writerRecord, const Field &readerField, bool *ambiguous)
{
    const Field *found = writerRecord->field(readerField.name);
    int matches = found != nullptr ? 1 : 0;
    for (const QString &alias : readerField.aliases) {
        if (const Field *f = writerRecord->field(alias)) {
            found = f;
            ++matches;
        }
    }
    if (ambiguous != nullptr) {
        *ambiguous = matches > 1;
    }
    return matches == 1 ? found : nullptr;
}

bool Checker::compatible(const Node *reader, const Node *writer)
{
    return check(reader, writer, QString()).isEmpty();
}

QList<Incompatibility> Checker::check(const Node *reader, const Node *writer, const QString &path)
{
    const auto key = std::make_pair(reader, writer);
    const auto it = memo_.find(key);
    if (it != memo_.end()) {
        // In progress: a recursive type met itself; it is compatible unless shown otherwise.
        return it->second.state == State::Done ? it->second.result : QList<Incompatibility>();
    }
    memo_[key] = Memo {};
    QList<Incompatibility> result = compute(reader, writer, path);
    memo_[key] = Memo {State::Done, result};
    return result;
}

QList<Incompatibility> Checker::compute(const Node *reader, const Node *writer, const QString &path)
{
    if (writer->type == Type::Union) {
        // Every branch the writer may have written must be readable.
        QList<Incompatibility> out;
        for (const Node *branch : writer->branches) {
            if (!check(reader, branch, path).isEmpty()) {
                out << Incompatibility {path,
                    tr("the reader's %1 cannot read the writer's union branch %2")
                        .arg(describeRef(reader), describeRef(branch))};
            }
        }
        return out;
    }
    if (reader->type == Type::Union) {
        for (const Node *branch : reader->branches) {
            if (check(branch, writer, path).isEmpty()) {
                return {};
            }
        }
        return {Incompatibility {path,
            tr("the reader's union %1 has no branch for %2").arg(describe(reader), describeRef(writer))}};
    }
    if (reader->type != writer->type) {
        if (isPromotion(writer->type, reader->type)) {
            return {};
        }
        return {Incompatibility {path,
            tr("the reader's %1 cannot read the writer's %2").arg(describeRef(reader), describeRef(writer))}};
    }
    QList<Incompatibility> out;
    if (reader->isNamed() && !namesMatch(reader, writer)) {
        out << Incompatibility {path,
            tr("the reader's name %1 does not match the writer's %2")
                .arg(reader->fullName, writer->fullName)};
    }
    switch (reader->type) {
    case Type::Array:
        out << check(reader->items, writer->items, path + QStringLiteral("[]"));
        break;
    case Type::Map:
        out << check(reader->values, writer->values, path + QStringLiteral("{}"));
        break;
    case Type::Fixed:
        if (reader->size != writer->size) {
            out << Incompatibility {path,
                tr("the reader's fixed size %1 differs from the writer's %2")
                    .arg(reader->size)
                    .arg(writer->size)};
        }
        break;
    case Type::Enum: {
        QStringList missing;
        for (const QString &s : writer->symbols) {
            if (!reader->symbols.contains(s)) {
                missing << s;
            }
        }
        const bool readerDefault = reader->enumDefault && reader->symbols.contains(*reader->enumDefault);
        if (!missing.isEmpty() && !readerDefault) {
            out << Incompatibility {path,
                tr("the reader's enum lacks the writer's symbols %1")
                    .arg(missing.join(QStringLiteral(", ")))};
        }
        break;
    }
    case Type::Record:
        out << records(reader, writer, path);
        break;
    default:
        break;
    }
    return out;
}

QList<Incompatibility> Checker::records(const Node *reader, const Node *writer, const QString &path)
{
    QList<Incompatibility> out;
    for (const Field &rf : reader->fields) {
        const QString fieldPath = join(path, rf.name);
        bool ambiguous = false;
        const Field *wf = lookupWriterField(writer, rf, &ambiguous);
        if (ambiguous) {
            out << Incompatibility {fieldPath,
                tr("the reader's field '%1' matches several writer fields through its aliases").arg(rf.name)};
        } else if (wf == nullptr) {
            if (!rf.defaultValue) {
                out << Incompatibility {fieldPath,
                    tr("the reader's field '%1' is missing from the writer and has no default").arg(rf.name)};
            }
        } else {
            out << check(rf.type, wf->type, fieldPath);
        }
    }
    return out;
}

} // namespace edis::schemadiff::avro
