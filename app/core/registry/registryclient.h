#pragma once

// An asynchronous client of the Confluent-compatible Schema Registry REST API (Confluent,
// Apicurio's /apis/ccompat/v7, Karapace, Redpanda), over QNetworkAccessManager.
//
// One pattern throughout: every call takes a callback that receives a Result<T> (the typed value
// or a RegistryError). Calls never block and never call back from inside the call: the callback
// runs later on the client's thread, from its event loop. Destroying the client aborts what is in
// flight and no callback runs after that, so an owner (a page, the cache) can go at any time.
// The client is used from the thread it lives on (the GUI thread in the app, the main thread in
// the CLI); worker threads go through SchemaCache::fetchBlocking.

#include "registry/registryerror.h"
#include "registry/registrysettings.h"
#include "registry/registrytypes.h"

#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace edis::registry {

struct HttpAnswer; // registryanswer.h

class RegistryClient : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(const Result<T> &)>;

    /// Settings that do not validate (or a CA/certificate/key that cannot be read) make every
    /// call fail with Kind::InvalidSettings and the reason; nothing is sent. Reads the PEM
    /// files named in the settings (bounded, a few KiB).
    explicit RegistryClient(RegistrySettings settings, QObject *parent = nullptr);
    ~RegistryClient() override;

    RegistryClient(const RegistryClient &) = delete;
    RegistryClient &operator=(const RegistryClient &) = delete;

    const RegistrySettings &settings() const { return settings_; }
    /// Why the settings are unusable, or empty.
    QString settingsProblem() const { return settingsProblem_; }
    /// host:port, for messages.
    QString endpoint() const;

    /// "Test connection": GET /subjects (reachable, credentials accepted, and the answer is the
    /// registry's), then the global compatibility for the summary (its failure is not one).
    void testConnection(Callback<ConnectionCheck> done);

    // Subjects and versions
    void subjects(bool includeDeleted, Callback<QStringList> done);
    void versions(const QString &subject, bool includeDeleted, Callback<QList<int>> done);
    /// `version` is a number or kLatestVersion.
    void schemaVersion(const QString &subject, int version, Callback<Schema> done);
    /// The ids of the schemas that reference this subject's version.
    void referencedBy(const QString &subject, int version, Callback<QList<int>> done);

    // Schemas by id
    void schemaById(int id, Callback<Schema> done);
    void subjectsOfSchema(int id, Callback<QStringList> done);
    void versionsOfSchema(int id, Callback<QList<SubjectVersion>> done);
    void schemaTypes(Callback<QStringList> done);

    // Configuration. An empty subject means the registry's global setting.
    void compatibility(const QString &subject, Callback<CompatibilityLevel> done);
    void setCompatibility(
        const QString &subject, CompatibilityLevel level, Callback<CompatibilityLevel> done);
    void mode(const QString &subject, Callback<RegistryMode> done);
    void setMode(const QString &subject, RegistryMode mode, Callback<RegistryMode> done);

    // Writing
    /// The schema's id (the existing one when the subject already holds the same schema).
    void registerSchema(const QString &subject, const SchemaDraft &schema, Callback<int> done);
    /// The subject's version holding this schema; SchemaNotFound when none does.
    void lookupSchema(const QString &subject, const SchemaDraft &schema, Callback<Schema> done);
    /// Whether `schema` could be registered against `version` (a number or kLatestVersion) under
    /// the subject's compatibility level, with the registry's reasons where it gives them.
    void checkCompatibility(
        const QString &subject, int version, const SchemaDraft &schema, Callback<CompatibilityCheck> done);
    /// The versions deleted. A permanent delete needs a soft delete first (Conflict otherwise).
    void deleteSubject(const QString &subject, DeleteMode mode, Callback<QList<int>> done);
    /// The version deleted.
    void deleteVersion(const QString &subject, int version, DeleteMode mode, Callback<int> done);

    /// Requests in flight, and sent since the client was made (tests, the cache's statistics).
    int pendingRequests() const { return static_cast<int>(inFlight_.size()); }
    quint64 requestsSent() const { return requestsSent_; }
    /// Aborts what is in flight; their callbacks get Kind::Cancelled.
    void abortAll();

private:
    enum class Verb { Get, Post, Put, Delete };
    struct Request {
        Verb verb = Verb::Get;
        QString path; ///< encoded, relative to the base URL ("/subjects/a%2Fb/versions")
        QList<std::pair<QString, QString>> query;
        QByteArray body; ///< JSON, for POST and PUT
    };
    using AnswerHandler = std::function<void(const HttpAnswer &)>;

    void send(Request request, AnswerHandler handler);
    void finish(QNetworkReply *reply, const AnswerHandler &handler);
    void failLater(const RegistryError &error, AnswerHandler handler);
    void loadTlsFiles();

    RegistrySettings settings_;
    QString settingsProblem_;
    QSslConfiguration ssl_;
    QNetworkAccessManager *network_ = nullptr;
    QSet<QNetworkReply *> inFlight_;
    quint64 requestsSent_ = 0;
    bool closing_ = false;
};

} // namespace edis::registry
