#include "messagestore.h"

#include <algorithm>
#include <cassert>

namespace edis::inspect {

namespace {

/// Room for a chunk's topic table (a chunk rarely holds more than a few topic names).
constexpr std::size_t kTopicSlack = 1024;
constexpr std::size_t kMinChunkArena = std::size_t(16) * 1024;
constexpr std::size_t kMaxChunkArena = std::size_t(8) * 1024 * 1024;

} // namespace

MessageStore::MessageStore(std::size_t budgetBytes)
    : budget_(budgetBytes)
{
}

std::size_t MessageStore::chunkArenaCapacity() const
{
    // Small enough that dropping one chunk frees a sensible share of the budget (1/16), large
    // enough that chunk bookkeeping is noise.
    return std::clamp(budget_ / 16, kMinChunkArena, kMaxChunkArena);
}

std::size_t MessageStore::chunkRecordCapacity() const
{
    // Slots for as many records as the arena holds at the size seen so far (100 bytes before the
    // first batch), plus 1/8 spare: fixed slots for 100-byte records left half of them empty
    // with 200-byte records, ~50 bytes of overhead per record for nothing.
    const std::size_t fitting = chunkArenaCapacity() / std::max<std::size_t>(observedRecordBytes_, 24);
    return std::max<std::size_t>(fitting + fitting / 8, 16);
}

std::size_t MessageStore::costOf(std::size_t arenaCapacity, std::size_t recordCapacity) const
{
    return arenaCapacity + recordCapacity * sizeof(MessageMeta) + kTopicSlack;
}

bool MessageStore::adoptable(const MessageBatch &batch) const
{
    const std::size_t bytes = batch.arenaBytes();
    const std::size_t records = batch.size();
    if (records == 0 || bytes < chunkArenaCapacity() / 16) {
        return false; // a few records go into the tail chunk's free room instead
    }
    const std::size_t cost = costOf(batch.arenaCapacity(), batch.recordCapacity());
    if (cost > budget_ || cost > costOf(chunkArenaCapacity(), chunkRecordCapacity())) {
        return false;
    }
    return batch.arenaCapacity() - bytes <= bytes / 4 && batch.recordCapacity() - records <= records / 4 + 16;
}

MessageStore::AppendPlan MessageStore::planAppend(std::span<const MessageBatch> batches, Ownership how) const
{
    // Simulates appendPlanned(): the same decisions, without touching any bytes.
    const std::size_t arenaCap = chunkArenaCapacity();
    const std::size_t recordCap = chunkRecordCapacity();
    struct NewChunk {
        std::size_t cost;
        std::size_t count;
    };
    const auto simulate = [&](bool useTail, bool *tailDropped) {
        AppendPlan plan;
        std::size_t used = used_;
        std::size_t freeBytes = 0;
        std::size_t freeRecords = 0;
        std::size_t inExistingTail = 0;
        if (useTail && !chunks_.empty()) {
            const MessageBatch &tail = chunks_.back().records;
            freeBytes = tail.arenaCapacity() - tail.arenaBytes();
            freeRecords = tail.recordCapacity() - tail.size();
        }
        std::deque<NewChunk> fresh;
        std::size_t nextExisting = 0;
        *tailDropped = false;
        const auto makeRoom = [&](std::size_t cost) {
            while (used + cost > budget_) {
                if (nextExisting < chunks_.size()) {
                    used -= chunks_[nextExisting].cost;
                    plan.dropMessages += chunks_[nextExisting].records.size();
                    ++nextExisting;
                    if (nextExisting == chunks_.size()) {
                        *tailDropped = true;
                        inExistingTail = 0;
                    }
                } else {
                    used -= fresh.front().cost;
                    fresh.pop_front();
                }
            }
        };
        for (const MessageBatch &batch : batches) {
            const bool fitsTail = freeRecords >= batch.size() && freeBytes >= batch.arenaBytes();
            if (how == Ownership::Adopt && !fitsTail && adoptable(batch)) {
                const std::size_t cost = costOf(batch.arenaCapacity(), batch.recordCapacity());
                makeRoom(cost);
                fresh.push_back({cost, batch.size()});
                used += cost;
                freeBytes = batch.arenaCapacity() - batch.arenaBytes();
                freeRecords = batch.recordCapacity() - batch.size();
                continue;
            }
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const std::size_t bytes = MessageBatch::payloadSize(batch.at(i));
                if (freeRecords > 0 && bytes <= freeBytes) {
                    freeBytes -= bytes;
                    --freeRecords;
                    if (fresh.empty()) {
                        ++inExistingTail;
                    } else {
                        ++fresh.back().count;
                    }
                    continue;
                }
                const bool oversized = bytes > arenaCap;
                const std::size_t cost = oversized ? costOf(bytes, 1) : costOf(arenaCap, recordCap);
                if (cost > budget_) {
                    ++plan.rejected;
                    continue;
                }
                makeRoom(cost);
                fresh.push_back({cost, 1});
                used += cost;
                freeBytes = (oversized ? bytes : arenaCap) - bytes;
                freeRecords = (oversized ? 1 : recordCap) - 1;
            }
        }
        plan.dropChunks = nextExisting;
        plan.keptFromBatch = inExistingTail;
        for (const auto &c : fresh) {
            plan.keptFromBatch += c.count;
        }
        return plan;
    };
    bool tailDropped = false;
    AppendPlan plan = simulate(true, &tailDropped);
    if (tailDropped) {
        // The tail chunk goes anyway: the records must not be put there first.
        plan = simulate(false, &tailDropped);
        plan.useTail = false;
    }
    plan.adopt = how == Ownership::Adopt;
    return plan;
}

void MessageStore::dropOldestChunk()
{
    Chunk &oldest = chunks_.front();
    used_ -= oldest.cost;
    const uint64_t n = oldest.records.size();
    payloadBytes_ -= oldest.records.arenaBytes(); // a batch's arena holds its payloads back to back
    dropped_ += n;
    firstId_ = oldest.firstId + n;
    chunks_.pop_front();
    if (chunks_.empty()) {
        firstId_ = endId_;
    }
}

void MessageStore::dropOldestUntilFits(std::size_t cost, [[maybe_unused]] std::size_t chunksBefore)
{
    while (used_ + cost > budget_ && !chunks_.empty()) {
        // dropPlanned() already dropped what the plan named: only chunks of this append go now.
        assert(chunks_.size() > chunksBefore || chunksBefore == 0);
        dropOldestChunk();
    }
}

void MessageStore::dropPlanned(const AppendPlan &plan)
{
    for (std::size_t i = 0; i < plan.dropChunks && !chunks_.empty(); ++i) {
        dropOldestChunk();
    }
}

MessageStore::AppendResult MessageStore::appendPlanned(
    std::span<const MessageBatch> batches, const AppendPlan &plan)
{
    assert(!plan.adopt);
    return put(batches, nullptr, plan);
}

MessageStore::AppendResult MessageStore::adoptPlanned(std::span<MessageBatch> batches, const AppendPlan &plan)
{
    return put(batches, batches.data(), plan);
}

MessageStore::AppendResult MessageStore::put(
    std::span<const MessageBatch> batches, MessageBatch *owned, const AppendPlan &plan)
{
    const std::size_t arenaCap = chunkArenaCapacity();
    const std::size_t recordCap = chunkRecordCapacity();
    const std::size_t chunksBefore = chunks_.size(); // after dropPlanned: all survive
    const uint64_t droppedBefore = dropped_;
    const MessageId endBefore = endId_;
    bool canUseTail = plan.useTail && !chunks_.empty();
    std::size_t learnedBytes = 0;
    std::size_t learnedRecords = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const MessageBatch &batch = batches[b];
        const bool fitsTail
            = canUseTail && chunks_.back().records.fitsWithoutGrowth(batch.arenaBytes(), batch.size());
        if (owned != nullptr && plan.adopt && !fitsTail && adoptable(batch)) {
            // Kept as a chunk as it is: its records are not copied. (One that fits whole in the
            // tail chunk's free room goes there instead, so that room is not left unused.)
            const std::size_t cost = costOf(batch.arenaCapacity(), batch.recordCapacity());
            const std::size_t bytes = batch.arenaBytes();
            dropOldestUntilFits(cost, chunksBefore);
            Chunk chunk;
            chunk.firstId = endId_;
            chunk.cost = cost;
            chunk.records = std::move(owned[b]);
            const std::size_t n = chunk.records.size();
            chunks_.push_back(std::move(chunk));
            used_ += cost;
            payloadBytes_ += bytes;
            learnedBytes += bytes;
            learnedRecords += n;
            endId_ += n;
            canUseTail = true;
            continue;
        }
        std::size_t i = 0;
        while (i < batch.size()) {
            const std::size_t bytes = MessageBatch::payloadSize(batch.at(i));
            if (canUseTail && chunks_.back().records.fitsWithoutGrowth(bytes)) {
                // The run of records that fits in the tail chunk goes over in one copy.
                MessageBatch &tail = chunks_.back().records;
                const std::size_t freeRecords = tail.recordCapacity() - tail.size();
                const std::size_t freeBytes = tail.arenaCapacity() - tail.arenaBytes();
                std::size_t n = 1;
                std::size_t runBytes = bytes;
                while (i + n < batch.size() && n < freeRecords) {
                    const std::size_t next = MessageBatch::payloadSize(batch.at(i + n));
                    if (runBytes + next > freeBytes) {
                        break;
                    }
                    runBytes += next;
                    ++n;
                }
                tail.appendRange(batch, i, n);
                payloadBytes_ += runBytes;
                learnedBytes += runBytes;
                endId_ += n;
                i += n;
                continue;
            }
            const bool oversized = bytes > arenaCap;
            const std::size_t chunkArena = oversized ? bytes : arenaCap;
            const std::size_t chunkRecords = oversized ? 1 : recordCap;
            const std::size_t cost = costOf(chunkArena, chunkRecords);
            if (cost > budget_) {
                ++dropped_;
                learnedBytes += bytes;
                ++i;
                continue;
            }
            dropOldestUntilFits(cost, chunksBefore);
            Chunk chunk;
            chunk.firstId = endId_;
            chunk.records = MessageBatch(chunkArena, chunkRecords);
            chunk.cost = cost;
            chunks_.push_back(std::move(chunk));
            used_ += cost;
            canUseTail = true; // the record goes into the new chunk on the next turn
        }
        learnedRecords += batch.size();
    }
    if (chunks_.empty()) {
        firstId_ = endId_;
    }
    // Learn the record size only now, so that planAppend() and this function (called after
    // dropPlanned()) saw the same capacities.
    if (learnedRecords > 0) {
        observedRecordBytes_ = (3 * observedRecordBytes_ + learnedBytes / learnedRecords) / 4;
    }
    AppendResult result;
    result.kept = std::size_t(endId_ - std::max(firstId_, endBefore));
    result.firstNewId = endId_ - result.kept;
    result.dropped = dropped_ - droppedBefore;
    assert(result.kept == plan.keptFromBatch);
    return result;
}

MessageStore::AppendResult MessageStore::append(std::span<const MessageBatch> batches)
{
    const AppendPlan plan = planAppend(batches);
    const uint64_t droppedBefore = dropped_;
    dropPlanned(plan);
    AppendResult result = appendPlanned(batches, plan);
    result.dropped = dropped_ - droppedBefore;
    return result;
}

MessageStore::AppendResult MessageStore::adopt(std::span<MessageBatch> batches)
{
    const AppendPlan plan = planAppend(batches, Ownership::Adopt);
    const uint64_t droppedBefore = dropped_;
    dropPlanned(plan);
    AppendResult result = adoptPlanned(batches, plan);
    result.dropped = dropped_ - droppedBefore;
    return result;
}

uint64_t MessageStore::recordsDroppedByBudget(std::size_t bytes) const
{
    std::size_t used = used_;
    uint64_t n = 0;
    for (const Chunk &c : chunks_) {
        if (used <= bytes) {
            break;
        }
        used -= c.cost;
        n += c.records.size();
    }
    return n;
}

uint64_t MessageStore::setMemoryBudget(std::size_t bytes)
{
    budget_ = bytes;
    const uint64_t before = dropped_;
    while (used_ > budget_ && !chunks_.empty()) {
        dropOldestChunk();
    }
    return dropped_ - before;
}

void MessageStore::clear()
{
    chunks_.clear();
    used_ = 0;
    payloadBytes_ = 0;
    firstId_ = endId_;
}

std::size_t MessageStore::chunkIndexOf(MessageId id) const
{
    // Chunks are ordered by firstId: binary search for the last chunk starting at or before id.
    auto it = std::upper_bound(
        chunks_.begin(), chunks_.end(), id, [](MessageId v, const Chunk &c) { return v < c.firstId; });
    return std::size_t(std::distance(chunks_.begin(), it)) - 1;
}

MessageView MessageStore::view(MessageId id) const
{
    assert(contains(id));
    const Chunk &chunk = chunks_[chunkIndexOf(id)];
    return chunk.records.at(std::size_t(id - chunk.firstId));
}

} // namespace edis::inspect
