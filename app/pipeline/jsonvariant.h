#pragma once
// Internal to edis_pipeline: conversions between nlohmann JSON and Qt values. Not a public
// header (it pulls in nlohmann/json.hpp).

#include <nlohmann/json.hpp>

#include <QString>
#include <QVariant>

namespace edis::pipeline::detail {

/// For writing: insertion-ordered objects, so that files keep the key order we write.
using Json = nlohmann::ordered_json;
/// For reading: sorted objects, whose key lookup stays logarithmic for big "layout" sections
/// (the insertion-ordered map searches linearly on every insert while parsing).
using ReadJson = nlohmann::json;

QString toQString(const ReadJson &value);
std::string toStd(const QString &text);

/// Integers → qint64, floats → double, arrays of strings → QStringList, other arrays →
/// QVariantList, objects → QVariantMap (sorted keys), null → invalid QVariant.
QVariant toVariant(const ReadJson &value);
/// The inverse of toVariant(); maps are written with sorted keys.
Json fromVariant(const QVariant &value);

/// Appends a key known to be new, without the linear duplicate search of operator[].
void appendUnique(Json &object, std::string key, Json value);

/// A coordinate: an integer when it has no fraction, so that files stay readable.
Json fromCoordinate(double value);

/// 1-based line and column of the token that ends at nlohmann's error offset `byteOffset`.
void lineAndColumn(const QByteArray &text, std::size_t byteOffset, int *line, int *column);

/// Pretty-printed: 2-space indentation, UTF-8, trailing newline.
QByteArray dumpPretty(const Json &json);

} // namespace edis::pipeline::detail
