#include "liveoverlay.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace edis::exporting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting::LiveOverlay", text);
}

int severity(NodeRuntime::Level level)
{
    switch (level) {
    case NodeRuntime::Level::Good:
        return 0;
    case NodeRuntime::Level::Busy:
        return 1;
    case NodeRuntime::Level::Unknown:
        return 2;
    case NodeRuntime::Level::Warning:
        return 3;
    case NodeRuntime::Level::Bad:
        return 4;
    }
    return 2;
}

} // namespace

QString compactNumber(double value)
{
    if (std::isnan(value)) {
        return QStringLiteral("?");
    }
    const double magnitude = std::abs(value);
    const auto scaled = [value](double unit, const char *suffix) {
        const double v = value / unit;
        return QString::number(v, 'f', std::abs(v) < 10 ? 1 : 0) + QLatin1String(suffix);
    };
    if (magnitude >= 999.5e6) {
        return scaled(1e9, "G");
    }
    if (magnitude >= 999.5e3) {
        return scaled(1e6, "M");
    }
    if (magnitude >= 999.5) {
        return scaled(1e3, "k");
    }
    if (magnitude > 0 && magnitude < 9.95 && value != std::round(value)) {
        return QString::number(value, 'f', 1);
    }
    return QString::number(std::round(value), 'f', 0);
}

QHash<pipeline::EdgeId, EdgeFlow> edgeFlows(
    const QHash<pipeline::EdgeId, EdgeTopics> &mapping, const LiveFlow &flow)
{
    QHash<pipeline::EdgeId, EdgeFlow> out;
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        EdgeFlow edge;
        edge.topics = it.value();
        double sum = 0;
        bool anyRate = false;
        QHash<QString, qint64> groupLag;
        for (const QString &topic : it.value().topics) {
            if (topic.isEmpty()) {
                continue;
            }
            const auto rate = flow.topicRates.constFind(topic);
            if (rate == flow.topicRates.cend()) {
                edge.missingTopics << topic;
                continue;
            }
            if (!std::isnan(*rate)) {
                sum += *rate;
                anyRate = true;
            }
            const auto lags = flow.topicLag.value(topic);
            for (auto lag = lags.cbegin(); lag != lags.cend(); ++lag) {
                if (lag.value() >= 0) {
                    groupLag[lag.key()] += lag.value();
                }
            }
        }
        if (anyRate) {
            edge.messagesPerSecond = sum;
        }
        QStringList groups = groupLag.keys();
        groups.sort();
        for (const QString &group : std::as_const(groups)) {
            if (groupLag.value(group) > edge.lag) {
                edge.lag = groupLag.value(group);
                edge.laggingGroup = group;
            }
        }

        const bool allMissing
            = !it.value().topics.isEmpty() && edge.missingTopics.size() == it.value().topics.size();
        if (allMissing) {
            // Only an edge that is the topic (out of a topic or CDC source, into a topic sink) is
            // worth a mark: there the topic has to be created. An edge inside an engine merely
            // inherits it and keeps the fact in its tooltip.
            edge.label = it.value().exact ? tr("no topic") : QString();
        } else if (!anyRate) {
            edge.label = tr("… msg/s");
        } else {
            edge.label = tr("%1 msg/s").arg(compactNumber(sum));
            if (!it.value().exact) {
                edge.label.prepend(QStringLiteral("≤ "));
            }
        }
        if (edge.lag >= 0 && !allMissing) {
            edge.label += tr(" · lag %1").arg(compactNumber(double(edge.lag)));
        }

        QStringList tip;
        tip << (it.value().topics.size() == 1
                ? tr("Topic %1").arg(it.value().topics.first())
                : tr("Topics %1").arg(it.value().topics.join(QStringLiteral(", "))));
        if (!it.value().exact) {
            tip << tr("The rate is the topic's: an upper bound for this edge, which runs after it inside an "
                      "engine (filters may drop records).");
        }
        for (const QString &group : std::as_const(groups)) {
            tip << tr("Consumer group %1: lag %2").arg(group).arg(groupLag.value(group));
        }
        if (!edge.missingTopics.isEmpty()) {
            tip << tr("Not on the cluster (yet): %1").arg(edge.missingTopics.join(QStringLiteral(", ")));
        }
        edge.toolTip = tip.join(QLatin1Char('\n'));
        out.insert(it.key(), edge);
    }
    return out;
}

NodeRuntime connectorRuntime(const ConnectorStatus &status)
{
    NodeRuntime r;
    r.connectors << status.name;
    if (status.state.isEmpty()) {
        r.level = NodeRuntime::Level::Unknown;
        r.text = tr("not deployed");
        r.detail = status.trace;
        return r;
    }
    int running = 0;
    QStringList failed;
    QStringList traces;
    if (!status.trace.isEmpty()) {
        traces << tr("Connector %1:\n%2").arg(status.name, status.trace);
    }
    for (const TaskStatus &task : status.tasks) {
        if (task.state == QLatin1String("RUNNING")) {
            ++running;
        } else if (task.state == QLatin1String("FAILED")) {
            failed << QString::number(task.id);
            if (!task.trace.isEmpty()) {
                traces << tr("Task %1 of %2:\n%3").arg(task.id).arg(status.name, task.trace);
            }
        }
    }
    r.detail = traces.join(QStringLiteral("\n\n"));
    const auto tasks = status.tasks.size();
    if (status.state == QLatin1String("FAILED") || !failed.isEmpty()) {
        r.level = NodeRuntime::Level::Bad;
        r.text
            = failed.isEmpty() ? tr("FAILED") : tr("FAILED · task %1").arg(failed.join(QStringLiteral(", ")));
    } else if (status.state == QLatin1String("PAUSED") || status.state == QLatin1String("STOPPED")) {
        r.level = NodeRuntime::Level::Warning;
        r.text = status.state;
    } else if (status.state == QLatin1String("RUNNING") && tasks > 0 && running == tasks) {
        r.level = NodeRuntime::Level::Good;
        r.text = tr("RUNNING · %1/%2 tasks").arg(running).arg(tasks);
    } else {
        // RUNNING without all tasks yet, UNASSIGNED, RESTARTING.
        r.level = NodeRuntime::Level::Busy;
        r.text = tasks > 0 ? tr("%1 · %2/%3 tasks").arg(status.state).arg(running).arg(tasks) : status.state;
    }
    return r;
}

QHash<pipeline::NodeId, NodeRuntime> nodeRuntimes(
    const QList<ConnectorConfig> &connectors, const QList<ConnectorStatus> &statuses)
{
    QHash<QString, ConnectorStatus> byName;
    for (const ConnectorStatus &status : statuses) {
        byName.insert(status.name, status);
    }
    QHash<pipeline::NodeId, NodeRuntime> out;
    for (const ConnectorConfig &connector : connectors) {
        ConnectorStatus status = byName.value(connector.name);
        status.name = connector.name;
        NodeRuntime runtime = connectorRuntime(status);
        for (const pipeline::NodeId node : connector.nodes) {
            auto existing = out.find(node);
            if (existing == out.end()) {
                out.insert(node, runtime);
                continue;
            }
            // Shared by several connectors: the worst state, naming the connector when it differs.
            existing->connectors << connector.name;
            if (!runtime.detail.isEmpty()) {
                existing->detail
                    += (existing->detail.isEmpty() ? QString() : QStringLiteral("\n\n")) + runtime.detail;
            }
            if (severity(runtime.level) > severity(existing->level)) {
                existing->level = runtime.level;
                existing->text = QStringLiteral("%1 (%2)").arg(runtime.text, connector.name);
            }
        }
    }
    return out;
}

} // namespace edis::exporting
