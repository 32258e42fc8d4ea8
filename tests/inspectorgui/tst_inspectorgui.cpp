// The event inspector's GUI: the detail widgets on their own, and the InspectorPage driven with
// QTest against the embedded sandbox (filter, detail pane, Debezium change, CloudEvent card,
// export) plus the produce dialog (checked with an independent consumer).

#include "changeview.h"
#include "decoderregistry.h"
#include "dialogs/producedialog.h"
#include "eventcard.h"
#include "hexview.h"
#include "inspector/consumecontrols.h"
#include "inspector/filterbar.h"
#include "inspector/inspectorpage.h"
#include "inspector/messagedetailpane.h"
#include "inspector/recordcommands.h"
#include "jsontreeview.h"
#include "messagetablemodel.h"
#include "sandbox/sandboxcluster.h"
#include "testconsumer.h"
#include "testsettings.h"
#include "textformat.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUuid>

#include <set>

using namespace edis;
using namespace edis::inspect;
using edis::ui::InspectorPage;
using edis::ui::MessageDetailPane;

namespace {

constexpr int kArrivalTimeoutMs = 20000;

QString text(std::string_view bytes)
{
    return textOf(bytes);
}

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), qsizetype(v.size()));
}

/// Saves a picture of `widget` when EDIS_SCREENSHOT_DIR is set (to look at the layout).
void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("EDIS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QTest::qWait(50); // let posted layout requests run, as they would before a real paint
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    }
}

MessageBatch batchOf(const QList<QByteArray> &values, const char *topic = "t")
{
    MessageBatch batch;
    int64_t offset = 0;
    for (const QByteArray &v : values) {
        RecordRef r;
        r.topic = topic;
        r.partition = 0;
        r.offset = offset++;
        r.timestamp = 1'700'000'000'000 + offset;
        r.key = std::string_view("k");
        r.value = std::string_view(v.constData(), std::size_t(v.size()));
        batch.append(r);
    }
    return batch;
}

/// The object of the Debezium envelope (unwrapping {schema, payload}).
QJsonObject envelopeOf(const QByteArray &value)
{
    QJsonObject doc = QJsonDocument::fromJson(value).object();
    if (doc.contains(QStringLiteral("schema")) && doc.contains(QStringLiteral("payload"))) {
        doc = doc.value(QStringLiteral("payload")).toObject();
    }
    return doc;
}

/// Fields that differ between before and after, computed here from the raw JSON.
QStringList changedFieldsOf(const QByteArray &value)
{
    const QJsonObject env = envelopeOf(value);
    const QJsonObject before = env.value(QStringLiteral("before")).toObject();
    const QJsonObject after = env.value(QStringLiteral("after")).toObject();
    std::set<QString> names;
    for (const QString &k : before.keys()) {
        names.insert(k);
    }
    for (const QString &k : after.keys()) {
        names.insert(k);
    }
    QStringList changed;
    for (const QString &k : names) {
        if (before.value(k) != after.value(k)) {
            changed << k;
        }
    }
    return changed;
}

void clickRow(QTableView *table, int row)
{
    const QModelIndex index = table->model()->index(row, MessageTableModel::KeyColumn);
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
}

} // namespace

class TestInspectorGui : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // Widgets on their own.
    void jsonTreeModel_data();
    void jsonTreeModel();
    void jsonTreeLazyChildren();
    void hexViewPaintsOnlyVisibleLinesOfAHugeValue();
    void hexViewSelection();
    void changeViewHighlightsChangedFields();
    void changeViewShowsTombstone();
    void eventCardShowsAttributes();
    void tableModelUnderTester();
    void filterBarShowsErrorColumn_data();
    void filterBarShowsErrorColumn();
    void shellCommandsQuoteSafely_data();
    void shellCommandsQuoteSafely();

    // The page against the sandbox.
    void pageFiltersAndShowsDetails();
    void pageSortsByHeaderClicks();
    void pageCopiesSelectedRecordsToATopic();
    void pageShowsDebeziumChange();
    void pageShowsCloudEventCard();
    void pageExportsSelectedRows();
    void produceDialogSendsWhatIsConsumedBack();
    void produceTemplatesArePerTopic();

private:
    std::unique_ptr<InspectorPage> openPage(const QString &topic, int partitions);
    /// A page that has read `topic` from `start` up to its current end; nullptr when it did not
    /// finish in time.
    std::unique_ptr<InspectorPage> readPage(const QString &topic, int partitions, StartPosition::Kind start);

    std::unique_ptr<sandbox::SandboxCluster> sandbox_;
};

void TestInspectorGui::initTestCase()
{
    test::useTemporarySettings(QStringLiteral("test_inspector_gui"));
    qRegisterMetaType<FinishReason>();
    QString error;
    sandbox_ = sandbox::SandboxCluster::start({}, &error);
    QVERIFY2(sandbox_, qPrintable(error));
    // Tests read "from the beginning until the current end": let every topic hold records first.
    QTRY_VERIFY_WITH_TIMEOUT(sandbox_->producedCount() >= 900, 20000);
}

void TestInspectorGui::cleanupTestCase()
{
    sandbox_.reset();
}

std::unique_ptr<InspectorPage> TestInspectorGui::readPage(
    const QString &topic, int partitions, StartPosition::Kind start)
{
    auto page = openPage(topic, partitions);
    page->consumeControls()->setStartKind(start);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(page.get(), &InspectorPage::consumptionFinished);
    page->start();
    if (!QTest::qWaitFor([&finished] { return finished.count() == 1; }, kArrivalTimeoutMs)) {
        return nullptr;
    }
    return page;
}

std::unique_ptr<InspectorPage> TestInspectorGui::openPage(const QString &topic, int partitions)
{
    auto page = std::make_unique<InspectorPage>(nullptr);
    page->resize(1500, 950);
    page->setConnection(sandbox_->connectionSettings());
    page->setTopic(topic, partitions);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get())) {
        return nullptr;
    }
    return page;
}

// --- widgets -------------------------------------------------------------------------------

void TestInspectorGui::jsonTreeModel_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("topRows");
    QTest::addColumn<QString>("firstPath");
    QTest::addColumn<QString>("firstType");

    QTest::newRow("object") << QByteArray(R"({"a":1,"b":{"c":[true,null]}})") << 2 << "value.a"
                            << "number";
    QTest::newRow("array") << QByteArray(R"([{"x":"y"},2,"s"])") << 3 << "value[0]"
                           << "object";
    QTest::newRow("odd key") << QByteArray(R"({"a b":"q\"uote"})") << 1 << R"(value["a b"])"
                             << "string";
    QTest::newRow("empty") << QByteArray("{}") << 0 << QString() << QString();
}

void TestInspectorGui::jsonTreeModel()
{
    QFETCH(QByteArray, json);
    QFETCH(int, topRows);
    QFETCH(QString, firstPath);
    QFETCH(QString, firstType);
    widgets::JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(json).isEmpty());
    QCOMPARE(model.rowCount(), topRows);
    if (topRows > 0) {
        const QModelIndex first = model.index(0, widgets::JsonTreeModel::KeyColumn);
        QCOMPARE(model.pathOf(first), firstPath);
        QCOMPARE(model.index(0, widgets::JsonTreeModel::TypeColumn).data().toString(), firstType);
    }
    QVERIFY(!model.setJson("{broken").isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestInspectorGui::jsonTreeLazyChildren()
{
    // A big array: nodes are made for what the view opens, paths point at the right element.
    QJsonArray items;
    for (int i = 0; i < 50000; ++i) {
        items.append(QJsonObject {
            {QStringLiteral("sku"), QStringLiteral("SKU-%1").arg(i)}, {QStringLiteral("qty"), i}});
    }
    const QByteArray json = QJsonDocument(QJsonObject {{QStringLiteral("items"), items}}).toJson();
    widgets::JsonTreeView view;
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(600, 400);
    view.setJson(json);
    widgets::JsonTreeModel *model = view.model();
    const QModelIndex itemsIndex = model->index(0, 0);
    QCOMPARE(model->rowCount(itemsIndex), 50000);
    const QModelIndex element = model->index(12345, 0, itemsIndex);
    const QModelIndex qty = model->index(1, widgets::JsonTreeModel::ValueColumn, element);
    QCOMPARE(model->pathOf(qty), QStringLiteral("value.items[12345].sku"));
    QCOMPARE(qty.data().toString(), QStringLiteral("\"SKU-12345\""));
    QCOMPARE(model->parent(qty), element.siblingAtColumn(0));
    view.expandAllAction()->trigger(); // bounded: must return, not open 100k nodes
    QVERIFY(view.treeView()->isExpanded(itemsIndex));
}

void TestInspectorGui::hexViewPaintsOnlyVisibleLinesOfAHugeValue()
{
    QByteArray big(5 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < big.size(); ++i) {
        big[i] = char(i * 7 + (i >> 12));
    }
    widgets::HexView view;
    view.resize(800, 600);
    QElapsedTimer clock;
    clock.start();
    view.setData(big);
    const QImage first = view.grab().toImage();
    QVERIFY(!first.isNull());
    // The last line too: scrolled to the end, the offsets reach the last byte.
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    QVERIFY(!view.grab().isNull());
    QCOMPARE(view.lineCount(), big.size() / widgets::HexView::kBytesPerLine);
    QVERIFY(view.lastPaintedLines() > 10);
    QVERIFY2(view.lastPaintedLines() < 100, "only visible lines are painted");
    qInfo("5 MB hex view: set + first paint took %lld ms", clock.elapsed());
}

void TestInspectorGui::hexViewSelection()
{
    widgets::HexView view;
    view.setData(QByteArray("Hello, hex view!\x00\x01", 18));
    view.setSelection(7, 10);
    QCOMPARE(view.selectedBytes(), QByteArray("hex"));
    view.setSelection(16, 100);
    QCOMPARE(view.selectedBytes(), QByteArray("\x00\x01", 2));
    view.setSelection(-1, 0);
    QVERIFY(!view.hasSelection());
}

void TestInspectorGui::changeViewHighlightsChangedFields()
{
    ChangeEvent c;
    c.op = QLatin1Char('u');
    c.operation = QStringLiteral("update");
    c.database = QStringLiteral("erp");
    c.schema = QStringLiteral("public");
    c.table = QStringLiteral("customers");
    c.txId = QStringLiteral("4711");
    c.tsMs = 1'700'000'000'500;
    c.sourceTsMs = 1'700'000'000'000;
    c.hasBefore = c.hasAfter = true;
    c.before = QStringLiteral(R"({"id":1,"email":"a@x","name":"A"})");
    c.after = QStringLiteral(R"({"id":1,"email":"b@x","name":"A"})");
    c.changedFields = {QStringLiteral("email")};
    widgets::ChangeView view;
    view.setChange(c);
    QVERIFY(view.headerText().contains(QStringLiteral("UPDATE")));
    QVERIFY(view.headerText().contains(QStringLiteral("erp.public.customers")));
    QVERIFY(view.headerText().contains(QStringLiteral("4711")));
    QVERIFY(view.headerText().contains(QStringLiteral("lag 500 ms")));
    QTableWidget *table = view.fieldTable();
    QCOMPARE(table->rowCount(), 3);
    for (int r = 0; r < table->rowCount(); ++r) {
        const bool highlighted = table->item(r, 0)->data(Qt::UserRole).toBool();
        QCOMPARE(highlighted, table->item(r, 0)->text() == QLatin1String("email"));
        if (highlighted) {
            QCOMPARE(table->item(r, widgets::ChangeView::BeforeColumn)->text(), QStringLiteral("a@x"));
            QCOMPARE(table->item(r, widgets::ChangeView::AfterColumn)->text(), QStringLiteral("b@x"));
        }
    }
}

void TestInspectorGui::changeViewShowsTombstone()
{
    widgets::ChangeView view;
    view.setTombstone(QStringLiteral("{\"id\":7}"));
    QVERIFY(view.headerText().startsWith(QStringLiteral("TOMBSTONE")));
    QVERIFY(view.headerText().contains(QStringLiteral("{\"id\":7}")));
    QVERIFY(view.fieldTable()->isHidden());
}

void TestInspectorGui::eventCardShowsAttributes()
{
    CloudEventCard card;
    card.type = QStringLiteral("com.example.crm.account.created");
    card.source = QStringLiteral("/crm/accounts");
    card.id = QStringLiteral("abc");
    card.extensions = {{QStringLiteral("traceparent"), QStringLiteral("00-1-2-01")}};
    card.data = QStringLiteral("{\n  \"a\": 1\n}");
    widgets::EventCard view;
    view.setEvent(card);
    QCOMPARE(view.typeText(), card.type);
    QCOMPARE(view.attribute(QStringLiteral("source")), card.source);
    QCOMPARE(view.attribute(QStringLiteral("id")), card.id);
    QCOMPARE(view.attribute(QStringLiteral("subject")), QStringLiteral("–"));
    QCOMPARE(view.dataView()->toPlainText(), card.data);
}

void TestInspectorGui::tableModelUnderTester()
{
    // The page's model, as the page drives it: batches, a filter, hidden heartbeats, a budget.
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<QByteArray> values;
    for (int i = 0; i < 500; ++i) {
        values << QByteArray(R"({"n":)") + QByteArray::number(i) + "}";
    }
    model.appendBatch(batchOf(values));
    QCOMPARE(model.rowCount(), 500);
    QVERIFY(!model.setFilterText(QStringLiteral("value.n < 10")).isError());
    QCOMPARE(model.rowCount(), 10);
    model.appendBatch(batchOf(values));
    QCOMPARE(model.rowCount(), 20);
    model.setHideHeartbeats(true);
    model.setMemoryBudget(64 * 1024);
    QVERIFY(model.rowCount() <= 20);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestInspectorGui::filterBarShowsErrorColumn_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("column");
    const QString nothingAfter = QStringLiteral("headers.event-type ==");
    QTest::newRow("nothing after ==") << nothingAfter << int(nothingAfter.size()) + 1;
    const QString twice = QStringLiteral("value.x == == 3");
    QTest::newRow("operator twice") << twice << int(twice.lastIndexOf(QStringLiteral("=="))) + 1;
    const QString unknown = QStringLiteral("partition == 1 && foo == 2");
    QTest::newRow("unknown field") << unknown << int(unknown.indexOf(QStringLiteral("foo"))) + 1;
}

void TestInspectorGui::filterBarShowsErrorColumn()
{
    QFETCH(QString, typed);
    QFETCH(int, column);
    ui::FilterBar bar;
    bar.show();
    QSignalSpy changed(&bar, &ui::FilterBar::filterChanged);
    QTest::keyClicks(bar.lineEdit(), typed);
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
    QVERIFY(bar.errorLabel()->isVisible());
    QVERIFY2(bar.errorLabel()->text().contains(QStringLiteral("at column %1").arg(column)),
        qPrintable(bar.errorLabel()->text()));
    QCOMPARE(bar.lineEdit()->errorColumn(), column);
    QCOMPARE(changed.count(), 0); // an invalid expression never replaces the filter
    bar.lineEdit()->clear();
    QTest::keyClicks(bar.lineEdit(), QStringLiteral("partition == 1"));
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
    QVERIFY(!bar.errorLabel()->isVisible());
    QCOMPARE(bar.lineEdit()->errorColumn(), 0);
    QCOMPARE(changed.count(), 1);
}

void TestInspectorGui::shellCommandsQuoteSafely_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("json") << QByteArray("order-1") << QByteArray(R"({"a": "it's", "b": [1, 2]})");
    QTest::newRow("shell specials") << QByteArray("$(rm -rf x)") << QByteArray("`echo hi` $HOME \\ \"q\"");
    QTest::newRow("unicode") << QByteArray("schlüssel") << QByteArray("wert ✓");
}

void TestInspectorGui::shellCommandsQuoteSafely()
{
    // The printf part of the copied command, run by a real shell, must print key<TAB>value.
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    MessageBatch batch;
    RecordRef r;
    r.topic = "orders.events";
    r.partition = 2;
    r.offset = 5;
    r.key = std::string_view(key.constData(), std::size_t(key.size()));
    r.value = std::string_view(value.constData(), std::size_t(value.size()));
    batch.append(r);
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = QStringLiteral("localhost:9092");
    connection.properties["sasl.password"] = "hunter2";
    connection.properties["security.protocol"] = "SASL_SSL";
    const QString command = ui::edisProduceCommand(batch.at(0), connection);
    QVERIFY(!command.contains(QStringLiteral("hunter2")));
    QVERIFY(command.contains(QStringLiteral("--partition 2")));
    const QString kcat = ui::kcatProduceCommand(batch.at(0), connection);
    QVERIFY(!kcat.contains(QStringLiteral("hunter2")));
    QVERIFY(kcat.contains(QStringLiteral("-t orders.events -p 2")));
    const QString printfPart = command.left(command.indexOf(QStringLiteral(" | ")));
    QProcess shell;
    shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), printfPart});
    QVERIFY(shell.waitForFinished(5000));
    QByteArray expectedValue = value;
    const QJsonDocument doc = QJsonDocument::fromJson(value);
    if (!doc.isNull()) {
        expectedValue = doc.toJson(QJsonDocument::Compact);
    }
    QCOMPARE(shell.readAllStandardOutput(), key + '\t' + expectedValue + '\n');
}

// --- the page against the sandbox ----------------------------------------------------------

void TestInspectorGui::pageFiltersAndShowsDetails()
{
    auto page = openPage(QStringLiteral("orders.events"), 6);
    QVERIFY(page);
    page->consumeControls()->setStartKind(StartPosition::Kind::Beginning);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(page.get(), &InspectorPage::consumptionFinished);
    page->start();
    MessageTableModel *model = page->model();
    const auto status
        = [&page] { return page->findChild<QLabel *>(QStringLiteral("inspectorStatusLabel"))->text(); };
    QTRY_VERIFY2_WITH_TIMEOUT(model->rowCount() > 0, qPrintable(status()), kArrivalTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(finished.count() == 1, qPrintable(status()), kArrivalTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
    const int all = model->rowCount();
    // The rate line: records and bytes per second, and how many were read.
    const QString rate = page->findChild<QLabel *>(QStringLiteral("rateLabel"))->text();
    const auto parts = QRegularExpression(
        QStringLiteral(R"(^([\d.,]+) msg/s · ([\d.,]+) (bytes|KiB|MiB|GiB)/s · read ([\d.,]+))"))
                           .match(rate);
    QVERIFY2(parts.hasMatch(), qPrintable(rate));
    QCOMPARE(QLocale().toLongLong(parts.captured(4)), qlonglong(all));
    screenshot(page.get(), QStringLiteral("inspector-orders-all"));

    // Filter by a header, typed into the bar.
    ui::FilterBar *bar = page->filterBar();
    QTest::keyClicks(bar->lineEdit(), QStringLiteral(R"(headers.event-type == "OrderPlaced")"));
    QTest::keyClick(bar->lineEdit(), Qt::Key_Return);
    QVERIFY(model->rowCount() > 0);
    QVERIFY(model->rowCount() < all);
    for (int row = 0; row < model->rowCount(); ++row) {
        const MessageView r = model->viewAt(row);
        QCOMPARE(text(r.header("event-type").value_or("")), QStringLiteral("OrderPlaced"));
        // The value agrees: its own eventType field, parsed here.
        const QJsonObject value = QJsonDocument::fromJson(bytes(r.value())).object();
        QCOMPARE(value.value(QStringLiteral("eventType")).toString(), QStringLiteral("OrderPlaced"));
    }
    // Every hidden record really does not match.
    int matchingInStore = 0;
    model->store().forEach(
        model->store().firstId(), model->store().endId(), [&](MessageId, const MessageView &r) {
            matchingInStore += text(r.header("event-type").value_or("")) == QLatin1String("OrderPlaced");
        });
    QCOMPARE(model->rowCount(), matchingInStore);

    // Click a row: the detail pane shows that record's value.
    const int row = model->rowCount() / 2;
    clickRow(page->tableView(), row);
    const QByteArray expected = bytes(model->viewAt(row).value());
    MessageDetailPane *detail = page->detailPane();
    QVERIFY(detail->record().has_value());
    QCOMPARE(detail->record()->value.value_or(QByteArray()), expected);
    QCOMPARE(detail->tabs()->currentIndex(), int(MessageDetailPane::PrettyJsonTab)); // JSON chosen by kind
    detail->setCurrentTab(MessageDetailPane::TextTab);
    auto *textView = detail->findChild<QPlainTextEdit *>(QStringLiteral("detailText"));
    QCOMPARE(textView->toPlainText(), QString::fromUtf8(expected));
    detail->setCurrentTab(MessageDetailPane::PrettyJsonTab);
    auto *pretty = detail->findChild<QPlainTextEdit *>(QStringLiteral("detailPrettyJson"));
    QCOMPARE(QJsonDocument::fromJson(pretty->toPlainText().toUtf8()), QJsonDocument::fromJson(expected));
    detail->setCurrentTab(MessageDetailPane::HeadersTab);
    auto *headers = detail->findChild<QTableWidget *>(QStringLiteral("detailHeaders"));
    QCOMPARE(headers->rowCount(), model->viewAt(row).headerCount());
    detail->setCurrentTab(MessageDetailPane::JsonTreeTab);
    auto *tree = detail->findChild<widgets::JsonTreeView *>(QStringLiteral("detailJsonTree"));
    QCOMPARE(tree->model()->rowCount(), QJsonDocument::fromJson(expected).object().size());
    QVERIFY(!detail->isTabVisible(MessageDetailPane::ChangeTab));
    QVERIFY(!detail->isTabVisible(MessageDetailPane::EventTab));
    detail->setCurrentTab(MessageDetailPane::PrettyJsonTab);
    screenshot(page.get(), QStringLiteral("inspector-orders-filtered"));

    // An invalid filter names the column and keeps the previous filter.
    const int shown = model->rowCount();
    bar->lineEdit()->selectAll();
    QTest::keyClicks(bar->lineEdit(), QStringLiteral("headers.event-type =="));
    QTest::keyClick(bar->lineEdit(), Qt::Key_Return);
    QVERIFY(bar->errorLabel()->isVisible());
    QVERIFY2(bar->errorLabel()->text().contains(QStringLiteral("at column 22")),
        qPrintable(bar->errorLabel()->text()));
    QCOMPARE(model->rowCount(), shown);
    screenshot(page.get(), QStringLiteral("inspector-filter-error"));
}

void TestInspectorGui::pageSortsByHeaderClicks()
{
    auto page = readPage(QStringLiteral("orders.events"), 6, StartPosition::Kind::Beginning);
    QVERIFY(page);
    MessageTableModel *model = page->model();
    QVERIFY(model->rowCount() > 10);
    // The selected record stays selected through the sort.
    clickRow(page->tableView(), 3);
    const auto selected = model->idAt(3);
    QVERIFY(selected);

    QHeaderView *header = page->tableView()->horizontalHeader();
    const auto clickHeader = [header](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    const auto timestamps = [model] {
        std::vector<int64_t> out;
        for (int row = 0; row < model->rowCount(); ++row) {
            out.push_back(model->viewAt(row).timestamp());
        }
        return out;
    };
    clickHeader(MessageTableModel::TimestampColumn);
    QCOMPARE(model->sortColumn(), int(MessageTableModel::TimestampColumn));
    const auto ascending = timestamps();
    QVERIFY(std::is_sorted(ascending.begin(), ascending.end()));
    clickHeader(MessageTableModel::TimestampColumn);
    QCOMPARE(model->sortOrder(), Qt::DescendingOrder);
    const auto descending = timestamps();
    QVERIFY(std::is_sorted(descending.rbegin(), descending.rend()));
    const QModelIndex current = page->tableView()->selectionModel()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(model->idAt(current.row()), selected);
    screenshot(page.get(), QStringLiteral("inspector-sorted"));

    // "Decoded as" does not sort: the indicator stays where the sort is.
    clickHeader(MessageTableModel::DecoderColumn);
    QCOMPARE(model->sortColumn(), int(MessageTableModel::TimestampColumn));
    QCOMPARE(header->sortIndicatorSection(), int(MessageTableModel::TimestampColumn));

    // A third click on the sorted column returns to arrival order.
    clickHeader(MessageTableModel::TimestampColumn);
    QVERIFY(!model->isSorted());
    std::vector<MessageId> ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        ids.push_back(*model->idAt(row));
    }
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
}

void TestInspectorGui::pageCopiesSelectedRecordsToATopic()
{
    auto page = readPage(QStringLiteral("orders.events"), 6, StartPosition::Kind::LastN);
    QVERIFY(page);
    MessageTableModel *model = page->model();
    QVERIFY(model->rowCount() >= 10);
    QVERIFY(!page->copyToTopicAction()->isEnabled()); // nothing selected yet
    QTableView *table = page->tableView();
    const QList<int> rows = {0, 2, 5, 9};
    for (const int r : rows) {
        table->selectionModel()->select(
            model->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QVERIFY(page->copyToTopicAction()->isEnabled());
    // What a replay must reproduce: key, value, headers and timestamp of each record.
    using Record = std::tuple<QByteArray, QByteArray, QList<QPair<QByteArray, QByteArray>>, qint64>;
    QList<Record> expected;
    for (const int r : rows) {
        const MessageView v = model->viewAt(r);
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const HeaderRef &header : v.headers()) {
            headers.append({bytes(header.name), bytes(header.value.value_or(std::string_view()))});
        }
        expected.append({bytes(v.key()), bytes(v.value()), headers, qint64(v.timestamp())});
    }
    const QString target
        = QStringLiteral("orders.replay.") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QSignalSpy copied(page.get(), &InspectorPage::copyToTopicFinished);
    page->copySelectedToTopic(target, true);
    QTRY_VERIFY_WITH_TIMEOUT(copied.count() == 1, 30000);
    QCOMPARE(copied.at(0).at(2).toString(), QString());
    QCOMPARE(copied.at(0).at(1).toULongLong(), quint64(rows.size()));

    QString error;
    const auto consumed = test::consumeFromBeginning(sandbox_->bootstrapServers().toStdString(),
        {target.toStdString()}, 100, std::chrono::seconds(20), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QList<Record> actual;
    for (const auto &m : consumed) {
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const auto &[name, value] : m.headers) {
            headers.append({QByteArray::fromStdString(name), value});
        }
        actual.append({m.key.value_or(QByteArray()), m.value.value_or(QByteArray()), headers, m.timestamp});
    }
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    QCOMPARE(actual.size(), expected.size());
    QVERIFY(actual == expected);
}

void TestInspectorGui::pageShowsDebeziumChange()
{
    auto page = openPage(QStringLiteral("erp.public.customers"), 3);
    QVERIFY(page);
    page->consumeControls()->setStartKind(StartPosition::Kind::Beginning);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopNever);
    page->start();
    MessageTableModel *model = page->model();
    // Wait for an update with changed fields (the snapshot comes first, then live changes).
    int updateRow = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = model->rowCount() - 1; r >= 0; --r) {
                const MessageView v = model->viewAt(r);
                if (v.hasValue() && !changedFieldsOf(bytes(v.value())).isEmpty()
                    && envelopeOf(bytes(v.value())).value(QStringLiteral("op")).toString()
                        == QLatin1String("u")) {
                    updateRow = r;
                    return true;
                }
            }
            return false;
        }(),
        60000);
    page->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isConsuming(), 10000);
    clickRow(page->tableView(), updateRow);
    MessageDetailPane *detail = page->detailPane();
    QVERIFY(detail->isTabVisible(MessageDetailPane::ChangeTab));
    QCOMPARE(detail->tabs()->currentIndex(), int(MessageDetailPane::ChangeTab));
    auto *change = detail->findChild<widgets::ChangeView *>();
    QVERIFY(change);
    QVERIFY2(change->headerText().contains(QStringLiteral("u · UPDATE")), qPrintable(change->headerText()));
    QVERIFY(change->headerText().contains(QStringLiteral("customers")));
    QStringList shown = change->changedFields();
    QStringList expected = changedFieldsOf(bytes(model->viewAt(updateRow).value()));
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);
    // The highlighted rows of the table are exactly those fields.
    QStringList highlighted;
    for (int r = 0; r < change->fieldTable()->rowCount(); ++r) {
        if (change->fieldTable()->item(r, 0)->data(Qt::UserRole).toBool()) {
            highlighted << change->fieldTable()->item(r, 0)->text();
        }
    }
    highlighted.sort();
    QCOMPARE(highlighted, expected);
    screenshot(page.get(), QStringLiteral("inspector-debezium-change"));

    // A tombstone, if the sandbox made one, shows as such.
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->viewAt(r).isTombstone()) {
            clickRow(page->tableView(), r);
            QVERIFY(detail->isTabVisible(MessageDetailPane::ChangeTab));
            QVERIFY(change->headerText().startsWith(QStringLiteral("TOMBSTONE")));
            screenshot(page.get(), QStringLiteral("inspector-tombstone"));
            break;
        }
    }
}

void TestInspectorGui::pageShowsCloudEventCard()
{
    auto page = openPage(QStringLiteral("crm.accounts"), 2);
    QVERIFY(page);
    page->startLiveTail();
    MessageTableModel *model = page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 4, kArrivalTimeoutMs);
    page->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isConsuming(), 10000);
    MessageDetailPane *detail = page->detailPane();
    auto *card = detail->findChild<widgets::EventCard *>();
    QVERIFY(card);
    int checked = 0;
    for (int row = 0; row < std::min(model->rowCount(), 6); ++row) {
        const MessageView v = model->viewAt(row);
        // The type, read here from the ce_type header (binary mode) or the JSON (structured).
        QString type = text(v.header("ce_type").value_or(""));
        if (type.isEmpty()) {
            type
                = QJsonDocument::fromJson(bytes(v.value())).object().value(QStringLiteral("type")).toString();
        }
        QVERIFY(!type.isEmpty());
        clickRow(page->tableView(), row);
        QVERIFY(detail->isTabVisible(MessageDetailPane::EventTab));
        QCOMPARE(detail->tabs()->currentIndex(), int(MessageDetailPane::EventTab));
        QCOMPARE(card->typeText(), type);
        QCOMPARE(card->attribute(QStringLiteral("source")), QStringLiteral("/crm/accounts"));
        ++checked;
    }
    QVERIFY(checked >= 4);
    screenshot(page.get(), QStringLiteral("inspector-cloudevent"));
}

void TestInspectorGui::pageExportsSelectedRows()
{
    auto page = readPage(QStringLiteral("orders.events"), 6, StartPosition::Kind::LastN);
    QVERIFY(page);
    MessageTableModel *model = page->model();
    QVERIFY(model->rowCount() >= 10);
    QTableView *table = page->tableView();
    const QList<int> rows = {1, 3, 4, 8};
    for (const int r : rows) {
        table->selectionModel()->select(
            model->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("selected.jsonl"));
    QSignalSpy exported(page.get(), &InspectorPage::exportFinished);
    page->exportTo(path, ExportFormat::KcatJsonLines, false);
    QTRY_VERIFY_WITH_TIMEOUT(exported.count() == 1, 10000);
    QCOMPARE(exported.at(0).at(2).toString(), QString());
    QCOMPARE(exported.at(0).at(1).toULongLong(), quint64(rows.size()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        QJsonParseError error {};
        const QJsonObject o = QJsonDocument::fromJson(lines[i], &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const MessageView r = model->viewAt(rows[i]);
        QCOMPARE(o.value(QStringLiteral("topic")).toString(), QStringLiteral("orders.events"));
        QCOMPARE(o.value(QStringLiteral("partition")).toInt(), r.partition());
        QCOMPARE(qint64(o.value(QStringLiteral("offset")).toDouble()), r.offset());
        QCOMPARE(o.value(QStringLiteral("key")).toString(), text(r.key()));
        QCOMPARE(o.value(QStringLiteral("payload")).toString().toUtf8(), bytes(r.value()));
        const QJsonArray headers = o.value(QStringLiteral("headers")).toArray();
        QCOMPARE(headers.size(), r.headerCount() * 2);
    }
}

void TestInspectorGui::produceDialogSendsWhatIsConsumedBack()
{
    const QString topic
        = QStringLiteral("edis.gui.produce.") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    ui::ProduceDialog dialog(sandbox_->connectionSettings(), topic, 0);
    dialog.show();
    const QByteArray key = "customer-42";
    const QByteArray value = R"({"orderId": 42, "note": "grün"})";
    dialog.setKey(QString::fromUtf8(key));
    dialog.setValue(QString::fromUtf8(value));
    QVERIFY(dialog.jsonHint().contains(QStringLiteral("valid JSON")));
    dialog.addHeader(QStringLiteral("event-type"), QStringLiteral("OrderPlaced"));
    dialog.addHeader(QStringLiteral("trace"), QStringLiteral("t-1"));
    dialog.setMode(ui::ProduceDialog::SendNTimes, 3);
    QSignalSpy done(&dialog, &ui::ProduceDialog::sendFinished);
    auto *sendButton = dialog.findChild<QPushButton *>(QStringLiteral("produceSendButton"));
    QTest::mouseClick(sendButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
    QCOMPARE(done.at(0).at(2).toString(), QString());
    QCOMPARE(done.at(0).at(0).toULongLong(), quint64(3));
    screenshot(&dialog, QStringLiteral("produce-dialog"));

    QString error;
    const auto consumed = test::consumeFromBeginning(sandbox_->bootstrapServers().toStdString(),
        {topic.toStdString()}, 100, std::chrono::seconds(20), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(consumed.size(), std::size_t(3));
    for (const auto &m : consumed) {
        QCOMPARE(m.key.value_or(QByteArray()), key);
        QCOMPARE(m.value.value_or(QByteArray()), value);
        QCOMPARE(m.headers.size(), std::size_t(2));
        QCOMPARE(QByteArray::fromStdString(m.headers[0].first), QByteArray("event-type"));
        QCOMPARE(m.headers[0].second, QByteArray("OrderPlaced"));
        QCOMPARE(QByteArray::fromStdString(m.headers[1].first), QByteArray("trace"));
        QCOMPARE(m.headers[1].second, QByteArray("t-1"));
    }

    // A tombstone: null value, same key.
    dialog.setTombstone(true);
    dialog.setMode(ui::ProduceDialog::SendOnce);
    dialog.send();
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 2, 30000);
    const auto again = test::consumeFromBeginning(sandbox_->bootstrapServers().toStdString(),
        {topic.toStdString()}, 100, std::chrono::seconds(20), &error);
    QCOMPARE(again.size(), std::size_t(4));
    const auto tombstone = std::find_if(again.begin(), again.end(), [](const auto &m) { return !m.value; });
    QVERIFY(tombstone != again.end());
    QCOMPARE(tombstone->key.value_or(QByteArray()), key);
}

void TestInspectorGui::produceTemplatesArePerTopic()
{
    kafka::ConnectionSettings none;
    none.bootstrapServers = QStringLiteral("127.0.0.1:1");
    {
        ui::ProduceDialog a(none, QStringLiteral("orders/a"), 0);
        a.setKey(QStringLiteral("k1"));
        a.setValue(QStringLiteral("{\"x\":1}"));
        a.addHeader(QStringLiteral("h"), QStringLiteral("v"));
        a.saveTemplate(QStringLiteral("first try"));
        QCOMPARE(a.templateNames(), QStringList {QStringLiteral("first try")});
    }
    ui::ProduceDialog other(none, QStringLiteral("orders.b"), 0);
    QVERIFY(other.templateNames().isEmpty());
    ui::ProduceDialog b(none, QStringLiteral("orders/a"), 0);
    QVERIFY(b.loadTemplate(QStringLiteral("first try")));
    const kafka::OutgoingMessage m = b.message();
    QCOMPARE(m.key.value_or(QByteArray()), QByteArray("k1"));
    QCOMPARE(m.value.value_or(QByteArray()), QByteArray("{\"x\":1}"));
    QCOMPARE(m.headers.size(), std::size_t(1));
    // Nothing about the connection is saved.
    QSettings settings;
    for (const QString &k : settings.allKeys()) {
        QVERIFY2(!settings.value(k).toString().contains(QStringLiteral("127.0.0.1")), qPrintable(k));
    }
    b.deleteTemplate(QStringLiteral("first try"));
    QVERIFY(b.templateNames().isEmpty());
}

QTEST_MAIN(TestInspectorGui)
#include "tst_inspectorgui.moc"
