// The message store: exact bytes back, and a memory budget that is never exceeded.

#include "messagestore.h"
#include "testrecords.h"

#include <QtTest>

using namespace edis::inspect;
using edis::test::TestRecord;

class TestMessageStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storesExactBytes();
    void nullAndEmptyAreDistinct();
    void budgetIsNeverExceeded_data();
    void budgetIsNeverExceeded();
    void planPredictsAppend_data();
    void planPredictsAppend();
    void oversizedRecordIsRejected();
    void loweringTheBudgetDropsOldest();
    void fiveMegabyteRecord();
    void overheadFollowsTheRecordSize();
    void appendRangeCopiesRecordsExactly();
    void storeFillsChunksInRuns();
    void batchesAppendAsOneRun();
    void brokersAndHeadersSurviveCopies();
    void adoptedBatchesAreNotCopied_data();
    void adoptedBatchesAreNotCopied();
};

void TestMessageStore::storesExactBytes()
{
    const std::string binary("\x00\xff\xfe\x01 text\n", 9);
    MessageStore store;
    store.append(edis::test::batchOf({
        {"orders", 2, 41, 1000, std::string("k1"), std::string("{\"a\":1}"),
            {{"h1", std::string("v1")}, {"h2", std::nullopt}}},
        {"other", 0, 7, 2000, binary, binary, {{"bin", binary}}},
    }));
    QCOMPARE(store.size(), std::size_t(2));
    const MessageView a = store.at(0);
    QCOMPARE(a.topic(), std::string_view("orders"));
    QCOMPARE(a.partition(), 2);
    QCOMPARE(a.offset(), int64_t(41));
    QCOMPARE(a.timestamp(), int64_t(1000));
    QCOMPARE(a.key(), std::string_view("k1"));
    QCOMPARE(a.value(), std::string_view("{\"a\":1}"));
    QCOMPARE(a.headerCount(), 2);
    const auto headers = a.headers();
    QCOMPARE(headers[0].name, std::string_view("h1"));
    QCOMPARE(*headers[0].value, std::string_view("v1"));
    QCOMPARE(headers[1].name, std::string_view("h2"));
    QVERIFY(!headers[1].value);
    bool isNull = false;
    QVERIFY(!a.header("h2", &isNull)); // present but null: no value, and isNull says so
    QVERIFY(isNull);
    QVERIFY(!a.header("missing", &isNull));
    QVERIFY(!isNull);
    QVERIFY(a.hasHeader("h2"));
    const MessageView b = store.at(1);
    QCOMPARE(b.topic(), std::string_view("other"));
    QCOMPARE(b.key(), std::string_view(binary));
    QCOMPARE(b.value(), std::string_view(binary));
    QCOMPARE(*b.header("bin"), std::string_view(binary));
    QCOMPARE(store.payloadBytes(), uint64_t(2 + 7 + (2 + 2 + 4 + 2) + (2 + 2 + 4) + 9 + 9 + (2 + 3 + 4 + 9)));
}

void TestMessageStore::nullAndEmptyAreDistinct()
{
    MessageStore store;
    store.append(edis::test::batchOf({
        {"t", 0, 0, 0, std::nullopt, std::nullopt, {}},
        {"t", 0, 1, 0, std::string(), std::string(), {}},
        {"t", 0, 2, 0, std::string("k"), std::nullopt, {}},
    }));
    QVERIFY(!store.at(0).hasKey());
    QVERIFY(!store.at(0).hasValue());
    QVERIFY(!store.at(0).isTombstone()); // no key: not a tombstone
    QVERIFY(store.at(1).hasKey());
    QVERIFY(store.at(1).hasValue());
    QVERIFY(store.at(1).value().empty());
    QVERIFY(store.at(2).isTombstone());
}

void TestMessageStore::budgetIsNeverExceeded_data()
{
    QTest::addColumn<int>("budget");
    QTest::addColumn<int>("recordBytes");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("batches");
    QTest::newRow("small records, small batches") << 256 * 1024 << 200 << 10 << 500;
    QTest::newRow("small records, big batches") << 256 * 1024 << 200 << 2000 << 20;
    QTest::newRow("big records") << 1024 * 1024 << 40000 << 3 << 100;
    QTest::newRow("records larger than a chunk") << 1024 * 1024 << 100000 << 2 << 30;
    QTest::newRow("one batch larger than the budget") << 128 * 1024 << 500 << 5000 << 2;
}

void TestMessageStore::budgetIsNeverExceeded()
{
    QFETCH(int, budget);
    QFETCH(int, recordBytes);
    QFETCH(int, batchSize);
    QFETCH(int, batches);
    MessageStore store {std::size_t(budget)};
    int64_t offset = 0;
    for (int b = 0; b < batches; ++b) {
        std::vector<TestRecord> records;
        for (int i = 0; i < batchSize; ++i) {
            std::string value(std::size_t(recordBytes), char('a' + offset % 26));
            records.push_back({"t", 0, offset++, 0, std::to_string(offset), value, {}});
        }
        store.append(edis::test::batchOf(records));
        QVERIFY2(store.memoryUsed() <= store.memoryBudget(),
            qPrintable(QStringLiteral("%1 > %2").arg(store.memoryUsed()).arg(store.memoryBudget())));
        // Nothing is lost silently: held + dropped == appended.
        QCOMPARE(uint64_t(store.size()) + store.droppedCount(), uint64_t(offset));
    }
    QVERIFY(store.droppedCount() > 0);
    QVERIFY(store.size() > 0);
    // What is held is the newest records, contiguous, in order, intact.
    for (std::size_t i = 0; i < store.size(); ++i) {
        const MessageView r = store.at(i);
        QCOMPARE(r.offset(), offset - int64_t(store.size()) + int64_t(i));
        QCOMPARE(r.value().size(), std::size_t(recordBytes));
        QCOMPARE(r.value().front(), char('a' + r.offset() % 26));
    }
}

void TestMessageStore::planPredictsAppend_data()
{
    QTest::addColumn<int>("budget");
    QTest::addColumn<QList<int>>("batchSizes");
    QTest::newRow("grows") << 1 << QList<int> {10, 100, 1000};
    QTest::newRow("trims") << 64 * 1024 << QList<int> {300, 300, 300, 2000};
    QTest::newRow("tail dropped") << 40 * 1024 << QList<int> {50, 400, 3, 1000};
}

void TestMessageStore::planPredictsAppend()
{
    QFETCH(int, budget);
    QFETCH(QList<int>, batchSizes);
    MessageStore store(budget == 1 ? MessageStore::kDefaultBudget : std::size_t(budget));
    int64_t offset = 0;
    for (const int n : batchSizes) {
        std::vector<TestRecord> records;
        for (int i = 0; i < n; ++i) {
            records.push_back(
                {"t", 0, offset++, 0, std::nullopt, std::string(std::size_t(90 + offset % 50), 'x'), {}});
        }
        const auto batch = edis::test::batchOf(records);
        const auto plan = store.planAppend(batch);
        const auto firstBefore = store.firstId();
        const auto result = store.append(batch);
        QCOMPARE(result.kept, plan.keptFromBatch);
        QVERIFY(store.firstId() >= firstBefore + plan.dropMessages);
        QCOMPARE(result.firstNewId + result.kept, store.endId());
    }
}

void TestMessageStore::oversizedRecordIsRejected()
{
    MessageStore store(64 * 1024);
    store.append(edis::test::batchOf({{"t", 0, 0, 0, std::nullopt, std::string("small"), {}}}));
    store.append(edis::test::batchOf({{"t", 0, 1, 0, std::nullopt, std::string(100 * 1024, 'x'), {}},
        {"t", 0, 2, 0, std::nullopt, std::string("after"), {}}}));
    QCOMPARE(store.droppedCount(), uint64_t(1));
    QCOMPARE(store.size(), std::size_t(2)); // the small one before and the one after survive
    QCOMPARE(store.at(0).value(), std::string_view("small"));
    QCOMPARE(store.at(1).value(), std::string_view("after"));
    QVERIFY(store.memoryUsed() <= store.memoryBudget());
}

void TestMessageStore::loweringTheBudgetDropsOldest()
{
    MessageStore store(4 * 1024 * 1024);
    int64_t offset = 0;
    for (int b = 0; b < 50; ++b) {
        std::vector<TestRecord> records;
        for (int i = 0; i < 100; ++i) {
            records.push_back({"t", 0, offset++, 0, std::nullopt, std::string(500, 'v'), {}});
        }
        store.append(edis::test::batchOf(records));
    }
    const auto heldBefore = store.size();
    const uint64_t predicted = store.recordsDroppedByBudget(512 * 1024);
    const uint64_t dropped = store.setMemoryBudget(512 * 1024);
    QCOMPARE(dropped, predicted);
    QVERIFY(dropped > 0);
    QCOMPARE(store.size(), heldBefore - dropped);
    QVERIFY(store.memoryUsed() <= 512 * 1024);
    QCOMPARE(store.at(store.size() - 1).offset(), offset - 1);
}

void TestMessageStore::fiveMegabyteRecord()
{
    MessageStore store;
    std::string big(5 * 1024 * 1024, 'z');
    big[12345] = '\0';
    store.append(edis::test::batchOf({{"t", 0, 0, 0, std::string("k"), big, {}}}));
    QCOMPARE(store.size(), std::size_t(1));
    QCOMPARE(store.at(0).value(), std::string_view(big));
}

void TestMessageStore::appendRangeCopiesRecordsExactly()
{
    // A run of records copied in one piece: bytes, headers and topic names must come out the
    // same, with topic indexes translated into the target's own table.
    const std::string binary("\x00\xff\x01", 3);
    const MessageBatch source = edis::test::batchOf({
        {"alpha", 0, 1, 10, std::string("k0"), std::string("v0"), {}},
        {"beta", 1, 2, 20, std::nullopt, std::string("v1"), {{"h", std::string("x")}}},
        {"alpha", 0, 3, 30, std::string("k2"), std::nullopt, {{"n", std::nullopt}}},
        {"gamma", 2, 4, 40, binary, binary, {{"bin", binary}, {"e", std::string()}}},
    });
    MessageBatch target
        = edis::test::batchOf({{"gamma", 5, 99, 1, std::string("first"), std::string("x"), {}}});
    target.appendRange(source, 1, 3); // records 1..3
    QCOMPARE(target.size(), std::size_t(4));
    QCOMPARE(target.at(0).key(), std::string_view("first")); // untouched
    for (std::size_t i = 1; i < 4; ++i) {
        const MessageView want = source.at(i);
        const MessageView got = target.at(i);
        QCOMPARE(got.topic(), want.topic());
        QCOMPARE(got.partition(), want.partition());
        QCOMPARE(got.offset(), want.offset());
        QCOMPARE(got.hasKey(), want.hasKey());
        QCOMPARE(got.hasValue(), want.hasValue());
        QCOMPARE(got.key(), want.key());
        QCOMPARE(got.value(), want.value());
        QCOMPARE(got.headerCount(), want.headerCount());
        const auto gh = got.headers();
        const auto wh = want.headers();
        for (std::size_t h = 0; h < wh.size(); ++h) {
            QCOMPARE(gh[h].name, wh[h].name);
            QCOMPARE(gh[h].value.has_value(), wh[h].value.has_value());
            QCOMPARE(gh[h].value.value_or(""), wh[h].value.value_or(""));
        }
    }
    // "gamma" was already in the target's table: reused, not added twice.
    QCOMPARE(target.topics().size(), std::size_t(3));
    QCOMPARE(target.arenaBytes(), std::size_t(5 + 1) + source.arenaBytes() - source.at(0).payloadBytes());

    // appendAll is the whole range.
    MessageBatch all;
    all.appendAll(source);
    QCOMPARE(all.size(), source.size());
    QCOMPARE(all.at(3).value(), std::string_view(binary));
}

void TestMessageStore::storeFillsChunksInRuns()
{
    // Many batches through a small budget: runs split at chunk boundaries, every record kept
    // in order until the budget drops the oldest.
    MessageStore store(std::size_t(256) << 10);
    int64_t offset = 0;
    for (int b = 0; b < 40; ++b) {
        std::vector<TestRecord> records;
        for (int i = 0; i < 97; ++i, ++offset) {
            records.push_back(
                {"t", 0, offset, offset, std::to_string(offset), std::string(100 + (offset % 50), 'v'), {}});
        }
        const MessageBatch batch = edis::test::batchOf(records);
        const MessageStore::AppendPlan plan = store.planAppend(batch);
        store.dropPlanned(plan);
        const MessageStore::AppendResult result = store.appendPlanned(batch, plan);
        QCOMPARE(result.kept, plan.keptFromBatch);
        QVERIFY(store.memoryUsed() <= store.memoryBudget());
    }
    QVERIFY(store.droppedCount() > 0);
    QCOMPARE(store.size() + store.droppedCount(), uint64_t(offset));
    for (std::size_t i = 0; i < store.size(); ++i) {
        const MessageView v = store.at(i);
        const int64_t expected = int64_t(store.droppedCount() + i);
        QCOMPARE(v.offset(), expected);
        QCOMPARE(v.key(), std::string_view(std::to_string(expected)));
        QCOMPARE(v.value().size(), std::size_t(100 + (expected % 50)));
    }
}

void TestMessageStore::batchesAppendAsOneRun()
{
    // A flush hands over several batches (one per read of the consumer); appended together they
    // are one run: the plan predicts the result, the budget holds, the records stay in order.
    std::vector<MessageBatch> batches;
    int64_t offset = 0;
    for (const int n : {700, 0, 1, 350, 1200, 90}) {
        std::vector<TestRecord> records;
        for (int i = 0; i < n; ++i, ++offset) {
            records.push_back({"t", int32_t(offset % 4), offset, offset, std::to_string(offset),
                std::string(120 + offset % 60, 'v'), {}});
        }
        batches.push_back(edis::test::batchOf(records));
    }
    for (const std::size_t budget : {MessageStore::kDefaultBudget, std::size_t(200) << 10}) {
        MessageStore store(budget);
        const MessageStore::AppendPlan plan = store.planAppend(batches);
        store.dropPlanned(plan);
        const MessageStore::AppendResult result = store.appendPlanned(batches, plan);
        QCOMPARE(result.kept, plan.keptFromBatch);
        QVERIFY(store.memoryUsed() <= store.memoryBudget());
        QCOMPARE(store.size() + store.droppedCount(), uint64_t(offset));
        if (budget == MessageStore::kDefaultBudget) {
            QCOMPARE(store.size(), std::size_t(offset));
        } else {
            QVERIFY(store.droppedCount() > 0);
        }
        for (std::size_t i = 0; i < store.size(); ++i) {
            const MessageView v = store.at(i);
            const int64_t expected = int64_t(store.droppedCount() + i);
            QCOMPARE(v.offset(), expected);
            QCOMPARE(v.partition(), int32_t(expected % 4));
            QCOMPARE(v.key(), std::string_view(std::to_string(expected)));
            QCOMPARE(v.value().size(), std::size_t(120 + expected % 60));
        }
    }
}

void TestMessageStore::brokersAndHeadersSurviveCopies()
{
    // The per-record metadata keeps neither the leader broker (a per-batch table) nor the
    // headers' length (they delimit themselves): both must come out as they went in, through
    // every way records are copied (run copies, single copies, the store's chunks).
    std::vector<TestRecord> records;
    for (int i = 0; i < 600; ++i) {
        TestRecord r {
            "t" + std::to_string(i % 2), i % 5, i, i, std::to_string(i), std::string(i % 7, 'v'), {}};
        for (int h = 0; h < i % 4; ++h) {
            r.headers.emplace_back(
                "h" + std::to_string(h), h == 2 ? std::nullopt : std::optional(std::string(h * 3, 'x')));
        }
        r.brokerId = i < 500 ? 1000 + i % 3 : 2000 + i; // 103 brokers: within a batch's table
        records.push_back(r);
    }
    // 300 distinct brokers: a batch keeps the first 255 ids, the rest are shown as unknown.
    std::vector<TestRecord> many;
    for (int i = 0; i < 300; ++i) {
        many.push_back({"t", 0, i, i, std::nullopt, std::string("v"), {}, 5000 + i});
    }
    const MessageBatch manyBatch = edis::test::batchOf(many);
    for (int i = 0; i < 300; ++i) {
        QCOMPARE(manyBatch.at(std::size_t(i)).brokerId(), i < 255 ? 5000 + i : -1);
    }

    const MessageBatch source = edis::test::batchOf(records);
    MessageBatch runs;
    runs.appendRange(source, 0, 250);
    runs.appendRange(source, 250, 350);
    MessageBatch singles;
    for (std::size_t i = 0; i < source.size(); ++i) {
        singles.append(source.at(i));
    }
    MessageStore store(std::size_t(1) << 20);
    store.append(std::vector<MessageBatch> {edis::test::batchOf({records.begin(), records.begin() + 301}),
        edis::test::batchOf({records.begin() + 301, records.end()})});
    QCOMPARE(store.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        const TestRecord &r = records[i];
        for (const MessageView &v : {source.at(i), runs.at(i), singles.at(i), store.at(i)}) {
            QCOMPARE(v.offset(), r.offset);
            QCOMPARE(v.topic(), std::string_view(r.topic));
            QCOMPARE(v.brokerId(), r.brokerId);
            QCOMPARE(v.headerCount(), int(r.headers.size()));
            std::size_t headerBytes = 0;
            const std::vector<HeaderRef> headers = v.headers();
            QCOMPARE(headers.size(), r.headers.size());
            for (std::size_t h = 0; h < headers.size(); ++h) {
                QCOMPARE(headers[h].name, std::string_view(r.headers[h].first));
                QCOMPARE(headers[h].value.has_value(), r.headers[h].second.has_value());
                headerBytes += 2 + r.headers[h].first.size() + 4
                    + (r.headers[h].second ? r.headers[h].second->size() : 0);
            }
            QCOMPARE(v.headersLength(), headerBytes);
            QCOMPARE(v.payloadBytes(), r.key->size() + r.value->size() + headerBytes);
        }
    }
}

void TestMessageStore::adoptedBatchesAreNotCopied_data()
{
    QTest::addColumn<qulonglong>("budget");
    QTest::addColumn<int>("perRead");
    QTest::addColumn<bool>("trims");
    QTest::newRow("default budget") << qulonglong(MessageStore::kDefaultBudget) << 5000 << false;
    QTest::newRow("4 MiB budget, trimming") << qulonglong(std::size_t(4) << 20) << 1000 << true;
}

void TestMessageStore::adoptedBatchesAreNotCopied()
{
    // The consumer's reads reach the store whole. One big and full enough to be a chunk, that
    // does not fit in the tail chunk's free room, is kept as it is — its bytes stay where the
    // consumer wrote them. A few records, a read with much unused capacity, or one that fits in
    // the room left are copied (and left to be reused). The plan still predicts the result, the
    // budget still holds and counts no more than copying would, the records stay in order.
    QFETCH(qulonglong, budget);
    QFETCH(int, perRead);
    QFETCH(bool, trims);
    MessageStore store(std::size_t {budget});
    MessageStore copying(store.memoryBudget());
    int64_t offset = 0;
    const auto records = [&offset](int n) {
        std::vector<TestRecord> out;
        for (int i = 0; i < n; ++i, ++offset) {
            out.push_back({"t", int32_t(offset % 3), offset, offset, std::to_string(offset),
                std::string(150 + offset % 40, 'v'), {{"h", std::to_string(offset)}}});
        }
        return out;
    };
    int adopted = 0;
    for (int flush = 0; flush < 12; ++flush) {
        std::vector<MessageBatch> batches;
        batches.push_back(edis::test::denseBatchOf(records(perRead)));
        batches.push_back(edis::test::denseBatchOf(records(3)));
        MessageBatch sparse(std::size_t(perRead) * 800, std::size_t(perRead) * 4);
        for (const TestRecord &r : records(perRead)) {
            edis::test::appendRecord(sparse, r);
        }
        batches.push_back(std::move(sparse));
        batches.push_back(edis::test::denseBatchOf(records(perRead)));
        QVERIFY(store.adoptable(batches[0]));
        QVERIFY(!store.adoptable(batches[1])); // too few bytes to be a chunk
        QVERIFY(!store.adoptable(batches[2])); // three quarters of its capacity unused
        std::vector<const void *> bytesBefore;
        std::vector<std::size_t> sizesBefore;
        for (const MessageBatch &b : batches) {
            bytesBefore.push_back(b.at(0).value().data());
            sizesBefore.push_back(b.size());
        }
        const std::vector<MessageBatch> copies = batches;
        MessageId id = store.endId();

        const MessageStore::AppendPlan plan = store.planAppend(batches, MessageStore::Ownership::Adopt);
        store.dropPlanned(plan);
        const MessageStore::AppendResult result = store.adoptPlanned(batches, plan);
        copying.append(copies);
        QCOMPARE(result.kept, plan.keptFromBatch);
        QVERIFY(store.memoryUsed() <= store.memoryBudget());
        QCOMPARE(store.size() + store.droppedCount(), uint64_t(offset));
        for (std::size_t b = 0; b < batches.size(); ++b) {
            const bool wasAdopted = batches[b].arenaCapacity() == 0;
            if (wasAdopted) {
                ++adopted;
                QVERIFY(b == 0 || b == 3);
                QCOMPARE(batches[b].size(), std::size_t(0));
                if (store.contains(id)) { // the records are read where the consumer wrote them
                    QCOMPARE(static_cast<const void *>(store.view(id).value().data()), bytesBefore[b]);
                }
            } else {
                QCOMPARE(batches[b].size(), sizesBefore[b]); // copied, left for reuse
                if (store.contains(id)) {
                    QVERIFY(static_cast<const void *>(store.view(id).value().data()) != bytesBefore[b]);
                }
            }
            id += sizesBefore[b];
        }
    }
    // Every flush here also brings records that must be copied (and start a chunk that the
    // next reads fill while they fit), yet at least one read in four flushes is kept as is.
    QVERIFY2(adopted >= 3, qPrintable(QString::number(adopted)));
    QCOMPARE(store.droppedCount() > 0, trims);
    if (!trims) {
        // Nothing dropped: the same records as copying, and the budget counts about the same.
        QCOMPARE(store.payloadBytes(), copying.payloadBytes());
        QCOMPARE(store.size(), copying.size());
        QVERIFY2(store.memoryUsed() <= copying.memoryUsed() + copying.memoryUsed() / 10,
            qPrintable(QStringLiteral("%1 vs %2").arg(store.memoryUsed()).arg(copying.memoryUsed())));
    }
    for (std::size_t i = 0; i < store.size(); ++i) {
        const MessageView v = store.at(i);
        const int64_t expected = int64_t(store.droppedCount() + i);
        QCOMPARE(v.offset(), expected);
        QCOMPARE(v.partition(), int32_t(expected % 3));
        QCOMPARE(v.key(), std::string_view(std::to_string(expected)));
        QCOMPARE(v.value().size(), std::size_t(150 + expected % 40));
        QCOMPARE(v.header("h"), std::optional<std::string_view>(std::to_string(expected)));
    }
}

EDIS_REGISTER_TEST(TestMessageStore);
#include "tst_messagestore.moc"

void TestMessageStore::overheadFollowsTheRecordSize()
{
    // 100,000 records of ~200 bytes (the inspector benchmark's size), in batches as they arrive.
    // Record slots sized for 100-byte records left half of them empty (~106 bytes of overhead
    // per record); sized from the records seen, the overhead is the metadata and little more.
    MessageStore store(std::size_t(32) << 20); // 2 MB chunks: the unfilled tail chunk is noise
    for (int b = 0; b < 100; ++b) {
        std::vector<edis::test::TestRecord> records;
        for (int i = 0; i < 1000; ++i) {
            const int n = b * 1000 + i;
            records.push_back({"orders", n % 3, n, 1700000000000 + n, std::to_string(n),
                std::string(190, 'v') + std::to_string(n), {}});
        }
        store.append(edis::test::batchOf(records));
    }
    QCOMPARE(store.size(), std::size_t(100000));
    const double overhead = double(store.memoryUsed() - store.payloadBytes()) / double(store.size());
    qInfo("store overhead: %.1f bytes per ~200-byte record", overhead);
    QVERIFY2(overhead < 85, qPrintable(QString::number(overhead))); // fixed slots: 106.5 in bench_inspect
    QVERIFY(overhead >= double(sizeof(MessageMeta)));
}
