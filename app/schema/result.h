#pragma once

// A value or a user-facing error message: what every decode and encode of edis_schema returns.
// Errors are whole sentences a user understands ("field amount: expected double, got string"),
// already translated, so the inspector and the CLI show them as they are.

#include <QString>

#include <optional>
#include <utility>

namespace edis::schema {

template <typename T>
class [[nodiscard]] Result {
public:
    static Result success(T value)
    {
        Result r;
        r.value_ = std::move(value);
        return r;
    }
    static Result failure(QString error)
    {
        Result r;
        r.error_ = error.isEmpty() ? QStringLiteral("unknown error") : std::move(error);
        return r;
    }

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }

    /// The value; only when ok().
    const T &value() const & { return *value_; }
    T &value() & { return *value_; }
    T &&value() && { return std::move(*value_); }
    const T *operator->() const { return &*value_; }

    /// The error; empty when ok().
    const QString &error() const { return error_; }

private:
    Result() = default;
    std::optional<T> value_;
    QString error_;
};

} // namespace edis::schema
