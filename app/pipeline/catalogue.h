#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace edis::pipeline {

enum class NodeCategory { Source, Processor, Sink };
enum class PortDirection { Input, Output };
enum class PropertyType { String, Int, Bool, Enum, Secret, List };

/// Export target ids used in NodeDescriptor::exports and PropertyDescriptor::exportKeys.
inline constexpr char ExportTargetKafkaConnect[] = "kafka-connect";
inline constexpr char ExportTargetRedpandaConnect[] = "redpanda-connect";

/// A port of a node type. The type of data on an output port may depend on the node
/// (`dataTypeProperty`) or on what flows into it (`sameTypeAs`).
struct PortDescriptor {
    QString name;
    PortDirection direction = PortDirection::Input;
    QString dataType; ///< a DataTypeDescriptor id; "any" accepts / may carry anything
    QString label; ///< for the canvas
    QString dataTypeProperty; ///< when set: the node's value of this enum property is the data type
    QString sameTypeAs; ///< output only: carries whatever arrives on this input port
    QString repeatFor; ///< when set: one port per entry of this list property (see portsFor)
    bool multiple = false; ///< may carry more than one edge (merge input, fan-out output)
    bool required = true; ///< an unconnected required port is a validation error
};

/// A setting of a node type. Values in Node::properties: String/Secret/Enum → QString,
/// Int → qint64, Bool → bool, List → QStringList.
struct PropertyDescriptor {
    QString key;
    QString label;
    PropertyType type = PropertyType::String;
    bool required = false;
    QVariant defaultValue; ///< invalid when there is none
    QStringList values; ///< Enum: the allowed values
    QString help;
    QString role; ///< "topic" (a Kafka topic name) or "partitions" (its expected partition count)
    QMap<QString, QString> exportKeys; ///< export target → the config key it becomes there
};

/// How an export target expresses a node type. `kind` is, for kafka-connect: source-connector,
/// sink-connector, transform (an SMT) or topic (expressed by the topics between connectors);
/// for redpanda-connect: input, processor or output.
struct ExportHint {
    QString target;
    QString kind;
    QString component; ///< connector or transform class, or Redpanda Connect component name
    QString note;
};

/// One kind of step, as data (resources/catalogue/*.json).
struct NodeDescriptor {
    QString id;
    NodeCategory category = NodeCategory::Processor;
    QString displayName;
    QString description;
    QList<PortDescriptor> ports; ///< templates; see portsFor()
    QList<PropertyDescriptor> properties;
    QList<ExportHint> exports; ///< the targets that can express this step

    const PropertyDescriptor *property(const QString &key) const;
    const ExportHint *exportHint(const QString &target) const;
    bool canExportTo(const QString &target) const { return exportHint(target) != nullptr; }
    /// The properties a new node starts with: every default.
    QVariantMap defaultProperties() const;
    /// The concrete ports of a node with these properties: a `repeatFor` template becomes one
    /// port per list entry, named by repeatedPortName().
    QList<PortDescriptor> portsFor(const QVariantMap &values) const;
    /// The concrete port called `name`, or false.
    bool findPort(const QVariantMap &values, const QString &name, PortDescriptor *port) const;
};

/// "customers: this.table == 1" → "customers": a repeated port is named by the text before
/// the first colon of its list entry.
QString repeatedPortName(const QString &listEntry);

struct DataTypeDescriptor {
    QString id;
    QString displayName;
    QString description;
};

/// Whether data of one type may flow into a port expecting another, and if not, how to fix it.
struct TypeCompatibility {
    bool compatible = true;
    QString fix; ///< a sentence telling the user what to do
    QString fixNodeType; ///< a node type whose insertion fixes it, when there is one
};

/// The node types and data types the designer offers. Loaded from JSON; builtin() is the one
/// compiled into the library.
class Catalogue {
public:
    /// The catalogue of resources/catalogue/*.json (compiled in). Loaded once; thread-safe.
    static const Catalogue &builtin();

    /// Adds the descriptors of one catalogue file. On error nothing is added and `*error` says
    /// what is wrong where (`origin` names the file in the message).
    bool addJson(const QByteArray &json, const QString &origin, QString *error);

    const QList<NodeDescriptor> &nodes() const { return nodes_; }
    const NodeDescriptor *node(const QString &typeId) const;
    const QList<DataTypeDescriptor> &dataTypes() const { return dataTypes_; }
    const DataTypeDescriptor *dataType(const QString &id) const;
    TypeCompatibility compatibility(const QString &fromType, const QString &toType) const;

    /// Problems that make descriptors unusable (unknown data types, ports that refer to missing
    /// properties…); empty when every descriptor is well-formed.
    QStringList consistencyProblems() const;

private:
    struct Conversion {
        QString from;
        QString to;
        TypeCompatibility result;
    };
    QList<NodeDescriptor> nodes_;
    QHash<QString, qsizetype> nodeIndex_;
    QList<DataTypeDescriptor> dataTypes_;
    QList<Conversion> conversions_;
};

/// Whether `value` has the Qt type a property of this type holds (an enum: one of its values).
bool propertyValueFits(const PropertyDescriptor &property, const QVariant &value);

/// What counts as "no value" for a property: unset, null, a string of white space only, a list
/// with no entry that is not white space. Numbers and booleans always count as values (0 and
/// false are settings, not gaps). Validation's required check and the property editor (what it
/// clears, what it treats as unchanged) both ask this, so a field the editor shows as empty is
/// the field validation says needs a value.
bool isEmptyPropertyValue(const QVariant &value);

QString categoryName(NodeCategory category);
QString propertyTypeName(PropertyType type);

} // namespace edis::pipeline
