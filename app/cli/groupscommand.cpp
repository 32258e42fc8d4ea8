// edis groups: the seed's kafka-consumer-groups, over edis_core.

#include "clicommon.h"
#include "groupsoptions.h"
#include "kafka/groupadmin.h"
#include "kafka/kafkaclient.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

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

int resetOffsets(kafka::KafkaClient &client, const GroupsRequest &request, std::chrono::milliseconds timeout)
{
    const QString &group = request.group;
    const bool execute = request.execute;
    const bool json = request.json;
    if (request.implicitDryRun) {
        printError(tr("No offsets are changed without --execute; showing the preview."));
    }
    auto plan = kafka::planOffsetReset(client, group, request.reset, timeout);
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

int deleteGroup(kafka::KafkaClient &client, const GroupsRequest &request, std::chrono::milliseconds timeout)
{
    if (const auto err = kafka::deleteGroup(client, request.group, timeout)) {
        printError(err.message);
        return exitCodeFor(err);
    }
    printOut(request.json
            ? QString::fromStdString(nlohmann::json {{"deleted", request.group.toStdString()}}.dump())
            : tr("Deleted consumer group '%1'.").arg(request.group));
    return ExitOk;
}

int listGroups(kafka::KafkaClient &client, bool json, std::chrono::milliseconds timeout)
{
    auto groups = kafka::listGroups(client, timeout);
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

} // namespace

int runGroups(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists, describes, resets and deletes consumer groups."));
    addConnectionOptions(parser);
    addGroupsOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    QString error;
    const std::optional<GroupsRequest> request = groupsRequestFromOptions(parser, &error);
    if (!request) {
        printError(error);
        return ExitUsage;
    }
    const auto timeout = timeoutFromOptions(parser);
    auto client = clientFromOptions(parser, &exitCode);
    if (!client) {
        return exitCode;
    }
    switch (request->action) {
    case GroupsRequest::Action::Describe:
        return describe(*client, request->group, timeout, request->json);
    case GroupsRequest::Action::ResetOffsets:
        return resetOffsets(*client, *request, timeout);
    case GroupsRequest::Action::Delete:
        return deleteGroup(*client, *request, timeout);
    case GroupsRequest::Action::List:
        return listGroups(*client, request->json, timeout);
    }
    return ExitFailure; // not reached: every action is handled above
}

} // namespace edis::cli
