#pragma once

// An asynchronous client of RabbitMQ's management HTTP API (the rabbitmq_management plugin),
// over QNetworkAccessManager: the node's overview, the queues, exchanges and bindings of a vhost
// (listings fetched page by page with only the columns EDIS shows), and the writes of the tree
// (create / delete a queue or an exchange, bind / unbind, purge).
//
// As RegistryClient: every call takes a callback that receives a Result<T> (the value or a
// ManagementError). Calls never block and never call back from inside the call: the callback
// runs later on the client's thread, from its event loop. Destroying the client aborts what is in
// flight and no callback runs after that. The client is used from the thread it lives on.

#include "rabbit/managementerror.h"
#include "rabbit/managementparser.h"
#include "rabbit/managementsettings.h"
#include "rabbit/managementtypes.h"

#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace edis::rabbit {

/// What "Test connection" found.
struct ConnectionCheck {
    Overview overview;
    int queueCount = 0; ///< in the settings' vhost
};

class ManagementClient : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(const Result<T> &)>;

    /// Settings that do not validate (or a CA file that cannot be read) make every call fail
    /// with Kind::InvalidSettings and the reason; nothing is sent.
    explicit ManagementClient(ManagementSettings settings, QObject *parent = nullptr);
    ~ManagementClient() override;

    ManagementClient(const ManagementClient &) = delete;
    ManagementClient &operator=(const ManagementClient &) = delete;

    const ManagementSettings &settings() const { return settings_; }
    /// Why the settings are unusable, or empty.
    QString settingsProblem() const { return settingsProblem_; }
    /// host:port, for messages.
    QString endpoint() const;

    /// The overview (versions, totals, rates) and the nodes with their alarms.
    void overview(Callback<Overview> done);
    /// The overview, then whether the settings' vhost exists and may be used (its queue count).
    void testConnection(Callback<ConnectionCheck> done);

    // Listings of the settings' vhost, every page.
    void queues(Callback<QList<QueueInfo>> done);
    void exchanges(Callback<QList<ExchangeInfo>> done);
    void bindings(Callback<QList<BindingInfo>> done);
    void queue(const QString &name, Callback<QueueInfo> done);

    // Writes in the settings' vhost. A 404 is NotFound, or VhostNotFound when the vhost is gone.
    /// Succeeds too when an equal queue exists; one with other arguments is a BadRequest.
    void createQueue(const QueueDraft &draft, Callback<Done> done);
    void deleteQueue(const QString &name, Callback<Done> done);
    /// Removes the ready messages (not the unacknowledged ones).
    void purgeQueue(const QString &name, Callback<Done> done);
    void createExchange(const ExchangeDraft &draft, Callback<Done> done);
    void deleteExchange(const QString &name, Callback<Done> done);
    void bind(const BindingDraft &draft, Callback<Done> done);
    /// Removes the binding as bindings() listed it (its properties key identifies it).
    void unbind(const BindingInfo &binding, Callback<Done> done);

    /// Requests in flight, and sent since the client was made (tests).
    int pendingRequests() const { return static_cast<int>(inFlight_.size()); }
    quint64 requestsSent() const { return requestsSent_; }
    /// Aborts what is in flight; their callbacks get Kind::Cancelled.
    void abortAll();

private:
    enum class Verb { Get, Put, Post, Delete };
    struct Request {
        Verb verb = Verb::Get;
        QString path; ///< encoded, relative to the base URL ("/api/queues/%2F")
        QueryItems query;
        QByteArray body; ///< JSON, for PUT and POST
        Scope scope = Scope::Node;
        bool expectJson = true;
    };
    using AnswerHandler = std::function<void(const HttpAnswer &)>;

    QNetworkRequest networkRequest(const Request &request) const;
    void send(Request request, AnswerHandler handler);
    /// A write on an object: on NotFound, asks whether the vhost exists to tell the two apart.
    void write(Request request, Callback<Done> done);
    void finish(
        QNetworkReply *reply, const QString &what, const Request &request, const AnswerHandler &handler);
    void failLater(const ManagementError &error, AnswerHandler handler);
    void loadCaFile();
    template <typename T>
    void fetchPages(const char *collection, const QString &columns,
        std::function<std::optional<Page<T>>(const QJsonValue &)> parse, Callback<QList<T>> done);

    ManagementSettings settings_;
    QString settingsProblem_;
    QSslConfiguration ssl_;
    QNetworkAccessManager *network_ = nullptr;
    QSet<QNetworkReply *> inFlight_;
    quint64 requestsSent_ = 0;
    bool closing_ = false;
};

} // namespace edis::rabbit
