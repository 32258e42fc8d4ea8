#include "filterexpression.h"

#include "jsonscan.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

#include <charconv>
#include <cstring>
#include <optional>
#include <vector>

namespace edis::inspect {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect::filter", text);
}

// ---------------------------------------------------------------------------------------------
// Lexer

struct Token {
    enum class Type { End, Identifier, String, Number, Regex, Symbol };
    Type type = Type::End;
    QString text; ///< as written (for messages), or the symbol
    std::string value; ///< decoded string literal / regex pattern, UTF-8
    QString flags; ///< regex flags
    double number = 0;
    int column = 0; ///< 1-based
};

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$') || c == QLatin1Char('-');
}

class Lexer {
public:
    explicit Lexer(const QString &text)
        : s_(text)
    {
    }

    bool run(std::vector<Token> *out, FilterError *error)
    {
        for (;;) {
            while (i_ < s_.size() && s_[i_].isSpace()) {
                ++i_;
            }
            Token t;
            t.column = int(i_) + 1;
            if (i_ >= s_.size()) {
                out->push_back(t);
                return true;
            }
            const QChar c = s_[i_];
            if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                if (!readString(c, &t, error)) {
                    return false;
                }
            } else if (c == QLatin1Char('/')) {
                if (!readRegex(&t, error)) {
                    return false;
                }
            } else if (c.isDigit() || (c == QLatin1Char('-') && i_ + 1 < s_.size() && s_[i_ + 1].isDigit())) {
                if (!readNumber(&t, error)) {
                    return false;
                }
            } else if (isIdentStart(c)) {
                const qsizetype start = i_;
                while (i_ < s_.size() && isIdentChar(s_[i_])) {
                    ++i_;
                }
                t.type = Token::Type::Identifier;
                t.text = s_.mid(start, i_ - start);
            } else if (!readSymbol(&t, error)) {
                return false;
            }
            out->push_back(std::move(t));
        }
    }

private:
    static bool fail(FilterError *error, int column, const QString &message)
    {
        error->column = column;
        error->message = message;
        return false;
    }

    bool readString(QChar quote, Token *t, FilterError *error)
    {
        const qsizetype start = i_++;
        QString value;
        while (i_ < s_.size() && s_[i_] != quote) {
            QChar c = s_[i_++];
            if (c == QLatin1Char('\\') && i_ < s_.size()) {
                const QChar e = s_[i_++];
                if (e == QLatin1Char('n')) {
                    c = QLatin1Char('\n');
                } else if (e == QLatin1Char('t')) {
                    c = QLatin1Char('\t');
                } else if (e == QLatin1Char('r')) {
                    c = QLatin1Char('\r');
                } else {
                    c = e;
                }
            }
            value += c;
        }
        if (i_ >= s_.size()) {
            return fail(error, int(start) + 1, tr("unterminated string"));
        }
        ++i_;
        t->type = Token::Type::String;
        t->text = s_.mid(start, i_ - start);
        t->value = value.toStdString();
        return true;
    }

    bool readRegex(Token *t, FilterError *error)
    {
        const qsizetype start = i_++;
        QString pattern;
        while (i_ < s_.size() && s_[i_] != QLatin1Char('/')) {
            if (s_[i_] == QLatin1Char('\\') && i_ + 1 < s_.size() && s_[i_ + 1] == QLatin1Char('/')) {
                ++i_; // "\/" is a slash inside the pattern
            }
            pattern += s_[i_++];
        }
        if (i_ >= s_.size()) {
            return fail(error, int(start) + 1, tr("unterminated regular expression"));
        }
        ++i_;
        while (i_ < s_.size() && s_[i_].isLetter()) {
            t->flags += s_[i_++];
        }
        t->type = Token::Type::Regex;
        t->text = s_.mid(start, i_ - start);
        t->value = pattern.toStdString();
        return true;
    }

    bool readNumber(Token *t, FilterError *error)
    {
        const qsizetype start = i_;
        if (s_[i_] == QLatin1Char('-')) {
            ++i_;
        }
        while (i_ < s_.size()
            && (s_[i_].isDigit() || s_[i_] == QLatin1Char('.') || s_[i_] == QLatin1Char('e')
                || s_[i_] == QLatin1Char('E')
                || ((s_[i_] == QLatin1Char('+') || s_[i_] == QLatin1Char('-'))
                    && (s_[i_ - 1] == QLatin1Char('e') || s_[i_ - 1] == QLatin1Char('E'))))) {
            ++i_;
        }
        t->text = s_.mid(start, i_ - start);
        bool ok = false;
        t->number = t->text.toDouble(&ok);
        if (!ok || (i_ < s_.size() && isIdentStart(s_[i_]))) {
            return fail(error, int(start) + 1, tr("invalid number '%1'").arg(t->text));
        }
        t->type = Token::Type::Number;
        return true;
    }

    bool readSymbol(Token *t, FilterError *error)
    {
        static const char *const kSymbols[]
            = {"==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ".", "[", "]"};
        for (const char *sym : kSymbols) {
            const QLatin1String s(sym);
            if (QStringView(s_).mid(i_).startsWith(s)) {
                t->type = Token::Type::Symbol;
                t->text = s;
                i_ += s.size();
                return true;
            }
        }
        if (s_[i_] == QLatin1Char('=')) {
            return fail(error, int(i_) + 1, tr("unexpected '=' (did you mean '=='?)"));
        }
        if (s_[i_] == QLatin1Char('&') || s_[i_] == QLatin1Char('|')) {
            return fail(error, int(i_) + 1, tr("unexpected '%1' (did you mean '%1%1'?)").arg(s_[i_]));
        }
        return fail(error, int(i_) + 1, tr("unexpected character '%1'").arg(s_[i_]));
    }

    const QString &s_;
    qsizetype i_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Values and operands

struct Value {
    enum class Type { Missing, Null, Bool, Number, String, Json };
    Type type = Type::Missing;
    bool boolean = false;
    double number = 0;
    std::string_view text; ///< String/Json/Number text (may point into `owned`; never copy a Value)
    std::string owned;

    void setOwned(std::string s)
    {
        owned = std::move(s);
        text = owned;
    }
};

std::optional<double> parseNumber(std::string_view s)
{
    double v = 0;
    const char *end = s.data() + s.size();
    const auto r = std::from_chars(s.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end || s.empty()) {
        return std::nullopt;
    }
    return v;
}

enum class FieldRoot { Key, Value, Topic, Partition, Offset, Timestamp, Header };

} // namespace

/// The JSON readings of a framed key and value, made once per record however many operands
/// read them.
struct PayloadReadings {
    std::optional<std::optional<std::string>> key;
    std::optional<std::optional<std::string>> value;
};

/// One record under evaluation. Trivial (three pointers) when no payloads are read through
/// their JSON: the plain path costs what it did before readings existed.
struct FilterSubject {
    const MessageView &record;
    const PayloadJson *payloads = nullptr;
    PayloadReadings *readings = nullptr; ///< set with `payloads`

    /// Whether the key or value is read through `payloads` (then its raw bytes say nothing
    /// about its fields: an Avro enum is an index, not its symbol).
    bool transcoded(FieldRoot root) const
    {
        return payloads && payloads->recognises(root == FieldRoot::Key ? record.key() : record.value());
    }
    /// The JSON reading of the key or value; nullopt when it has none now.
    const std::optional<std::string> &json(FieldRoot root) const
    {
        const bool key = root == FieldRoot::Key;
        auto &slot = key ? readings->key : readings->value;
        if (!slot) {
            slot = payloads->toJson(key ? record.key() : record.value(), key);
        }
        return *slot;
    }
};

namespace {

struct Operand {
    bool isField = false;
    FieldRoot root = FieldRoot::Value;
    std::vector<JsonPathSegment> path;
    std::string headerName;
    Value literal; ///< when !isField (text always owned)
    int column = 0;

    void copyLiteralTo(Value *out) const
    {
        out->type = literal.type;
        out->boolean = literal.boolean;
        out->number = literal.number;
        out->text = literal.owned; // the operand outlives the evaluation
    }

    /// When the record's key or value is read through its JSON (subject.payloads recognises
    /// it), points `*bytes` at that JSON, or returns false when it has none. Out of line, so
    /// that the plain JSON path keeps its shape.
    [[gnu::noinline]] bool transcode(const FilterSubject &subject, std::string_view *bytes) const
    {
        if (!subject.transcoded(root)) {
            return true;
        }
        const std::optional<std::string> &json = subject.json(root);
        if (!json) {
            return false;
        }
        *bytes = *json; // lives as long as the subject, which outlives the comparison
        return true;
    }

    void evaluate(const FilterSubject &subject, Value *out) const
    {
        const MessageView &r = subject.record;
        if (!isField) {
            copyLiteralTo(out);
            return;
        }
        switch (root) {
        case FieldRoot::Topic:
            out->type = Value::Type::String;
            out->text = r.topic();
            return;
        case FieldRoot::Partition:
            setNumber(out, r.partition());
            return;
        case FieldRoot::Offset:
            setNumber(out, r.offset());
            return;
        case FieldRoot::Timestamp:
            setNumber(out, r.timestamp());
            return;
        case FieldRoot::Header: {
            bool isNull = false;
            const auto h = r.header(headerName, &isNull);
            if (!h) {
                out->type = isNull ? Value::Type::Null : Value::Type::Missing;
                return;
            }
            out->type = Value::Type::String;
            out->text = *h;
            return;
        }
        case FieldRoot::Key:
        case FieldRoot::Value: {
            const bool present = root == FieldRoot::Key ? r.hasKey() : r.hasValue();
            if (!present) {
                out->type = path.empty() ? Value::Type::Null : Value::Type::Missing;
                return;
            }
            std::string_view bytes = root == FieldRoot::Key ? r.key() : r.value();
            if (subject.payloads && !transcode(subject, &bytes)) [[unlikely]] {
                out->type = Value::Type::Missing;
                return;
            }
            if (path.empty()) {
                out->type = Value::Type::String;
                out->text = bytes;
                return;
            }
            const auto token = findJsonPath(bytes, path);
            if (!token) {
                out->type = Value::Type::Missing;
                return;
            }
            setToken(out, *token);
            return;
        }
        }
    }

    static void setNumber(Value *out, int64_t n)
    {
        out->type = Value::Type::Number;
        out->number = double(n);
        out->setOwned(std::to_string(n));
    }

    static void setToken(Value *out, const JsonToken &t)
    {
        using T = JsonToken::Type;
        switch (t.type) {
        case T::String:
            out->type = Value::Type::String;
            if (t.hasEscapes) {
                out->setOwned(unescapeJsonString(t.raw));
            } else {
                out->text = t.raw;
            }
            return;
        case T::Number:
            out->type = Value::Type::Number;
            out->number = parseNumber(t.raw).value_or(0);
            out->text = t.raw;
            return;
        case T::True:
        case T::False:
            out->type = Value::Type::Bool;
            out->boolean = t.type == T::True;
            out->text = t.raw;
            return;
        case T::Null:
            out->type = Value::Type::Null;
            return;
        case T::Object:
        case T::Array:
            out->type = Value::Type::Json;
            out->text = t.raw;
            return;
        }
    }
};

bool truthy(const Value &v)
{
    switch (v.type) {
    case Value::Type::Missing:
    case Value::Type::Null:
        return false;
    case Value::Type::Bool:
        return v.boolean;
    case Value::Type::Number:
        return v.number != 0;
    case Value::Type::String:
        return !v.text.empty();
    case Value::Type::Json:
        return true;
    }
    return false;
}

std::optional<double> numberOf(const Value &v)
{
    if (v.type == Value::Type::Number) {
        return v.number;
    }
    if (v.type == Value::Type::String) {
        return parseNumber(v.text);
    }
    return std::nullopt;
}

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge, Contains, Matches };

/// -1/0/1, or nullopt when the two cannot be ordered.
std::optional<int> order(const Value &a, const Value &b)
{
    using T = Value::Type;
    if (a.type == T::Number || b.type == T::Number) {
        const auto x = numberOf(a);
        const auto y = numberOf(b);
        if (!x || !y) {
            return std::nullopt;
        }
        return *x < *y ? -1 : (*x > *y ? 1 : 0);
    }
    if ((a.type == T::String || a.type == T::Json) && (b.type == T::String || b.type == T::Json)) {
        const int c = a.text.compare(b.text);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

bool equal(const Value &a, const Value &b)
{
    using T = Value::Type;
    const bool aNull = a.type == T::Null || a.type == T::Missing;
    const bool bNull = b.type == T::Null || b.type == T::Missing;
    if (aNull || bNull) {
        return aNull && bNull;
    }
    if (a.type == T::Bool || b.type == T::Bool) {
        return a.type == b.type && a.boolean == b.boolean;
    }
    const auto o = order(a, b);
    return o && *o == 0;
}

bool containsBytes(std::string_view haystack, std::string_view needle)
{
    if (needle.empty()) {
        return true;
    }
    return memmem(haystack.data(), haystack.size(), needle.data(), needle.size()) != nullptr;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Tree

struct FilterExpression::Node {
    virtual ~Node() = default;
    virtual bool eval(const FilterSubject &r) const = 0;
};

namespace {

using Node = FilterExpression::Node;

struct OrNode final : Node {
    std::unique_ptr<Node> left, right;
    bool eval(const FilterSubject &r) const override { return left->eval(r) || right->eval(r); }
};

struct AndNode final : Node {
    std::unique_ptr<Node> left, right;
    bool eval(const FilterSubject &r) const override { return left->eval(r) && right->eval(r); }
};

struct NotNode final : Node {
    std::unique_ptr<Node> inner;
    bool eval(const FilterSubject &r) const override { return !inner->eval(r); }
};

struct TruthyNode final : Node {
    Operand operand;
    bool eval(const FilterSubject &r) const override
    {
        Value v;
        operand.evaluate(r, &v);
        return truthy(v);
    }
};

struct CompareNode final : Node {
    Operand left;
    Operand right;
    CompareOp op = CompareOp::Eq;
    QRegularExpression regex;
    /// Set when a record whose raw bytes lack this literal (and have no escapes) cannot match:
    /// `value.x == "lit"` or `… contains "lit"` with a non-numeric string literal.
    bool prefilter = false;

    bool eval(const FilterSubject &subject) const override
    {
        if (prefilter && !(subject.payloads && subject.transcoded(left.root))) {
            const MessageView &r = subject.record;
            const bool present = left.root == FieldRoot::Key ? r.hasKey() : r.hasValue();
            if (!present) {
                return false; // null/missing never equals or contains a string
            }
            const std::string_view bytes = left.root == FieldRoot::Key ? r.key() : r.value();
            if (!containsBytes(bytes, right.literal.owned)
                && (left.path.empty() || !std::memchr(bytes.data(), '\\', bytes.size()))) {
                return false;
            }
        }
        Value a;
        Value b;
        left.evaluate(subject, &a);
        right.evaluate(subject, &b);
        switch (op) {
        case CompareOp::Eq:
            return equal(a, b);
        case CompareOp::Ne:
            return !equal(a, b);
        case CompareOp::Lt:
        case CompareOp::Le:
        case CompareOp::Gt:
        case CompareOp::Ge: {
            const auto o = order(a, b);
            if (!o) {
                return false;
            }
            return op == CompareOp::Lt ? *o < 0
                : op == CompareOp::Le  ? *o <= 0
                : op == CompareOp::Gt  ? *o > 0
                                       : *o >= 0;
        }
        case CompareOp::Contains:
            if (a.type == Value::Type::Missing || a.type == Value::Type::Null
                || b.type == Value::Type::Missing || b.type == Value::Type::Null) {
                return false;
            }
            return containsBytes(a.text, b.text);
        case CompareOp::Matches:
            if (a.type == Value::Type::Missing || a.type == Value::Type::Null) {
                return false;
            }
            return regex.match(QString::fromUtf8(a.text.data(), qsizetype(a.text.size()))).hasMatch();
        }
        return false;
    }
};

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
public:
    explicit Parser(std::vector<Token> tokens)
        : t_(std::move(tokens))
    {
    }

    std::unique_ptr<Node> parse(FilterError *error)
    {
        error_ = error;
        auto root = parseOr();
        if (!root) {
            return nullptr;
        }
        if (peek().type != Token::Type::End) {
            fail(peek().column, tr("unexpected %1").arg(describe(peek())));
            return nullptr;
        }
        return root;
    }

    bool usesHeaders() const { return usesHeaders_; }
    bool usesKey() const { return usesKey_; }
    bool usesValue() const { return usesValue_; }

private:
    const Token &peek() const { return t_[pos_]; }
    const Token &next() { return t_[pos_ < t_.size() - 1 ? pos_++ : pos_]; }
    bool isSymbol(const char *s) const
    {
        return peek().type == Token::Type::Symbol && peek().text == QLatin1String(s);
    }
    bool isWord(const char *s) const
    {
        return peek().type == Token::Type::Identifier
            && peek().text.compare(QLatin1String(s), Qt::CaseInsensitive) == 0;
    }

    static QString describe(const Token &t)
    {
        return t.type == Token::Type::End ? tr("end of expression") : QStringLiteral("'%1'").arg(t.text);
    }

    std::nullptr_t fail(int column, const QString &message)
    {
        if (!error_->isError()) {
            error_->column = column;
            error_->message = message;
        }
        return nullptr;
    }

    std::unique_ptr<Node> parseOr()
    {
        auto left = parseAnd();
        while (left && (isSymbol("||") || isWord("or"))) {
            const Token op = next();
            auto right = parseAnd();
            if (!right) {
                return fail(op.column, tr("expected an expression after '%1'").arg(op.text));
            }
            auto node = std::make_unique<OrNode>();
            node->left = std::move(left);
            node->right = std::move(right);
            left = std::move(node);
        }
        return left;
    }

    std::unique_ptr<Node> parseAnd()
    {
        auto left = parseUnary();
        while (left && (isSymbol("&&") || isWord("and"))) {
            next();
            auto right = parseUnary();
            if (!right) {
                return nullptr;
            }
            auto node = std::make_unique<AndNode>();
            node->left = std::move(left);
            node->right = std::move(right);
            left = std::move(node);
        }
        return left;
    }

    std::unique_ptr<Node> parseUnary()
    {
        if (isSymbol("!") || isWord("not")) {
            const Token op = next();
            if (peek().type == Token::Type::End) {
                return fail(peek().column, tr("expected an expression after '%1'").arg(op.text));
            }
            auto inner = parseUnary();
            if (!inner) {
                return nullptr;
            }
            auto node = std::make_unique<NotNode>();
            node->inner = std::move(inner);
            return node;
        }
        if (isSymbol("(")) {
            const Token open = next();
            if (isSymbol(")")) {
                return fail(peek().column, tr("expected an expression after '('"));
            }
            auto inner = parseOr();
            if (!inner) {
                return nullptr;
            }
            if (!isSymbol(")")) {
                return fail(peek().column,
                    tr("expected ')' to close the '(' at column %1, found %2")
                        .arg(open.column)
                        .arg(describe(peek())));
            }
            next();
            return inner;
        }
        return parseComparison();
    }

    std::optional<CompareOp> compareOp() const
    {
        if (peek().type == Token::Type::Symbol) {
            const QString &s = peek().text;
            if (s == QLatin1String("==")) {
                return CompareOp::Eq;
            }
            if (s == QLatin1String("!=")) {
                return CompareOp::Ne;
            }
            if (s == QLatin1String("<")) {
                return CompareOp::Lt;
            }
            if (s == QLatin1String("<=")) {
                return CompareOp::Le;
            }
            if (s == QLatin1String(">")) {
                return CompareOp::Gt;
            }
            if (s == QLatin1String(">=")) {
                return CompareOp::Ge;
            }
        }
        if (isWord("contains")) {
            return CompareOp::Contains;
        }
        if (isWord("matches")) {
            return CompareOp::Matches;
        }
        return std::nullopt;
    }

    std::unique_ptr<Node> parseComparison()
    {
        if (compareOp()) {
            return fail(peek().column, tr("expected a field or value before '%1'").arg(peek().text));
        }
        Operand left;
        if (!parseOperand(&left, QString())) {
            return nullptr;
        }
        const auto op = compareOp();
        if (!op) {
            auto node = std::make_unique<TruthyNode>();
            node->operand = std::move(left);
            return node;
        }
        const Token opToken = next();
        Operand right;
        if (!parseOperand(&right, opToken.text)) {
            return nullptr;
        }
        auto node = std::make_unique<CompareNode>();
        node->op = *op;
        if ((*op == CompareOp::Eq || *op == CompareOp::Ne) && !left.isField && right.isField) {
            std::swap(left, right); // keep the field on the left so the prefilter can apply
        }
        if (!resolveTimestamps(&left, &right) || !resolveTimestamps(&right, &left)) {
            return nullptr;
        }
        if (*op == CompareOp::Matches) {
            if (right.isField) {
                return fail(right.column, tr("expected a /regular expression/ or a string after 'matches'"));
            }
            node->regex = QRegularExpression(QString::fromStdString(right.literal.owned), regexOptions_);
            if (!node->regex.isValid()) {
                return fail(right.column + 1 + int(node->regex.patternErrorOffset()),
                    tr("invalid regular expression: %1").arg(node->regex.errorString()));
            }
        }
        node->prefilter = left.isField && (left.root == FieldRoot::Value || left.root == FieldRoot::Key)
            && !right.isField && right.literal.type == Value::Type::String
            && (*op == CompareOp::Contains
                || (*op == CompareOp::Eq && !left.path.empty() && !parseNumber(right.literal.owned)));
        node->left = std::move(left);
        node->right = std::move(right);
        return node;
    }

    /// `timestamp > "2025-01-31T12:00:00Z"`: the string becomes epoch milliseconds.
    bool resolveTimestamps(Operand *field, Operand *literal)
    {
        if (!field->isField || field->root != FieldRoot::Timestamp || literal->isField
            || literal->literal.type != Value::Type::String || parseNumber(literal->literal.owned)) {
            return true;
        }
        QDateTime t
            = QDateTime::fromString(QString::fromStdString(literal->literal.owned), Qt::ISODateWithMs);
        if (!t.isValid()) {
            fail(literal->column,
                tr("expected a time like \"2025-01-31T12:00:00Z\" to compare with timestamp"));
            return false;
        }
        if (t.timeSpec() == Qt::LocalTime) {
            t.setTimeSpec(Qt::UTC); // no zone given: UTC, as in the broker's timestamps
        }
        literal->literal.type = Value::Type::Number;
        literal->literal.number = double(t.toMSecsSinceEpoch());
        literal->literal.setOwned(std::to_string(t.toMSecsSinceEpoch()));
        return true;
    }

    bool parseOperand(Operand *out, const QString &after)
    {
        const Token &t = peek();
        out->column = t.column;
        const auto expected = [&]() {
            return after.isEmpty() ? tr("expected a field or value, found %1").arg(describe(t))
                                   : tr("expected value after '%1'").arg(after);
        };
        switch (t.type) {
        case Token::Type::End:
            fail(t.column, expected());
            return false;
        case Token::Type::String:
            out->literal.type = Value::Type::String;
            out->literal.setOwned(t.value);
            next();
            return true;
        case Token::Type::Regex:
            out->literal.type = Value::Type::String;
            out->literal.setOwned(t.value);
            regexOptions_ = QRegularExpression::NoPatternOption;
            for (const QChar f : t.flags) {
                if (f == QLatin1Char('i')) {
                    regexOptions_ |= QRegularExpression::CaseInsensitiveOption;
                } else if (f == QLatin1Char('s')) {
                    regexOptions_ |= QRegularExpression::DotMatchesEverythingOption;
                } else if (f == QLatin1Char('m')) {
                    regexOptions_ |= QRegularExpression::MultilineOption;
                } else if (f == QLatin1Char('x')) {
                    regexOptions_ |= QRegularExpression::ExtendedPatternSyntaxOption;
                } else {
                    fail(t.column, tr("unknown regular expression flag '%1' (use i, s, m or x)").arg(f));
                    return false;
                }
            }
            next();
            return true;
        case Token::Type::Number:
            out->literal.type = Value::Type::Number;
            out->literal.number = t.number;
            out->literal.setOwned(t.text.toStdString());
            next();
            return true;
        case Token::Type::Symbol:
            fail(t.column, expected());
            return false;
        case Token::Type::Identifier:
            break;
        }
        const QString word = t.text.toLower();
        if (word == QLatin1String("true") || word == QLatin1String("false")) {
            out->literal.type = Value::Type::Bool;
            out->literal.boolean = word == QLatin1String("true");
            out->literal.setOwned(word.toStdString());
            next();
            return true;
        }
        if (word == QLatin1String("null")) {
            out->literal.type = Value::Type::Null;
            next();
            return true;
        }
        return parseField(out);
    }

    bool parseField(Operand *out)
    {
        const Token root = next();
        out->isField = true;
        static const std::pair<const char *, FieldRoot> kRoots[] = {
            {"key", FieldRoot::Key},
            {"value", FieldRoot::Value},
            {"topic", FieldRoot::Topic},
            {"partition", FieldRoot::Partition},
            {"offset", FieldRoot::Offset},
            {"timestamp", FieldRoot::Timestamp},
            {"headers", FieldRoot::Header},
            {"header", FieldRoot::Header},
        };
        bool known = false;
        for (const auto &[name, r] : kRoots) {
            if (root.text == QLatin1String(name)) {
                out->root = r;
                known = true;
            }
        }
        if (!known) {
            fail(root.column,
                tr("unknown field '%1' (fields: key, value, headers.<name>, partition, offset, "
                   "timestamp, topic)")
                    .arg(root.text));
            return false;
        }
        usesKey_ = usesKey_ || out->root == FieldRoot::Key;
        usesValue_ = usesValue_ || out->root == FieldRoot::Value;
        const bool hasPath = out->root == FieldRoot::Key || out->root == FieldRoot::Value;
        if (out->root == FieldRoot::Header) {
            usesHeaders_ = true;
            if (isSymbol(".")) {
                next();
                if (peek().type != Token::Type::Identifier) {
                    fail(peek().column, tr("expected a header name after 'headers.'"));
                    return false;
                }
                out->headerName = next().text.toStdString();
            } else if (isSymbol("[")) {
                next();
                if (peek().type != Token::Type::String) {
                    fail(peek().column, tr("expected a header name in quotes after 'headers['"));
                    return false;
                }
                out->headerName = next().value;
                if (!isSymbol("]")) {
                    fail(peek().column, tr("expected ']'"));
                    return false;
                }
                next();
            } else {
                fail(peek().column, tr("expected a header name after 'headers.'"));
                return false;
            }
            return true;
        }
        while (isSymbol(".") || isSymbol("[")) {
            if (!hasPath) {
                fail(peek().column, tr("'%1' has no fields").arg(root.text));
                return false;
            }
            if (next().text == QLatin1String(".")) {
                if (peek().type != Token::Type::Identifier) {
                    fail(peek().column, tr("expected a field name after '.'"));
                    return false;
                }
                out->path.push_back({next().text.toStdString(), -1});
                continue;
            }
            const Token &inside = peek();
            if (inside.type == Token::Type::Number && inside.number >= 0
                && inside.number == double(int(inside.number))) {
                out->path.push_back({{}, int(inside.number)});
            } else if (inside.type == Token::Type::String) {
                out->path.push_back({inside.value, -1});
            } else {
                fail(inside.column, tr("expected an index or a quoted name after '['"));
                return false;
            }
            next();
            if (!isSymbol("]")) {
                fail(peek().column, tr("expected ']'"));
                return false;
            }
            next();
        }
        return true;
    }

    std::vector<Token> t_;
    std::size_t pos_ = 0;
    FilterError *error_ = nullptr;
    bool usesHeaders_ = false;
    bool usesKey_ = false;
    bool usesValue_ = false;
    QRegularExpression::PatternOptions regexOptions_ = QRegularExpression::NoPatternOption;
};

} // namespace

QString FilterError::describe() const
{
    return tr("%1 at column %2").arg(message).arg(column);
}

FilterExpression::~FilterExpression() = default;

std::shared_ptr<const FilterExpression> FilterExpression::parse(const QString &text, FilterError *error)
{
    FilterError local;
    FilterError *err = error ? error : &local;
    *err = {};
    std::shared_ptr<FilterExpression> expr(new FilterExpression);
    expr->text_ = text;
    if (text.trimmed().isEmpty()) {
        return expr;
    }
    std::vector<Token> tokens;
    if (!Lexer(text).run(&tokens, err)) {
        return nullptr;
    }
    Parser parser(std::move(tokens));
    expr->root_ = parser.parse(err);
    expr->usesHeaders_ = parser.usesHeaders();
    expr->usesKey_ = parser.usesKey();
    expr->usesValue_ = parser.usesValue();
    if (!expr->root_) {
        if (!err->isError()) {
            err->column = 1;
            err->message = tr("invalid expression");
        }
        return nullptr;
    }
    return expr;
}

bool FilterExpression::matches(const MessageView &record, const PayloadJson *payloads) const
{
    if (!root_) {
        return true;
    }
    if (!payloads) {
        return root_->eval(FilterSubject {record, nullptr, nullptr});
    }
    PayloadReadings readings;
    return root_->eval(FilterSubject {record, payloads, &readings});
}

} // namespace edis::inspect
