// Inlining the named types of an Avro schema's references (see avrocompiler.h).
//
// avro-c parses one schema text; a schema registered with references uses types defined in
// other subjects by name. The references' definitions are collected with their full names
// (namespaces applied as the specification's "Names" section says), then the main schema is
// copied with each reference to a type not yet defined replaced by that type's definition, so
// the definition comes before any other use as every Avro parser requires. Definitions are
// written with an explicit name and namespace and references by full name, so a definition means
// the same wherever it lands.

#include "schema/avrocompiler.h"
#include "schema/translate.h"

#include <unordered_map>

namespace edis::schema::avro {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxSchemaDepth = 200;

bool isPrimitive(std::string_view name)
{
    return name == "null" || name == "boolean" || name == "int" || name == "long" || name == "float"
        || name == "double" || name == "bytes" || name == "string";
}

bool isDefinition(std::string_view type)
{
    return type == "record" || type == "error" || type == "enum" || type == "fixed";
}

std::string namespaceOf(const std::string &fullName)
{
    const auto dot = fullName.rfind('.');
    return dot == std::string::npos ? std::string() : fullName.substr(0, dot);
}

std::string shortNameOf(const std::string &fullName)
{
    const auto dot = fullName.rfind('.');
    return dot == std::string::npos ? fullName : fullName.substr(dot + 1);
}

/// The full name of a definition, or empty when it has no string name.
std::string fullNameOf(const Json &definition, const std::string &contextNamespace)
{
    const auto name = definition.find("name");
    if (name == definition.end() || !name->is_string()) {
        return {};
    }
    const auto &n = name->get_ref<const std::string &>();
    if (n.find('.') != std::string::npos) {
        return n;
    }
    std::string space = contextNamespace;
    if (const auto ns = definition.find("namespace"); ns != definition.end() && ns->is_string()) {
        space = ns->get<std::string>();
    }
    return space.empty() ? n : space + '.' + n;
}

class Inliner {
public:
    QString error;

    void collect(const Json &node, const std::string &space, int depth)
    {
        if (depth > kMaxSchemaDepth) {
            return; // transform() reports it
        }
        if (node.is_array()) {
            for (const auto &branch : node) {
                collect(branch, space, depth + 1);
            }
            return;
        }
        if (!node.is_object()) {
            return;
        }
        const auto type = node.find("type");
        if (type == node.end() || !type->is_string()) {
            return;
        }
        const auto &t = type->get_ref<const std::string &>();
        if (isDefinition(t)) {
            const auto full = fullNameOf(node, space);
            if (full.empty()) {
                return;
            }
            known_.try_emplace(full, Definition {&node, space});
            const auto fields = node.find("fields");
            if (fields != node.end() && fields->is_array()) {
                for (const auto &field : *fields) {
                    if (field.is_object() && field.contains("type")) {
                        collect(field["type"], namespaceOf(full), depth + 1);
                    }
                }
            }
        } else if (t == "array" && node.contains("items")) {
            collect(node["items"], space, depth + 1);
        } else if (t == "map" && node.contains("values")) {
            collect(node["values"], space, depth + 1);
        }
    }

    /// Copies `in` (read in namespace `space`) into `out`, which lands where the enclosing
    /// definition's namespace is `outSpace`.
    bool transform(
        const Json &in, const std::string &space, const std::string &outSpace, Json &out, int depth)
    {
        if (depth > kMaxSchemaDepth) {
            return fail(tr("The schema nests deeper than %1 levels.").arg(kMaxSchemaDepth));
        }
        if (in.is_string()) {
            return transformName(in.get_ref<const std::string &>(), space, outSpace, out, depth);
        }
        if (in.is_array()) {
            out = Json::array();
            for (const auto &branch : in) {
                Json b;
                if (!transform(branch, space, outSpace, b, depth + 1)) {
                    return false;
                }
                out.push_back(std::move(b));
            }
            return true;
        }
        if (!in.is_object()) {
            return fail(
                tr("%1 is not an Avro schema (a type name, an object or a union array).").arg(qs(in.dump())));
        }
        const auto type = in.find("type");
        if (type == in.end()) {
            return fail(tr("A schema object has no \"type\": %1").arg(qs(in.dump().substr(0, 120))));
        }
        if (!type->is_string()) {
            return fail(tr("\"type\" must be a type name, not %1.").arg(qs(type->dump().substr(0, 120))));
        }
        const auto &t = type->get_ref<const std::string &>();
        if (isDefinition(t)) {
            return transformDefinition(in, space, outSpace, out, depth);
        }
        out = in;
        if (t == "array" && in.contains("items")) {
            return transform(in["items"], space, outSpace, out["items"], depth + 1);
        }
        if (t == "map" && in.contains("values")) {
            return transform(in["values"], space, outSpace, out["values"], depth + 1);
        }
        if (!isPrimitive(t) && t != "array" && t != "map") {
            return transformName(t, space, outSpace, out, depth); // {"type": "com.acme.Address"}
        }
        return true;
    }

private:
    struct Definition {
        const Json *json = nullptr;
        std::string space; ///< the namespace the definition was read in
    };

    bool fail(QString message)
    {
        if (error.isEmpty()) {
            error = std::move(message);
        }
        return false;
    }

    std::string resolve(const std::string &name, const std::string &space) const
    {
        if (name.find('.') == std::string::npos && !space.empty()) {
            if (auto qualified = space + '.' + name; known_.contains(qualified)) {
                return qualified;
            }
        }
        return known_.contains(name) ? name : std::string();
    }

    bool transformName(
        const std::string &name, const std::string &space, const std::string &outSpace, Json &out, int depth)
    {
        if (isPrimitive(name)) {
            out = name;
            return true;
        }
        const auto full = resolve(name, space);
        if (full.empty()) {
            return fail(
                tr("Unknown type \"%1\": neither the schema nor its references define it.").arg(qs(name)));
        }
        if (defined_.contains(full)) {
            out = full;
            return true;
        }
        const auto &definition = known_.at(full);
        return transform(*definition.json, definition.space, outSpace, out, depth + 1);
    }

    bool transformDefinition(
        const Json &in, const std::string &space, const std::string &outSpace, Json &out, int depth)
    {
        const auto full = fullNameOf(in, space);
        if (full.empty()) {
            return fail(tr("A %1 needs a \"name\" (a string).").arg(qs(in["type"].get<std::string>())));
        }
        if (const auto earlier = defined_.find(full); earlier != defined_.end()) {
            if (*earlier->second != in) {
                return fail(tr("The type %1 is defined twice, differently.").arg(qs(full)));
            }
            out = full; // defined earlier (e.g. inlined from a reference that nests it)
            return true;
        }
        defined_.emplace(full, &in);
        out = in;
        out["name"] = shortNameOf(full);
        const auto ownSpace = namespaceOf(full);
        if (!ownSpace.empty()) {
            out["namespace"] = ownSpace;
        } else if (!outSpace.empty()) {
            out["namespace"] = ""; // the null namespace, not the enclosing one
        } else {
            out.erase("namespace");
        }
        const auto fields = in.find("fields");
        if (fields == in.end() || !fields->is_array()) {
            return true; // the graph builder reports a record without fields
        }
        for (std::size_t i = 0; i < fields->size(); ++i) {
            const auto &field = (*fields)[i];
            if (!field.is_object() || !field.contains("type")) {
                continue;
            }
            if (!transform(field["type"], ownSpace, ownSpace, out["fields"][i]["type"], depth + 1)) {
                if (!error.contains(QLatin1String(" (in "))) {
                    error += tr(" (in %1.%2)").arg(qs(full), qs(field.value("name", std::string("?"))));
                }
                return false;
            }
        }
        return true;
    }

    std::unordered_map<std::string, Definition> known_;
    std::unordered_map<std::string, const Json *> defined_; ///< the definition written
};

Result<Json> parseJson(const QString &text, const QString &what)
{
    const auto utf8 = text.toStdString();
    auto doc = Json::parse(utf8, nullptr, false);
    if (doc.is_discarded()) {
        try {
            [[maybe_unused]] const auto again = Json::parse(utf8);
        } catch (const Json::parse_error &e) {
            return Result<Json>::failure(
                tr("%1 is not valid JSON (at byte %2): %3").arg(what).arg(e.byte).arg(qs(e.what())));
        }
        return Result<Json>::failure(tr("%1 is not valid JSON.").arg(what));
    }
    return Result<Json>::success(std::move(doc));
}

} // namespace

Result<nlohmann::ordered_json> inlineReferences(const QString &schema, const SchemaReferences &references)
{
    using R = Result<Json>;
    auto main = parseJson(schema, tr("The Avro schema"));
    if (!main) {
        return main;
    }
    std::vector<Json> referenced;
    referenced.reserve(std::size_t(references.size()));
    for (const auto &reference : references) {
        auto parsed
            = parseJson(reference.schema, tr("The referenced Avro schema \"%1\"").arg(reference.name));
        if (!parsed) {
            return parsed;
        }
        referenced.push_back(std::move(parsed).value());
    }
    Inliner inliner;
    inliner.collect(main.value(), {}, 0); // the main schema's own definitions win
    for (const auto &r : referenced) {
        inliner.collect(r, {}, 0);
    }
    Json out;
    if (!inliner.transform(main.value(), {}, {}, out, 0)) {
        return R::failure(inliner.error);
    }
    return R::success(std::move(out));
}

} // namespace edis::schema::avro
