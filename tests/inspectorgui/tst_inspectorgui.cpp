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
#include "jsontreeview.h"
#include "messagetablemodel.h"
#include "sandbox/sandboxcluster.h"
#include "testconsumer.h"
#include "testsettings.h"
#include "textformat.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
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
    return {v.data(), qsizetype(v.size())};
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

QLabel *label(QWidget *page, const char *name)
{
    auto *l = page->findChild<QLabel *>(QLatin1String(name));
    if (!l) {
        qFatal("no label %s", name);
    }
    return l;
}

/// The first number of a text ("1,234 held" -> 1234), in the locale's grouping.
qlonglong leadingNumber(const QString &text)
{
    const auto m = QRegularExpression(QStringLiteral(R"(^([\d.,]+))")).match(text);
    return m.hasMatch() ? QLocale().toLongLong(m.captured(1)) : -1;
}

QString dataSize(uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
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

    // The page against the sandbox.
    void pageFiltersAndShowsDetails();
    void pageSortsByHeaderClicks();
    void pageCopiesSelectedRecordsToATopic();
    void pageShowsDebeziumChange();
    void pageShowsCloudEventCard();
    void pageExportsSelectedRows();
    void produceDialogSendsWhatIsConsumedBack();
    void produceTemplatesArePerTopic();

    // What a new user meets first (issue 16).
    void pagePauseButtonFollowsTheTopic();
    void pageRateReadoutIsSmoothAndSteady();
    void pageStatusSaysWhatEachNumberIs();
    void pageSearchShowsRateAndOffersTheTailBack();
    void pageHoldsTheSelectedRowDuringALiveTail();
    void pageFitsA1366Screen();
    void pageDisablesJsonTabsForBinaryRecords();
    void pageShowsDebeziumTimesAsDates_data();
    void pageShowsDebeziumTimesAsDates();

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
    QByteArray big(qsizetype {5} * 1024 * 1024, '\0');
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
    model.setMemoryBudget(std::size_t {64} * 1024);
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
    // The status line: records and bytes per second, and how many were read.
    const QString rate = label(page.get(), "rateLabel")->text();
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^([\d.,]+|–) msg/s$)")).match(rate).hasMatch(),
        qPrintable(rate));
    const QString byteRate = label(page.get(), "byteRateLabel")->text();
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^([\d.,]+ (bytes|KiB|MiB|GiB)|–) ?/s$)"))
                 .match(byteRate)
                 .hasMatch(),
        qPrintable(byteRate));
    const QString read = label(page.get(), "readLabel")->text();
    QVERIFY2(read.endsWith(QStringLiteral(" read this session")), qPrintable(read));
    QCOMPARE(leadingNumber(read), qlonglong(all));
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
    QVERIFY(detail->isTabEnabled(MessageDetailPane::PrettyJsonTab));
    QVERIFY(detail->isTabEnabled(MessageDetailPane::JsonTreeTab));
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

// --- issue 16: what a new user meets first -------------------------------------------------

void TestInspectorGui::pagePauseButtonFollowsTheTopic()
{
    auto page = openPage(QStringLiteral("orders.events"), 6);
    QVERIFY(page);
    auto *pauseButton = page->findChild<QToolButton *>(QStringLiteral("inspectorPauseButton"));
    QVERIFY(pauseButton);
    page->startLiveTail();
    QTRY_VERIFY_WITH_TIMEOUT(page->isConsuming(), kArrivalTimeoutMs);
    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QVERIFY(pauseButton->isChecked());
    QCOMPARE(pauseButton->text(), QStringLiteral("Resume"));

    // Another topic: the button tells the truth before and after that topic starts.
    page->setTopic(QStringLiteral("crm.accounts"), 2);
    QVERIFY(!pauseButton->isChecked());
    QCOMPARE(pauseButton->text(), QStringLiteral("Pause"));
    page->startLiveTail();
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 2, kArrivalTimeoutMs);
    QVERIFY(!pauseButton->isChecked());
    QCOMPARE(pauseButton->text(), QStringLiteral("Pause"));
    const int before = page->model()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > before, kArrivalTimeoutMs); // it streams
    // And a click now pauses (the first click, not the second).
    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QVERIFY(pauseButton->isChecked());
    QCOMPARE(pauseButton->text(), QStringLiteral("Resume"));
    page->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isConsuming(), 10000);
    QVERIFY(!pauseButton->isChecked()); // nothing runs: nothing is paused
    QCOMPARE(pauseButton->text(), QStringLiteral("Pause"));
}

void TestInspectorGui::pageRateReadoutIsSmoothAndSteady()
{
    auto page = openPage(QStringLiteral("orders.events"), 6);
    QVERIFY(page);
    page->startLiveTail();
    MessageTableModel *model = page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, kArrivalTimeoutMs);
    QLabel *rate = label(page.get(), "rateLabel");
    QLabel *byteRate = label(page.get(), "byteRateLabel");
    QLabel *held = label(page.get(), "heldLabel");
    QLabel *status = label(page.get(), "inspectorStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!rate->text().startsWith(QStringLiteral("–")), 5000);
    // Watch the readout for a few seconds while records arrive: never 0, and nothing after the
    // rates moves sideways when a number gains or loses a digit.
    const int heldX = held->x();
    const int statusX = status->x();
    const int byteRateX = byteRate->x();
    QStringList readings;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 4000) {
        QTest::qWait(100);
        if (readings.isEmpty() || readings.last() != rate->text()) {
            readings << rate->text();
        }
        QCOMPARE(held->x(), heldX);
        QCOMPARE(status->x(), statusX);
        QCOMPARE(byteRate->x(), byteRateX);
        QVERIFY2(!byteRate->text().startsWith(QStringLiteral("0 ")), qPrintable(byteRate->text()));
    }
    for (const QString &r : std::as_const(readings)) {
        const auto m = QRegularExpression(QStringLiteral(R"(^([\d.,]+) msg/s$)")).match(r);
        QVERIFY2(m.hasMatch(), qPrintable(readings.join(QStringLiteral(" | "))));
        QVERIFY2(QLocale().toDouble(m.captured(1)) > 0, qPrintable(readings.join(QStringLiteral(" | "))));
    }
    qInfo("rate readings over 4 s: %s", qPrintable(readings.join(QStringLiteral(" | "))));
}

void TestInspectorGui::pageStatusSaysWhatEachNumberIs()
{
    auto page = readPage(QStringLiteral("orders.events"), 6, StartPosition::Kind::Beginning);
    QVERIFY(page);
    MessageTableModel *model = page->model();
    const inspect::MessageStore &store = model->store();
    QVERIFY(store.size() > 20);
    page->filterBar()->setText(QStringLiteral(R"(headers.event-type == "OrderPlaced")"));
    QVERIFY(model->rowCount() > 0 && model->rowCount() < int(store.size()));
    const QString held = label(page.get(), "heldLabel")->text();
    QCOMPARE(held,
        QStringLiteral("%1 held · %2 shown by filter")
            .arg(QLocale().toString(qlonglong(store.size())), QLocale().toString(model->rowCount())));
    const QString read = label(page.get(), "readLabel")->text();
    QCOMPARE(leadingNumber(read), qlonglong(store.size())); // read from the beginning: all held
    for (const char *name : {"heldLabel", "readLabel", "memoryLabel", "rateLabel"}) {
        QVERIFY2(!label(page.get(), name)->text().contains(QStringLiteral("matched")), name);
    }
    // The memory figure is what the records weigh (it follows every record), not the chunks the
    // store reserves a few MB at a time (which stayed the same from 330 to 4,456 records).
    const QString memory = label(page.get(), "memoryLabel")->text();
    QCOMPARE(memory,
        QStringLiteral("%1 of %2").arg(dataSize(store.payloadBytes()), dataSize(store.memoryBudget())));
    QVERIFY(store.payloadBytes() < store.memoryUsed());
    QVERIFY2(label(page.get(), "memoryLabel")->toolTip().contains(dataSize(store.memoryUsed())),
        qPrintable(label(page.get(), "memoryLabel")->toolTip()));

    // During a live tail the figure grows with every flush of records.
    page->filterBar()->setText(QString());
    page->startLiveTail();
    MessageTableModel *tail = page->model();
    QTRY_VERIFY_WITH_TIMEOUT(tail->rowCount() > 0, kArrivalTimeoutMs);
    QLabel *memoryLabel = label(page.get(), "memoryLabel");
    const QString first = memoryLabel->text();
    const int rows = tail->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(tail->rowCount() > rows + 10, kArrivalTimeoutMs);
    QTRY_COMPARE(memoryLabel->text(),
        QStringLiteral("%1 of %2")
            .arg(dataSize(tail->store().payloadBytes()), dataSize(tail->store().memoryBudget())));
    QVERIFY2(memoryLabel->text() != first, qPrintable(first));
    page->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isConsuming(), 10000);
}

void TestInspectorGui::pageSearchShowsRateAndOffersTheTailBack()
{
    auto page = openPage(QStringLiteral("orders.events"), 6);
    QVERIFY(page);
    page->startLiveTail();
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0, kArrivalTimeoutMs);
    page->filterBar()->setText(QStringLiteral(R"(headers.event-type == "OrderPlaced")"));
    QSignalSpy shown(page.get(), &InspectorPage::searchProgressShown);
    QSignalSpy finished(page.get(), &InspectorPage::consumptionFinished);
    page->searchWholeTopic();
    QVERIFY(page->isSearching());
    // Where the user looks while searching: the bar above the table says the tail stopped.
    auto *note = label(page.get(), "searchNote");
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("live tail is stopped")), qPrintable(note->text()));
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("cancelSearchButton"))->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QCOMPARE(finished.at(0).at(0).value<FinishReason>(), FinishReason::Completed);
    QVERIFY(shown.count() >= 1);
    // Every progress line has a real rate (or says it is still measuring), never "0 rec/s".
    const QRegularExpression rateIn(QStringLiteral(R"(([\d.,]+) rec/s)"));
    for (const QList<QVariant> &args : std::as_const(shown)) {
        const QString text = args.at(0).toString();
        const auto m = rateIn.match(text);
        QVERIFY2(m.hasMatch() || text.contains(QStringLiteral("measuring")), qPrintable(text));
        if (m.hasMatch()) {
            QVERIFY2(QLocale().toDouble(m.captured(1)) > 0, qPrintable(text));
        }
        if (text.contains(QStringLiteral("left"))) {
            QVERIFY2(!text.contains(QStringLiteral("–")), qPrintable(text));
        }
    }
    const QString last = label(page.get(), "searchLabel")->text();
    QVERIFY2(last.startsWith(QStringLiteral("Scanned")) && rateIn.match(last).hasMatch(), qPrintable(last));
    QVERIFY2(last.contains(QStringLiteral("%1 matches").arg(QLocale().toString(page->model()->rowCount()))),
        qPrintable(last));
    screenshot(page.get(), QStringLiteral("inspector-search-done"));

    // After the search: the way back to the tail, offered where the search was.
    auto *back = page->findChild<QPushButton *>(QStringLiteral("backToLiveTailButton"));
    QVERIFY(back->isVisible());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("cancelSearchButton"))->isVisible());
    QTest::mouseClick(back, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConsuming(), 10000);
    QVERIFY(!page->isSearching());
    QVERIFY(!page->findChild<QWidget *>(QStringLiteral("searchBox"))->isVisible());
    page->filterBar()->setText(QString());
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0, kArrivalTimeoutMs);
}

void TestInspectorGui::pageHoldsTheSelectedRowDuringALiveTail()
{
    auto page = openPage(QStringLiteral("orders.events"), 6);
    QVERIFY(page);
    page->resize(900, 520); // a short table, so that new records push a row out quickly
    page->consumeControls()->setStartKind(StartPosition::Kind::LastN);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopNever);
    page->start();
    QTableView *table = page->tableView();
    MessageTableModel *model = page->model();
    const int visibleRows = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > visibleRows + 5, kArrivalTimeoutMs);
    QScrollBar *bar = table->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0 && bar->value() == bar->maximum(), 5000); // following
    // The user clicks a row near the bottom while records keep coming.
    const int row = model->rowCount() - 2;
    const QModelIndex index = model->index(row, MessageTableModel::KeyColumn);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    const auto selected = model->idAt(row);
    QVERIFY(selected);
    QVERIFY(page->isFollowingHeld());
    auto *notice = page->findChild<QToolButton *>(QStringLiteral("followNotice"));
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QStringLiteral("Following paused")), qPrintable(notice->text()));
    QVERIFY(table->viewport()->geometry().contains(notice->geometry().center()));
    const int rowsThen = model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > rowsThen + visibleRows + 2, 60000);
    // Still in view, still selected.
    const int now = model->rowOf(*selected);
    QVERIFY(now >= 0);
    QVERIFY(table->viewport()->rect().intersects(table->visualRect(model->index(now, 0))));
    QCOMPARE(table->selectionModel()->currentIndex().row(), now);
    screenshot(page.get(), QStringLiteral("inspector-following-paused"));

    // "Resume following": back to the newest records, the notice gone.
    QTest::mouseClick(notice, Qt::LeftButton);
    QVERIFY(!page->isFollowingHeld());
    QVERIFY(!notice->isVisible());
    const int rowsAtResume = model->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > rowsAtResume, kArrivalTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(bar->value() == bar->maximum(), 5000);

    // Selecting again holds again; clearing the selection (Esc) follows again.
    const int again = model->rowCount() - 3;
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(again, 0)).center());
    QVERIFY(page->isFollowingHeld());
    QTest::keyClick(table, Qt::Key_Escape);
    QVERIFY(!table->selectionModel()->hasSelection());
    QVERIFY(!page->isFollowingHeld());
    QVERIFY(!notice->isVisible());
    page->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isConsuming(), 10000);
}

void TestInspectorGui::pageFitsA1366Screen()
{
    // The page as the main window holds it at 1366×768: beside a tree pane of 330 px (its
    // minimum there) and the window's mode tabs.
    constexpr int kScreenWidth = 1366;
    constexpr int kTreePane = 330 + 40;
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *tree = new QWidget(&window);
    tree->setFixedWidth(kTreePane);
    layout->addWidget(tree);
    auto *page = new InspectorPage(&window);
    layout->addWidget(page, 1);
    page->setConnection(sandbox_->connectionSettings());
    const QString longTopic = QStringLiteral("orders.events.") + QString(186, QLatin1Char('x'));
    QCOMPARE(longTopic.size(), 200);
    page->setTopic(longTopic, 6);
    // The widest settings the read row can show.
    page->consumeControls()->setStartKind(StartPosition::Kind::Timestamp);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopAtTimestamp);
    window.resize(kScreenWidth, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const auto checkFits = [&](const char *when) {
        QTest::qWait(20); // posted layout requests
        const int available = kScreenWidth - kTreePane;
        QVERIFY2(page->minimumSizeHint().width() <= available,
            qPrintable(QStringLiteral("%1: the page needs %2 px, %3 are there")
                           .arg(QLatin1String(when))
                           .arg(page->minimumSizeHint().width())
                           .arg(available)));
        QVERIFY2(window.width() == kScreenWidth, when);
        const QRect visible = window.rect();
        int checked = 0;
        for (QWidget *w : page->findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w);
            if (!control || !w->isVisibleTo(&window)) {
                continue;
            }
            const QRect at(w->mapTo(&window, QPoint(0, 0)), w->size());
            QVERIFY2(visible.contains(at),
                qPrintable(
                    QStringLiteral("%1: %2 (%3 \"%4\") at %5,%6 %7×%8 is outside the window")
                        .arg(QLatin1String(when), w->objectName(),
                            QLatin1String(w->metaObject()->className()),
                            qobject_cast<QAbstractButton *>(w) ? qobject_cast<QAbstractButton *>(w)->text()
                                                               : QString())
                        .arg(at.x())
                        .arg(at.y())
                        .arg(at.width())
                        .arg(at.height())));
            ++checked;
        }
        QVERIFY2(checked > 15, when);
        qInfo("%s: page minimumSizeHint %d px of %d, %d controls inside the window", when,
            page->minimumSizeHint().width(), available, checked);
    };
    checkFits("topic opened");
    // The long title is elided, the whole name in its tooltip.
    auto *title = label(page, "inspectorTopicLabel");
    QVERIFY(title->toolTip().contains(longTopic));
    QVERIFY(title->text().size() < longTopic.size());
    QVERIFY(title->text().contains(QStringLiteral("…")));
    screenshot(&window, QStringLiteral("inspector-1366"));

    // With records, a selection and the search bar showing.
    page->setTopic(QStringLiteral("orders.events"), 6);
    page->consumeControls()->setStartKind(StartPosition::Kind::Beginning);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopNever);
    page->start();
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 10, kArrivalTimeoutMs);
    clickRow(page->tableView(), 3);
    checkFits("reading, a row selected");
    page->filterBar()->setText(QStringLiteral(R"(headers.event-type == "OrderPlaced")"));
    QSignalSpy finished(page, &InspectorPage::consumptionFinished);
    page->searchWholeTopic();
    checkFits("searching");
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    clickRow(page->tableView(), 0);
    checkFits("search done");
    screenshot(&window, QStringLiteral("inspector-1366-search"));
}

void TestInspectorGui::pageDisablesJsonTabsForBinaryRecords()
{
    auto page = readPage(QStringLiteral("telemetry.raw"), 4, StartPosition::Kind::LastN);
    QVERIFY(page);
    MessageTableModel *model = page->model();
    QVERIFY(model->rowCount() > 0);
    clickRow(page->tableView(), 0);
    MessageDetailPane *detail = page->detailPane();
    QVERIFY(detail->record().has_value());
    QCOMPARE(detail->record()->decoded.kind, DecodedValue::Kind::Binary);
    for (const auto tab : {MessageDetailPane::PrettyJsonTab, MessageDetailPane::JsonTreeTab}) {
        QVERIFY(!detail->isTabEnabled(tab));
        QVERIFY2(detail->tabs()->tabToolTip(tab).contains(QStringLiteral("binary")),
            qPrintable(detail->tabs()->tabToolTip(tab)));
    }
    QCOMPARE(detail->tabs()->currentIndex(), int(MessageDetailPane::HexTab));
    // A click on the disabled tab does not open it.
    QTabBar *bar = detail->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(MessageDetailPane::PrettyJsonTab).center());
    QCOMPARE(detail->tabs()->currentIndex(), int(MessageDetailPane::HexTab));
    screenshot(page.get(), QStringLiteral("inspector-binary"));

    // The user picked Text; a JSON record next brings the JSON tabs back.
    detail->setCurrentTab(MessageDetailPane::TextTab);
    page->setTopic(QStringLiteral("orders.events"), 6);
    page->consumeControls()->setStartKind(StartPosition::Kind::LastN);
    page->consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(page.get(), &InspectorPage::consumptionFinished);
    page->start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kArrivalTimeoutMs);
    clickRow(page->tableView(), 0);
    QVERIFY(detail->isTabEnabled(MessageDetailPane::PrettyJsonTab));
    QVERIFY(detail->isTabEnabled(MessageDetailPane::JsonTreeTab));
    QVERIFY(detail->tabs()->tabToolTip(MessageDetailPane::PrettyJsonTab).isEmpty());
}

void TestInspectorGui::pageShowsDebeziumTimesAsDates_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("withSchema");
    QTest::newRow("orders: Connect schema says MicroTimestamp") << "erp.public.orders" << true;
    QTest::newRow("customers: no schema, updated_at") << "erp.public.customers" << false;
}

void TestInspectorGui::pageShowsDebeziumTimesAsDates()
{
    QFETCH(QString, topic);
    QFETCH(bool, withSchema);
    auto page = readPage(topic, 3, StartPosition::Kind::Beginning);
    QVERIFY(page);
    MessageTableModel *model = page->model();
    int row = -1;
    for (int r = 0; r < model->rowCount() && row < 0; ++r) {
        if (model->viewAt(r).hasValue()) {
            row = r;
        }
    }
    QVERIFY(row >= 0);
    const QJsonObject after
        = envelopeOf(bytes(model->viewAt(row).value())).value(QStringLiteral("after")).toObject();
    const qint64 micros = after.value(QStringLiteral("updated_at")).toInteger();
    QVERIFY(micros > 0);
    clickRow(page->tableView(), row);
    auto *change = page->detailPane()->findChild<widgets::ChangeView *>();
    QVERIFY(change);
    QTableWidget *fields = change->fieldTable();
    QTableWidgetItem *updated = nullptr;
    QTableWidgetItem *id = nullptr;
    for (int r = 0; r < fields->rowCount(); ++r) {
        const QString name = fields->item(r, widgets::ChangeView::FieldColumn)->text();
        if (name == QLatin1String("updated_at")) {
            updated = fields->item(r, widgets::ChangeView::AfterColumn);
        } else if (name == QLatin1String("id")) {
            id = fields->item(r, widgets::ChangeView::AfterColumn);
        }
    }
    QVERIFY(updated && id);
    // The date, computed here from the raw microseconds.
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(micros / 1000, Qt::UTC);
    const QString expected = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss."))
        + QStringLiteral("%1").arg(micros % 1'000'000, 6, 10, QLatin1Char('0'));
    QVERIFY2(updated->text().startsWith(expected),
        qPrintable(updated->text() + QStringLiteral(" vs ") + expected));
    QCOMPARE(updated->data(widgets::ChangeView::RawValueRole).toString(), QString::number(micros));
    QVERIFY2(updated->toolTip().contains(QString::number(micros)), qPrintable(updated->toolTip()));
    if (withSchema) {
        QVERIFY2(updated->toolTip().contains(QStringLiteral("io.debezium.time.MicroTimestamp")),
            qPrintable(updated->toolTip()));
    } else {
        QVERIFY2(updated->toolTip().contains(QStringLiteral("no schema")), qPrintable(updated->toolTip()));
    }
    // An ordinary number stays a number.
    QCOMPARE(id->text(), QString::number(after.value(QStringLiteral("id")).toInteger()));
    QVERIFY(!id->data(widgets::ChangeView::RawValueRole).isValid());
    screenshot(page.get(), QStringLiteral("inspector-debezium-dates-") + (withSchema ? "schema" : "plain"));
}

QTEST_MAIN(TestInspectorGui)
#include "tst_inspectorgui.moc"
