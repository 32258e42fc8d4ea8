// The main window driven like a user would: the sandbox on first launch, connecting through the
// dialog, browsing the tree, and a broken connection that must not freeze the window.

#include "autosave.h"
#include "cluster/clustersession.h"
#include "detailslabel.h"
#include "dialogs/connectdialog.h"
#include "dialogs/connectionmanager.h"
#include "dialogs/createtopicdialog.h"
#include "dialogs/deletetopicdialog.h"
#include "dialogs/producedialog.h"
#include "dialogs/resetoffsetsdialog.h"
#include "guitest.h"
#include "inspector/inspectorpage.h"
#include "kafka/kafkaclient.h"
#include "mainwindow.h"
#include "messagetablemodel.h"
#include "models/clustertreemodel.h"
#include "pages/groupspage.h"
#include "pages/overviewpage.h"
#include "pages/throughputpage.h"
#include "pages/topicpage.h"
#include "pipeline/pipelineeditor.h"
#include "pipeline/pipelineworkspace.h"
#include "pipelinejson.h"
#include "pipelinemodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "sandbox/sandboxcluster.h"
#include "sandbox/sandboxscenario.h"
#include "statusindicator.h"
#include "throughputplot.h"
#include "treedecorationproxy.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUuid>
#include <QVBoxLayout>

#include <memory>

using namespace std::chrono_literals;
using edis::models::ClusterTreeModel;
using edis::test::closedPort;
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

/// A laptop screen: every page and dialog must fit it.
constexpr QSize kLaptop(1366, 768);

/// The controls of `top` a user cannot see whole: visible buttons, edits, combos, spin boxes
/// and labels whose rectangle is not inside the part of every ancestor (and of `top`) on screen.
QStringList controlsOutside(QWidget *top)
{
    QStringList outside;
    for (QWidget *w : top->findChildren<QWidget *>()) {
        if (!w->isVisible() || w->window() != top
            || !(qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                || qobject_cast<QLabel *>(w))) {
            continue;
        }
        const QRect rect(w->mapTo(top, QPoint(0, 0)), w->size());
        QRect shown = top->rect();
        for (QWidget *p = w->parentWidget(); p && p != top; p = p->parentWidget()) {
            shown &= QRect(p->mapTo(top, QPoint(0, 0)), p->size());
        }
        if (!shown.contains(rect)) {
            const auto *label = qobject_cast<QLabel *>(w);
            const auto *button = qobject_cast<QAbstractButton *>(w);
            const QString text = label ? label->text() : button ? button->text() : QString();
            outside << QStringLiteral("%1 %2 \"%3\" at %4,%5 %6x%7 (visible part %8,%9 %10x%11)")
                           .arg(QLatin1String(w->metaObject()->className()), w->objectName(), text.left(40))
                           .arg(rect.x())
                           .arg(rect.y())
                           .arg(rect.width())
                           .arg(rect.height())
                           .arg(shown.x())
                           .arg(shown.y())
                           .arg(shown.width())
                           .arg(shown.height());
        }
    }
    return outside;
}

/// Why `top` does not fit a laptop screen, or empty: its minimum size, its size, its controls.
QString fitProblem(QWidget *top, const QString &what)
{
    QStringList problems;
    const QSize minimum = top->minimumSizeHint().expandedTo(top->minimumSize());
    if (minimum.width() > kLaptop.width() || minimum.height() > kLaptop.height()) {
        problems << QStringLiteral("minimum size %1x%2").arg(minimum.width()).arg(minimum.height());
    }
    if (top->width() > kLaptop.width() || top->height() > kLaptop.height()) {
        problems << QStringLiteral("size %1x%2").arg(top->width()).arg(top->height());
    }
    problems << controlsOutside(top);
    return problems.isEmpty() ? QString() : what + QStringLiteral(": ") + problems.join(QStringLiteral("; "));
}

/// Shows a dialog the way the window does, lets it lay out, and says why it does not fit.
QString dialogFitProblem(QDialog *dialog, const QString &what, const char *screenshot = nullptr)
{
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog)) {
        return what + QStringLiteral(": not shown");
    }
    QApplication::processEvents(); // pending layout requests
    if (screenshot) {
        saveScreenshot(dialog, screenshot);
    }
    QString problem = fitProblem(dialog, what);
    dialog->close();
    return problem;
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

    bool start(QSize size = {})
    {
        sandbox = edis::sandbox::SandboxCluster::start({}, &error);
        if (!sandbox) {
            return false;
        }
        window = std::make_unique<MainWindow>();
        window->attachSandbox(sandbox.get());
        window->openConnection(sandbox->connectionSettings());
        if (size.isValid()) {
            window->resize(size);
        }
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

    /// Pipelines with unsaved changes that an earlier session left behind (a crash) reopen at
    /// the next start as unsaved tabs, with a word in the status bar. Listing and reading them is
    /// a background job since the GUI thread never waits on disk: the window is up first.
    void autosavesOfAnEarlierSessionReopenAtStart()
    {
        const edis::pipeline::AutosaveStore store; // the default directory, a test location
        QByteArray document;
        {
            edis::ui::PipelineEditor source;
            source.addNode(QStringLiteral("merge"), QPointF(120, 80));
            document = edis::pipeline::serializePipeline(source.model()->document());
        }
        const QString original = QDir(QDir::tempPath()).filePath(QStringLiteral("orders-flow.edis.json"));
        QVERIFY(
            store.save(QStringLiteral("recover-test"), document, original, QStringLiteral("orders-flow")));

        MainWindow window;
        edis::ui::PipelineWorkspace *workspace = window.pipelineWorkspace();
        const auto recovered = [&]() -> edis::ui::PipelineEditor * {
            for (int i = 0; i < workspace->count(); ++i) {
                if (workspace->editor(i)->filePath() == original) {
                    return workspace->editor(i);
                }
            }
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(recovered() != nullptr, 10000);
        QVERIFY(recovered()->isModified());
        QCOMPARE(edis::pipeline::serializePipeline(recovered()->model()->document()), document);
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("Recovered 1 pipeline")));
        QVERIFY(store.recoverable().isEmpty()); // taken, so the next start does not offer it again
        workspace->setUnsavedPrompt([](edis::ui::PipelineEditor *) { return QMessageBox::Discard; });
        QVERIFY(workspace->closeAll());
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

        // The designer: the sample opens in a tab, clean (nothing to save until it is edited).
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
        QVERIFY(!sample->isModified());
        // Once edited, closing asks first.
        sample->addNode(QStringLiteral("filter"), QPointF(0, 900));
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

    void unreachableClusterOverviewSaysSo()
    {
        FirstLaunch app;
        QVERIFY2(app.start(kLaptop), qPrintable(app.error));
        MainWindow &window = *app.window;
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        auto *busiest = window.findChild<QTableWidget *>(QStringLiteral("busiestTable"));
        auto *health = window.findChild<QLabel *>(QStringLiteral("healthLabel"));
        auto *brokers = window.findChild<QTableWidget *>(QStringLiteral("brokersTable"));
        auto *overview = window.findChild<edis::ui::OverviewPage *>();
        auto *connection
            = overview->findChild<edis::widgets::StatusIndicator *>(QStringLiteral("overviewConnection"));
        // The sandbox's overview first: its busiest topics.
        clickRow(tree, tree->model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(busiest->rowCount() > 0, 20000);
        QVERIFY(!connection->isVisible());

        edis::kafka::ConnectionSettings settings;
        settings.displayName = QStringLiteral("Nowhere");
        settings.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        const int nowhere = window.openConnection(settings); // selects it, as a user's connect does
        QCOMPARE(overview->cluster(), nowhere);
        QVERIFY(overview->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(
            window.session(nowhere)->state(), edis::cluster::ClusterSession::State::Failed, 20000);
        QTRY_COMPARE(connection->level(), Level::Bad);
        QVERIFY(connection->isVisible());
        QVERIFY2(connection->text().contains(QLatin1String("not reachable"), Qt::CaseInsensitive),
            qPrintable(connection->text()));
        QVERIFY2(connection->text().contains(settings.bootstrapServers), qPrintable(connection->text()));
        // What was tried and when it is tried again.
        auto *lastError = overview->findChild<QLabel *>(QStringLiteral("overviewLastError"));
        QVERIFY(lastError->isVisible());
        QVERIFY2(lastError->text().contains(QLatin1String("refused"), Qt::CaseInsensitive),
            qPrintable(lastError->text()));
        auto *retry = overview->findChild<QLabel *>(QStringLiteral("overviewRetry"));
        QVERIFY(retry->isVisible());
        const QString every = QStringLiteral("every %1 second")
                                  .arg(window.session(nowhere)->refreshInterval().count() / 1000);
        QVERIFY2(retry->text().contains(every), qPrintable(retry->text()));
        // Nothing that looks healthy, nothing of the sandbox, even while the sandbox is sampled.
        QVERIFY2(!health->text().contains(QLatin1String("in sync")), qPrintable(health->text()));
        QCOMPARE(brokers->rowCount(), 0);
        QSignalSpy rounds(
            window.findChild<edis::ui::ThroughputPage *>(), &edis::ui::ThroughputPage::roundAdded);
        QTRY_VERIFY_WITH_TIMEOUT(rounds.count() >= 2, 10000);
        QCOMPARE(busiest->rowCount(), 0);
        saveScreenshot(&window, "overview-unreachable");

        // Back to the sandbox: its own figures again.
        clickRow(tree, tree->model()->index(0, 0));
        QCOMPARE(overview->cluster(), 0);
        QTRY_VERIFY(busiest->rowCount() > 0);
        QCOMPARE(health->text(), QStringLiteral("All partitions in sync"));
        QVERIFY(brokers->rowCount() > 0);
        QVERIFY(!connection->isVisible());
        const QStringList sandboxTopics = visibleTopics(tree);
        for (int r = 0; r < busiest->rowCount(); ++r) {
            QVERIFY(sandboxTopics.contains(busiest->item(r, 0)->text()));
        }
    }

    void treeShowsWholeTopicNames()
    {
        FirstLaunch app;
        QVERIFY2(app.start(kLaptop), qPrintable(app.error));
        MainWindow &window = *app.window;
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        QTRY_COMPARE_WITH_TIMEOUT(
            visibleTopics(tree).size(), int(edis::sandbox::sandboxTopics().size()), 15000);
        // With the sparklines drawn (they used to squeeze the names).
        const auto hasSparkline = [tree] {
            return !findTopic(tree, QStringLiteral("erp.public.customers"))
                        .siblingAtColumn(ClusterTreeModel::DetailColumn)
                        .data(edis::ui::TreeDecorationProxy::SparklineRole)
                        .value<QList<double>>()
                        .isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasSparkline(), 20000);
        QApplication::processEvents();
        const int icon = tree->iconSize().isValid() ? tree->iconSize().width() : 16;
        for (const QString &name : visibleTopics(tree)) {
            const QModelIndex index = findTopic(tree, name);
            const int needed = tree->fontMetrics().horizontalAdvance(name) + icon;
            const int room = tree->visualRect(index).width();
            QVERIFY2(room >= needed,
                qPrintable(QStringLiteral("%1: %2 px for %3 px").arg(name).arg(room).arg(needed)));
            // Whatever the tree elides, the tooltip has in full.
            QVERIFY2(index.data(Qt::ToolTipRole).toString().contains(name), qPrintable(name));
            const QModelIndex detail = index.siblingAtColumn(ClusterTreeModel::DetailColumn);
            QVERIFY(index.data(Qt::ToolTipRole).isValid());
            QVERIFY2(detail.data(Qt::ToolTipRole).toString().contains(detail.data().toString()),
                qPrintable(detail.data(Qt::ToolTipRole).toString()));
        }
        // The details fit beside the names: nothing to scroll sideways for.
        QVERIFY2(!tree->horizontalScrollBar()->isVisible(),
            qPrintable(QStringLiteral("names %1 px, details %2 px, view %3 px")
                           .arg(tree->header()->sectionSize(0))
                           .arg(tree->header()->sectionSize(1))
                           .arg(tree->viewport()->width())));
        // Brokers too (their address is the detail).
        const QModelIndex brokers = window.treeModel()->brokersFolderIndex(0);
        const QModelIndex broker = window.treeModel()->index(0, ClusterTreeModel::DetailColumn, brokers);
        const auto *proxy = tree->model();
        const auto matches = proxy->match(proxy->index(0, 0), ClusterTreeModel::BrokerIdRole,
            broker.siblingAtColumn(0).data(ClusterTreeModel::BrokerIdRole), 1,
            Qt::MatchExactly | Qt::MatchRecursive);
        QVERIFY(!matches.isEmpty());
        const QModelIndex shownBroker = matches.first().siblingAtColumn(ClusterTreeModel::DetailColumn);
        QVERIFY2(shownBroker.data(Qt::ToolTipRole).toString().contains(broker.data().toString()),
            qPrintable(shownBroker.data(Qt::ToolTipRole).toString()));
    }

    void sandboxLimitationsAreInformation()
    {
        FirstLaunch app;
        QVERIFY2(app.start(kLaptop), qPrintable(app.error));
        MainWindow &window = *app.window;
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        QTRY_VERIFY_WITH_TIMEOUT(findTopic(tree, QStringLiteral("orders.events")).isValid(), 15000);
        // What the sandbox can and cannot do is said in one way everywhere.
        const QString capabilities = edis::widgets::DetailsLabel::splitFirstSentence(
            edis::kafka::KafkaClient::sandboxLimitation(QStringLiteral("This")))
                                         .second;
        QVERIFY(!capabilities.isEmpty());

        window.findChild<QAction *>(QStringLiteral("groupsAction"))->trigger();
        auto *groups = window.findChild<edis::ui::GroupsPage *>();
        QVERIFY(groups->isVisible());
        auto *status = groups->findChild<edis::widgets::StatusIndicator *>(QStringLiteral("groupsStatus"));
        QTRY_COMPARE(status->level(), Level::Info); // information, not a red error dot
        QVERIFY2(status->text().endsWith(capabilities), qPrintable(status->text()));
        // The page stays within the window, and the message wraps.
        QVERIFY2(window.width() <= kLaptop.width(), qPrintable(QString::number(window.width())));
        QVERIFY(status->findChild<QLabel *>()->wordWrap());
        QCOMPARE(fitProblem(&window, QStringLiteral("groups")), QString());

        // The topic page: the actions' tooltips and the Configs tab.
        clickRow(tree, findTopic(tree, QStringLiteral("orders.events")));
        auto *topicPage = window.findChild<edis::ui::TopicPage *>();
        auto *addPartitions = topicPage->findChild<QPushButton *>(QStringLiteral("addPartitionsButton"));
        QVERIFY(!addPartitions->isEnabled());
        QVERIFY2(addPartitions->toolTip().endsWith(capabilities), qPrintable(addPartitions->toolTip()));
        auto *configHelp = topicPage->findChild<QLabel *>(QStringLiteral("configHelp"));
        QVERIFY2(configHelp->text().endsWith(capabilities), qPrintable(configHelp->text()));
        // In place of a table that would stay empty.
        QVERIFY(
            !topicPage->findChild<QTableWidget *>(QStringLiteral("configsTable"))->isVisibleTo(topicPage));
    }

    void firstWindowSizeSuitsTheScreen_data()
    {
        QTest::addColumn<QRect>("available");
        QTest::addColumn<QSize>("expected");
        // A laptop's free area (a panel takes 30 px): the whole width, the pages' preferred height.
        QTest::newRow("1366x768") << QRect(0, 0, 1366, 738) << QSize(1180, 720);
        // Full HD: most of it, so the inspector's table and the plots get the room.
        QTest::newRow("1920x1080") << QRect(0, 0, 1920, 1050) << QSize(1536, 840);
        QTest::newRow("2560x1440") << QRect(0, 0, 2560, 1400) << QSize(2048, 1120);
        // Smaller than the pages' preferred size: never larger than the screen.
        QTest::newRow("1024x600") << QRect(0, 0, 1024, 600) << QSize(1024, 600);
    }

    void firstWindowSizeSuitsTheScreen()
    {
        QFETCH(QRect, available);
        QFETCH(QSize, expected);
        QCOMPARE(MainWindow::defaultSize(available), expected);
    }

    void windowRemembersItsSizeAndSplitter()
    {
        QSettings().remove(QStringLiteral("mainWindow"));
        QSize closedSize;
        QList<int> closedSplit;
        {
            MainWindow window;
            // A first window fills most of the (offscreen) screen, centred on it.
            const QRect available = window.screen()->availableGeometry();
            QCOMPARE(window.size(), MainWindow::defaultSize(available));
            QVERIFY(available.contains(window.geometry()));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1300, 700);
            auto *splitter = window.findChild<QSplitter *>(QStringLiteral("clusterSplitter"));
            QVERIFY(splitter);
            QTRY_VERIFY(splitter->width() > 900);
            splitter->setSizes({500, splitter->width() - 500 - splitter->handleWidth()});
            closedSplit = splitter->sizes();
            closedSize = window.size();
            QVERIFY(window.close());
        }
        MainWindow reopened;
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        QCOMPARE(reopened.size(), closedSize);
        QCOMPARE(reopened.findChild<QSplitter *>(QStringLiteral("clusterSplitter"))->sizes(), closedSplit);
        QSettings().remove(QStringLiteral("mainWindow"));
    }

    void fitCheckFindsWhatIsOffScreen()
    {
        // The check the laptop-screen test relies on sees a window made too wide by one long
        // unwrapped label, and a control pushed out of its parent.
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *label
            = new QLabel(QStringLiteral("A long error message that nobody wrapped. ").repeated(8), &window);
        layout->addWidget(label);
        auto *pane = new QWidget(&window);
        pane->setFixedSize(200, 60);
        layout->addWidget(pane);
        auto *button = new QPushButton(QStringLiteral("Export"), pane);
        window.resize(kLaptop);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        button->move(150, 10); // half outside the pane, inside the window
        QVERIFY(label->minimumSizeHint().width() > kLaptop.width());
        const QString problem = fitProblem(&window, QStringLiteral("test window"));
        QVERIFY2(problem.contains(QLatin1String("minimum size")), qPrintable(problem));
        QVERIFY2(problem.contains(QLatin1String("Export")), qPrintable(problem));
        // Wrapped, the label lets the window (which grew, as the did) be a laptop's again.
        QVERIFY(window.width() > kLaptop.width());
        label->setWordWrap(true);
        button->move(10, 10);
        QApplication::processEvents();
        window.resize(kLaptop);
        QApplication::processEvents();
        QCOMPARE(fitProblem(&window, QStringLiteral("test window")), QString());
    }

    void everyPageAndDialogFitsALaptopScreen()
    {
        FirstLaunch app;
        QVERIFY2(app.start(kLaptop), qPrintable(app.error));
        MainWindow &window = *app.window;
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("clusterTree"));
        QTRY_VERIFY_WITH_TIMEOUT(findTopic(tree, QStringLiteral("erp.public.customers")).isValid(), 15000);
        QStringList problems;
        const auto check = [&](const QString &what, const char *screenshot) {
            QApplication::processEvents();
            saveScreenshot(&window, screenshot);
            const QString problem = fitProblem(&window, what);
            if (!problem.isEmpty()) {
                problems << problem;
            }
        };

        clickRow(tree, tree->model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(
            window.findChild<QTableWidget *>(QStringLiteral("busiestTable"))->rowCount() > 0, 20000);
        check(QStringLiteral("overview"), "overview-sandbox");

        clickRow(tree, findTopic(tree, QStringLiteral("erp.public.customers")));
        auto *topicPage = window.findChild<edis::ui::TopicPage *>();
        QTRY_VERIFY(topicPage->isVisible());
        auto *topicTabs = topicPage->findChild<QTabWidget *>();
        for (int tab = 0; tab < topicTabs->count(); ++tab) {
            topicTabs->setCurrentIndex(tab);
            check(QStringLiteral("topic page, %1 tab").arg(topicTabs->tabText(tab)),
                tab == 0 ? "topic-page-partitions" : "topic-page-configs");
        }

        // The topic's Messages tab, streaming.
        window.findChild<QAction *>(QStringLiteral("inspectAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.inspectorPage()->model()->rowCount() > 0, 15000);
        check(QStringLiteral("topic, Messages tab"), "topic-messages-tab");
        window.findChild<QAction *>(QStringLiteral("groupsAction"))->trigger();
        check(QStringLiteral("groups page"), "groups-page");

        window.findChild<QAction *>(QStringLiteral("throughputAction"))->trigger();
        auto *throughput = window.findChild<edis::ui::ThroughputPage *>();
        QTRY_VERIFY_WITH_TIMEOUT(throughput->ratePlot()->seriesCount() > 0
                && throughput->ratePlot()->pointCount(throughput->ratePlot()->seriesIds().first()) >= 4,
            20000);
        throughput->ratePlot()->setTimeWindow(edis::widgets::ThroughputPlot::TimeWindow::OneMinute);
        check(QStringLiteral("throughput page"), "throughput-page");
        throughput->setRateUnit(edis::ui::ThroughputPage::RateUnit::BytesWritten);
        QTRY_VERIFY(!throughput->ratePlot()->valueTickLabels().isEmpty());
        check(QStringLiteral("throughput page, bytes/s"), "throughput-page-bytes");
        throughput->setRateUnit(edis::ui::ThroughputPage::RateUnit::Messages);

        // The dialogs, as the window opens them.
        edis::cluster::ClusterSession *sandbox = window.session(0);
        const QStringList topics = {QStringLiteral("erp.public.customers"), QStringLiteral("orders.events")};
        {
            edis::ui::ConnectDialog dialog(&window);
            problems << dialogFitProblem(&dialog, QStringLiteral("connect dialog"), "connect-dialog");
        }
        {
            QTemporaryDir dir;
            edis::profiles::ProfileStore store(dir.filePath(QStringLiteral("connections.json")));
            edis::profiles::SecretStore secrets(QStringLiteral("EDIS Studio tests"));
            secrets.setKeychainEnabled(false);
            edis::ui::ConnectionManager manager(&store, &secrets, &window);
            problems << dialogFitProblem(
                &manager, QStringLiteral("connection manager"), "connection-manager");
        }
        {
            edis::ui::CreateTopicDialog dialog(sandbox, &window);
            problems << dialogFitProblem(&dialog, QStringLiteral("create topic"), "create-topic");
        }
        {
            edis::ui::DeleteTopicDialog dialog(sandbox, topics.first(), &window);
            problems << dialogFitProblem(&dialog, QStringLiteral("delete topic"), "delete-topic");
        }
        {
            edis::ui::ProduceDialog dialog(app.sandbox->connectionSettings(), topics.first(), 3, &window);
            problems << dialogFitProblem(&dialog, QStringLiteral("produce"), "produce");
        }
        {
            edis::ui::ResetOffsetsDialog dialog(sandbox, QStringLiteral("crm-sync"), topics, &window);
            problems << dialogFitProblem(&dialog, QStringLiteral("reset offsets"), "reset-offsets");
        }

        // An unreachable cluster's overview, last: its long error must wrap, not widen the window.
        edis::kafka::ConnectionSettings nowhere;
        nowhere.displayName = QStringLiteral("Nowhere");
        nowhere.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        const int index = window.openConnection(nowhere);
        QTRY_COMPARE_WITH_TIMEOUT(
            window.session(index)->state(), edis::cluster::ClusterSession::State::Failed, 20000);
        check(QStringLiteral("unreachable overview"), "overview-unreachable");
        problems.removeAll(QString());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
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
        // The banner tells the user secrets will not outlive the session, in a sentence of its
        // own; what the keychain backend said is behind Details.
        auto *banner = manager.findChild<QLabel *>(QStringLiteral("keychainBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY2(!banner->text().contains(secrets.keychainProblem()), qPrintable(banner->text()));
        QVERIFY2(banner->text().endsWith(QLatin1Char('.')), qPrintable(banner->text()));
        auto *bannerDetails = manager.findChild<QLabel *>(QStringLiteral("keychainBannerDetails"));
        QVERIFY(!bannerDetails->isVisible());
        QTest::mouseClick(
            manager.findChild<QToolButton *>(QStringLiteral("keychainBannerDetailsButton")), Qt::LeftButton);
        QVERIFY(bannerDetails->isVisible());
        QVERIFY2(
            bannerDetails->text().contains(secrets.keychainProblem()), qPrintable(bannerDetails->text()));

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
        // One plain sentence; librdkafka's own words (the address it tried) behind Details.
        auto *details = manager.findChild<QLabel *>(QStringLiteral("testResultDetails"));
        QVERIFY2(!details->text().isEmpty(), qPrintable(result->text()));
        QVERIFY2(!result->text().contains(details->text()), qPrintable(result->text()));
        QVERIFY2(
            !result->text().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(result->text()));
        QVERIFY(result->text().endsWith(QLatin1Char('.')));
        QVERIFY(!details->isVisible());
        auto *toggle = manager.findChild<QToolButton *>(QStringLiteral("testResultDetailsButton"));
        QVERIFY(toggle->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(details->isVisible());
        QVERIFY2(
            details->text().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(details->text()));
        saveScreenshot(&manager, "connection-manager-test-details");
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
