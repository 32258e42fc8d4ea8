// The Schema Registry page against the real registry: subjects, filter, versions and schema
// text, the comparison of two versions, compatibility, registering through the dialog, deleting,
// references as links to the version they name, and an unreachable registry reported in the page
// while the event loop keeps turning.

#include "mainwindow.h"
#include "pages/registerschemadialog.h"
#include "pages/registrypage.h"
#include "profiles/connectionprofile.h"
#include "registry/registryclient.h"
#include "schemasightings.h"
#include "screenshot.h"
#include "statusindicator.h"
#include "testsettings.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

#include <memory>
#include <optional>

using namespace edis;
using registry::CompatibilityLevel;
using registry::Result;
using registry::SchemaType;

namespace {

const QString kOrderV1 = QStringLiteral(
    R"({"type":"record","name":"Order","namespace":"edis.test","fields":[{"name":"id","type":"long"}]})");
// v2 adds a field with a default (backward compatible).
const QString kOrderV2 = QStringLiteral(
    R"({"type":"record","name":"Order","namespace":"edis.test","fields":[{"name":"id","type":"long"},)"
    R"({"name":"note","type":"string","default":""}]})");
const QString kAddressV1 = QStringLiteral(
    R"({"type":"record","name":"Address","namespace":"edis.test","fields":[{"name":"street","type":"string"}]})");
const QString kAddressV2 = QStringLiteral(
    R"({"type":"record","name":"Address","namespace":"edis.test","fields":[{"name":"street","type":"string"},)"
    R"({"name":"city","type":"string","default":""}]})");
// Uses edis.test.Address through a reference (to version 1 of its subject, not the latest).
const QString kCustomer = QStringLiteral(
    R"({"type":"record","name":"Customer","namespace":"edis.test","fields":[{"name":"home","type":"edis.test.Address"}]})");
// Not backward compatible with v2: a long cannot be read as a record.
const QString kOrderBroken = QStringLiteral(
    R"({"type":"record","name":"Order","namespace":"edis.test","fields":[{"name":"id","type":)"
    R"({"type":"record","name":"Id","fields":[{"name":"v","type":"string"}]}}]})");

template <typename T, typename Call>
Result<T> await(Call call, int timeoutMs = 30000)
{
    std::optional<Result<T>> result;
    call([&result](const Result<T> &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs)) {
        return registry::RegistryError::make(
            registry::RegistryError::Kind::Timeout, QStringLiteral("no answer"));
    }
    return *result;
}

/// Clicks Yes in the next message box (and ticks its check box when asked), from the event loop
/// the box's exec() runs.
void acceptNextMessageBox(bool tickCheckBox = false)
{
    auto *timer = new QTimer(qApp);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, tickCheckBox] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            return;
        }
        if (tickCheckBox && box->checkBox()) {
            box->checkBox()->setChecked(true);
        }
        box->button(QMessageBox::Yes)->click();
        timer->deleteLater();
    });
    timer->start(20);
}

QString statusText(const QWidget *parent, const char *name)
{
    const auto *status = parent->findChild<widgets::StatusIndicator *>(QLatin1String(name));
    return status ? status->text() : QString();
}

} // namespace

class TestRegistryPage : public QObject {
    Q_OBJECT
private:
    registry::RegistrySettings settings_;
    std::unique_ptr<registry::RegistryClient> client_;
    std::unique_ptr<ui::RegistryPage> page_;
    QString prefix_;
    QString orders_;
    QString payments_;
    QString addresses_;
    QString customers_;

    registry::SchemaDraft avro(const QString &text) const { return {SchemaType::Avro, text, {}}; }
    Result<int> registerSchema(const QString &subject, const QString &text)
    {
        return await<int>([&](auto done) { client_->registerSchema(subject, avro(text), done); });
    }
    QList<int> registryVersions(const QString &subject)
    {
        const auto v = await<QList<int>>([&](auto done) { client_->versions(subject, false, done); });
        return v.ok() ? v.value() : QList<int> {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The main window's saved connections and settings go to a test location.
        QStandardPaths::setTestModeEnabled(true);
        test::useTemporarySettings(QStringLiteral("test_registry_page"));
        settings_.url = qEnvironmentVariable("EDIS_TEST_REGISTRY_URL");
        if (settings_.url.isEmpty()) {
            QFAIL("EDIS_TEST_REGISTRY_URL is not set: run the suite with tests/run.sh, or start a registry "
                  "with `tests/services/registry.sh start DIR` and load DIR/registry.env");
        }
        prefix_ = QStringLiteral("edis-regpage-%1-")
                      .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        orders_ = prefix_ + QStringLiteral("orders-value");
        payments_ = prefix_ + QStringLiteral("payments-value");
        addresses_ = prefix_ + QStringLiteral("addresses-value");
        customers_ = prefix_ + QStringLiteral("customers-value");
        client_ = std::make_unique<registry::RegistryClient>(settings_);
        const auto v1 = registerSchema(orders_, kOrderV1);
        QVERIFY2(v1.ok(), qPrintable(v1.error().message));
        const auto v2 = registerSchema(orders_, kOrderV2);
        QVERIFY2(v2.ok(), qPrintable(v2.error().message));
        const auto p1 = registerSchema(payments_, kOrderV1);
        QVERIFY2(p1.ok(), qPrintable(p1.error().message));

        page_ = std::make_unique<ui::RegistryPage>();
        page_->resize(1180, 720);
        page_->show();
        QSignalSpy loaded(page_.get(), &ui::RegistryPage::subjectsLoaded);
        page_->setRegistry(settings_, QStringLiteral("test"));
        QVERIFY(loaded.wait(30000));
    }

    void cleanupTestCase()
    {
        page_.reset();
        if (!client_) {
            return;
        }
        // The referring subject first: the registry keeps a referenced one while it is referred to.
        for (const QString &subject : {customers_, addresses_, orders_, payments_}) {
            await<QList<int>>(
                [&](auto done) { client_->deleteSubject(subject, registry::DeleteMode::Soft, done); });
            await<QList<int>>(
                [&](auto done) { client_->deleteSubject(subject, registry::DeleteMode::Permanent, done); });
        }
    }

    void listsTheSubjects()
    {
        const QStringList shown = page_->visibleSubjects();
        QVERIFY2(shown.contains(orders_) && shown.contains(payments_), qPrintable(shown.join(u',')));
    }

    void filterNarrowsCaseInsensitively()
    {
        page_->setFilter((prefix_ + QStringLiteral("ORDERS")).toUpper());
        QCOMPARE(page_->visibleSubjects(), QStringList {orders_});
        page_->setFilter(prefix_);
        QCOMPARE(page_->visibleSubjects().size(), 2);
    }

    void selectingShowsVersionsAndSchema()
    {
        page_->selectSubject(orders_);
        QCOMPARE(page_->currentSubject(), orders_);
        QTRY_COMPARE_WITH_TIMEOUT(page_->versions(), (QList<int> {2, 1}), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(page_->currentSchema().has_value(), 30000);
        QCOMPARE(page_->currentSchema()->version, 2);
        const auto *text = page_->findChild<QPlainTextEdit *>(QStringLiteral("schemaText"));
        QVERIFY(text);
        // Pretty-printed: one field name per line, indented.
        QVERIFY2(text->toPlainText().contains(QLatin1String("\"name\": \"note\"")),
            qPrintable(text->toPlainText()));
        QVERIFY(text->toPlainText().count(QLatin1Char('\n')) > 5);
        const auto *info = page_->findChild<QLabel *>(QStringLiteral("schemaInfo"));
        QVERIFY2(info->text().contains(QLatin1String("AVRO")), qPrintable(info->text()));
        QVERIFY(info->text().contains(QString::number(page_->currentSchema()->id)));
        QTRY_VERIFY_WITH_TIMEOUT(page_->subjectCompatibility().has_value(), 30000);
    }

    void saysWhichTopicsUseTheSubject()
    {
        page_->selectSubject(orders_);
        QTRY_VERIFY_WITH_TIMEOUT(page_->currentSchema().has_value(), 30000);
        const auto *info = page_->findChild<QLabel *>(QStringLiteral("schemaInfo"));
        // TopicNameStrategy: "<prefix>orders-value" belongs to topic "<prefix>orders".
        const QString topic = prefix_ + QStringLiteral("orders");
        page_->setTopics({QStringLiteral("unrelated"), topic});
        QCOMPARE(page_->usedByText(), QStringLiteral("Used by: %1 (value)").arg(topic));
        QVERIFY2(info->text().contains(QStringLiteral("%1 (value)").arg(topic)), qPrintable(info->text()));
        page_->setTopics({QStringLiteral("unrelated")});
        QVERIFY2(page_->usedByText().contains(QStringLiteral("no topic")), qPrintable(page_->usedByText()));
        // Whatever the naming: the ids the inspector saw on a topic.
        auto sightings = std::make_shared<inspect::SchemaSightings>();
        sightings->note(page_->currentSchema()->id, "records-by-name");
        page_->setSightings(sightings);
        QVERIFY2(
            page_->usedByText().contains(QStringLiteral("seen in the inspector with id %1 on records-by-name")
                                             .arg(page_->currentSchema()->id)),
            qPrintable(page_->usedByText()));
        page_->setSightings(nullptr);
    }

    void configurationHelpExplainsKafkastore()
    {
        auto *button = page_->findChild<QToolButton *>(QStringLiteral("registryHelpButton"));
        auto *help = page_->findChild<QTextBrowser *>(QStringLiteral("registryHelp"));
        QVERIFY(button && help);
        QVERIFY(!page_->isConfigurationHelpShown());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(page_->isConfigurationHelpShown());
        QVERIFY(help->isVisible());
        const QString text = help->toPlainText();
        for (const char *key :
            {"kafkastore.bootstrap.servers", "kafkastore.connection.url", "kafkastore.security.protocol"}) {
            QVERIFY2(text.contains(QLatin1String(key)), key);
        }
        test::saveScreenshot(page_.get(), QStringLiteral("registry-page-help"));
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!page_->isConfigurationHelpShown());
    }

    void compareShowsTheAddedField()
    {
        QSignalSpy finished(page_.get(), &ui::RegistryPage::compareFinished);
        page_->compareVersions(1, 2);
        QVERIFY(finished.wait(30000));
        test::saveScreenshot(page_.get(), QStringLiteral("registry-compare"));
        const QString report = page_->compareReport();
        QVERIFY2(
            report.contains(QLatin1String("Order.note")) && report.contains(QLatin1String("field added")),
            qPrintable(report));
        QVERIFY2(report.contains(QLatin1String("BACKWARD")), qPrintable(report));
        const QString diff = page_->compareTextDiff();
        QVERIFY2(diff.contains(QRegularExpression(
                     QStringLiteral(R"(^\+.*"note")"), QRegularExpression::MultilineOption)),
            qPrintable(diff));
    }

    void compatibilityRoundTrips()
    {
        auto *combo = page_->findChild<QComboBox *>(QStringLiteral("compatibilityCombo"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findText(QStringLiteral("BACKWARD")));
        QSignalSpy loaded(page_.get(), &ui::RegistryPage::compatibilityLoaded);
        acceptNextMessageBox();
        page_->applyCompatibility();
        QVERIFY(loaded.wait(30000));
        const auto level
            = await<CompatibilityLevel>([&](auto done) { client_->compatibility(orders_, done); });
        QVERIFY2(level.ok(), qPrintable(level.error().message));
        QCOMPARE(registry::toString(level.value()), QStringLiteral("BACKWARD"));
        QCOMPARE(registry::toString(*page_->subjectCompatibility()), QStringLiteral("BACKWARD"));
    }

    void incompatibleVersionIsShownAndNotRegistered()
    {
        page_->showRegisterDialog();
        auto *dialog = page_->findChild<ui::RegisterSchemaDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // Prefilled with the latest version.
        QCOMPARE(dialog->draft().text, page_->currentSchema()->text);
        dialog->setSchemaText(kOrderBroken);
        QSignalSpy checked(dialog, &ui::RegisterSchemaDialog::checkFinished);
        dialog->checkCompatibility();
        QVERIFY(checked.wait(30000));
        QVERIFY2(statusText(dialog, "registerStatus").contains(QLatin1String("Incompatible")),
            qPrintable(statusText(dialog, "registerStatus")));
        const auto *report = dialog->findChild<QPlainTextEdit *>(QStringLiteral("checkReport"));
        QVERIFY2(
            report->toPlainText().contains(QLatin1String("Order.id")), qPrintable(report->toPlainText()));

        QSignalSpy failed(dialog, &ui::RegisterSchemaDialog::registerFailed);
        dialog->registerSchema();
        QVERIFY(failed.wait(30000));
        QVERIFY2(
            statusText(dialog, "registerStatus").contains(QLatin1String("incompatible"), Qt::CaseInsensitive),
            qPrintable(statusText(dialog, "registerStatus")));
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->registeredId());
        QCOMPARE(registryVersions(orders_), (QList<int> {1, 2}));
        dialog->reject();
    }

    void deleteRemovesTheVersion()
    {
        page_->selectVersion(2);
        QCOMPARE(page_->currentVersion(), 2);
        QSignalSpy versionsLoaded(page_.get(), &ui::RegistryPage::versionsLoaded);
        acceptNextMessageBox();
        page_->deleteVersion();
        QVERIFY(versionsLoaded.wait(30000));
        QCOMPARE(page_->versions(), (QList<int> {1}));
        QCOMPARE(registryVersions(orders_), (QList<int> {1}));
        QVERIFY2(statusText(page_.get(), "registryStatus").contains(QLatin1String("deleted")),
            qPrintable(statusText(page_.get(), "registryStatus")));
    }

    /// A schema's references are links: one opens the referenced subject at the version the
    /// reference names (here 1, not the latest 2), clearing a filter that hid it.
    void referencesAreLinksToTheirVersion()
    {
        QVERIFY(registerSchema(addresses_, kAddressV1).ok());
        QVERIFY(registerSchema(addresses_, kAddressV2).ok());
        const registry::SchemaDraft customer {
            SchemaType::Avro, kCustomer, {{QStringLiteral("edis.test.Address"), addresses_, 1}}};
        const auto registered
            = await<int>([&](auto done) { client_->registerSchema(customers_, customer, done); });
        QVERIFY2(registered.ok(), qPrintable(registered.error().message));
        QSignalSpy subjectsLoaded(page_.get(), &ui::RegistryPage::subjectsLoaded);
        page_->refresh();
        QVERIFY(subjectsLoaded.wait(30000));
        page_->setFilter(customers_);
        QCOMPARE(page_->visibleSubjects(), QStringList {customers_});
        page_->selectSubject(customers_);
        QTRY_VERIFY_WITH_TIMEOUT(
            page_->currentSchema() && page_->currentSchema()->subject == customers_, 30000);

        auto *info = page_->findChild<QLabel *>(QStringLiteral("schemaInfo"));
        QVERIFY(info->textInteractionFlags().testFlag(Qt::LinksAccessibleByMouse));
        QVERIFY2(info->text().contains(QLatin1String("<a href=\"0\">")), qPrintable(info->text()));
        QVERIFY2(info->text().contains(addresses_ + QStringLiteral(" v1")), qPrintable(info->text()));
        Q_EMIT info->linkActivated(QStringLiteral("0")); // what a click on it does
        QCOMPARE(page_->currentSubject(), addresses_);
        QVERIFY(page_->visibleSubjects().contains(addresses_));
        QTRY_VERIFY_WITH_TIMEOUT(
            page_->currentSchema() && page_->currentSchema()->subject == addresses_, 30000);
        QCOMPARE(page_->versions(), (QList<int> {2, 1}));
        QCOMPARE(page_->currentVersion(), 1);
        QCOMPARE(page_->currentSchema()->version, 1);
        QVERIFY2(!info->text().contains(QLatin1String("<a ")), qPrintable(info->text())); // v1 refers to none
    }

    /// View → Schema Registry opens the registry of the selected connection's profile, and is
    /// offered only for a connection whose profile has one. The broker is unreachable on purpose:
    /// the registry does not depend on it.
    void mainWindowOpensTheProfilesRegistry()
    {
        ui::MainWindow window;
        window.resize(1180, 720);
        window.show();
        auto *action = window.findChild<QAction *>(QStringLiteral("registryAction"));
        QVERIFY(action);

        profiles::ConnectionProfile plain;
        plain.id = QStringLiteral("no-registry");
        plain.name = QStringLiteral("No registry");
        plain.bootstrapServers = QStringLiteral("127.0.0.1:1");
        window.openProfile(plain, {});
        QTRY_VERIFY(!action->isEnabled());

        profiles::ConnectionProfile withRegistry = plain;
        withRegistry.id = QStringLiteral("with-registry");
        withRegistry.name = QStringLiteral("With registry");
        withRegistry.registry = profiles::RegistryProfile {};
        withRegistry.registry->url = settings_.url;
        window.openProfile(withRegistry, {});
        QTRY_VERIFY(action->isEnabled());

        auto *page = window.findChild<ui::RegistryPage *>();
        QVERIFY(page);
        QSignalSpy loaded(page, &ui::RegistryPage::subjectsLoaded);
        action->trigger();
        QVERIFY(loaded.wait(30000));
        QVERIFY(page->isVisible());
        QVERIFY2(page->visibleSubjects().contains(payments_), qPrintable(page->visibleSubjects().join(u',')));
        page->selectSubject(payments_);
        QTRY_VERIFY_WITH_TIMEOUT(page->currentSchema().has_value(), 30000);
        test::saveScreenshot(&window, QStringLiteral("registry-page"));
    }

    void closedPortIsAnErrorInThePage()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        registry::RegistrySettings closed;
        closed.url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        ui::RegistryPage page;
        page.show();
        QSignalSpy failed(&page, &ui::RegistryPage::failed);
        page.setRegistry(closed, QStringLiteral("closed"));
        QCOMPARE(failed.count(), 0); // nothing answered inside the call
        QVERIFY(failed.wait(30000));
        const QString text = statusText(&page, "registryStatus");
        QVERIFY2(text.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(text));
        QVERIFY(page.visibleSubjects().isEmpty());
        // The page stays usable: Refresh is offered again to retry.
        auto *refresh = page.findChild<QPushButton *>(QStringLiteral("registryRefresh"));
        QVERIFY(refresh);
        QVERIFY(refresh->isEnabled());
    }
};

QTEST_MAIN(TestRegistryPage)
#include "tst_registrypage.moc"
