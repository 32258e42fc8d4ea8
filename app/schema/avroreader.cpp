// EDIS's Avro binary reader: one pass over the bytes, checked against the schema at every step
// (lengths against the bytes left, union and enum indexes, the int range, booleans 0 or 1),
// writing JSON text as it goes. See avrocodec.h for why this is not avro-c's reader.

#include "schema/avroio.h"
#include "schema/avrological.h"
#include "schema/jsontext.h"
#include "schema/translate.h"

#include <QStringList>

#include <cstring>

namespace edis::schema::avro {

namespace {

constexpr int kMaxVarintBytes = 10;

class Reader {
public:
    Reader(std::string_view payload, const DecodeOptions &options, std::string &out)
        : p_(reinterpret_cast<const unsigned char *>(payload.data()))
        , end_(p_ + payload.size())
        , out_(out)
        , pretty_(options.pretty)
        , tagAll_(options.unions == UnionStyle::AvroJson)
    {
    }

    bool value(const Node &n);
    std::size_t left() const { return std::size_t(end_ - p_); }

    QString error;
    std::vector<std::string> pathReversed; ///< filled while an error unwinds

private:
    bool fail(QString message)
    {
        error = std::move(message);
        return false;
    }

    bool readLong(int64_t *v)
    {
        uint64_t raw = 0;
        for (int i = 0; i < kMaxVarintBytes; ++i) {
            if (p_ == end_) {
                return fail(tr("the payload ends inside a number (truncated)"));
            }
            const unsigned char b = *p_++;
            raw |= uint64_t(b & 0x7FU) << (7 * i);
            if (!(b & 0x80U)) {
                *v = int64_t(raw >> 1) ^ -int64_t(raw & 1U);
                return true;
            }
        }
        return fail(tr("a number longer than 10 bytes: not Avro data of this schema"));
    }

    /// A length-prefixed run of bytes (bytes, string, map key).
    bool readSpan(const char *what, std::string_view *s)
    {
        int64_t n = 0;
        if (!readLong(&n)) {
            return false;
        }
        if (n < 0) {
            return fail(tr("a %1 with a negative length (%2): not Avro data of this schema")
                            .arg(QLatin1String(what))
                            .arg(n));
        }
        if (uint64_t(n) > left()) {
            return fail(tr("a %1 of %2 bytes, but only %3 bytes are left (truncated)")
                            .arg(QLatin1String(what))
                            .arg(n)
                            .arg(left()));
        }
        *s = std::string_view(reinterpret_cast<const char *>(p_), std::size_t(n));
        p_ += n;
        return true;
    }

    bool readFixed(std::size_t size, const char *what, std::string_view *s)
    {
        if (size > left()) {
            return fail(tr("a %1 of %2 bytes, but only %3 bytes are left (truncated)")
                            .arg(QLatin1String(what))
                            .arg(size)
                            .arg(left()));
        }
        *s = std::string_view(reinterpret_cast<const char *>(p_), size);
        p_ += size;
        return true;
    }

    /// A block count of an array or map; the byte size after a negative count is skipped.
    bool readBlockCount(int64_t *count, std::size_t minItemBytes)
    {
        if (!readLong(count)) {
            return false;
        }
        if (*count < 0) {
            if (*count == INT64_MIN) {
                return fail(tr("a block count out of range: not Avro data of this schema"));
            }
            *count = -*count;
            int64_t bytes = 0;
            if (!readLong(&bytes)) {
                return false;
            }
        }
        if (minItemBytes > 0 && uint64_t(*count) > left() / minItemBytes) {
            return fail(
                tr("%1 items announced, but only %2 bytes are left (truncated)").arg(*count).arg(left()));
        }
        if (minItemBytes == 0) {
            if (uint64_t(*count) > emptyItemsLeft_) {
                return fail(
                    tr("more than %1 items of a zero-byte type: refused as implausible").arg(kMaxEmptyItems));
            }
            emptyItemsLeft_ -= std::size_t(*count);
        }
        return true;
    }

    void newline()
    {
        if (pretty_) {
            out_.push_back('\n');
            out_.append(std::size_t(level_) * 2, ' ');
        }
    }
    void colon() { out_.append(pretty_ ? ": " : ":"); }

    bool scalar(const Node &n);
    bool number(const Node &n);
    bool record(const Node &n);
    bool array(const Node &n);
    bool map(const Node &n);
    bool unionValue(const Node &n);
    bool fixed(const Node &n);

    const unsigned char *p_;
    const unsigned char *end_;
    std::string &out_;
    bool pretty_;
    bool tagAll_;
    int level_ = 0; ///< indentation
    int depth_ = 0;
    std::size_t emptyItemsLeft_ = kMaxEmptyItems;
};

bool Reader::value(const Node &n)
{
    switch (n.kind) {
    case Kind::Record:
        return record(n);
    case Kind::Array:
        return array(n);
    case Kind::Map:
        return map(n);
    case Kind::Union:
        return unionValue(n);
    case Kind::Fixed:
        return fixed(n);
    default:
        return scalar(n);
    }
}

bool Reader::scalar(const Node &n)
{
    switch (n.kind) {
    case Kind::Null:
        out_.append("null");
        return true;
    case Kind::Boolean: {
        if (p_ == end_) {
            return fail(tr("the payload ends before a boolean (truncated)"));
        }
        const unsigned char b = *p_++;
        if (b > 1) {
            return fail(tr("a boolean byte 0x%1, neither 0 nor 1: not Avro data of this schema")
                            .arg(b, 2, 16, QLatin1Char('0')));
        }
        out_.append(b ? "true" : "false");
        return true;
    }
    case Kind::Bytes: {
        std::string_view s;
        if (!readSpan("bytes value", &s)) {
            return false;
        }
        if (n.logical == Logical::Decimal) {
            appendDecimal(out_, s, n.scale);
        } else {
            out_.push_back('"');
            json::appendBase64(out_, s);
            out_.push_back('"');
        }
        return true;
    }
    case Kind::String: {
        std::string_view s;
        if (!readSpan("string", &s)) {
            return false;
        }
        json::appendString(out_, s);
        return true;
    }
    case Kind::Enum: {
        int64_t index = 0;
        if (!readLong(&index)) {
            return false;
        }
        if (index < 0 || uint64_t(index) >= n.symbols.size()) {
            return fail(tr("enum index %1, but %2 has %3 symbols")
                            .arg(index)
                            .arg(qs(n.fullName))
                            .arg(n.symbols.size()));
        }
        out_.append(n.quotedSymbols[std::size_t(index)]);
        return true;
    }
    default:
        return number(n);
    }
}

bool Reader::number(const Node &n)
{
    if (n.kind == Kind::Float || n.kind == Kind::Double) {
        const std::size_t size = n.kind == Kind::Float ? 4 : 8;
        if (left() < size) {
            return fail(tr("the payload ends inside a %1 (truncated)")
                            .arg(QLatin1String(n.kind == Kind::Float ? "float" : "double")));
        }
        if (n.kind == Kind::Float) { // little-endian IEEE 754, as the x86 and ARM hosts EDIS runs on
            float f = 0;
            std::memcpy(&f, p_, 4);
            json::appendFloat(out_, f);
        } else {
            double d = 0;
            std::memcpy(&d, p_, 8);
            json::appendDouble(out_, d);
        }
        p_ += size;
        return true;
    }
    int64_t v = 0;
    if (!readLong(&v)) {
        return false;
    }
    if (n.kind == Kind::Int && (v < INT32_MIN || v > INT32_MAX)) {
        return fail(tr("%1 is out of range for an int: not Avro data of this schema").arg(v));
    }
    bool shown = false;
    switch (n.logical) {
    case Logical::Date:
        shown = appendDate(out_, v);
        break;
    case Logical::TimeMillis:
    case Logical::TimeMicros:
        shown = appendTimeOfDay(out_, v, n.logical == Logical::TimeMillis ? kMillis : kMicros);
        break;
    case Logical::TimestampMillis:
    case Logical::TimestampMicros:
        shown = appendTimestamp(out_, v, n.logical == Logical::TimestampMillis ? kMillis : kMicros, true);
        break;
    case Logical::LocalTimestampMillis:
    case Logical::LocalTimestampMicros:
        shown
            = appendTimestamp(out_, v, n.logical == Logical::LocalTimestampMillis ? kMillis : kMicros, false);
        break;
    default:
        break;
    }
    if (!shown) {
        json::appendInt(out_, v);
    }
    return true;
}

bool Reader::record(const Node &n)
{
    if (++depth_ > kMaxValueDepth) {
        return fail(tr("values nested deeper than %1 levels: refused").arg(kMaxValueDepth));
    }
    out_.push_back('{');
    ++level_;
    for (std::size_t i = 0; i < n.fields.size(); ++i) {
        const auto &f = n.fields[i];
        if (i) {
            out_.push_back(',');
        }
        newline();
        out_.append(f.quotedName);
        colon();
        if (!value(*f.type)) {
            pathReversed.push_back(f.name);
            return false;
        }
    }
    --level_;
    if (!n.fields.empty()) {
        newline();
    }
    out_.push_back('}');
    --depth_;
    return true;
}

bool Reader::array(const Node &n)
{
    if (++depth_ > kMaxValueDepth) {
        return fail(tr("values nested deeper than %1 levels: refused").arg(kMaxValueDepth));
    }
    out_.push_back('[');
    ++level_;
    int64_t index = 0;
    const std::size_t minItemBytes = n.items->mayBeEmpty ? 0 : 1;
    for (int64_t count = 0;;) {
        if (!readBlockCount(&count, minItemBytes)) {
            pathReversed.push_back('[' + std::to_string(index) + ']');
            return false;
        }
        if (count == 0) {
            break;
        }
        for (int64_t i = 0; i < count; ++i, ++index) {
            if (index) {
                out_.push_back(',');
            }
            newline();
            if (!value(*n.items)) {
                pathReversed.push_back('[' + std::to_string(index) + ']');
                return false;
            }
        }
    }
    --level_;
    if (index) {
        newline();
    }
    out_.push_back(']');
    --depth_;
    return true;
}

bool Reader::map(const Node &n)
{
    if (++depth_ > kMaxValueDepth) {
        return fail(tr("values nested deeper than %1 levels: refused").arg(kMaxValueDepth));
    }
    out_.push_back('{');
    ++level_;
    int64_t index = 0;
    for (int64_t count = 0;;) {
        if (!readBlockCount(&count, 1)) { // every entry has at least its key's length
            return false;
        }
        if (count == 0) {
            break;
        }
        for (int64_t i = 0; i < count; ++i, ++index) {
            if (index) {
                out_.push_back(',');
            }
            newline();
            std::string_view key;
            if (!readSpan("map key", &key)) {
                return false;
            }
            json::appendString(out_, key);
            colon();
            if (!value(*n.items)) {
                pathReversed.push_back('['
                    + nlohmann::json(std::string(key))
                          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    + ']');
                return false;
            }
        }
    }
    --level_;
    if (index) {
        newline();
    }
    out_.push_back('}');
    --depth_;
    return true;
}

bool Reader::unionValue(const Node &n)
{
    int64_t index = 0;
    if (!readLong(&index)) {
        return false;
    }
    if (index < 0 || uint64_t(index) >= n.branches.size()) {
        QStringList names;
        for (const auto *b : n.branches) {
            names << qs(b->branchName);
        }
        return fail(tr("union branch %1, but the union [%2] has %3 branches")
                        .arg(index)
                        .arg(names.join(QStringLiteral(", ")))
                        .arg(n.branches.size()));
    }
    const Node &branch = *n.branches[std::size_t(index)];
    if (branch.kind == Kind::Null || (!tagAll_ && n.isNullable())) {
        return value(branch);
    }
    out_.push_back('{');
    ++level_;
    newline();
    json::appendString(out_, branch.branchName);
    colon();
    if (!value(branch)) {
        return false;
    }
    --level_;
    newline();
    out_.push_back('}');
    return true;
}

bool Reader::fixed(const Node &n)
{
    std::string_view s;
    if (!readFixed(std::size_t(n.fixedSize), "fixed value", &s)) {
        return false;
    }
    switch (n.logical) {
    case Logical::Decimal:
        appendDecimal(out_, s, n.scale);
        break;
    case Logical::Uuid:
        appendUuid(out_, s);
        break;
    case Logical::Duration: {
        const auto u32 = [&](std::size_t at) {
            uint32_t v = 0;
            for (std::size_t i = 0; i < 4; ++i) {
                v |= uint32_t(static_cast<unsigned char>(s[at + i])) << (8 * i);
            }
            return v;
        };
        out_.append("{\"months\":");
        json::appendUInt(out_, u32(0));
        out_.append(",\"days\":");
        json::appendUInt(out_, u32(4));
        out_.append(",\"milliseconds\":");
        json::appendUInt(out_, u32(8));
        out_.push_back('}');
        break;
    }
    default:
        out_.push_back('"');
        json::appendBase64(out_, s);
        out_.push_back('"');
    }
    return true;
}

} // namespace

QString pathText(const std::vector<std::string> &reversed)
{
    std::string path;
    for (std::size_t i = reversed.size(); i-- > 0;) {
        if (!path.empty() && reversed[i][0] != '[') {
            path.push_back('.');
        }
        path.append(reversed[i]);
    }
    return qs(path);
}

bool readJson(const Graph &graph, std::string_view payload, const DecodeOptions &options, std::string *out,
    QString *error)
{
    out->reserve(out->size() + payload.size() * 3 + 64);
    Reader reader(payload, options, *out);
    if (!reader.value(*graph.root)) {
        *error = reader.pathReversed.empty()
            ? reader.error
            : tr("field %1: %2").arg(pathText(reader.pathReversed), reader.error);
        return false;
    }
    if (reader.left() > 0) {
        *error = tr("%1 bytes are left after the value: trailing bytes that the schema does not describe "
                    "(a different schema, or more than one value)")
                     .arg(reader.left());
        return false;
    }
    return true;
}

} // namespace edis::schema::avro
