#pragma once
// Internal to edis_export: YAML text from a yaml-cpp node tree, with multi-line strings (Bloblang
// mappings) written as literal blocks so that the exported files stay readable.

#include <yaml-cpp/yaml.h>

#include <QByteArray>

namespace edis::exporting::detail {

/// Redpanda Connect wants every label of a config unique, but a step on several paths appears once
/// per path: its second appearance is written LABEL___2, the third LABEL___3… (slugs never hold
/// "__", so the mark cannot be part of a name), and import reads them back as one step.
inline constexpr char repeatedLabelMark[] = "___";

QByteArray toYamlText(const YAML::Node &root);

} // namespace edis::exporting::detail
