#include "schema/schematypes.h"

namespace edis::schema {

QString schemaTypeName(SchemaType type)
{
    switch (type) {
    case SchemaType::Avro:
        return QStringLiteral("AVRO");
    case SchemaType::Protobuf:
        return QStringLiteral("PROTOBUF");
    case SchemaType::Json:
        return QStringLiteral("JSON");
    }
    return {};
}

bool parseSchemaType(const QString &name, SchemaType *type)
{
    const auto n = name.trimmed().toUpper();
    if (n.isEmpty() || n == QLatin1String("AVRO")) {
        *type = SchemaType::Avro;
    } else if (n == QLatin1String("PROTOBUF")) {
        *type = SchemaType::Protobuf;
    } else if (n == QLatin1String("JSON")) {
        *type = SchemaType::Json;
    } else {
        return false;
    }
    return true;
}

} // namespace edis::schema
