// bench_rabbit_queues: listing and filtering 2,000 queues through rabbit::ManagementClient.
//  raw:    the management API's own answer, a bare QNetworkAccessManager GET of the same URLs
//          the client asks for (page 1, then the other pages at once; same columns, sort=name),
//          bodies received but not parsed beyond page 1's page_count.
//  client: ManagementClient::queues to the complete QList<QueueInfo>.
//  filter: the complete list filtered in memory by a substring of the name (case-insensitive,
//          as edis rabbit queues --filter does), median of 100.
// The queues (classic, under a prefix) are created with the client's createQueue, 16 at a time,
// reused by reruns, and deleted at the end unless --keep. Not a test.

#include "rabbit/managementclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace edis;

namespace {

constexpr int kConcurrency = 16;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

/// Runs `op` on every name, `kConcurrency` in flight; false when any failed.
bool forAll(const QStringList &names,
    const std::function<void(const QString &, rabbit::ManagementClient::Callback<rabbit::Done>)> &op)
{
    QEventLoop loop;
    qsizetype next = 0;
    int inFlight = 0;
    bool failed = false;
    std::function<void()> pump = [&] {
        while (inFlight < kConcurrency && next < names.size()) {
            const QString &name = names[next++];
            ++inFlight;
            op(name, [&, name](const rabbit::Result<rabbit::Done> &r) {
                --inFlight;
                if (!r.ok()) {
                    std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(r.error().message));
                    failed = true;
                }
                pump();
                if (inFlight == 0) {
                    loop.quit();
                }
            });
        }
    };
    pump();
    if (inFlight > 0) {
        loop.exec();
    }
    return !failed;
}

struct RawListing {
    double firstPageMs = -1;
    double allMs = -1;
    qint64 bytes = 0;
    int pages = 0;
    QList<QByteArray> bodies;
};

/// The anchor: the client's URLs fetched with a bare QNetworkAccessManager. Unpaged: one GET
/// without page= (the API then answers the whole list as one array).
RawListing rawListing(QNetworkAccessManager &network, const rabbit::ManagementSettings &s, bool paged)
{
    const auto request = [&s, paged](int page) {
        QUrl url(s.url + rabbit::vhostPath("queues", s.vhost));
        QUrlQuery query;
        query.setQueryItems(paged ? rabbit::pageQuery(page, s.pageSize, rabbit::queueColumns())
                                  : rabbit::QueryItems {{QStringLiteral("columns"), rabbit::queueColumns()}});
        query.addQueryItem(QStringLiteral("sort"), QStringLiteral("name"));
        url.setQuery(query);
        QNetworkRequest r(url);
        r.setRawHeader("Accept", "application/json");
        r.setRawHeader(
            "Authorization", "Basic " + (s.username + QLatin1Char(':') + s.password).toUtf8().toBase64());
        return r;
    };
    RawListing result;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    int outstanding = 1;
    const auto finished = [&](QNetworkReply *reply, const std::function<void(const QByteArray &)> &then) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, then] {
            reply->deleteLater();
            const QByteArray body = reply->readAll();
            if (reply->error() != QNetworkReply::NoError) {
                std::fprintf(stderr, "raw GET: %s\n", qPrintable(reply->errorString()));
            }
            result.bytes += body.size();
            result.bodies.append(body);
            ++result.pages;
            then(body);
            if (--outstanding == 0) {
                result.allMs = msSince(timer);
                loop.quit();
            }
        });
    };
    finished(network.get(request(1)), [&](const QByteArray &first) {
        result.firstPageMs = msSince(timer);
        const int pageCount
            = QJsonDocument::fromJson(first).object().value(QLatin1String("page_count")).toInt();
        for (int page = 2; page <= pageCount; ++page) {
            ++outstanding;
            finished(network.get(request(page)), [](const QByteArray &) {});
        }
    });
    loop.exec();
    return result;
}

std::optional<QList<rabbit::QueueInfo>> clientListing(rabbit::ManagementClient &client, double &ms)
{
    std::optional<QList<rabbit::QueueInfo>> list;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    client.queues([&](const rabbit::Result<QList<rabbit::QueueInfo>> &r) {
        ms = msSince(timer);
        if (r.ok()) {
            list = r.value();
        } else {
            std::fprintf(stderr, "queues: %s\n", qPrintable(r.error().message));
        }
        loop.quit();
    });
    loop.exec();
    return list;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times listing and filtering queues over the management API."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("management-url"),
            QStringLiteral("Management API (default: $EDIS_TEST_RABBITMQ_MANAGEMENT_URL)."),
            QStringLiteral("url")},
        {QStringLiteral("user"),
            QStringLiteral("User (default: $EDIS_TEST_RABBITMQ_USER); the password is "
                           "$EDIS_TEST_RABBITMQ_PASSWORD."),
            QStringLiteral("name")},
        {QStringLiteral("vhost"), QStringLiteral("Vhost (default: $EDIS_TEST_RABBITMQ_VHOST or /)."),
            QStringLiteral("name")},
        {QStringLiteral("queues"), QStringLiteral("Queues to create."), QStringLiteral("n"),
            QStringLiteral("2000")},
        {QStringLiteral("prefix"), QStringLiteral("Name prefix of the queues."), QStringLiteral("text"),
            QStringLiteral("edis-bench-queue-")},
        {QStringLiteral("filter"), QStringLiteral("Substring to filter by."), QStringLiteral("text"),
            QStringLiteral("queue-01")},
        {QStringLiteral("runs"), QStringLiteral("Runs (median reported)."), QStringLiteral("n"),
            QStringLiteral("5")},
        {QStringLiteral("keep"), QStringLiteral("Do not delete the queues at the end.")},
    });
    parser.process(app);
    const auto option = [&parser](const char *name, const char *variable, const QString &fallback = {}) {
        const QString value = parser.value(QLatin1String(name));
        return !value.isEmpty() ? value : qEnvironmentVariable(variable, fallback);
    };
    rabbit::ManagementSettings settings;
    settings.url = option("management-url", "EDIS_TEST_RABBITMQ_MANAGEMENT_URL");
    settings.username = option("user", "EDIS_TEST_RABBITMQ_USER", QStringLiteral("guest"));
    settings.password = qEnvironmentVariable("EDIS_TEST_RABBITMQ_PASSWORD", QStringLiteral("guest"));
    settings.vhost = option("vhost", "EDIS_TEST_RABBITMQ_VHOST", QStringLiteral("/"));
    rabbit::ManagementClient client(settings);
    if (!client.settingsProblem().isEmpty()) {
        std::fprintf(stderr, "bench_rabbit_queues: %s\n", qPrintable(client.settingsProblem()));
        return 2;
    }
    const int count = parser.value(QStringLiteral("queues")).toInt();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const QString needle = parser.value(QStringLiteral("filter"));
    QStringList names;
    for (int i = 0; i < count; ++i) {
        names << parser.value(QStringLiteral("prefix"))
                + QString::number(i).rightJustified(4, QLatin1Char('0'));
    }
    std::printf("bench_rabbit_queues: %s vhost %s, load %s\n", qPrintable(settings.url),
        qPrintable(settings.vhost), qPrintable(loadAverage()));

    QElapsedTimer setup;
    setup.start();
    const bool created = forAll(names, [&client](const QString &name, auto done) {
        client.createQueue({name, rabbit::QueueType::Classic, true, false, {}}, std::move(done));
    });
    if (!created) {
        return 1;
    }
    std::printf("created (or found) %d classic queues in %.0f ms (createQueue, %d in flight)\n", count,
        msSince(setup), kConcurrency);

    QNetworkAccessManager network;
    std::vector<double> rawFirst;
    std::vector<double> rawAll;
    std::vector<double> rawUnpaged;
    std::vector<double> clientAll;
    RawListing raw;
    QList<rabbit::QueueInfo> queues;
    for (int r = 0; r < runs; ++r) {
        double clientMs = -1;
        const auto once = [&] {
            rawUnpaged.push_back(rawListing(network, settings, false).allMs);
            raw = rawListing(network, settings, true);
            rawFirst.push_back(raw.firstPageMs);
            rawAll.push_back(raw.allMs);
        };
        if (r % 2 == 0) {
            once();
        }
        const auto list = clientListing(client, clientMs);
        if (!list) {
            return 1;
        }
        queues = *list;
        clientAll.push_back(clientMs);
        if (r % 2 != 0) {
            once();
        }
        std::printf(
            "run %d: raw unpaged %.1f ms, first page %.1f ms, all %d pages %.1f ms (%lld bytes); client %lld "
            "queues %.1f ms\n",
            r + 1, rawUnpaged.back(), raw.firstPageMs, raw.pages, raw.allMs,
            static_cast<long long>(raw.bytes), static_cast<long long>(queues.size()), clientMs);
    }

    // The client's own work on the answers: JSON parsing and QueueInfo values, without the wire.
    std::vector<double> parseMs;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        qsizetype parsed = 0;
        for (const QByteArray &body : std::as_const(raw.bodies)) {
            const auto page = rabbit::parseQueuePage(QJsonDocument::fromJson(body).object());
            parsed += page ? page->items.size() : 0;
        }
        parseMs.push_back(msSince(t));
        if (parsed != queues.size()) {
            std::fprintf(stderr, "parsed %lld of %lld queues\n", static_cast<long long>(parsed),
                static_cast<long long>(queues.size()));
        }
    }

    std::vector<double> filterUs;
    qsizetype hits = 0;
    for (int i = 0; i < 100; ++i) {
        QElapsedTimer t;
        t.start();
        QList<rabbit::QueueInfo> matching;
        for (const rabbit::QueueInfo &q : std::as_const(queues)) {
            if (q.name.contains(needle, Qt::CaseInsensitive)) {
                matching.append(q);
            }
        }
        filterUs.push_back(double(t.nsecsElapsed()) / 1e3);
        hits = matching.size();
    }

    std::printf("\n| %-54s | %10s |\n|%s|%s|\n", "listing the vhost's queues, median of runs", "ms",
        QByteArray(56, '-').constData(), QByteArray(12, '-').constData());
    std::printf("| %-54s | %10.1f |\n", "raw GET, unpaged (one request, the whole list)", median(rawUnpaged));
    std::printf("| %-54s | %10.1f |\n", "raw GET, first page (500)", median(rawFirst));
    std::printf("| %-54s | %10.1f |\n",
        qPrintable(QStringLiteral("raw GET, all %1 pages (anchor)").arg(raw.pages)), median(rawAll));
    std::printf("| %-54s | %10.1f |\n",
        qPrintable(QStringLiteral("ManagementClient::queues, complete (%1 queues)").arg(queues.size())),
        median(clientAll));
    std::printf(
        "| %-54s | %10.1f |\n", "  its parsing of those pages (JSON + parseQueuePage)", median(parseMs));
    std::printf("| %-54s | %10.3f |\n",
        qPrintable(QStringLiteral("filter \"%1\" in memory (%2 hits, median of 100)").arg(needle).arg(hits)),
        median(filterUs) / 1e3);
    std::printf("client / raw: %.2f; load after: %s\n", median(clientAll) / median(rawAll),
        qPrintable(loadAverage()));

    if (!parser.isSet(QStringLiteral("keep"))) {
        setup.restart();
        const bool deleted = forAll(
            names, [&client](const QString &name, auto done) { client.deleteQueue(name, std::move(done)); });
        std::printf(
            "deleted %d queues in %.0f ms%s\n", count, msSince(setup), deleted ? "" : " (some failed)");
    }
    return 0;
}
