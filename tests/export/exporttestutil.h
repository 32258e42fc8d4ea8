#pragma once

#include "pipelinemodel.h"

#include <QString>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace exporttest {

using edis::pipeline::NodeId;

/// Builds pipelines in a few lines: add nodes with the properties that matter, link ports.
class Builder {
public:
    explicit Builder(const QString &name = QStringLiteral("Test pipeline"));
    NodeId add(const QString &type, const QString &name, const QVariantMap &properties = {});
    Builder &link(NodeId from, NodeId to, const QString &fromPort = QStringLiteral("out"),
        const QString &toPort = QStringLiteral("in"));
    edis::pipeline::PipelineModel &model() { return *model_; }
    /// Problems of validate() that are errors, one per line (empty when valid).
    QString validationErrors() const;

private:
    std::shared_ptr<edis::pipeline::PipelineModel> model_;
};

/// Typical properties of a node type: everything required, plus the settings a test wants to
/// see travel (secrets as ${env:…} references).
QVariantMap typicalProperties(const QString &type, const QString &variant = {});

/// The compiled-in sample, loaded.
bool loadSample(edis::pipeline::PipelineModel *model);

/// A named pipeline factory for data-driven tests.
using PipelineFactory = std::function<void(Builder &)>;

} // namespace exporttest

Q_DECLARE_METATYPE(exporttest::PipelineFactory)
