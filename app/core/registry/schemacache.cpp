#include "registry/schemacache.h"

#include "registry/lrucache.h"
#include "registry/referenceresolver.h"

#include <QHashFunctions>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <unordered_map>

namespace edis::registry {

namespace {

using Clock = std::chrono::steady_clock;

struct QStringHash {
    std::size_t operator()(const QString &s) const { return qHash(s); }
};

struct Failure {
    RegistryError error;
    Clock::time_point at;
    Clock::time_point until;
};

QString referenceKey(const SchemaReference &reference)
{
    return reference.subject + QLatin1Char('\n') + QString::number(reference.version);
}

qsizetype schemaBytes(const Schema &schema)
{
    ResolvedSchema wrapper;
    wrapper.schema = schema;
    return wrapper.approximateBytes();
}

} // namespace

/// The outcome of one fetch, which every waiter of the id shares.
struct SchemaCache::Fetch {
    bool done = false;
    SchemaPtr schema;
    RegistryError error;
};

struct SchemaCache::State {
    explicit State(const SchemaCacheLimits &limits)
        : schemas(limits.maxEntries, limits.maxBytes)
        , references(limits.maxReferenceEntries, limits.maxReferenceBytes)
    {
    }

    /// A remembered failure that still holds. Under the mutex.
    std::optional<RegistryError> activeFailure(int id, Clock::time_point now) const
    {
        const auto it = failures.find(id);
        if (it == failures.end() || it->second.until <= now) {
            return std::nullopt;
        }
        return it->second.error;
    }

    void remember(int id, const RegistryError &error, std::chrono::milliseconds retry, qsizetype maxFailures)
    {
        if (maxFailures <= 0) {
            return;
        }
        const Clock::time_point now = Clock::now();
        if (static_cast<qsizetype>(failures.size()) >= maxFailures && !failures.contains(id)) {
            std::erase_if(failures, [now](const auto &entry) { return entry.second.until <= now; });
        }
        if (static_cast<qsizetype>(failures.size()) >= maxFailures && !failures.contains(id)) {
            const auto oldest = std::min_element(failures.begin(), failures.end(),
                [](const auto &a, const auto &b) { return a.second.at < b.second.at; });
            if (oldest != failures.end()) {
                failures.erase(oldest);
            }
        }
        failures[id] = Failure {error, now, now + retry};
    }

    mutable std::mutex mutex;
    std::condition_variable_any arrived;
    LruCache<int, SchemaPtr> schemas;
    LruCache<QString, Schema, QStringHash> references;
    std::unordered_map<int, Failure> failures;
    std::unordered_map<int, std::shared_ptr<Fetch>> pending;
    bool closed = false;
    bool clientAlive = true;
    quint64 hits = 0;
    quint64 misses = 0;
    quint64 fetches = 0;
};

SchemaCache::SchemaCache(RegistryClient *client, SchemaCacheLimits limits, QObject *parent)
    : QObject(parent)
    , client_(client)
    , limits_(limits)
    , state_(std::make_shared<State>(limits))
{
    qRegisterMetaType<edis::registry::RegistryError>();
    Q_ASSERT(client);
    Q_ASSERT(client->thread() == thread());
    connect(client, &QObject::destroyed, this, &SchemaCache::clientGone);
}

SchemaCache::~SchemaCache()
{
    {
        const std::scoped_lock lock(state_->mutex);
        state_->closed = true;
        for (auto &[id, fetch] : state_->pending) {
            fetch->done = true;
            fetch->error
                = RegistryError::make(RegistryError::Kind::Cancelled, tr("The schema cache was closed."));
        }
        state_->pending.clear();
    }
    state_->arrived.notify_all(); // waiting workers hold the state, not the cache
}

SchemaPtr SchemaCache::lookup(int id)
{
    const std::scoped_lock lock(state_->mutex);
    if (const SchemaPtr *hit = state_->schemas.find(id)) {
        ++state_->hits;
        return *hit;
    }
    ++state_->misses;
    if (state_->closed || !state_->clientAlive || state_->pending.contains(id)
        || state_->activeFailure(id, Clock::now())) {
        return nullptr;
    }
    state_->pending.emplace(id, std::make_shared<Fetch>());
    // Posted even on the cache's own thread: the caller (a model's data()) must not see a signal
    // arrive while it asks. Under the mutex, so that the destructor cannot run past `closed`.
    QMetaObject::invokeMethod(
        this, [this, id] { startFetch(id); }, Qt::QueuedConnection);
    return nullptr;
}

std::optional<RegistryError> SchemaCache::failure(int id) const
{
    const std::scoped_lock lock(state_->mutex);
    return state_->activeFailure(id, Clock::now());
}

Result<SchemaPtr> SchemaCache::fetchBlocking(int id, std::stop_token stop, std::chrono::milliseconds timeout)
{
    if (QThread::currentThread() == thread()) {
        Q_ASSERT_X(false, "SchemaCache::fetchBlocking",
            "called on the cache's own thread, whose event loop the fetch needs: it would deadlock");
        return RegistryError::make(RegistryError::Kind::InvalidUse,
            tr("A blocking schema fetch on the thread that serves it would wait for ever; EDIS refused it "
               "(fetch from a worker thread, or use lookup() and schemaArrived())."));
    }
    const Clock::time_point deadline = Clock::now() + timeout;
    const std::shared_ptr<State> state = state_; // the wait holds the state, not the cache
    std::unique_lock lock(state->mutex);
    if (const SchemaPtr *hit = state->schemas.find(id)) {
        ++state->hits;
        return *hit;
    }
    ++state->misses;
    if (std::optional<RegistryError> remembered = state->activeFailure(id, Clock::now())) {
        return *remembered;
    }
    if (state->closed || !state->clientAlive) {
        return RegistryError::make(RegistryError::Kind::Cancelled, tr("The schema cache was closed."));
    }
    std::shared_ptr<Fetch> fetch;
    if (const auto it = state->pending.find(id); it != state->pending.end()) {
        fetch = it->second;
    } else {
        fetch = std::make_shared<Fetch>();
        state->pending.emplace(id, fetch);
        QMetaObject::invokeMethod(
            this, [this, id] { startFetch(id); }, Qt::QueuedConnection);
    }
    // From here on `this` may be destroyed: only `state` and `fetch` are touched.
    if (state->arrived.wait_until(lock, stop, deadline, [&fetch] { return fetch->done; })) {
        if (fetch->schema) {
            return fetch->schema;
        }
        return fetch->error;
    }
    if (stop.stop_requested()) {
        return RegistryError::make(
            RegistryError::Kind::Cancelled, tr("Stopped while waiting for schema %1.").arg(id));
    }
    return RegistryError::make(RegistryError::Kind::Timeout,
        tr("Schema %1 did not arrive from the Schema Registry within %2 ms.")
            .arg(QString::number(id), QString::number(timeout.count())));
}

void SchemaCache::startFetch(int id)
{
    {
        const std::scoped_lock lock(state_->mutex);
        const auto it = state_->pending.find(id);
        if (it == state_->pending.end() || it->second->done) {
            return; // the client went, or the cache was cleared of it, meanwhile
        }
        ++state_->fetches;
    }
    if (!client_) {
        complete(id, RegistryError::make(RegistryError::Kind::Cancelled, tr("The registry client is gone.")));
        return;
    }
    const QPointer<SchemaCache> self(this);
    resolveSchema(
        *client_, id,
        [self, id](const Result<ResolvedSchema> &result) {
            if (self) {
                self->complete(id, result);
            }
        },
        [self](const SchemaReference &reference, const RegistryClient::Callback<Schema> &done) {
            if (self) {
                self->fetchReference(reference, done);
            } else {
                done(RegistryError::make(RegistryError::Kind::Cancelled, tr("The schema cache was closed.")));
            }
        });
}

void SchemaCache::fetchReference(
    const SchemaReference &reference, const RegistryClient::Callback<Schema> &done)
{
    // "latest" moves; only numbered versions are cached.
    const bool cacheable = reference.version != kLatestVersion;
    const QString key = referenceKey(reference);
    if (cacheable) {
        std::optional<Schema> hit;
        {
            const std::scoped_lock lock(state_->mutex);
            if (const Schema *cached = state_->references.find(key)) {
                hit = *cached;
            }
        }
        if (hit) {
            done(*hit);
            return;
        }
    }
    if (!client_) {
        done(RegistryError::make(RegistryError::Kind::Cancelled, tr("The registry client is gone.")));
        return;
    }
    const std::shared_ptr<State> state = state_;
    client_->schemaVersion(
        reference.subject, reference.version, [state, key, cacheable, done](const Result<Schema> &result) {
            if (result.ok() && cacheable) {
                const std::scoped_lock lock(state->mutex);
                state->references.insert(key, result.value(), schemaBytes(result.value()));
            }
            done(result);
        });
}

void SchemaCache::complete(int id, const Result<ResolvedSchema> &result)
{
    SchemaPtr schema;
    const RegistryError error = result.error();
    {
        const std::scoped_lock lock(state_->mutex);
        std::shared_ptr<Fetch> fetch;
        if (const auto it = state_->pending.find(id); it != state_->pending.end()) {
            fetch = it->second;
            state_->pending.erase(it);
        }
        if (result.ok()) {
            schema = std::make_shared<const ResolvedSchema>(result.value());
            state_->failures.erase(id);
            state_->schemas.insert(id, schema, schema->approximateBytes());
        } else if (error.kind != RegistryError::Kind::Cancelled) {
            // A cancel is ours, not the registry's answer: nothing to remember.
            state_->remember(id, error, error.isTransient() ? limits_.failureRetry : limits_.unknownRetry,
                limits_.maxFailures);
        }
        if (fetch) {
            fetch->done = true;
            fetch->schema = schema;
            fetch->error = error;
        }
    }
    state_->arrived.notify_all();
    if (schema) {
        Q_EMIT schemaArrived(id);
    } else {
        Q_EMIT schemaFailed(id, error);
    }
}

void SchemaCache::clientGone()
{
    std::unordered_map<int, std::shared_ptr<Fetch>> pending;
    const RegistryError gone
        = RegistryError::make(RegistryError::Kind::Cancelled, tr("The registry client is gone."));
    {
        const std::scoped_lock lock(state_->mutex);
        state_->clientAlive = false;
        pending.swap(state_->pending);
        for (auto &[id, fetch] : pending) {
            fetch->done = true;
            fetch->error = gone;
        }
    }
    state_->arrived.notify_all();
    for (const auto &[id, fetch] : pending) {
        Q_EMIT schemaFailed(id, gone);
    }
}

void SchemaCache::forget(int id)
{
    const std::scoped_lock lock(state_->mutex);
    state_->schemas.erase(id);
    state_->failures.erase(id);
}

void SchemaCache::clear()
{
    const std::scoped_lock lock(state_->mutex);
    state_->schemas.clear();
    state_->references.clear();
    state_->failures.clear();
}

SchemaCacheStats SchemaCache::stats() const
{
    const std::scoped_lock lock(state_->mutex);
    SchemaCacheStats s;
    s.entries = state_->schemas.size();
    s.bytes = state_->schemas.cost();
    s.maxEntries = state_->schemas.maxEntries();
    s.maxBytes = state_->schemas.maxCost();
    s.referenceEntries = state_->references.size();
    s.failuresRemembered = static_cast<qsizetype>(state_->failures.size());
    s.hits = state_->hits;
    s.misses = state_->misses;
    s.fetches = state_->fetches;
    s.evictions = state_->schemas.evictions();
    return s;
}

} // namespace edis::registry
