#include "sandbox/sandboxscenario.h"

#include <nlohmann/json.hpp>

#include <QtEndian>

#include <array>
#include <cmath>
#include <cstring>
#include <ctime>

namespace edis::sandbox {

using Json = nlohmann::ordered_json;

namespace {

constexpr const char *kDebeziumVersion = "2.7.3.Final";
constexpr const char *kServerName = "erp";

const std::array<const char *, 16> kFirstNames = {"Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara",
    "Ken", "Frances", "Dennis", "Radia", "Edsger", "Sophie", "Tim", "Hedy", "Niklaus", "Katherine"};
const std::array<const char *, 12> kLastNames = {"Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing",
    "Liskov", "Thompson", "Allen", "Ritchie", "Perlman", "Dijkstra", "Wilson"};
const std::array<const char *, 8> kCountries = {"DE", "FR", "ES", "US", "GB", "NL", "SE", "CO"};
const std::array<const char *, 3> kTiers = {"standard", "gold", "platinum"};
const std::array<const char *, 3> kCurrencies = {"EUR", "USD", "GBP"};

std::string isoTime(int64_t ms)
{
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm {};
    gmtime_r(&secs, &tm);
    std::array<char, 40> buf {};
    const auto n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%S", &tm);
    std::array<char, 48> out {};
    std::snprintf(
        out.data(), out.size(), "%.*s.%03dZ", static_cast<int>(n), buf.data(), static_cast<int>(ms % 1000));
    return out.data();
}

QByteArray bytes(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

Json field(const char *name, const char *type, bool optional, const char *logicalName = nullptr)
{
    Json f {{"type", type}, {"optional", optional}};
    if (logicalName) {
        f["name"] = logicalName;
        f["version"] = 1;
    }
    f["field"] = name;
    return f;
}

/// The Kafka Connect schema of a row of erp.public.orders, as JsonConverter would write it.
Json orderRowSchema(const char *fieldName)
{
    return Json {{"type", "struct"},
        {"fields",
            Json::array({field("id", "int64", false), field("customer_id", "int64", false),
                field("status", "string", false), field("total_cents", "int64", false),
                field("currency", "string", false),
                field("updated_at", "int64", false, "io.debezium.time.MicroTimestamp")})},
        {"optional", true}, {"name", "erp.public.orders.Value"}, {"field", fieldName}};
}

Json postgresSourceSchema()
{
    return Json {{"type", "struct"},
        {"fields",
            Json::array({field("version", "string", false), field("connector", "string", false),
                field("name", "string", false), field("ts_ms", "int64", false),
                field("snapshot", "string", true), field("db", "string", false),
                field("sequence", "string", true), field("schema", "string", false),
                field("table", "string", false), field("txId", "int64", true), field("lsn", "int64", true),
                field("xmin", "int64", true)})},
        {"optional", false}, {"name", "io.debezium.connector.postgresql.Source"}, {"field", "source"}};
}

Json orderEnvelopeSchema()
{
    return Json {{"type", "struct"},
        {"fields",
            Json::array({orderRowSchema("before"), orderRowSchema("after"), postgresSourceSchema(),
                field("op", "string", false), field("ts_ms", "int64", true)})},
        {"optional", false}, {"name", "erp.public.orders.Envelope"}, {"version", 1}};
}

Json keySchema(const char *table)
{
    return Json {{"type", "struct"}, {"fields", Json::array({field("id", "int64", false)})},
        {"optional", false}, {"name", std::string("erp.public.") + table + ".Key"}};
}

} // namespace

const std::vector<SandboxTopic> &sandboxTopics()
{
    static const std::vector<SandboxTopic> list = {
        {topics::kCustomers, 3, "Debezium change events of the ERP's customers table (JSON, no schema)"},
        {topics::kOrders, 3, "Debezium change events of the ERP's orders table (JSON with schema)"},
        {topics::kCrmAccounts, 2, "CloudEvents from the CRM (structured and binary mode)"},
        {topics::kOrderEvents, 6, "Business events as plain JSON with headers"},
        {topics::kTelemetry, 4, "Binary telemetry frames from devices"},
        {topics::kHeartbeat, 1, "Debezium heartbeats of the ERP connector"},
    };
    return list;
}

QByteArray TelemetryFrame::encode() const
{
    QByteArray out(kSize, '\0');
    auto *p = reinterpret_cast<uchar *>(out.data());
    qToLittleEndian(magic, p);
    qToLittleEndian(version, p + 2);
    qToLittleEndian(deviceId, p + 4);
    qToLittleEndian(timestampMs, p + 8);
    qToLittleEndian(temperatureC, p + 16);
    qToLittleEndian(humidityPct, p + 20);
    qToLittleEndian(batteryMv, p + 24);
    qToLittleEndian(flags, p + 26);
    qToLittleEndian(sequence, p + 28);
    return out;
}

std::optional<TelemetryFrame> TelemetryFrame::decode(const QByteArray &data)
{
    if (data.size() != kSize) {
        return std::nullopt;
    }
    const auto *p = reinterpret_cast<const uchar *>(data.constData());
    TelemetryFrame f;
    f.magic = qFromLittleEndian<uint16_t>(p);
    if (f.magic != kMagic) {
        return std::nullopt;
    }
    f.version = qFromLittleEndian<uint16_t>(p + 2);
    f.deviceId = qFromLittleEndian<uint32_t>(p + 4);
    f.timestampMs = qFromLittleEndian<int64_t>(p + 8);
    f.temperatureC = qFromLittleEndian<float>(p + 16);
    f.humidityPct = qFromLittleEndian<float>(p + 20);
    f.batteryMv = qFromLittleEndian<uint16_t>(p + 24);
    f.flags = qFromLittleEndian<uint16_t>(p + 26);
    f.sequence = qFromLittleEndian<uint32_t>(p + 28);
    return f;
}

SandboxScenario::SandboxScenario(uint64_t seed)
    : rng_(seed)
{
    const int64_t startMs = 1'764'288'000'000; // a fixed origin keeps the snapshot deterministic
    for (int i = 0; i < 24; ++i) {
        Customer c = makeCustomer(startMs);
        customers_.emplace(c.id, c);
    }
    for (int i = 0; i < 40; ++i) {
        Order o = makeOrder(startMs);
        orders_.emplace(o.id, o);
    }
}

int SandboxScenario::pick(int n)
{
    return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng_));
}

template <typename Map>
typename Map::iterator SandboxScenario::randomEntry(Map &map)
{
    auto it = map.begin();
    std::advance(it, pick(static_cast<int>(map.size())));
    return it;
}

std::string SandboxScenario::uuid()
{
    std::array<uint8_t, 16> b {};
    for (auto &x : b) {
        x = static_cast<uint8_t>(rng_());
    }
    b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);
    std::array<char, 37> s {};
    std::snprintf(s.data(), s.size(), "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return s.data();
}

SandboxScenario::Customer SandboxScenario::makeCustomer(int64_t nowMs)
{
    Customer c;
    c.id = nextCustomerId_++;
    c.firstName = kFirstNames[static_cast<std::size_t>(pick(kFirstNames.size()))];
    c.lastName = kLastNames[static_cast<std::size_t>(pick(kLastNames.size()))];
    std::string email = c.firstName + "." + c.lastName + "." + std::to_string(c.id) + "@example.com";
    for (auto &ch : email) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    c.email = email;
    c.country = kCountries[static_cast<std::size_t>(pick(kCountries.size()))];
    c.tier = kTiers[static_cast<std::size_t>(pick(kTiers.size()))];
    c.updatedAtUs = nowMs * 1000;
    return c;
}

SandboxScenario::Order SandboxScenario::makeOrder(int64_t nowMs)
{
    Order o;
    o.id = nextOrderId_++;
    o.customerId = customers_.empty() ? 1001 : randomEntry(customers_)->first;
    o.status = "NEW";
    o.totalCents = 500 + pick(250'000);
    o.currency = kCurrencies[static_cast<std::size_t>(pick(kCurrencies.size()))];
    o.updatedAtUs = nowMs * 1000;
    return o;
}

namespace {

Json customerRow(int64_t id, const std::string &first, const std::string &last, const std::string &email,
    const std::string &country, const std::string &tier, int64_t updatedAtUs)
{
    return Json {{"id", id}, {"first_name", first}, {"last_name", last}, {"email", email},
        {"country", country}, {"tier", tier}, {"updated_at", updatedAtUs}};
}

} // namespace

std::vector<SandboxEvent> SandboxScenario::snapshot(int64_t nowMs)
{
    std::vector<SandboxEvent> out;
    const auto source = [&](const char *table, bool last) {
        return Json {{"version", kDebeziumVersion}, {"connector", "postgresql"}, {"name", kServerName},
            {"ts_ms", nowMs}, {"snapshot", last ? "last" : "true"}, {"db", "erp"},
            {"sequence", "[null,\"" + std::to_string(lsn_) + "\"]"}, {"schema", "public"}, {"table", table},
            {"txId", txId_}, {"lsn", lsn_}, {"xmin", nullptr}};
    };
    std::size_t i = 0;
    for (const auto &[id, c] : customers_) {
        const Json after
            = customerRow(c.id, c.firstName, c.lastName, c.email, c.country, c.tier, c.updatedAtUs);
        const Json value {{"before", nullptr}, {"after", after},
            {"source", source("customers", ++i == customers_.size())}, {"op", "r"}, {"ts_ms", nowMs},
            {"transaction", nullptr}};
        out.push_back({topics::kCustomers, bytes(Json {{"id", id}}), bytes(value), {}, nowMs});
    }
    i = 0;
    for (const auto &[id, o] : orders_) {
        const Json row {{"id", o.id}, {"customer_id", o.customerId}, {"status", o.status},
            {"total_cents", o.totalCents}, {"currency", o.currency}, {"updated_at", o.updatedAtUs}};
        const Json payload {{"before", nullptr}, {"after", row},
            {"source", source("orders", ++i == orders_.size())}, {"op", "r"}, {"ts_ms", nowMs}};
        const Json key {{"schema", keySchema("orders")}, {"payload", {{"id", id}}}};
        const Json value {{"schema", orderEnvelopeSchema()}, {"payload", payload}};
        out.push_back({topics::kOrders, bytes(key), bytes(value), {}, nowMs});
    }
    ++txId_;
    return out;
}

SandboxEvent SandboxScenario::heartbeat(int64_t nowMs) const
{
    return {topics::kHeartbeat, bytes(Json {{"serverName", kServerName}}), bytes(Json {{"ts_ms", nowMs}}), {},
        nowMs};
}

std::vector<SandboxEvent> SandboxScenario::next(int64_t nowMs)
{
    const int roll = pick(100);
    if (roll < 15) {
        return customerChange(nowMs);
    }
    if (roll < 40) {
        return orderChange(nowMs);
    }
    if (roll < 55) {
        return {crmAccountEvent(nowMs)};
    }
    if (roll < 82) {
        return {businessEvent(nowMs)};
    }
    return {telemetryEvent(nowMs)};
}

std::vector<SandboxEvent> SandboxScenario::customerChange(int64_t nowMs)
{
    lsn_ += 64 + pick(4096);
    ++txId_;
    const Json source {{"version", kDebeziumVersion}, {"connector", "postgresql"}, {"name", kServerName},
        {"ts_ms", nowMs - 3}, {"snapshot", "false"}, {"db", "erp"},
        {"sequence", "[\"" + std::to_string(lsn_ - 64) + "\",\"" + std::to_string(lsn_) + "\"]"},
        {"schema", "public"}, {"table", "customers"}, {"txId", txId_}, {"lsn", lsn_}, {"xmin", nullptr}};
    const auto rowOf = [](const Customer &c) {
        return customerRow(c.id, c.firstName, c.lastName, c.email, c.country, c.tier, c.updatedAtUs);
    };
    const auto envelope = [&](const Json &before, const Json &after, const char *op) {
        return Json {{"before", before}, {"after", after}, {"source", source}, {"op", op}, {"ts_ms", nowMs},
            {"transaction", nullptr}};
    };
    const int roll = pick(100);
    if (customers_.size() < 8 || roll < 35) {
        Customer c = makeCustomer(nowMs);
        customers_.emplace(c.id, c);
        return {{topics::kCustomers, bytes(Json {{"id", c.id}}), bytes(envelope(nullptr, rowOf(c), "c")), {},
            nowMs}};
    }
    auto it = randomEntry(customers_);
    if (roll < 85) {
        const Json before = rowOf(it->second);
        Customer &c = it->second;
        switch (pick(3)) {
        case 0:
            c.tier = kTiers[static_cast<std::size_t>(pick(kTiers.size()))];
            break;
        case 1:
            c.country = kCountries[static_cast<std::size_t>(pick(kCountries.size()))];
            break;
        default:
            c.email = "contact." + std::to_string(c.id) + "." + std::to_string(pick(1000)) + "@example.org";
        }
        c.updatedAtUs = nowMs * 1000;
        return {{topics::kCustomers, bytes(Json {{"id", c.id}}), bytes(envelope(before, rowOf(c), "u")), {},
            nowMs}};
    }
    const Customer gone = it->second;
    customers_.erase(it);
    const QByteArray key = bytes(Json {{"id", gone.id}});
    return {{topics::kCustomers, key, bytes(envelope(rowOf(gone), nullptr, "d")), {}, nowMs},
        {topics::kCustomers, key, std::nullopt, {}, nowMs}};
}

std::vector<SandboxEvent> SandboxScenario::orderChange(int64_t nowMs)
{
    lsn_ += 64 + pick(4096);
    ++txId_;
    const Json source {{"version", kDebeziumVersion}, {"connector", "postgresql"}, {"name", kServerName},
        {"ts_ms", nowMs - 2}, {"snapshot", "false"}, {"db", "erp"},
        {"sequence", "[\"" + std::to_string(lsn_ - 64) + "\",\"" + std::to_string(lsn_) + "\"]"},
        {"schema", "public"}, {"table", "orders"}, {"txId", txId_}, {"lsn", lsn_}, {"xmin", nullptr}};
    const auto rowOf = [](const Order &o) {
        return Json {{"id", o.id}, {"customer_id", o.customerId}, {"status", o.status},
            {"total_cents", o.totalCents}, {"currency", o.currency}, {"updated_at", o.updatedAtUs}};
    };
    const auto message = [&](int64_t id, const Json &before, const Json &after, const char *op) {
        const Json key {{"schema", keySchema("orders")}, {"payload", {{"id", id}}}};
        const Json payload {
            {"before", before}, {"after", after}, {"source", source}, {"op", op}, {"ts_ms", nowMs}};
        return SandboxEvent {topics::kOrders, bytes(key),
            bytes(Json {{"schema", orderEnvelopeSchema()}, {"payload", payload}}), {}, nowMs};
    };
    const int roll = pick(100);
    if (orders_.size() < 10 || roll < 40) {
        Order o = makeOrder(nowMs);
        orders_.emplace(o.id, o);
        return {message(o.id, nullptr, rowOf(o), "c")};
    }
    auto it = randomEntry(orders_);
    if (roll < 95) {
        const Json before = rowOf(it->second);
        Order &o = it->second;
        if (o.status == "NEW") {
            o.status = pick(10) == 0 ? "CANCELLED" : "PAID";
        } else if (o.status == "PAID") {
            o.status = "SHIPPED";
        } else if (o.status == "SHIPPED") {
            o.status = "DELIVERED";
        } else {
            o.totalCents += 100; // a late correction of a closed order
        }
        o.updatedAtUs = nowMs * 1000;
        return {message(o.id, before, rowOf(o), "u")};
    }
    const Order gone = it->second;
    orders_.erase(it);
    SandboxEvent tombstone = message(gone.id, nullptr, nullptr, "d");
    tombstone.value.reset();
    return {message(gone.id, rowOf(gone), nullptr, "d"), tombstone};
}

SandboxEvent SandboxScenario::crmAccountEvent(int64_t nowMs)
{
    const bool created = customers_.empty() || pick(4) == 0;
    const int64_t accountId = created ? 90'000 + pick(10'000) : randomEntry(customers_)->first;
    const std::string type = created ? "com.example.crm.account.created" : "com.example.crm.account.updated";
    const Json data {{"accountId", "ACC-" + std::to_string(accountId)}, {"erpCustomerId", accountId},
        {"owner", kFirstNames[static_cast<std::size_t>(pick(kFirstNames.size()))]},
        {"stage", pick(2) == 0 ? "prospect" : "customer"}, {"annualRevenue", 10'000 * (1 + pick(500))}};
    const std::string id = uuid();
    const std::string subject = "accounts/ACC-" + std::to_string(accountId);
    SandboxEvent e;
    e.topic = topics::kCrmAccounts;
    e.key = QByteArray::fromStdString("ACC-" + std::to_string(accountId));
    e.timestampMs = nowMs;
    if (pick(2) == 0) {
        // Structured mode: the whole event is the value.
        const Json event {{"specversion", "1.0"}, {"type", type}, {"source", "/crm/accounts"}, {"id", id},
            {"time", isoTime(nowMs)}, {"subject", subject}, {"datacontenttype", "application/json"},
            {"data", data}};
        e.value = bytes(event);
        e.headers.emplace_back("content-type", "application/cloudevents+json; charset=UTF-8");
    } else {
        // Binary mode: attributes travel as ce_ headers, the value is the data.
        e.value = bytes(data);
        e.headers.emplace_back("ce_specversion", "1.0");
        e.headers.emplace_back("ce_type", QByteArray::fromStdString(type));
        e.headers.emplace_back("ce_source", "/crm/accounts");
        e.headers.emplace_back("ce_id", QByteArray::fromStdString(id));
        e.headers.emplace_back("ce_time", QByteArray::fromStdString(isoTime(nowMs)));
        e.headers.emplace_back("ce_subject", QByteArray::fromStdString(subject));
        e.headers.emplace_back("content-type", "application/json");
    }
    return e;
}

SandboxEvent SandboxScenario::businessEvent(int64_t nowMs)
{
    static const std::array<const char *, 4> kTypes
        = {"OrderPlaced", "OrderPaid", "OrderShipped", "OrderCancelled"};
    const auto &order = orders_.empty() ? makeOrder(nowMs) : randomEntry(orders_)->second;
    const std::string type = kTypes[static_cast<std::size_t>(pick(kTypes.size()))];
    Json items = Json::array();
    const int n = 1 + pick(3);
    for (int i = 0; i < n; ++i) {
        items.push_back({{"sku", "SKU-" + std::to_string(1000 + pick(9000))}, {"quantity", 1 + pick(5)},
            {"unitPriceCents", 199 + pick(20'000)}});
    }
    const Json value {{"eventType", type}, {"orderId", order.id}, {"customerId", order.customerId},
        {"amountCents", order.totalCents}, {"currency", order.currency}, {"items", items},
        {"occurredAt", isoTime(nowMs)}};
    SandboxEvent e;
    e.topic = topics::kOrderEvents;
    e.key = QByteArray::number(static_cast<qlonglong>(order.id));
    e.value = bytes(value);
    e.timestampMs = nowMs;
    e.headers.emplace_back("event-type", QByteArray::fromStdString(type));
    e.headers.emplace_back("correlation-id", QByteArray::fromStdString(uuid()));
    e.headers.emplace_back("source-system", "erp");
    e.headers.emplace_back("schema-version", "1");
    return e;
}

SandboxEvent SandboxScenario::telemetryEvent(int64_t nowMs)
{
    TelemetryFrame f;
    f.deviceId = static_cast<uint32_t>(1 + pick(16));
    f.timestampMs = nowMs;
    const double phase = static_cast<double>(nowMs % 600'000) / 600'000.0 * 2.0 * M_PI;
    f.temperatureC = static_cast<float>(21.0 + 4.0 * std::sin(phase + f.deviceId) + pick(100) / 100.0);
    f.humidityPct = static_cast<float>(40.0 + 10.0 * std::cos(phase) + pick(100) / 50.0);
    f.batteryMv = static_cast<uint16_t>(3300 + pick(900));
    f.flags = static_cast<uint16_t>(pick(20) == 0 ? 0x1 : 0x0);
    f.sequence = ++telemetrySeq_;
    std::array<char, 16> key {};
    std::snprintf(key.data(), key.size(), "device-%02u", f.deviceId);
    return {topics::kTelemetry, QByteArray(key.data()), f.encode(), {}, nowMs};
}

} // namespace edis::sandbox
