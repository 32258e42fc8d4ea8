#include "avroschema.h"

#include "schemalimits.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <limits>
#include <set>
#include <stdexcept>
#include <utility>

namespace edis::schemadiff::avro {

namespace {

using Json = nlohmann::ordered_json;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::avro", text);
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// Thrown inside the parser only; parse() turns it into the error text.
struct ParseFailure : std::runtime_error {
    explicit ParseFailure(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
};

const std::map<QString, Type> &primitives()
{
    static const std::map<QString, Type> names {
        {QStringLiteral("null"), Type::Null},
        {QStringLiteral("boolean"), Type::Boolean},
        {QStringLiteral("int"), Type::Int},
        {QStringLiteral("long"), Type::Long},
        {QStringLiteral("float"), Type::Float},
        {QStringLiteral("double"), Type::Double},
        {QStringLiteral("bytes"), Type::Bytes},
        {QStringLiteral("string"), Type::String},
    };
    return names;
}

bool isValidName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(name).hasMatch();
}

bool isValidNamespace(const QString &space)
{
    if (space.isEmpty()) {
        return true;
    }
    const QStringList parts = space.split(QLatin1Char('.'));
    return std::all_of(parts.cbegin(), parts.cend(), isValidName);
}

QString optionalText(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? qs(it->get<std::string>()) : QString();
}

std::optional<int> optionalInt(const Json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return static_cast<int>(it->get<long long>());
}

} // namespace

/// Builds a Schema from JSON documents. Named types are registered before their fields are
/// parsed, so a record may refer to itself; a name used before it is defined (possible across
/// reference documents) gets a placeholder that resolve() replaces once everything is parsed.
class Parser {
public:
    explicit Parser(Schema &schema)
        : schema_(schema)
    {
    }

    const Node *parseDocument(const QString &text, const QString &what)
    {
        what_ = what;
        Json j;
        try {
            j = Json::parse(text.toStdString());
        } catch (const Json::parse_error &e) {
            fail(tr("not valid JSON (at byte %1)").arg(e.byte));
        }
        return parse(j, QString(), 0);
    }

    void resolve()
    {
        std::map<const Node *, const Node *> replacement;
        for (const Pending &p : pending_) {
            const Node *target = schema_.named(p.qualified);
            if (target == nullptr && !p.fallback.isEmpty()) {
                target = schema_.named(p.fallback);
            }
            if (target == nullptr) {
                throw ParseFailure(tr("unknown type '%1'").arg(p.qualified));
            }
            replacement[p.placeholder] = target;
        }
        if (replacement.empty()) {
            return;
        }
        const auto fix = [&](const Node *&n) {
            const auto it = replacement.find(n);
            if (it != replacement.end()) {
                n = it->second;
            }
        };
        for (Node &n : schema_.nodes_) {
            for (Field &f : n.fields) {
                fix(f.type);
            }
            fix(n.items);
            fix(n.values);
            for (const Node *&b : n.branches) {
                fix(b);
            }
        }
        fix(schema_.root_);
    }

private:
    struct Pending {
        const Node *placeholder = nullptr;
        QString qualified;
        QString fallback;
    };

    [[noreturn]] void fail(const QString &message) const
    {
        throw ParseFailure(what_.isEmpty() ? message : QStringLiteral("%1: %2").arg(what_, message));
    }

    Node &newNode(Type type)
    {
        Node &n = schema_.nodes_.emplace_back();
        n.type = type;
        return n;
    }

    const Node *parse(const Json &j, const QString &space, int depth)
    {
        if (depth > kMaxSchemaDepth) {
            fail(tr("the schema nests deeper than %1 levels").arg(kMaxSchemaDepth));
        }
        if (j.is_string()) {
            return parseName(qs(j.get<std::string>()), space);
        }
        if (j.is_array()) {
            return parseUnion(j, space, depth);
        }
        if (!j.is_object()) {
            fail(tr("a schema must be a type name, an object or an array, not %1").arg(qs(j.dump())));
        }
        const auto typeIt = j.find("type");
        if (typeIt == j.end()) {
            fail(tr("an object without \"type\": %1").arg(qs(j.dump()).left(80)));
        }
        if (!typeIt->is_string()) {
            // {"type": {...}} and {"type": [...]}: not in the specification, but seen in the wild.
            return parse(*typeIt, space, depth + 1);
        }
        const QString type = qs(typeIt->get<std::string>());
        const auto primitive = primitives().find(type);
        if (primitive != primitives().end()) {
            Node &n = newNode(primitive->second);
            readLogicalType(j, n);
            return &n;
        }
        if (type == QLatin1String("record") || type == QLatin1String("error") || type == QLatin1String("enum")
            || type == QLatin1String("fixed")) {
            return parseNamed(j, type, space, depth);
        }
        if (type == QLatin1String("array")) {
            if (!j.contains("items")) {
                fail(tr("an array without \"items\""));
            }
            Node &n = newNode(Type::Array);
            n.items = parse(j.at("items"), space, depth + 1);
            return &n;
        }
        if (type == QLatin1String("map")) {
            if (!j.contains("values")) {
                fail(tr("a map without \"values\""));
            }
            Node &n = newNode(Type::Map);
            n.values = parse(j.at("values"), space, depth + 1);
            return &n;
        }
        return parseName(type, space);
    }

    static void readLogicalType(const Json &j, Node &n)
    {
        n.logicalType = optionalText(j, "logicalType");
        n.precision = optionalInt(j, "precision");
        n.scale = optionalInt(j, "scale");
    }

    const Node *parseName(const QString &name, const QString &space)
    {
        const auto primitive = primitives().find(name);
        if (primitive != primitives().end()) {
            return &newNode(primitive->second);
        }
        const bool dotted = name.contains(QLatin1Char('.'));
        const QString qualified = dotted || space.isEmpty() ? name : space + QLatin1Char('.') + name;
        if (const Node *n = schema_.named(qualified)) {
            return n;
        }
        const QString fallback = dotted || space.isEmpty() ? QString() : name;
        if (!fallback.isEmpty()) {
            if (const Node *n = schema_.named(fallback)) {
                return n;
            }
        }
        const Node *placeholder = &newNode(Type::Null);
        pending_.push_back({placeholder, qualified, fallback});
        return placeholder;
    }

    const Node *parseUnion(const Json &j, const QString &space, int depth)
    {
        Node &n = newNode(Type::Union);
        std::set<QString> seen;
        for (const Json &branch : j) {
            const Node *b = parse(branch, space, depth + 1);
            if (b->type == Type::Union) {
                fail(tr("a union may not directly contain another union"));
            }
            const bool pending = std::any_of(
                pending_.cbegin(), pending_.cend(), [b](const Pending &p) { return p.placeholder == b; });
            const QString key = pending ? QString() : (b->isNamed() ? b->fullName : typeName(b->type));
            if (!key.isEmpty() && !seen.insert(key).second) {
                fail(tr("the union %1 holds %2 twice").arg(qs(j.dump()), key));
            }
            n.branches.push_back(b);
        }
        if (n.branches.empty()) {
            fail(tr("an empty union"));
        }
        return &n;
    }

    const Node *parseNamed(const Json &j, const QString &type, const QString &enclosing, int depth)
    {
        const QString rawName = optionalText(j, "name");
        if (rawName.isEmpty()) {
            fail(tr("a %1 without \"name\"").arg(type));
        }
        QString name = rawName;
        QString space = j.contains("namespace") && j.at("namespace").is_string()
            ? optionalText(j, "namespace")
            : enclosing;
        const qsizetype dot = rawName.lastIndexOf(QLatin1Char('.'));
        if (dot >= 0) {
            space = rawName.left(dot);
            name = rawName.mid(dot + 1);
        }
        if (!isValidName(name) || !isValidNamespace(space)) {
            fail(tr("'%1' is not a valid Avro name").arg(rawName));
        }
        const QString fullName = space.isEmpty() ? name : space + QLatin1Char('.') + name;
        if (schema_.named(fullName) != nullptr) {
            fail(tr("the type '%1' is defined twice").arg(fullName));
        }
        Node &n = newNode(type == QLatin1String("enum") ? Type::Enum
                : type == QLatin1String("fixed")        ? Type::Fixed
                                                        : Type::Record);
        n.name = name;
        n.space = space;
        n.fullName = fullName;
        n.doc = optionalText(j, "doc");
        n.aliases = aliases(j, space);
        schema_.named_[fullName] = &n;
        switch (n.type) {
        case Type::Record:
            parseFields(j, n, depth);
            break;
        case Type::Enum:
            parseSymbols(j, n);
            break;
        default:
            parseFixed(j, n);
            break;
        }
        return &n;
    }

    static QStringList aliases(const Json &j, const QString &space)
    {
        QStringList out;
        const auto it = j.find("aliases");
        if (it == j.end() || !it->is_array()) {
            return out;
        }
        for (const Json &a : *it) {
            if (!a.is_string()) {
                continue;
            }
            const QString alias = qs(a.get<std::string>());
            out << (alias.contains(QLatin1Char('.')) || space.isEmpty() ? alias
                                                                        : space + QLatin1Char('.') + alias);
        }
        return out;
    }

    void parseFields(const Json &j, Node &record, int depth)
    {
        const auto it = j.find("fields");
        if (it == j.end() || !it->is_array()) {
            fail(tr("the record '%1' has no \"fields\" array").arg(record.fullName));
        }
        std::set<QString> names;
        int position = 0;
        for (const Json &fj : *it) {
            if (!fj.is_object()) {
                fail(tr("a field of '%1' is not an object").arg(record.fullName));
            }
            Field f;
            f.name = optionalText(fj, "name");
            if (!isValidName(f.name)) {
                fail(tr("the record '%1' has a field without a valid name").arg(record.fullName));
            }
            if (!names.insert(f.name).second) {
                fail(tr("the record '%1' has two fields named '%2'").arg(record.fullName, f.name));
            }
            if (!fj.contains("type")) {
                fail(tr("the field '%1.%2' has no \"type\"").arg(record.fullName, f.name));
            }
            f.doc = optionalText(fj, "doc");
            f.order = optionalText(fj, "order");
            if (const auto a = fj.find("aliases"); a != fj.end() && a->is_array()) {
                for (const Json &alias : *a) {
                    if (alias.is_string()) {
                        f.aliases << qs(alias.get<std::string>());
                    }
                }
            }
            if (const auto d = fj.find("default"); d != fj.end()) {
                f.defaultValue = *d;
            }
            f.position = position++;
            f.type = parse(fj.at("type"), record.space, depth + 1);
            record.fields.push_back(std::move(f));
        }
    }

    void parseSymbols(const Json &j, Node &e) const
    {
        const auto it = j.find("symbols");
        if (it == j.end() || !it->is_array()) {
            fail(tr("the enum '%1' has no \"symbols\" array").arg(e.fullName));
        }
        for (const Json &s : *it) {
            const QString symbol = s.is_string() ? qs(s.get<std::string>()) : QString();
            if (!isValidName(symbol)) {
                fail(tr("the enum '%1' has an invalid symbol %2").arg(e.fullName, qs(s.dump())));
            }
            if (e.symbols.contains(symbol)) {
                fail(tr("the enum '%1' has the symbol '%2' twice").arg(e.fullName, symbol));
            }
            e.symbols << symbol;
        }
        if (const auto d = j.find("default"); d != j.end() && d->is_string()) {
            e.enumDefault = qs(d->get<std::string>());
            if (!e.symbols.contains(*e.enumDefault)) {
                fail(tr("the default '%1' of the enum '%2' is not one of its symbols")
                         .arg(*e.enumDefault, e.fullName));
            }
        }
    }

    void parseFixed(const Json &j, Node &f) const
    {
        const std::optional<int> size = optionalInt(j, "size");
        if (!size || *size < 0) {
            fail(tr("the fixed '%1' has no valid \"size\"").arg(f.fullName));
        }
        f.size = *size;
        readLogicalType(j, f);
    }

    Schema &schema_;
    QString what_;
    std::vector<Pending> pending_;
};

const Field *Node::field(const QString &fieldName) const
{
    for (const Field &f : fields) {
        if (f.name == fieldName) {
            return &f;
        }
    }
    return nullptr;
}

std::unique_ptr<Schema> Schema::parse(
    const QString &text, const QMap<QString, QString> &references, QString *error)
{
    auto schema = std::make_unique<Schema>();
    Parser parser(*schema);
    try {
        if (text.size() > kMaxSchemaChars) {
            throw ParseFailure(tr("the schema is longer than %1 characters").arg(kMaxSchemaChars));
        }
        for (auto it = references.cbegin(); it != references.cend(); ++it) {
            parser.parseDocument(it.value(), tr("reference '%1'").arg(it.key()));
        }
        schema->root_ = parser.parseDocument(text, QString());
        parser.resolve();
    } catch (const ParseFailure &e) {
        if (error != nullptr) {
            *error = QString::fromStdString(e.what());
        }
        return nullptr;
    }
    return schema;
}

const Node *Schema::named(const QString &fullName) const
{
    const auto it = named_.find(fullName);
    return it == named_.end() ? nullptr : it->second;
}

std::vector<std::pair<const Node *, const Field *>> Schema::allFields() const
{
    std::vector<std::pair<const Node *, const Field *>> out;
    for (const Node &n : nodes_) {
        for (const Field &f : n.fields) {
            out.emplace_back(&n, &f);
        }
    }
    return out;
}

QString typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Boolean:
        return QStringLiteral("boolean");
    case Type::Int:
        return QStringLiteral("int");
    case Type::Long:
        return QStringLiteral("long");
    case Type::Float:
        return QStringLiteral("float");
    case Type::Double:
        return QStringLiteral("double");
    case Type::Bytes:
        return QStringLiteral("bytes");
    case Type::String:
        return QStringLiteral("string");
    case Type::Record:
        return QStringLiteral("record");
    case Type::Enum:
        return QStringLiteral("enum");
    case Type::Array:
        return QStringLiteral("array");
    case Type::Map:
        return QStringLiteral("map");
    case Type::Union:
        return QStringLiteral("union");
    case Type::Fixed:
        return QStringLiteral("fixed");
    }
    return {};
}

namespace {

QString logicalSuffix(const Node *node)
{
    if (node->logicalType.isEmpty()) {
        return {};
    }
    QString logical = node->logicalType;
    if (logical == QLatin1String("decimal")) {
        logical += QStringLiteral("(%1,%2)").arg(node->precision.value_or(0)).arg(node->scale.value_or(0));
    }
    return QStringLiteral(" (%1)").arg(logical);
}

} // namespace

QString describeRef(const Node *node)
{
    return node->isNamed() ? node->fullName : describe(node);
}

QString describe(const Node *node)
{
    switch (node->type) {
    case Type::Record:
    case Type::Enum:
        return typeName(node->type) + QLatin1Char(' ') + node->fullName;
    case Type::Fixed:
        return QStringLiteral("fixed %1(%2)").arg(node->fullName).arg(node->size) + logicalSuffix(node);
    case Type::Array:
        return QStringLiteral("array<%1>").arg(describeRef(node->items));
    case Type::Map:
        return QStringLiteral("map<%1>").arg(describeRef(node->values));
    case Type::Union: {
        QStringList parts;
        for (const Node *b : node->branches) {
            parts << describeRef(b);
        }
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    default:
        return typeName(node->type) + logicalSuffix(node);
    }
}

bool isValidDefault(const Node *node, const nlohmann::ordered_json &value, bool *anyBranch)
{
    switch (node->type) {
    case Type::Null:
        return value.is_null();
    case Type::Boolean:
        return value.is_boolean();
    case Type::Int:
        if (value.is_number_unsigned()) {
            return value.get<unsigned long long>()
                <= static_cast<unsigned long long>(std::numeric_limits<int>::max());
        }
        if (value.is_number_integer()) {
            const auto v = value.get<long long>();
            return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max();
        }
        return false;
    case Type::Long:
        if (value.is_number_unsigned()) {
            return value.get<unsigned long long>()
                <= static_cast<unsigned long long>(std::numeric_limits<long long>::max());
        }
        return value.is_number_integer();
    case Type::Float:
    case Type::Double:
        return value.is_number();
    case Type::Bytes:
    case Type::String:
    case Type::Fixed:
        return value.is_string();
    case Type::Enum:
        return value.is_string() && node->symbols.contains(qs(value.get<std::string>()));
    case Type::Array:
        return value.is_array()
            && std::all_of(value.begin(), value.end(),
                [&](const nlohmann::ordered_json &v) { return isValidDefault(node->items, v, anyBranch); });
    case Type::Map:
        return value.is_object()
            && std::all_of(value.begin(), value.end(),
                [&](const nlohmann::ordered_json &v) { return isValidDefault(node->values, v, anyBranch); });
    case Type::Record:
        if (!value.is_object()) {
            return false;
        }
        return std::all_of(node->fields.cbegin(), node->fields.cend(), [&](const Field &f) {
            const auto it = value.find(f.name.toStdString());
            return it != value.end() ? isValidDefault(f.type, *it, anyBranch) : f.defaultValue.has_value();
        });
    case Type::Union:
        if (isValidDefault(node->branches.front(), value, anyBranch)) {
            return true;
        }
        if (anyBranch != nullptr
            && std::any_of(node->branches.cbegin() + 1, node->branches.cend(),
                [&](const Node *b) { return isValidDefault(b, value, nullptr); })) {
            *anyBranch = true;
        }
        return false;
    }
    return false;
}

} // namespace edis::schemadiff::avro
