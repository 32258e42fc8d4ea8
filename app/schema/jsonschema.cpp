#include "schema/jsonschema.h"

#include "schema/translate.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>
#include <QUrl>

#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace edis::schema {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxRefDepth = 64;
constexpr int kMaxListed = 10;

const char *const kSubschemaKeys[]
    = {"additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else"};
const char *const kSchemaListKeys[] = {"allOf", "anyOf", "oneOf"};
const char *const kSchemaMapKeys[] = {"properties", "patternProperties", "definitions", "$defs"};
const char *const kCountKeys[]
    = {"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"};

bool isTypeName(const std::string &t)
{
    return t == "string" || t == "number" || t == "integer" || t == "boolean" || t == "object" || t == "array"
        || t == "null";
}

QString shown(const Json &v)
{
    auto text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() > 60) {
        text = text.substr(0, 60) + "…";
    }
    return qs(text);
}

QString described(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::boolean:
        return tr("boolean %1").arg(shown(v));
    case Json::value_t::string:
        return tr("string %1").arg(shown(v));
    case Json::value_t::object:
        return tr("an object");
    case Json::value_t::array:
        return tr("an array");
    default:
        return tr("number %1").arg(shown(v));
    }
}

bool isInteger(const Json &v)
{
    if (v.is_number_integer()) {
        return true;
    }
    if (!v.is_number_float()) {
        return false;
    }
    const double d = v.get<double>();
    return std::isfinite(d) && std::trunc(d) == d;
}

bool hasType(const Json &v, const std::string &type)
{
    if (type == "integer") {
        return isInteger(v);
    }
    if (type == "number") {
        return v.is_number();
    }
    return (type == "string" && v.is_string()) || (type == "boolean" && v.is_boolean())
        || (type == "object" && v.is_object()) || (type == "array" && v.is_array())
        || (type == "null" && v.is_null());
}

std::size_t codePoints(const std::string &s)
{
    return std::size_t(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string escapedToken(const std::string &key)
{
    std::string out;
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Result<Json> parseJson(std::string_view text, const QString &what)
{
    auto doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        try {
            [[maybe_unused]] const auto again = Json::parse(text);
        } catch (const Json::parse_error &e) {
            return Result<Json>::failure(
                tr("%1 is not valid JSON (at byte %2): %3").arg(what).arg(e.byte).arg(qs(e.what())));
        }
        return Result<Json>::failure(tr("%1 is not valid JSON.").arg(what));
    }
    return Result<Json>::success(std::move(doc));
}

} // namespace

QString Violation::text() const
{
    return tr("%1: %2").arg(pointer.empty() ? QStringLiteral("/") : qs(pointer), message);
}

QString violationsText(const std::vector<Violation> &violations, int max)
{
    QStringList parts;
    for (const auto &v : violations) {
        if (parts.size() == max) {
            parts << tr("and %1 more").arg(violations.size() - std::size_t(max));
            break;
        }
        parts << v.text();
    }
    return parts.join(QStringLiteral("; "));
}

struct JsonSchemaCodec::State {
    struct Document {
        QString name;
        Json root;
    };
    struct Target {
        const Json *schema = nullptr;
        std::size_t doc = 0;
    };
    std::vector<Document> docs; ///< [0] is the schema, then the references; never resized after compile
    std::unordered_map<const Json *, Target> refs; ///< a schema holding "$ref" → what it names
    std::unordered_map<std::string, QRegularExpression> patterns;
};

namespace {

using State = JsonSchemaCodec::State;

/// Checks the keywords' forms, compiles the patterns and resolves every $ref, once.
class SchemaCompiler {
public:
    explicit SchemaCompiler(State &state)
        : s_(state)
    {
    }

    QString error;

    bool compile(const Json &schema, std::size_t doc, const std::string &where)
    {
        if (schema.is_boolean()) {
            return true;
        }
        if (!schema.is_object()) {
            return fail(where, tr("a schema must be an object or a boolean, not %1").arg(described(schema)));
        }
        if (!visited_.insert(&schema).second) {
            return true;
        }
        if (const auto ref = schema.find("$ref"); ref != schema.end()) {
            if (!ref->is_string()) {
                return fail(where, tr("$ref must be a string"));
            }
            if (!resolve(schema, ref->get<std::string>(), doc, where)) {
                return false;
            }
        }
        return checkKeywords(schema, where) && compileChildren(schema, doc, where);
    }

private:
    bool fail(const std::string &where, const QString &message)
    {
        if (error.isEmpty()) {
            error = tr("%1: %2").arg(qs(where), message);
        }
        return false;
    }

    bool resolve(const Json &holder, const std::string &ref, std::size_t doc, const std::string &where)
    {
        const auto hash = ref.find('#');
        auto base = ref.substr(0, hash);
        const auto fragment = hash == std::string::npos ? std::string() : ref.substr(hash + 1);
        std::size_t target = doc;
        if (!base.empty()) {
            if (base.rfind("./", 0) == 0) {
                base.erase(0, 2);
            }
            const auto it = std::find_if(s_.docs.begin(), s_.docs.end(), [&](const State::Document &d) {
                return d.name == qs(base) || d.name == qs(ref.substr(0, hash));
            });
            if (it == s_.docs.end() || it == s_.docs.begin()) {
                return fail(where, tr("$ref \"%1\" names no reference of the schema").arg(qs(ref)));
            }
            target = std::size_t(it - s_.docs.begin());
        }
        const Json *node = &s_.docs[target].root;
        if (!fragment.empty()) {
            const auto pointer = QUrl::fromPercentEncoding(QByteArray::fromStdString(fragment)).toStdString();
            try {
                const Json::json_pointer p(pointer);
                if (!node->contains(p)) {
                    return fail(where, tr("$ref \"%1\" points nowhere").arg(qs(ref)));
                }
                node = &node->at(p);
            } catch (const Json::exception &) {
                return fail(
                    where, tr(R"($ref "%1" is not a JSON pointer ("#/definitions/name"))").arg(qs(ref)));
            }
        }
        s_.refs[&holder] = {node, target};
        return compile(*node, target, ref);
    }

    bool checkKeywords(const Json &schema, const std::string &where)
    {
        if (const auto t = schema.find("type"); t != schema.end()) {
            const bool ok = t->is_string() ? isTypeName(t->get<std::string>())
                                           : t->is_array()
                    && std::all_of(t->begin(), t->end(),
                        [](const Json &e) { return e.is_string() && isTypeName(e.get<std::string>()); });
            if (!ok) {
                return fail(where, tr("\"type\" must name JSON types, not %1").arg(shown(*t)));
            }
        }
        for (const char *key : kCountKeys) {
            if (const auto it = schema.find(key);
                it != schema.end() && (!isInteger(*it) || it->get<double>() < 0)) {
                return fail(where, tr("\"%1\" must be a whole number ≥ 0").arg(QLatin1String(key)));
            }
        }
        for (const char *key : {"minimum", "maximum", "multipleOf"}) {
            if (const auto it = schema.find(key); it != schema.end() && !it->is_number()) {
                return fail(where, tr("\"%1\" must be a number").arg(QLatin1String(key)));
            }
        }
        if (const auto it = schema.find("required"); it != schema.end() && it->is_array()
            && !std::all_of(it->begin(), it->end(), [](const Json &e) { return e.is_string(); })) {
            return fail(where, tr("\"required\" must list property names"));
        }
        if (const auto it = schema.find("enum"); it != schema.end() && !it->is_array()) {
            return fail(where, tr("\"enum\" must be an array"));
        }
        if (const auto it = schema.find("pattern"); it != schema.end()) {
            if (!it->is_string() || !addPattern(it->get<std::string>(), where)) {
                return false;
            }
        }
        if (const auto it = schema.find("patternProperties"); it != schema.end() && it->is_object()) {
            for (const auto &[pattern, unused] : it->items()) {
                if (!addPattern(pattern, where)) {
                    return false;
                }
            }
        }
        return true;
    }

    bool addPattern(const std::string &pattern, const std::string &where)
    {
        QRegularExpression re(qs(pattern));
        if (!re.isValid()) {
            return fail(where, tr("the pattern %1 does not compile: %2").arg(qs(pattern), re.errorString()));
        }
        re.optimize(); // compiled now, not on the first (possibly concurrent) match
        s_.patterns.emplace(pattern, std::move(re));
        return true;
    }

    bool compileChildren(const Json &schema, std::size_t doc, const std::string &where)
    {
        for (const char *key : kSubschemaKeys) {
            if (const auto it = schema.find(key);
                it != schema.end() && !compile(*it, doc, where + '/' + key)) {
                return false;
            }
        }
        for (const char *key : kSchemaListKeys) {
            if (const auto it = schema.find(key); it != schema.end()) {
                if (!it->is_array() || it->empty()) {
                    return fail(
                        where, tr("\"%1\" must be a non-empty array of schemas").arg(QLatin1String(key)));
                }
                for (std::size_t i = 0; i < it->size(); ++i) {
                    if (!compile((*it)[i], doc, where + '/' + key + '/' + std::to_string(i))) {
                        return false;
                    }
                }
            }
        }
        for (const char *key : kSchemaMapKeys) {
            if (const auto it = schema.find(key); it != schema.end() && it->is_object()) {
                for (const auto &[name, sub] : it->items()) {
                    if (!compile(sub, doc, where + '/' + key + '/' + escapedToken(name))) {
                        return false;
                    }
                }
            }
        }
        if (const auto it = schema.find("items"); it != schema.end()) {
            if (it->is_array()) {
                for (std::size_t i = 0; i < it->size(); ++i) {
                    if (!compile((*it)[i], doc, where + "/items/" + std::to_string(i))) {
                        return false;
                    }
                }
            } else if (!compile(*it, doc, where + "/items")) {
                return false;
            }
        }
        if (const auto it = schema.find("dependencies"); it != schema.end() && it->is_object()) {
            for (const auto &[name, sub] : it->items()) {
                if (!sub.is_array() && !compile(sub, doc, where + "/dependencies/" + escapedToken(name))) {
                    return false;
                }
            }
        }
        return true;
    }

    State &s_;
    std::unordered_set<const Json *> visited_;
};

class Validator {
public:
    Validator(const State &state, std::vector<Violation> &out)
        : s_(state)
        , out_(out)
    {
    }

    void check(const Json &schema, const Json &v, std::size_t doc);

private:
    void add(QString message)
    {
        if (out_.size() < JsonSchemaCodec::kMaxViolations) {
            out_.push_back({pointer_, std::move(message)});
        }
    }
    /// Whether `v` conforms to `schema`, without listing why not (anyOf, oneOf, not, if).
    bool conforms(const Json &schema, const Json &v, std::size_t doc, std::vector<Violation> *why = nullptr)
    {
        std::vector<Violation> scratch;
        Validator sub(s_, scratch);
        sub.pointer_ = pointer_;
        sub.depth_ = depth_;
        sub.check(schema, v, doc);
        if (why) {
            *why = std::move(scratch);
            return why->empty();
        }
        return scratch.empty();
    }
    void checkType(const Json &schema, const Json &v);
    void checkEnum(const Json &schema, const Json &v);
    void checkNumber(const Json &schema, const Json &v);
    void checkString(const Json &schema, const Json &v);
    void checkArray(const Json &schema, const Json &v, std::size_t doc);
    void checkObject(const Json &schema, const Json &v, std::size_t doc);
    void checkCombinators(const Json &schema, const Json &v, std::size_t doc);
    void child(const Json &schema, const Json &v, std::size_t doc, const std::string &token)
    {
        const auto length = pointer_.size();
        pointer_ += '/';
        pointer_ += token;
        check(schema, v, doc);
        pointer_.resize(length);
    }

    const State &s_;
    std::vector<Violation> &out_;
    std::string pointer_;
    int depth_ = 0;
};

void Validator::check(const Json &schema, const Json &v, std::size_t doc)
{
    if (schema.is_boolean()) {
        if (!schema.get<bool>()) {
            add(tr("no value is allowed here (the schema is false)"));
        }
        return;
    }
    if (!schema.is_object()) {
        return;
    }
    if (const auto ref = s_.refs.find(&schema); ref != s_.refs.end()) {
        if (depth_ >= kMaxRefDepth) {
            add(tr("the schema recurses through $ref deeper than %1 levels").arg(kMaxRefDepth));
            return;
        }
        ++depth_;
        check(*ref->second.schema, v, ref->second.doc); // draft-07: a $ref's siblings are ignored
        --depth_;
        return;
    }
    checkType(schema, v);
    checkEnum(schema, v);
    if (v.is_number()) {
        checkNumber(schema, v);
    } else if (v.is_string()) {
        checkString(schema, v);
    } else if (v.is_array()) {
        checkArray(schema, v, doc);
    } else if (v.is_object()) {
        checkObject(schema, v, doc);
    }
    checkCombinators(schema, v, doc);
}

void Validator::checkType(const Json &schema, const Json &v)
{
    const auto t = schema.find("type");
    if (t == schema.end()) {
        return;
    }
    QStringList names;
    bool ok = false;
    const auto consider = [&](const Json &name) {
        ok = ok || hasType(v, name.get<std::string>());
        names << qs(name.get<std::string>());
    };
    if (t->is_array()) {
        for (const auto &name : *t) {
            consider(name);
        }
    } else {
        consider(*t);
    }
    if (!ok) {
        add(tr("expected %1, got %2").arg(names.join(tr(" or ")), described(v)));
    }
}

void Validator::checkEnum(const Json &schema, const Json &v)
{
    if (const auto e = schema.find("enum");
        e != schema.end() && std::find(e->begin(), e->end(), v) == e->end()) {
        QStringList options;
        for (const auto &option : *e) {
            if (options.size() == kMaxListed) {
                options << QStringLiteral("…");
                break;
            }
            options << shown(option);
        }
        add(tr("%1 is not one of %2").arg(shown(v), options.join(QStringLiteral(", "))));
    }
    if (const auto c = schema.find("const"); c != schema.end() && *c != v) {
        add(tr("%1 is not the constant %2").arg(shown(v), shown(*c)));
    }
}

void Validator::checkNumber(const Json &schema, const Json &v)
{
    const double d = v.get<double>();
    const auto number = [&](const char *key) -> std::optional<double> {
        const auto it = schema.find(key);
        return it != schema.end() && it->is_number() ? std::optional<double>(it->get<double>())
                                                     : std::nullopt;
    };
    const auto flag = [&](const char *key) {
        const auto it = schema.find(key);
        return it != schema.end() && it->is_boolean() && it->get<bool>(); // draft-04
    };
    if (const auto min = number("minimum")) {
        if (flag("exclusiveMinimum") ? d <= *min : d < *min) {
            add(flag("exclusiveMinimum")
                    ? tr("%1 is not greater than %2").arg(shown(v), shown(schema["minimum"]))
                    : tr("%1 is less than the minimum %2").arg(shown(v), shown(schema["minimum"])));
        }
    }
    if (const auto max = number("maximum")) {
        if (flag("exclusiveMaximum") ? d >= *max : d > *max) {
            add(flag("exclusiveMaximum")
                    ? tr("%1 is not less than %2").arg(shown(v), shown(schema["maximum"]))
                    : tr("%1 is greater than the maximum %2").arg(shown(v), shown(schema["maximum"])));
        }
    }
    if (const auto xmin = number("exclusiveMinimum"); xmin && d <= *xmin) {
        add(tr("%1 is not greater than %2").arg(shown(v), shown(schema["exclusiveMinimum"])));
    }
    if (const auto xmax = number("exclusiveMaximum"); xmax && d >= *xmax) {
        add(tr("%1 is not less than %2").arg(shown(v), shown(schema["exclusiveMaximum"])));
    }
    if (const auto m = number("multipleOf"); m && *m > 0) {
        const double q = d / *m;
        if (std::fabs(q - std::round(q)) > 1e-9 * std::max(1.0, std::fabs(q))) {
            add(tr("%1 is not a multiple of %2").arg(shown(v), shown(schema["multipleOf"])));
        }
    }
}

void Validator::checkString(const Json &schema, const Json &v)
{
    const auto &s = v.get_ref<const std::string &>();
    const auto length = codePoints(s);
    if (const auto it = schema.find("minLength"); it != schema.end() && double(length) < it->get<double>()) {
        add(tr("%1 is shorter than %2 characters").arg(shown(v), shown(*it)));
    }
    if (const auto it = schema.find("maxLength"); it != schema.end() && double(length) > it->get<double>()) {
        add(tr("%1 is longer than %2 characters").arg(shown(v), shown(*it)));
    }
    if (const auto it = schema.find("pattern"); it != schema.end()) {
        const auto &re = s_.patterns.at(it->get<std::string>());
        if (!re.match(qs(s)).hasMatch()) {
            add(tr("%1 does not match the pattern %2").arg(shown(v), qs(it->get<std::string>())));
        }
    }
}

void Validator::checkArray(const Json &schema, const Json &v, std::size_t doc)
{
    if (const auto it = schema.find("minItems"); it != schema.end() && double(v.size()) < it->get<double>()) {
        add(tr("%1 items, at least %2 required").arg(v.size()).arg(shown(*it)));
    }
    if (const auto it = schema.find("maxItems"); it != schema.end() && double(v.size()) > it->get<double>()) {
        add(tr("%1 items, at most %2 allowed").arg(v.size()).arg(shown(*it)));
    }
    if (const auto it = schema.find("uniqueItems");
        it != schema.end() && it->is_boolean() && it->get<bool>()) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            for (std::size_t j = i + 1; j < v.size(); ++j) {
                if (v[i] == v[j]) {
                    add(tr("items %1 and %2 are equal (uniqueItems)").arg(i).arg(j));
                    i = v.size();
                    break;
                }
            }
        }
    }
    if (const auto items = schema.find("items"); items != schema.end()) {
        if (items->is_array()) {
            const auto additional = schema.find("additionalItems");
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i < items->size()) {
                    child((*items)[i], v[i], doc, std::to_string(i));
                } else if (additional != schema.end()) {
                    child(*additional, v[i], doc, std::to_string(i));
                }
            }
        } else {
            for (std::size_t i = 0; i < v.size(); ++i) {
                child(*items, v[i], doc, std::to_string(i));
            }
        }
    }
    if (const auto contains = schema.find("contains"); contains != schema.end()
        && std::none_of(
            v.begin(), v.end(), [&](const Json &item) { return conforms(*contains, item, doc); })) {
        add(tr("no item matches the schema under \"contains\""));
    }
}

void Validator::checkObject(const Json &schema, const Json &v, std::size_t doc)
{
    if (const auto required = schema.find("required"); required != schema.end() && required->is_array()) {
        for (const auto &name : *required) {
            if (!v.contains(name.get<std::string>())) {
                add(tr("the required property %1 is missing").arg(shown(name)));
            }
        }
    }
    if (const auto it = schema.find("minProperties");
        it != schema.end() && double(v.size()) < it->get<double>()) {
        add(tr("%1 properties, at least %2 required").arg(v.size()).arg(shown(*it)));
    }
    if (const auto it = schema.find("maxProperties");
        it != schema.end() && double(v.size()) > it->get<double>()) {
        add(tr("%1 properties, at most %2 allowed").arg(v.size()).arg(shown(*it)));
    }
    const auto properties = schema.find("properties");
    const auto patterns = schema.find("patternProperties");
    const auto additional = schema.find("additionalProperties");
    const auto names = schema.find("propertyNames");
    const auto dependencies = schema.find("dependencies");
    for (const auto &[key, value] : v.items()) {
        const auto token = escapedToken(key);
        bool matched = false;
        if (properties != schema.end() && properties->is_object()) {
            if (const auto p = properties->find(key); p != properties->end()) {
                matched = true;
                child(*p, value, doc, token);
            }
        }
        if (patterns != schema.end() && patterns->is_object()) {
            for (const auto &[pattern, sub] : patterns->items()) {
                if (s_.patterns.at(pattern).match(qs(key)).hasMatch()) {
                    matched = true;
                    child(sub, value, doc, token);
                }
            }
        }
        if (!matched && additional != schema.end()) {
            if (additional->is_boolean() && !additional->get<bool>()) {
                const auto length = pointer_.size();
                pointer_ += '/' + token;
                add(tr("the property %1 is not allowed (additionalProperties is false)")
                        .arg(shown(Json(key))));
                pointer_.resize(length);
            } else {
                child(*additional, value, doc, token);
            }
        }
        if (names != schema.end() && !conforms(*names, Json(key), doc)) {
            add(tr("the property name %1 does not match the schema under \"propertyNames\"")
                    .arg(shown(Json(key))));
        }
        if (dependencies != schema.end() && dependencies->is_object()) {
            if (const auto dep = dependencies->find(key); dep != dependencies->end()) {
                if (dep->is_array()) {
                    for (const auto &needed : *dep) {
                        if (needed.is_string() && !v.contains(needed.get<std::string>())) {
                            add(tr("the property %1 requires the property %2")
                                    .arg(shown(Json(key)), shown(needed)));
                        }
                    }
                } else {
                    check(*dep, v, doc);
                }
            }
        }
    }
}

void Validator::checkCombinators(const Json &schema, const Json &v, std::size_t doc)
{
    if (const auto all = schema.find("allOf"); all != schema.end()) {
        for (const auto &sub : *all) {
            check(sub, v, doc);
        }
    }
    const auto alternatives = [&](const char *key, bool exactlyOne) {
        const auto list = schema.find(key);
        if (list == schema.end()) {
            return;
        }
        std::size_t matches = 0;
        std::vector<Violation> closest;
        for (const auto &sub : *list) {
            std::vector<Violation> why;
            if (conforms(sub, v, doc, &why)) {
                ++matches;
            } else if (closest.empty() || why.size() < closest.size()) {
                closest = std::move(why);
            }
        }
        if (matches == 0) {
            add(tr("matches none of the %1 alternatives (the closest: %2)")
                    .arg(QLatin1String(key), violationsText(closest, 2)));
        } else if (exactlyOne && matches > 1) {
            add(tr("matches %1 of the oneOf alternatives; exactly one must match").arg(matches));
        }
    };
    alternatives("anyOf", false);
    alternatives("oneOf", true);
    if (const auto n = schema.find("not"); n != schema.end() && conforms(*n, v, doc)) {
        add(tr("matches the schema under \"not\""));
    }
    if (const auto condition = schema.find("if"); condition != schema.end()) {
        const char *branch = conforms(*condition, v, doc) ? "then" : "else";
        if (const auto it = schema.find(branch); it != schema.end()) {
            check(*it, v, doc);
        }
    }
}

} // namespace

JsonSchemaCodec::JsonSchemaCodec()
    : d_(std::make_unique<State>())
{
}

JsonSchemaCodec::~JsonSchemaCodec() = default;

Result<std::shared_ptr<const JsonSchemaCodec>> JsonSchemaCodec::compile(
    const QString &schema, const SchemaReferences &references)
{
    using R = Result<std::shared_ptr<const JsonSchemaCodec>>;
    std::shared_ptr<JsonSchemaCodec> codec(new JsonSchemaCodec);
    auto &docs = codec->d_->docs;
    docs.reserve(std::size_t(references.size()) + 1);
    auto main = parseJson(schema.toStdString(), tr("The JSON Schema"));
    if (!main) {
        return R::failure(main.error());
    }
    docs.push_back({QString(), std::move(main).value()});
    for (const auto &reference : references) {
        auto parsed = parseJson(
            reference.schema.toStdString(), tr("The referenced JSON Schema \"%1\"").arg(reference.name));
        if (!parsed) {
            return R::failure(parsed.error());
        }
        docs.push_back({reference.name, std::move(parsed).value()});
    }
    SchemaCompiler compiler(*codec->d_);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (!compiler.compile(docs[i].root, i, "#")) {
            return R::failure(i == 0 ? tr("The JSON Schema does not compile: %1").arg(compiler.error)
                                     : tr("The referenced JSON Schema \"%1\" does not compile: %2")
                                           .arg(docs[i].name, compiler.error));
        }
    }
    return R::success(std::move(codec));
}

std::vector<Violation> JsonSchemaCodec::validate(const nlohmann::ordered_json &value) const
{
    std::vector<Violation> out;
    Validator(*d_, out).check(d_->docs[0].root, value, 0);
    if (out.size() == kMaxViolations) {
        out.back().message += tr(" (and possibly more: only %1 are listed)").arg(kMaxViolations);
    }
    return out;
}

Result<std::string> JsonSchemaCodec::decodeToJson(
    std::string_view payload, const DecodeOptions &options, std::vector<Violation> *violations) const
{
    auto value = parseJson(payload, tr("The payload"));
    if (!value) {
        return Result<std::string>::failure(value.error());
    }
    if (options.validate && violations) {
        *violations = validate(value.value());
    }
    return Result<std::string>::success(
        value.value().dump(options.pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace));
}

Result<std::string> JsonSchemaCodec::encodeFromJson(std::string_view json) const
{
    auto value = parseJson(json, tr("The value"));
    if (!value) {
        return Result<std::string>::failure(value.error());
    }
    const auto violations = validate(value.value());
    if (!violations.empty()) {
        return Result<std::string>::failure(
            tr("The value does not match the JSON Schema: %1").arg(violationsText(violations)));
    }
    return Result<std::string>::success(value.value().dump());
}

} // namespace edis::schema
