#include "registry/registrytypes.h"

#include <array>
#include <utility>

namespace edis::registry {

namespace {

// The API's spellings, one table per enum.
constexpr std::array kTypeNames {std::pair {SchemaType::Avro, "AVRO"},
    std::pair {SchemaType::Protobuf, "PROTOBUF"}, std::pair {SchemaType::Json, "JSON"}};
constexpr std::array kLevelNames {std::pair {CompatibilityLevel::None, "NONE"},
    std::pair {CompatibilityLevel::Backward, "BACKWARD"},
    std::pair {CompatibilityLevel::BackwardTransitive, "BACKWARD_TRANSITIVE"},
    std::pair {CompatibilityLevel::Forward, "FORWARD"},
    std::pair {CompatibilityLevel::ForwardTransitive, "FORWARD_TRANSITIVE"},
    std::pair {CompatibilityLevel::Full, "FULL"},
    std::pair {CompatibilityLevel::FullTransitive, "FULL_TRANSITIVE"}};
constexpr std::array kModeNames {std::pair {RegistryMode::ReadWrite, "READWRITE"},
    std::pair {RegistryMode::ReadOnly, "READONLY"},
    std::pair {RegistryMode::ReadOnlyOverride, "READONLY_OVERRIDE"},
    std::pair {RegistryMode::Import, "IMPORT"}};

template <typename Table, typename Enum>
QString nameOf(const Table &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template <typename Table>
auto valueOf(const Table &table, const QString &name) -> std::optional<typename Table::value_type::first_type>
{
    for (const auto &[v, n] : table) {
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0) {
            return v;
        }
    }
    return std::nullopt;
}

} // namespace

QString toString(SchemaType type)
{
    return nameOf(kTypeNames, type);
}

std::optional<SchemaType> schemaTypeFromString(const QString &name)
{
    if (name.isEmpty()) {
        return SchemaType::Avro;
    }
    return valueOf(kTypeNames, name);
}

QString toString(CompatibilityLevel level)
{
    return nameOf(kLevelNames, level);
}

std::optional<CompatibilityLevel> compatibilityFromString(const QString &name)
{
    return valueOf(kLevelNames, name);
}

QString toString(RegistryMode mode)
{
    return nameOf(kModeNames, mode);
}

std::optional<RegistryMode> modeFromString(const QString &name)
{
    return valueOf(kModeNames, name);
}

QMap<QString, QString> ResolvedSchema::referenceTexts() const
{
    QMap<QString, QString> texts;
    for (const ResolvedReference &reference : references) {
        texts.insert(reference.name, reference.schema.text);
    }
    return texts;
}

qsizetype ResolvedSchema::approximateBytes() const
{
    // UTF-16 text plus a fixed allowance per object for the strings' and lists' own headers.
    constexpr qsizetype kPerObject = 128;
    const auto schemaBytes = [](const Schema &s) {
        qsizetype bytes = kPerObject + (s.text.size() + s.subject.size()) * 2;
        for (const SchemaReference &r : s.references) {
            bytes += kPerObject + (r.name.size() + r.subject.size()) * 2;
        }
        return bytes;
    };
    qsizetype total = schemaBytes(schema);
    for (const ResolvedReference &reference : references) {
        total += kPerObject + reference.name.size() * 2 + schemaBytes(reference.schema);
    }
    return total;
}

} // namespace edis::registry
