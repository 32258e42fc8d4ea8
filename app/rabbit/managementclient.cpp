#include "rabbit/managementclient.h"

#include "util/filebounds.h"
#include "util/httpreply.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

namespace edis::rabbit {

namespace {

using Kind = ManagementError::Kind;

/// A CA file is a few KiB; a larger file is the wrong file.
constexpr util::FileBound kCaFileBound {
    QT_TRANSLATE_NOOP("edis::files", "certificate and key files"), util::kMiB};

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString verbName(int verb)
{
    static const std::array names {"GET", "PUT", "POST", "DELETE"};
    return QString::fromLatin1(names.at(static_cast<std::size_t>(verb)));
}

/// The handler that parses a successful answer with `parse` and hands the result to `done`.
template <typename T, typename Parse>
std::function<void(const HttpAnswer &)> deliver(ManagementClient::Callback<T> done, Parse parse)
{
    return [done = std::move(done), parse](const HttpAnswer &answer) {
        if (!answer.error.ok()) {
            done(answer.error);
            return;
        }
        std::optional<T> value = parse(answer.json);
        if (!value) {
            done(unexpectedAnswer(answer));
            return;
        }
        done(std::move(*value));
    };
}

/// Pages past the end (the vhost lost queues while it was listed) are empty, not a failure.
bool isPageOutOfRange(const ManagementError &e)
{
    return e.kind == Kind::BadRequest
        && e.detail.contains(QLatin1String("out of range"), Qt::CaseInsensitive);
}

/// Collects the pages of one listing as they arrive, in page order, each name once (a name
/// moves to the next page when one before it is created while the listing runs).
template <typename T>
struct PagedListing {
    QList<QList<T>> pages;
    int outstanding = 0;
    bool failed = false;
    ManagementClient::Callback<QList<T>> done;

    void fail(const ManagementError &error)
    {
        if (!failed) {
            failed = true;
            done(error);
        }
    }
    void finishIfComplete()
    {
        if (failed || outstanding > 0) {
            return;
        }
        QList<T> all;
        QSet<QString> names;
        for (const QList<T> &page : pages) {
            for (const T &item : page) {
                if (!names.contains(item.name)) {
                    names.insert(item.name);
                    all.append(item);
                }
            }
        }
        done(all);
    }
};

} // namespace

ManagementClient::ManagementClient(ManagementSettings settings, QObject *parent)
    : QObject(parent)
    , settings_(std::move(settings))
    , network_(new QNetworkAccessManager(this))
{
    settings_.url = settings_.url.trimmed();
    settingsProblem_ = validate(settings_).join(QLatin1Char(' '));
    if (settingsProblem_.isEmpty()) {
        loadCaFile();
    }
    // Credentials go with every request: never follow a redirect to another origin.
    network_->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

ManagementClient::~ManagementClient()
{
    closing_ = true;
    const QSet<QNetworkReply *> replies = inFlight_;
    for (QNetworkReply *reply : replies) {
        reply->abort();
    }
}

QString ManagementClient::endpoint() const
{
    const QUrl url(settings_.url);
    const bool tls = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(tls ? 443 : 80));
}

void ManagementClient::loadCaFile()
{
    if (QUrl(settings_.url).scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0) {
        return;
    }
    if (!QSslSocket::supportsSsl()) {
        settingsProblem_ = tr("TLS is not available (Qt has no TLS backend here), so %1 cannot be reached.")
                               .arg(settings_.url);
        return;
    }
    ssl_ = QSslConfiguration::defaultConfiguration();
    if (!settings_.verifyPeer) {
        ssl_.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    if (settings_.caFile.isEmpty()) {
        return;
    }
    const util::BoundedFile file = util::readBoundedFile(settings_.caFile, kCaFileBound);
    QList<QSslCertificate> cas
        = file.ok() ? QSslCertificate::fromData(file.bytes, QSsl::Pem) : QList<QSslCertificate>();
    if (file.ok() && cas.isEmpty()) {
        cas = QSslCertificate::fromData(file.bytes, QSsl::Der);
    }
    if (!file.ok() || cas.isEmpty()) {
        settingsProblem_ = file.ok() ? tr("The CA file %1 holds no certificate.").arg(settings_.caFile)
                                     : tr("The management API's CA file: %1").arg(file.error);
        return;
    }
    ssl_.setCaCertificates(cas);
}

void ManagementClient::failLater(const ManagementError &error, AnswerHandler handler)
{
    // Never call back from inside the call: the caller may not be ready for it.
    QMetaObject::invokeMethod(
        this,
        [error, handler = std::move(handler)] {
            HttpAnswer answer;
            answer.error = error;
            handler(answer);
        },
        Qt::QueuedConnection);
}

QNetworkRequest ManagementClient::networkRequest(const Request &request) const
{
    QUrl url(settings_.url);
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + request.path, QUrl::TolerantMode);
    if (!request.query.isEmpty()) {
        QUrlQuery query;
        query.setQueryItems(request.query);
        url.setQuery(query);
    }
    QNetworkRequest nr(url);
    // A write's answer has no body, and DELETE .../contents (purge) offers no JSON: asking for
    // JSON there gets HTTP 406.
    nr.setRawHeader("Accept", request.expectJson ? "application/json" : "*/*");
    nr.setRawHeader("Authorization",
        "Basic " + (settings_.username + QLatin1Char(':') + settings_.password).toUtf8().toBase64());
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        nr.setSslConfiguration(ssl_);
    }
    if (request.verb == Verb::Put || request.verb == Verb::Post) {
        nr.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    }
    return nr;
}

void ManagementClient::send(Request request, AnswerHandler handler)
{
    if (!settingsProblem_.isEmpty()) {
        failLater(ManagementError::make(Kind::InvalidSettings, settingsProblem_), std::move(handler));
        return;
    }
    const QNetworkRequest nr = networkRequest(request);
    QNetworkReply *reply = nullptr;
    switch (request.verb) {
    case Verb::Get:
        reply = network_->get(nr);
        break;
    case Verb::Put:
        reply = network_->put(nr, request.body);
        break;
    case Verb::Post:
        reply = network_->post(nr, request.body);
        break;
    case Verb::Delete:
        reply = network_->deleteResource(nr);
        break;
    }
    ++requestsSent_;
    inFlight_.insert(reply);
    util::guardReply(reply, {settings_.requestTimeout, kMaxAnswerBytes, settings_.verifyHostname});
    const QString what = verbName(static_cast<int>(request.verb)) + QLatin1Char(' ')
        + QUrl::fromPercentEncoding(request.path.toLatin1());
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, what, request = std::move(request), handler = std::move(handler)] {
            finish(reply, what, request, handler);
        });
}

void ManagementClient::finish(
    QNetworkReply *reply, const QString &what, const Request &request, const AnswerHandler &handler)
{
    inFlight_.remove(reply);
    reply->deleteLater();
    if (closing_) {
        return;
    }
    ReplyFacts facts;
    static_cast<util::HttpReplyFacts &>(facts) = util::replyFacts(reply); // the reply's part
    facts.timeout = settings_.requestTimeout;
    facts.endpoint = endpoint();
    facts.request = what;
    facts.scope = request.scope;
    facts.vhost = settings_.vhost;
    facts.expectJson = request.expectJson;
    handler(interpretReply(facts));
}

void ManagementClient::abortAll()
{
    const QSet<QNetworkReply *> replies = inFlight_;
    for (QNetworkReply *reply : replies) {
        reply->abort();
    }
}

void ManagementClient::write(Request request, Callback<Done> done)
{
    request.scope = Scope::Object;
    request.expectJson = false;
    send(std::move(request), [this, done = std::move(done)](const HttpAnswer &answer) {
        if (answer.error.kind != Kind::NotFound) {
            if (answer.error.ok()) {
                done(Done {});
            } else {
                done(answer.error);
            }
            return;
        }
        const ManagementError notFound = answer.error;
        send({Verb::Get, vhostPath("vhosts", settings_.vhost), {}, {}, Scope::Vhost, true},
            [done, notFound](const HttpAnswer &vhost) {
                done(vhost.error.kind == Kind::VhostNotFound ? vhost.error : notFound);
            });
    });
}

template <typename T>
void ManagementClient::fetchPages(const char *collection, const QString &columns,
    std::function<std::optional<Page<T>>(const QJsonValue &)> parse, Callback<QList<T>> done)
{
    const QString path = vhostPath(collection, settings_.vhost);
    const int pageSize = settings_.pageSize;
    auto pageRequest = [path, pageSize, columns](int page) {
        QueryItems query = pageQuery(page, pageSize, columns);
        query.append({QStringLiteral("sort"), QStringLiteral("name")});
        return Request {Verb::Get, path, query, {}, Scope::Vhost, true};
    };
    auto listing = std::make_shared<PagedListing<T>>();
    listing->done = std::move(done);
    send(pageRequest(1), [this, listing, parse, pageRequest](const HttpAnswer &first) {
        std::optional<Page<T>> page = first.error.ok() ? parse(first.json) : std::nullopt;
        if (!page) {
            listing->fail(first.error.ok() ? unexpectedAnswer(first) : first.error);
            return;
        }
        if (page->pageCount > kMaxPages) {
            listing->fail(ManagementError::make(Kind::TooLarge,
                tr("The vhost '%1' has %2 entries in %3 pages; EDIS lists at most %4 pages.")
                    .arg(settings_.vhost, QString::number(page->totalCount), QString::number(page->pageCount),
                        QString::number(kMaxPages))));
            return;
        }
        listing->pages.resize(std::max(page->pageCount, 1));
        listing->pages[0] = std::move(page->items);
        for (int n = 2; n <= page->pageCount; ++n) {
            ++listing->outstanding;
            send(pageRequest(n), [listing, parse, n](const HttpAnswer &answer) {
                --listing->outstanding;
                std::optional<Page<T>> next = answer.error.ok() ? parse(answer.json) : std::nullopt;
                if (next) {
                    listing->pages[n - 1] = std::move(next->items);
                } else if (!isPageOutOfRange(answer.error)) {
                    listing->fail(answer.error.ok() ? unexpectedAnswer(answer) : answer.error);
                    return;
                }
                listing->finishIfComplete();
            });
        }
        listing->finishIfComplete();
    });
}

void ManagementClient::overview(Callback<Overview> done)
{
    send({Verb::Get, QStringLiteral("/api/overview"), {}, {}, Scope::Node, true},
        [this, done = std::move(done)](const HttpAnswer &answer) {
            std::optional<Overview> overview = answer.error.ok() ? parseOverview(answer.json) : std::nullopt;
            if (!overview) {
                done(answer.error.ok() ? unexpectedAnswer(answer) : answer.error);
                return;
            }
            send({Verb::Get, QStringLiteral("/api/nodes"), {{QStringLiteral("columns"), nodeColumns()}}, {},
                     Scope::Node, true},
                [done, overview = std::move(*overview)](const HttpAnswer &nodesAnswer) mutable {
                    if (nodesAnswer.error.kind == Kind::AccessRefused) {
                        overview.nodesVisible = false; // a user without the monitoring tag
                        done(overview);
                        return;
                    }
                    const std::optional<QList<NodeInfo>> nodes
                        = nodesAnswer.error.ok() ? parseNodes(nodesAnswer.json) : std::nullopt;
                    if (!nodes) {
                        done(nodesAnswer.error.ok() ? unexpectedAnswer(nodesAnswer) : nodesAnswer.error);
                        return;
                    }
                    overview.nodes = *nodes;
                    overview.alarms = alarmsOf(*nodes);
                    done(overview);
                });
        });
}

void ManagementClient::testConnection(Callback<ConnectionCheck> done)
{
    overview([this, done = std::move(done)](const Result<Overview> &overview) {
        if (!overview.ok()) {
            done(overview.error());
            return;
        }
        // One queue is enough: the page says how many there are, and its 404 or 401 whether the
        // vhost exists and may be used.
        send({Verb::Get, vhostPath("queues", settings_.vhost), pageQuery(1, 1, QStringLiteral("name")), {},
                 Scope::Vhost, true},
            [done, overview = overview.value()](const HttpAnswer &answer) {
                const std::optional<Page<QueueInfo>> page
                    = answer.error.ok() ? parseQueuePage(answer.json) : std::nullopt;
                if (!page) {
                    done(answer.error.ok() ? unexpectedAnswer(answer) : answer.error);
                    return;
                }
                done(ConnectionCheck {overview, page->totalCount});
            });
    });
}

void ManagementClient::queues(Callback<QList<QueueInfo>> done)
{
    fetchPages<QueueInfo>("queues", queueColumns(), parseQueuePage, std::move(done));
}

void ManagementClient::exchanges(Callback<QList<ExchangeInfo>> done)
{
    fetchPages<ExchangeInfo>("exchanges", exchangeColumns(), parseExchangePage, std::move(done));
}

void ManagementClient::bindings(Callback<QList<BindingInfo>> done)
{
    // The API does not page bindings.
    send({Verb::Get, vhostPath("bindings", settings_.vhost), {}, {}, Scope::Vhost, true},
        deliver<QList<BindingInfo>>(std::move(done), parseBindings));
}

void ManagementClient::queue(const QString &name, Callback<QueueInfo> done)
{
    send({Verb::Get, objectPath("queues", settings_.vhost, name),
             {{QStringLiteral("columns"), queueColumns()}}, {}, Scope::Object, true},
        deliver<QueueInfo>(std::move(done), parseQueue));
}

void ManagementClient::createQueue(const QueueDraft &draft, Callback<Done> done)
{
    write({Verb::Put, objectPath("queues", settings_.vhost, draft.name), {}, compact(queueBody(draft))},
        std::move(done));
}

void ManagementClient::deleteQueue(const QString &name, Callback<Done> done)
{
    write({Verb::Delete, objectPath("queues", settings_.vhost, name), {}, {}}, std::move(done));
}

void ManagementClient::purgeQueue(const QString &name, Callback<Done> done)
{
    write({Verb::Delete, objectPath("queues", settings_.vhost, name) + QStringLiteral("/contents"), {}, {}},
        std::move(done));
}

void ManagementClient::createExchange(const ExchangeDraft &draft, Callback<Done> done)
{
    write({Verb::Put, objectPath("exchanges", settings_.vhost, draft.name), {}, compact(exchangeBody(draft))},
        std::move(done));
}

void ManagementClient::deleteExchange(const QString &name, Callback<Done> done)
{
    write({Verb::Delete, objectPath("exchanges", settings_.vhost, name), {}, {}}, std::move(done));
}

void ManagementClient::bind(const BindingDraft &draft, Callback<Done> done)
{
    write({Verb::Post, bindingPath(settings_.vhost, draft.source, draft.destinationType, draft.destination),
              {}, compact(bindingBody(draft))},
        std::move(done));
}

void ManagementClient::unbind(const BindingInfo &binding, Callback<Done> done)
{
    write({Verb::Delete,
              bindingPath(settings_.vhost, binding.source, binding.destinationType, binding.destination)
                  + QLatin1Char('/') + pathSegment(binding.propertiesKey),
              {}, {}},
        std::move(done));
}

} // namespace edis::rabbit
