#pragma once

// Building records for the inspector's tests, and running several test classes from one
// executable (one executable per area, one class per concern).

#include "messagebatch.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace edis::test {

struct TestRecord {
    std::string topic = "t";
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestamp = 1700000000000;
    std::optional<std::string> key;
    std::optional<std::string> value;
    std::vector<std::pair<std::string, std::optional<std::string>>> headers;
    int32_t brokerId = 1;
};

/// Appends a record to a batch.
void appendRecord(inspect::MessageBatch &batch, const TestRecord &record);
inspect::MessageBatch batchOf(const std::vector<TestRecord> &records);
/// The same records in a batch without spare capacity, as the consumer's reads are (a store
/// can adopt it whole).
inspect::MessageBatch denseBatchOf(const std::vector<TestRecord> &records);
/// A one-record batch, for decoders that need a MessageView.
inspect::MessageBatch single(const TestRecord &record);

using TestFactory = std::function<std::unique_ptr<QObject>()>;
bool registerTest(TestFactory factory);
int runRegisteredTests(int argc, char **argv);

} // namespace edis::test

#define EDIS_REGISTER_TEST(Class)                                                                            \
    static const bool registered##Class [[maybe_unused]]                                                     \
    = edis::test::registerTest([] { return std::unique_ptr<QObject>(new (Class)); })
