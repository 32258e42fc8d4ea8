#pragma once

// Held records under a memory budget. Records live in chunks (fixed-capacity arenas); when the
// budget would be exceeded the oldest chunks go, and the number of dropped records is counted
// so the user can be shown the bound. Memory used never exceeds the budget.
//
// Records come in as batches (MessageBatch, the layout chunks have). A batch is either copied
// into the tail chunk and new chunks, or — when the caller gives it up (adopt) and it is full
// enough to be a chunk itself — kept as a chunk as it is, so its records are never copied again.

#include "messagebatch.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <span>

namespace edis::inspect {

/// Stable identity of a held record: 0 for the first ever appended, counting up. Rows of a view
/// map to ids; an id below firstId() has been dropped.
using MessageId = uint64_t;

class MessageStore {
public:
    static constexpr std::size_t kDefaultBudget = std::size_t(512) << 20;

    /// What appending a batch will do, computed before anything changes (so a model can announce
    /// the removal of the oldest rows while they still exist).
    struct AppendPlan {
        std::size_t dropChunks = 0; ///< oldest held chunks that go
        uint64_t dropMessages = 0; ///< records in them
        std::size_t keptFromBatch = 0; ///< records of the batch(es) that will be held afterwards
        std::size_t rejected = 0; ///< records larger than the whole budget, never held
        bool useTail = true; ///< false when the current tail chunk is dropped anyway
        bool adopt = false; ///< planned for adoptPlanned(): adoptable batches become chunks
    };
    /// How planAppend() treats the batches: copied, or adopted where they are adoptable().
    enum class Ownership : uint8_t { Copy, Adopt };
    struct AppendResult {
        MessageId firstNewId = 0; ///< id of the first kept record of the batch
        std::size_t kept = 0; ///< kept records: ids firstNewId .. firstNewId+kept-1
        uint64_t dropped = 0; ///< records that left the store (old ones and the batch's own)
    };

    explicit MessageStore(std::size_t budgetBytes = kDefaultBudget);

    /// The plan for appending these batches, in order, as one run of records.
    AppendPlan planAppend(std::span<const MessageBatch> batches, Ownership how = Ownership::Copy) const;
    AppendPlan planAppend(const MessageBatch &batch) const { return planAppend({&batch, 1}); }
    /// Step 1 of an append: drops the oldest chunks the plan names.
    void dropPlanned(const AppendPlan &plan);
    /// Step 2: appends copies of the batches. Call after dropPlanned() with the same plan, made
    /// with Ownership::Copy.
    AppendResult appendPlanned(std::span<const MessageBatch> batches, const AppendPlan &plan);
    AppendResult appendPlanned(const MessageBatch &batch, const AppendPlan &plan)
    {
        return appendPlanned({&batch, 1}, plan);
    }
    /// Step 2 with a plan made with Ownership::Adopt: adoptable batches that do not fit whole in
    /// the tail chunk's free room are moved in as chunks (left empty, without capacity); the
    /// others are copied and left as they were.
    AppendResult adoptPlanned(std::span<MessageBatch> batches, const AppendPlan &plan);
    /// Both steps at once.
    AppendResult append(std::span<const MessageBatch> batches);
    AppendResult append(const MessageBatch &batch) { return append({&batch, 1}); }
    AppendResult adopt(std::span<MessageBatch> batches);

    /// True when adopt() keeps this batch as a chunk instead of copying it: big enough to be
    /// worth a chunk, no bigger than the chunks the store makes itself (so the budget still
    /// drops in small steps), and with little unused capacity (the budget counts capacity).
    bool adoptable(const MessageBatch &batch) const;

    /// Changes the budget; drops oldest chunks until memoryUsed() fits. Returns records dropped.
    uint64_t setMemoryBudget(std::size_t bytes);
    /// How many of the oldest records setMemoryBudget(bytes) would drop (ask before doing it).
    uint64_t recordsDroppedByBudget(std::size_t bytes) const;
    std::size_t memoryBudget() const { return budget_; }
    std::size_t memoryUsed() const { return used_; }
    /// Sum of key, value and header bytes held (what the records weigh, without overhead).
    uint64_t payloadBytes() const { return payloadBytes_; }

    void clear();

    std::size_t size() const { return std::size_t(endId_ - firstId_); }
    bool isEmpty() const { return endId_ == firstId_; }
    MessageId firstId() const { return firstId_; }
    MessageId endId() const { return endId_; }
    bool contains(MessageId id) const { return id >= firstId_ && id < endId_; }
    /// Records dropped by the budget since construction (oldest records and rejected ones).
    uint64_t droppedCount() const { return dropped_; }

    /// The record with that id; must be contains(id).
    MessageView view(MessageId id) const;
    MessageView at(std::size_t index) const { return view(firstId_ + index); }

    /// Calls fn(MessageId, const MessageView &) for each record with id in [from, end) in order.
    template <typename Fn>
    void forEach(MessageId from, MessageId end, Fn &&fn) const;

    /// Arena and record capacity of new chunks under the current budget.
    std::size_t chunkArenaCapacity() const;
    std::size_t chunkRecordCapacity() const;

private:
    struct Chunk {
        MessageId firstId = 0;
        MessageBatch records;
        std::size_t cost = 0;
    };
    std::size_t costOf(std::size_t arenaCapacity, std::size_t recordCapacity) const;
    AppendResult put(std::span<const MessageBatch> batches, MessageBatch *owned, const AppendPlan &plan);
    std::size_t chunkIndexOf(MessageId id) const;
    void dropOldestChunk();
    /// Drops oldest chunks until `cost` more fits the budget, during an append that started
    /// with chunksBefore chunks.
    void dropOldestUntilFits(std::size_t cost, std::size_t chunksBefore);

    std::deque<Chunk> chunks_;
    std::size_t budget_;
    std::size_t used_ = 0;
    uint64_t payloadBytes_ = 0;
    MessageId firstId_ = 0;
    MessageId endId_ = 0;
    uint64_t dropped_ = 0;
    /// Moving average of the record size (payloadSize) of appended batches; sizes new chunks.
    std::size_t observedRecordBytes_ = 100;
};

template <typename Fn>
void MessageStore::forEach(MessageId from, MessageId end, Fn &&fn) const
{
    from = std::max(from, firstId_);
    end = std::min(end, endId_);
    if (from >= end) {
        return;
    }
    for (std::size_t c = chunkIndexOf(from); c < chunks_.size(); ++c) {
        const Chunk &chunk = chunks_[c];
        const std::size_t n = chunk.records.size();
        for (auto i = std::size_t(from - chunk.firstId); i < n; ++i) {
            const MessageId id = chunk.firstId + i;
            if (id >= end) {
                return;
            }
            fn(id, chunk.records.at(i));
        }
        from = chunk.firstId + n;
    }
}

} // namespace edis::inspect
