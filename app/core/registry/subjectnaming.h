#pragma once

// Which topics a Schema Registry subject belongs to, by the Confluent serializers' subject
// naming strategies: TopicNameStrategy (the default) names the subjects of topic T "T-key" and
// "T-value"; TopicRecordNameStrategy names them "T-<record's full name>". RecordNameStrategy
// subjects are the record's full name alone and name no topic (only the schema ids a topic's
// records carry can tell).

#include <QList>
#include <QString>
#include <QStringList>

namespace edis::registry {

struct SubjectTopic {
    enum class Strategy { TopicName, TopicRecordName };
    enum class Part { Key, Value, Either }; ///< TopicRecordNameStrategy does not say which

    QString topic;
    Strategy strategy = Strategy::TopicName;
    Part part = Part::Value;
    QString recordName; ///< TopicRecordNameStrategy: the record's full name

    bool operator==(const SubjectTopic &) const = default;
};

/// The topics among `topics` that `subject` belongs to, longest topic name first (a subject
/// "a-b-value" is topic "a-b", not topic "a" with a record "b-value"). Empty when none does.
QList<SubjectTopic> topicsOfSubject(const QString &subject, const QStringList &topics);

/// "orders (value)", "orders (key)", "orders (records com.acme.Order)".
QString describe(const SubjectTopic &use);

} // namespace edis::registry
