#pragma once

// Compiled codecs by schema id, bounded, shared by the threads that decode (the inspector's
// consumer thread, topic scans, the GUI thread). A lookup takes a mutex for a hash-map find and
// a list splice; compiling happens outside the lock, so a slow schema does not stall others.

#include "schema/codec.h"

#include <list>
#include <mutex>
#include <unordered_map>

namespace edis::schema {

class CodecCache {
public:
    static constexpr std::size_t kDefaultCapacity = 1000;

    explicit CodecCache(std::size_t capacity = kDefaultCapacity);

    /// The codec compiled for `schemaId`, or nullptr.
    std::shared_ptr<const Codec> find(int32_t schemaId) const;
    /// Keeps `codec` for `schemaId`, dropping the least recently used entry past the capacity.
    void insert(int32_t schemaId, std::shared_ptr<const Codec> codec);
    /// The cached codec, or compiles it (without the lock) and keeps it. A schema that does not
    /// compile is not kept: its error comes back each time.
    Result<std::shared_ptr<const Codec>> findOrCompile(
        int32_t schemaId, SchemaType type, const QString &schema, const SchemaReferences &references = {});

    std::size_t size() const;
    void clear();

private:
    using Order = std::list<int32_t>; ///< most recently used first
    struct Entry {
        std::shared_ptr<const Codec> codec;
        Order::iterator position;
    };
    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable Order order_;
    std::unordered_map<int32_t, Entry> entries_;
};

} // namespace edis::schema
