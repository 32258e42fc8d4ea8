#pragma once
// An Avro schema parsed from its JSON text into a graph of nodes: named types (records, enums,
// fixed) are defined once and every reference to them, recursive ones included, points at that
// one node. Names and namespaces follow the specification ("Names"): a dotted name is a full
// name, an undotted one takes the enclosing namespace, a lookup falls back to the null namespace
// as Apache Avro's Java parser does.

#include <nlohmann/json.hpp>

#include <QMap>
#include <QString>
#include <QStringList>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace edis::schemadiff::avro {

enum class Type {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed
};

struct Node;

struct Field {
    QString name;
    QStringList aliases;
    QString doc;
    const Node *type = nullptr;
    std::optional<nlohmann::ordered_json> defaultValue;
    QString order; ///< as written; empty means "ascending"
    int position = 0;
};

struct Node {
    Type type = Type::Null;
    // Named types (Record, Enum, Fixed)
    QString name; ///< unqualified
    QString space; ///< the namespace; empty for the null namespace
    QString fullName;
    QStringList aliases; ///< full names
    QString doc;
    // Primitives, Fixed
    QString logicalType;
    std::optional<int> precision;
    std::optional<int> scale;
    // Record
    std::vector<Field> fields;
    // Enum
    QStringList symbols;
    std::optional<QString> enumDefault;
    // Fixed
    int size = 0;
    // Array, Map
    const Node *items = nullptr;
    const Node *values = nullptr;
    // Union
    std::vector<const Node *> branches;

    bool isNamed() const { return type == Type::Record || type == Type::Enum || type == Type::Fixed; }
    const Field *field(const QString &fieldName) const;
};

class Schema {
public:
    /// Parses `text` after the texts it references (each a schema of named types). On failure
    /// returns nullptr and sets `error`.
    static std::unique_ptr<Schema> parse(
        const QString &text, const QMap<QString, QString> &references, QString *error);

    const Node *root() const { return root_; }
    const Node *named(const QString &fullName) const;
    /// Every field of every record, in definition order (for default checks).
    std::vector<std::pair<const Node *, const Field *>> allFields() const;

private:
    friend class Parser;
    std::deque<Node> nodes_;
    std::map<QString, const Node *> named_;
    const Node *root_ = nullptr;
};

QString typeName(Type type);
/// A short description of a type as a user reads it: "string", "long (timestamp-millis)",
/// "array<string>", "[null, com.acme.Address]", "record com.acme.Address", "fixed Md5(16)".
QString describe(const Node *node);
/// Like describe() but a named type is its full name only (inside containers and unions).
QString describeRef(const Node *node);

/// Whether `value` is a valid default for `node` by Avro 1.11's rule (a union's default must
/// match its first branch). `anyBranch` is set when it matches only a later branch, which Avro
/// 1.12 accepts.
bool isValidDefault(const Node *node, const nlohmann::ordered_json &value, bool *anyBranch = nullptr);

} // namespace edis::schemadiff::avro
