// edis groups: the seed's kafka-consumer-groups, over edis_core.

#include "clicommon.h"
#include "kafka/groupadmin.h"
#include "kafka/kafkaclient.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDateTime>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis groups", text);
}

QString offsetText(int64_t offset)
{
    return offset >= 0 ? QString::number(offset) : QStringLiteral("-");
}

/// Columns padded to their widest cell, like the Java tool prints them.
void printTable(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const auto &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c) {
                widths.push_back(0);
            }
            widths[c] = std::max(widths[c], row.at(c).size());
        }
    }
    for (const auto &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            line += c + 1 < row.size() ? row.at(c).leftJustified(widths.at(c) + 2) : row.at(c);
        }
        printOut(line);
    }
}

nlohmann::json memberJson(const kafka::GroupMember &m)
{
    nlohmann::json assignment = nlohmann::json::array();
    for (const auto &a : m.assignment) {
        assignment.push_back({{"topic", a.topic.toStdString()}, {"partition", a.partition}});
    }
    return {{"member_id", m.memberId.toStdString()}, {"group_instance_id", m.groupInstanceId.toStdString()},
        {"client_id", m.clientId.toStdString()}, {"host", m.host.toStdString()}, {"assignment", assignment}};
}

int describe(kafka::KafkaClient &client, const QString &group, std::chrono::milliseconds timeout, bool json)
{
    auto result = kafka::fetchGroupDetails(client, group, timeout);
    if (!result.ok()) {
        printError(result.error.message);
        return exitCodeFor(result.error);
    }
    const kafka::GroupDetails &d = result.value;
    // Who consumes which partition, for the CONSUMER-ID column.
    auto ownerOf = [&d](const kafka::PartitionLag &p) -> const kafka::GroupMember * {
        for (const auto &m : d.description.members) {
            if (m.assignment.contains(kafka::TopicPartitionRef {p.topic, p.partition})) {
                return &m;
            }
        }
        return nullptr;
    };
    if (json) {
        nlohmann::json members = nlohmann::json::array();
        for (const auto &m : d.description.members) {
            members.push_back(memberJson(m));
        }
        nlohmann::json offsets = nlohmann::json::array();
        for (const auto &p : d.offsets) {
            const auto *owner = ownerOf(p);
            offsets.push_back({{"topic", p.topic.toStdString()}, {"partition", p.partition},
                {"committed", p.committed}, {"log_start", p.logStart}, {"log_end", p.logEnd},
                {"lag", p.lag()}, {"member_id", owner ? owner->memberId.toStdString() : std::string()}});
        }
        const nlohmann::json out {{"group", d.description.groupId.toStdString()},
            {"state", d.description.state.toStdString()}, {"simple", d.description.isSimple},
            {"assignor", d.description.partitionAssignor.toStdString()},
            {"coordinator",
                {{"id", d.description.coordinatorId}, {"host", d.description.coordinatorHost.toStdString()},
                    {"port", d.description.coordinatorPort}}},
            {"members", members}, {"offsets", offsets}, {"total_lag", d.totalLag()}};
        printOut(QString::fromStdString(out.dump()));
        return ExitOk;
    }
    printOut(tr("Consumer group '%1': state %2, %3 member(s), coordinator %4 (%5:%6), assignor %7")
                 .arg(d.description.groupId, d.description.state)
                 .arg(d.description.members.size())
                 .arg(d.description.coordinatorId)
                 .arg(d.description.coordinatorHost)
                 .arg(d.description.coordinatorPort)
                 .arg(d.description.partitionAssignor.isEmpty() ? QStringLiteral("-")
                                                                : d.description.partitionAssignor));
    printOut(QString());
    QList<QStringList> rows {{QStringLiteral("GROUP"), QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
        QStringLiteral("CURRENT-OFFSET"), QStringLiteral("LOG-END-OFFSET"), QStringLiteral("LAG"),
        QStringLiteral("CONSUMER-ID"), QStringLiteral("HOST"), QStringLiteral("CLIENT-ID")}};
    for (const auto &p : d.offsets) {
        const auto *owner = ownerOf(p);
        rows.push_back({d.description.groupId, p.topic, QString::number(p.partition), offsetText(p.committed),
            offsetText(p.logEnd), offsetText(p.lag()), owner ? owner->memberId : QStringLiteral("-"),
            owner ? owner->host : QStringLiteral("-"), owner ? owner->clientId : QStringLiteral("-")});
    }
    printTable(rows);
    printOut(QString());
    printOut(tr("Total lag: %1").arg(d.totalLag()));
    return ExitOk;
}

/// Reads the one --to-* option into `spec`; false (with a message) when there is not exactly one.
bool resetTargetFromOptions(const QCommandLineParser &parser, kafka::OffsetResetSpec *spec)
{
    using Target = kafka::OffsetResetSpec::Target;
    const int targets = int(parser.isSet(QStringLiteral("to-earliest")))
        + int(parser.isSet(QStringLiteral("to-latest"))) + int(parser.isSet(QStringLiteral("to-datetime")))
        + int(parser.isSet(QStringLiteral("to-offset")));
    if (targets != 1) {
        printError(tr(
            "--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset."));
        return false;
    }
    if (parser.isSet(QStringLiteral("to-earliest"))) {
        spec->target = Target::Earliest;
    } else if (parser.isSet(QStringLiteral("to-latest"))) {
        spec->target = Target::Latest;
    } else if (parser.isSet(QStringLiteral("to-offset"))) {
        bool ok = false;
        spec->target = Target::Offset;
        spec->value = parser.value(QStringLiteral("to-offset")).toLongLong(&ok);
        if (!ok || spec->value < 0) {
            printError(tr("--to-offset expects a non-negative offset."));
            return false;
        }
    } else {
        // ISO 8601; without a zone it is local time, like kafka-consumer-groups.
        const QDateTime when
            = QDateTime::fromString(parser.value(QStringLiteral("to-datetime")), Qt::ISODateWithMs);
        if (!when.isValid()) {
            printError(tr("--to-datetime expects an ISO 8601 date and time, e.g. 2024-05-01T12:00:00Z or "
                          "2024-05-01T12:00:00.000+02:00."));
            return false;
        }
        spec->target = Target::Timestamp;
        spec->value = when.toMSecsSinceEpoch();
    }
    return true;
}

int resetOffsets(kafka::KafkaClient &client, const QCommandLineParser &parser, const QString &group,
    std::chrono::milliseconds timeout, bool json)
{
    kafka::OffsetResetSpec spec;
    if (!resetTargetFromOptions(parser, &spec)) {
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("dry-run")) && parser.isSet(QStringLiteral("execute"))) {
        printError(tr("Give only one of --dry-run, --execute."));
        return ExitUsage;
    }
    spec.topics = parser.values(QStringLiteral("topic"));
    if (spec.topics.isEmpty() && !parser.isSet(QStringLiteral("all-topics"))) {
        printError(tr("--reset-offsets needs --topic (repeatable) or --all-topics."));
        return ExitUsage;
    }
    const bool execute = parser.isSet(QStringLiteral("execute"));
    if (!execute && !parser.isSet(QStringLiteral("dry-run"))) {
        printError(tr("No offsets are changed without --execute; showing the preview."));
    }
    auto plan = kafka::planOffsetReset(client, group, spec, timeout);
    if (!plan.ok()) {
        printError(plan.error.message);
        return exitCodeFor(plan.error);
    }
    if (execute) {
        if (const auto err = kafka::applyOffsetReset(client, group, plan.value, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
    }
    if (json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto &r : std::as_const(plan.value)) {
            rows.push_back({{"topic", r.topic.toStdString()}, {"partition", r.partition},
                {"current", r.current}, {"new", r.target}});
        }
        printOut(QString::fromStdString(nlohmann::json {{"group", group.toStdString()}, {"executed", execute},
            {"partitions", rows}}.dump()));
        return ExitOk;
    }
    QList<QStringList> rows {{QStringLiteral("GROUP"), QStringLiteral("TOPIC"), QStringLiteral("PARTITION"),
        QStringLiteral("CURRENT-OFFSET"), QStringLiteral("NEW-OFFSET")}};
    for (const auto &r : std::as_const(plan.value)) {
        rows.push_back(
            {group, r.topic, QString::number(r.partition), offsetText(r.current), QString::number(r.target)});
    }
    printTable(rows);
    if (execute) {
        printOut(tr("Offsets of group '%1' reset.").arg(group));
    }
    return ExitOk;
}

} // namespace

int runGroups(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists, describes, resets and deletes consumer groups."));
    addConnectionOptions(parser);
    parser.addOptions({
        {QStringLiteral("list"), tr("List consumer groups.")},
        {QStringLiteral("describe"), tr("Show a group's members, committed offsets and lag.")},
        {QStringLiteral("reset-offsets"), tr("Move a group's committed offsets (preview unless --execute).")},
        {QStringLiteral("delete"), tr("Delete a group and its committed offsets.")},
        {QStringLiteral("group"), tr("The consumer group."), QStringLiteral("id")},
        {QStringLiteral("topic"), tr("With --reset-offsets: a topic to reset. Repeatable."),
            QStringLiteral("name")},
        {QStringLiteral("all-topics"), tr("With --reset-offsets: every topic the group has offsets for.")},
        {QStringLiteral("to-earliest"), tr("Reset to the first offset still in the log.")},
        {QStringLiteral("to-latest"), tr("Reset to the end of the log.")},
        {QStringLiteral("to-datetime"), tr("Reset to the first message at or after this time (ISO 8601)."),
            QStringLiteral("datetime")},
        {QStringLiteral("to-offset"), tr("Reset to this offset (clamped to the log)."),
            QStringLiteral("offset")},
        {QStringLiteral("dry-run"), tr("Only show the new offsets (the default).")},
        {QStringLiteral("execute"), tr("Apply the reset.")},
        {QStringLiteral("json"), tr("Machine-readable output.")},
    });
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    const int actions = int(parser.isSet(QStringLiteral("list")))
        + int(parser.isSet(QStringLiteral("describe"))) + int(parser.isSet(QStringLiteral("reset-offsets")))
        + int(parser.isSet(QStringLiteral("delete")));
    if (actions != 1) {
        printError(tr("Give exactly one of --list, --describe, --reset-offsets, --delete."));
        return ExitUsage;
    }
    const QString group = parser.value(QStringLiteral("group"));
    if (!parser.isSet(QStringLiteral("list")) && group.isEmpty()) {
        printError(tr("--describe, --reset-offsets and --delete need --group."));
        return ExitUsage;
    }
    const auto timeout = timeoutFromOptions(parser);
    const bool json = parser.isSet(QStringLiteral("json"));
    auto client = clientFromOptions(parser, &exitCode);
    if (!client) {
        return exitCode;
    }
    if (parser.isSet(QStringLiteral("describe"))) {
        return describe(*client, group, timeout, json);
    }
    if (parser.isSet(QStringLiteral("reset-offsets"))) {
        return resetOffsets(*client, parser, group, timeout, json);
    }
    if (parser.isSet(QStringLiteral("delete"))) {
        if (const auto err = kafka::deleteGroup(*client, group, timeout)) {
            printError(err.message);
            return exitCodeFor(err);
        }
        printOut(json ? QString::fromStdString(nlohmann::json {{"deleted", group.toStdString()}}.dump())
                      : tr("Deleted consumer group '%1'.").arg(group));
        return ExitOk;
    }
    auto groups = kafka::listGroups(*client, timeout);
    if (!groups.ok()) {
        printError(groups.error.message);
        return exitCodeFor(groups.error);
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto &g : std::as_const(groups.value)) {
        if (json) {
            out.push_back({{"group", g.groupId.toStdString()}, {"state", g.state.toStdString()},
                {"simple", g.isSimple}});
        } else {
            printOut(g.groupId);
        }
    }
    if (json) {
        printOut(QString::fromStdString(out.dump()));
    }
    return ExitOk;
}

} // namespace edis::cli
