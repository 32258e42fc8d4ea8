// The main window driven like a user would: the sandbox on first launch, connecting through the
// dialog, browsing the tree, and a broken connection that must not freeze the window.

#include "cluster/clustersession.h"
#include "dialogs/connectdialog.h"
#include "dialogs/connectionmanager.h"
#include "inspector/inspectorpage.h"
#include "kafka/kafkaclient.h"
#include "mainwindow.h"
#include "messagetablemodel.h"
#include "models/clustertreemodel.h"
#include "pipeline/pipelineeditor.h"
#include "pipeline/pipelineworkspace.h"
#include "pipelinemodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "sandbox/sandboxcluster.h"
#include "sandbox/sandboxscenario.h"
#include "statusindicator.h"
#include "treedecorationproxy.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUuid>

#include <memory>

using namespace std::chrono_literals;
using edis::models::ClusterTreeModel;
using edis::ui::MainWindow;
using Level = edis::widgets::StatusIndicator::Level;

namespace {

QStringList visibleTopics(QTreeView *tree)
{
    QStringList names;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < tree->model()->rowCount(parent); ++r) {
            const QModelIndex i = tree->model()->index(r, 0, parent);
            if (i.data(ClusterTreeModel::KindRole).toInt() == int(ClusterTreeModel::NodeKind::Topic)) {
                names << i.data(ClusterTreeModel::TopicNameRole).toString();
            }
            walk(i);
        }
    };
    walk({});
    return names;
}

QModelIndex findTopic(QTreeView *tree, const QString &name)
{
    const auto matches = tree->model()->match(tree->model()->index(0, 0), ClusterTreeModel::TopicNameRole,
        name, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return matches.isEmpty() ? QModelIndex() : matches.first();
}

/// For looking at what the tests drive: EDIS_SCREENSHOT_DIR=dir saves the widget there.
void saveScreenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("EDIS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        widget->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
    }
}

void clickRow(QTreeView *tree, const QModelIndex &index)
{
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
}

/// What a user sees at first launch: the window, shown, connected to a fresh sandbox (which
/// outlives the window: members go in reverse order).
struct FirstLaunch {
    std::unique_ptr<edis::sandbox::SandboxCluster> sandbox;
    std::unique_ptr<MainWindow> window;
    QString error;

    bool start()
    {
        sandbox = edis::sandbox::SandboxCluster::start({}, &error);
        if (!sandbox) {
            return false;
        }
        window = std::make_unique<MainWindow>();
        window->attachSandbox(sandbox.get());
        window->openConnection(sandbox->connectionSettings());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get())) {
            error = QStringLiteral("the window was not shown");
            return false;
        }
        return true;
    }
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Saved connections go to a test location, never to the user's own.
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(edis::profiles::ProfileStore::defaultPath());
    }

    void sandboxIsAliveAtFirstLaunch()
    {
        FirstLaunch app;
        QVERIFY2(app.start(), qPrintable(app.error));
        MainWindow &window = *app.window;
        auto *sandbox = app.sandbox.get();

        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        QTRY_COMPARE_WITH_TIMEOUT(
            visibleTopics(tree).size(), int(edis::sandbox::sandboxTopics().size()), 15000);
        QCOMPARE(window.statusIndicator()->level(), Level::Good);
        QVERIFY2(window.statusIndicator()->text().contains(QLatin1String("3 broker")),
            qPrintable(window.statusIndicator()->text()));

        // Filter as you type narrows the tree.
        auto *filter = window.findChild<QLineEdit *>(QStringLiteral("treeFilter"));
        QTest::keyClicks(filter, QStringLiteral("erp.public"));
        QTRY_COMPARE(visibleTopics(tree),
            (QStringList {QStringLiteral("erp.public.customers"), QStringLiteral("erp.public.orders")}));
        filter->clear();

        // Clicking a topic opens its page with one row per partition.
        const QModelIndex orders = findTopic(tree, QStringLiteral("orders.events"));
        QVERIFY(orders.isValid());
        clickRow(tree, orders);
        auto *partitions = window.findChild<QTableWidget *>(QStringLiteral("partitionsTable"));
        QTRY_COMPARE(partitions->rowCount(), 6);
        QVERIFY(partitions->isVisible());

        // The rate control reaches the sandbox.
        auto *rate = window.findChild<QSpinBox *>(QStringLiteral("sandboxRate"));
        rate->setValue(0);
        QCOMPARE(sandbox->rate(), 0.0);
        auto *stats = window.findChild<QLabel *>(QStringLiteral("sandboxStats"));
        QTRY_VERIFY(stats->text().contains(QLatin1String("events produced")));
    }

    void messagesAndDesignerFromTheWindow()
    {
        FirstLaunch app;
        QVERIFY2(app.start(), qPrintable(app.error));
        MainWindow &window = *app.window;
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        QTRY_VERIFY_WITH_TIMEOUT(findTopic(tree, QStringLiteral("erp.public.orders")).isValid(), 15000);

        // The tree's detail column shows each topic's recent rate as a sparkline.
        const auto rates = [tree] {
            return findTopic(tree, QStringLiteral("erp.public.orders"))
                .siblingAtColumn(ClusterTreeModel::DetailColumn)
                .data(edis::ui::TreeDecorationProxy::SparklineRole)
                .value<QList<double>>();
        };
        clickRow(tree, findTopic(tree, QStringLiteral("erp.public.orders")));
        const auto flowing = [&rates] {
            const QList<double> values = rates();
            return std::any_of(values.cbegin(), values.cend(), [](double v) { return v > 0; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(flowing(), 20000);
        // The cluster's overview lists the busiest topics.
        clickRow(tree, tree->model()->index(0, 0));
        auto *busiest = window.findChild<QTableWidget *>(QStringLiteral("busiestTable"));
        QTRY_VERIFY_WITH_TIMEOUT(busiest->rowCount() > 0, 10000);
        QVERIFY(busiest->isVisible());
        saveScreenshot(&window, "window-overview");

        // Ctrl+M on a topic opens its messages, which start arriving without another click.
        clickRow(tree, findTopic(tree, QStringLiteral("erp.public.orders")));
        QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
        auto *topicTabs = window.findChild<QTabWidget *>(QStringLiteral("topicTabs"));
        QCOMPARE(topicTabs->currentWidget(), window.inspectorPage());
        QCOMPARE(window.inspectorPage()->topic(), QStringLiteral("erp.public.orders"));
        QTRY_VERIFY_WITH_TIMEOUT(window.inspectorPage()->model()->rowCount() > 0, 15000);
        QVERIFY(window.inspectorPage()->isConsuming()); // newest N, then live

        // Another topic: the inspector follows it; a metadata refresh does not restart it.
        clickRow(tree, findTopic(tree, QStringLiteral("crm.accounts")));
        QCOMPARE(window.inspectorPage()->topic(), QStringLiteral("crm.accounts"));
        QTRY_VERIFY_WITH_TIMEOUT(window.inspectorPage()->model()->rowCount() > 0, 15000);
        saveScreenshot(&window, "window-messages");

        // The designer: the sample opens in a tab, as unsaved changes; closing asks first.
        window.findChild<QAction *>(QStringLiteral("openSampleAction"))->trigger();
        auto *modes = window.findChild<QTabWidget *>(QStringLiteral("modeTabs"));
        QCOMPARE(modes->currentWidget(), window.pipelineWorkspace());
        QVERIFY(window.pipelineWorkspace()->currentEditor());
        QVERIFY(window.pipelineWorkspace()->currentEditor()->model()->nodeCount() >= 5);
        // The live overlay: the sandbox's simulated CDC traffic flows on the edge out of the
        // sample's CDC source (fed by the window's throughput sampler, not by the test).
        edis::ui::PipelineEditor *sample = window.pipelineWorkspace()->currentEditor();
        const auto cdcEdges
            = sample->model()->outgoingEdges(sample->model()->nodeByName(QStringLiteral("ERP database")));
        QCOMPARE(cdcEdges.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(sample->edgeFlows().value(cdcEdges.first()).flowing(), 15000);
        QVERIFY(sample->edgeFlows().value(cdcEdges.first()).label.endsWith(QStringLiteral("msg/s")));
        QTest::qWait(300); // let validation and the minimap catch up before looking
        saveScreenshot(&window, "window-designer");
        int asked = 0;
        window.pipelineWorkspace()->setUnsavedPrompt([&asked](edis::ui::PipelineEditor *) {
            ++asked;
            return QMessageBox::Cancel;
        });
        QVERIFY(!window.close()); // cancelled: the window stays
        QCOMPARE(asked, 1);
        window.pipelineWorkspace()->setUnsavedPrompt(
            [](edis::ui::PipelineEditor *) { return QMessageBox::Discard; });
        QVERIFY(window.close());
    }

    void connectDialogValidatesInput_data()
    {
        QTest::addColumn<QString>("bootstrap");
        QTest::addColumn<QString>("properties");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("one server") << "localhost:9092"
                                    << "" << true;
        QTest::newRow("several") << "a:9092, b:9093,c.example.com:9094"
                                 << "" << true;
        QTest::newRow("ipv6") << "[::1]:9092"
                              << "" << true;
        QTest::newRow("event hubs") << "ns.servicebus.windows.net:9093"
                                    << "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN" << true;
        QTest::newRow("empty") << ""
                               << "" << false;
        QTest::newRow("no port") << "localhost"
                                 << "" << false;
        QTest::newRow("port out of range") << "localhost:70000"
                                           << "" << false;
        QTest::newRow("property without =") << "localhost:9092"
                                            << "security.protocol" << false;
        QTest::newRow("comment ok") << "localhost:9092"
                                    << "# a comment\nclient.id=x" << true;
    }
    void connectDialogValidatesInput()
    {
        QFETCH(QString, bootstrap);
        QFETCH(QString, properties);
        QFETCH(bool, accepted);
        edis::ui::ConnectDialog dialog;
        dialog.show();
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("bootstrapEdit")), bootstrap);
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("propertiesEdit"))->setPlainText(properties);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QCOMPARE(ok->isEnabled(), accepted);
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("problemLabel"))->text().isEmpty(), accepted);
    }

    void unreachableClusterReportsWithoutFreezing()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now

        MainWindow window;
        window.show();
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);

        edis::kafka::ConnectionSettings settings;
        settings.displayName = QStringLiteral("Nowhere");
        settings.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
        const int index = window.openConnection(settings);
        QCOMPARE(window.statusIndicator()->level(), Level::Busy);
        QTRY_COMPARE_WITH_TIMEOUT(window.statusIndicator()->level(), Level::Bad, 20000);
        const QString text = window.statusIndicator()->text();
        QVERIFY2(text.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("retrying")), qPrintable(text));
        QVERIFY(window.session(index)->state() == edis::cluster::ClusterSession::State::Failed);
        // The event loop kept running while the worker tried to connect.
        QVERIFY(ticks > 0);
    }

    void connectionManagerSavesWithoutSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        edis::profiles::ProfileStore store(path);
        edis::profiles::SecretStore secrets(QStringLiteral("EDIS Studio tests"));
        secrets.setKeychainEnabled(false);
        edis::ui::ConnectionManager manager(&store, &secrets);
        manager.show();
        QVERIFY(QTest::qWaitForWindowExposed(&manager));

        auto *name = manager.findChild<QLineEdit *>(QStringLiteral("profileName"));
        auto *bootstrap = manager.findChild<QLineEdit *>(QStringLiteral("profileBootstrap"));
        auto *save = manager.findChild<QPushButton *>(QStringLiteral("saveProfileButton"));
        auto *problems = manager.findChild<QLabel *>(QStringLiteral("profileProblems"));
        // The banner tells the user secrets will not outlive the session.
        QVERIFY(manager.findChild<QLabel *>(QStringLiteral("keychainBanner"))->isVisible());

        name->clear();
        QTest::keyClicks(name, QStringLiteral("Staging"));
        bootstrap->clear();
        QTest::keyClicks(bootstrap, QStringLiteral("staging-kafka"));
        QVERIFY(!save->isEnabled());
        QVERIFY2(problems->text().contains(QLatin1String("host:port")), qPrintable(problems->text()));
        QTest::keyClicks(bootstrap, QStringLiteral(":9094"));
        QVERIFY2(problems->text().isEmpty(), qPrintable(problems->text()));

        auto *protocol = manager.findChild<QComboBox *>(QStringLiteral("profileProtocol"));
        protocol->setCurrentIndex(protocol->findText(QStringLiteral("SASL_SSL")));
        auto *password = manager.findChild<QLineEdit *>(QStringLiteral("profilePassword"));
        QVERIFY(password->isVisible());
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(!save->isEnabled()); // PLAIN needs a user
        QTest::keyClicks(
            manager.findChild<QLineEdit *>(QStringLiteral("profileUser")), QStringLiteral("svc-edis"));
        QTest::keyClicks(password, QStringLiteral("hunter2-secret"));
        manager.findChild<QCheckBox *>(QStringLiteral("profileReadOnly"))->setChecked(true);
        QVERIFY(save->isEnabled());
        saveScreenshot(&manager, "connection-manager");
        QTest::mouseClick(save, Qt::LeftButton);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("Staging"));
        QVERIFY(saved.contains("svc-edis"));
        QVERIFY(!saved.contains("hunter2-secret"));
        QCOMPARE(store.profiles().size(), 1);
        QVERIFY(store.profiles().first().readOnly);
        QCOMPARE(manager.findChild<QListWidget *>(QStringLiteral("profileList"))->count(), 1);
    }

    void testConnectionExplainsFailure()
    {
        QTemporaryDir dir;
        edis::profiles::ProfileStore store(dir.filePath(QStringLiteral("connections.json")));
        edis::profiles::SecretStore secrets(QStringLiteral("EDIS Studio tests"));
        secrets.setKeychainEnabled(false);
        edis::ui::ConnectionManager manager(&store, &secrets);
        manager.show();
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        auto *bootstrap = manager.findChild<QLineEdit *>(QStringLiteral("profileBootstrap"));
        bootstrap->setText(QStringLiteral("127.0.0.1:%1").arg(port));
        auto *test = manager.findChild<QPushButton *>(QStringLiteral("testConnectionButton"));
        QTest::mouseClick(test, Qt::LeftButton);
        auto *result = manager.findChild<QLabel *>(QStringLiteral("testResult"));
        QVERIFY(result->text().startsWith(QLatin1String("Testing")));
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("refused")), 20000);
    }

    void connectWithASaslProfile()
    {
        const QString bootstrap = qEnvironmentVariable("EDIS_TEST_KAFKA_SASL_BOOTSTRAP");
        if (bootstrap.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_SASL_BOOTSTRAP is not set: run the suite with tests/run.sh, which starts "
                  "a real broker");
        }
        MainWindow window;
        window.secretStore()->setKeychainEnabled(false);
        window.show();
        window.findChild<QAction *>(QStringLiteral("connectAction"))->trigger();
        auto *manager = window.findChild<edis::ui::ConnectionManager *>();
        QVERIFY(manager);
        QTRY_VERIFY(manager->isVisible());
        auto *name = manager->findChild<QLineEdit *>(QStringLiteral("profileName"));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Secured broker"));
        auto *server = manager->findChild<QLineEdit *>(QStringLiteral("profileBootstrap"));
        server->clear();
        QTest::keyClicks(server, bootstrap);
        auto *protocol = manager->findChild<QComboBox *>(QStringLiteral("profileProtocol"));
        protocol->setCurrentIndex(protocol->findText(QStringLiteral("SASL_PLAINTEXT")));
        QTest::keyClicks(manager->findChild<QLineEdit *>(QStringLiteral("profileUser")),
            qEnvironmentVariable("EDIS_TEST_KAFKA_SASL_USER"));
        QTest::keyClicks(manager->findChild<QLineEdit *>(QStringLiteral("profilePassword")),
            qEnvironmentVariable("EDIS_TEST_KAFKA_SASL_PASSWORD"));
        QTest::mouseClick(
            manager->findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
        auto *result = manager->findChild<QLabel *>(QStringLiteral("testResult"));
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("Connected: 1 broker")), 20000);
        QTest::mouseClick(
            manager->findChild<QPushButton *>(QStringLiteral("connectProfileButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.statusIndicator()->level(), Level::Good, 20000);
        QCOMPARE(window.treeModel()->clusterIndex(0).data().toString(), QStringLiteral("Secured broker"));
        // It is saved, without its password, and offered under Recent connections.
        QCOMPARE(window.profileStore()->recent(5).size(), 1);
        QFile saved(edis::profiles::ProfileStore::defaultPath());
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(!saved.readAll().contains(qEnvironmentVariable("EDIS_TEST_KAFKA_SASL_PASSWORD").toUtf8()));
    }

    void connectThroughTheDialogToARealBroker()
    {
        const QString bootstrap = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
        if (bootstrap.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: run the suite with tests/run.sh, which starts a "
                  "real broker");
        }
        // A topic the user expects to find.
        const QString topic
            = QStringLiteral("gui.%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
        {
            edis::kafka::ConnectionSettings s;
            s.bootstrapServers = bootstrap;
            edis::kafka::KafkaError error;
            auto client = edis::kafka::KafkaClient::create(s, &error);
            QVERIFY(client);
            QVERIFY(!client->createTopic({topic, 5, 1, {}}, 15s).isError());
        }

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QAction *>(QStringLiteral("quickConnectAction"))->trigger();
        auto *dialog = window.findChild<edis::ui::ConnectDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QTest::keyClicks(
            dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Test broker"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("bootstrapEdit")), bootstrap);
        QTest::mouseClick(
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        QTRY_VERIFY_WITH_TIMEOUT(findTopic(tree, topic).isValid(), 20000);
        QCOMPARE(window.statusIndicator()->level(), Level::Good);
        QCOMPARE(window.treeModel()->clusterIndex(0).data().toString(), QStringLiteral("Test broker"));
        clickRow(tree, findTopic(tree, topic));
        auto *partitions = window.findChild<QTableWidget *>(QStringLiteral("partitionsTable"));
        QTRY_COMPARE(partitions->rowCount(), 5);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
