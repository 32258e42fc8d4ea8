#pragma once

// The sandbox's story, after the seed: an ERP and a CRM integrated through an event bus.
// Pure and deterministic (seeded): it makes events, it does not send them.

#include "kafka/outgoingmessage.h"

#include <QByteArray>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace edis::sandbox {

struct SandboxTopic {
    const char *name;
    int partitions;
    const char *description;
};

/// The topics the sandbox creates, in display order.
const std::vector<SandboxTopic> &sandboxTopics();

namespace topics {
inline constexpr const char *kCustomers = "erp.public.customers";
inline constexpr const char *kOrders = "erp.public.orders";
inline constexpr const char *kCrmAccounts = "crm.accounts";
inline constexpr const char *kOrderEvents = "orders.events";
inline constexpr const char *kTelemetry = "telemetry.raw";
inline constexpr const char *kHeartbeat = "__debezium-heartbeat.erp";
} // namespace topics

using SandboxEvent = kafka::OutgoingMessage;

/// Layout of a telemetry.raw frame (little-endian, 32 bytes).
struct TelemetryFrame {
    static constexpr uint16_t kMagic = 0xED15;
    static constexpr int kSize = 32;
    uint16_t magic = kMagic;
    uint16_t version = 1;
    uint32_t deviceId = 0;
    int64_t timestampMs = 0;
    float temperatureC = 0;
    float humidityPct = 0;
    uint16_t batteryMv = 0;
    uint16_t flags = 0;
    uint32_t sequence = 0;

    QByteArray encode() const;
    static std::optional<TelemetryFrame> decode(const QByteArray &bytes);
};

class SandboxScenario {
public:
    explicit SandboxScenario(uint64_t seed = 20261128);

    /// The initial snapshot (Debezium op "r") of the ERP tables, emitted once at start.
    std::vector<SandboxEvent> snapshot(int64_t nowMs);
    /// One next event of the live traffic (a tombstone follows a delete as its own event).
    std::vector<SandboxEvent> next(int64_t nowMs);
    /// A Debezium heartbeat for the ERP connector.
    SandboxEvent heartbeat(int64_t nowMs) const;

    std::size_t customerCount() const { return customers_.size(); }
    std::size_t orderCount() const { return orders_.size(); }

private:
    struct Customer {
        int64_t id;
        std::string firstName, lastName, email, country, tier;
        int64_t updatedAtUs;
    };
    struct Order {
        int64_t id;
        int64_t customerId;
        std::string status;
        int64_t totalCents;
        std::string currency;
        int64_t updatedAtUs;
    };

    std::vector<SandboxEvent> customerChange(int64_t nowMs);
    std::vector<SandboxEvent> orderChange(int64_t nowMs);
    SandboxEvent crmAccountEvent(int64_t nowMs);
    SandboxEvent businessEvent(int64_t nowMs);
    SandboxEvent telemetryEvent(int64_t nowMs);

    Customer makeCustomer(int64_t nowMs);
    Order makeOrder(int64_t nowMs);
    std::string uuid();
    int pick(int n);
    template <typename Map>
    typename Map::iterator randomEntry(Map &map);

    std::mt19937_64 rng_;
    std::map<int64_t, Customer> customers_;
    std::map<int64_t, Order> orders_;
    int64_t nextCustomerId_ = 1001;
    int64_t nextOrderId_ = 50001;
    int64_t txId_ = 7000;
    int64_t lsn_ = 24'000'000;
    uint32_t telemetrySeq_ = 0;
};

} // namespace edis::sandbox
