#pragma once
// Internal to edis_export: YAML text from a yaml-cpp node tree, with multi-line strings (Bloblang
// mappings) written as literal blocks so that the exported files stay readable.

#include <yaml-cpp/yaml.h>

#include <QByteArray>

namespace edis::exporting::detail {

QByteArray toYamlText(const YAML::Node &root);

} // namespace edis::exporting::detail
