#include "catalogue.h"

#include "jsonvariant.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>

#include <algorithm>

namespace edis::pipeline {

using Json = detail::ReadJson;
using detail::toQString;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::pipeline::Catalogue", text);
}

constexpr int kCatalogueVersion = 1;

bool parseCategory(const QString &text, NodeCategory *category)
{
    if (text == QLatin1String("source")) {
        *category = NodeCategory::Source;
    } else if (text == QLatin1String("processor")) {
        *category = NodeCategory::Processor;
    } else if (text == QLatin1String("sink")) {
        *category = NodeCategory::Sink;
    } else {
        return false;
    }
    return true;
}

bool parsePropertyType(const QString &text, PropertyType *type)
{
    static const QHash<QString, PropertyType> types = {
        {QStringLiteral("string"), PropertyType::String},
        {QStringLiteral("int"), PropertyType::Int},
        {QStringLiteral("bool"), PropertyType::Bool},
        {QStringLiteral("enum"), PropertyType::Enum},
        {QStringLiteral("secret"), PropertyType::Secret},
        {QStringLiteral("list"), PropertyType::List},
    };
    const auto it = types.constFind(text);
    if (it == types.cend()) {
        return false;
    }
    *type = *it;
    return true;
}

QString stringField(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it == object.end() ? QString() : toQString(*it);
}

bool boolField(const Json &object, const char *key, bool fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

/// Throws std::runtime_error with a readable message; addJson() turns it into `*error`.
[[noreturn]] void fail(const QString &message)
{
    throw std::runtime_error(message.toStdString());
}

PortDescriptor parsePort(const Json &json, const QString &where)
{
    PortDescriptor port;
    port.name = stringField(json, "name");
    if (port.name.isEmpty()) {
        fail(tr("%1: a port has no name").arg(where));
    }
    const QString direction = stringField(json, "direction");
    if (direction == QLatin1String("input")) {
        port.direction = PortDirection::Input;
    } else if (direction == QLatin1String("output")) {
        port.direction = PortDirection::Output;
    } else {
        fail(tr("%1: port '%2' has direction '%3' (expected input or output)")
                 .arg(where, port.name, direction));
    }
    port.dataType = stringField(json, "dataType");
    port.label = stringField(json, "label");
    port.dataTypeProperty = stringField(json, "dataTypeProperty");
    port.sameTypeAs = stringField(json, "sameTypeAs");
    port.repeatFor = stringField(json, "repeatFor");
    port.multiple = boolField(json, "multiple", false);
    port.required = boolField(json, "required", true);
    return port;
}

PropertyDescriptor parseProperty(const Json &json, const QString &where)
{
    PropertyDescriptor property;
    property.key = stringField(json, "key");
    if (property.key.isEmpty()) {
        fail(tr("%1: a property has no key").arg(where));
    }
    const QString type = stringField(json, "type");
    if (!parsePropertyType(type, &property.type)) {
        fail(tr("%1: property '%2' has unknown type '%3'").arg(where, property.key, type));
    }
    property.label = stringField(json, "label");
    property.required = boolField(json, "required", false);
    property.help = stringField(json, "help");
    property.role = stringField(json, "role");
    if (const auto it = json.find("default"); it != json.end()) {
        property.defaultValue = detail::toVariant(*it);
    }
    if (const auto it = json.find("values"); it != json.end() && it->is_array()) {
        for (const auto &value : *it) {
            property.values << toQString(value);
        }
    }
    if (const auto it = json.find("exportKeys"); it != json.end() && it->is_object()) {
        for (const auto &[target, key] : it->items()) {
            property.exportKeys.insert(QString::fromStdString(target), toQString(key));
        }
    }
    return property;
}

NodeDescriptor parseNode(const Json &json, const QString &origin)
{
    NodeDescriptor node;
    node.id = stringField(json, "id");
    if (node.id.isEmpty()) {
        fail(tr("%1: a node descriptor has no id").arg(origin));
    }
    const QString where = origin + QLatin1Char(':') + node.id;
    if (!parseCategory(stringField(json, "category"), &node.category)) {
        fail(tr("%1: category must be source, processor or sink").arg(where));
    }
    node.displayName = stringField(json, "displayName");
    node.description = stringField(json, "description");
    for (const auto &port : json.value("ports", Json::array())) {
        node.ports << parsePort(port, where);
    }
    for (const auto &property : json.value("properties", Json::array())) {
        node.properties << parseProperty(property, where);
    }
    const Json exports = json.value("exports", Json::object());
    for (const auto &[target, hint] : exports.items()) {
        node.exports << ExportHint {QString::fromStdString(target), stringField(hint, "kind"),
            stringField(hint, "component"), stringField(hint, "note")};
    }
    return node;
}

} // namespace

const PropertyDescriptor *NodeDescriptor::property(const QString &key) const
{
    for (const auto &p : properties) {
        if (p.key == key) {
            return &p;
        }
    }
    return nullptr;
}

const ExportHint *NodeDescriptor::exportHint(const QString &target) const
{
    for (const auto &hint : exports) {
        if (hint.target == target) {
            return &hint;
        }
    }
    return nullptr;
}

QVariantMap NodeDescriptor::defaultProperties() const
{
    QVariantMap values;
    for (const auto &p : properties) {
        if (p.defaultValue.isValid()) {
            values.insert(p.key, p.defaultValue);
        }
    }
    return values;
}

QString repeatedPortName(const QString &listEntry)
{
    const qsizetype colon = listEntry.indexOf(QLatin1Char(':'));
    return (colon < 0 ? listEntry : listEntry.left(colon)).trimmed();
}

QList<PortDescriptor> NodeDescriptor::portsFor(const QVariantMap &values) const
{
    QList<PortDescriptor> result;
    result.reserve(ports.size());
    for (const auto &port : ports) {
        if (port.repeatFor.isEmpty()) {
            result << port;
            continue;
        }
        for (const QString &entry : values.value(port.repeatFor).toStringList()) {
            PortDescriptor repeated = port;
            repeated.name = repeatedPortName(entry);
            repeated.label = repeated.name;
            repeated.repeatFor.clear();
            if (!repeated.name.isEmpty()) {
                result << repeated;
            }
        }
    }
    return result;
}

bool NodeDescriptor::findPort(const QVariantMap &values, const QString &name, PortDescriptor *port) const
{
    for (const auto &candidate : ports) {
        if (candidate.repeatFor.isEmpty()) {
            if (candidate.name == name) {
                *port = candidate;
                return true;
            }
            continue;
        }
        for (const QString &entry : values.value(candidate.repeatFor).toStringList()) {
            if (repeatedPortName(entry) == name) {
                *port = candidate;
                port->name = name;
                port->label = name;
                port->repeatFor.clear();
                return true;
            }
        }
    }
    return false;
}

const Catalogue &Catalogue::builtin()
{
    static const Catalogue catalogue = [] {
        Catalogue c;
        QDir dir(QStringLiteral(":/edis/catalogue"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            QFile f(dir.filePath(file));
            QString error;
            if (!f.open(QIODevice::ReadOnly) || !c.addJson(f.readAll(), file, &error)) {
                // The catalogue is compiled in: a broken one is a build defect, found by the tests.
                qCritical("edis_pipeline: built-in catalogue %s: %s", qPrintable(file),
                    qPrintable(error.isEmpty() ? f.errorString() : error));
            }
        }
        return c;
    }();
    return catalogue;
}

bool Catalogue::addJson(const QByteArray &json, const QString &origin, QString *error)
{
    Catalogue staged = *this;
    try {
        const Json doc = Json::parse(json.constBegin(), json.constEnd());
        if (stringField(doc, "format") != QLatin1String("edis-catalogue")) {
            fail(tr("%1: not an EDIS catalogue file").arg(origin));
        }
        if (doc.value("version", 0) != kCatalogueVersion) {
            fail(tr("%1: unsupported catalogue version").arg(origin));
        }
        for (const auto &type : doc.value("dataTypes", Json::array())) {
            DataTypeDescriptor d {
                stringField(type, "id"), stringField(type, "displayName"), stringField(type, "description")};
            if (d.id.isEmpty() || staged.dataType(d.id)) {
                fail(tr("%1: data type id '%2' is empty or repeated").arg(origin, d.id));
            }
            staged.dataTypes_ << d;
        }
        for (const auto &conversion : doc.value("conversions", Json::array())) {
            staged.conversions_ << Conversion {stringField(conversion, "from"), stringField(conversion, "to"),
                TypeCompatibility {boolField(conversion, "allowed", false), stringField(conversion, "fix"),
                    stringField(conversion, "fixNodeType")}};
        }
        for (const auto &node : doc.value("nodes", Json::array())) {
            NodeDescriptor descriptor = parseNode(node, origin);
            if (staged.nodeIndex_.contains(descriptor.id)) {
                fail(tr("%1: node type '%2' is defined twice").arg(origin, descriptor.id));
            }
            staged.nodeIndex_.insert(descriptor.id, staged.nodes_.size());
            staged.nodes_ << std::move(descriptor);
        }
    } catch (const Json::exception &e) {
        if (error) {
            *error = tr("%1: %2").arg(origin, QString::fromUtf8(e.what()));
        }
        return false;
    } catch (const std::runtime_error &e) {
        if (error) {
            *error = QString::fromStdString(e.what());
        }
        return false;
    }
    *this = std::move(staged);
    return true;
}

const NodeDescriptor *Catalogue::node(const QString &typeId) const
{
    const auto it = nodeIndex_.constFind(typeId);
    return it == nodeIndex_.cend() ? nullptr : &nodes_.at(*it);
}

const DataTypeDescriptor *Catalogue::dataType(const QString &id) const
{
    for (const auto &type : dataTypes_) {
        if (type.id == id) {
            return &type;
        }
    }
    return nullptr;
}

TypeCompatibility Catalogue::compatibility(const QString &fromType, const QString &toType) const
{
    static const QString any = QStringLiteral("any");
    if (fromType == toType || fromType == any || toType == any) {
        return {};
    }
    for (const auto &conversion : conversions_) {
        if (conversion.from == fromType && conversion.to == toType) {
            return conversion.result;
        }
    }
    return TypeCompatibility {false, {}, {}};
}

QStringList Catalogue::consistencyProblems() const
{
    QStringList problems;
    const auto knownType = [this](const QString &id) { return dataType(id) != nullptr; };
    for (const auto &node : nodes_) {
        const QString where = node.id;
        if (node.displayName.isEmpty()) {
            problems << tr("%1: no display name").arg(where);
        }
        QSet<QString> portNames;
        for (const auto &port : node.ports) {
            if (portNames.contains(port.name)) {
                problems << tr("%1: port '%2' is defined twice").arg(where, port.name);
            }
            portNames.insert(port.name);
            if (!knownType(port.dataType)) {
                problems
                    << tr("%1: port '%2' has unknown data type '%3'").arg(where, port.name, port.dataType);
            }
            if (!port.dataTypeProperty.isEmpty()) {
                const auto *p = node.property(port.dataTypeProperty);
                if (!p || p->type != PropertyType::Enum) {
                    problems << tr("%1: port '%2' takes its type from '%3', which is no enum property")
                                    .arg(where, port.name, port.dataTypeProperty);
                } else {
                    for (const QString &value : p->values) {
                        if (!knownType(value)) {
                            problems << tr("%1: '%2' value '%3' is no data type").arg(where, p->key, value);
                        }
                    }
                }
            }
            if (!port.sameTypeAs.isEmpty()) {
                const bool found
                    = std::any_of(node.ports.cbegin(), node.ports.cend(), [&](const PortDescriptor &in) {
                          return in.name == port.sameTypeAs && in.direction == PortDirection::Input;
                      });
                if (port.direction != PortDirection::Output || !found) {
                    problems << tr("%1: port '%2' copies the type of '%3', which is no input port")
                                    .arg(where, port.name, port.sameTypeAs);
                }
            }
            if (!port.repeatFor.isEmpty()) {
                const auto *p = node.property(port.repeatFor);
                if (!p || p->type != PropertyType::List) {
                    problems << tr("%1: port '%2' repeats for '%3', which is no list property")
                                    .arg(where, port.name, port.repeatFor);
                }
            }
        }
        const bool hasInput = std::any_of(node.ports.cbegin(), node.ports.cend(),
            [](const PortDescriptor &p) { return p.direction == PortDirection::Input; });
        const bool hasOutput = std::any_of(node.ports.cbegin(), node.ports.cend(),
            [](const PortDescriptor &p) { return p.direction == PortDirection::Output; });
        if (hasInput != (node.category != NodeCategory::Source)
            || hasOutput != (node.category != NodeCategory::Sink)) {
            problems
                << tr("%1: its ports do not fit its category %2").arg(where, categoryName(node.category));
        }
        QSet<QString> keys;
        for (const auto &p : node.properties) {
            if (keys.contains(p.key)) {
                problems << tr("%1: property '%2' is defined twice").arg(where, p.key);
            }
            keys.insert(p.key);
            if (p.type == PropertyType::Enum && p.values.isEmpty()) {
                problems << tr("%1: enum property '%2' has no values").arg(where, p.key);
            }
            if (p.defaultValue.isValid() && !propertyValueFits(p, p.defaultValue)) {
                problems << tr("%1: default of '%2' does not fit its type").arg(where, p.key);
            }
            for (auto it = p.exportKeys.cbegin(); it != p.exportKeys.cend(); ++it) {
                if (!node.canExportTo(it.key())) {
                    problems << tr("%1: '%2' maps to target %3, which cannot express the node")
                                    .arg(where, p.key, it.key());
                }
            }
        }
        if (node.exports.isEmpty()) {
            problems << tr("%1: no export target can express it").arg(where);
        }
        for (const auto &hint : node.exports) {
            if (hint.target != QLatin1String(ExportTargetKafkaConnect)
                && hint.target != QLatin1String(ExportTargetRedpandaConnect)) {
                problems << tr("%1: unknown export target '%2'").arg(where, hint.target);
            }
            if (hint.kind.isEmpty() || hint.component.isEmpty()) {
                problems << tr("%1: export hint for %2 lacks kind or component").arg(where, hint.target);
            }
        }
    }
    for (const auto &conversion : conversions_) {
        if (!knownType(conversion.from) || !knownType(conversion.to)) {
            problems
                << tr("conversion %1 → %2 names an unknown data type").arg(conversion.from, conversion.to);
        }
        if (!conversion.result.fixNodeType.isEmpty() && !node(conversion.result.fixNodeType)) {
            problems << tr("conversion %1 → %2 suggests unknown node type '%3'")
                            .arg(conversion.from, conversion.to, conversion.result.fixNodeType);
        }
    }
    return problems;
}

bool propertyValueFits(const PropertyDescriptor &property, const QVariant &value)
{
    switch (property.type) {
    case PropertyType::Int:
        return value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int
            || value.typeId() == QMetaType::UInt || value.typeId() == QMetaType::ULongLong;
    case PropertyType::Bool:
        return value.typeId() == QMetaType::Bool;
    case PropertyType::Enum:
        return value.typeId() == QMetaType::QString && property.values.contains(value.toString());
    case PropertyType::List:
        if (value.typeId() == QMetaType::QVariantList) {
            const QVariantList items = value.toList();
            return std::all_of(items.cbegin(), items.cend(),
                [](const QVariant &item) { return item.typeId() == QMetaType::QString; });
        }
        return value.typeId() == QMetaType::QStringList;
    case PropertyType::String:
    case PropertyType::Secret:
        return value.typeId() == QMetaType::QString;
    }
    return false;
}

bool isEmptyPropertyValue(const QVariant &value)
{
    const auto blank = [](const QVariant &item) {
        return item.typeId() == QMetaType::QString && item.toString().trimmed().isEmpty();
    };
    if (!value.isValid() || value.isNull()) {
        return true;
    }
    switch (value.typeId()) {
    case QMetaType::QString:
        return blank(value);
    case QMetaType::QStringList:
    case QMetaType::QVariantList: {
        const QVariantList items = value.toList();
        return std::all_of(items.cbegin(), items.cend(), blank);
    }
    default:
        return false;
    }
}

QString categoryName(NodeCategory category)
{
    switch (category) {
    case NodeCategory::Source:
        return QStringLiteral("source");
    case NodeCategory::Processor:
        return QStringLiteral("processor");
    case NodeCategory::Sink:
        return QStringLiteral("sink");
    }
    return {};
}

QString propertyTypeName(PropertyType type)
{
    switch (type) {
    case PropertyType::String:
        return QStringLiteral("string");
    case PropertyType::Int:
        return QStringLiteral("int");
    case PropertyType::Bool:
        return QStringLiteral("bool");
    case PropertyType::Enum:
        return QStringLiteral("enum");
    case PropertyType::Secret:
        return QStringLiteral("secret");
    case PropertyType::List:
        return QStringLiteral("list");
    }
    return {};
}

} // namespace edis::pipeline
