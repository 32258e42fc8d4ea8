#pragma once

#include "catalogue.h"
#include "exporttypes.h"
#include "graphtypes.h"

namespace edis::exporting {

/// What "import(export(p)) is equivalent to p" means, precisely:
/// - the same multiset of nodes, each compared as (type, properties): properties with their
///   catalogue defaults filled in, values compared as config strings (lists comma-joined),
///   leaving out only the properties the target cannot express (unexpressedProperties);
/// - the same multiset of edges, each compared as (from node, from port, to node, to port) with
///   nodes identified by their (type, properties) as above;
/// - node names, ids and the layout are not compared: engine configs name things by slugs
///   (connector names, SMT aliases and Redpanda Connect labels allow [a-z0-9_] only), and
///   carry no canvas positions.
/// Returns an empty string when equivalent, else what differs.
QString equivalenceDifference(const pipeline::PipelineDocument &a, const pipeline::PipelineDocument &b,
    Target target, const pipeline::Catalogue &catalogue = pipeline::Catalogue::builtin());

/// Properties of a node type that a target has no place for and that therefore cannot survive
/// an export and import (e.g. a Kafka topic source's consumer group in Kafka Connect, where the
/// group is connect-NAME).
QStringList unexpressedProperties(const QString &nodeType, Target target);

} // namespace edis::exporting
