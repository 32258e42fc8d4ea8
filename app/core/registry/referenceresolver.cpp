#include "registry/referenceresolver.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSet>

#include <memory>

namespace edis::registry {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::registry::RegistryClient", text);
}

/// One resolution in flight. Each step holds the job through a shared_ptr, so it lives exactly
/// as long as a callback may still reach it.
class Resolution : public std::enable_shared_from_this<Resolution> {
public:
    Resolution(ReferenceFetcher fetch, RegistryClient::Callback<ResolvedSchema> done)
        : fetch_(std::move(fetch))
        , done_(std::move(done))
    {
    }

    void start(Schema root)
    {
        result_.schema = std::move(root);
        auto self = shared_from_this();
        walk(result_.schema.references, 0, [self] { self->done_(std::move(self->result_)); });
    }

    void fail(const RegistryError &error) { done_(error); }

private:
    /// Resolves `pending` in order, each one's own references first, then calls `then`.
    void walk(QList<SchemaReference> pending, int depth, std::function<void()> then)
    {
        while (!pending.isEmpty() && seen_.contains(pending.first().name)) {
            pending.removeFirst(); // already resolved, or being resolved up the chain (a cycle)
        }
        if (pending.isEmpty()) {
            then();
            return;
        }
        if (depth >= kMaxReferenceDepth || seen_.size() >= kMaxReferences) {
            fail(RegistryError::make(RegistryError::Kind::Unprocessable,
                tr("Schema %1 references more than %2 schemas, or nests references deeper than %3; EDIS "
                   "refuses to follow them.")
                    .arg(QString::number(result_.schema.id), QString::number(kMaxReferences),
                        QString::number(kMaxReferenceDepth))));
            return;
        }
        const SchemaReference reference = pending.takeFirst();
        seen_.insert(reference.name);
        auto self = shared_from_this();
        fetch_(reference, [self, reference, pending, depth, then](const Result<Schema> &fetched) {
            if (!fetched.ok()) {
                self->fail(fetched.error().within(
                    tr("Reference '%1' (subject %2, version %3)")
                        .arg(reference.name, reference.subject, QString::number(reference.version))));
                return;
            }
            const Schema &schema = fetched.value();
            self->walk(schema.references, depth + 1, [self, reference, schema, pending, depth, then] {
                self->result_.references.append({reference.name, schema});
                self->walk(pending, depth, then);
            });
        });
    }

    ReferenceFetcher fetch_;
    RegistryClient::Callback<ResolvedSchema> done_;
    ResolvedSchema result_;
    QSet<QString> seen_;
};

ReferenceFetcher fetcherOrDefault(RegistryClient &client, ReferenceFetcher fetch)
{
    if (fetch) {
        return fetch;
    }
    return [client = QPointer<RegistryClient>(&client)](
               const SchemaReference &reference, const RegistryClient::Callback<Schema> &done) {
        if (client) {
            client->schemaVersion(reference.subject, reference.version, done);
        }
    };
}

} // namespace

void resolveSchema(RegistryClient &client, int id, RegistryClient::Callback<ResolvedSchema> done,
    ReferenceFetcher fetchReference)
{
    auto job
        = std::make_shared<Resolution>(fetcherOrDefault(client, std::move(fetchReference)), std::move(done));
    client.schemaById(id, [job](const Result<Schema> &root) {
        if (!root.ok()) {
            job->fail(root.error());
            return;
        }
        job->start(root.value());
    });
}

void resolveReferences(RegistryClient &client, const Schema &schema,
    RegistryClient::Callback<ResolvedSchema> done, ReferenceFetcher fetchReference)
{
    auto job
        = std::make_shared<Resolution>(fetcherOrDefault(client, std::move(fetchReference)), std::move(done));
    // Later, like every answer of the client, even when nothing needs fetching.
    QMetaObject::invokeMethod(
        &client, [job, schema] { job->start(schema); }, Qt::QueuedConnection);
}

} // namespace edis::registry
