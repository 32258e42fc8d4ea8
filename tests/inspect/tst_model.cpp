// The record table model, wrapped in QAbstractItemModelTester throughout: batch inserts,
// budget trims at the top, filtering, heartbeat hiding, decoder overrides, sorting.

#include "builtindecoders.h"
#include "messagetablemodel.h"
#include "testrecords.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <numeric>

using namespace edis::inspect;
using edis::test::TestRecord;

namespace {

MessageBatch numbered(int64_t firstOffset, int count, std::size_t valueBytes = 100)
{
    std::vector<TestRecord> records;
    for (int i = 0; i < count; ++i) {
        const int64_t offset = firstOffset + i;
        std::string value = R"({"n":)" + std::to_string(offset) + R"(,"even":)"
            + (offset % 2 ? "false" : "true") + R"(,"pad":")";
        value += std::string(valueBytes, 'p') + "\"}";
        records.push_back({"numbers", int32_t(offset % 3), offset, 1700000000000 + offset,
            std::string("key-") + std::to_string(offset), value, {{"h", std::string("x")}}});
    }
    return edis::test::batchOf(records);
}

} // namespace

class TestModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneInsertPerBatch();
    void batchesOfOneFlushAreOneInsert();
    void adoptedFlushesKeepRowsInStep_data();
    void adoptedFlushesKeepRowsInStep();
    void displaysColumns();
    void budgetRemovesTopRows();
    void filterSelectsRows();
    void filterKeepsUpWithAppendsAndTrims();
    void invalidFilterKeepsCurrent();
    void hidesHeartbeats();
    void decoderOverride();
    void clearResets();
    void sortsByColumnsAndKeepsSortedWhileAppending();
};

void TestModel::oneInsertPerBatch()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendBatch(numbered(0, 500));
    model.appendBatch(numbered(500, 1));
    model.appendBatch(MessageBatch());
    model.appendBatch(numbered(501, 99));
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(inserted[0][1].toInt(), 0);
    QCOMPARE(inserted[0][2].toInt(), 499);
    QCOMPARE(inserted[2][1].toInt(), 501);
    QCOMPARE(inserted[2][2].toInt(), 599);
    QCOMPARE(model.rowCount(), 600);
    QCOMPARE(model.columnCount(), int(MessageTableModel::ColumnCount));
}

void TestModel::batchesOfOneFlushAreOneInsert()
{
    // The consumer hands over each read as its own batch; a flush of several is one insert, in
    // order, unfiltered and filtered alike.
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const std::vector<MessageBatch> flush
        = {numbered(0, 40), MessageBatch(), numbered(40, 1), numbered(41, 59)};
    model.appendBatches(flush);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 0);
    QCOMPARE(inserted[0][2].toInt(), 99);
    for (int row = 0; row < 100; ++row) {
        QCOMPARE(model.data(model.index(row, MessageTableModel::OffsetColumn)).toLongLong(), qint64(row));
    }
    QVERIFY(!model.setFilterText(QStringLiteral("value.even == true")).isError());
    QCOMPARE(model.rowCount(), 50);
    inserted.clear();
    model.appendBatches(std::vector<MessageBatch> {numbered(100, 10), numbered(110, 11)});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 50);
    QCOMPARE(inserted[0][2].toInt(), 60); // 100, 102, ..., 120
    QCOMPARE(model.data(model.index(60, MessageTableModel::OffsetColumn)).toLongLong(), qint64(120));
    inserted.clear();
    model.appendBatches(std::vector<MessageBatch> {MessageBatch(), MessageBatch()});
    QCOMPARE(inserted.size(), 0);
}

void TestModel::adoptedFlushesKeepRowsInStep_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("sorted");
    QTest::newRow("all rows") << QString() << false;
    QTest::newRow("filtered") << QStringLiteral("value.even == true") << false;
    QTest::newRow("sorted by offset, descending") << QString() << true;
}

void TestModel::adoptedFlushesKeepRowsInStep()
{
    // What the inspector does with each flush: the store adopts the consumer's reads (no copy)
    // under a budget that trims the oldest. The rows follow exactly: one insert per flush, the
    // trimmed rows removed, every row a held record, in order, filtered or sorted.
    QFETCH(QString, filter);
    QFETCH(bool, sorted);
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMemoryBudget(std::size_t(1) << 20);
    QVERIFY(!model.setFilterText(filter).isError());
    if (sorted) {
        model.sort(MessageTableModel::OffsetColumn, Qt::DescendingOrder);
    }
    const auto dense = [](int64_t first, int count) {
        const MessageBatch grown = numbered(first, count);
        MessageBatch batch(grown.arenaBytes(), grown.size());
        batch.appendRange(grown, 0, grown.size());
        return batch;
    };
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int64_t offset = 0;
    constexpr int kFlushes = 16;
    for (int flush = 0; flush < kFlushes; ++flush) {
        std::vector<MessageBatch> batches;
        batches.push_back(dense(offset, 400));
        batches.push_back(numbered(offset + 400, 5));
        batches.push_back(dense(offset + 405, 400));
        offset += 805;
        QVERIFY(model.store().adoptable(batches[0]));
        model.adoptBatches(batches);
        QVERIFY(batches[0].isEmpty());
        QCOMPARE(batches[1].size(), std::size_t(5));
        QVERIFY(model.store().memoryUsed() <= model.store().memoryBudget());
    }
    const MessageStore &store = model.store();
    QVERIFY(store.droppedCount() > 0);
    QCOMPARE(store.size() + store.droppedCount(), uint64_t(offset));
    if (!sorted) {
        QCOMPARE(inserted.size(), kFlushes);
    }
    std::vector<int64_t> expected;
    for (std::size_t i = 0; i < store.size(); ++i) {
        const int64_t o = store.at(i).offset();
        QCOMPARE(o, int64_t(store.droppedCount() + i));
        if (filter.isEmpty() || o % 2 == 0) {
            expected.push_back(o);
        }
    }
    if (sorted) {
        std::reverse(expected.begin(), expected.end());
    }
    QCOMPARE(model.rowCount(), int(expected.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.data(model.index(row, MessageTableModel::OffsetColumn)).toLongLong(),
            qint64(expected[std::size_t(row)]));
    }
}

void TestModel::displaysColumns()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendBatch(edis::test::batchOf({
        {"t", 2, 77, 1700000000123, std::string("the-key"), std::string(R"({"a":1})"),
            {{"x", std::string("1")}}},
        {"t", 0, 78, 1700000000124, std::nullopt, std::nullopt, {}},
        {"t", 1, 79, 1700000000125, std::string("\x01\x02", 2), std::string("\xff\x00\x01", 3), {}},
    }));
    const auto cell = [&](int row, int column) { return model.data(model.index(row, column)).toString(); };
    QCOMPARE(cell(0, MessageTableModel::PartitionColumn), QStringLiteral("2"));
    QCOMPARE(cell(0, MessageTableModel::OffsetColumn), QStringLiteral("77"));
    QCOMPARE(cell(0, MessageTableModel::KeyColumn), QStringLiteral("the-key"));
    QCOMPARE(cell(0, MessageTableModel::ValueColumn), QStringLiteral(R"({"a":1})"));
    QCOMPARE(cell(0, MessageTableModel::HeadersColumn), QStringLiteral("1"));
    QCOMPARE(cell(0, MessageTableModel::SizeColumn), QString::number(7 + 7 + 2 + 1 + 4 + 1));
    QCOMPARE(cell(0, MessageTableModel::DecoderColumn), model.registry().byId(decoderid::kJson)->name());
    QVERIFY(cell(0, MessageTableModel::TimestampColumn).contains(QStringLiteral(".123")));
    QCOMPARE(cell(1, MessageTableModel::KeyColumn), QStringLiteral("(null)"));
    QCOMPARE(cell(1, MessageTableModel::ValueColumn), QStringLiteral("(null)"));
    QCOMPARE(cell(2, MessageTableModel::KeyColumn), QStringLiteral("01 02"));
    QCOMPARE(cell(2, MessageTableModel::ValueColumn), QStringLiteral("ff 00 01"));
    QCOMPARE(model.data(model.index(0, 0), MessageTableModel::MessageIdRole).toULongLong(), 0ull);
    QCOMPARE(model.data(model.index(1, 0), MessageTableModel::IsTombstoneRole).toBool(), false);
    QCOMPARE(model.decode(0).kind, DecodedValue::Kind::Json);
}

void TestModel::budgetRemovesTopRows()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMemoryBudget(256 * 1024);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    int64_t offset = 0;
    for (int b = 0; b < 40; ++b) {
        model.appendBatch(numbered(offset, 100, 200));
        offset += 100;
        QVERIFY(model.store().memoryUsed() <= 256 * 1024);
        QCOMPARE(uint64_t(model.rowCount()) + model.store().droppedCount(), uint64_t(offset));
    }
    QVERIFY(!removed.isEmpty());
    for (const auto &args : removed) {
        QCOMPARE(args[1].toInt(), 0); // always the oldest rows, at the top
    }
    // The newest record is the last row.
    QCOMPARE(model.data(model.index(model.rowCount() - 1, MessageTableModel::OffsetColumn)).toLongLong(),
        offset - 1);
    const qint64 firstOffset = model.data(model.index(0, MessageTableModel::OffsetColumn)).toLongLong();
    QCOMPARE(uint64_t(firstOffset), model.store().droppedCount());

    const int before = model.rowCount();
    model.setMemoryBudget(64 * 1024);
    QVERIFY(model.rowCount() < before);
    QVERIFY(model.store().memoryUsed() <= 64 * 1024);
}

void TestModel::filterSelectsRows()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendBatch(numbered(0, 1000));
    QVERIFY(!model.setFilterText(QStringLiteral("value.even == true && partition == 0")).isError());
    QVERIFY(model.isFiltered());
    QCOMPARE(model.rowCount(), 167); // offsets divisible by 6 in 0..999
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.viewAt(row).offset() % 6, int64_t(0));
    }
    QCOMPARE(model.rowOf(6), 1);
    QCOMPARE(model.rowOf(7), -1);
    QVERIFY(!model.setFilterText(QString()).isError());
    QVERIFY(!model.isFiltered());
    QCOMPARE(model.rowCount(), 1000);
}

void TestModel::filterKeepsUpWithAppendsAndTrims()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMemoryBudget(128 * 1024);
    model.setFilterText(QStringLiteral("value.n > 10 && value.even"));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int64_t offset = 0;
    for (int b = 0; b < 60; ++b) {
        model.appendBatch(numbered(offset, 50, 150));
        offset += 50;
        // Every visible row is held, matches, and rows are in id order.
        uint64_t previous = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto id = model.idAt(row);
            QVERIFY(id && model.store().contains(*id));
            QVERIFY(row == 0 || *id > previous);
            previous = *id;
            const MessageView r = model.viewAt(row);
            QVERIFY(r.offset() > 10 && r.offset() % 2 == 0);
        }
        // And every held matching record is visible.
        int expected = 0;
        model.store().forEach(model.store().firstId(), model.store().endId(),
            [&](MessageId, const MessageView &r) { expected += r.offset() > 10 && r.offset() % 2 == 0; });
        QCOMPARE(model.rowCount(), expected);
    }
    QVERIFY(inserted.size() <= 60);
    QVERIFY(model.store().droppedCount() > 0);
}

void TestModel::invalidFilterKeepsCurrent()
{
    MessageTableModel model;
    model.appendBatch(numbered(0, 10));
    model.setFilterText(QStringLiteral("offset < 5"));
    QCOMPARE(model.rowCount(), 5);
    const FilterError error = model.setFilterText(QStringLiteral("offset <"));
    QVERIFY(error.isError());
    QCOMPARE(error.column, 9);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.filter()->text(), QStringLiteral("offset < 5"));
}

void TestModel::hidesHeartbeats()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    MessageBatch batch = edis::test::batchOf({
        {"__debezium-heartbeat.erp", 0, 0, 0, std::string("k"), std::string(R"({"ts_ms":1})"), {}},
        {"erp.public.customers", 0, 0, 0, std::string("k"),
            std::string(R"({"op":"c","after":{},"source":{}})"), {}},
        {"erp.public.customers", 0, 1, 0, std::string("k"), std::string(R"({"ts_ms":2})"), {}},
    });
    // Not classified on arrival (as the inspector's consumer thread delivers them): the model
    // recognises heartbeats itself while hiding them.
    model.appendBatch(batch);
    QCOMPARE(model.rowCount(), 3);
    model.setHideHeartbeats(true);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.viewAt(0).topic(), std::string_view("erp.public.customers"));
    QCOMPARE(model.viewAt(0).offset(), int64_t(0));
    model.appendBatch(batch); // new heartbeats stay hidden too
    QCOMPARE(model.rowCount(), 2);
    model.setHideHeartbeats(false);
    QCOMPARE(model.rowCount(), 6);
}

void TestModel::decoderOverride()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendBatch(numbered(0, 3));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setDecoderOverride(QStringLiteral("numbers"), decoderid::kHex);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(model.index(0, 0), MessageTableModel::DecoderIdRole).toString(), decoderid::kHex);
    QVERIFY(model.data(model.index(0, MessageTableModel::ValueColumn))
                .toString()
                .startsWith(QStringLiteral("7b 22 6e")));
    model.setDecoderOverride(QStringLiteral("numbers"), QString());
    QCOMPARE(model.data(model.index(0, 0), MessageTableModel::DecoderIdRole).toString(), decoderid::kJson);
}

void TestModel::clearResets()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendBatch(numbered(0, 10));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    model.appendBatch(numbered(10, 5));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.viewAt(0).offset(), int64_t(10));
}

EDIS_REGISTER_TEST(TestModel);
#include "tst_model.moc"

void TestModel::sortsByColumnsAndKeepsSortedWhileAppending()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendBatch(numbered(0, 30)); // partitions 0,1,2,0,1,2…; offsets 0..29
    const auto column = [&model](auto getter) {
        std::vector<int64_t> out;
        for (int row = 0; row < model.rowCount(); ++row) {
            out.push_back(int64_t(getter(model.viewAt(row))));
        }
        return out;
    };
    const auto offsets = [&] { return column([](const MessageView &r) { return r.offset(); }); };
    const auto partitions = [&] { return column([](const MessageView &r) { return r.partition(); }); };

    // Descending offset.
    model.sort(MessageTableModel::OffsetColumn, Qt::DescendingOrder);
    QVERIFY(model.isSorted());
    std::vector<int64_t> expected(30);
    std::iota(expected.rbegin(), expected.rend(), 0);
    QCOMPARE(offsets(), expected);
    QCOMPARE(model.rowOf(*model.idAt(0)), 0);

    // By partition: ties keep arrival order (offsets ascending inside a partition).
    model.sort(MessageTableModel::PartitionColumn, Qt::AscendingOrder);
    const auto byPartition = partitions();
    QVERIFY(std::is_sorted(byPartition.begin(), byPartition.end()));
    QCOMPARE(model.viewAt(0).offset(), int64_t(0));
    QCOMPARE(model.viewAt(1).offset(), int64_t(3));
    QCOMPARE(model.viewAt(10).offset(), int64_t(1)); // first record of partition 1

    // A live batch merges into place: one reset, still sorted, nothing lost.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.appendBatch(numbered(30, 9));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 39);
    const auto p = partitions();
    QVERIFY(std::is_sorted(p.begin(), p.end()));
    QCOMPARE(model.viewAt(12).offset(), int64_t(36)); // the end of partition 0 now

    // Key by bytes, combined with a filter.
    QVERIFY(!model.setFilterText(QStringLiteral("offset < 12")).isError());
    model.sort(MessageTableModel::KeyColumn, Qt::AscendingOrder);
    QCOMPARE(model.rowCount(), 12);
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row) {
        keys << QString::fromUtf8(model.viewAt(row).key().data(), qsizetype(model.viewAt(row).key().size()));
    }
    QStringList sortedKeys = keys;
    sortedKeys.sort();
    QCOMPARE(keys, sortedKeys);
    QCOMPARE(keys.first(), QStringLiteral("key-0"));
    QCOMPARE(keys.at(2), QStringLiteral("key-10")); // bytes, not numbers

    // The budget trims the oldest records out of a sorted view too.
    QVERIFY(!model.setFilterText(QString()).isError());
    model.sort(MessageTableModel::SizeColumn, Qt::DescendingOrder);
    const std::size_t before = model.store().size();
    model.setMemoryBudget(model.store().memoryUsed() / 2);
    QVERIFY(model.store().size() < before);
    QCOMPARE(std::size_t(model.rowCount()), model.store().size());
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(model.store().contains(*model.idAt(row)));
    }

    // The decoder column does not sort (the sort there was stays); -1 restores arrival order.
    model.sort(MessageTableModel::DecoderColumn);
    QCOMPARE(model.sortColumn(), int(MessageTableModel::SizeColumn));
    model.sort(-1);
    const auto arrival = offsets();
    QVERIFY(std::is_sorted(arrival.begin(), arrival.end()));
}
