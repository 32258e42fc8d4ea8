#pragma once

// A least-recently-used map bounded in entries and in cost (bytes). Not thread-safe: its owner
// locks. An entry costlier than the whole budget is refused rather than emptying the cache.

#include <QtGlobal>

#include <functional>
#include <list>
#include <unordered_map>
#include <utility>

namespace edis::registry {

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class LruCache {
public:
    LruCache(qsizetype maxEntries, qsizetype maxCost)
        : maxEntries_(maxEntries)
        , maxCost_(maxCost)
    {
    }

    /// The value, now the most recently used; nullptr when absent.
    const Value *find(const Key &key)
    {
        const auto it = index_.find(key);
        if (it == index_.end()) {
            return nullptr;
        }
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->value;
    }

    /// Inserts or replaces, then evicts the least recently used entries past the bounds.
    /// Returns false (and keeps nothing) when the entry alone is over the cost bound.
    bool insert(const Key &key, Value value, qsizetype cost)
    {
        erase(key);
        if (cost > maxCost_ || maxEntries_ <= 0) {
            return false;
        }
        order_.push_front(Node {key, std::move(value), cost});
        index_.emplace(key, order_.begin());
        cost_ += cost;
        while (static_cast<qsizetype>(order_.size()) > maxEntries_ || cost_ > maxCost_) {
            evictOldest();
        }
        return true;
    }

    bool erase(const Key &key)
    {
        const auto it = index_.find(key);
        if (it == index_.end()) {
            return false;
        }
        cost_ -= it->second->cost;
        order_.erase(it->second);
        index_.erase(it);
        return true;
    }

    void clear()
    {
        order_.clear();
        index_.clear();
        cost_ = 0;
    }

    qsizetype size() const { return static_cast<qsizetype>(order_.size()); }
    qsizetype cost() const { return cost_; }
    qsizetype maxEntries() const { return maxEntries_; }
    qsizetype maxCost() const { return maxCost_; }
    quint64 evictions() const { return evictions_; }

private:
    struct Node {
        Key key;
        Value value;
        qsizetype cost = 0;
    };

    void evictOldest()
    {
        const Node &oldest = order_.back();
        cost_ -= oldest.cost;
        index_.erase(oldest.key);
        order_.pop_back();
        ++evictions_;
    }

    qsizetype maxEntries_;
    qsizetype maxCost_;
    qsizetype cost_ = 0;
    quint64 evictions_ = 0;
    std::list<Node> order_;
    std::unordered_map<Key, typename std::list<Node>::iterator, Hash> index_;
};

} // namespace edis::registry
