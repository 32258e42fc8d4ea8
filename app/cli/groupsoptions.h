#pragma once

// `edis groups`'s options, read into a request that a test can check without a broker.

#include "kafka/groupadmin.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace edis::cli {

struct GroupsRequest {
    enum class Action { List, Describe, ResetOffsets, Delete };
    Action action = Action::List;
    /// --group: required by every action but --list.
    QString group;
    bool json = false;
    /// --reset-offsets: the one --to-* target, and the --topic list (empty: --all-topics).
    kafka::OffsetResetSpec reset;
    /// --reset-offsets --execute: apply the reset, not only preview it.
    bool execute = false;
    /// Neither --execute nor --dry-run: the preview is shown, with a word that nothing changed.
    bool implicitDryRun = false;
};

/// --list, --describe, --reset-offsets, --delete and what they take.
void addGroupsOptions(QCommandLineParser &parser);

/// Reads the options addGroupsOptions() added from a parsed `parser`. On a bad value or a
/// missing one: nullopt, and `*error` names the option and says what it expects.
std::optional<GroupsRequest> groupsRequestFromOptions(const QCommandLineParser &parser, QString *error);

} // namespace edis::cli
