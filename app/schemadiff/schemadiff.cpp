#include "schemadiff.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <utility>

namespace edis::schemadiff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff", text);
}

struct KindName {
    ChangeKind kind;
    const char *id;
    const char *label;
};

// One table for the identifier and the wording of every kind, so neither can be forgotten.
constexpr std::array kKindNames {
    KindName {ChangeKind::FieldAdded, "field-added", QT_TRANSLATE_NOOP("edis::schemadiff", "field added")},
    KindName {
        ChangeKind::FieldRemoved, "field-removed", QT_TRANSLATE_NOOP("edis::schemadiff", "field removed")},
    KindName {
        ChangeKind::FieldRenamed, "field-renamed", QT_TRANSLATE_NOOP("edis::schemadiff", "field renamed")},
    KindName {ChangeKind::FieldProbablyRenamed, "field-probably-renamed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "field probably renamed (a guess)")},
    KindName {ChangeKind::TypeChanged, "type-changed", QT_TRANSLATE_NOOP("edis::schemadiff", "type changed")},
    KindName {
        ChangeKind::DefaultAdded, "default-added", QT_TRANSLATE_NOOP("edis::schemadiff", "default added")},
    KindName {ChangeKind::DefaultRemoved, "default-removed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "default removed")},
    KindName {ChangeKind::DefaultChanged, "default-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "default changed")},
    KindName {ChangeKind::DocChanged, "doc-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "documentation changed")},
    KindName {ChangeKind::NameChanged, "name-changed", QT_TRANSLATE_NOOP("edis::schemadiff", "name changed")},
    KindName {ChangeKind::NamespaceChanged, "namespace-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "namespace changed")},
    KindName {ChangeKind::AliasesChanged, "aliases-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "aliases changed")},
    KindName {ChangeKind::LogicalTypeChanged, "logical-type-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "logical type changed")},
    KindName {ChangeKind::FieldOrderChanged, "field-order-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "field order changed")},
    KindName {ChangeKind::SortOrderChanged, "sort-order-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "sort order changed")},
    KindName {ChangeKind::UnionBranchAdded, "union-branch-added",
        QT_TRANSLATE_NOOP("edis::schemadiff", "union branch added")},
    KindName {ChangeKind::UnionBranchRemoved, "union-branch-removed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "union branch removed")},
    KindName {ChangeKind::EnumSymbolAdded, "enum-symbol-added",
        QT_TRANSLATE_NOOP("edis::schemadiff", "enum symbol added")},
    KindName {ChangeKind::EnumSymbolRemoved, "enum-symbol-removed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "enum symbol removed")},
    KindName {ChangeKind::EnumSymbolRenamed, "enum-symbol-renamed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "enum symbol renamed")},
    KindName {ChangeKind::EnumSymbolsReordered, "enum-symbols-reordered",
        QT_TRANSLATE_NOOP("edis::schemadiff", "enum symbols reordered")},
    KindName {ChangeKind::EnumDefaultChanged, "enum-default-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "enum default changed")},
    KindName {ChangeKind::FixedSizeChanged, "fixed-size-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "fixed size changed")},
    KindName {ChangeKind::PackageChanged, "package-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "package changed")},
    KindName {
        ChangeKind::SyntaxChanged, "syntax-changed", QT_TRANSLATE_NOOP("edis::schemadiff", "syntax changed")},
    KindName {
        ChangeKind::MessageAdded, "message-added", QT_TRANSLATE_NOOP("edis::schemadiff", "message added")},
    KindName {ChangeKind::MessageRemoved, "message-removed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "message removed")},
    KindName {
        ChangeKind::MessageMoved, "message-moved", QT_TRANSLATE_NOOP("edis::schemadiff", "message moved")},
    KindName {ChangeKind::EnumAdded, "enum-added", QT_TRANSLATE_NOOP("edis::schemadiff", "enum added")},
    KindName {ChangeKind::EnumRemoved, "enum-removed", QT_TRANSLATE_NOOP("edis::schemadiff", "enum removed")},
    KindName {
        ChangeKind::LabelChanged, "label-changed", QT_TRANSLATE_NOOP("edis::schemadiff", "label changed")},
    KindName {ChangeKind::OneofAdded, "oneof-added", QT_TRANSLATE_NOOP("edis::schemadiff", "oneof added")},
    KindName {
        ChangeKind::OneofRemoved, "oneof-removed", QT_TRANSLATE_NOOP("edis::schemadiff", "oneof removed")},
    KindName {ChangeKind::FieldMovedIntoOneof, "field-moved-into-oneof",
        QT_TRANSLATE_NOOP("edis::schemadiff", "field moved into a oneof")},
    KindName {ChangeKind::FieldMovedOutOfOneof, "field-moved-out-of-oneof",
        QT_TRANSLATE_NOOP("edis::schemadiff", "field moved out of a oneof")},
    KindName {ChangeKind::NumberReused, "number-reused",
        QT_TRANSLATE_NOOP("edis::schemadiff", "reserved number or name reused")},
    KindName {ChangeKind::ReservedRemoved, "reserved-removed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "reservation removed")},
    KindName {ChangeKind::JsonNameChanged, "json-name-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "JSON name changed")},
    KindName {
        ChangeKind::RequiredAdded, "required-added", QT_TRANSLATE_NOOP("edis::schemadiff", "made required")},
    KindName {ChangeKind::RequiredRemoved, "required-removed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "made optional")},
    KindName {ChangeKind::TypeWidened, "type-widened", QT_TRANSLATE_NOOP("edis::schemadiff", "type widened")},
    KindName {
        ChangeKind::TypeNarrowed, "type-narrowed", QT_TRANSLATE_NOOP("edis::schemadiff", "type narrowed")},
    KindName {ChangeKind::EnumValuesChanged, "enum-values-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "enum values changed")},
    KindName {
        ChangeKind::ConstChanged, "const-changed", QT_TRANSLATE_NOOP("edis::schemadiff", "const changed")},
    KindName {ChangeKind::AdditionalPropertiesChanged, "additional-properties-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "additional properties changed")},
    KindName {ChangeKind::ConstraintTightened, "constraint-tightened",
        QT_TRANSLATE_NOOP("edis::schemadiff", "constraint tightened")},
    KindName {ChangeKind::ConstraintLoosened, "constraint-loosened",
        QT_TRANSLATE_NOOP("edis::schemadiff", "constraint loosened")},
    KindName {ChangeKind::ConstraintChanged, "constraint-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "constraint changed")},
    KindName {ChangeKind::CombinationChanged, "combination-changed",
        QT_TRANSLATE_NOOP("edis::schemadiff", "anyOf/oneOf/allOf changed")},
};

const KindName &kindName(ChangeKind kind)
{
    const auto *it = std::find_if(
        kKindNames.begin(), kKindNames.end(), [kind](const KindName &k) { return k.kind == kind; });
    Q_ASSERT(it != kKindNames.end());
    return *it;
}

} // namespace

Effect worst(Effect a, Effect b)
{
    return std::max(a, b);
}

Effect Change::full() const
{
    return worst(backward, forward);
}

Verdict verdictOf(const QList<Change> &changes)
{
    Verdict v;
    for (const Change &c : changes) {
        v.backward = worst(v.backward, c.backward);
        v.forward = worst(v.forward, c.forward);
    }
    v.full = worst(v.backward, v.forward);
    return v;
}

SchemaDiffResult diffSchemas(SchemaFormat format, const SchemaText &oldSchema, const SchemaText &newSchema)
{
    switch (format) {
    case SchemaFormat::Avro:
        return diffAvro(oldSchema, newSchema);
    case SchemaFormat::Protobuf:
        return diffProtobuf(oldSchema, newSchema);
    case SchemaFormat::JsonSchema:
        return diffJsonSchema(oldSchema, newSchema);
    }
    SchemaDiffResult unknown; // a value outside the enum, never a silent "no change"
    unknown.format = format;
    unknown.error = tr("Unknown schema format %1").arg(static_cast<int>(format));
    return unknown;
}

std::optional<SchemaFormat> formatFromRegistryType(const QString &schemaType)
{
    const QString t = schemaType.trimmed().toUpper();
    if (t.isEmpty() || t == QLatin1String("AVRO")) {
        return SchemaFormat::Avro;
    }
    if (t == QLatin1String("PROTOBUF")) {
        return SchemaFormat::Protobuf;
    }
    if (t == QLatin1String("JSON")) {
        return SchemaFormat::JsonSchema;
    }
    return std::nullopt;
}

QString formatName(SchemaFormat format)
{
    switch (format) {
    case SchemaFormat::Avro:
        return QStringLiteral("Avro");
    case SchemaFormat::Protobuf:
        return QStringLiteral("Protobuf");
    case SchemaFormat::JsonSchema:
        return QStringLiteral("JSON Schema");
    }
    return {};
}

QString kindId(ChangeKind kind)
{
    return QString::fromLatin1(kindName(kind).id);
}

QString kindLabel(ChangeKind kind)
{
    return tr(kindName(kind).label);
}

QString effectId(Effect effect)
{
    switch (effect) {
    case Effect::Ok:
        return QStringLiteral("ok");
    case Effect::Guess:
        return QStringLiteral("guess");
    case Effect::Breaks:
        return QStringLiteral("breaks");
    }
    return {};
}

QString effectLabel(Effect effect)
{
    switch (effect) {
    case Effect::Ok:
        return tr("ok");
    case Effect::Guess:
        return tr("check");
    case Effect::Breaks:
        return tr("breaks");
    }
    return {};
}

} // namespace edis::schemadiff
