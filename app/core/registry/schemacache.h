#pragma once

// Schemas by id, with their references resolved, for everything that decodes: the inspector's
// model on the GUI thread, the consumer thread, topic search and the CLI.
//
// The cache lives on the thread that owns its RegistryClient (the GUI thread in the app, the
// main thread in the CLI) and fetches there. Two ways in:
//  - lookup(id), any thread, never waits: the schema when cached, else nullptr, and one fetch
//    starts (concurrent lookups of an id share it); schemaArrived(id) / schemaFailed(id, error)
//    follow on the cache's thread, so a model can refresh the rows that wait for the id.
//  - fetchBlocking(id, stop, timeout), worker threads only: posts the fetch to the cache's thread
//    and waits until the schema arrives, the fetch fails, `stop` is requested or the timeout
//    passes, whichever comes first. Called on the cache's own thread it would wait for an event
//    loop it blocks, so it refuses (Q_ASSERT in debug builds, Kind::InvalidUse otherwise).
// Bounded: an LRU over entries and bytes, and a bounded memory of failures: an unreachable
// registry is asked again only after failureRetry (not once per record), an id the registry does
// not know (404) only after unknownRetry.

#include "registry/registryclient.h"
#include "registry/registrytypes.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>
#include <optional>
#include <stop_token>

namespace edis::registry {

struct SchemaCacheLimits {
    qsizetype maxEntries = 2000;
    qsizetype maxBytes = qsizetype {32} * 1024 * 1024;
    /// Referenced schemas (by subject and version), shared by the schemas that use them.
    qsizetype maxReferenceEntries = 1000;
    qsizetype maxReferenceBytes = qsizetype {16} * 1024 * 1024;
    /// Failures remembered at most (the oldest are forgotten first).
    qsizetype maxFailures = 4096;
    /// After a transient failure (refused, timeout, 5xx, ...): how long the failure is given
    /// back before the registry is asked again.
    std::chrono::milliseconds failureRetry {5000};
    /// After the registry said it does not know the id (or the schema cannot be used: invalid,
    /// forbidden, a missing reference).
    std::chrono::milliseconds unknownRetry {60000};
};

struct SchemaCacheStats {
    qsizetype entries = 0;
    qsizetype bytes = 0;
    qsizetype maxEntries = 0;
    qsizetype maxBytes = 0;
    qsizetype referenceEntries = 0;
    qsizetype failuresRemembered = 0;
    quint64 hits = 0;
    quint64 misses = 0;
    quint64 fetches = 0; ///< resolutions started (each may send several requests)
    quint64 evictions = 0;
};

class SchemaCache : public QObject {
    Q_OBJECT
public:
    /// `client` must live on this cache's thread; the cache does not own it. When the client
    /// goes, fetches in flight fail with Kind::Cancelled and later ones with InvalidUse.
    explicit SchemaCache(RegistryClient *client, SchemaCacheLimits limits = {}, QObject *parent = nullptr);
    ~SchemaCache() override;

    SchemaCache(const SchemaCache &) = delete;
    SchemaCache &operator=(const SchemaCache &) = delete;

    /// Any thread, never waits. The schema when cached; otherwise nullptr, and a fetch starts
    /// unless one runs already or a remembered failure holds (then failure(id) says why).
    SchemaPtr lookup(int id);
    /// The remembered failure of an id while it holds (any thread).
    std::optional<RegistryError> failure(int id) const;

    /// Worker threads only. Never longer than `timeout`, and returns within a few milliseconds
    /// of `stop` (Kind::Cancelled). A timeout is Kind::Timeout; the fetch itself goes on and
    /// its result is cached for the next caller.
    Result<SchemaPtr> fetchBlocking(int id, std::stop_token stop, std::chrono::milliseconds timeout);

    /// Forgets one id (its schema or failure), e.g. for "Retry"; any thread.
    void forget(int id);
    /// Forgets everything cached and every failure; fetches in flight go on. Any thread.
    void clear();

    SchemaCacheStats stats() const;
    const SchemaCacheLimits &limits() const { return limits_; }

Q_SIGNALS:
    void schemaArrived(int id);
    void schemaFailed(int id, const edis::registry::RegistryError &error);

private:
    struct State; // shared with waiting worker threads, so that they outlive the cache safely
    struct Fetch;

    /// On the cache's thread: starts the fetch of `id` unless it ran and finished meanwhile.
    void startFetch(int id);
    void fetchReference(const SchemaReference &reference, const RegistryClient::Callback<Schema> &done);
    void complete(int id, const Result<ResolvedSchema> &result);
    void clientGone();

    QPointer<RegistryClient> client_;
    SchemaCacheLimits limits_;
    std::shared_ptr<State> state_;
};

} // namespace edis::registry
