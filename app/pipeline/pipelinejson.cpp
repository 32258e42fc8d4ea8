#include "pipelinejson.h"

#include "jsonvariant.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace edis::pipeline {

using detail::Json;
using detail::ReadJson;
using detail::toQString;
using detail::toStd;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::pipeline::PipelineFile", text);
}

const char *const kPipelineFormat = "edis-pipeline";
const char *const kFragmentFormat = "edis-pipeline-fragment";

/// Thrown while walking a parsed document; becomes a FileError of kind Content.
struct ContentError {
    QString message;
};

Json portJson(const PortRef &port)
{
    Json json = Json::object();
    json["node"] = port.node;
    json["port"] = toStd(port.port);
    return json;
}

QByteArray serialize(const PipelineDocument &doc, bool fragment)
{
    QList<Node> nodes = doc.nodes;
    std::sort(nodes.begin(), nodes.end(), [](const Node &a, const Node &b) { return a.id < b.id; });
    QList<Edge> edges = doc.edges;
    std::sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) { return a.id < b.id; });

    Json root = Json::object();
    root["format"] = fragment ? kFragmentFormat : kPipelineFormat;
    root["version"] = PipelineFormatVersion;
    if (!fragment) {
        root["name"] = toStd(doc.name);
        root["description"] = toStd(doc.description);
    }
    Json nodesJson = Json::array();
    Json layoutJson = Json::object();
    for (const Node &n : nodes) {
        Json node = Json::object();
        node["id"] = n.id;
        node["type"] = toStd(n.type);
        node["name"] = toStd(n.name);
        node["properties"] = detail::fromVariant(n.properties);
        nodesJson.push_back(std::move(node));
        if (const auto it = doc.layout.constFind(n.id); it != doc.layout.cend()) {
            Json position = Json::object();
            position["x"] = detail::fromCoordinate(it->x());
            position["y"] = detail::fromCoordinate(it->y());
            detail::appendUnique(layoutJson, std::to_string(n.id), std::move(position));
        }
    }
    Json edgesJson = Json::array();
    for (const Edge &e : edges) {
        Json edge = Json::object();
        edge["id"] = e.id;
        edge["from"] = portJson(e.from);
        edge["to"] = portJson(e.to);
        edgesJson.push_back(std::move(edge));
    }
    root["nodes"] = std::move(nodesJson);
    root["edges"] = std::move(edgesJson);
    root["layout"] = std::move(layoutJson);
    return detail::dumpPretty(root);
}

quint64 positiveId(const ReadJson &object, const char *key, const QString &where)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() == 0) {
        throw ContentError {tr("%1: \"%2\" must be a positive integer.").arg(where, QLatin1String(key))};
    }
    return it->get<std::uint64_t>();
}

QString requiredString(const ReadJson &object, const char *key, const QString &where, bool allowEmpty)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()
        || (!allowEmpty && it->get_ref<const std::string &>().empty())) {
        throw ContentError {tr("%1: \"%2\" must be a%3 string.")
                                .arg(where, QLatin1String(key), allowEmpty ? QString() : tr(" non-empty"))};
    }
    return toQString(*it);
}

const ReadJson &requiredObject(const ReadJson &object, const char *key, const QString &where)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_object()) {
        throw ContentError {tr("%1: \"%2\" must be an object.").arg(where, QLatin1String(key))};
    }
    return *it;
}

PortRef parsePortRef(const ReadJson &edge, const char *key, const QString &where)
{
    const ReadJson &port = requiredObject(edge, key, where);
    const QString portWhere = where + QLatin1Char('.') + QLatin1String(key);
    return PortRef {positiveId(port, "node", portWhere), requiredString(port, "port", portWhere, false)};
}

void parseBody(const ReadJson &root, PipelineDocument *doc, bool fragment)
{
    if (!fragment) {
        if (root.contains("name")) {
            doc->name = requiredString(root, "name", tr("The pipeline"), true);
        }
        if (root.contains("description")) {
            doc->description = requiredString(root, "description", tr("The pipeline"), true);
        }
    }
    const auto nodes = root.find("nodes");
    if (nodes == root.end() || !nodes->is_array()) {
        throw ContentError {tr("\"nodes\" must be a list.")};
    }
    QSet<NodeId> nodeIds;
    for (std::size_t i = 0; i < nodes->size(); ++i) {
        const ReadJson &json = nodes->at(i);
        const QString where = QStringLiteral("nodes[%1]").arg(i);
        if (!json.is_object()) {
            throw ContentError {tr("%1 must be an object.").arg(where)};
        }
        Node node;
        node.id = positiveId(json, "id", where);
        if (nodeIds.contains(node.id)) {
            throw ContentError {tr("%1: node id %2 is used twice.").arg(where).arg(node.id)};
        }
        nodeIds.insert(node.id);
        node.type = requiredString(json, "type", where, false);
        node.name = requiredString(json, "name", where, true);
        if (json.contains("properties")) {
            node.properties = detail::toVariant(requiredObject(json, "properties", where)).toMap();
        }
        doc->nodes << node;
    }
    const auto edges = root.find("edges");
    if (edges != root.end() && !edges->is_array()) {
        throw ContentError {tr("\"edges\" must be a list.")};
    }
    QSet<EdgeId> edgeIds;
    for (std::size_t i = 0; edges != root.end() && i < edges->size(); ++i) {
        const ReadJson &json = edges->at(i);
        const QString where = QStringLiteral("edges[%1]").arg(i);
        if (!json.is_object()) {
            throw ContentError {tr("%1 must be an object.").arg(where)};
        }
        Edge edge;
        edge.id = positiveId(json, "id", where);
        if (edgeIds.contains(edge.id)) {
            throw ContentError {tr("%1: edge id %2 is used twice.").arg(where).arg(edge.id)};
        }
        edgeIds.insert(edge.id);
        edge.from = parsePortRef(json, "from", where);
        edge.to = parsePortRef(json, "to", where);
        if (!nodeIds.contains(edge.from.node) || !nodeIds.contains(edge.to.node)) {
            throw ContentError {tr("%1 connects node %2 to node %3, but there is no such node.")
                                    .arg(where)
                                    .arg(edge.from.node)
                                    .arg(edge.to.node)};
        }
        doc->edges << edge;
    }
    if (root.contains("layout")) {
        for (const auto &[key, position] : requiredObject(root, "layout", tr("The pipeline")).items()) {
            const QString where = QStringLiteral("layout[\"%1\"]").arg(QString::fromStdString(key));
            bool ok = false;
            const NodeId id = QString::fromStdString(key).toULongLong(&ok);
            if (!ok || !nodeIds.contains(id)) {
                throw ContentError {tr("%1: there is no node with that id.").arg(where)};
            }
            const auto x = position.find("x");
            const auto y = position.find("y");
            if (!position.is_object() || x == position.end() || y == position.end() || !x->is_number()
                || !y->is_number()) {
                throw ContentError {tr("%1 must be an object with numbers x and y.").arg(where)};
            }
            doc->layout.insert(id, QPointF(x->get<double>(), y->get<double>()));
        }
    }
    std::sort(doc->nodes.begin(), doc->nodes.end(), [](const Node &a, const Node &b) { return a.id < b.id; });
    std::sort(doc->edges.begin(), doc->edges.end(), [](const Edge &a, const Edge &b) { return a.id < b.id; });
}

bool parse(const QByteArray &text, PipelineDocument *out, FileError *error, bool fragment)
{
    const auto failWith
        = [error](FileError::Kind kind, const QString &message, int line = 0, int column = 0) {
              if (error) {
                  *error = FileError {kind, message, line, column};
              }
              return false;
          };
    ReadJson root;
    try {
        root = ReadJson::parse(text.constBegin(), text.constEnd());
    } catch (const ReadJson::parse_error &e) {
        int line = 0;
        int column = 0;
        detail::lineAndColumn(text, e.byte, &line, &column);
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line L, column C: why".
        QString why = QString::fromUtf8(e.what());
        if (const qsizetype colon = why.indexOf(QLatin1String(": ")); colon >= 0) {
            why = why.mid(colon + 2);
        }
        return failWith(FileError::Kind::Syntax,
            tr("The file is not valid JSON (line %1, column %2): %3").arg(line).arg(column).arg(why), line,
            column);
    }
    const char *const expectedFormat = fragment ? kFragmentFormat : kPipelineFormat;
    const auto format = root.is_object() ? root.find("format") : root.end();
    if (!root.is_object() || format == root.end() || !format->is_string()
        || format->get_ref<const std::string &>() != expectedFormat) {
        return failWith(FileError::Kind::Format,
            tr("The file is not an EDIS pipeline: it lacks \"format\": \"%1\".")
                .arg(QLatin1String(expectedFormat)));
    }
    const auto version = root.find("version");
    if (version == root.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1) {
        return failWith(FileError::Kind::Format, tr("The file has no valid format version."));
    }
    if (version->get<std::int64_t>() > PipelineFormatVersion) {
        return failWith(FileError::Kind::NewerVersion,
            tr("The file was written by a newer EDIS Studio (pipeline format version %1); this "
               "version reads up to version %2. Update EDIS Studio to open it.")
                .arg(version->get<std::int64_t>())
                .arg(PipelineFormatVersion));
    }
    PipelineDocument doc;
    try {
        parseBody(root, &doc, fragment);
    } catch (const ContentError &e) {
        return failWith(FileError::Kind::Content, tr("The pipeline file is damaged: %1").arg(e.message));
    } catch (const ReadJson::exception &e) {
        return failWith(FileError::Kind::Content,
            tr("The pipeline file is damaged: %1").arg(QString::fromUtf8(e.what())));
    }
    *out = std::move(doc);
    if (error) {
        *error = {};
    }
    return true;
}

} // namespace

QByteArray serializePipeline(const PipelineDocument &document)
{
    return serialize(document, false);
}

bool parsePipeline(const QByteArray &json, PipelineDocument *document, FileError *error)
{
    return parse(json, document, error, false);
}

QByteArray serializeFragment(const PipelineDocument &fragment)
{
    return serialize(fragment, true);
}

bool parseFragment(const QByteArray &json, PipelineDocument *fragment, FileError *error)
{
    return parse(json, fragment, error, true);
}

} // namespace edis::pipeline
