#pragma once

// The compact form of consumed records: one byte arena per batch (key, value and serialized
// headers back to back) plus a small fixed metadata struct per record. No QString per field:
// text is made only when a row is displayed.

#include <QByteArray>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edis::inspect {

/// Per-record flags kept in MessageMeta::flags.
enum MessageFlag : uint8_t {
    NullKey = 0x01,
    NullValue = 0x02, ///< a tombstone when the key is set
    Heartbeat = 0x04, ///< a Debezium heartbeat (the view can hide these)
};

/// Kafka's timestamp types, as librdkafka reports them.
enum class TimestampType : uint8_t { NotAvailable = 0, CreateTime = 1, LogAppendTime = 2 };

/// Fixed metadata of one record. Positions index the arena of the chunk holding the record.
/// 40 bytes: a million held records carry 40 MB of it beside their payload, so what can be
/// found otherwise is not stored (the headers' length: they delimit themselves; the leader
/// broker: an index into the batch's small table of broker ids).
struct MessageMeta {
    /// brokerIndex of a record whose broker is not known (or did not fit the batch's table).
    static constexpr uint8_t kNoBroker = 0xFF;

    int64_t offset = -1;
    int64_t timestamp = -1;
    uint32_t dataOffset = 0; ///< key bytes start here, then value bytes, then headers
    uint32_t keyLength = 0;
    uint32_t valueLength = 0;
    int32_t partition = -1;
    uint16_t topicIndex = 0;
    uint16_t headerCount = 0;
    uint8_t flags = 0;
    uint8_t decoder = 0; ///< DecoderRegistry index + 1 chosen by auto-detection; 0 = unknown
    TimestampType timestampType = TimestampType::NotAvailable;
    uint8_t brokerIndex = kNoBroker;
};
static_assert(sizeof(MessageMeta) == 40, "per-record metadata is what a million held records cost");

/// One header as stored; a null value is distinct from an empty one.
struct HeaderRef {
    std::string_view name;
    std::optional<std::string_view> value;
};

/// Fields of a record to append, pointing at bytes owned by the caller (e.g. librdkafka).
struct RecordRef {
    std::string_view topic;
    int32_t partition = -1;
    int64_t offset = -1;
    int64_t timestamp = -1;
    TimestampType timestampType = TimestampType::NotAvailable;
    int32_t brokerId = -1;
    std::optional<std::string_view> key;
    std::optional<std::string_view> value;
    const HeaderRef *headers = nullptr;
    std::size_t headerCount = 0;
};

/// A read-only look at one stored record. Valid while the batch/store holding it is unchanged.
class MessageView {
public:
    MessageView() = default;
    MessageView(const MessageMeta *meta, const char *arena, std::string_view topic, int32_t brokerId = -1)
        : meta_(meta)
        , arena_(arena)
        , topic_(topic)
        , brokerId_(brokerId)
    {
    }

    bool isValid() const { return meta_ != nullptr; }
    const MessageMeta &meta() const { return *meta_; }
    std::string_view topic() const { return topic_; }
    int32_t partition() const { return meta_->partition; }
    int64_t offset() const { return meta_->offset; }
    int64_t timestamp() const { return meta_->timestamp; }
    /// The partition's leader the record was fetched from; -1 when not known.
    int32_t brokerId() const { return brokerId_; }

    bool hasKey() const { return !(meta_->flags & NullKey); }
    bool hasValue() const { return !(meta_->flags & NullValue); }
    bool isTombstone() const { return !hasValue() && hasKey(); }
    bool isHeartbeat() const { return meta_->flags & Heartbeat; }
    /// Empty for a null key; check hasKey() to tell null from empty.
    std::string_view key() const { return {arena_ + meta_->dataOffset, meta_->keyLength}; }
    std::string_view value() const
    {
        return {arena_ + meta_->dataOffset + meta_->keyLength, meta_->valueLength};
    }
    std::optional<QByteArray> keyBytes() const;
    std::optional<QByteArray> valueBytes() const;

    int headerCount() const { return meta_->headerCount; }
    /// Bytes of the serialized headers (0 without headers).
    std::size_t headersLength() const;
    /// Key, value and serialized header bytes: what the record weighs in an arena.
    std::size_t payloadBytes() const
    {
        return std::size_t(meta_->keyLength) + meta_->valueLength + headersLength();
    }
    std::vector<HeaderRef> headers() const;
    /// The last header of that name (Kafka's lastHeader()); nullopt when absent, and
    /// `*isNull` tells a present null-valued header apart.
    std::optional<std::string_view> header(std::string_view name, bool *isNull = nullptr) const;
    bool hasHeader(std::string_view name) const;

    /// Calls fn(HeaderRef) for each header in order; stops early when fn returns false.
    template <typename Fn>
    void forEachHeader(Fn &&fn) const;

private:
    const MessageMeta *meta_ = nullptr;
    const char *arena_ = nullptr;
    std::string_view topic_;
    int32_t brokerId_ = -1;
};

/// An append-only run of records in one arena. The consumer fills one on its thread and hands it
/// over whole; the store keeps records in chunks of the same layout.
class MessageBatch {
public:
    MessageBatch() = default;
    /// Reserves room so appends within these limits never reallocate.
    MessageBatch(std::size_t arenaCapacity, std::size_t recordCapacity);

    /// Appends a record; the returned index is its position in this batch.
    std::size_t append(const RecordRef &record);
    /// Appends a copy of a record held elsewhere (another batch or the store).
    std::size_t append(const MessageView &view);
    /// Appends every record of another batch.
    void appendAll(const MessageBatch &other);
    /// Appends records [from, from + count) of another batch with one copy of their bytes (a
    /// batch keeps its records' bytes back to back, in order).
    void appendRange(const MessageBatch &other, std::size_t from, std::size_t count);
    /// Drops the last record (a filter did not match it); its bytes are reused.
    void removeLast();
    void clear();

    std::size_t size() const { return metas_.size(); }
    bool isEmpty() const { return metas_.empty(); }
    MessageView at(std::size_t i) const
    {
        const MessageMeta &m = metas_[i];
        return {&m, arena_.data(), topics_[m.topicIndex],
            m.brokerIndex < brokers_.size() ? brokers_[m.brokerIndex] : -1};
    }
    MessageMeta &metaAt(std::size_t i) { return metas_[i]; }

    /// Bytes of keys, values and headers (what the records weigh, not what is reserved).
    std::size_t arenaBytes() const { return arena_.size(); }
    /// Bytes held, counting reserved capacity: what a memory budget must count.
    std::size_t memoryUsed() const;
    std::size_t arenaCapacity() const { return arena_.capacity(); }
    std::size_t recordCapacity() const { return metas_.capacity(); }
    /// True when `records` records of `bytes` payload in all fit without reallocating.
    bool fitsWithoutGrowth(std::size_t bytes, std::size_t records = 1) const
    {
        return metas_.size() + records <= metas_.capacity() && arena_.size() + bytes <= arena_.capacity();
    }

    const std::vector<std::string> &topics() const { return topics_; }

    /// Serialized size of a record's key, value and headers.
    static std::size_t payloadSize(const RecordRef &record);
    static std::size_t payloadSize(const MessageView &view);

private:
    uint16_t topicIndexFor(std::string_view topic);
    uint8_t brokerIndexFor(int32_t brokerId);
    std::size_t appendRaw(const MessageMeta &base, std::string_view topic, int32_t brokerId,
        std::optional<std::string_view> key, std::optional<std::string_view> value,
        std::string_view serializedHeaders, uint16_t headerCount);

    std::vector<char> arena_;
    std::vector<MessageMeta> metas_;
    std::vector<std::string> topics_;
    std::vector<int32_t> brokers_; ///< at most 255 (MessageMeta::kNoBroker is not an index)
};

// Header wire layout in the arena: u16 name length, name, i32 value length (-1 = null), value.
namespace detail {
inline uint16_t readU16(const char *p)
{
    return uint16_t(uint8_t(p[0]) | (uint16_t(uint8_t(p[1])) << 8));
}
inline int32_t readI32(const char *p)
{
    return int32_t(uint32_t(uint8_t(p[0])) | (uint32_t(uint8_t(p[1])) << 8) | (uint32_t(uint8_t(p[2])) << 16)
        | (uint32_t(uint8_t(p[3])) << 24));
}
} // namespace detail

template <typename Fn>
void MessageView::forEachHeader(Fn &&fn) const
{
    const char *p = arena_ + meta_->dataOffset + meta_->keyLength + meta_->valueLength;
    for (int i = 0; i < meta_->headerCount; ++i) {
        const uint16_t nameLength = detail::readU16(p);
        const std::string_view name(p + 2, nameLength);
        p += 2 + nameLength;
        const int32_t valueLength = detail::readI32(p);
        p += 4;
        HeaderRef h {name, std::nullopt};
        if (valueLength >= 0) {
            h.value = std::string_view(p, std::size_t(valueLength));
            p += valueLength;
        }
        if (!fn(h)) {
            return;
        }
    }
}

inline std::size_t MessageView::headersLength() const
{
    if (meta_->headerCount == 0) {
        return 0;
    }
    const char *begin = arena_ + meta_->dataOffset + meta_->keyLength + meta_->valueLength;
    const char *p = begin;
    for (int i = 0; i < meta_->headerCount; ++i) {
        p += 2 + detail::readU16(p);
        const int32_t valueLength = detail::readI32(p);
        p += 4 + std::max<int32_t>(valueLength, 0);
    }
    return std::size_t(p - begin);
}

} // namespace edis::inspect
