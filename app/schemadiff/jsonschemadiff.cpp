// diffJsonSchema: JSON Schema versions compared by the documents they accept. BACKWARD holds
// when every document valid under the old schema is valid under the new one (consumers on the
// new schema read what was written with the old), FORWARD when every document valid under the
// new one is valid under the old. So a tightened constraint (a lower maximum, a new pattern, a
// property made required) breaks BACKWARD and a loosened one breaks FORWARD. This is the model of
// Confluent's JSON Schema checker (json-schema-provider, diff package: content models open,
// closed and partially open; a property added to an open object with a schema other than {}
// breaks BACKWARD; a required property with a default passes), applied uniformly: a property
// compares against what the other side's content model allowed under its name (the matching
// patternProperties, additionalProperties, true for an open object, false for a closed one).
// Keywords not compared one by one (if/then/else, dependencies, contains, not, ...) are reported
// as changed with effect Guess.

#include "schemadiff.h"
#include "schemalimits.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace edis::schemadiff {

namespace {

using Json = nlohmann::ordered_json;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::json", text);
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString text(const Json &j)
{
    QString s = qs(j.dump(-1, ' ', false, Json::error_handler_t::replace));
    return s.size() > 80 ? s.left(77) + QStringLiteral("...") : s;
}

bool sameJson(const Json &a, const Json &b)
{
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

QString join(const QString &path, const QString &part)
{
    return path + QLatin1Char('.') + part;
}

struct Effects {
    Effect backward = Effect::Ok;
    Effect forward = Effect::Ok;
};

struct Document {
    QString name;
    Json root;
};

class Documents {
public:
    bool load(const SchemaText &schema, QString *error)
    {
        for (auto it = schema.references.cbegin(); it != schema.references.cend(); ++it) {
            if (!add(it.key(), it.value(), error)) {
                *error = tr("reference '%1': %2").arg(it.key(), *error);
                return false;
            }
        }
        if (!add(QString(), schema.text, error)) {
            return false;
        }
        main_ = &docs_.back();
        return true;
    }

    const Document *main() const { return main_; }

    const Document *find(const QString &name) const
    {
        for (const Document &d : docs_) {
            if (d.name == name) {
                return &d;
            }
        }
        for (const Document &d : docs_) {
            const auto id = d.root.is_object() ? d.root.find("$id") : d.root.end();
            if (id != d.root.end() && id->is_string() && qs(id->get<std::string>()) == name) {
                return &d;
            }
        }
        const QString last = name.section(QLatin1Char('/'), -1);
        for (const Document &d : docs_) {
            if (!d.name.isEmpty() && d.name.section(QLatin1Char('/'), -1) == last) {
                return &d;
            }
        }
        return nullptr;
    }

private:
    bool add(const QString &name, const QString &content, QString *error)
    {
        if (content.size() > kMaxSchemaChars) {
            *error = tr("longer than %1 characters").arg(kMaxSchemaChars);
            return false;
        }
        Document d;
        d.name = name;
        try {
            d.root = Json::parse(content.toStdString());
        } catch (const Json::parse_error &e) {
            *error = tr("not valid JSON (at byte %1)").arg(e.byte);
            return false;
        }
        if (!d.root.is_object() && !d.root.is_boolean()) {
            *error = tr("a JSON Schema is an object or a boolean");
            return false;
        }
        docs_.push_back(std::move(d));
        return true;
    }

    std::deque<Document> docs_;
    const Document *main_ = nullptr;
};

/// A schema inside one of the documents (so that its $refs resolve against that document).
struct Node {
    const Json *json = nullptr;
    const Document *doc = nullptr;
};

const Json &trueSchema()
{
    static const Json t = true;
    return t;
}

const std::set<std::string> &annotationKeywords()
{
    static const std::set<std::string> keys {"title", "description", "$comment", "examples", "default", "$id",
        "id", "$schema", "definitions", "$defs", "readOnly", "writeOnly", "deprecated", "$anchor"};
    return keys;
}

bool isAny(const Json &j)
{
    if (j.is_boolean()) {
        return j.get<bool>();
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!annotationKeywords().contains(it.key())) {
            return false;
        }
    }
    return true;
}

bool isNothing(const Json &j)
{
    return j.is_boolean() && !j.get<bool>();
}

const Json *member(const Json &j, const char *key)
{
    if (!j.is_object()) {
        return nullptr;
    }
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

/// The JSON types a schema admits; empty means every type.
std::set<QString> typesOf(const Json &j)
{
    std::set<QString> out;
    const Json *t = member(j, "type");
    if (t == nullptr) {
        return out;
    }
    if (t->is_string()) {
        out.insert(qs(t->get<std::string>()));
    } else if (t->is_array()) {
        for (const Json &e : *t) {
            if (e.is_string()) {
                out.insert(qs(e.get<std::string>()));
            }
        }
    }
    return out;
}

/// Whether the type set `set` admits every instance of type `type`.
bool admits(const std::set<QString> &set, const QString &type)
{
    return set.empty() || set.contains(type)
        || (type == QLatin1String("integer") && set.contains(QStringLiteral("number")));
}

bool admitsAll(const std::set<QString> &set, const std::set<QString> &types)
{
    if (types.empty()) {
        return set.empty();
    }
    return std::all_of(types.cbegin(), types.cend(), [&](const QString &t) { return admits(set, t); });
}

/// Whether both sides may hold instances of `type` (so its keywords matter).
bool bothMayBe(const std::set<QString> &a, const std::set<QString> &b, const QString &type)
{
    const auto may = [&type](const std::set<QString> &s) {
        return s.empty() || s.contains(type)
            || (type == QLatin1String("integer") && s.contains(QStringLiteral("number")))
            || (type == QLatin1String("number") && s.contains(QStringLiteral("integer")));
    };
    return may(a) && may(b);
}

QString typesText(const std::set<QString> &types)
{
    if (types.empty()) {
        return QStringLiteral("any");
    }
    QStringList parts(types.cbegin(), types.cend());
    return parts.size() == 1 ? parts.front()
                             : QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

/// The sentence for a change from its effects.
QString sentence(const QString &action, Effects e, const QString &whyBackward, const QString &whyForward)
{
    const QString bw
        = whyBackward.isEmpty() ? tr("documents valid under the old schema fail the new one") : whyBackward;
    const QString fw
        = whyForward.isEmpty() ? tr("documents valid under the new schema fail the old one") : whyForward;
    if (e.backward == Effect::Breaks && e.forward == Effect::Breaks) {
        return tr("%1 breaks BACKWARD (%2) and FORWARD (%3)").arg(action, bw, fw);
    }
    if (e.backward == Effect::Breaks) {
        return tr("%1 breaks BACKWARD: %2").arg(action, bw);
    }
    if (e.forward == Effect::Breaks) {
        return tr("%1 breaks FORWARD: %2").arg(action, fw);
    }
    if (e.backward == Effect::Guess || e.forward == Effect::Guess) {
        return tr("%1 may change which documents are valid; check it").arg(action);
    }
    return tr("%1 is compatible both ways").arg(action);
}

class JsonSchemaDiffer {
public:
    JsonSchemaDiffer(const Documents &oldDocs, const Documents &newDocs)
        : old_(oldDocs)
        , new_(newDocs)
    {
    }

    SchemaDiffResult run()
    {
        compare({&old_.main()->root, old_.main()}, {&new_.main()->root, new_.main()}, QStringLiteral("$"), 0);
        SchemaDiffResult result;
        result.format = SchemaFormat::JsonSchema;
        result.changes = changes_;
        result.verdict = verdictOf(changes_);
        result.notes = QStringList(notes_.cbegin(), notes_.cend());
        return result;
    }

private:
    void add(Change c) { changes_.push_back(std::move(c)); }

    Change change(const QString &path, ChangeKind kind, Effects e, const QString &before,
        const QString &after, const QString &explanation) const
    {
        Change c;
        c.path = path;
        c.kind = kind;
        c.backward = e.backward;
        c.forward = e.forward;
        c.before = before;
        c.after = after;
        c.explanation = explanation;
        return c;
    }

    /// Follows $ref (within the document or into a reference) to the schema it names.
    Node resolve(Node n, bool oldSide)
    {
        const Documents &docs = oldSide ? old_ : new_;
        for (int hops = 0; hops < 32; ++hops) {
            const Json *ref = member(*n.json, "$ref");
            if (ref == nullptr || !ref->is_string()) {
                return n;
            }
            const QString target = qs(ref->get<std::string>());
            const QString docPart = target.section(QLatin1Char('#'), 0, 0);
            const QString pointer
                = target.contains(QLatin1Char('#')) ? target.section(QLatin1Char('#'), 1) : QString();
            const Document *doc = docPart.isEmpty() ? n.doc : docs.find(docPart);
            const Json *resolved = nullptr;
            if (doc != nullptr) {
                try {
                    resolved = pointer.isEmpty() ? &doc->root
                                                 : &doc->root.at(Json::json_pointer(pointer.toStdString()));
                } catch (const Json::exception &) {
                    resolved = nullptr;
                }
            }
            if (resolved == nullptr) {
                notes_.insert(
                    (oldSide ? tr("Old schema: the $ref '%1' does not resolve; it is compared as {}")
                             : tr("New schema: the $ref '%1' does not resolve; it is compared as {}"))
                        .arg(target));
                return {&trueSchema(), n.doc};
            }
            n = {resolved, doc};
        }
        return n;
    }

    bool containsRef(const Json &j)
    {
        if (!j.is_structured()) {
            return false;
        }
        const auto cached = refScan_.find(&j);
        if (cached != refScan_.end()) {
            return cached->second;
        }
        bool found = j.is_object() && j.contains("$ref");
        for (auto it = j.begin(); !found && it != j.end(); ++it) {
            found = containsRef(*it);
        }
        refScan_[&j] = found;
        return found;
    }

    /// The effects of comparing two schemas, without listing their changes.
    Effects effectsOf(Node o, Node n, const QString &path, int depth)
    {
        const auto mark = changes_.size();
        const auto visited = visited_;
        compare(o, n, path, depth);
        Effects e;
        for (auto i = mark; i < changes_.size(); ++i) {
            e.backward = worst(e.backward, changes_[i].backward);
            e.forward = worst(e.forward, changes_[i].forward);
        }
        changes_.erase(changes_.begin() + mark, changes_.end());
        visited_ = visited;
        return e;
    }

    void compare(Node o, Node n, const QString &path, int depth)
    {
        if (depth > kMaxSchemaDepth) {
            notes_.insert(tr("The schemas nest deeper than %1 levels; %2 is not compared further")
                              .arg(kMaxSchemaDepth)
                              .arg(path));
            return;
        }
        o = resolve(o, true);
        n = resolve(n, false);
        if (!visited_.insert({o.json, n.json}).second) {
            return; // a recursive schema met itself
        }
        const Json &oj = *o.json;
        const Json &nj = *n.json;
        if (sameJson(oj, nj) && !containsRef(oj)) {
            return; // identical, and no $ref whose target could differ
        }
        if (anyOrNothing(oj, nj, path)) {
            return;
        }
        annotations(oj, nj, path);
        if (combined(o, n, path, depth)) {
            return;
        }
        const std::set<QString> ot = typesOf(oj);
        const std::set<QString> nt = typesOf(nj);
        types(ot, nt, path);
        enumAndConst(oj, nj, path);
        if (bothMayBe(ot, nt, QStringLiteral("string"))) {
            bound(oj, nj, "maxLength", true, path);
            bound(oj, nj, "minLength", false, path);
            pattern(oj, nj, path);
            format(oj, nj, path);
        }
        if (bothMayBe(ot, nt, QStringLiteral("number"))) {
            bound(oj, nj, "maximum", true, path);
            bound(oj, nj, "minimum", false, path);
            bound(oj, nj, "exclusiveMaximum", true, path);
            bound(oj, nj, "exclusiveMinimum", false, path);
            multipleOf(oj, nj, path);
        }
        if (bothMayBe(ot, nt, QStringLiteral("array"))) {
            bound(oj, nj, "maxItems", true, path);
            bound(oj, nj, "minItems", false, path);
            uniqueItems(oj, nj, path);
            items(o, n, path, depth);
        }
        if (bothMayBe(ot, nt, QStringLiteral("object"))) {
            bound(oj, nj, "maxProperties", true, path);
            bound(oj, nj, "minProperties", false, path);
            object(o, n, path, depth);
        }
        uncompared(oj, nj, path);
    }

    bool anyOrNothing(const Json &oj, const Json &nj, const QString &path)
    {
        const bool oAny = isAny(oj);
        const bool nAny = isAny(nj);
        const bool oNothing = isNothing(oj);
        const bool nNothing = isNothing(nj);
        if ((oAny && nAny) || (oNothing && nNothing)) {
            annotations(oj, nj, path);
            return true;
        }
        if (nAny || oNothing) {
            // The new schema accepts everything, or the old one accepted nothing.
            const Effects e {Effect::Ok, oNothing && nNothing ? Effect::Ok : Effect::Breaks};
            add(change(path, ChangeKind::TypeWidened, e,
                oNothing ? QStringLiteral("false") : typesText(typesOf(oj)),
                nAny ? tr("anything") : typesText(typesOf(nj)),
                sentence(tr("Accepting anything where the old schema constrained the value"), e, {}, {})));
            return true;
        }
        if (oAny || nNothing) {
            const Effects e {Effect::Breaks, Effect::Ok};
            add(change(path, ChangeKind::TypeNarrowed, e, tr("anything"),
                nNothing ? QStringLiteral("false") : typesText(typesOf(nj)),
                sentence(tr("Constraining a value the old schema left open"), e, {}, {})));
            return true;
        }
        return false;
    }

    void annotations(const Json &oj, const Json &nj, const QString &path)
    {
        for (const char *key : {"title", "description"}) {
            const Json *a = member(oj, key);
            const Json *b = member(nj, key);
            if ((a == nullptr) != (b == nullptr) || (a != nullptr && !sameJson(*a, *b))) {
                add(change(path, ChangeKind::DocChanged, {}, a ? text(*a) : QString(),
                    b ? text(*b) : QString(),
                    tr("Only the %1 changed: compatible both ways").arg(QString::fromLatin1(key))));
            }
        }
        const Json *a = member(oj, "default");
        const Json *b = member(nj, "default");
        if (a == nullptr && b == nullptr) {
            return;
        }
        if (a != nullptr && b != nullptr && sameJson(*a, *b)) {
            return;
        }
        const ChangeKind kind = a == nullptr ? ChangeKind::DefaultAdded
            : b == nullptr                   ? ChangeKind::DefaultRemoved
                                             : ChangeKind::DefaultChanged;
        add(change(path, kind, {}, a ? text(*a) : QString(), b ? text(*b) : QString(),
            tr("The default is an annotation: validation does not change, compatible both ways")));
    }

    void types(const std::set<QString> &ot, const std::set<QString> &nt, const QString &path)
    {
        if (ot == nt) {
            return;
        }
        const bool widened = admitsAll(nt, ot);
        const bool narrowed = admitsAll(ot, nt);
        const Effects e {widened ? Effect::Ok : Effect::Breaks, narrowed ? Effect::Ok : Effect::Breaks};
        const ChangeKind kind = widened ? ChangeKind::TypeWidened
            : narrowed                  ? ChangeKind::TypeNarrowed
                                        : ChangeKind::TypeChanged;
        add(change(path, kind, e, typesText(ot), typesText(nt),
            sentence(tr("Changing the type from %1 to %2").arg(typesText(ot), typesText(nt)), e, {}, {})));
    }

    void enumAndConst(const Json &oj, const Json &nj, const QString &path)
    {
        const Json *oe = member(oj, "enum");
        const Json *ne = member(nj, "enum");
        if (oe != nullptr || ne != nullptr) {
            const auto contains = [](const Json &list, const Json &v) {
                return std::any_of(list.begin(), list.end(), [&](const Json &e) { return sameJson(e, v); });
            };
            const auto subset = [&](const Json *a, const Json *b) { // every value of a is in b
                return b == nullptr || (a != nullptr && std::all_of(a->begin(), a->end(), [&](const Json &v) {
                    return contains(*b, v);
                }));
            };
            const bool widened = subset(oe, ne);
            const bool narrowed = subset(ne, oe);
            if (!(widened && narrowed)) {
                const Effects e {
                    widened ? Effect::Ok : Effect::Breaks, narrowed ? Effect::Ok : Effect::Breaks};
                add(change(path, ChangeKind::EnumValuesChanged, e, oe ? text(*oe) : QString(),
                    ne ? text(*ne) : QString(),
                    sentence(widened   ? tr("Extending the allowed values")
                            : narrowed ? tr("Narrowing the allowed values")
                                       : tr("Replacing the allowed values"),
                        e, tr("old documents may hold a value no longer allowed"),
                        tr("new documents may hold a value the old schema does not allow"))));
            }
        }
        const Json *oc = member(oj, "const");
        const Json *nc = member(nj, "const");
        if ((oc == nullptr) != (nc == nullptr) || (oc != nullptr && !sameJson(*oc, *nc))) {
            const Effects e {
                nc == nullptr ? Effect::Ok : Effect::Breaks, oc == nullptr ? Effect::Ok : Effect::Breaks};
            add(change(path, ChangeKind::ConstChanged, e, oc ? text(*oc) : QString(),
                nc ? text(*nc) : QString(), sentence(tr("Changing the const value"), e, {}, {})));
        }
    }

    /// A numeric bound: for a maximum a lower value is tighter, for a minimum a higher one.
    void bound(const Json &oj, const Json &nj, const char *key, bool isMaximum, const QString &path)
    {
        const Json *a = member(oj, key);
        const Json *b = member(nj, key);
        const bool aNum = a != nullptr && a->is_number();
        const bool bNum = b != nullptr && b->is_number();
        const bool aFlag = a != nullptr && a->is_boolean() && a->get<bool>(); // draft 4 exclusive bounds
        const bool bFlag = b != nullptr && b->is_boolean() && b->get<bool>();
        int tighter = 0; // 1: the new bound is tighter, -1: looser
        if (aNum && bNum) {
            const double x = a->get<double>();
            const double y = b->get<double>();
            if (x == y) {
                return;
            }
            tighter = (isMaximum ? y < x : y > x) ? 1 : -1;
        } else if (aNum != bNum) {
            tighter = bNum ? 1 : -1;
        } else if (aFlag != bFlag) {
            tighter = bFlag ? 1 : -1;
        } else {
            return;
        }
        constraint(
            path, QString::fromLatin1(key), a ? text(*a) : QString(), b ? text(*b) : QString(), tighter);
    }

    /// A constraint keyword changed: `tighter` is 1 when the new value admits fewer documents, -1
    /// when it admits more, 0 when neither contains the other.
    void constraint(
        const QString &path, const QString &keyword, const QString &before, const QString &after, int tighter)
    {
        Effects e {Effect::Breaks, Effect::Breaks};
        ChangeKind kind = ChangeKind::ConstraintChanged;
        QString action;
        const QString from = before.isEmpty() ? tr("none") : before;
        const QString to = after.isEmpty() ? tr("none") : after;
        if (tighter > 0) {
            e.forward = Effect::Ok;
            kind = ChangeKind::ConstraintTightened;
            action = tr("Tightening %1 from %2 to %3").arg(keyword, from, to);
        } else if (tighter < 0) {
            e.backward = Effect::Ok;
            kind = ChangeKind::ConstraintLoosened;
            action = tr("Loosening %1 from %2 to %3").arg(keyword, from, to);
        } else {
            action = tr("Changing %1 from %2 to %3").arg(keyword, from, to);
        }
        add(change(join(path, keyword), kind, e, before, after,
            sentence(action, e, tr("old documents may fall outside the new limit"),
                tr("new documents may fall outside the old limit"))));
    }

    void pattern(const Json &oj, const Json &nj, const QString &path)
    {
        const Json *a = member(oj, "pattern");
        const Json *b = member(nj, "pattern");
        if (a == nullptr && b == nullptr) {
            return;
        }
        if (a != nullptr && b != nullptr) {
            if (!sameJson(*a, *b)) {
                constraint(path, QStringLiteral("pattern"), text(*a), text(*b), 0);
            }
            return;
        }
        constraint(
            path, QStringLiteral("pattern"), a ? text(*a) : QString(), b ? text(*b) : QString(), b ? 1 : -1);
    }

    void format(const Json &oj, const Json &nj, const QString &path)
    {
        const Json *a = member(oj, "format");
        const Json *b = member(nj, "format");
        if ((a == nullptr && b == nullptr) || (a != nullptr && b != nullptr && sameJson(*a, *b))) {
            return;
        }
        const Effects e {Effect::Guess, Effect::Guess};
        add(change(path, ChangeKind::ConstraintChanged, e, a ? text(*a) : QString(), b ? text(*b) : QString(),
            tr("The format changes: Confluent's check ignores formats, whether a validator asserts them "
               "depends on "
               "it; check the data")));
    }

    void multipleOf(const Json &oj, const Json &nj, const QString &path)
    {
        const Json *a = member(oj, "multipleOf");
        const Json *b = member(nj, "multipleOf");
        const bool aNum = a != nullptr && a->is_number();
        const bool bNum = b != nullptr && b->is_number();
        if (!aNum && !bNum) {
            return;
        }
        int tighter = 0;
        if (aNum && bNum) {
            const double x = a->get<double>();
            const double y = b->get<double>();
            if (x == y) {
                return;
            }
            const auto isMultiple = [](double big, double small) {
                const double q = big / small;
                return small != 0 && std::abs(q - std::round(q)) < 1e-9;
            };
            tighter = isMultiple(y, x) ? 1 : (isMultiple(x, y) ? -1 : 0);
        } else {
            tighter = bNum ? 1 : -1;
        }
        constraint(
            path, QStringLiteral("multipleOf"), a ? text(*a) : QString(), b ? text(*b) : QString(), tighter);
    }

    void uniqueItems(const Json &oj, const Json &nj, const QString &path)
    {
        const Json *a = member(oj, "uniqueItems");
        const Json *b = member(nj, "uniqueItems");
        const bool x = a != nullptr && a->is_boolean() && a->get<bool>();
        const bool y = b != nullptr && b->is_boolean() && b->get<bool>();
        if (x != y) {
            constraint(path, QStringLiteral("uniqueItems"), x ? QStringLiteral("true") : QString(),
                y ? QStringLiteral("true") : QString(), y ? 1 : -1);
        }
    }

    /// What an object lets through under a property name it does not list.
    static Node coverage(Node object, const QString &property)
    {
        const Json &j = *object.json;
        if (const Json *patterns = member(j, "patternProperties");
            patterns != nullptr && patterns->is_object()) {
            for (auto it = patterns->begin(); it != patterns->end(); ++it) {
                const QRegularExpression re(qs(it.key()));
                if (re.isValid() && re.match(property).hasMatch()) {
                    return {&*it, object.doc};
                }
            }
        }
        const Json *additional = member(j, "additionalProperties");
        if (additional == nullptr) {
            return {&trueSchema(), object.doc};
        }
        return {additional, object.doc};
    }

    static bool hasDefault(const Json &object, const QString &property)
    {
        const Json *props = member(object, "properties");
        const Json *p = props != nullptr ? member(*props, property.toStdString().c_str()) : nullptr;
        return p != nullptr && member(*p, "default") != nullptr;
    }

    static std::set<QString> requiredOf(const Json &j)
    {
        std::set<QString> out;
        if (const Json *r = member(j, "required"); r != nullptr && r->is_array()) {
            for (const Json &e : *r) {
                if (e.is_string()) {
                    out.insert(qs(e.get<std::string>()));
                }
            }
        }
        return out;
    }

    void object(Node o, Node n, const QString &path, int depth)
    {
        const Json &oj = *o.json;
        const Json &nj = *n.json;
        const Json *op = member(oj, "properties");
        const Json *np = member(nj, "properties");
        const std::set<QString> oRequired = requiredOf(oj);
        const std::set<QString> nRequired = requiredOf(nj);
        if (np != nullptr && np->is_object()) {
            for (auto it = np->begin(); it != np->end(); ++it) {
                const QString name = qs(it.key());
                const Json *before = op != nullptr ? member(*op, it.key().c_str()) : nullptr;
                const Node after {&*it, n.doc};
                if (before != nullptr) {
                    compare({before, o.doc}, after, join(path, name), depth + 1);
                    continue;
                }
                propertyAdded(
                    o, after, name, nRequired.contains(name), hasDefault(nj, name), join(path, name), depth);
            }
        }
        if (op != nullptr && op->is_object()) {
            for (auto it = op->begin(); it != op->end(); ++it) {
                if (np == nullptr || member(*np, it.key().c_str()) == nullptr) {
                    const QString name = qs(it.key());
                    propertyRemoved({&*it, o.doc}, n, name, oRequired.contains(name) && !hasDefault(oj, name),
                        join(path, name), depth);
                }
            }
        }
        required(oj, nj, oRequired, nRequired, path);
        additional(o, n, path, depth);
    }

    void propertyAdded(Node oldObject, Node added, const QString &name, bool isRequired, bool withDefault,
        const QString &path, int depth)
    {
        const Node before = coverage(oldObject, name);
        Effects e = effectsOf(before, added, path, depth + 1);
        const bool open = isAny(*before.json);
        const bool closed = isNothing(*before.json);
        QString whyBackward;
        if (isRequired && !withDefault) {
            e.backward = Effect::Breaks;
            whyBackward = tr("it is required and old documents lack it");
        } else if (open) {
            whyBackward
                = tr("the old schema let any value through under that name (an open object), the new one "
                     "restricts it");
        } else {
            whyBackward = tr("the old schema allowed other values under that name");
        }
        const QString whyForward = closed
            ? tr("the old schema does not allow other properties (additionalProperties: "
                 "false)")
            : tr("the old schema allowed fewer values under that name");
        add(change(path, ChangeKind::FieldAdded, e, QString(), text(*added.json),
            sentence(isRequired ? tr("Adding the required property '%1'").arg(name)
                                : tr("Adding the property '%1'").arg(name),
                e, whyBackward, whyForward)));
    }

    void propertyRemoved(Node removed, Node newObject, const QString &name, bool requiredWithoutDefault,
        const QString &path, int depth)
    {
        const Node after = coverage(newObject, name);
        Effects e = effectsOf(removed, after, path, depth + 1);
        const bool closed = isNothing(*after.json);
        const bool open = isAny(*after.json);
        QString whyForward;
        if (requiredWithoutDefault) {
            e.forward = Effect::Breaks;
            whyForward = tr("the old schema requires it and new documents lack it");
        } else if (open) {
            whyForward
                = tr("the new schema lets any value through under that name, the old one restricted it");
        } else {
            whyForward = tr("the new schema allows values under that name the old one did not");
        }
        add(change(path, ChangeKind::FieldRemoved, e, text(*removed.json), QString(),
            sentence(tr("Removing the property '%1'").arg(name), e,
                closed ? tr("the new schema does not allow other properties, and old documents have it")
                       : tr("the new schema allows fewer values under that name"),
                whyForward)));
    }

    void required(const Json &oj, const Json &nj, const std::set<QString> &oRequired,
        const std::set<QString> &nRequired, const QString &path)
    {
        const Json *op = member(oj, "properties");
        const Json *np = member(nj, "properties");
        const auto defined = [](const Json *props, const QString &name) {
            return props != nullptr && member(*props, name.toStdString().c_str()) != nullptr;
        };
        for (const QString &name : nRequired) {
            // A property added as required is reported (and judged) as added.
            if (oRequired.contains(name) || (defined(np, name) && !defined(op, name))) {
                continue;
            }
            const bool withDefault = hasDefault(nj, name);
            const Effects e {withDefault ? Effect::Ok : Effect::Breaks, Effect::Ok};
            add(change(join(path, name), ChangeKind::RequiredAdded, e, tr("optional"), tr("required"),
                withDefault
                    ? tr("Making '%1' required with a default passes Confluent's check (a reader fills the "
                         "default); compatible both ways")
                          .arg(name)
                    : sentence(
                        tr("Making '%1' required").arg(name), e, tr("old documents may lack it"), {})));
        }
        for (const QString &name : oRequired) {
            if (nRequired.contains(name) || (defined(op, name) && !defined(np, name))) {
                continue;
            }
            const bool withDefault = hasDefault(oj, name);
            const Effects e {Effect::Ok, withDefault ? Effect::Ok : Effect::Breaks};
            add(change(join(path, name), ChangeKind::RequiredRemoved, e, tr("required"), tr("optional"),
                sentence(tr("Making '%1' optional").arg(name), e, {},
                    tr("new documents may lack it, which the old schema requires"))));
        }
    }

    void additional(Node o, Node n, const QString &path, int depth)
    {
        const Json *a = member(*o.json, "additionalProperties");
        const Json *b = member(*n.json, "additionalProperties");
        const Node before {a ? a : &trueSchema(), o.doc};
        const Node after {b ? b : &trueSchema(), n.doc};
        if (sameJson(*before.json, *after.json) && !containsRef(*before.json)) {
            patternProperties(o, n, path, depth);
            return;
        }
        if ((isAny(*before.json) && isAny(*after.json))
            || (isNothing(*before.json) && isNothing(*after.json))) {
            patternProperties(o, n, path, depth);
            return;
        }
        const Effects e = effectsOf(before, after, path + QStringLiteral("{}"), depth + 1);
        if (isAny(*before.json) == isAny(*after.json) && isNothing(*before.json) == isNothing(*after.json)
            && !isAny(*before.json) && !isNothing(*before.json)) {
            // Both schemas: compare them in place, listing their changes.
            compare(before, after, path + QStringLiteral("{}"), depth + 1);
        } else {
            add(change(path, ChangeKind::AdditionalPropertiesChanged, e, a ? text(*a) : tr("(absent: any)"),
                b ? text(*b) : tr("(absent: any)"),
                sentence(tr("Changing additionalProperties"), e,
                    tr("old documents may hold properties the new schema does not allow"),
                    tr("new documents may hold properties the old schema does not allow"))));
        }
        patternProperties(o, n, path, depth);
    }

    void patternProperties(Node o, Node n, const QString &path, int depth)
    {
        const Json *a = member(*o.json, "patternProperties");
        const Json *b = member(*n.json, "patternProperties");
        const Json empty = Json::object();
        const Json &ap = a != nullptr && a->is_object() ? *a : empty;
        const Json &bp = b != nullptr && b->is_object() ? *b : empty;
        for (auto it = bp.begin(); it != bp.end(); ++it) {
            const auto before = ap.find(it.key());
            const QString where = path + QStringLiteral("{/%1/}").arg(qs(it.key()));
            if (before != ap.end()) {
                compare({&*before, o.doc}, {&*it, n.doc}, where, depth + 1);
                continue;
            }
            const Json *add0 = member(*o.json, "additionalProperties");
            const Effects e
                = effectsOf({add0 ? add0 : &trueSchema(), o.doc}, {&*it, n.doc}, where, depth + 1);
            add(change(where, ChangeKind::AdditionalPropertiesChanged, e, QString(), text(*it),
                sentence(tr("Adding patternProperties for /%1/").arg(qs(it.key())), e, {}, {})));
        }
        for (auto it = ap.begin(); it != ap.end(); ++it) {
            if (bp.find(it.key()) != bp.end()) {
                continue;
            }
            const QString where = path + QStringLiteral("{/%1/}").arg(qs(it.key()));
            const Json *add1 = member(*n.json, "additionalProperties");
            const Effects e
                = effectsOf({&*it, o.doc}, {add1 ? add1 : &trueSchema(), n.doc}, where, depth + 1);
            add(change(where, ChangeKind::AdditionalPropertiesChanged, e, text(*it), QString(),
                sentence(tr("Removing patternProperties for /%1/").arg(qs(it.key())), e, {}, {})));
        }
    }

    void items(Node o, Node n, const QString &path, int depth)
    {
        const Json *a = member(*o.json, "items");
        const Json *b = member(*n.json, "items");
        const bool aTuple = a != nullptr && a->is_array();
        const bool bTuple = b != nullptr && b->is_array();
        if (!aTuple && !bTuple) {
            compare({a ? a : &trueSchema(), o.doc}, {b ? b : &trueSchema(), n.doc},
                path + QStringLiteral("[]"), depth + 1);
            return;
        }
        if (aTuple != bTuple) {
            const Effects e {Effect::Guess, Effect::Guess};
            add(change(path + QStringLiteral("[]"), ChangeKind::TypeChanged, e, a ? text(*a) : QString(),
                b ? text(*b) : QString(),
                tr("The items change between one schema for all and a tuple: not compared element by "
                   "element; "
                   "check it")));
            return;
        }
        const auto extra = [](Node array) {
            const Json *x = member(*array.json, "additionalItems");
            return Node {x ? x : &trueSchema(), array.doc};
        };
        const std::size_t count = std::max(a->size(), b->size());
        for (std::size_t i = 0; i < count; ++i) {
            const QString where = path + QStringLiteral("[%1]").arg(i);
            const Node before = i < a->size() ? Node {&(*a)[i], o.doc} : extra(o);
            const Node after = i < b->size() ? Node {&(*b)[i], n.doc} : extra(n);
            compare(before, after, where, depth + 1);
        }
        const Json *oa = member(*o.json, "additionalItems");
        const Json *na = member(*n.json, "additionalItems");
        if ((oa != nullptr || na != nullptr) && !(oa && na && sameJson(*oa, *na))) {
            const Effects e = effectsOf(extra(o), extra(n), path + QStringLiteral("[+]"), depth + 1);
            add(change(path + QStringLiteral("[+]"), ChangeKind::AdditionalPropertiesChanged, e,
                oa ? text(*oa) : tr("(absent: any)"), na ? text(*na) : tr("(absent: any)"),
                sentence(tr("Changing additionalItems"), e, {}, {})));
        }
    }

    /// anyOf / oneOf / allOf. Returns true when it compared the pair.
    bool combined(Node o, Node n, const QString &path, int depth)
    {
        const auto criterion = [](const Json &j) -> const char * {
            for (const char *key : {"anyOf", "oneOf", "allOf"}) {
                if (const Json *x = member(j, key); x != nullptr && x->is_array() && !x->empty()) {
                    return key;
                }
            }
            return nullptr;
        };
        const char *oc = criterion(*o.json);
        const char *nc = criterion(*n.json);
        if (oc == nullptr && nc == nullptr) {
            return false;
        }
        const auto branches = [](Node x, const char *key) {
            std::vector<Node> out;
            if (key != nullptr) {
                for (const Json &b : *member(*x.json, key)) {
                    out.push_back({&b, x.doc});
                }
            }
            return out;
        };
        std::vector<Node> ob = branches(o, oc);
        std::vector<Node> nb = branches(n, nc);
        if (oc == nullptr) {
            ob = {o};
        }
        if (nc == nullptr) {
            nb = {n};
        }
        const bool oSum = oc == nullptr || std::string_view(oc) != "allOf" || ob.size() == 1;
        const bool nSum = nc == nullptr || std::string_view(nc) != "allOf" || nb.size() == 1;
        if (!oSum || !nSum) {
            if (oc != nullptr && nc != nullptr && std::string_view(oc) == nc && ob.size() == nb.size()) {
                for (std::size_t i = 0; i < ob.size(); ++i) {
                    compare(ob[i], nb[i],
                        path + QStringLiteral("(%1[%2])").arg(QString::fromLatin1(nc)).arg(i), depth + 1);
                }
                return true;
            }
            const Effects e {Effect::Guess, Effect::Guess};
            add(change(path, ChangeKind::CombinationChanged, e, oc ? QString::fromLatin1(oc) : QString(),
                nc ? QString::fromLatin1(nc) : QString(),
                tr("The allOf combination changes: not compared branch by branch; check it")));
            return true;
        }
        // Sums (anyOf, oneOf; a plain schema is a sum of one): every old branch must be read by
        // some new branch for BACKWARD, every new branch by some old one for FORWARD.
        std::vector<bool> newUsed(nb.size(), false);
        std::vector<std::pair<std::size_t, std::size_t>> matched;
        Effects overall;
        QStringList unmatchedOld;
        for (std::size_t i = 0; i < ob.size(); ++i) {
            std::optional<std::size_t> best;
            for (std::size_t j = 0; j < nb.size() && !best; ++j) {
                if (!newUsed[j] && effectsOf(ob[i], nb[j], path, depth + 1).backward != Effect::Breaks) {
                    best = j;
                }
            }
            if (best) {
                newUsed[*best] = true;
                matched.emplace_back(i, *best);
            } else {
                overall.backward = Effect::Breaks;
                unmatchedOld << text(*ob[i].json);
            }
        }
        QStringList unmatchedNew;
        for (std::size_t j = 0; j < nb.size(); ++j) {
            if (newUsed[j]) {
                continue;
            }
            const bool covered = std::any_of(ob.cbegin(), ob.cend(),
                [&](Node b) { return effectsOf(b, nb[j], path, depth + 1).forward != Effect::Breaks; });
            if (!covered) {
                overall.forward = Effect::Breaks;
                unmatchedNew << text(*nb[j].json);
            }
        }
        const bool oneOfToAny = oc != nullptr && nc != nullptr && std::string_view(oc) == "oneOf"
            && std::string_view(nc) == "anyOf";
        const bool anyToOneOf = oc != nullptr && nc != nullptr && std::string_view(oc) == "anyOf"
            && std::string_view(nc) == "oneOf" && ob.size() > 1;
        if (anyToOneOf) {
            overall.backward = Effect::Breaks; // a document matching several branches fails oneOf
        }
        if (oneOfToAny && ob.size() > 1) {
            overall.forward = Effect::Breaks;
        }
        if (overall.backward != Effect::Ok || overall.forward != Effect::Ok || ob.size() != nb.size()
            || (oc == nullptr) != (nc == nullptr) || (oc && nc && std::string_view(oc) != nc)) {
            const QString before = oc ? QStringLiteral("%1 of %2").arg(QString::fromLatin1(oc)).arg(ob.size())
                                      : typesText(typesOf(*o.json));
            const QString after = nc ? QStringLiteral("%1 of %2").arg(QString::fromLatin1(nc)).arg(nb.size())
                                     : typesText(typesOf(*n.json));
            add(change(path, ob.size() < nb.size() ? ChangeKind::TypeWidened : ChangeKind::CombinationChanged,
                overall, before, after,
                sentence(tr("Changing the alternatives from %1 to %2").arg(before, after), overall,
                    unmatchedOld.isEmpty()
                        ? QString()
                        : tr("no new alternative accepts %1").arg(unmatchedOld.join(QStringLiteral(", "))),
                    unmatchedNew.isEmpty() ? QString()
                                           : tr("the old schema accepts no document of %1")
                                                 .arg(unmatchedNew.join(QStringLiteral(", "))))));
        }
        for (const auto &[i, j] : matched) {
            const QString where = nc != nullptr && nb.size() > 1
                ? path + QStringLiteral("(%1[%2])").arg(QString::fromLatin1(nc)).arg(j)
                : path;
            compare(ob[i], nb[j], where, depth + 1);
        }
        return true;
    }

    void uncompared(const Json &oj, const Json &nj, const QString &path)
    {
        for (const char *key : {"not", "if", "then", "else", "dependencies", "dependentRequired",
                 "dependentSchemas", "propertyNames", "contains", "minContains", "maxContains",
                 "unevaluatedProperties", "unevaluatedItems", "prefixItems"}) {
            const Json *a = member(oj, key);
            const Json *b = member(nj, key);
            if ((a == nullptr && b == nullptr) || (a != nullptr && b != nullptr && sameJson(*a, *b))) {
                continue;
            }
            const Effects e {Effect::Guess, Effect::Guess};
            add(change(join(path, QString::fromLatin1(key)), ChangeKind::ConstraintChanged, e,
                a ? text(*a) : QString(), b ? text(*b) : QString(),
                tr("'%1' changes: the diff does not compare it in detail; check it")
                    .arg(QString::fromLatin1(key))));
        }
    }

    const Documents &old_;
    const Documents &new_;
    std::set<std::pair<const Json *, const Json *>> visited_;
    std::map<const Json *, bool> refScan_;
    std::set<QString> notes_;
    QList<Change> changes_;
};

} // namespace

SchemaDiffResult diffJsonSchema(const SchemaText &oldSchema, const SchemaText &newSchema)
{
    SchemaDiffResult result;
    result.format = SchemaFormat::JsonSchema;
    Documents o;
    Documents n;
    QString error;
    if (!o.load(oldSchema, &error)) {
        result.error = tr("The old JSON Schema does not parse: %1").arg(error);
        return result;
    }
    if (!n.load(newSchema, &error)) {
        result.error = tr("The new JSON Schema does not parse: %1").arg(error);
        return result;
    }
    return JsonSchemaDiffer(o, n).run();
}

} // namespace edis::schemadiff
