// EDIS's Avro binary writer: a JSON value checked against the schema and encoded, refusing what
// does not fit with the field and the reason. Accepts what avroreader.cpp writes (the readable
// logical types, base64 bytes, tagged or plain unions) and the plain underlying values.

#include "schema/avroio.h"
#include "schema/avrological.h"
#include "schema/jsontext.h"
#include "schema/translate.h"

#include <QStringList>

#include <cmath>
#include <cstring>
#include <limits>

namespace edis::schema::avro {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxShownValueChars = 60;

QString shown(const Json &v)
{
    auto text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() > std::size_t(kMaxShownValueChars)) {
        text = text.substr(0, kMaxShownValueChars) + "…";
    }
    return qs(text);
}

/// "string \"abc\"", "number 3.5", "object", … : what the user gave, for the error.
QString described(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::boolean:
        return tr("boolean %1").arg(shown(v));
    case Json::value_t::string:
        return tr("string %1").arg(shown(v));
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return tr("number %1").arg(shown(v));
    case Json::value_t::object:
        return tr("an object");
    case Json::value_t::array:
        return tr("an array");
    default:
        return tr("a value of no JSON type");
    }
}

void appendLong(std::string &out, int64_t value)
{
    auto raw = (uint64_t(value) << 1) ^ uint64_t(value >> 63);
    while (raw >= 0x80U) {
        out.push_back(char((raw & 0x7FU) | 0x80U));
        raw >>= 7;
    }
    out.push_back(char(raw));
}

void appendSpan(std::string &out, std::string_view bytes)
{
    appendLong(out, int64_t(bytes.size()));
    out.append(bytes);
}

/// A JSON number as an exact integer; nullopt when it is not whole or not within int64.
std::optional<int64_t> wholeNumber(const Json &v)
{
    if (v.is_number_integer() && !v.is_number_unsigned()) {
        return v.get<int64_t>();
    }
    if (v.is_number_unsigned()) {
        const auto u = v.get<uint64_t>();
        return u <= uint64_t(std::numeric_limits<int64_t>::max()) ? std::optional<int64_t>(int64_t(u))
                                                                  : std::nullopt;
    }
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18) {
            return int64_t(d);
        }
    }
    return std::nullopt;
}

/// The rank of a branch for a JSON value: 0 when the JSON type is the branch's natural one.
int naturalRank(const Node &branch, const Json &v)
{
    switch (branch.kind) {
    case Kind::Null:
        return v.is_null() ? 0 : 2;
    case Kind::Boolean:
        return v.is_boolean() ? 0 : 2;
    case Kind::Int:
    case Kind::Long:
        return v.is_number_integer() ? 0 : 1;
    case Kind::Float:
    case Kind::Double:
        return v.is_number_float() ? 0 : 1;
    case Kind::String:
    case Kind::Enum:
        return v.is_string() ? 0 : 1;
    case Kind::Record:
    case Kind::Map:
        return v.is_object() ? 0 : 2;
    case Kind::Array:
        return v.is_array() ? 0 : 2;
    default:
        return 1;
    }
}

class Writer {
public:
    explicit Writer(std::string &out)
        : out_(out)
    {
    }

    bool value(const Node &n, const Json &v, bool fromDefault);

    QString error;
    std::vector<std::string> pathReversed;

private:
    bool fail(QString message)
    {
        error = std::move(message);
        return false;
    }
    bool expected(const QString &what, const Json &v)
    {
        return fail(tr("expected %1, got %2").arg(what, described(v)));
    }

    bool integer(const Node &n, const Json &v);
    bool floating(const Node &n, const Json &v);
    bool bytes(const Node &n, const Json &v, bool fromDefault);
    bool string(const Node &n, const Json &v);
    bool enumValue(const Node &n, const Json &v);
    bool fixed(const Node &n, const Json &v, bool fromDefault);
    bool record(const Node &n, const Json &v);
    bool array(const Node &n, const Json &v, bool fromDefault);
    bool map(const Node &n, const Json &v, bool fromDefault);
    bool unionValue(const Node &n, const Json &v, bool fromDefault);
    bool branch(const Node &n, std::size_t index, const Json &v, bool fromDefault);
    bool decimalBytes(const Node &n, const Json &v, std::string *bytes);
    /// Counts a nesting level for as long as it lives (union trials unwind through failures).
    class Level {
    public:
        explicit Level(Writer &w)
            : w_(w)
        {
            ++w_.depth_;
        }
        ~Level() { --w_.depth_; }
        Level(const Level &) = delete;
        Level &operator=(const Level &) = delete;
        bool tooDeep() const
        {
            return w_.depth_ > kMaxValueDepth
                && !w_.fail(tr("values nested deeper than %1 levels: refused").arg(kMaxValueDepth));
        }

    private:
        Writer &w_;
    };

    std::string &out_;
    int depth_ = 0;
};

bool Writer::value(const Node &n, const Json &v, bool fromDefault)
{
    switch (n.kind) {
    case Kind::Null:
        return v.is_null() || expected(QStringLiteral("null"), v);
    case Kind::Boolean:
        if (!v.is_boolean()) {
            return expected(QStringLiteral("boolean"), v);
        }
        out_.push_back(v.get<bool>() ? '\1' : '\0');
        return true;
    case Kind::Int:
    case Kind::Long:
        return integer(n, v);
    case Kind::Float:
    case Kind::Double:
        return floating(n, v);
    case Kind::Bytes:
        return bytes(n, v, fromDefault);
    case Kind::String:
        return string(n, v);
    case Kind::Enum:
        return enumValue(n, v);
    case Kind::Fixed:
        return fixed(n, v, fromDefault);
    case Kind::Record:
        return record(n, v);
    case Kind::Array:
        return array(n, v, fromDefault);
    case Kind::Map:
        return map(n, v, fromDefault);
    case Kind::Union:
        return unionValue(n, v, fromDefault);
    }
    return false;
}

bool Writer::integer(const Node &n, const Json &v)
{
    const bool isInt = n.kind == Kind::Int;
    const QString type = QLatin1String(isInt ? "int" : "long");
    std::optional<int64_t> number = wholeNumber(v);
    if (v.is_string()) {
        const auto &s = v.get_ref<const std::string &>();
        QString why;
        QString form;
        switch (n.logical) {
        case Logical::Date:
            number = parseDate(s);
            form = tr("a date (\"2026-12-03\")");
            break;
        case Logical::TimeMillis:
        case Logical::TimeMicros:
            number = parseTimeOfDay(s, n.logical == Logical::TimeMillis ? kMillis : kMicros, &why);
            form = tr("a time of day (\"10:15:30.123\")");
            break;
        case Logical::TimestampMillis:
        case Logical::TimestampMicros:
            number
                = parseTimestamp(s, n.logical == Logical::TimestampMillis ? kMillis : kMicros, false, &why);
            form = tr("a timestamp (\"2026-12-03T10:15:30.123Z\")");
            break;
        case Logical::LocalTimestampMillis:
        case Logical::LocalTimestampMicros:
            number = parseTimestamp(
                s, n.logical == Logical::LocalTimestampMillis ? kMillis : kMicros, true, &why);
            form = tr("a local timestamp (\"2026-12-03T10:15:30.123\")");
            break;
        default:
            break;
        }
        if (!number) {
            if (!why.isEmpty()) {
                return fail(why);
            }
            return expected(form.isEmpty() ? type : tr("%1 or %2").arg(form, type), v);
        }
    }
    if (!number) {
        return expected(v.is_number() ? tr("a whole number (%1)").arg(type) : type, v);
    }
    if (isInt && (*number < INT32_MIN || *number > INT32_MAX)) {
        return fail(tr("%1 is out of range for an int (32 bits)").arg(*number));
    }
    appendLong(out_, *number);
    return true;
}

bool Writer::floating(const Node &n, const Json &v)
{
    double d = 0;
    if (v.is_number()) {
        d = v.get<double>();
    } else if (v.is_string() && v == "NaN") {
        d = std::numeric_limits<double>::quiet_NaN();
    } else if (v.is_string() && (v == "Infinity" || v == "-Infinity")) {
        d = v == "Infinity" ? std::numeric_limits<double>::infinity()
                            : -std::numeric_limits<double>::infinity();
    } else {
        return expected(QLatin1String(n.kind == Kind::Float ? "float" : "double"), v);
    }
    if (n.kind == Kind::Float) {
        if (std::isfinite(d) && std::fabs(d) > double(std::numeric_limits<float>::max())) {
            return fail(tr("%1 is too large for a float (32 bits)").arg(shown(v)));
        }
        const auto f = float(d);
        char buf[4];
        std::memcpy(buf, &f, 4);
        out_.append(buf, 4);
    } else {
        char buf[8];
        std::memcpy(buf, &d, 8);
        out_.append(buf, 8);
    }
    return true;
}

/// A default value of bytes or fixed: a string whose code points 0-255 are the bytes
/// (the specification's rule for defaults).
bool latin1Bytes(const std::string &utf8, std::string *bytes)
{
    const auto text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    bytes->clear();
    for (const QChar c : text) {
        if (c.unicode() > 0xFF) {
            return false;
        }
        bytes->push_back(char(c.unicode()));
    }
    return true;
}

bool Writer::decimalBytes(const Node &n, const Json &v, std::string *bytes)
{
    std::string text;
    if (v.is_string()) {
        text = v.get<std::string>();
    } else if (v.is_number()) {
        text = v.dump(); // integers exactly; doubles in their shortest form
    } else {
        return expected(tr("a decimal (\"12.34\")"), v);
    }
    QString why;
    auto parsed = parseDecimal(text, n.precision, n.scale, &why);
    if (!parsed) {
        return why.isEmpty() ? expected(tr("a decimal (\"12.34\")"), v) : fail(why);
    }
    *bytes = std::move(*parsed);
    return true;
}

bool Writer::bytes(const Node &n, const Json &v, bool fromDefault)
{
    std::string raw;
    if (n.logical == Logical::Decimal && !(fromDefault && v.is_string())) {
        if (!decimalBytes(n, v, &raw)) {
            return false;
        }
    } else if (!v.is_string()) {
        return expected(tr("bytes (a base64 string)"), v);
    } else if (fromDefault ? !latin1Bytes(v.get_ref<const std::string &>(), &raw)
                           : !json::decodeBase64(v.get_ref<const std::string &>(), &raw)) {
        return fail(fromDefault ? tr("the default %1 is not a string of code points 0-255").arg(shown(v))
                                : tr("expected bytes as base64, got %1 (not base64)").arg(described(v)));
    }
    appendSpan(out_, raw);
    return true;
}

bool Writer::string(const Node &n, const Json &v)
{
    if (!v.is_string()) {
        return expected(n.logical == Logical::Uuid ? tr("a UUID string") : QStringLiteral("string"), v);
    }
    const auto &s = v.get_ref<const std::string &>();
    if (n.logical == Logical::Uuid && !parseUuid(s)) {
        return expected(tr("a UUID (8-4-4-4-12 hex digits)"), v);
    }
    appendSpan(out_, s);
    return true;
}

bool Writer::enumValue(const Node &n, const Json &v)
{
    const auto it = v.is_string() ? n.symbolIndex.find(v.get<std::string>()) : n.symbolIndex.end();
    if (it == n.symbolIndex.end()) {
        QStringList symbols;
        for (const auto &s : n.symbols) {
            symbols << qs(s);
        }
        return expected(tr("one of %1 (enum %2)").arg(symbols.join(QStringLiteral(", ")), qs(n.fullName)), v);
    }
    appendLong(out_, it->second);
    return true;
}

bool Writer::fixed(const Node &n, const Json &v, bool fromDefault)
{
    std::string raw;
    if (n.logical == Logical::Decimal && !(fromDefault && v.is_string())) {
        if (!decimalBytes(n, v, &raw)) {
            return false;
        }
        auto extended = signExtend(raw, n.fixedSize);
        if (!extended) {
            return fail(tr("%1 does not fit in the %2 bytes of %3")
                            .arg(shown(v))
                            .arg(n.fixedSize)
                            .arg(qs(n.fullName)));
        }
        raw = std::move(*extended);
    } else if (n.logical == Logical::Uuid && v.is_string() && !fromDefault) {
        auto uuid = parseUuid(v.get<std::string>());
        if (!uuid) {
            return expected(tr("a UUID (8-4-4-4-12 hex digits)"), v);
        }
        raw = std::move(*uuid);
    } else if (n.logical == Logical::Duration && v.is_object()) {
        for (const char *part : {"months", "days", "milliseconds"}) {
            const auto it = v.find(part);
            const auto number = it == v.end() ? std::nullopt : wholeNumber(*it);
            if (!number || *number < 0 || *number > int64_t(UINT32_MAX)) {
                return fail(
                    tr("a duration needs \"months\", \"days\" and \"milliseconds\" (whole numbers 0 to "
                       "4294967295), got %1")
                        .arg(shown(v)));
            }
            for (int i = 0; i < 4; ++i) {
                raw.push_back(char((uint64_t(*number) >> (8 * i)) & 0xFFU));
            }
        }
    } else if (!v.is_string()) {
        return expected(tr("%1 bytes as a base64 string (fixed %2)").arg(n.fixedSize).arg(qs(n.fullName)), v);
    } else if (fromDefault ? !latin1Bytes(v.get_ref<const std::string &>(), &raw)
                           : !json::decodeBase64(v.get_ref<const std::string &>(), &raw)) {
        return fail(tr("expected %1 bytes as base64 (fixed %2), got %3")
                        .arg(n.fixedSize)
                        .arg(qs(n.fullName), described(v)));
    }
    if (int64_t(raw.size()) != n.fixedSize) {
        return fail(
            tr("the fixed %1 holds %2 bytes, got %3").arg(qs(n.fullName)).arg(n.fixedSize).arg(raw.size()));
    }
    out_.append(raw);
    return true;
}

bool Writer::record(const Node &n, const Json &v)
{
    if (!v.is_object()) {
        return expected(tr("an object (record %1)").arg(qs(n.fullName)), v);
    }
    const Level level(*this);
    if (level.tooDeep()) {
        return false;
    }
    for (const auto &[key, unused] : v.items()) {
        if (!n.fieldIndex.contains(key)) {
            return fail(tr("%1 is not a field of the record %2").arg(qs(key), qs(n.fullName)));
        }
    }
    for (const auto &f : n.fields) {
        const auto it = v.find(f.name);
        bool ok = false;
        if (it != v.end()) {
            ok = value(*f.type, *it, false);
        } else if (f.defaultValue) {
            ok = value(*f.type, *f.defaultValue, true);
            if (!ok) {
                error = tr("the schema's default does not fit: %1").arg(error);
            }
        } else if (f.type->kind == Kind::Union && f.type->nullBranch >= 0) {
            ok = value(*f.type, Json(nullptr), false); // a missing optional field is null
        } else {
            ok = fail(tr("missing, and the schema gives no default"));
        }
        if (!ok) {
            pathReversed.push_back(f.name);
            return false;
        }
    }
    return true;
}

bool Writer::array(const Node &n, const Json &v, bool fromDefault)
{
    if (!v.is_array()) {
        return expected(tr("an array"), v);
    }
    const Level level(*this);
    if (level.tooDeep()) {
        return false;
    }
    if (!v.empty()) {
        appendLong(out_, int64_t(v.size()));
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!value(*n.items, v[i], fromDefault)) {
                pathReversed.push_back('[' + std::to_string(i) + ']');
                return false;
            }
        }
    }
    out_.push_back('\0');
    return true;
}

bool Writer::map(const Node &n, const Json &v, bool fromDefault)
{
    if (!v.is_object()) {
        return expected(tr("an object (map)"), v);
    }
    const Level level(*this);
    if (level.tooDeep()) {
        return false;
    }
    if (!v.empty()) {
        appendLong(out_, int64_t(v.size()));
        for (const auto &[key, item] : v.items()) {
            appendSpan(out_, key);
            if (!value(*n.items, item, fromDefault)) {
                pathReversed.push_back('[' + Json(key).dump() + ']');
                return false;
            }
        }
    }
    out_.push_back('\0');
    return true;
}

bool Writer::branch(const Node &n, std::size_t index, const Json &v, bool fromDefault)
{
    const auto mark = out_.size();
    appendLong(out_, int64_t(index));
    if (value(*n.branches[index], v, fromDefault)) {
        return true;
    }
    out_.resize(mark);
    return false;
}

bool Writer::unionValue(const Node &n, const Json &v, bool fromDefault)
{
    if (v.is_null() && n.nullBranch >= 0) {
        appendLong(out_, n.nullBranch);
        return true;
    }
    if (fromDefault && branch(n, 0, v, true)) { // a default is the first branch's value
        return true;
    }
    // {"branch": value}, as the Avro JSON encoding and the decoder tag a union value.
    if (v.is_object() && v.size() == 1) {
        const auto &key = v.begin().key();
        for (std::size_t i = 0; i < n.branches.size(); ++i) {
            const auto &name = n.branches[i]->branchName;
            const auto dot = name.rfind('.');
            if (key == name || (dot != std::string::npos && key == name.substr(dot + 1))) {
                if (branch(n, i, v.begin().value(), fromDefault)) {
                    return true;
                }
                const bool couldBePlain = std::any_of(n.branches.begin(), n.branches.end(),
                    [](const Node *b) { return b->kind == Kind::Record || b->kind == Kind::Map; });
                if (!couldBePlain) {
                    return fail(tr("branch %1: %2").arg(qs(name), error));
                }
            }
        }
    }
    // The plain value: the first branch it fits, natural JSON types first.
    std::vector<std::size_t> order(n.branches.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return naturalRank(*n.branches[a], v) < naturalRank(*n.branches[b], v);
    });
    QString firstError;
    std::vector<std::string> firstPath;
    for (const auto i : order) {
        error.clear();
        pathReversed.clear();
        if (branch(n, i, v, fromDefault)) {
            return true;
        }
        if (firstError.isEmpty()) {
            firstError = error;
            firstPath = pathReversed;
        }
    }
    QStringList names;
    for (const auto *b : n.branches) {
        names << qs(b->branchName);
    }
    pathReversed.clear();
    const auto why = firstPath.empty() ? firstError : tr("field %1: %2").arg(pathText(firstPath), firstError);
    return fail(
        tr("%1 fits no branch of the union [%2] (as %3: %4)")
            .arg(described(v), names.join(QStringLiteral(", ")), qs(n.branches[order[0]]->branchName), why));
}

} // namespace

bool writeBinary(const Graph &graph, const nlohmann::ordered_json &value, std::string *out, QString *error)
{
    Writer writer(*out);
    if (!writer.value(*graph.root, value, false)) {
        *error = writer.pathReversed.empty()
            ? writer.error
            : tr("field %1: %2").arg(pathText(writer.pathReversed), writer.error);
        return false;
    }
    return true;
}

} // namespace edis::schema::avro
