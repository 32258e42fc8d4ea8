// The sandbox's story must look like what real Debezium, CloudEvents producers and business
// services write, because users learn the inspector on it.

#include "sandbox/sandboxscenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <set>

using namespace edis::sandbox;

namespace {

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not a JSON object: %s (%s)", bytes.left(200).constData(), qPrintable(error.errorString()));
        return {};
    }
    return doc.object();
}

QByteArray header(const SandboxEvent &e, const char *name)
{
    for (const auto &[k, v] : e.headers) {
        if (k == name) {
            return v;
        }
    }
    return {};
}

/// The Debezium payload, whether or not the value carries the schema/payload wrapper.
QJsonObject debeziumPayload(const SandboxEvent &e)
{
    const QJsonObject value = parseObject(*e.value);
    return value.contains(QLatin1String("payload")) ? value.value(QLatin1String("payload")).toObject()
                                                    : value;
}

std::vector<SandboxEvent> liveEvents(SandboxScenario &scenario, int count)
{
    std::vector<SandboxEvent> out;
    int64_t now = 1'764'000'000'000;
    while (static_cast<int>(out.size()) < count) {
        for (auto &e : scenario.next(now += 3)) {
            out.push_back(std::move(e));
        }
    }
    return out;
}

} // namespace

class TestSandboxScenario : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameStory()
    {
        SandboxScenario a(42);
        SandboxScenario b(42);
        SandboxScenario c(43);
        const auto ea = liveEvents(a, 300);
        const auto eb = liveEvents(b, 300);
        const auto ec = liveEvents(c, 300);
        QCOMPARE(ea.size(), eb.size());
        bool allEqual = true;
        bool differsFromOtherSeed = false;
        for (std::size_t i = 0; i < ea.size(); ++i) {
            allEqual = allEqual && ea[i].topic == eb[i].topic && ea[i].key == eb[i].key
                && ea[i].value == eb[i].value;
            if (i < ec.size()) {
                differsFromOtherSeed = differsFromOtherSeed || ea[i].value != ec[i].value;
            }
        }
        QVERIFY(allEqual);
        QVERIFY(differsFromOtherSeed);
    }

    void snapshotIsDebeziumReadOfEveryRow()
    {
        SandboxScenario scenario;
        const auto events = scenario.snapshot(1'764'000'000'000);
        QVERIFY(!events.empty());
        std::set<int64_t> customerIds;
        int lastSnapshotMarkers = 0;
        for (const auto &e : events) {
            QVERIFY(e.value.has_value());
            const QJsonObject payload = debeziumPayload(e);
            QCOMPARE(payload.value(QLatin1String("op")).toString(), QStringLiteral("r"));
            QVERIFY(payload.value(QLatin1String("before")).isNull());
            QVERIFY(payload.value(QLatin1String("after")).isObject());
            const QJsonObject source = payload.value(QLatin1String("source")).toObject();
            QCOMPARE(source.value(QLatin1String("connector")).toString(), QStringLiteral("postgresql"));
            QCOMPARE(source.value(QLatin1String("schema")).toString(), QStringLiteral("public"));
            if (source.value(QLatin1String("snapshot")).toString() == QLatin1String("last")) {
                ++lastSnapshotMarkers;
            }
            if (e.topic == topics::kCustomers) {
                customerIds.insert(
                    payload.value(QLatin1String("after")).toObject().value(QLatin1String("id")).toInteger());
            }
        }
        QCOMPARE(customerIds.size(), scenario.customerCount());
        QCOMPARE(lastSnapshotMarkers, 2); // one per table, on its last row
    }

    void changeEventsAreKeyedByPrimaryKey()
    {
        SandboxScenario scenario;
        const auto events = liveEvents(scenario, 2000);
        int checked = 0;
        for (const auto &e : events) {
            if ((e.topic != topics::kCustomers && e.topic != topics::kOrders) || !e.value) {
                continue;
            }
            QVERIFY(e.key.has_value());
            QJsonObject key = parseObject(*e.key);
            if (key.contains(QLatin1String("payload"))) {
                key = key.value(QLatin1String("payload")).toObject();
            }
            const QJsonObject payload = debeziumPayload(e);
            const QString op = payload.value(QLatin1String("op")).toString();
            const QJsonObject row
                = payload.value(op == QLatin1String("d") ? QLatin1String("before") : QLatin1String("after"))
                      .toObject();
            QCOMPARE(key.value(QLatin1String("id")).toInteger(), row.value(QLatin1String("id")).toInteger());
            ++checked;
        }
        QVERIFY2(checked > 200, qPrintable(QString::number(checked)));
    }

    void updatesCarryBeforeAndAfter()
    {
        SandboxScenario scenario;
        const auto events = liveEvents(scenario, 3000);
        int updates = 0;
        for (const auto &e : events) {
            if (e.topic != topics::kCustomers || !e.value) {
                continue;
            }
            const QJsonObject payload = debeziumPayload(e);
            if (payload.value(QLatin1String("op")).toString() != QLatin1String("u")) {
                continue;
            }
            const QJsonObject before = payload.value(QLatin1String("before")).toObject();
            const QJsonObject after = payload.value(QLatin1String("after")).toObject();
            QVERIFY(!before.isEmpty());
            QCOMPARE(before.value(QLatin1String("id")), after.value(QLatin1String("id")));
            QVERIFY2(before != after, "an update must change something");
            ++updates;
        }
        QVERIFY(updates > 10);
    }

    void deletesAreFollowedByTombstones()
    {
        SandboxScenario scenario;
        const auto events = liveEvents(scenario, 5000);
        int tombstones = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto &e = events[i];
            if ((e.topic != topics::kCustomers && e.topic != topics::kOrders) || e.value) {
                continue;
            }
            ++tombstones;
            QVERIFY(e.key.has_value());
            QVERIFY(i > 0);
            const auto &del = events[i - 1];
            QCOMPARE(del.topic, e.topic);
            QCOMPARE(del.key, e.key);
            QCOMPARE(debeziumPayload(del).value(QLatin1String("op")).toString(), QStringLiteral("d"));
            QVERIFY(debeziumPayload(del).value(QLatin1String("after")).isNull());
        }
        QVERIFY(tombstones > 0);
    }

    void ordersCarryConnectSchema()
    {
        SandboxScenario scenario;
        for (const auto &e : scenario.snapshot(1'764'000'000'000)) {
            if (e.topic != topics::kOrders) {
                continue;
            }
            const QJsonObject value = parseObject(*e.value);
            const QJsonObject schema = value.value(QLatin1String("schema")).toObject();
            QCOMPARE(schema.value(QLatin1String("type")).toString(), QStringLiteral("struct"));
            QCOMPARE(
                schema.value(QLatin1String("name")).toString(), QStringLiteral("erp.public.orders.Envelope"));
            QVERIFY(value.value(QLatin1String("payload")).isObject());
            return;
        }
        QFAIL("no orders in the snapshot");
    }

    void crmAccountsUseBothCloudEventsModes()
    {
        SandboxScenario scenario;
        int structured = 0;
        int binary = 0;
        for (const auto &e : liveEvents(scenario, 4000)) {
            if (e.topic != topics::kCrmAccounts) {
                continue;
            }
            if (header(e, "ce_specversion").isEmpty()) {
                QVERIFY(header(e, "content-type").startsWith("application/cloudevents+json"));
                const QJsonObject ce = parseObject(*e.value);
                QCOMPARE(ce.value(QLatin1String("specversion")).toString(), QStringLiteral("1.0"));
                for (const char *attr : {"id", "source", "type", "time"}) {
                    QVERIFY2(!ce.value(QLatin1String(attr)).toString().isEmpty(), attr);
                }
                QVERIFY(ce.value(QLatin1String("data")).isObject());
                ++structured;
            } else {
                QCOMPARE(header(e, "ce_specversion"), QByteArray("1.0"));
                for (const char *h : {"ce_id", "ce_source", "ce_type", "ce_time"}) {
                    QVERIFY2(!header(e, h).isEmpty(), h);
                }
                QVERIFY(!parseObject(*e.value).isEmpty()); // the data itself, as JSON
                ++binary;
            }
        }
        QVERIFY(structured > 0);
        QVERIFY(binary > 0);
    }

    void businessEventsHaveHeaders()
    {
        SandboxScenario scenario;
        int seen = 0;
        for (const auto &e : liveEvents(scenario, 2000)) {
            if (e.topic != topics::kOrderEvents) {
                continue;
            }
            QVERIFY(!header(e, "event-type").isEmpty());
            QCOMPARE(header(e, "correlation-id").size(), 36); // a UUID
            QCOMPARE(header(e, "source-system"), QByteArray("erp"));
            QVERIFY(!parseObject(*e.value).isEmpty());
            ++seen;
        }
        QVERIFY(seen > 0);
    }

    void telemetryFramesRoundTrip_data()
    {
        QTest::addColumn<quint32>("device");
        QTest::addColumn<float>("temperature");
        QTest::addColumn<quint32>("sequence");
        QTest::newRow("typical") << 7u << 21.5f << 1u;
        QTest::newRow("negative temperature") << 99u << -40.25f << 123456u;
        QTest::newRow("max sequence") << 0xFFFFFFFFu << 0.0f << 0xFFFFFFFFu;
    }
    void telemetryFramesRoundTrip()
    {
        QFETCH(quint32, device);
        QFETCH(float, temperature);
        QFETCH(quint32, sequence);
        TelemetryFrame f;
        f.deviceId = device;
        f.temperatureC = temperature;
        f.sequence = sequence;
        f.timestampMs = 1'764'000'000'123;
        const QByteArray bytes = f.encode();
        QCOMPARE(bytes.size(), TelemetryFrame::kSize);
        const auto back = TelemetryFrame::decode(bytes);
        QVERIFY(back.has_value());
        QCOMPARE(back->deviceId, device);
        QCOMPARE(back->temperatureC, temperature);
        QCOMPARE(back->sequence, sequence);
        QCOMPARE(back->timestampMs, f.timestampMs);
    }

    void telemetryDecodeRejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("short") << QByteArray(31, '\0');
        QTest::newRow("wrong magic") << QByteArray(32, 'x');
    }
    void telemetryDecodeRejectsGarbage()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!TelemetryFrame::decode(bytes).has_value());
    }

    void everyTopicGetsTraffic()
    {
        SandboxScenario scenario;
        std::set<std::string> seen;
        for (const auto &e : liveEvents(scenario, 2000)) {
            seen.insert(e.topic);
        }
        seen.insert(scenario.heartbeat(0).topic);
        for (const auto &t : sandboxTopics()) {
            QVERIFY2(seen.count(t.name) == 1, t.name);
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxScenario)
#include "tst_sandboxscenario.moc"
