#pragma once

// `edis topics`'s options, read into a request that a test can check without a broker.

#include "kafka/kafkaclient.h"
#include "kafka/topicadmin.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace edis::cli {

struct TopicsRequest {
    enum class Action { List, Describe, Create, Alter, Delete };
    Action action = Action::List;
    /// --topic: required by create, alter and delete; a filter for list and describe.
    QString topic;
    bool json = false;
    bool excludeInternal = false;
    /// --describe --configs: every config with its source as well.
    bool withConfigs = false;
    /// --create: name (the topic), partitions, replication factor (-1: the broker's), configs.
    kafka::NewTopic newTopic;
    /// --alter: the new partition total when --partitions was given.
    std::optional<int> alterPartitions;
    /// --alter: --add-config and --delete-config.
    kafka::ConfigChanges configChanges;
};

/// --list, --describe, --create, --alter, --delete and what they take.
void addTopicsOptions(QCommandLineParser &parser);

/// Reads the options addTopicsOptions() added from a parsed `parser`. On a bad value or a
/// missing one: nullopt, and `*error` names the option and says what it expects.
std::optional<TopicsRequest> topicsRequestFromOptions(const QCommandLineParser &parser, QString *error);

} // namespace edis::cli
