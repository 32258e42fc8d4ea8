#include "messagebatch.h"

#include <algorithm>
#include <cstring>

namespace edis::inspect {

namespace {

constexpr std::size_t kMaxHeaderName = 0xFFFF;

void putU16(std::string &out, uint16_t v)
{
    out.push_back(char(v & 0xFF));
    out.push_back(char(v >> 8));
}

void putI32(std::string &out, int32_t v)
{
    const auto u = uint32_t(v);
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(char((u >> shift) & 0xFF));
    }
}

std::size_t headerBytes(std::string_view name, const std::optional<std::string_view> &value)
{
    return 2 + std::min(name.size(), kMaxHeaderName) + 4 + (value ? value->size() : 0);
}

/// Reused per thread so that serializing headers does not allocate for every record.
std::string &scratch()
{
    thread_local std::string buffer;
    buffer.clear();
    return buffer;
}

} // namespace

std::optional<QByteArray> MessageView::keyBytes() const
{
    if (!hasKey()) {
        return std::nullopt;
    }
    const auto k = key();
    return QByteArray(k.data(), qsizetype(k.size()));
}

std::optional<QByteArray> MessageView::valueBytes() const
{
    if (!hasValue()) {
        return std::nullopt;
    }
    const auto v = value();
    return QByteArray(v.data(), qsizetype(v.size()));
}

std::vector<HeaderRef> MessageView::headers() const
{
    std::vector<HeaderRef> out;
    out.reserve(meta_->headerCount);
    forEachHeader([&out](const HeaderRef &h) {
        out.push_back(h);
        return true;
    });
    return out;
}

std::optional<std::string_view> MessageView::header(std::string_view name, bool *isNull) const
{
    std::optional<std::string_view> found;
    bool present = false;
    bool null = false;
    forEachHeader([&](const HeaderRef &h) {
        if (h.name == name) {
            present = true;
            null = !h.value;
            found = h.value ? *h.value : std::string_view {};
        }
        return true;
    });
    if (isNull) {
        *isNull = present && null;
    }
    return present && !null ? found : std::nullopt;
}

bool MessageView::hasHeader(std::string_view name) const
{
    bool present = false;
    forEachHeader([&](const HeaderRef &h) {
        present = h.name == name;
        return !present;
    });
    return present;
}

MessageBatch::MessageBatch(std::size_t arenaCapacity, std::size_t recordCapacity)
{
    arena_.reserve(arenaCapacity);
    metas_.reserve(recordCapacity);
}

std::size_t MessageBatch::memoryUsed() const
{
    std::size_t topicBytes = 0;
    for (const auto &t : topics_) {
        topicBytes += sizeof(std::string) + t.capacity();
    }
    return arena_.capacity() + metas_.capacity() * sizeof(MessageMeta) + topicBytes
        + brokers_.capacity() * sizeof(int32_t);
}

std::size_t MessageBatch::payloadSize(const RecordRef &r)
{
    std::size_t n = (r.key ? r.key->size() : 0) + (r.value ? r.value->size() : 0);
    for (std::size_t i = 0; i < r.headerCount; ++i) {
        n += headerBytes(r.headers[i].name, r.headers[i].value);
    }
    return n;
}

std::size_t MessageBatch::payloadSize(const MessageView &view)
{
    return view.payloadBytes();
}

uint16_t MessageBatch::topicIndexFor(std::string_view topic)
{
    // Batches hold one or a few topics: a linear scan from the back beats a hash map here.
    for (std::size_t i = topics_.size(); i-- > 0;) {
        if (topics_[i] == topic) {
            return uint16_t(i);
        }
    }
    topics_.emplace_back(topic);
    return uint16_t(topics_.size() - 1);
}

uint8_t MessageBatch::brokerIndexFor(int32_t brokerId)
{
    if (brokerId < 0) {
        return MessageMeta::kNoBroker;
    }
    for (std::size_t i = brokers_.size(); i-- > 0;) {
        if (brokers_[i] == brokerId) {
            return uint8_t(i);
        }
    }
    if (brokers_.size() >= MessageMeta::kNoBroker) {
        return MessageMeta::kNoBroker; // a batch from more than 254 brokers: the rest unrecorded
    }
    brokers_.push_back(brokerId);
    return uint8_t(brokers_.size() - 1);
}

std::size_t MessageBatch::appendRaw(const MessageMeta &base, std::string_view topic, int32_t brokerId,
    std::optional<std::string_view> key, std::optional<std::string_view> value,
    std::string_view serializedHeaders, uint16_t headerCount)
{
    MessageMeta meta = base;
    meta.topicIndex = topicIndexFor(topic);
    meta.brokerIndex = brokerIndexFor(brokerId);
    meta.flags = uint8_t(base.flags & ~(NullKey | NullValue));
    if (!key) {
        meta.flags |= NullKey;
    }
    if (!value) {
        meta.flags |= NullValue;
    }
    meta.dataOffset = uint32_t(arena_.size());
    meta.keyLength = key ? uint32_t(key->size()) : 0;
    meta.valueLength = value ? uint32_t(value->size()) : 0;
    meta.headerCount = headerCount;
    // insert() copies without first zero-filling the new bytes (resize() would).
    if (meta.keyLength) {
        arena_.insert(arena_.end(), key->begin(), key->end());
    }
    if (meta.valueLength) {
        arena_.insert(arena_.end(), value->begin(), value->end());
    }
    if (!serializedHeaders.empty()) {
        arena_.insert(arena_.end(), serializedHeaders.begin(), serializedHeaders.end());
    }
    metas_.push_back(meta);
    return metas_.size() - 1;
}

std::size_t MessageBatch::append(const RecordRef &r)
{
    std::string &headers = scratch();
    for (std::size_t i = 0; i < r.headerCount; ++i) {
        const HeaderRef &h = r.headers[i];
        const auto name = h.name.substr(0, kMaxHeaderName);
        putU16(headers, uint16_t(name.size()));
        headers.append(name);
        putI32(headers, h.value ? int32_t(h.value->size()) : -1);
        if (h.value) {
            headers.append(*h.value);
        }
    }
    MessageMeta base;
    base.offset = r.offset;
    base.timestamp = r.timestamp;
    base.partition = r.partition;
    base.timestampType = r.timestampType;
    return appendRaw(base, r.topic, r.brokerId, r.key, r.value, headers,
        uint16_t(std::min<std::size_t>(r.headerCount, 0xFFFF)));
}

std::size_t MessageBatch::append(const MessageView &view)
{
    const MessageMeta &m = view.meta();
    const std::string_view headers(view.value().data() + m.valueLength, view.headersLength());
    return appendRaw(m, view.topic(), view.brokerId(),
        view.hasKey() ? std::optional(view.key()) : std::nullopt,
        view.hasValue() ? std::optional(view.value()) : std::nullopt, headers, m.headerCount);
}

void MessageBatch::appendAll(const MessageBatch &other)
{
    appendRange(other, 0, other.size());
}

void MessageBatch::appendRange(const MessageBatch &other, std::size_t from, std::size_t count)
{
    if (count == 0) {
        return;
    }
    // Records lie back to back: the range ends where the next record starts, or at the end.
    const std::size_t begin = other.metas_[from].dataOffset;
    const std::size_t end
        = from + count < other.metas_.size() ? other.metas_[from + count].dataOffset : other.arena_.size();
    const std::size_t at = arena_.size();
    arena_.insert(arena_.end(), other.arena_.begin() + std::ptrdiff_t(begin),
        other.arena_.begin() + std::ptrdiff_t(end));
    // The other batch's topic and broker indexes, translated into this batch's tables on first
    // use.
    std::vector<uint16_t> remap(other.topics_.size(), uint16_t(0xFFFF));
    std::vector<uint16_t> brokerRemap(other.brokers_.size(), uint16_t(0xFFFF));
    for (std::size_t i = from; i < from + count; ++i) {
        MessageMeta meta = other.metas_[i];
        uint16_t &index = remap[meta.topicIndex];
        if (index == 0xFFFF) {
            index = topicIndexFor(other.topics_[meta.topicIndex]);
        }
        meta.topicIndex = index;
        if (meta.brokerIndex < brokerRemap.size()) {
            uint16_t &b = brokerRemap[meta.brokerIndex];
            if (b == 0xFFFF) {
                b = brokerIndexFor(other.brokers_[meta.brokerIndex]);
            }
            meta.brokerIndex = uint8_t(b);
        }
        meta.dataOffset = uint32_t(meta.dataOffset - begin + at);
        metas_.push_back(meta);
    }
}

void MessageBatch::removeLast()
{
    if (metas_.empty()) {
        return;
    }
    arena_.resize(metas_.back().dataOffset);
    metas_.pop_back();
}

void MessageBatch::clear()
{
    arena_.clear();
    metas_.clear();
    topics_.clear();
    brokers_.clear();
}

} // namespace edis::inspect
