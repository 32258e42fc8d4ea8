// Building the node graph from a self-contained Avro schema, and avro-c's check of it.

#include "schema/avrocompiler.h"
#include "schema/jsontext.h"
#include "schema/translate.h"

#include <avro.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_set>

namespace edis::schema::avro {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxSchemaDepth = 200;
constexpr int64_t kMaxFixedSize = int64_t(1) << 30;

std::string jsonQuoted(const std::string &s)
{
    std::string out;
    json::appendString(out, s);
    return out;
}

bool isValidName(std::string_view name)
{
    if (name.empty()) {
        return false;
    }
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
    if (!letter(name[0])) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

bool isValidFullName(const std::string &fullName)
{
    std::size_t start = 0;
    while (true) {
        const auto dot = fullName.find('.', start);
        if (!isValidName(std::string_view(fullName).substr(start, dot - start))) {
            return false;
        }
        if (dot == std::string::npos) {
            return true;
        }
        start = dot + 1;
    }
}

/// The most decimal digits a two's-complement number of `bytes` bytes holds.
int maxDecimalDigits(int64_t bytes)
{
    return int(std::floor(double(8 * bytes - 1) * std::log10(2.0)));
}

class GraphBuilder {
public:
    explicit GraphBuilder(Graph &graph)
        : graph_(graph)
    {
    }

    QString error;

    const Node *build(const Json &j, const std::string &space, int depth)
    {
        if (depth > kMaxSchemaDepth) {
            return fail(tr("The schema nests deeper than %1 levels.").arg(kMaxSchemaDepth));
        }
        if (j.is_string()) {
            return buildName(j.get_ref<const std::string &>(), space);
        }
        if (j.is_array()) {
            return buildUnion(j, space, depth);
        }
        if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
            return fail(tr("%1 is not an Avro schema.").arg(qs(j.dump().substr(0, 120))));
        }
        const auto &t = j["type"].get_ref<const std::string &>();
        if (t == "record" || t == "error") {
            return buildRecord(j, space, depth);
        }
        if (t == "enum") {
            return buildEnum(j, space);
        }
        if (t == "fixed") {
            return buildFixed(j, space);
        }
        if (t == "array" || t == "map") {
            const char *key = t == "array" ? "items" : "values";
            if (!j.contains(key)) {
                return fail(tr("An %1 needs \"%2\".").arg(qs(t), QLatin1String(key)));
            }
            auto &node = add(t == "array" ? Kind::Array : Kind::Map, t);
            node.items = build(j[key], space, depth + 1);
            return node.items ? &node : nullptr;
        }
        if (Node *primitive = primitiveNode(t)) {
            applyLogical(*primitive, j);
            return primitive;
        }
        return buildName(t, space); // {"type": "com.acme.Address"}
    }

    void computeMayBeEmpty()
    {
        for (auto &node : graph_.nodes) {
            node.mayBeEmpty = node.kind == Kind::Null || (node.kind == Kind::Fixed && node.fixedSize == 0);
        }
        for (bool changed = true; changed;) {
            changed = false;
            for (auto &node : graph_.nodes) {
                if (node.kind == Kind::Record && !node.mayBeEmpty
                    && std::all_of(node.fields.begin(), node.fields.end(),
                        [](const Field &f) { return f.type->mayBeEmpty; })) {
                    node.mayBeEmpty = true;
                    changed = true;
                }
            }
        }
    }

private:
    const Node *fail(QString message)
    {
        if (error.isEmpty()) {
            error = std::move(message);
        }
        return nullptr;
    }

    Node &add(Kind kind, const std::string &branchName)
    {
        auto &node = graph_.nodes.emplace_back();
        node.kind = kind;
        node.branchName = branchName;
        return node;
    }

    /// A new node for a primitive type name (each its own, for a logical type); else nullptr.
    Node *primitiveNode(const std::string &name)
    {
        static const std::pair<const char *, Kind> kPrimitives[] = {{"null", Kind::Null},
            {"boolean", Kind::Boolean}, {"int", Kind::Int}, {"long", Kind::Long}, {"float", Kind::Float},
            {"double", Kind::Double}, {"bytes", Kind::Bytes}, {"string", Kind::String}};
        for (const auto &[primitiveName, kind] : kPrimitives) {
            if (name == primitiveName) {
                return &add(kind, name);
            }
        }
        return nullptr;
    }

    const Node *buildName(const std::string &name, const std::string &space)
    {
        if (Node *primitive = primitiveNode(name)) {
            return primitive;
        }
        if (name.find('.') == std::string::npos && !space.empty()) {
            if (const auto it = named_.find(space + '.' + name); it != named_.end()) {
                return it->second;
            }
        }
        if (const auto it = named_.find(name); it != named_.end()) {
            return it->second;
        }
        return fail(
            tr("Unknown type \"%1\": neither the schema nor its references define it.").arg(qs(name)));
    }

    /// Registers a named type; nullptr (and an error) when the name is bad or taken.
    Node *define(const Json &j, const std::string &space, Kind kind)
    {
        const auto name = j.value("name", std::string());
        std::string full = name;
        if (name.find('.') == std::string::npos) {
            const auto ns = j.contains("namespace") && j["namespace"].is_string()
                ? j["namespace"].get<std::string>()
                : space;
            full = ns.empty() ? name : ns + '.' + name;
        }
        if (!isValidFullName(full)) {
            fail(name.empty()
                    ? tr("A %1 needs a name.").arg(qs(j["type"].get<std::string>()))
                    : tr("\"%1\" is not a valid Avro name (letters, digits and _, not starting with a "
                         "digit, namespaces separated by dots).")
                          .arg(qs(full)));
            return nullptr;
        }
        if (named_.contains(full)) {
            fail(tr("The type %1 is defined twice.").arg(qs(full)));
            return nullptr;
        }
        auto &node = add(kind, full);
        node.fullName = full;
        named_.emplace(full, &node);
        return &node;
    }

    const Node *buildRecord(const Json &j, const std::string &space, int depth)
    {
        Node *node = define(j, space, Kind::Record);
        if (!node) {
            return nullptr;
        }
        if (!j.contains("fields") || !j["fields"].is_array()) {
            return fail(tr("The record %1 needs \"fields\" (an array).").arg(qs(node->fullName)));
        }
        const auto dot = node->fullName.rfind('.');
        const auto ownSpace = dot == std::string::npos ? std::string() : node->fullName.substr(0, dot);
        for (const auto &f : j["fields"]) {
            if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("type")) {
                return fail(tr(R"(A field of the record %1 needs a "name" and a "type": %2)")
                                .arg(qs(node->fullName), qs(f.dump().substr(0, 120))));
            }
            Field field;
            field.name = f["name"].get<std::string>();
            if (!isValidName(field.name)) {
                return fail(
                    tr("\"%1\" is not a valid field name (in %2).").arg(qs(field.name), qs(node->fullName)));
            }
            if (node->fieldIndex.contains(field.name)) {
                return fail(
                    tr("The record %1 has two fields named %2.").arg(qs(node->fullName), qs(field.name)));
            }
            field.quotedName = jsonQuoted(field.name);
            field.type = build(f["type"], ownSpace, depth + 1);
            if (!field.type) {
                if (!error.contains(QLatin1String(" (in "))) {
                    error += tr(" (in %1.%2)").arg(qs(node->fullName), qs(field.name));
                }
                return nullptr;
            }
            if (f.contains("default")) {
                field.defaultValue = f["default"];
            }
            node->fieldIndex.emplace(field.name, node->fields.size());
            node->fields.push_back(std::move(field));
        }
        return node;
    }

    const Node *buildEnum(const Json &j, const std::string &space)
    {
        Node *node = define(j, space, Kind::Enum);
        if (!node) {
            return nullptr;
        }
        if (!j.contains("symbols") || !j["symbols"].is_array()) {
            return fail(tr("The enum %1 needs \"symbols\" (an array of names).").arg(qs(node->fullName)));
        }
        for (const auto &s : j["symbols"]) {
            if (!s.is_string() || !isValidName(s.get<std::string>())) {
                return fail(tr("The enum %1 has a bad symbol: %2").arg(qs(node->fullName), qs(s.dump())));
            }
            const auto symbol = s.get<std::string>();
            if (!node->symbolIndex.emplace(symbol, int64_t(node->symbols.size())).second) {
                return fail(tr("The enum %1 lists %2 twice.").arg(qs(node->fullName), qs(symbol)));
            }
            node->symbols.push_back(symbol);
            node->quotedSymbols.push_back(jsonQuoted(symbol));
        }
        return node;
    }

    const Node *buildFixed(const Json &j, const std::string &space)
    {
        Node *node = define(j, space, Kind::Fixed);
        if (!node) {
            return nullptr;
        }
        if (!j.contains("size") || !j["size"].is_number_integer() || j["size"].get<int64_t>() < 0
            || j["size"].get<int64_t>() > kMaxFixedSize) {
            return fail(
                tr("The fixed %1 needs a \"size\" (a whole number of bytes).").arg(qs(node->fullName)));
        }
        node->fixedSize = j["size"].get<int64_t>();
        applyLogical(*node, j);
        return node;
    }

    const Node *buildUnion(const Json &j, const std::string &space, int depth)
    {
        if (j.empty()) {
            return fail(tr("An empty union [] has no values."));
        }
        auto &node = add(Kind::Union, "union");
        std::unordered_set<std::string> seen;
        for (const auto &b : j) {
            const Node *branch = build(b, space, depth + 1);
            if (!branch) {
                return nullptr;
            }
            if (branch->kind == Kind::Union) {
                return fail(
                    tr("A union cannot hold another union directly: %1").arg(qs(j.dump().substr(0, 120))));
            }
            if (!seen.insert(branch->branchName).second) {
                return fail(tr("The union %1 has two branches of type %2.")
                                .arg(qs(j.dump().substr(0, 120)), qs(branch->branchName)));
            }
            if (branch->kind == Kind::Null) {
                node.nullBranch = int(node.branches.size());
            }
            node.branches.push_back(branch);
        }
        return &node;
    }

    static int intAttribute(const Json &j, const char *key, int fallback)
    {
        const auto it = j.find(key);
        if (it == j.end()) {
            return fallback;
        }
        return it->is_number_integer() ? it->get<int>() : -1;
    }

    /// A logical type that the specification does not allow here is ignored, as it says.
    static void applyLogical(Node &node, const Json &j)
    {
        const auto it = j.find("logicalType");
        if (it == j.end() || !it->is_string()) {
            return;
        }
        const auto &lt = it->get_ref<const std::string &>();
        const Kind k = node.kind;
        if (lt == "decimal" && (k == Kind::Bytes || k == Kind::Fixed)) {
            const int precision = intAttribute(j, "precision", -1);
            const int scale = intAttribute(j, "scale", 0);
            const bool fits = k == Kind::Bytes || precision <= maxDecimalDigits(node.fixedSize);
            if (precision > 0 && scale >= 0 && scale <= precision && fits) {
                node.logical = Logical::Decimal;
                node.precision = precision;
                node.scale = scale;
            }
            return;
        }
        static const std::tuple<const char *, Kind, Logical> kSimple[] = {
            {"date", Kind::Int, Logical::Date},
            {"time-millis", Kind::Int, Logical::TimeMillis},
            {"time-micros", Kind::Long, Logical::TimeMicros},
            {"timestamp-millis", Kind::Long, Logical::TimestampMillis},
            {"timestamp-micros", Kind::Long, Logical::TimestampMicros},
            {"local-timestamp-millis", Kind::Long, Logical::LocalTimestampMillis},
            {"local-timestamp-micros", Kind::Long, Logical::LocalTimestampMicros},
            {"uuid", Kind::String, Logical::Uuid},
        };
        for (const auto &[name, kind, logical] : kSimple) {
            if (lt == name && k == kind) {
                node.logical = logical;
                return;
            }
        }
        if (lt == "uuid" && k == Kind::Fixed && node.fixedSize == 16) {
            node.logical = Logical::Uuid;
        } else if (lt == "duration" && k == Kind::Fixed && node.fixedSize == 12) {
            node.logical = Logical::Duration;
        }
    }

    Graph &graph_;
    std::unordered_map<std::string, Node *> named_;
};

} // namespace

QString avroCSchemaError(const std::string &schemaJson)
{
    static std::mutex avroCMutex;
    const std::lock_guard lock(avroCMutex);
    avro_schema_t schema = nullptr;
    if (avro_schema_from_json_length(schemaJson.data(), schemaJson.size(), &schema) != 0) {
        return qs(avro_strerror()).trimmed();
    }
    avro_schema_decref(schema);
    return {};
}

Result<Compiled> compileSchema(const QString &schema, const SchemaReferences &references)
{
    using R = Result<Compiled>;
    auto inlined = inlineReferences(schema, references);
    if (!inlined) {
        return R::failure(inlined.error());
    }
    Compiled compiled;
    compiled.graph = std::make_unique<Graph>();
    GraphBuilder builder(*compiled.graph);
    compiled.graph->root = builder.build(inlined.value(), {}, 0);
    if (!compiled.graph->root) {
        return R::failure(tr("The Avro schema does not compile: %1").arg(builder.error));
    }
    builder.computeMayBeEmpty();
    compiled.schemaJson = inlined.value().dump();
    if (const auto avroError = avroCSchemaError(compiled.schemaJson); !avroError.isEmpty()) {
        return R::failure(tr("avro-c refuses the Avro schema: %1").arg(avroError));
    }
    return R::success(std::move(compiled));
}

} // namespace edis::schema::avro
