#include "exporttypes.h"

#include <nlohmann/json.hpp>

namespace edis::exporting {

QString targetId(Target target)
{
    return target == Target::KafkaConnect ? QStringLiteral("kafka-connect")
                                          : QStringLiteral("redpanda-connect");
}

std::optional<Target> targetFromId(const QString &id)
{
    if (id == QLatin1String("kafka-connect")) {
        return Target::KafkaConnect;
    }
    if (id == QLatin1String("redpanda-connect")) {
        return Target::RedpandaConnect;
    }
    return std::nullopt;
}

QString severityName(ExportProblem::Severity severity)
{
    return severity == ExportProblem::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

bool ExportReport::hasErrors() const
{
    return std::any_of(
        problems.cbegin(), problems.cend(), [](const ExportProblem &p) { return p.isError(); });
}

QList<ExportProblem> ExportReport::forNode(NodeId node) const
{
    QList<ExportProblem> out;
    for (const ExportProblem &p : problems) {
        if (p.node == node) {
            out << p;
        }
    }
    return out;
}

void ExportReport::add(ExportProblem::Severity severity, const QString &code, const QString &message,
    NodeId node, const QString &property)
{
    // A node on several paths is looked at once per path; say each thing once.
    const bool known = std::any_of(problems.cbegin(), problems.cend(), [&](const ExportProblem &p) {
        return p.severity == severity && p.code == code && p.node == node && p.property == property
            && p.message == message;
    });
    if (!known) {
        problems.append(ExportProblem {severity, code, message, node, property});
    }
}

QString ConnectorConfig::value(const QString &key) const
{
    for (const auto &entry : entries) {
        if (entry.first == key) {
            return entry.second;
        }
    }
    return {};
}

bool ConnectorConfig::contains(const QString &key) const
{
    return std::any_of(entries.cbegin(), entries.cend(), [&](const auto &e) { return e.first == key; });
}

void ConnectorConfig::set(const QString &key, const QString &value, ConfigOrigin origin)
{
    bool replaced = false;
    for (auto &entry : entries) {
        if (entry.first == key) {
            entry.second = value;
            replaced = true;
        }
    }
    if (!replaced) {
        entries.append({key, value});
    }
    if (origin.node != pipeline::InvalidNodeId) {
        origins.insert(key, origin);
    }
}

QMap<QString, QString> ConnectorConfig::toMap() const
{
    QMap<QString, QString> out;
    for (const auto &entry : entries) {
        out.insert(entry.first, entry.second);
    }
    return out;
}

QByteArray ConnectorConfig::toRestJson() const
{
    nlohmann::ordered_json config = nlohmann::ordered_json::object();
    for (const auto &entry : entries) {
        config[entry.first.toStdString()] = entry.second.toStdString();
    }
    nlohmann::ordered_json out;
    out["name"] = name.toStdString();
    out["config"] = std::move(config);
    return QByteArray::fromStdString(out.dump(2)) + '\n';
}

namespace {

/// java.util.Properties escaping: backslash, and the separators/comment marks that would
/// otherwise change the meaning of a line.
QString escapeProperties(const QString &text, bool isKey)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '=':
        case ':':
            out += isKey ? QStringLiteral("\\") + c : QString(c);
            break;
        case '#':
        case '!':
            out += (isKey || i == 0) ? QStringLiteral("\\") + c : QString(c);
            break;
        case ' ':
            out += (isKey || i == 0) ? QStringLiteral("\\ ") : QStringLiteral(" ");
            break;
        default:
            // Properties files are read as ISO-8859-1: anything else travels as \uXXXX.
            if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    return out;
}

} // namespace

QByteArray ConnectorConfig::toProperties() const
{
    QString out = QStringLiteral("# Connector %1 (exported by EDIS Studio)\nname=%1\n")
                      .arg(escapeProperties(name, false));
    for (const auto &entry : entries) {
        out += escapeProperties(entry.first, true) + QLatin1Char('=') + escapeProperties(entry.second, false)
            + QLatin1Char('\n');
    }
    return out.toLatin1(); // pure ASCII after escaping
}

} // namespace edis::exporting
