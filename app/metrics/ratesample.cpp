#include "metrics/ratesample.h"

#include <algorithm>

namespace edis::metrics {

QString methodName(OffsetMethod method)
{
    switch (method) {
    case OffsetMethod::None:
        return QStringLiteral("none");
    case OffsetMethod::OffsetsForTimes:
        return QStringLiteral("offsets_for_times");
    case OffsetMethod::Watermarks:
        return QStringLiteral("watermarks");
    }
    return {};
}

const TopicRate *SampleRound::topic(const QString &name) const
{
    const auto it = std::lower_bound(
        topics.begin(), topics.end(), name, [](const TopicRate &t, const QString &n) { return t.topic < n; });
    return it != topics.end() && it->topic == name ? &*it : nullptr;
}

const GroupLag *SampleRound::group(const QString &name) const
{
    const auto it
        = std::find_if(groups.begin(), groups.end(), [&](const GroupLag &g) { return g.group == name; });
    return it != groups.end() ? &*it : nullptr;
}

void addClientTraffic(SampleRound &round, const std::map<QString, kafka::TopicTraffic> &traffic)
{
    for (TopicRate &t : round.topics) {
        if (const auto it = traffic.find(t.topic); it != traffic.end()) {
            t.writtenBytesPerSecond = it->second.writtenBytesPerSecond;
            t.readBytesPerSecond = it->second.readBytesPerSecond;
        }
    }
}

double SampleRound::totalMessagesPerSecond() const
{
    double sum = 0;
    bool any = false;
    for (const auto &t : topics) {
        if (isKnown(t.messagesPerSecond)) {
            sum += t.messagesPerSecond;
            any = true;
        }
    }
    return any ? sum : kUnknownRate;
}

} // namespace edis::metrics
