// The Schema Registry in the desktop app, against the real services: the connection manager's
// registry section (its fields saved into the profile and its secrets, "Test registry" against
// the real registry and a closed port) and the inspector of a registry-backed connection showing
// Avro records that the Confluent Python client wrote (decoded after schemaArrived, filtered by
// a decoded field in the table and in a whole-topic search); the produce dialog opened on a held
// record encodes it again with the record's schema ids and Protobuf messages.

#include "detailslabel.h"
#include "dialogs/connectionmanager.h"
#include "dialogs/producedialog.h"
#include "dialogs/produceschemaform.h"
#include "guitest.h"
#include "inspector/consumecontrols.h"
#include "inspector/filterbar.h"
#include "inspector/inspectorpage.h"
#include "inspector/messagedetailpane.h"
#include "inspectorcontroller.h"
#include "kafka/kafkaclient.h"
#include "messagetablemodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "registry/schemacache.h"
#include "registrydecoding.h"
#include "schema/wireformat.h"
#include "screenshot.h"
#include "testconsumer.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

using namespace edis;
using test::child;
using test::closedPort;
using json = nlohmann::json;

namespace {

constexpr int kWaitMs = 30000;

/// A one-partition topic; empty, or why it could not be made.
QString createTopic(const QString &bootstrap, const QString &name)
{
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = bootstrap;
    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(connection, &error);
    if (!client) {
        return error.message;
    }
    kafka::NewTopic t;
    t.name = name;
    t.partitions = 1;
    return client->createTopic(t, std::chrono::seconds(30)).message;
}

/// The message-index list of a framed Protobuf key or value, as the fixtures' JSON writes it.
json messageIndexesOf(const QByteArray &framed)
{
    const auto frame
        = schema::wire::parseFrame(std::string_view(framed.constData(), std::size_t(framed.size())));
    if (!frame) {
        return json();
    }
    const auto indexes = schema::wire::parseMessageIndexes(frame->payload);
    return indexes ? json(indexes->indexes) : json();
}

} // namespace

class TestRegistryGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void registrySectionRoundTripsIntoTheProfile();
    void testRegistryReportsSuccessAndFailure();
    void registrySectionFitsALaptopScreen();
    void inspectorShowsDecodedAvroAfterTheSchemaArrives();
    void unreachableRegistryIsAPerRecordError();
    void produceDialogEncodesAHeldRecordAgain();
    void produceDialogPicksTheProtobufMessageOfAHeldRecord_data();
    void produceDialogPicksTheProtobufMessageOfAHeldRecord();
    void produceDialogPicksTheProtobufMessageOfAFramedKey();

private:
    /// The fixtures' record of `fixtureCase` ("protobuf-nested-line"), or null.
    json fixtureRecord(const QString &fixtureCase) const;

    QString bootstrap_;
    QString registryUrl_;
    QString python_;
    QString fixtures_;
    QTemporaryDir dir_;
    json expected_;
};

void TestRegistryGui::initTestCase()
{
    for (const char *name : {"EDIS_TEST_KAFKA_BOOTSTRAP", "EDIS_TEST_REGISTRY_URL", "EDIS_TEST_PYTHON",
             "EDIS_TEST_SCHEMA_FIXTURES"}) {
        QVERIFY2(!test::requiredEnv(name).isEmpty(),
            qPrintable(QStringLiteral("%1 is not set: run the suite with tests/run.sh, which starts the "
                                      "broker and the registry and makes the Python client")
                           .arg(QLatin1String(name))));
    }
    bootstrap_ = test::requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP");
    registryUrl_ = test::requiredEnv("EDIS_TEST_REGISTRY_URL");
    python_ = test::requiredEnv("EDIS_TEST_PYTHON");
    fixtures_ = test::requiredEnv("EDIS_TEST_SCHEMA_FIXTURES");
    const QString &python = python_;
    const QString &fixtures = fixtures_;
    QVERIFY(dir_.isValid());

    // Unique topics and subjects: the broker and the registry are shared.
    const QString prefix = QStringLiteral("gui%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QString out = dir_.filePath(QStringLiteral("expected.json"));
    QProcess produce;
    produce.start(python,
        {fixtures, QStringLiteral("produce"), QStringLiteral("--bootstrap"), bootstrap_,
            QStringLiteral("--registry"), registryUrl_, QStringLiteral("--topic-prefix"), prefix,
            QStringLiteral("--out"), out});
    produce.closeWriteChannel();
    if (!produce.waitForFinished(180000)) {
        produce.kill();
        produce.waitForFinished();
        QFAIL(qPrintable(QStringLiteral("schema_fixtures.py produce did not finish in 180 s: %1")
                             .arg(QString::fromUtf8(produce.readAllStandardError()))));
    }
    QVERIFY2(produce.exitCode() == 0, produce.readAllStandardError().constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    expected_ = json::parse(file.readAll().toStdString(), nullptr, false);
    QVERIFY(!expected_.is_discarded() && expected_.contains("records") && expected_.contains("topics"));
}

/// Every field of the section reaches the saved profile, its secret the secret store (never the
/// file), and showing the saved profile again fills the section back in.
void TestRegistryGui::registrySectionRoundTripsIntoTheProfile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("connections.json"));
    profiles::ProfileStore store(path);
    profiles::SecretStore secrets(QStringLiteral("EDIS Studio tests"));
    secrets.setKeychainEnabled(false);
    ui::ConnectionManager manager(&store, &secrets);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));

    child<QLineEdit>(&manager, "profileName")->setText(QStringLiteral("With registry"));
    child<QLineEdit>(&manager, "profileBootstrap")->setText(QStringLiteral("broker:9092"));
    auto *section = child<QGroupBox>(&manager, "registrySection");
    QVERIFY(section && !section->isChecked());
    auto *url = child<QLineEdit>(&manager, "registryUrl");
    QVERIFY(!url->isVisible()); // collapsed without a registry
    section->setChecked(true);
    QVERIFY(url->isVisible());
    auto *save = child<QPushButton>(&manager, "saveProfileButton");
    QVERIFY2(!save->isEnabled(), "a registry without a URL was accepted");
    url->setText(QStringLiteral("https://registry.example:8081"));
    auto *auth = child<QComboBox>(&manager, "registryAuth");
    auth->setCurrentIndex(auth->findData(static_cast<int>(registry::RegistryAuth::Basic)));
    auto *user = child<QLineEdit>(&manager, "registryUser");
    QVERIFY(user->isVisible());
    user->setText(QStringLiteral("api-key"));
    child<QLineEdit>(&manager, "registrySecret")->setText(QStringLiteral("s3cret-registry"));
    child<QLineEdit>(&manager, "registryCaFile")->setText(QStringLiteral("/etc/ca.pem"));
    child<QLineEdit>(&manager, "registryCertFile")->setText(QStringLiteral("/etc/client.pem"));
    child<QLineEdit>(&manager, "registryKeyFile")->setText(QStringLiteral("/etc/client.key"));
    child<QLineEdit>(&manager, "registryKeyPassword")->setText(QStringLiteral("key-pass"));
    child<QCheckBox>(&manager, "registryVerifyHostname")->setChecked(false);
    QVERIFY2(save->isEnabled(), qPrintable(child<QLabel>(&manager, "profileProblems")->text()));
    QTest::mouseClick(save, Qt::LeftButton);

    profiles::ProfileStore reread(path);
    QString error;
    QVERIFY2(reread.load(&error), qPrintable(error));
    QCOMPARE(reread.profiles().size(), 1);
    const profiles::ConnectionProfile saved = reread.profiles().front();
    QVERIFY(saved.registry);
    QCOMPARE(saved.registry->url, QStringLiteral("https://registry.example:8081"));
    QVERIFY(saved.registry->auth == registry::RegistryAuth::Basic);
    QCOMPARE(saved.registry->username, QStringLiteral("api-key"));
    QCOMPARE(saved.registry->caFile, QStringLiteral("/etc/ca.pem"));
    QCOMPARE(saved.registry->certFile, QStringLiteral("/etc/client.pem"));
    QCOMPARE(saved.registry->keyFile, QStringLiteral("/etc/client.key"));
    QCOMPARE(saved.registry->verifyHostname, false);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray onDisk = file.readAll();
    QVERIFY(onDisk.contains("schemaRegistry"));
    QVERIFY2(!onDisk.contains("s3cret-registry") && !onDisk.contains("key-pass"), onDisk.constData());

    std::optional<profiles::ProfileSecrets> stored;
    bool read = false;
    secrets.read(saved.id, [&](std::optional<profiles::ProfileSecrets> s) {
        stored = std::move(s);
        read = true;
    });
    QTRY_VERIFY(read);
    QVERIFY(stored);
    QCOMPARE(stored->registrySecret, QStringLiteral("s3cret-registry"));
    QCOMPARE(stored->registryKeyPassword, QStringLiteral("key-pass"));

    // Shown again (another manager over the saved file): the section is filled in, secrets too.
    ui::ConnectionManager again(&reread, &secrets);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    again.selectProfile(saved.id);
    QVERIFY(child<QGroupBox>(&again, "registrySection")->isChecked());
    QCOMPARE(
        child<QLineEdit>(&again, "registryUrl")->text(), QStringLiteral("https://registry.example:8081"));
    QCOMPARE(child<QLineEdit>(&again, "registryUser")->text(), QStringLiteral("api-key"));
    QTRY_COMPARE(child<QLineEdit>(&again, "registrySecret")->text(), QStringLiteral("s3cret-registry"));
    QCOMPARE(again.editedProfile().registry, saved.registry);
    QCOMPARE(again.editedSecrets().registrySecret, QStringLiteral("s3cret-registry"));

    // Unchecked, the profile has no registry any more.
    child<QGroupBox>(&again, "registrySection")->setChecked(false);
    QVERIFY(!again.editedProfile().registry);
    QVERIFY(again.editedSecrets().registrySecret.isEmpty());
}

void TestRegistryGui::testRegistryReportsSuccessAndFailure()
{
    QTemporaryDir dir;
    profiles::ProfileStore store(dir.filePath(QStringLiteral("connections.json")));
    profiles::SecretStore secrets(QStringLiteral("EDIS Studio tests"));
    secrets.setKeychainEnabled(false);
    ui::ConnectionManager manager(&store, &secrets);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    child<QGroupBox>(&manager, "registrySection")->setChecked(true);
    auto *url = child<QLineEdit>(&manager, "registryUrl");
    auto *test = child<QPushButton>(&manager, "testRegistryButton");
    auto *result = child<QLabel>(&manager, "registryTestResult");

    url->setText(registryUrl_);
    QTest::mouseClick(test, Qt::LeftButton);
    // Asynchronous: the click returns at once with the test under way.
    QVERIFY2(result->text().startsWith(QLatin1String("Testing")), qPrintable(result->text()));
    QVERIFY(!test->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✓")), kWaitMs);
    QVERIFY2(result->text().contains(QLatin1String("subject")), qPrintable(result->text()));
    QTRY_VERIFY(test->isEnabled());

    const quint16 port = closedPort();
    url->setText(QStringLiteral("http://127.0.0.1:%1/apis/ccompat/v7").arg(port));
    QVERIFY(result->text().isEmpty() || result->text().startsWith(QStringLiteral("✓")));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✗")), kWaitMs);
    QVERIFY2(
        result->text().contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(result->text()));
    QTRY_VERIFY(test->isEnabled());
}

/// The longest form there is (SASL_SSL with every TLS row, the registry expanded with basic auth)
/// on a 1366x768 screen: the dialog fits, the form scrolls vertically only, and the registry's
/// test button and result can be scrolled into view.
void TestRegistryGui::registrySectionFitsALaptopScreen()
{
    QTemporaryDir dir;
    profiles::ProfileStore store(dir.filePath(QStringLiteral("connections.json")));
    profiles::SecretStore secrets(QStringLiteral("EDIS Studio tests"));
    secrets.setKeychainEnabled(false);
    ui::ConnectionManager manager(&store, &secrets);
    profiles::ConnectionProfile profile;
    profile.name = QStringLiteral("Production (SASL_SSL, registry)");
    profile.bootstrapServers = QStringLiteral("broker-1.example:9093,broker-2.example:9093");
    profile.security = profiles::SecurityProtocol::SaslSsl;
    profile.mechanism = profiles::SaslMechanism::ScramSha512;
    profile.username = QStringLiteral("svc-edis");
    profile.caFile = QStringLiteral("/etc/kafka/ca.pem");
    profile.registry = profiles::RegistryProfile {};
    profile.registry->url = QStringLiteral("https://registry.example:8081");
    profile.registry->auth = registry::RegistryAuth::Basic;
    profile.registry->username = QStringLiteral("api-key");
    profile.registry->caFile = QStringLiteral("/etc/registry/ca.pem");
    manager.addProfile(profile, {});
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    QApplication::processEvents();
    const QSize laptop(1366, 768);
    QVERIFY2(manager.frameGeometry().width() <= laptop.width()
            && manager.frameGeometry().height() <= laptop.height(),
        qPrintable(QStringLiteral("%1x%2")
                       .arg(manager.frameGeometry().width())
                       .arg(manager.frameGeometry().height())));
    test::saveScreenshot(&manager, QStringLiteral("connection-manager-registry-top"));

    // Run a test against a closed port so that the result line has its longest (error) text.
    child<QLineEdit>(&manager, "registryUrl")
        ->setText(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
    QTest::mouseClick(child<QPushButton>(&manager, "testRegistryButton"), Qt::LeftButton);
    auto *result = child<QLabel>(&manager, "registryTestResult");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✗")), kWaitMs);

    auto *scroll = child<QScrollArea>(&manager, "profileFormScroll");
    auto *button = child<QPushButton>(&manager, "testRegistryButton");
    scroll->ensureWidgetVisible(result, 0, 8);
    QApplication::processEvents();
    for (QWidget *w : {static_cast<QWidget *>(button), static_cast<QWidget *>(result)}) {
        const QRect inViewport(w->mapTo(scroll->viewport(), QPoint(0, 0)), w->size());
        QVERIFY2(scroll->viewport()->rect().contains(inViewport),
            qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 is cut off")
                           .arg(w->objectName())
                           .arg(inViewport.x())
                           .arg(inViewport.y())
                           .arg(inViewport.width())
                           .arg(inViewport.height())));
    }
    QVERIFY2(scroll->horizontalScrollBar()->maximum() == 0, "the form scrolls sideways");
    test::saveScreenshot(&manager, QStringLiteral("connection-manager-registry-section"));
}

/// A registry-backed connection: the Avro records show "fetching schema" at first (the GUI
/// thread never waits), then their decoded value once schemaArrived came; a filter on a decoded
/// field selects in the table and in a whole-topic search (the consumer thread decodes there).
void TestRegistryGui::inspectorShowsDecodedAvroAfterTheSchemaArrives()
{
    const std::string topic = expected_["topics"]["avro"].get<std::string>();
    std::vector<json> records;
    std::optional<json> active;
    int activeCount = 0;
    for (const json &r : expected_["records"]) {
        if (r["topic"] == topic) {
            records.push_back(r);
            if (r["value"].is_object() && r["value"].value("status", json()) == "ACTIVE") {
                ++activeCount;
                if (!active) {
                    active = r;
                }
            }
        }
    }
    QVERIFY(active && activeCount > 0);
    const QString city = QString::fromStdString((*active)["value"]["home"]["city"].get<std::string>());

    registry::RegistrySettings settings;
    settings.url = registryUrl_;
    auto schemas = inspect::RegistryDecoding::create(settings);
    QSignalSpy arrived(schemas->cache(), &registry::SchemaCache::schemaArrived);
    ui::InspectorPage page;
    QAbstractItemModelTester tester(page.model());
    page.resize(1366, 768);
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = bootstrap_;
    page.setConnection(connection, schemas);
    page.setTopic(QString::fromStdString(topic), 1);
    // Not shown yet: no row is painted, so no schema is asked for before a row is selected.
    page.consumeControls()->setStartKind(inspect::StartPosition::Kind::Beginning);
    page.consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(&page, &ui::InspectorPage::consumptionFinished);
    page.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    inspect::MessageTableModel *model = page.model();
    QCOMPARE(model->rowCount(), int(records.size()));

    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->data(model->index(r, inspect::MessageTableModel::OffsetColumn), Qt::DisplayRole)
                .toLongLong()
            == (*active)["offset"].get<qint64>()) {
            row = r;
        }
    }
    QVERIFY(row >= 0);
    page.tableView()->selectRow(row);
    // The GUI thread did not wait: the pane says the schema is being fetched, then refreshes.
    QVERIFY(page.detailPane()->record());
    QCOMPARE(page.detailPane()->record()->decoded.kind, inspect::DecodedValue::Kind::Framed);
    QVERIFY2(page.detailPane()->record()->decoded.summary.contains(QLatin1String("fetching")),
        qPrintable(page.detailPane()->record()->decoded.summary));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const auto valueAt = [model, row] {
        return model->data(model->index(row, inspect::MessageTableModel::ValueColumn)).toString();
    };
    // Decoded once the schema arrived; the pane and the table refresh by themselves.
    QTRY_VERIFY_WITH_TIMEOUT(arrived.count() > 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(valueAt().contains(QLatin1String("ACTIVE")), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(page.detailPane()->record()
            && page.detailPane()->record()->decoded.kind == inspect::DecodedValue::Kind::Json,
        kWaitMs);
    const inspect::DecodedValue &shown = page.detailPane()->record()->decoded;
    QCOMPARE(shown.schemaId.value_or(-1), (*active).value("schema_id", -2));
    QVERIFY2(shown.text.contains(QLatin1String("\"ACTIVE\"")) && shown.text.contains(city),
        qPrintable(shown.text.left(400)));

    // The table's filter reads the decoded field.
    page.filterBar()->setText(QStringLiteral("value.status == \"ACTIVE\""));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), activeCount, 5000);

    // A whole-topic search decodes on the consumer thread with the same registry.
    finished.clear();
    page.searchWholeTopic();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.at(0).at(0).value<inspect::FinishReason>(), inspect::FinishReason::Completed);
    QCOMPARE(model->rowCount(), activeCount);
}

/// The registry goes away (here: a closed port from the start): every framed record says why in
/// its own row and in the detail pane, and the GUI thread keeps turning meanwhile.
void TestRegistryGui::unreachableRegistryIsAPerRecordError()
{
    const std::string topic = expected_["topics"]["avro"].get<std::string>();
    registry::RegistrySettings settings;
    settings.url = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
    auto schemas = inspect::RegistryDecoding::create(settings);
    QSignalSpy failed(schemas->cache(), &registry::SchemaCache::schemaFailed);
    ui::InspectorPage page;
    page.resize(1366, 768);
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = bootstrap_;
    page.setConnection(connection, schemas);
    page.setTopic(QString::fromStdString(topic), 1);
    // Not shown yet: no row is painted, so no schema is asked for before a row is selected.

    // A 5 ms tick on the GUI thread: the longest gap between two ticks is how long it stalled.
    QElapsedTimer sinceTick;
    qint64 longestGapMs = 0;
    QTimer probe;
    probe.setInterval(5);
    connect(
        &probe, &QTimer::timeout, &page, [&] { longestGapMs = std::max(longestGapMs, sinceTick.restart()); });
    sinceTick.start();
    probe.start();

    page.consumeControls()->setStartKind(inspect::StartPosition::Kind::Beginning);
    page.consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(&page, &ui::InspectorPage::consumptionFinished);
    page.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    inspect::MessageTableModel *model = page.model();
    QVERIFY(model->rowCount() > 1);
    page.tableView()->selectRow(1);
    QVERIFY(page.detailPane()->record());
    QCOMPARE(page.detailPane()->record()->decoded.kind, inspect::DecodedValue::Kind::Framed);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(page.detailPane()->record()
            && page.detailPane()->record()->decoded.kind == inspect::DecodedValue::Kind::Error,
        kWaitMs);
    const inspect::DecodedValue &shown = page.detailPane()->record()->decoded;
    QVERIFY2((shown.summary + shown.text).contains(QLatin1String("refused"), Qt::CaseInsensitive),
        qPrintable(shown.summary + QLatin1Char('\n') + shown.text.left(300)));
    const QString preview = model->data(model->index(1, inspect::MessageTableModel::ValueColumn)).toString();
    QVERIFY2(!preview.contains(QLatin1String("fetching")), qPrintable(preview));
    probe.stop();
    QVERIFY2(
        longestGapMs < 1000, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(longestGapMs)));
}

/// The user's round trip: an Avro record the Confluent client wrote, held in the inspector, opened
/// in the produce dialog (shown as JSON, with encoding on and the record's schema ids chosen)
/// and sent to another topic reads back in the Confluent Python deserializer as the same value
/// under the same schema id. A value that does not fit and a subject that does not exist are
/// told in the dialog; nothing is sent for them.
void TestRegistryGui::produceDialogEncodesAHeldRecordAgain()
{
    const std::string topic = expected_["topics"]["avro"].get<std::string>();
    std::optional<json> original;
    for (const json &r : expected_["records"]) {
        if (r["topic"] == topic && r["value"].is_object() && r.contains("schema_id")) {
            original = r;
            break;
        }
    }
    QVERIFY(original);
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = bootstrap_;
    const QString outTopic = QString::fromStdString(topic) + QStringLiteral("-again");
    {
        kafka::KafkaError error;
        auto client = kafka::KafkaClient::create(connection, &error);
        QVERIFY2(client, qPrintable(error.message));
        kafka::NewTopic t;
        t.name = outTopic;
        t.partitions = 1;
        const kafka::KafkaError created = client->createTopic(t, std::chrono::seconds(30));
        QVERIFY2(created.message.isEmpty(), qPrintable(created.message));
    }

    registry::RegistrySettings settings;
    settings.url = registryUrl_;
    auto schemas = inspect::RegistryDecoding::create(settings);
    QSignalSpy arrived(schemas->cache(), &registry::SchemaCache::schemaArrived);
    ui::InspectorPage page;
    page.resize(1366, 768);
    page.setConnection(connection, schemas);
    page.setTopic(QString::fromStdString(topic), 1);
    page.consumeControls()->setStartKind(inspect::StartPosition::Kind::Beginning);
    page.consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(&page, &ui::InspectorPage::consumptionFinished);
    page.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    inspect::MessageTableModel *model = page.model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->data(model->index(r, inspect::MessageTableModel::OffsetColumn)).toLongLong()
            == (*original)["offset"].get<qint64>()) {
            row = r;
        }
    }
    QVERIFY(row >= 0);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.tableView()->selectRow(row);
    QTRY_VERIFY_WITH_TIMEOUT(page.detailPane()->record()
            && page.detailPane()->record()->decoded.kind == inspect::DecodedValue::Kind::Json,
        kWaitMs);

    // Record → Produce… opens the dialog on this record.
    auto *produce = child<QAction>(&page, "inspectorProduceAction");
    QVERIFY(produce && produce->isEnabled());
    produce->trigger();
    ui::ProduceDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<ui::ProduceDialog *>()) != nullptr);
    auto *group = child<ui::ProduceSchemaForm>(dialog, "produceSchemaGroup");
    QVERIFY(group && group->isChecked());
    QCOMPARE(
        child<QSpinBox>(dialog, "produceValueSchemaIdSpin")->value(), (*original)["schema_id"].get<int>());
    auto *valueEdit = child<QPlainTextEdit>(dialog, "produceValueEdit");
    const json shown = json::parse(valueEdit->toPlainText().toStdString(), nullptr, false);
    QVERIFY2(shown.is_object(), qPrintable(valueEdit->toPlainText().left(300)));
    // The Avro key too, once its schema is fetched (Send waits for it meanwhile).
    const json &key = (*original)["key"];
    QVERIFY2(key.is_object() && key.contains("schema_id"), key.dump().c_str());
    auto *keyEdit = child<QLineEdit>(dialog, "produceKeyEdit");
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QSpinBox>(dialog, "produceKeySchemaIdSpin")->value(), key["schema_id"].get<int>(), kWaitMs);
    QVERIFY(child<QPushButton>(dialog, "produceSendButton")->isEnabled());
    QVERIFY2(json::parse(keyEdit->text().toStdString(), nullptr, false) == key["value"],
        qPrintable(keyEdit->text()));
    child<QLineEdit>(dialog, "produceTopicEdit")->setText(outTopic);
    test::saveScreenshot(dialog, QStringLiteral("produce-dialog-registry"));

    QSignalSpy sent(dialog, &ui::ProduceDialog::sendFinished);
    dialog->send();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWaitMs);
    QCOMPARE(sent.at(0).at(0).toULongLong(), 1ULL);
    QVERIFY2(sent.at(0).at(2).toString().isEmpty(), qPrintable(sent.at(0).at(2).toString()));

    QProcess read;
    read.start(python_,
        {fixtures_, QStringLiteral("read"), QStringLiteral("--bootstrap"), bootstrap_,
            QStringLiteral("--registry"), registryUrl_, QStringLiteral("--topic"), outTopic,
            QStringLiteral("--format"), QStringLiteral("avro"), QStringLiteral("--count"),
            QStringLiteral("1"), QStringLiteral("--with-metadata")});
    QVERIFY(read.waitForFinished(kWaitMs * 2));
    QVERIFY2(read.exitCode() == 0, read.readAllStandardError().constData());
    const json back = json::parse(read.readAllStandardOutput().trimmed().toStdString(), nullptr, false);
    QVERIFY2(!back.is_discarded(), "schema_fixtures.py read printed no JSON");
    QCOMPARE(back["schema_id"].get<int>(), (*original)["schema_id"].get<int>());
    QVERIFY2(back["value"] == (*original)["value"], back["value"].dump().c_str());

    // A value that does not fit the schema: the dialog says which record and why; none is sent.
    sent.clear();
    valueEdit->setPlainText(QStringLiteral(R"({"not a field of it": true})"));
    dialog->send();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWaitMs);
    QCOMPARE(sent.at(0).at(0).toULongLong(), 0ULL);
    const QString refusal = sent.at(0).at(2).toString();
    QVERIFY2(
        refusal.contains(QLatin1String("Record 1")) && refusal.contains(QLatin1String("cannot be encoded")),
        qPrintable(refusal));
    auto *status = child<QLabel>(dialog, "produceStatusLabel");
    QVERIFY2(status->text().contains(QLatin1String("cannot be encoded")), qPrintable(status->text()));

    // A subject that does not exist: told before anything is sent, and the dialog can send again.
    sent.clear();
    child<QSpinBox>(dialog, "produceValueSchemaIdSpin")->setValue(0);
    child<QLineEdit>(dialog, "produceValueSubjectEdit")
        ->setText(outTopic + QStringLiteral("-no-such-subject"));
    dialog->send();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QLatin1String("Not sent: the value schema")), kWaitMs);
    QVERIFY(!dialog->isSending());
    QCOMPARE(sent.count(), 0);
    QVERIFY(child<QPushButton>(dialog, "produceSendButton")->isEnabled());
}

json TestRegistryGui::fixtureRecord(const QString &fixtureCase) const
{
    for (const json &r : expected_["records"]) {
        if (r.value("case", std::string()) == fixtureCase.toStdString()) {
            return r;
        }
    }
    return json();
}

void TestRegistryGui::produceDialogPicksTheProtobufMessageOfAHeldRecord_data()
{
    QTest::addColumn<QString>("fixtureCase");
    QTest::newRow("[0]: Product, the file's first") << QStringLiteral("protobuf-product");
    QTest::newRow("[1]: Order, the second") << QStringLiteral("protobuf-order-card");
    QTest::newRow("[1, 0]: Order.Line, nested") << QStringLiteral("protobuf-nested-line");
}

/// A Protobuf record the Confluent client wrote, held in the inspector and opened in the produce
/// dialog: once the schema is there the dialog names the message the record's index list names
/// (not the file's first), and what it sends reads back in the Confluent deserializer as the
/// same message under the same schema id and index list.
void TestRegistryGui::produceDialogPicksTheProtobufMessageOfAHeldRecord()
{
    QFETCH(QString, fixtureCase);
    const json original = fixtureRecord(fixtureCase);
    QVERIFY2(original.is_object() && original.contains("message_type") && original.contains("schema_id"),
        qPrintable(fixtureCase));
    const std::string topic = original["topic"].get<std::string>();
    const QString outTopic = QString::fromStdString(topic) + QStringLiteral("-again-")
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString created = createTopic(bootstrap_, outTopic);
    QVERIFY2(created.isEmpty(), qPrintable(created));

    kafka::ConnectionSettings connection;
    connection.bootstrapServers = bootstrap_;
    registry::RegistrySettings settings;
    settings.url = registryUrl_;
    auto schemas = inspect::RegistryDecoding::create(settings);
    ui::InspectorPage page;
    page.resize(1366, 768);
    page.setConnection(connection, schemas);
    page.setTopic(QString::fromStdString(topic), 1);
    page.consumeControls()->setStartKind(inspect::StartPosition::Kind::Beginning);
    page.consumeControls()->setStopCondition(ui::ConsumeControls::StopAtCurrentEnd);
    QSignalSpy finished(&page, &ui::InspectorPage::consumptionFinished);
    page.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    inspect::MessageTableModel *model = page.model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->data(model->index(r, inspect::MessageTableModel::OffsetColumn)).toLongLong()
            == original["offset"].get<qint64>()) {
            row = r;
        }
    }
    QVERIFY(row >= 0);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.tableView()->selectRow(row);

    // Opened at once, before the inspector fetched the schema: the dialog waits for it.
    child<QAction>(&page, "inspectorProduceAction")->trigger();
    ui::ProduceDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<ui::ProduceDialog *>()) != nullptr);
    auto *messageEdit = child<QLineEdit>(dialog, "produceMessageTypeEdit");
    QTRY_COMPARE_WITH_TIMEOUT(
        messageEdit->text(), QString::fromStdString(original["message_type"].get<std::string>()), kWaitMs);
    QVERIFY(child<ui::ProduceSchemaForm>(dialog, "produceSchemaGroup")->isChecked());
    QCOMPARE(child<QSpinBox>(dialog, "produceValueSchemaIdSpin")->value(), original["schema_id"].get<int>());
    QCOMPARE(child<QLineEdit>(dialog, "produceKeyMessageTypeEdit")->text(), QString()); // no key
    QVERIFY(child<QPushButton>(dialog, "produceSendButton")->isEnabled());

    child<QLineEdit>(dialog, "produceTopicEdit")->setText(outTopic);
    QSignalSpy sent(dialog, &ui::ProduceDialog::sendFinished);
    dialog->send();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWaitMs);
    QCOMPARE(sent.at(0).at(0).toULongLong(), 1ULL);
    QVERIFY2(sent.at(0).at(2).toString().isEmpty(), qPrintable(sent.at(0).at(2).toString()));

    QProcess read;
    read.start(python_,
        {fixtures_, QStringLiteral("read"), QStringLiteral("--bootstrap"), bootstrap_,
            QStringLiteral("--registry"), registryUrl_, QStringLiteral("--topic"), outTopic,
            QStringLiteral("--format"), QStringLiteral("protobuf"), QStringLiteral("--count"),
            QStringLiteral("1"), QStringLiteral("--with-metadata")});
    QVERIFY(read.waitForFinished(kWaitMs * 2));
    QVERIFY2(read.exitCode() == 0, read.readAllStandardError().constData());
    const json back = json::parse(read.readAllStandardOutput().trimmed().toStdString(), nullptr, false);
    QVERIFY2(back.is_object(), "schema_fixtures.py read printed no JSON");
    QCOMPARE(back.value("schema_id", -1), original["schema_id"].get<int>());
    QVERIFY2(back["message_indexes"] == original["message_indexes"], back.dump().c_str());
    QVERIFY2(back["value"] == original["value"], back["value"].dump().c_str());
}

/// A key framed with a Protobuf schema names its own message: a record whose key is an
/// Order.Line ([1, 0]) and whose value is an Order ([1]) opens with both messages chosen, and
/// is sent with both index lists as they were.
void TestRegistryGui::produceDialogPicksTheProtobufMessageOfAFramedKey()
{
    const json line = fixtureRecord(QStringLiteral("protobuf-nested-line"));
    const json order = fixtureRecord(QStringLiteral("protobuf-order-card"));
    QVERIFY(line.is_object() && order.is_object());
    const QByteArray keyBytes
        = QByteArray::fromHex(QByteArray::fromStdString(line["value_hex"].get<std::string>()));
    const QByteArray valueBytes
        = QByteArray::fromHex(QByteArray::fromStdString(order["value_hex"].get<std::string>()));
    const QString outTopic
        = QString::fromStdString(order["topic"].get<std::string>()) + QStringLiteral("-keyed");
    const QString created = createTopic(bootstrap_, outTopic);
    QVERIFY2(created.isEmpty(), qPrintable(created));

    inspect::MessageBatch batch;
    inspect::RecordRef ref;
    const std::string topic = order["topic"].get<std::string>();
    ref.topic = topic;
    ref.partition = 0;
    ref.offset = 0;
    ref.key = std::string_view(keyBytes.constData(), std::size_t(keyBytes.size()));
    ref.value = std::string_view(valueBytes.constData(), std::size_t(valueBytes.size()));
    batch.append(ref);

    kafka::ConnectionSettings connection;
    connection.bootstrapServers = bootstrap_;
    registry::RegistrySettings settings;
    settings.url = registryUrl_;
    auto schemas = inspect::RegistryDecoding::create(settings);
    ui::ProduceDialog dialog(connection, outTopic, 1, nullptr, schemas);
    dialog.loadRecord(batch.at(0));
    QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&dialog, "produceKeyMessageTypeEdit")->text(),
        QStringLiteral("edis.fixtures.Order.Line"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&dialog, "produceMessageTypeEdit")->text(),
        QStringLiteral("edis.fixtures.Order"), kWaitMs);
    QCOMPARE(child<QSpinBox>(&dialog, "produceKeySchemaIdSpin")->value(), line["schema_id"].get<int>());
    QCOMPARE(child<QSpinBox>(&dialog, "produceValueSchemaIdSpin")->value(), order["schema_id"].get<int>());
    QTRY_VERIFY(child<QPushButton>(&dialog, "produceSendButton")->isEnabled());

    QSignalSpy sent(&dialog, &ui::ProduceDialog::sendFinished);
    dialog.send();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWaitMs);
    QCOMPARE(sent.at(0).at(0).toULongLong(), 1ULL);
    QVERIFY2(sent.at(0).at(2).toString().isEmpty(), qPrintable(sent.at(0).at(2).toString()));

    QString error;
    const auto records = test::consumeFromBeginning(
        bootstrap_.toStdString(), {outTopic.toStdString()}, 1, std::chrono::seconds(20), &error);
    QVERIFY2(error.isEmpty() && records.size() == 1, qPrintable(error));
    QVERIFY(records.front().key && records.front().value);
    const json keyIndexes = messageIndexesOf(*records.front().key);
    const json valueIndexes = messageIndexesOf(*records.front().value);
    QVERIFY2(keyIndexes == line["message_indexes"], keyIndexes.dump().c_str());
    QVERIFY2(valueIndexes == order["message_indexes"], valueIndexes.dump().c_str());
}

QTEST_MAIN(TestRegistryGui)
#include "tst_registrygui.moc"
