#include "metrics/ratecalculator.h"

#include <algorithm>
#include <set>

namespace edis::metrics {

std::vector<TopicRate> RateCalculator::update(const std::vector<TopicOffsets> &round, int64_t steadyNs)
{
    std::vector<TopicRate> out;
    out.reserve(round.size());
    std::map<QString, std::map<int32_t, PartitionState>> next;

    for (const TopicOffsets &topic : round) {
        auto &previous = state_[topic.topic];
        auto &kept = next[topic.topic];
        TopicRate rate;
        rate.topic = topic.topic;
        rate.partitions.reserve(topic.endOffsets.size());
        double sum = 0;
        for (const auto &[partition, offset] : topic.endOffsets) {
            PartitionRate pr;
            pr.partition = partition;
            pr.endOffset = offset;
            const auto it = previous.find(partition);
            if (offset < 0) {
                // Not read this round: keep the old baseline so the next interval covers both.
                if (it != previous.end()) {
                    kept[partition] = it->second;
                }
            } else if (it == previous.end() || offset < it->second.offset) {
                kept[partition] = {offset, steadyNs}; // first sight, or a reset: new baseline
            } else {
                const int64_t elapsedNs = steadyNs - it->second.steadyNs;
                if (elapsedNs > 0) {
                    pr.messagesPerSecond = static_cast<double>(offset - it->second.offset) * 1e9
                        / static_cast<double>(elapsedNs);
                    kept[partition] = {offset, steadyNs};
                } else {
                    kept[partition] = it->second;
                }
            }
            if (isKnown(pr.messagesPerSecond)) {
                sum += pr.messagesPerSecond;
            } else {
                ++rate.unknownPartitions;
            }
            rate.partitions.push_back(pr);
        }
        std::sort(rate.partitions.begin(), rate.partitions.end(),
            [](const PartitionRate &a, const PartitionRate &b) { return a.partition < b.partition; });
        if (rate.unknownPartitions == 0 && !rate.partitions.empty()) {
            rate.messagesPerSecond = sum;
        }
        out.push_back(std::move(rate));
    }
    state_ = std::move(next); // topics and partitions not in this round are forgotten
    return out;
}

int RateCalculator::trackedPartitions() const
{
    int n = 0;
    for (const auto &[topic, partitions] : state_) {
        n += static_cast<int>(partitions.size());
    }
    return n;
}

} // namespace edis::metrics
