#include "testrecords.h"

#include <QtTest>

namespace edis::test {

void appendRecord(inspect::MessageBatch &batch, const TestRecord &r)
{
    std::vector<inspect::HeaderRef> headers;
    for (const auto &[name, value] : r.headers) {
        inspect::HeaderRef h {name, std::nullopt};
        if (value) {
            h.value = std::string_view(*value);
        }
        headers.push_back(h);
    }
    inspect::RecordRef ref;
    ref.topic = r.topic;
    ref.partition = r.partition;
    ref.offset = r.offset;
    ref.timestamp = r.timestamp;
    ref.timestampType = inspect::TimestampType::CreateTime;
    ref.brokerId = r.brokerId;
    if (r.key) {
        ref.key = std::string_view(*r.key);
    }
    if (r.value) {
        ref.value = std::string_view(*r.value);
    }
    ref.headers = headers.data();
    ref.headerCount = headers.size();
    batch.append(ref);
}

inspect::MessageBatch batchOf(const std::vector<TestRecord> &records)
{
    inspect::MessageBatch batch;
    for (const auto &r : records) {
        appendRecord(batch, r);
    }
    return batch;
}

inspect::MessageBatch denseBatchOf(const std::vector<TestRecord> &records)
{
    const inspect::MessageBatch grown = batchOf(records);
    inspect::MessageBatch batch(grown.arenaBytes(), grown.size());
    batch.appendRange(grown, 0, grown.size());
    return batch;
}

inspect::MessageBatch single(const TestRecord &record)
{
    return batchOf({record});
}

namespace {
std::vector<TestFactory> &factories()
{
    static std::vector<TestFactory> list;
    return list;
}
} // namespace

bool registerTest(TestFactory factory)
{
    factories().push_back(std::move(factory));
    return true;
}

int runRegisteredTests(int argc, char **argv)
{
    int failures = 0;
    for (const auto &make : factories()) {
        const auto test = make();
        failures += QTest::qExec(test.get(), argc, argv);
    }
    return failures;
}

} // namespace edis::test
