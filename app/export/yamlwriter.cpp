#include "yamlwriter.h"

namespace edis::exporting::detail {

namespace {

void emitNode(YAML::Emitter &out, const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        out << YAML::BeginMap;
        for (const auto &entry : node) {
            out << YAML::Key << entry.first.Scalar() << YAML::Value;
            emitNode(out, entry.second);
        }
        out << YAML::EndMap;
        break;
    case YAML::NodeType::Sequence:
        out << YAML::BeginSeq;
        for (const auto &item : node) {
            emitNode(out, item);
        }
        out << YAML::EndSeq;
        break;
    case YAML::NodeType::Scalar: {
        const std::string &text = node.Scalar();
        if (text.find('\n') != std::string::npos) {
            out << YAML::Literal << text;
        } else if (node.Tag() == "!") {
            // Set by the exporters for strings YAML would otherwise read as numbers or booleans.
            out << YAML::DoubleQuoted << text;
        } else {
            out << text;
        }
        break;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        out << YAML::Null;
        break;
    }
}

} // namespace

QByteArray toYamlText(const YAML::Node &root)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emitNode(out, root);
    return QByteArray(out.c_str()) + '\n';
}

} // namespace edis::exporting::detail
