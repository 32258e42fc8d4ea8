#include "schema/codeccache.h"

namespace edis::schema {

CodecCache::CodecCache(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1))
{
}

std::shared_ptr<const Codec> CodecCache::find(int32_t schemaId) const
{
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(schemaId);
    if (it == entries_.end()) {
        return {};
    }
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.codec;
}

void CodecCache::insert(int32_t schemaId, std::shared_ptr<const Codec> codec)
{
    const std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(schemaId); it != entries_.end()) {
        it->second.codec = std::move(codec);
        order_.splice(order_.begin(), order_, it->second.position);
        return;
    }
    order_.push_front(schemaId);
    entries_.emplace(schemaId, Entry {std::move(codec), order_.begin()});
    while (entries_.size() > capacity_) {
        entries_.erase(order_.back());
        order_.pop_back();
    }
}

Result<std::shared_ptr<const Codec>> CodecCache::findOrCompile(
    int32_t schemaId, SchemaType type, const QString &schema, const SchemaReferences &references)
{
    if (auto cached = find(schemaId)) {
        return Result<std::shared_ptr<const Codec>>::success(std::move(cached));
    }
    auto compiled = Codec::compile(type, schema, references);
    if (compiled) {
        insert(schemaId, compiled.value());
    }
    return compiled;
}

std::size_t CodecCache::size() const
{
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

void CodecCache::clear()
{
    const std::lock_guard lock(mutex_);
    entries_.clear();
    order_.clear();
}

} // namespace edis::schema
