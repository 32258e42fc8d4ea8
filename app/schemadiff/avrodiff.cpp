// diffAvro: walks the old and the new schema side by side and lists every change with its
// effect on BACKWARD (the new schema reads old data) and FORWARD (the old schema reads new data),
// by the rules in avrocompat.h. The verdict per mode is the full reader/writer check of the two
// roots, so it is what a registry answers even where a local effect would be off.

#include "avrocompat.h"
#include "avroschema.h"
#include "schemadiff.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <set>
#include <utility>

namespace edis::schemadiff {

namespace {

using avro::Checker;
using avro::Field;
using avro::Node;
using avro::Type;
using Json = nlohmann::ordered_json;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::avro", text);
}

QString join(const QString &path, const QString &part)
{
    return path.isEmpty() ? part : path + QLatin1Char('.') + part;
}

QString jsonText(const Json &j)
{
    QString s = QString::fromStdString(j.dump(-1, ' ', false, Json::error_handler_t::replace));
    return s.size() > 80 ? s.left(77) + QStringLiteral("...") : s;
}

bool sameJson(const Json &a, const Json &b)
{
    // Object members compare regardless of their order.
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

Effect okIf(bool ok)
{
    return ok ? Effect::Ok : Effect::Breaks;
}

QString quoted(const QString &s)
{
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

/// "breaks FORWARD: ..." and the like, for the effects of one change.
QString consequence(Effect backward, Effect forward)
{
    if (backward == Effect::Breaks && forward == Effect::Breaks) {
        return tr("breaks BACKWARD and FORWARD: neither side can read the other's records");
    }
    if (backward == Effect::Breaks) {
        return tr("breaks BACKWARD: consumers on the new schema cannot read old records");
    }
    if (forward == Effect::Breaks) {
        return tr("breaks FORWARD: consumers on the old schema cannot read new records");
    }
    return tr("is compatible both ways");
}

bool isComplex(const Node *n)
{
    return n->isNamed() || n->type == Type::Array || n->type == Type::Map;
}

class AvroDiffer {
public:
    AvroDiffer(const avro::Schema &oldSchema, const avro::Schema &newSchema)
        : old_(oldSchema)
        , new_(newSchema)
    {
    }

    SchemaDiffResult run()
    {
        const Node *o = old_.root();
        const Node *n = new_.root();
        const QString root = n->isNamed() ? n->name : (o->isNamed() ? o->name : QString());
        type(o, n, root, root);

        SchemaDiffResult result;
        result.format = SchemaFormat::Avro;
        Checker full;
        const QList<avro::Incompatibility> backward = full.check(n, o, root);
        const QList<avro::Incompatibility> forward = full.check(o, n, root);
        explainUnlisted(backward, true);
        explainUnlisted(forward, false);
        result.changes = changes_;
        // The local effects never claim more than the full check; where they would, the check wins.
        const Verdict local = verdictOf(changes_);
        result.verdict.backward
            = backward.isEmpty() ? std::min(local.backward, Effect::Guess) : Effect::Breaks;
        result.verdict.forward = forward.isEmpty() ? std::min(local.forward, Effect::Guess) : Effect::Breaks;
        result.verdict.full = worst(result.verdict.backward, result.verdict.forward);
        result.notes = defaultNotes();
        return result;
    }

private:
    void add(Change c) { changes_.push_back(std::move(c)); }

    bool enter(const Node *o, const Node *n) { return visited_.insert({o, n}).second; }

    void type(const Node *o, const Node *n, const QString &path, const QString &name)
    {
        if (o->type == Type::Union && n->type == Type::Union) {
            unions(o, n, path, name);
            return;
        }
        if (n->type == Type::Union) {
            intoUnion(o, n, path, name);
            return;
        }
        if (o->type == Type::Union) {
            outOfUnion(o, n, path, name);
            return;
        }
        if (o->type != n->type) {
            typeChanged(o, n, path, name);
            return;
        }
        switch (o->type) {
        case Type::Record:
            if (enter(o, n)) {
                namedType(o, n, path);
                fields(o, n, path);
            }
            break;
        case Type::Enum:
            if (enter(o, n)) {
                namedType(o, n, path);
                enumSymbols(o, n, path);
            }
            break;
        case Type::Fixed:
            if (enter(o, n)) {
                namedType(o, n, path);
                fixedSize(o, n, path);
                logicalType(o, n, path, name);
            }
            break;
        case Type::Array:
            type(o->items, n->items, path + QStringLiteral("[]"), name);
            break;
        case Type::Map:
            type(o->values, n->values, path + QStringLiteral("{}"), name);
            break;
        default:
            logicalType(o, n, path, name);
            break;
        }
    }

    QString subject(const QString &name) const { return name.isEmpty() ? tr("the schema") : quoted(name); }

    void typeChanged(const Node *o, const Node *n, const QString &path, const QString &name)
    {
        Change c;
        c.path = path;
        c.kind = ChangeKind::TypeChanged;
        c.before = avro::describe(o);
        c.after = avro::describe(n);
        c.backward = okIf(checker_.compatible(n, o));
        c.forward = okIf(checker_.compatible(o, n));
        const bool up = Checker::isPromotion(o->type, n->type);
        const bool down = Checker::isPromotion(n->type, o->type);
        if (up && down) {
            c.explanation
                = tr("Changing %1 between %2 and %3 is compatible both ways: Avro promotes each to the other")
                      .arg(subject(name), c.before, c.after);
        } else if (up) {
            c.explanation
                = tr("Changing %1 from %2 to %3 is a promotion: consumers on the new schema read old "
                     "values as %3 (BACKWARD holds), but it breaks FORWARD: consumers on the old schema "
                     "cannot read %3")
                      .arg(subject(name), c.before, c.after);
        } else if (down) {
            c.explanation
                = tr("Changing %1 from %2 to %3 narrows it: it breaks BACKWARD, since consumers on the new "
                     "schema cannot read old %2 values; consumers on the old schema read %3 as %2 (FORWARD "
                     "holds)")
                      .arg(subject(name), c.before, c.after);
        } else {
            c.explanation = tr("Changing %1 from %2 to %3 %4")
                                .arg(subject(name), c.before, c.after, consequence(c.backward, c.forward));
        }
        add(c);
    }

    /// The branch of `branches` that stands for `target`: the same named type (by full name,
    /// unqualified name or alias), or the same unnamed type.
    static const Node *matchBranch(const Node *target, const std::vector<const Node *> &branches,
        const std::set<const Node *> &taken = {})
    {
        for (const Node *b : branches) {
            if (!taken.contains(b) && b->type == target->type
                && (!target->isNamed() || b->fullName == target->fullName)) {
                return b;
            }
        }
        if (!target->isNamed()) {
            return nullptr;
        }
        for (const Node *b : branches) {
            if (!taken.contains(b) && b->type == target->type
                && (b->name == target->name || b->aliases.contains(target->fullName)
                    || target->aliases.contains(b->fullName))) {
                return b;
            }
        }
        return nullptr;
    }

    static QString branchPath(const Node *unionNode, const Node *branch, const QString &path)
    {
        const auto complexBranches
            = std::count_if(unionNode->branches.cbegin(), unionNode->branches.cend(), isComplex);
        if (!isComplex(branch) || complexBranches < 2) {
            return path;
        }
        return path + QLatin1Char('(') + (branch->isNamed() ? branch->name : avro::typeName(branch->type))
            + QLatin1Char(')');
    }

    QStringList unreadable(const Node *reader, const std::vector<const Node *> &writers, const Node *except)
    {
        QStringList out;
        for (const Node *w : writers) {
            if (w != except && !checker_.compatible(reader, w)) {
                out << avro::describeRef(w);
            }
        }
        return out;
    }

    void intoUnion(const Node *o, const Node *n, const QString &path, const QString &name)
    {
        const Node *match = matchBranch(o, n->branches);
        if (match == nullptr) {
            typeChanged(o, n, path, name);
            return;
        }
        const QStringList failing = unreadable(o, n->branches, match);
        Change c;
        c.path = path;
        c.kind = ChangeKind::TypeChanged;
        c.before = avro::describe(o);
        c.after = avro::describe(n);
        c.forward = failing.isEmpty() ? Effect::Ok : Effect::Breaks;
        c.explanation = failing.isEmpty()
            ? tr("Turning %1 into the union %2 is compatible both ways: every branch reads as %3")
                  .arg(subject(name), c.after, c.before)
            : tr(
                "Turning %1 into the union %2 keeps BACKWARD (%3 is one of its branches) but breaks FORWARD: "
                "consumers on the old schema cannot read %4")
                  .arg(subject(name), c.after, c.before, failing.join(QStringLiteral(", ")));
        add(c);
        type(o, match, branchPath(n, match, path), name);
    }

    void outOfUnion(const Node *o, const Node *n, const QString &path, const QString &name)
    {
        const Node *match = matchBranch(n, o->branches);
        if (match == nullptr) {
            typeChanged(o, n, path, name);
            return;
        }
        QStringList failing;
        for (const Node *b : o->branches) {
            if (b != match && !checker_.compatible(n, b)) {
                failing << avro::describeRef(b);
            }
        }
        Change c;
        c.path = path;
        c.kind = ChangeKind::TypeChanged;
        c.before = avro::describe(o);
        c.after = avro::describe(n);
        c.backward = failing.isEmpty() ? Effect::Ok : Effect::Breaks;
        c.explanation = failing.isEmpty()
            ? tr("Narrowing %1 from the union %2 to %3 is compatible both ways: every old branch reads as %3")
                  .arg(subject(name), c.before, c.after)
            : tr("Narrowing %1 from the union %2 to %3 breaks BACKWARD: consumers on the new schema cannot "
                 "read "
                 "old records holding %4 (FORWARD holds)")
                  .arg(subject(name), c.before, c.after, failing.join(QStringLiteral(", ")));
        add(c);
        type(match, n, branchPath(o, match, path), name);
    }

    void unions(const Node *o, const Node *n, const QString &path, const QString &name)
    {
        std::set<const Node *> taken;
        std::vector<std::pair<const Node *, const Node *>> matched;
        for (const Node *ob : o->branches) {
            const Node *nb = matchBranch(ob, n->branches, taken);
            if (nb == nullptr) {
                const bool readable = checker_.compatible(n, ob);
                Change c;
                c.path = path;
                c.kind = ChangeKind::UnionBranchRemoved;
                c.before = avro::describeRef(ob);
                c.backward = okIf(readable);
                c.explanation = readable ? tr("Removing the branch %1 from the union of %2 is compatible "
                                              "both ways: consumers on the "
                                              "new schema read old %1 values with another branch")
                                               .arg(c.before, subject(name))
                                         : tr("Removing the branch %1 from the union of %2 breaks BACKWARD: "
                                              "consumers on the new schema "
                                              "cannot read old records holding %1")
                                               .arg(c.before, subject(name));
                add(c);
                continue;
            }
            taken.insert(nb);
            matched.emplace_back(ob, nb);
        }
        for (const Node *nb : n->branches) {
            if (taken.contains(nb)) {
                continue;
            }
            const bool readable = checker_.compatible(o, nb);
            Change c;
            c.path = path;
            c.kind = ChangeKind::UnionBranchAdded;
            c.after = avro::describeRef(nb);
            c.forward = okIf(readable);
            c.explanation = readable ? tr("Adding the branch %1 to the union of %2 is compatible both ways: "
                                          "consumers on the old schema "
                                          "read it with one of their branches")
                                           .arg(c.after, subject(name))
                                     : tr("Adding the branch %1 to the union of %2 breaks FORWARD: consumers "
                                          "on the old schema cannot "
                                          "read new records holding %1")
                                           .arg(c.after, subject(name));
            add(c);
        }
        for (const auto &[ob, nb] : matched) {
            type(ob, nb, branchPath(n, nb, path), name);
        }
    }

    void namedType(const Node *o, const Node *n, const QString &path)
    {
        const QString kind = avro::typeName(n->type);
        if (o->name != n->name) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::NameChanged;
            c.before = o->fullName;
            c.after = n->fullName;
            c.backward = okIf(Checker::namesMatch(n, o));
            c.forward = okIf(Checker::namesMatch(o, n));
            if (c.backward == Effect::Ok && c.forward == Effect::Ok) {
                c.explanation = tr("Renaming the %1 %2 to %3 is compatible both ways through the aliases")
                                    .arg(kind, o->fullName, n->fullName);
            } else if (c.backward == Effect::Ok) {
                c.explanation
                    = tr("Renaming the %1 %2 to %3 keeps BACKWARD through the alias, but breaks FORWARD: "
                         "consumers on the old schema match named types by name")
                          .arg(kind, o->fullName, n->fullName);
            } else {
                c.explanation = tr("Renaming the %1 %2 to %3 %4: Avro matches named types by name; add "
                                   "\"aliases\": [\"%2\"] to %3 to keep BACKWARD")
                                    .arg(kind, o->fullName, n->fullName, consequence(c.backward, c.forward));
            }
            add(c);
        } else if (o->space != n->space) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::NamespaceChanged;
            c.before = o->space;
            c.after = n->space;
            c.risk = true;
            c.explanation
                = tr("Moving the %1 %2 from namespace '%3' to '%4' is compatible both ways: Avro matches "
                     "named types by their unqualified name; code generated from the schema moves, though")
                      .arg(kind, n->name, o->space, n->space);
            add(c);
        }
        if (QSet<QString>(o->aliases.cbegin(), o->aliases.cend())
            != QSet<QString>(n->aliases.cbegin(), n->aliases.cend())) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::AliasesChanged;
            c.before = o->aliases.join(QStringLiteral(", "));
            c.after = n->aliases.join(QStringLiteral(", "));
            c.explanation
                = tr("The aliases of the %1 %2 changed: they only let a reader accept a writer's other "
                     "names, nothing else reads differently")
                      .arg(kind, n->fullName);
            add(c);
        }
        if (o->doc != n->doc) {
            add(docChange(path, o->doc, n->doc));
        }
    }

    static Change docChange(const QString &path, const QString &before, const QString &after)
    {
        Change c;
        c.path = path;
        c.kind = ChangeKind::DocChanged;
        c.before = before;
        c.after = after;
        c.explanation = tr("Only the documentation changed: compatible both ways");
        return c;
    }

    void fixedSize(const Node *o, const Node *n, const QString &path)
    {
        if (o->size == n->size) {
            return;
        }
        Change c;
        c.path = path;
        c.kind = ChangeKind::FixedSizeChanged;
        c.before = QString::number(o->size);
        c.after = QString::number(n->size);
        c.backward = Effect::Breaks;
        c.forward = Effect::Breaks;
        c.explanation
            = tr("Changing the size of the fixed %1 from %2 to %3 breaks BACKWARD and FORWARD: Avro "
                 "cannot resolve fixed types of different sizes")
                  .arg(n->fullName, c.before, c.after);
        add(c);
    }

    void logicalType(const Node *o, const Node *n, const QString &path, const QString &name)
    {
        const bool sameDecimal = o->precision == n->precision && o->scale == n->scale;
        if (o->logicalType == n->logicalType && (o->logicalType != QLatin1String("decimal") || sameDecimal)) {
            return;
        }
        Change c;
        c.path = path;
        c.kind = ChangeKind::LogicalTypeChanged;
        c.before = avro::describe(o);
        c.after = avro::describe(n);
        if (o->logicalType.isEmpty() || n->logicalType.isEmpty()) {
            c.explanation = tr("%1 changes from %2 to %3: the encoding is the same, so both directions read; "
                               "readers interpret the values differently")
                                .arg(subject(name), c.before, c.after);
        } else {
            c.backward = Effect::Guess;
            c.forward = Effect::Guess;
            c.explanation
                = tr("%1 changes from %2 to %3: the registry's check passes (it ignores logical types), "
                     "but the same encoded values now mean something else; check the data")
                      .arg(subject(name), c.before, c.after);
        }
        add(c);
    }

    void enumSymbols(const Node *o, const Node *n, const QString &path)
    {
        const bool oldDefault = o->enumDefault && o->symbols.contains(*o->enumDefault);
        const bool newDefault = n->enumDefault && n->symbols.contains(*n->enumDefault);
        for (const QString &s : n->symbols) {
            if (o->symbols.contains(s)) {
                continue;
            }
            Change c;
            c.path = path;
            c.kind = ChangeKind::EnumSymbolAdded;
            c.after = s;
            c.forward = okIf(oldDefault);
            c.explanation = oldDefault ? tr("Adding the symbol '%1' to the enum %2 is compatible both ways: "
                                            "consumers on the old schema "
                                            "read it as their default '%3'")
                                             .arg(s, n->fullName, *o->enumDefault)
                                       : tr("Adding the symbol '%1' to the enum %2 breaks FORWARD: consumers "
                                            "on the old schema cannot read "
                                            "it (their enum has no default)")
                                             .arg(s, n->fullName);
            add(c);
        }
        for (const QString &s : o->symbols) {
            if (n->symbols.contains(s)) {
                continue;
            }
            Change c;
            c.path = path;
            c.kind = ChangeKind::EnumSymbolRemoved;
            c.before = s;
            c.backward = okIf(newDefault);
            c.explanation = newDefault ? tr("Removing the symbol '%1' from the enum %2 is compatible both "
                                            "ways: consumers on the new schema "
                                            "read it as their default '%3'")
                                             .arg(s, n->fullName, *n->enumDefault)
                                       : tr("Removing the symbol '%1' from the enum %2 breaks BACKWARD: "
                                            "consumers on the new schema cannot "
                                            "read old records holding it (the new enum has no default)")
                                             .arg(s, n->fullName);
            add(c);
        }
        QStringList common;
        for (const QString &s : o->symbols) {
            if (n->symbols.contains(s)) {
                common << s;
            }
        }
        QStringList commonNew;
        for (const QString &s : n->symbols) {
            if (o->symbols.contains(s)) {
                commonNew << s;
            }
        }
        if (common != commonNew) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::EnumSymbolsReordered;
            c.before = common.join(QStringLiteral(", "));
            c.after = commonNew.join(QStringLiteral(", "));
            c.explanation = tr("Reordering the symbols of the enum %1 is compatible both ways: Avro resolves "
                               "symbols by name")
                                .arg(n->fullName);
            add(c);
        }
        if (o->enumDefault != n->enumDefault) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::EnumDefaultChanged;
            c.before = o->enumDefault.value_or(QString());
            c.after = n->enumDefault.value_or(QString());
            if (!n->enumDefault) {
                c.risk = true;
                c.explanation
                    = tr("Removing the default of the enum %1: consumers on the new schema can no longer "
                         "read symbols they do not know, so a later version that adds one breaks FORWARD")
                          .arg(n->fullName);
            } else {
                c.explanation
                    = tr("Consumers on the new schema read symbols they do not know as '%1' (the enum's "
                         "default)")
                          .arg(*n->enumDefault);
            }
            add(c);
        }
    }

    void fields(const Node *o, const Node *n, const QString &path)
    {
        struct Pair {
            const Field *of;
            const Field *nf;
            bool renamed;
        };
        std::vector<Pair> pairs;
        std::set<const Field *> usedOld;
        std::vector<const Field *> unmatchedNew;
        for (const Field &nf : n->fields) {
            if (const Field *of = o->field(nf.name)) {
                pairs.push_back({of, &nf, false});
                usedOld.insert(of);
            } else {
                unmatchedNew.push_back(&nf);
            }
        }
        std::vector<const Field *> added;
        for (const Field *nf : unmatchedNew) {
            const Field *of = renameSource(o, *nf, usedOld);
            if (of != nullptr) {
                pairs.push_back({of, nf, true});
                usedOld.insert(of);
            } else {
                added.push_back(nf);
            }
        }
        std::vector<const Field *> removed;
        for (const Field &of : o->fields) {
            if (!usedOld.contains(&of)) {
                removed.push_back(&of);
            }
        }
        std::sort(pairs.begin(), pairs.end(),
            [](const Pair &a, const Pair &b) { return a.nf->position < b.nf->position; });

        if (removed.size() == 1 && added.size() == 1 && removed.front()->position == added.front()->position
            && avro::describeRef(removed.front()->type) == avro::describeRef(added.front()->type)) {
            probablyRenamed(*removed.front(), *added.front(), path);
            removed.clear();
            added.clear();
        }
        for (const Pair &p : pairs) {
            const QString fieldPath = join(path, p.nf->name);
            if (p.renamed) {
                renamedField(o, n, *p.of, *p.nf, fieldPath);
            }
            type(p.of->type, p.nf->type, fieldPath, p.nf->name);
            fieldAttributes(*p.of, *p.nf, fieldPath);
        }
        for (const Field *nf : added) {
            addedField(o, *nf, join(path, nf->name));
        }
        for (const Field *of : removed) {
            removedField(n, *of, join(path, of->name));
        }
        fieldOrder(
            pairs.size(), [&](std::size_t i) { return std::make_pair(pairs[i].of, pairs[i].nf); }, path, n);
    }

    /// The old field a new field renames: named in the new field's aliases, or naming the new
    /// field in its own aliases.
    static const Field *renameSource(const Node *o, const Field &nf, const std::set<const Field *> &used)
    {
        for (const QString &alias : nf.aliases) {
            const Field *of = o->field(alias);
            if (of != nullptr && !used.contains(of)) {
                return of;
            }
        }
        for (const Field &of : o->fields) {
            if (!used.contains(&of) && of.aliases.contains(nf.name)) {
                return &of;
            }
        }
        return nullptr;
    }

    template <typename PairAt>
    void fieldOrder(std::size_t count, PairAt pairAt, const QString &path, const Node *n)
    {
        QStringList before;
        QStringList after;
        std::vector<std::pair<int, QString>> byOld;
        for (std::size_t i = 0; i < count; ++i) {
            const auto [of, nf] = pairAt(i);
            after << nf->name;
            byOld.emplace_back(of->position, nf->name);
        }
        std::sort(byOld.begin(), byOld.end());
        for (const auto &entry : byOld) {
            before << entry.second;
        }
        if (before == after) {
            return;
        }
        Change c;
        c.path = path;
        c.kind = ChangeKind::FieldOrderChanged;
        c.before = before.join(QStringLiteral(", "));
        c.after = after.join(QStringLiteral(", "));
        c.explanation
            = tr("Reordering the fields of %1 is compatible both ways: Avro resolves fields by name")
                  .arg(n->fullName);
        add(c);
    }

    void renamedField(const Node *o, const Node *n, const Field &of, const Field &nf, const QString &path)
    {
        bool ambiguous = false;
        const bool backwardFound = Checker::lookupWriterField(o, nf, &ambiguous) == &of;
        const bool forwardFound = Checker::lookupWriterField(n, of, nullptr) == &nf;
        Change c;
        c.path = path;
        c.kind = ChangeKind::FieldRenamed;
        c.before = of.name;
        c.after = nf.name;
        c.backward = okIf(!ambiguous && (backwardFound || nf.defaultValue));
        c.forward = okIf(forwardFound || of.defaultValue);
        QString backwardPart;
        if (backwardFound) {
            backwardPart
                = tr("consumers on the new schema find '%1' through the alias (BACKWARD holds)").arg(of.name);
        } else if (nf.defaultValue) {
            backwardPart
                = tr("consumers on the new schema fill in the default of '%1' (BACKWARD holds, the old "
                     "values are not read)")
                      .arg(nf.name);
        } else {
            backwardPart = tr("consumers on the new schema cannot read old records (BACKWARD breaks)");
        }
        QString forwardPart;
        if (forwardFound) {
            forwardPart = tr("consumers on the old schema find '%1' through their alias (FORWARD holds)")
                              .arg(nf.name);
        } else if (of.defaultValue) {
            forwardPart
                = tr("consumers on the old schema see the default of '%1' instead of the value (FORWARD "
                     "holds)")
                      .arg(of.name);
        } else {
            forwardPart
                = tr("consumers on the old schema look for '%1', which new records lack and which has no "
                     "default (FORWARD breaks)")
                      .arg(of.name);
        }
        c.explanation = tr("Renaming '%1' to '%2': %3; %4").arg(of.name, nf.name, backwardPart, forwardPart);
        add(c);
    }

    void probablyRenamed(const Field &of, const Field &nf, const QString &path)
    {
        Change c;
        c.path = join(path, nf.name);
        c.kind = ChangeKind::FieldProbablyRenamed;
        c.heuristic = true;
        c.before = of.name;
        c.after = nf.name;
        c.backward = okIf(nf.defaultValue.has_value());
        c.forward = okIf(of.defaultValue.has_value());
        c.explanation
            = tr("'%1' was probably renamed to '%2' (a guess: one field removed and one added, both %3, at "
                 "the same position). Without an alias Avro sees a removal and an addition, which %4; add "
                 "\"aliases\": [\"%1\"] to '%2' to keep BACKWARD")
                  .arg(of.name, nf.name, avro::describeRef(nf.type), consequence(c.backward, c.forward));
        add(c);
    }

    void addedField(const Node *o, const Field &nf, const QString &path)
    {
        const bool found = Checker::lookupWriterField(o, nf, nullptr) != nullptr;
        Change c;
        c.path = path;
        c.kind = ChangeKind::FieldAdded;
        c.after = avro::describe(nf.type);
        if (nf.defaultValue) {
            c.after += tr(", default %1").arg(jsonText(*nf.defaultValue));
        }
        c.backward = okIf(found || nf.defaultValue);
        c.explanation = nf.defaultValue ? tr("Adding field '%1' with a default is compatible both ways: "
                                             "consumers on the new schema fill in %2 "
                                             "for old records, consumers on the old schema skip it")
                                              .arg(nf.name, jsonText(*nf.defaultValue))
                                        : tr("Adding field '%1' without a default breaks BACKWARD: consumers "
                                             "on the new schema cannot read old "
                                             "records, which lack it")
                                              .arg(nf.name);
        add(c);
    }

    void removedField(const Node *n, const Field &of, const QString &path)
    {
        const bool found = Checker::lookupWriterField(n, of, nullptr) != nullptr;
        Change c;
        c.path = path;
        c.kind = ChangeKind::FieldRemoved;
        c.before = avro::describe(of.type);
        if (of.defaultValue) {
            c.before += tr(", default %1").arg(jsonText(*of.defaultValue));
        }
        c.forward = okIf(found || of.defaultValue);
        c.explanation = of.defaultValue ? tr("Removing field '%1', which has a default, is compatible both "
                                             "ways: consumers on the old schema "
                                             "fill in %2 for new records")
                                              .arg(of.name, jsonText(*of.defaultValue))
                                        : tr("Removing field '%1' without a default breaks FORWARD: "
                                             "consumers on the old schema cannot read new "
                                             "records")
                                              .arg(of.name);
        add(c);
    }

    void fieldAttributes(const Field &of, const Field &nf, const QString &path)
    {
        if (!of.defaultValue && nf.defaultValue) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::DefaultAdded;
            c.after = jsonText(*nf.defaultValue);
            c.explanation
                = tr("Consumers on the new schema fill in %1 when a writer's schema lacks '%2': compatible "
                     "both ways")
                      .arg(c.after, nf.name);
            add(c);
        } else if (of.defaultValue && !nf.defaultValue) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::DefaultRemoved;
            c.before = jsonText(*of.defaultValue);
            c.risk = true;
            c.explanation
                = tr("Removing the default of '%1' is compatible for these two versions, but consumers on "
                     "the new schema cannot read records written before '%1' existed "
                     "(BACKWARD_TRANSITIVE), and removing the field later breaks FORWARD")
                      .arg(nf.name);
            add(c);
        } else if (of.defaultValue && nf.defaultValue && !sameJson(*of.defaultValue, *nf.defaultValue)) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::DefaultChanged;
            c.before = jsonText(*of.defaultValue);
            c.after = jsonText(*nf.defaultValue);
            c.explanation
                = tr("The default of '%1' changes from %2 to %3: compatible both ways; readers that fill "
                     "it in now see the new value")
                      .arg(nf.name, c.before, c.after);
            add(c);
        }
        if (of.doc != nf.doc) {
            add(docChange(path, of.doc, nf.doc));
        }
        const QString oldOrder = of.order.isEmpty() ? QStringLiteral("ascending") : of.order;
        const QString newOrder = nf.order.isEmpty() ? QStringLiteral("ascending") : nf.order;
        if (oldOrder != newOrder) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::SortOrderChanged;
            c.before = oldOrder;
            c.after = newOrder;
            c.explanation = tr("The sort order of '%1' changes from %2 to %3: it only affects how Avro sorts "
                               "encoded data, not reading; compatible both ways")
                                .arg(nf.name, oldOrder, newOrder);
            add(c);
        }
        QStringList oldAliases = of.aliases;
        QStringList newAliases = nf.aliases;
        newAliases.removeAll(of.name); // the alias that states a rename is reported as the rename
        oldAliases.removeAll(nf.name);
        if (QSet<QString>(oldAliases.cbegin(), oldAliases.cend())
            != QSet<QString>(newAliases.cbegin(), newAliases.cend())) {
            Change c;
            c.path = path;
            c.kind = ChangeKind::AliasesChanged;
            c.before = oldAliases.join(QStringLiteral(", "));
            c.after = newAliases.join(QStringLiteral(", "));
            c.explanation
                = tr("The aliases of '%1' changed: they let a reader find a writer's field under another "
                     "name; nothing in these two versions reads differently")
                      .arg(nf.name);
            add(c);
        }
    }

    /// A reason from the full check that no listed change states (should not happen; shown so a
    /// verdict never lacks its reason).
    void explainUnlisted(const QList<avro::Incompatibility> &issues, bool backward)
    {
        const bool listed = std::any_of(changes_.cbegin(), changes_.cend(),
            [backward](const Change &c) { return (backward ? c.backward : c.forward) == Effect::Breaks; });
        if (listed || issues.isEmpty()) {
            return;
        }
        for (const avro::Incompatibility &i : issues) {
            Change c;
            c.path = i.path;
            c.kind = ChangeKind::TypeChanged;
            (backward ? c.backward : c.forward) = Effect::Breaks;
            c.explanation = (backward ? tr("BACKWARD breaks: %1") : tr("FORWARD breaks: %1")).arg(i.message);
            add(c);
        }
    }

    QStringList defaultNotes() const
    {
        QStringList notes;
        for (const auto &[record, field] : new_.allFields()) {
            if (!field->defaultValue) {
                continue;
            }
            bool laterBranch = false;
            if (avro::isValidDefault(field->type, *field->defaultValue, &laterBranch)) {
                continue;
            }
            const QString where = record->fullName + QLatin1Char('.') + field->name;
            notes << (laterBranch
                    ? tr("New schema: the default %1 of %2 matches a later branch of its union, not "
                         "the first: Avro 1.11 (and the registries built on it) refuse this schema, "
                         "Avro 1.12 accepts it")
                          .arg(jsonText(*field->defaultValue), where)
                    : tr("New schema: the default %1 of %2 does not fit its type %3: Apache Avro, "
                         "and a registry built on it, refuse this schema")
                          .arg(jsonText(*field->defaultValue), where, avro::describe(field->type)));
        }
        return notes;
    }

    const avro::Schema &old_;
    const avro::Schema &new_;
    Checker checker_;
    std::set<std::pair<const Node *, const Node *>> visited_;
    QList<Change> changes_;
};

} // namespace

SchemaDiffResult diffAvro(const SchemaText &oldSchema, const SchemaText &newSchema)
{
    SchemaDiffResult result;
    result.format = SchemaFormat::Avro;
    QString error;
    const auto o = avro::Schema::parse(oldSchema.text, oldSchema.references, &error);
    if (!o) {
        result.error = tr("The old Avro schema does not parse: %1").arg(error);
        return result;
    }
    const auto n = avro::Schema::parse(newSchema.text, newSchema.references, &error);
    if (!n) {
        result.error = tr("The new Avro schema does not parse: %1").arg(error);
        return result;
    }
    return AvroDiffer(*o, *n).run();
}

} // namespace edis::schemadiff
