#include "yamlwriter.h"

#include <map>
#include <string>

namespace edis::exporting::detail {

namespace {

/// Labels seen so far in one config, with how often.
using LabelCounts = std::map<std::string, int>;

void emitNode(YAML::Emitter &out, const YAML::Node &node, LabelCounts &labels)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        out << YAML::BeginMap;
        for (const auto &entry : node) {
            out << YAML::Key << entry.first.Scalar() << YAML::Value;
            if (entry.first.Scalar() == "label" && entry.second.IsScalar()) {
                const int seen = ++labels[entry.second.Scalar()];
                out << (seen == 1 ? entry.second.Scalar()
                                  : entry.second.Scalar() + repeatedLabelMark + std::to_string(seen));
                continue;
            }
            emitNode(out, entry.second, labels);
        }
        out << YAML::EndMap;
        break;
    case YAML::NodeType::Sequence:
        out << YAML::BeginSeq;
        for (const auto &item : node) {
            emitNode(out, item, labels);
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
    LabelCounts labels;
    emitNode(out, root, labels);
    return QByteArray(out.c_str()) + '\n';
}

} // namespace edis::exporting::detail
