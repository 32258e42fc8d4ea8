#include "jsonvariant.h"

#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

#include <cctype>
#include <cmath>

namespace edis::pipeline::detail {

QString toQString(const ReadJson &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

std::string toStd(const QString &text)
{
    return text.toStdString();
}

QVariant toVariant(const ReadJson &value)
{
    switch (value.type()) {
    case ReadJson::value_t::boolean:
        return value.get<bool>();
    case ReadJson::value_t::number_integer:
        return QVariant::fromValue<qint64>(value.get<std::int64_t>());
    case ReadJson::value_t::number_unsigned: {
        const auto u = value.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())) {
            return QVariant::fromValue<qint64>(static_cast<qint64>(u));
        }
        return QVariant::fromValue<quint64>(u);
    }
    case ReadJson::value_t::number_float:
        return value.get<double>();
    case ReadJson::value_t::string:
        return toQString(value);
    case ReadJson::value_t::array: {
        bool allStrings = true;
        for (const auto &item : value) {
            allStrings = allStrings && item.is_string();
        }
        if (allStrings) {
            QStringList list;
            for (const auto &item : value) {
                list << toQString(item);
            }
            return list;
        }
        QVariantList list;
        for (const auto &item : value) {
            list << toVariant(item);
        }
        return list;
    }
    case ReadJson::value_t::object: {
        QVariantMap map;
        for (const auto &[key, item] : value.items()) {
            map.insert(QString::fromStdString(key), toVariant(item));
        }
        return map;
    }
    default:
        return {};
    }
}

Json fromVariant(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return nullptr;
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
        return value.toLongLong();
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
        return value.toULongLong();
    case QMetaType::Double:
    case QMetaType::Float:
        return value.toDouble();
    case QMetaType::QStringList: {
        Json array = Json::array();
        for (const QString &item : value.toStringList()) {
            array.push_back(toStd(item));
        }
        return array;
    }
    case QMetaType::QVariantList: {
        Json array = Json::array();
        for (const QVariant &item : value.toList()) {
            array.push_back(fromVariant(item));
        }
        return array;
    }
    case QMetaType::QVariantMap: {
        Json object = Json::object();
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            object[toStd(it.key())] = fromVariant(it.value());
        }
        return object;
    }
    default:
        return toStd(value.toString());
    }
}

void appendUnique(Json &object, std::string key, Json value)
{
    auto &entries = static_cast<Json::object_t::Container &>(object.get_ref<Json::object_t &>());
    entries.emplace_back(std::move(key), std::move(value));
}

Json fromCoordinate(double value)
{
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15) {
        return static_cast<std::int64_t>(value);
    }
    return std::isfinite(value) ? Json(value) : Json(0);
}

void lineAndColumn(const QByteArray &text, std::size_t byteOffset, int *line, int *column)
{
    // nlohmann reports the offset just past the offending token; point at its first byte, which
    // is where a reader looks (the opening quote of a string, the first character of a word).
    qsizetype at = std::min<qsizetype>(text.size(), static_cast<qsizetype>(byteOffset)) - 1;
    if (at > 0 && text.at(at) == '"') {
        qsizetype open = at - 1;
        while (open >= 0 && !(text.at(open) == '"' && (open == 0 || text.at(open - 1) != '\\'))) {
            --open;
        }
        at = open >= 0 ? open : at;
    } else {
        const auto wordChar = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+';
        };
        while (at > 0 && wordChar(text.at(at)) && wordChar(text.at(at - 1))) {
            --at;
        }
    }
    at = std::max<qsizetype>(at, 0);
    int l = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < at; ++i) {
        if (text.at(i) == '\n') {
            ++l;
            lineStart = i + 1;
        }
    }
    *line = l;
    *column = static_cast<int>(at - lineStart) + 1;
}

QByteArray dumpPretty(const Json &json)
{
    std::string text = json.dump(2, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    return QByteArray::fromStdString(text);
}

} // namespace edis::pipeline::detail
