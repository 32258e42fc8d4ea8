#include "registry/subjectnaming.h"

#include <QCoreApplication>

#include <algorithm>

namespace edis::registry {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::registry::SubjectNaming", text);
}

/// A record's full name as Avro and Protobuf write it: dotted identifiers, at least one dot
/// (a namespace); "value" or "key" alone is TopicNameStrategy's suffix, not a record.
bool looksLikeRecordName(const QString &name)
{
    if (!name.contains(QLatin1Char('.')) || name.startsWith(QLatin1Char('.'))
        || name.endsWith(QLatin1Char('.'))) {
        return false;
    }
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')
            || c == QLatin1Char('$');
    });
}

} // namespace

QList<SubjectTopic> topicsOfSubject(const QString &subject, const QStringList &topics)
{
    QList<SubjectTopic> uses;
    for (const QString &topic : topics) {
        if (topic.isEmpty() || subject.size() <= topic.size() + 1 || !subject.startsWith(topic)
            || subject.at(topic.size()) != QLatin1Char('-')) {
            continue;
        }
        const QString rest = subject.mid(topic.size() + 1);
        if (rest == QLatin1String("value") || rest == QLatin1String("key")) {
            uses.append({topic, SubjectTopic::Strategy::TopicName,
                rest == QLatin1String("key") ? SubjectTopic::Part::Key : SubjectTopic::Part::Value, {}});
        } else if (looksLikeRecordName(rest)) {
            uses.append({topic, SubjectTopic::Strategy::TopicRecordName, SubjectTopic::Part::Either, rest});
        }
    }
    std::stable_sort(uses.begin(), uses.end(),
        [](const SubjectTopic &a, const SubjectTopic &b) { return a.topic.size() > b.topic.size(); });
    return uses;
}

QString describe(const SubjectTopic &use)
{
    if (use.strategy == SubjectTopic::Strategy::TopicRecordName) {
        return tr("%1 (records %2)").arg(use.topic, use.recordName);
    }
    return use.part == SubjectTopic::Part::Key ? tr("%1 (key)").arg(use.topic)
                                               : tr("%1 (value)").arg(use.topic);
}

} // namespace edis::registry
