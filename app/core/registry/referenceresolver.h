#pragma once

// A schema with everything it references: the root schema by id (or as given), then each
// reference's subject/version, depth first, so that the result lists dependencies before the
// schemas that use them. Runs on the client's thread, asynchronously, like the client.

#include "registry/registryclient.h"

#include <functional>

namespace edis::registry {

/// Bounds of one resolution: a reference graph past them is refused (a loop through "latest"
/// versions, or a registry that answers nonsense), not followed for ever.
inline constexpr int kMaxReferences = 256;
inline constexpr int kMaxReferenceDepth = 32;

/// How a reference's schema is fetched: by default the client's schemaVersion(); the cache
/// passes one that answers from its own reference cache first.
using ReferenceFetcher = std::function<void(const SchemaReference &, RegistryClient::Callback<Schema>)>;

/// Fetches schema `id` and its references. `done` runs once, later, on the client's thread
/// (never after the client is gone). A reference that cannot be fetched fails the whole
/// resolution, naming the reference.
void resolveSchema(RegistryClient &client, int id, RegistryClient::Callback<ResolvedSchema> done,
    ReferenceFetcher fetchReference = {});

/// The same for a schema already at hand (a subject's version in the browser).
void resolveReferences(RegistryClient &client, const Schema &schema,
    RegistryClient::Callback<ResolvedSchema> done, ReferenceFetcher fetchReference = {});

} // namespace edis::registry
