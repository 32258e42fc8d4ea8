#include "groupsoptions.h"

#include <QCoreApplication>
#include <QDateTime>

#include <array>
#include <utility>

namespace edis::cli {

namespace {

using Action = GroupsRequest::Action;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis groups", text);
}

const std::array<std::pair<const char *, Action>, 4> kActions {{{"list", Action::List},
    {"describe", Action::Describe}, {"reset-offsets", Action::ResetOffsets}, {"delete", Action::Delete}}};

/// Reads the one --to-* option into `spec`; false when there is not exactly one or it is bad.
bool readResetTarget(const QCommandLineParser &parser, kafka::OffsetResetSpec *spec, QString *error)
{
    using Target = kafka::OffsetResetSpec::Target;
    const int targets = int(parser.isSet(QStringLiteral("to-earliest")))
        + int(parser.isSet(QStringLiteral("to-latest"))) + int(parser.isSet(QStringLiteral("to-datetime")))
        + int(parser.isSet(QStringLiteral("to-offset")));
    if (targets != 1) {
        *error = tr(
            "--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset.");
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
            *error = tr("--to-offset expects a non-negative offset.");
            return false;
        }
    } else {
        // ISO 8601; without a zone it is local time, like kafka-consumer-groups.
        const QDateTime when
            = QDateTime::fromString(parser.value(QStringLiteral("to-datetime")), Qt::ISODateWithMs);
        if (!when.isValid()) {
            *error = tr("--to-datetime expects an ISO 8601 date and time, e.g. 2024-05-01T12:00:00Z or "
                        "2024-05-01T12:00:00.000+02:00.");
            return false;
        }
        spec->target = Target::Timestamp;
        spec->value = when.toMSecsSinceEpoch();
    }
    return true;
}

bool readReset(const QCommandLineParser &parser, GroupsRequest *request, QString *error)
{
    if (!readResetTarget(parser, &request->reset, error)) {
        return false;
    }
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    request->execute = parser.isSet(QStringLiteral("execute"));
    if (dryRun && request->execute) {
        *error = tr("Give only one of --dry-run, --execute.");
        return false;
    }
    request->reset.topics = parser.values(QStringLiteral("topic"));
    if (request->reset.topics.isEmpty() && !parser.isSet(QStringLiteral("all-topics"))) {
        *error = tr("--reset-offsets needs --topic (repeatable) or --all-topics.");
        return false;
    }
    request->implicitDryRun = !request->execute && !dryRun;
    return true;
}

} // namespace

void addGroupsOptions(QCommandLineParser &parser)
{
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
}

std::optional<GroupsRequest> groupsRequestFromOptions(const QCommandLineParser &parser, QString *error)
{
    GroupsRequest request;
    int actions = 0;
    for (const auto &[name, action] : kActions) {
        if (parser.isSet(QLatin1String(name))) {
            request.action = action;
            ++actions;
        }
    }
    if (actions != 1) {
        *error = tr("Give exactly one of --list, --describe, --reset-offsets, --delete.");
        return std::nullopt;
    }
    request.group = parser.value(QStringLiteral("group"));
    if (request.action != Action::List && request.group.isEmpty()) {
        *error = tr("--describe, --reset-offsets and --delete need --group.");
        return std::nullopt;
    }
    request.json = parser.isSet(QStringLiteral("json"));
    if (request.action == Action::ResetOffsets && !readReset(parser, &request, error)) {
        return std::nullopt;
    }
    return request;
}

} // namespace edis::cli
