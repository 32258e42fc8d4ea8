#pragma once

// The pure half of ManagementClient: the URLs it asks for, the JSON bodies it sends, the values
// it reads from the JSON RabbitMQ answers, and how the facts of one finished HTTP exchange become
// a JSON value or a classified ManagementError (refused, 401 "Login failed", 404 on a vhost,
// "not a management API", ...). Functions of their arguments only, so that each case is a table
// row in a unit test, without a network.

#include "rabbit/managementerror.h"
#include "rabbit/managementtypes.h"
#include "util/httpreply.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>
#include <utility>

namespace edis::rabbit {

// ------------------------------------------------------------------------------ URLs and bodies

/// One percent-encoded path segment: a vhost "/" is "%2F", a queue "a b" is "a%20b".
QString pathSegment(const QString &text);
/// "/api/queues/%2F" for ("queues", "/").
QString vhostPath(const char *collection, const QString &vhost);
/// "/api/queues/%2F/orders" for ("queues", "/", "orders").
QString objectPath(const char *collection, const QString &vhost, const QString &name);
/// "/api/bindings/v/e/SOURCE/q/DEST" (or /e/DEST for an exchange-to-exchange binding).
QString bindingPath(
    const QString &vhost, const QString &source, DestinationType type, const QString &destination);

using QueryItems = QList<std::pair<QString, QString>>;
/// page, page_size and columns for a paged listing (pages count from 1).
QueryItems pageQuery(int page, int pageSize, const QString &columns);

/// The columns= of the queue listing: what QueueInfo holds, nothing more (a queue's full
/// answer is ~2 KiB, this one ~300 bytes).
QString queueColumns();
QString exchangeColumns();
QString nodeColumns();

QJsonObject queueBody(const QueueDraft &draft);
QJsonObject exchangeBody(const ExchangeDraft &draft);
QJsonObject bindingBody(const BindingDraft &draft);

// ------------------------------------------------------------------------------ answers

/// One page of a paged listing.
template <typename T>
struct Page {
    QList<T> items;
    int page = 0;
    int pageCount = 0;
    int totalCount = 0; ///< in the vhost
};

/// The values in the JSON, or nullopt when the JSON is not of that shape (then it is not
/// RabbitMQ's management API answering).
std::optional<Overview> parseOverview(const QJsonValue &json);
std::optional<QList<NodeInfo>> parseNodes(const QJsonValue &json);
std::optional<Page<QueueInfo>> parseQueuePage(const QJsonValue &json);
std::optional<Page<ExchangeInfo>> parseExchangePage(const QJsonValue &json);
std::optional<QList<BindingInfo>> parseBindings(const QJsonValue &json);
/// One queue as GET /api/queues/{vhost}/{name} answers it.
std::optional<QueueInfo> parseQueue(const QJsonValue &json);

/// One sentence per alarm of the nodes (memory, disk, a node not running); empty when none.
QStringList alarmsOf(const QList<NodeInfo> &nodes);

// ------------------------------------------------------------------------------ classification

/// What a request was about: decides what a 404 means.
enum class Scope {
    Node, ///< /api/overview, /api/nodes: a 404 means this is not the management API
    Vhost, ///< a vhost's list, /api/vhosts/{vhost}: a 404 means the vhost does not exist
    Object, ///< a queue, exchange or binding: a 404 means it does not exist (or its vhost)
};

struct ReplyFacts : util::HttpReplyFacts {
    Scope scope = Scope::Node;
    QString vhost; ///< for messages
    bool expectJson = true; ///< false: a write, whose 201/204 answer has no body
};

struct HttpAnswer {
    ManagementError error; ///< Kind::None for a 2xx answer (with JSON when one was expected)
    QJsonValue json;
    int httpStatus = 0;
    QString endpoint;
    QString request;
};

HttpAnswer interpretReply(const ReplyFacts &facts);

/// The error for a successful answer whose JSON is not what the management API returns there.
ManagementError unexpectedAnswer(const HttpAnswer &answer);

/// The NotFound of an object request turned into VhostNotFound, once the vhost itself turned
/// out not to exist.
ManagementError vhostMissing(const ManagementError &notFound, const QString &endpoint, const QString &vhost);

} // namespace edis::rabbit
