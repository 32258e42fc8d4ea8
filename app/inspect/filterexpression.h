#pragma once

// The filter bar's expression language, parsed once into a tree and evaluated per record.
//
//   expression := or
//   or         := and (("||" | "or") and)*
//   and        := unary (("&&" | "and") unary)*
//   unary      := ("!" | "not") unary | "(" expression ")" | comparison
//   comparison := operand [op operand]        op: == != < <= > >= contains matches
//   operand    := field | "string" | number | true | false | null | /regex/flags
//   field      := key | value | topic | partition | offset | timestamp
//               | headers.<name> | value.<path> | key.<path>
//   path       := name ("." name | "[" index "]" | "[" "string" "]")*
//
// Semantics: value.<path> reads JSON (missing when absent or not JSON; a framed Avro/Protobuf
// payload through its JSON reading, see PayloadJson); a number compares
// with a string holding a number numerically; timestamp compares with an ISO-8601 string as a
// time; an operand on its own is true when present and not null/false/0/"".

#include "messagebatch.h"
#include "payloadjson.h"

#include <QString>

#include <memory>

namespace edis::inspect {

struct FilterError {
    int column = 0; ///< 1-based character position in the expression
    QString message; ///< e.g. "expected a value after '=='"

    bool isError() const { return column > 0; }
    /// "expected a value after '==' at column 14"
    QString describe() const;
};

class FilterExpression {
public:
    struct Node;

    ~FilterExpression();
    FilterExpression(const FilterExpression &) = delete;
    FilterExpression &operator=(const FilterExpression &) = delete;

    /// Parses an expression; nullptr and `*error` set when it is not valid. An empty text is
    /// valid and matches everything.
    static std::shared_ptr<const FilterExpression> parse(const QString &text, FilterError *error);

    /// Thread-safe: evaluation keeps no state in the expression. With `payloads`, the fields of
    /// a key or value it recognises (Schema Registry framed) are read from its JSON reading.
    bool matches(const MessageView &record, const PayloadJson *payloads = nullptr) const;

    const QString &text() const { return text_; }
    bool matchesEverything() const { return !root_; }
    /// Whether any part of the expression reads a header (a consumer can skip parsing the
    /// headers of records that such a filter rejects).
    bool usesHeaders() const { return usesHeaders_; }
    /// Whether any part reads the record's key, or its value (for the same purpose).
    bool usesKey() const { return usesKey_; }
    bool usesValue() const { return usesValue_; }

private:
    FilterExpression() = default;

    QString text_;
    std::unique_ptr<Node> root_;
    bool usesHeaders_ = false;
    bool usesKey_ = false;
    bool usesValue_ = false;
};

} // namespace edis::inspect
