// diffProtobuf: messages compared by name and their fields by NUMBER, each change with the
// effect Confluent's Protobuf checker gives it (schema-registry, protobuf-provider, package
// io.confluent.kafka.schemaregistry.protobuf.diff): BACKWARD is compare(old, new) and FORWARD is
// compare(new, old), a difference type is compatible when it is in SchemaDiff.COMPATIBLE_CHANGES
// (package, message added/moved, enums and their constants, fields added/removed/renamed,
// string/bytes label changes, oneofs added/removed, a field added to a oneof). So removing a
// message breaks BACKWARD and adding one breaks FORWARD, a field removed from a oneof breaks
// BACKWARD, a numeric label change or a change of kind (scalar/message/map), of scalar group or
// of message type breaks both. Where that checker passes a change that can still misread data
// on the wire (int64 read as int32, bytes read as string, singular read as packed), the effect
// is Guess; hazards for later versions (a number removed without `reserved`, a JSON name
// change) are marked as risks.

#include "protobufschema.h"
#include "schemadiff.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <QCoreApplication>

#include <map>
#include <set>
#include <utility>

namespace edis::schemadiff {

namespace {

namespace pb = google::protobuf;
using pb::Descriptor;
using pb::EnumDescriptor;
using pb::FieldDescriptor;
using pb::FileDescriptor;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::proto", text);
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString join(const QString &path, const QString &part)
{
    return path.isEmpty() ? part : path + QLatin1Char('.') + part;
}

enum class Kind { Scalar, Message, Map };

/// Confluent's scalar groups (FieldSchemaDiff.ScalarKind), after the protobuf language guide's
/// "Updating a message type": a change inside a group keeps the wire format.
enum class ScalarGroup { GeneralNumber, SignedNumber, StringOrBytes, Fixed32, Fixed64, Float, Double };

Kind kindOf(const FieldDescriptor *f)
{
    if (f->is_map()) {
        return Kind::Map;
    }
    return f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE ? Kind::Message : Kind::Scalar;
}

ScalarGroup groupOf(FieldDescriptor::Type t)
{
    switch (t) {
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SINT64:
        return ScalarGroup::SignedNumber;
    case FieldDescriptor::TYPE_STRING:
    case FieldDescriptor::TYPE_BYTES:
        return ScalarGroup::StringOrBytes;
    case FieldDescriptor::TYPE_FIXED32:
    case FieldDescriptor::TYPE_SFIXED32:
        return ScalarGroup::Fixed32;
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64:
        return ScalarGroup::Fixed64;
    case FieldDescriptor::TYPE_FLOAT:
        return ScalarGroup::Float;
    case FieldDescriptor::TYPE_DOUBLE:
        return ScalarGroup::Double;
    default: // int32, int64, uint32, uint64, bool, enum
        return ScalarGroup::GeneralNumber;
    }
}

/// Whether a reader of type `reader` reads every value a writer of `writer` can put on the wire
/// as the same value (within one scalar group).
bool readsExactly(const FieldDescriptor *reader, const FieldDescriptor *writer)
{
    const FieldDescriptor::Type r = reader->type();
    const FieldDescriptor::Type w = writer->type();
    if (r == w) {
        return r != FieldDescriptor::TYPE_ENUM
            || reader->enum_type()->full_name() == writer->enum_type()->full_name();
    }
    switch (r) {
    case FieldDescriptor::TYPE_INT64:
        return w == FieldDescriptor::TYPE_INT32 || w == FieldDescriptor::TYPE_UINT32
            || w == FieldDescriptor::TYPE_BOOL || w == FieldDescriptor::TYPE_ENUM;
    case FieldDescriptor::TYPE_INT32:
        return w == FieldDescriptor::TYPE_BOOL || w == FieldDescriptor::TYPE_ENUM;
    case FieldDescriptor::TYPE_UINT64:
        return w == FieldDescriptor::TYPE_UINT32 || w == FieldDescriptor::TYPE_BOOL;
    case FieldDescriptor::TYPE_UINT32:
        return w == FieldDescriptor::TYPE_BOOL;
    case FieldDescriptor::TYPE_SINT64:
        return w == FieldDescriptor::TYPE_SINT32;
    case FieldDescriptor::TYPE_BYTES:
        return w == FieldDescriptor::TYPE_STRING;
    default:
        return false;
    }
}

/// The label as written in the .proto text; proto3 singular fields have none.
enum class Label { None, Optional, Required, Repeated };

Label labelOf(const FieldDescriptor *f)
{
    if (f->is_repeated()) {
        return Label::Repeated;
    }
    if (f->is_required()) {
        return Label::Required;
    }
    return f->has_optional_keyword() ? Label::Optional : Label::None;
}

QString labelName(Label l)
{
    switch (l) {
    case Label::Optional:
        return QStringLiteral("optional");
    case Label::Required:
        return QStringLiteral("required");
    case Label::Repeated:
        return QStringLiteral("repeated");
    case Label::None:
        break;
    }
    return tr("singular");
}

/// A type's name relative to its package ("Order.Item"), as Confluent compares named types.
QString localName(const std::string &fullName, const FileDescriptor *file)
{
    const std::string &package = file->package();
    if (!package.empty() && fullName.size() > package.size()
        && fullName.compare(0, package.size(), package) == 0 && fullName[package.size()] == '.') {
        return qs(fullName.substr(package.size() + 1));
    }
    return qs(fullName);
}

QString typeLabel(const FieldDescriptor *f)
{
    if (f->is_map()) {
        const Descriptor *entry = f->message_type();
        return QStringLiteral("map<%1, %2>").arg(typeLabel(entry->map_key()), typeLabel(entry->map_value()));
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        return qs(f->message_type()->full_name());
    }
    if (f->type() == FieldDescriptor::TYPE_ENUM) {
        return qs(f->enum_type()->full_name());
    }
    return QString::fromLatin1(f->type_name());
}

QString describe(const FieldDescriptor *f)
{
    const Label l = labelOf(f);
    const QString prefix = l == Label::None || f->is_map() ? QString() : labelName(l) + QLatin1Char(' ');
    return QStringLiteral("%1%2 %3 = %4").arg(prefix, typeLabel(f), qs(f->name())).arg(f->number());
}

QString oneofOf(const FieldDescriptor *f)
{
    const pb::OneofDescriptor *o = f->real_containing_oneof();
    return o != nullptr ? qs(o->name()) : QString();
}

bool hasOneof(const Descriptor *m, const QString &name)
{
    const pb::OneofDescriptor *o = m->FindOneofByName(name.toStdString());
    return o != nullptr && !o->is_synthetic();
}

/// The oneofs written in the text (not the synthetic ones of proto3 `optional` fields).
std::vector<const pb::OneofDescriptor *> realOneofs(const Descriptor *m)
{
    std::vector<const pb::OneofDescriptor *> out;
    for (int i = 0; i < m->oneof_decl_count(); ++i) {
        if (!m->oneof_decl(i)->is_synthetic()) {
            out.push_back(m->oneof_decl(i));
        }
    }
    return out;
}

template <typename T, typename Get>
std::vector<const T *> listOf(int count, Get get)
{
    std::vector<const T *> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        out.push_back(get(i));
    }
    return out;
}

class ProtoDiffer {
public:
    ProtoDiffer(const FileDescriptor *oldFile, const FileDescriptor *newFile)
        : old_(oldFile)
        , new_(newFile)
    {
    }

    QList<Change> run()
    {
        fileLevel();
        types(listOf<Descriptor>(old_->message_type_count(), [this](int i) { return old_->message_type(i); }),
            listOf<Descriptor>(new_->message_type_count(), [this](int i) { return new_->message_type(i); }),
            listOf<EnumDescriptor>(old_->enum_type_count(), [this](int i) { return old_->enum_type(i); }),
            listOf<EnumDescriptor>(new_->enum_type_count(), [this](int i) { return new_->enum_type(i); }),
            QString());
        return changes_;
    }

private:
    void add(Change c) { changes_.push_back(std::move(c)); }

    void fileLevel()
    {
        if (old_->package() != new_->package()) {
            Change c;
            c.kind = ChangeKind::PackageChanged;
            c.before = qs(old_->package());
            c.after = qs(new_->package());
            c.risk = true;
            c.explanation
                = tr("Changing the package from '%1' to '%2' passes Confluent's check (messages are "
                     "matched by their name inside the package), but every full type name changes: Any "
                     "fields and code generated from the schema see other types")
                      .arg(c.before, c.after);
            add(c);
        }
        if (old_->syntax() != new_->syntax()) {
            Change c;
            c.kind = ChangeKind::SyntaxChanged;
            c.before = QString::fromLatin1(FileDescriptor::SyntaxName(old_->syntax()));
            c.after = QString::fromLatin1(FileDescriptor::SyntaxName(new_->syntax()));
            c.risk = true;
            c.explanation
                = tr("The syntax changes from %1 to %2: Confluent's check does not look at it, but field "
                     "presence, packed encoding of repeated numbers and closed enums differ between them")
                      .arg(c.before, c.after);
            add(c);
        }
    }

    template <typename T>
    static std::map<QString, std::pair<const T *, int>> byName(const std::vector<const T *> &list)
    {
        std::map<QString, std::pair<const T *, int>> out;
        int index = 0;
        for (const T *t : list) {
            out[qs(t->name())] = {t, index++};
        }
        return out;
    }

    void types(const std::vector<const Descriptor *> &oldMessages,
        const std::vector<const Descriptor *> &newMessages,
        const std::vector<const EnumDescriptor *> &oldEnums,
        const std::vector<const EnumDescriptor *> &newEnums, const QString &scope)
    {
        const auto isEntry = [](const Descriptor *d) { return d->options().map_entry(); };
        std::vector<const Descriptor *> om;
        std::vector<const Descriptor *> nm;
        std::copy_if(oldMessages.cbegin(), oldMessages.cend(), std::back_inserter(om), std::not_fn(isEntry));
        std::copy_if(newMessages.cbegin(), newMessages.cend(), std::back_inserter(nm), std::not_fn(isEntry));
        const auto oldByName = byName(om);
        const auto newByName = byName(nm);
        for (const auto &[name, entry] : newByName) {
            const auto it = oldByName.find(name);
            const QString path = join(scope, name);
            if (it == oldByName.end()) {
                Change c;
                c.path = path;
                c.kind = ChangeKind::MessageAdded;
                c.forward = Effect::Breaks;
                c.explanation
                    = tr("Adding the message %1 breaks FORWARD in Confluent's check, which compares the "
                         "schemas the other way for FORWARD and then finds a message removed; BACKWARD "
                         "holds")
                          .arg(name);
                add(c);
                continue;
            }
            message(it->second.first, entry.first, path);
            if (it->second.second != entry.second) {
                Change c;
                c.path = path;
                c.kind = ChangeKind::MessageMoved;
                c.before = QString::number(it->second.second);
                c.after = QString::number(entry.second);
                c.explanation
                    = tr("The message %1 moves from index %2 to %3 in its scope: compatible both ways (a "
                         "record's message indexes refer to the schema it was written with)")
                          .arg(name, c.before, c.after);
                add(c);
            }
        }
        for (const auto &[name, entry] : oldByName) {
            if (newByName.find(name) != newByName.end()) {
                continue;
            }
            Change c;
            c.path = join(scope, name);
            c.kind = ChangeKind::MessageRemoved;
            c.backward = Effect::Breaks;
            c.explanation
                = tr("Removing the message %1 breaks BACKWARD: records written with it have no type in the "
                     "new schema")
                      .arg(name);
            add(c);
        }
        const auto oldEnumsByName = byName(oldEnums);
        const auto newEnumsByName = byName(newEnums);
        for (const auto &[name, entry] : newEnumsByName) {
            const auto it = oldEnumsByName.find(name);
            if (it != oldEnumsByName.end()) {
                enumValues(it->second.first, entry.first, join(scope, name));
                continue;
            }
            Change c;
            c.path = join(scope, name);
            c.kind = ChangeKind::EnumAdded;
            c.explanation = tr("Adding the enum %1 is compatible both ways").arg(name);
            add(c);
        }
        for (const auto &[name, entry] : oldEnumsByName) {
            if (newEnumsByName.find(name) == newEnumsByName.end()) {
                Change c;
                c.path = join(scope, name);
                c.kind = ChangeKind::EnumRemoved;
                c.explanation
                    = tr("Removing the enum %1 is compatible both ways in Confluent's check (fields using it "
                         "are checked on their own)")
                          .arg(name);
                add(c);
            }
        }
    }

    void message(const Descriptor *o, const Descriptor *n, const QString &path)
    {
        if (!visited_.insert({o, n}).second) {
            return;
        }
        const std::map<int, QString> backwardOneofProblems = oneofMoves(o, n);
        const std::map<int, QString> forwardOneofProblems = oneofMoves(n, o);
        std::set<int> numbers;
        for (int i = 0; i < o->field_count(); ++i) {
            numbers.insert(o->field(i)->number());
        }
        for (int i = 0; i < n->field_count(); ++i) {
            numbers.insert(n->field(i)->number());
        }
        for (const int number : numbers) {
            const FieldDescriptor *of = o->FindFieldByNumber(number);
            const FieldDescriptor *nf = n->FindFieldByNumber(number);
            if (of != nullptr && nf != nullptr) {
                field(of, nf, join(path, qs(nf->name())));
                oneofMembership(
                    of, nf, join(path, qs(nf->name())), backwardOneofProblems, forwardOneofProblems);
            } else if (nf != nullptr) {
                addedField(o, nf, join(path, qs(nf->name())));
            } else {
                removedField(n, of, join(path, qs(of->name())));
            }
        }
        oneofs(o, n, path);
        reserved(o, n, path);
        types(listOf<Descriptor>(o->nested_type_count(), [o](int i) { return o->nested_type(i); }),
            listOf<Descriptor>(n->nested_type_count(), [n](int i) { return n->nested_type(i); }),
            listOf<EnumDescriptor>(o->enum_type_count(), [o](int i) { return o->enum_type(i); }),
            listOf<EnumDescriptor>(n->enum_type_count(), [n](int i) { return n->enum_type(i); }), path);
    }

    /// Confluent's oneof checks for `to` read against `from` (MessageSchemaDiff): a oneof of
    /// `to` that takes in more than one field that was a plain field of `from`
    /// (MULTIPLE_FIELDS_MOVED_TO_ONEOF), or one such field beside fields that were already in a
    /// oneof (FIELD_MOVED_TO_EXISTING_ONEOF), is incompatible. Returns the numbers of the moved
    /// fields of such oneofs, with the reason.
    static std::map<int, QString> oneofMoves(const Descriptor *from, const Descriptor *to)
    {
        std::map<int, QString> out;
        for (const pb::OneofDescriptor *oneof : realOneofs(to)) {
            std::vector<int> moved;
            int existing = 0;
            for (int j = 0; j < oneof->field_count(); ++j) {
                const FieldDescriptor *before = from->FindFieldByNumber(oneof->field(j)->number());
                if (before == nullptr) {
                    continue;
                }
                if (before->real_containing_oneof() == nullptr) {
                    moved.push_back(before->number());
                } else {
                    ++existing;
                }
            }
            QString reason;
            if (moved.size() > 1) {
                reason = tr(
                    "several plain fields move into the oneof '%1', so a record that set more than one of "
                    "them keeps only one")
                             .arg(qs(oneof->name()));
            } else if (moved.size() == 1 && existing > 0) {
                reason
                    = tr("a plain field moves into the oneof '%1' beside fields that were already in a oneof")
                          .arg(qs(oneof->name()));
            }
            if (!reason.isEmpty()) {
                for (const int number : moved) {
                    out[number] = reason;
                }
            }
        }
        return out;
    }

    void oneofMembership(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path,
        const std::map<int, QString> &backwardProblems, const std::map<int, QString> &forwardProblems)
    {
        const QString oldOneof = oneofOf(of);
        const QString newOneof = oneofOf(nf);
        if (oldOneof == newOneof) {
            return;
        }
        Change c;
        c.path = path;
        c.kind = newOneof.isEmpty() ? ChangeKind::FieldMovedOutOfOneof : ChangeKind::FieldMovedIntoOneof;
        c.before = oldOneof;
        c.after = newOneof;
        const auto bw = backwardProblems.find(nf->number());
        const auto fw = forwardProblems.find(nf->number());
        c.backward = bw != backwardProblems.end() ? Effect::Breaks : Effect::Ok;
        c.forward = fw != forwardProblems.end() ? Effect::Breaks : Effect::Ok;
        const QString what = newOneof.isEmpty()
            ? tr("Moving '%1' out of the oneof '%2'").arg(qs(nf->name()), oldOneof)
            : (oldOneof.isEmpty()
                    ? tr("Moving '%1' into the oneof '%2'").arg(qs(nf->name()), newOneof)
                    : tr("Moving '%1' from the oneof '%2' to '%3'").arg(qs(nf->name()), oldOneof, newOneof));
        if (c.backward == Effect::Breaks) {
            c.explanation = tr("%1 breaks BACKWARD: %2").arg(what, bw->second);
        } else if (c.forward == Effect::Breaks) {
            c.explanation = tr("%1 breaks FORWARD (the other way round %2)").arg(what, fw->second);
        } else {
            c.explanation
                = tr("%1 is compatible both ways: the field number and its wire format stay").arg(what);
        }
        add(c);
    }

    void oneofs(const Descriptor *o, const Descriptor *n, const QString &path)
    {
        for (const pb::OneofDescriptor *oneof : realOneofs(n)) {
            const QString name = qs(oneof->name());
            if (!hasOneof(o, name)) {
                Change c;
                c.path = join(path, name);
                c.kind = ChangeKind::OneofAdded;
                c.explanation = tr("Adding the oneof '%1' is compatible both ways").arg(name);
                add(c);
            }
        }
        for (const pb::OneofDescriptor *oneof : realOneofs(o)) {
            const QString name = qs(oneof->name());
            if (!hasOneof(n, name)) {
                Change c;
                c.path = join(path, name);
                c.kind = ChangeKind::OneofRemoved;
                c.explanation = tr("Removing the oneof '%1' is compatible both ways").arg(name);
                add(c);
            }
        }
    }

    void addedField(const Descriptor *o, const FieldDescriptor *nf, const QString &path)
    {
        Change c;
        c.path = path;
        c.kind = ChangeKind::FieldAdded;
        c.after = describe(nf);
        const QString oneof = oneofOf(nf);
        if (nf->is_required()) {
            c.backward = Effect::Breaks;
            c.forward = Effect::Breaks;
            c.explanation
                = tr("Adding the required field '%1' breaks BACKWARD and FORWARD: old records lack it, and "
                     "Confluent's check refuses adding or removing a required field either way")
                      .arg(qs(nf->name()));
        } else if (!oneof.isEmpty() && hasOneof(o, oneof)) {
            c.forward = Effect::Breaks;
            c.explanation
                = tr("Adding '%1' to the existing oneof '%2' breaks FORWARD: for the old schema the field is "
                     "missing from its oneof (Confluent's ONEOF_FIELD_REMOVED the other way round); "
                     "BACKWARD holds")
                      .arg(qs(nf->name()), oneof);
        } else {
            c.explanation
                = tr("Adding field '%1' (number %2) is compatible both ways: consumers on the old schema "
                     "skip the unknown number, consumers on the new schema see its default")
                      .arg(qs(nf->name()))
                      .arg(nf->number());
        }
        add(c);
        if (o->IsReservedNumber(nf->number()) || o->IsReservedName(nf->name())) {
            Change r;
            r.path = path;
            r.kind = ChangeKind::NumberReused;
            r.after = describe(nf);
            r.risk = true;
            r.explanation
                = tr("'%1' takes a number or name the old schema reserved: older records may hold a "
                     "different field under it, which the check between these two versions cannot see")
                      .arg(qs(nf->name()));
            add(r);
        }
    }

    void removedField(const Descriptor *n, const FieldDescriptor *of, const QString &path)
    {
        Change c;
        c.path = path;
        c.kind = ChangeKind::FieldRemoved;
        c.before = describe(of);
        const QString oneof = oneofOf(of);
        const bool reservedNumber = n->IsReservedNumber(of->number());
        const bool reservedName = n->IsReservedName(of->name());
        c.risk = !reservedNumber || !reservedName;
        if (of->is_required()) {
            c.backward = Effect::Breaks;
            c.forward = Effect::Breaks;
            c.explanation
                = tr("Removing the required field '%1' breaks BACKWARD and FORWARD: consumers on the old "
                     "schema require it, and Confluent's check refuses removing a required field either way")
                      .arg(qs(of->name()));
        } else if (!oneof.isEmpty() && hasOneof(n, oneof)) {
            c.backward = Effect::Breaks;
            c.explanation
                = tr("Removing '%1' from the oneof '%2' breaks BACKWARD: old records that set it lose the "
                     "oneof's value (Confluent's ONEOF_FIELD_REMOVED); FORWARD holds")
                      .arg(qs(of->name()), oneof);
        } else if (reservedNumber && reservedName) {
            c.explanation
                = tr("Removing field '%1' (number %2, now reserved) is compatible both ways: readers skip "
                     "or default it")
                      .arg(qs(of->name()))
                      .arg(of->number());
        } else {
            c.explanation
                = tr("Removing field '%1' is compatible both ways, but %2 is not reserved: a later version "
                     "that reuses it would misread old records; add reserved %3;")
                      .arg(qs(of->name()),
                          reservedNumber ? tr("its name") : tr("its number %1").arg(of->number()),
                          reservedNumber ? QStringLiteral("\"%1\"").arg(qs(of->name()))
                                         : QString::number(of->number()));
        }
        add(c);
    }

    void field(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path)
    {
        if (of->name() != nf->name()) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::FieldRenamed;
            c.before = qs(of->name());
            c.after = qs(nf->name());
            c.risk = true;
            c.explanation
                = tr("Renaming field %1 from '%2' to '%3' keeps the binary format (fields are matched by "
                     "number), so both directions read; JSON encodings and code using the name break")
                      .arg(nf->number())
                      .arg(c.before, c.after);
            add(c);
        } else if (of->json_name() != nf->json_name()) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::JsonNameChanged;
            c.before = qs(of->json_name());
            c.after = qs(nf->json_name());
            c.risk = true;
            c.explanation
                = tr("The JSON name of '%1' changes from '%2' to '%3': the binary format is the same, JSON "
                     "readers no longer find the field")
                      .arg(qs(nf->name()), c.before, c.after);
            add(c);
        }
        fieldType(of, nf, path);
        if (of->has_default_value() != nf->has_default_value() || defaultText(of) != defaultText(nf)) {
            Change c;
            c.path = path;
            c.kind = !of->has_default_value() ? ChangeKind::DefaultAdded
                : !nf->has_default_value()    ? ChangeKind::DefaultRemoved
                                              : ChangeKind::DefaultChanged;
            c.before = defaultText(of);
            c.after = defaultText(nf);
            c.explanation
                = tr("The default of '%1' changes: readers show the new default where a record does not "
                     "set the field; compatible both ways")
                      .arg(qs(nf->name()));
            add(c);
        }
    }

    static QString defaultText(const FieldDescriptor *f)
    {
        if (!f->has_default_value()) {
            return {};
        }
        switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32:
            return QString::number(f->default_value_int32());
        case FieldDescriptor::CPPTYPE_INT64:
            return QString::number(f->default_value_int64());
        case FieldDescriptor::CPPTYPE_UINT32:
            return QString::number(f->default_value_uint32());
        case FieldDescriptor::CPPTYPE_UINT64:
            return QString::number(f->default_value_uint64());
        case FieldDescriptor::CPPTYPE_FLOAT:
            return QString::number(static_cast<double>(f->default_value_float()));
        case FieldDescriptor::CPPTYPE_DOUBLE:
            return QString::number(f->default_value_double());
        case FieldDescriptor::CPPTYPE_BOOL:
            return f->default_value_bool() ? QStringLiteral("true") : QStringLiteral("false");
        case FieldDescriptor::CPPTYPE_ENUM:
            return qs(f->default_value_enum()->name());
        case FieldDescriptor::CPPTYPE_STRING:
            return qs(f->default_value_string());
        case FieldDescriptor::CPPTYPE_MESSAGE:
            break;
        }
        return {};
    }

    void typeChange(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path,
        Effect backward, Effect forward, const QString &explanation)
    {
        Change c;
        c.path = path;
        c.kind = ChangeKind::TypeChanged;
        c.before = typeLabel(of);
        c.after = typeLabel(nf);
        c.backward = backward;
        c.forward = forward;
        c.explanation = explanation;
        add(c);
    }

    void fieldType(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path)
    {
        const Kind ok = kindOf(of);
        const Kind nk = kindOf(nf);
        const QString name = qs(nf->name());
        if (ok != nk) {
            const bool bytesAndMessage = (ok == Kind::Message && nf->type() == FieldDescriptor::TYPE_BYTES)
                || (nk == Kind::Message && of->type() == FieldDescriptor::TYPE_BYTES);
            typeChange(of, nf, path, Effect::Breaks, Effect::Breaks,
                bytesAndMessage ? tr(
                    "Changing '%1' between %2 and %3 keeps the wire format when the bytes hold an encoded "
                    "message, but Confluent's check refuses a change between scalar and message: it breaks "
                    "BACKWARD and FORWARD")
                                      .arg(name, typeLabel(of), typeLabel(nf))
                                : tr("Changing '%1' from %2 to %3 changes its kind (scalar, message, map): "
                                     "it breaks BACKWARD "
                                     "and FORWARD")
                                      .arg(name, typeLabel(of), typeLabel(nf)));
            return;
        }
        switch (ok) {
        case Kind::Map:
            mapTypes(of, nf, path);
            break;
        case Kind::Message:
            messageType(of, nf, path);
            label(of, nf, path);
            break;
        case Kind::Scalar:
            scalarType(of, nf, path);
            break;
        }
    }

    void mapTypes(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path)
    {
        const Descriptor *oe = of->message_type();
        const Descriptor *ne = nf->message_type();
        for (const auto &[o, n] : {std::make_pair(oe->map_key(), ne->map_key()),
                 std::make_pair(oe->map_value(), ne->map_value())}) {
            const Kind ok = kindOf(o);
            if (ok != kindOf(n)) {
                typeChange(of, nf, path, Effect::Breaks, Effect::Breaks,
                    tr("Changing the map '%1' from %2 to %3 changes the kind of its keys or values: it "
                       "breaks "
                       "BACKWARD and FORWARD")
                        .arg(qs(nf->name()), typeLabel(of), typeLabel(nf)));
                return;
            }
            if (ok == Kind::Message) {
                if (localName(o->message_type()->full_name(), o->message_type()->file())
                    != localName(n->message_type()->full_name(), n->message_type()->file())) {
                    typeChange(of, nf, path, Effect::Breaks, Effect::Breaks,
                        tr("Changing the values of the map '%1' from %2 to %3 breaks BACKWARD and FORWARD: "
                           "another "
                           "message type")
                            .arg(qs(nf->name()), typeLabel(of), typeLabel(nf)));
                    return;
                }
                importedMessage(o->message_type(), n->message_type());
            } else if (groupOf(o->type()) != groupOf(n->type())) {
                typeChange(of, nf, path, Effect::Breaks, Effect::Breaks,
                    tr("Changing the map '%1' from %2 to %3 breaks BACKWARD and FORWARD: the keys or values "
                       "change "
                       "their wire format")
                        .arg(qs(nf->name()), typeLabel(of), typeLabel(nf)));
                return;
            }
        }
        if (typeLabel(of) != typeLabel(nf)) {
            typeChange(of, nf, path, Effect::Guess, Effect::Guess,
                tr("Changing the map '%1' from %2 to %3 keeps the wire format and passes Confluent's check; "
                   "values "
                   "outside the other type's range read differently")
                    .arg(qs(nf->name()), typeLabel(of), typeLabel(nf)));
        }
    }

    /// A message type from another file (an import) is compared where it is used, once.
    void importedMessage(const Descriptor *o, const Descriptor *n)
    {
        if (o->file() == old_ && n->file() == new_) {
            return; // compared with the file's own messages
        }
        message(o, n, qs(n->full_name()));
    }

    void messageType(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path)
    {
        const Descriptor *o = of->message_type();
        const Descriptor *n = nf->message_type();
        if (localName(o->full_name(), o->file()) != localName(n->full_name(), n->file())) {
            typeChange(of, nf, path, Effect::Breaks, Effect::Breaks,
                tr("Changing '%1' from the message %2 to %3 breaks BACKWARD and FORWARD: Confluent's check "
                   "refuses "
                   "another message type")
                    .arg(qs(nf->name()), typeLabel(of), typeLabel(nf)));
            return;
        }
        importedMessage(o, n);
    }

    void scalarType(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path)
    {
        const QString name = qs(nf->name());
        if (groupOf(of->type()) != groupOf(nf->type())) {
            typeChange(of, nf, path, Effect::Breaks, Effect::Breaks,
                tr("Changing '%1' from %2 to %3 breaks BACKWARD and FORWARD: the two types are encoded "
                   "differently "
                   "on the wire")
                    .arg(name, typeLabel(of), typeLabel(nf)));
            return;
        }
        if (typeLabel(of) != typeLabel(nf)) {
            const Effect backward = readsExactly(nf, of) ? Effect::Ok : Effect::Guess;
            const Effect forward = readsExactly(of, nf) ? Effect::Ok : Effect::Guess;
            QString explanation;
            if (backward == Effect::Ok && forward == Effect::Ok) {
                explanation = tr("Changing '%1' from %2 to %3 is compatible both ways: the same wire format")
                                  .arg(name, typeLabel(of), typeLabel(nf));
            } else if (groupOf(nf->type()) == ScalarGroup::StringOrBytes) {
                explanation
                    = tr("Changing '%1' from %2 to %3 passes Confluent's check (same wire format); a string "
                         "reader needs the bytes to be valid UTF-8")
                          .arg(name, typeLabel(of), typeLabel(nf));
            } else {
                explanation = tr(
                    "Changing '%1' from %2 to %3 passes Confluent's check (same wire format), but values "
                    "outside the other type's range are truncated or change sign: check the data")
                                  .arg(name, typeLabel(of), typeLabel(nf));
            }
            typeChange(of, nf, path, backward, forward, explanation);
        }
        label(of, nf, path);
    }

    void label(const FieldDescriptor *of, const FieldDescriptor *nf, const QString &path)
    {
        const Label ol = labelOf(of);
        const Label nl = labelOf(nf);
        if (ol == nl) {
            return;
        }
        Change c;
        c.path = path;
        c.kind = ChangeKind::LabelChanged;
        c.before = labelName(ol);
        c.after = labelName(nl);
        const QString name = qs(nf->name());
        const bool message = of->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
        const bool stringOrBytes = !message && groupOf(of->type()) == ScalarGroup::StringOrBytes;
        const bool bothExplicit = ol != Label::None && nl != Label::None;
        const bool repetition = ol == Label::Repeated || nl == Label::Repeated;
        if (message) {
            c.explanation
                = tr("'%1' changes from %2 to %3: Confluent's check passes it; a singular reader merges "
                     "repeated messages into one")
                      .arg(name, c.before, c.after);
        } else if (stringOrBytes) {
            c.explanation
                = tr("'%1' changes from %2 to %3: compatible both ways for strings and bytes (a singular "
                     "reader keeps the last value)")
                      .arg(name, c.before, c.after);
        } else if (bothExplicit) {
            c.backward = Effect::Breaks;
            c.forward = Effect::Breaks;
            c.explanation
                = tr("'%1' changes from %2 to %3: Confluent's check refuses a label change of a number "
                     "(repeated numbers are packed on the wire): it breaks BACKWARD and FORWARD")
                      .arg(name, c.before, c.after);
        } else if (repetition) {
            c.backward = Effect::Guess;
            c.forward = Effect::Guess;
            c.explanation
                = tr("'%1' changes from %2 to %3: Confluent's check does not compare a label the text "
                     "leaves out, but a packed repeated number is not read by a singular reader")
                      .arg(name, c.before, c.after);
        } else {
            c.explanation = tr("'%1' changes from %2 to %3: the wire format is the same; only field presence "
                               "differs")
                                .arg(name, c.before, c.after);
        }
        add(c);
    }

    void reserved(const Descriptor *o, const Descriptor *n, const QString &path)
    {
        QStringList lost;
        for (int i = 0; i < o->reserved_range_count(); ++i) {
            const Descriptor::ReservedRange *r = o->reserved_range(i);
            for (int number = r->start; number < r->end && lost.size() < 20; ++number) {
                if (!n->IsReservedNumber(number) && n->FindFieldByNumber(number) == nullptr) {
                    lost << QString::number(number);
                }
            }
        }
        for (int i = 0; i < o->reserved_name_count(); ++i) {
            const std::string &name = o->reserved_name(i);
            if (!n->IsReservedName(name) && n->FindFieldByName(name) == nullptr) {
                lost << QStringLiteral("\"%1\"").arg(qs(name));
            }
        }
        if (lost.isEmpty()) {
            return;
        }
        Change c;
        c.path = path;
        c.kind = ChangeKind::ReservedRemoved;
        c.before = lost.join(QStringLiteral(", "));
        c.risk = true;
        c.explanation
            = tr("The reservation of %1 is dropped: compatible for these two versions, but a later field "
                 "may take them and misread old records")
                  .arg(c.before);
        add(c);
    }

    void enumValues(const EnumDescriptor *o, const EnumDescriptor *n, const QString &path)
    {
        std::set<int> numbers;
        for (int i = 0; i < o->value_count(); ++i) {
            numbers.insert(o->value(i)->number());
        }
        for (int i = 0; i < n->value_count(); ++i) {
            numbers.insert(n->value(i)->number());
        }
        for (const int number : numbers) {
            const pb::EnumValueDescriptor *ov = o->FindValueByNumber(number);
            const pb::EnumValueDescriptor *nv = n->FindValueByNumber(number);
            Change c;
            c.path = path;
            if (ov == nullptr) {
                c.kind = ChangeKind::EnumSymbolAdded;
                c.after = QStringLiteral("%1 = %2").arg(qs(nv->name())).arg(number);
                c.explanation
                    = tr("Adding %1 to the enum %2 is compatible both ways: an old reader keeps the unknown "
                         "number (proto3) or sets it aside as an unknown field (proto2)")
                          .arg(c.after, qs(n->name()));
            } else if (nv == nullptr) {
                c.kind = ChangeKind::EnumSymbolRemoved;
                c.before = QStringLiteral("%1 = %2").arg(qs(ov->name())).arg(number);
                c.risk = !n->IsReservedNumber(number);
                c.explanation = c.risk
                    ? tr("Removing %1 from the enum %2 is compatible both ways, but the number is "
                         "not reserved: a later value that reuses it would misread old records")
                          .arg(c.before, qs(n->name()))
                    : tr("Removing %1 from the enum %2 is compatible both ways").arg(c.before, qs(n->name()));
            } else if (ov->name() != nv->name()) {
                c.kind = ChangeKind::EnumSymbolRenamed;
                c.before = qs(ov->name());
                c.after = qs(nv->name());
                c.risk = true;
                c.explanation
                    = tr("Renaming value %1 of the enum %2 from %3 to %4 keeps the binary format; JSON "
                         "encodings use the name and break")
                          .arg(number)
                          .arg(qs(n->name()), c.before, c.after);
            } else {
                continue;
            }
            add(c);
        }
    }

    const FileDescriptor *old_;
    const FileDescriptor *new_;
    std::set<std::pair<const Descriptor *, const Descriptor *>> visited_;
    QList<Change> changes_;
};

} // namespace

SchemaDiffResult diffProtobuf(const SchemaText &oldSchema, const SchemaText &newSchema)
{
    SchemaDiffResult result;
    result.format = SchemaFormat::Protobuf;
    QString error;
    const auto o = proto::ProtoSchema::load(oldSchema, &error);
    if (!o) {
        result.error = tr("The old Protobuf schema does not parse: %1").arg(error);
        return result;
    }
    const auto n = proto::ProtoSchema::load(newSchema, &error);
    if (!n) {
        result.error = tr("The new Protobuf schema does not parse: %1").arg(error);
        return result;
    }
    result.changes = ProtoDiffer(o->file(), n->file()).run();
    result.verdict = verdictOf(result.changes);
    return result;
}

} // namespace edis::schemadiff
