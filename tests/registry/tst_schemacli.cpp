// `edis schema` as a user runs it, against the real registry tests/services/registry.sh starts
// (Apicurio's Confluent-compatible API): register, check, diff, read, set the level, delete, and
// the exit codes scripts branch on. The registry's own client checks what the command did.

#include "registry/registryclient.h"
#include "registrytest.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace edis;

namespace {

const char *const kOrderV1 = R"({"type":"record","name":"Order","namespace":"edis.cli","fields":[
  {"name":"id","type":"long"},{"name":"status","type":"string"}]})";
// Adds a field with a default: compatible both ways.
const char *const kOrderV2 = R"({"type":"record","name":"Order","namespace":"edis.cli","fields":[
  {"name":"id","type":"long"},{"name":"status","type":"string"},
  {"name":"note","type":"string","default":""}]})";
// Changes id from long to string: breaks BACKWARD.
const char *const kOrderBroken = R"({"type":"record","name":"Order","namespace":"edis.cli","fields":[
  {"name":"id","type":"string"},{"name":"status","type":"string"},
  {"name":"note","type":"string","default":""}]})";

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestSchemaCli : public QObject {
    Q_OBJECT

    Run edis(QStringList args, bool withRegistry = true, const QString &command = QStringLiteral("schema"))
    {
        if (withRegistry) {
            args << QStringLiteral("--schema-registry") << url_;
        }
        args.prepend(command);
        QProcess process;
        process.setProcessEnvironment(environment_);
        process.start(binary_, args);
        process.closeWriteChannel();
        Run run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.err = QStringLiteral("edis %1 did not finish in 60 s").arg(command);
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        QString path = dir_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()) {
            return {};
        }
        return path;
    }

    QList<int> registryVersions(const QString &subject)
    {
        const auto versions
            = test::await<QList<int>>([&](auto done) { client_->versions(subject, false, done); });
        return versions.ok() ? versions.value() : QList<int> {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        url_ = test::registryUrl();
        if (url_.isEmpty()) {
            QFAIL(test::kNoRegistry);
        }
        const QString dir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
        QVERIFY2(!dir.isEmpty(), "EDIS_TEST_BINARY_DIR is not set (ctest sets it)");
        binary_ = dir + QStringLiteral("/app/cli/edis");
        QVERIFY2(QFile::exists(binary_), qPrintable(binary_ + QStringLiteral(" is missing")));
        QVERIFY(dir_.isValid());
        // Saved connections in a directory of the test's own, never the user's.
        environment_ = QProcessEnvironment::systemEnvironment();
        environment_.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
        environment_.remove(QStringLiteral("EDIS_SCHEMA_REGISTRY_SECRET"));
        registry::RegistrySettings settings;
        settings.url = url_;
        client_ = std::make_unique<registry::RegistryClient>(settings);
        subject_ = test::uniquePrefix("schemacli") + QStringLiteral("orders-value");
        v1_ = writeFile(QStringLiteral("order-v1.avsc"), kOrderV1);
        v2_ = writeFile(QStringLiteral("order-v2.avsc"), kOrderV2);
        broken_ = writeFile(QStringLiteral("order-broken.avsc"), kOrderBroken);
        QVERIFY(!v1_.isEmpty() && !v2_.isEmpty() && !broken_.isEmpty());
    }

    void cleanupTestCase()
    {
        if (client_) {
            test::await<QList<int>>(
                [&](auto done) { client_->deleteSubject(subject_, registry::DeleteMode::Soft, done); });
            test::await<QList<int>>(
                [&](auto done) { client_->deleteSubject(subject_, registry::DeleteMode::Permanent, done); });
        }
    }

    void registerPrintsTheId()
    {
        const Run run = edis({QStringLiteral("register"), subject_, v1_});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        bool ok = false;
        const int id = run.out.trimmed().toInt(&ok);
        QVERIFY2(ok, qPrintable(run.out));
        const auto latest = test::await<registry::Schema>(
            [&](auto done) { client_->schemaVersion(subject_, registry::kLatestVersion, done); });
        EDIS_VERIFY_OK(latest);
        QCOMPARE(latest->id, id);
        QCOMPARE(latest->version, 1);
    }

    void compatibilitySetAndRead()
    {
        // Apicurio's default is NONE; a subject's own level makes the check meaningful.
        Run run = edis(
            {QStringLiteral("compatibility"), subject_, QStringLiteral("--set"), QStringLiteral("backward")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed(), QStringLiteral("BACKWARD"));
        const auto level = test::await<registry::CompatibilityLevel>(
            [&](auto done) { client_->compatibility(subject_, done); });
        EDIS_VERIFY_OK(level);
        QCOMPARE(registry::toString(level.value()), QStringLiteral("BACKWARD"));
        run = edis({QStringLiteral("compatibility"), subject_, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto json = nlohmann::json::parse(run.out.toStdString(), nullptr, false);
        QVERIFY2(!json.is_discarded(), qPrintable(run.out));
        QCOMPARE(json.value("compatibility", std::string()), std::string("BACKWARD"));
        run = edis(
            {QStringLiteral("compatibility"), subject_, QStringLiteral("--set"), QStringLiteral("sideways")});
        QCOMPARE(run.exitCode, 2);
    }

    void checkOfACompatibleVersionPasses()
    {
        const Run run = edis({QStringLiteral("check"), subject_, v2_});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1String("Compatible")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("Order.note: field added")), qPrintable(run.out));
        QCOMPARE(registryVersions(subject_), (QList<int> {1})); // a check registers nothing
        const Run registered = edis({QStringLiteral("register"), subject_, v2_});
        QVERIFY2(registered.exitCode == 0, qPrintable(registered.err));
        QCOMPARE(registryVersions(subject_), (QList<int> {1, 2}));
    }

    void checkOfABreakingVersionExitsFive()
    {
        Run run = edis({QStringLiteral("check"), subject_, broken_});
        QVERIFY2(run.exitCode == 5,
            qPrintable(QStringLiteral("exit %1: %2%3").arg(run.exitCode).arg(run.out, run.err)));
        QVERIFY2(run.out.contains(QLatin1String("Incompatible")), qPrintable(run.out));
        QVERIFY2(
            run.out.contains(QLatin1String("Order.id: type changed (long -> string)")), qPrintable(run.out));
        run = edis({QStringLiteral("check"), subject_, broken_, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 5);
        const auto json = nlohmann::json::parse(run.out.toStdString(), nullptr, false);
        QVERIFY2(!json.is_discarded(), qPrintable(run.out));
        QCOMPARE(json.value("compatible", true), false);
        QCOMPARE(json["diff"].value("backward", std::string()), std::string("breaks"));
        // And registering it is refused with the same exit code; nothing is added.
        run = edis({QStringLiteral("register"), subject_, broken_});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(QLatin1String("incompatible"), Qt::CaseInsensitive), qPrintable(run.err));
        QCOMPARE(registryVersions(subject_), (QList<int> {1, 2}));
    }

    void diffNamesTheAddedField()
    {
        Run run = edis({QStringLiteral("diff"), subject_, QStringLiteral("1"), QStringLiteral("latest")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("version 1 → version 2")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("Order.note: field added")), qPrintable(run.out));
        run = edis({QStringLiteral("diff"), subject_, QStringLiteral("1"), QStringLiteral("2"),
            QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto json = nlohmann::json::parse(run.out.toStdString(), nullptr, false);
        QVERIFY2(!json.is_discarded() && json.contains("changes"), qPrintable(run.out));
        QCOMPARE(json["changes"].size(), std::size_t {1});
        QCOMPARE(json["changes"][0].value("path", std::string()), std::string("Order.note"));
    }

    void readsSubjectsVersionsAndSchemas()
    {
        Run run = edis({QStringLiteral("subjects"), QStringLiteral("--filter"), subject_.toUpper()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed(), subject_);
        run = edis({QStringLiteral("versions"), subject_, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(nlohmann::json::parse(run.out.toStdString(), nullptr, false) == nlohmann::json({1, 2}),
            qPrintable(run.out));
        run = edis({QStringLiteral("get"), subject_, QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto schema = nlohmann::json::parse(run.out.toStdString(), nullptr, false);
        QVERIFY2(!schema.is_discarded(), qPrintable(run.out));
        QCOMPARE(schema.value("version", 0), 2);
        QCOMPARE(schema.value("schemaType", std::string()), std::string("AVRO"));
        QVERIFY(schema.value("schema", std::string()).find("note") != std::string::npos);
        // By id: the same text.
        run = edis({QStringLiteral("get"), QStringLiteral("--id"), QString::number(schema.value("id", 0))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QLatin1String("\"note\"")));
    }

    void savedConnectionsRegistry()
    {
        // A kcat config that names the registry, imported with `edis profiles`, then used with
        // --profile instead of --schema-registry.
        const auto importProfile = [&](const QString &name, const QString &registryLines) {
            const QString file = writeFile(name + QStringLiteral(".conf"),
                (QStringLiteral("bootstrap.servers=127.0.0.1:9\n") + registryLines).toUtf8());
            const Run run = edis({QStringLiteral("--import-kcat"), file, QStringLiteral("--name"), name},
                false, QStringLiteral("profiles"));
            return run.exitCode == 0 ? QString() : run.err + run.out;
        };
        QString failed = importProfile(
            QStringLiteral("with-registry"), QStringLiteral("schema.registry.url=%1\n").arg(url_));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        Run run = edis({QStringLiteral("subjects"), QStringLiteral("--filter"), subject_,
                           QStringLiteral("--profile"), QStringLiteral("with-registry")},
            false);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed(), subject_);

        failed = importProfile(QStringLiteral("without-registry"), {});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        run = edis(
            {QStringLiteral("subjects"), QStringLiteral("--profile"), QStringLiteral("without-registry")},
            false);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("has no Schema Registry")), qPrintable(run.err));
        run = edis(
            {QStringLiteral("subjects"), QStringLiteral("--profile"), QStringLiteral("nobody")}, false);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("No saved connection named 'nobody'")), qPrintable(run.err));
    }

    void savedConnectionsRegistrySecret()
    {
        // A registry with basic authentication: the file names the user, the secret is not saved
        // with the profile; without a keychain it comes from EDIS_SCHEMA_REGISTRY_SECRET.
        const QString authUrl = qEnvironmentVariable("EDIS_TEST_REGISTRY_AUTH_URL");
        if (authUrl.isEmpty()) {
            QFAIL("EDIS_TEST_REGISTRY_AUTH_URL is not set: tests/run.sh starts a registry with basic "
                  "authentication, or start one with `EDIS_REGISTRY_BASIC_AUTH=1 "
                  "tests/services/registry.sh start DIR` and load DIR/registry.env");
        }
        const QString user = qEnvironmentVariable("EDIS_TEST_REGISTRY_AUTH_USER");
        const QString password = qEnvironmentVariable("EDIS_TEST_REGISTRY_AUTH_PASSWORD");
        const QString file = writeFile(QStringLiteral("auth.conf"),
            QStringLiteral("bootstrap.servers=127.0.0.1:9\nschema.registry.url=%1\n"
                           "schema.registry.basic.auth.user.info=%2:\n")
                .arg(authUrl, user)
                .toUtf8());
        Run run = edis(
            {QStringLiteral("--import-kcat"), file, QStringLiteral("--name"), QStringLiteral("with-auth")},
            false, QStringLiteral("profiles"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList args {
            QStringLiteral("subjects"), QStringLiteral("--profile"), QStringLiteral("with-auth")};
        run = edis(args, false);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("EDIS_SCHEMA_REGISTRY_SECRET")), qPrintable(run.err));
        environment_.insert(
            QStringLiteral("EDIS_SCHEMA_REGISTRY_SECRET"), password + QStringLiteral("-wrong"));
        run = edis(args, false);
        QCOMPARE(run.exitCode, 3); // refused credentials
        environment_.insert(QStringLiteral("EDIS_SCHEMA_REGISTRY_SECRET"), password);
        run = edis(args, false);
        environment_.remove(QStringLiteral("EDIS_SCHEMA_REGISTRY_SECRET"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void exitCodesForWhatGoesWrong()
    {
        // Unknown subject, version or id: 4.
        Run run = edis({QStringLiteral("versions"), subject_ + QStringLiteral("-nosuch")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QLatin1String("No such subject")), qPrintable(run.err));
        run = edis({QStringLiteral("get"), subject_, QStringLiteral("99")});
        QCOMPARE(run.exitCode, 4);
        // A bad --reference and an unknown action: 2, before anything is sent.
        run = edis({QStringLiteral("register"), subject_, v1_, QStringLiteral("--reference"),
            QStringLiteral("no-version")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("NAME=SUBJECT:VERSION")), qPrintable(run.err));
        QCOMPARE(edis({QStringLiteral("rename"), subject_}).exitCode, 2);
        QCOMPARE(edis({QStringLiteral("subjects")}, false).exitCode, 2); // no --schema-registry
        // A schema file past the bound, an empty one and a missing one: 6, nothing registered.
        const QString big
            = writeFile(QStringLiteral("big.avsc"), QByteArray(qsizetype {5} * 1024 * 1024, ' '));
        QVERIFY(!big.isEmpty());
        run = edis({QStringLiteral("register"), subject_, big});
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.err.contains(QLatin1String("larger than")), qPrintable(run.err));
        QCOMPARE(edis({QStringLiteral("register"), subject_, writeFile(QStringLiteral("empty.avsc"), " \n")})
                     .exitCode,
            6);
        QCOMPARE(
            edis({QStringLiteral("check"), subject_, dir_.filePath(QStringLiteral("missing.avsc"))}).exitCode,
            6);
        QCOMPARE(registryVersions(subject_), (QList<int> {1, 2}));
        // A registry that is not there: 3, with the reason.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        run = edis({QStringLiteral("subjects"), QStringLiteral("--schema-registry"), closed}, false);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(run.err));
    }

    void deleteRemovesAVersionThenTheSubject()
    {
        Run run
            = edis({QStringLiteral("delete"), subject_, QStringLiteral("2"), QStringLiteral("--permanent")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(registryVersions(subject_), (QList<int> {1}));
        run = edis({QStringLiteral("delete"), subject_});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = edis({QStringLiteral("subjects"), QStringLiteral("--filter"), subject_});
        QCOMPARE(run.out.trimmed(), QString()); // soft-deleted: not listed
        run = edis(
            {QStringLiteral("subjects"), QStringLiteral("--deleted"), QStringLiteral("--filter"), subject_});
        QCOMPARE(run.out.trimmed(), subject_); // but still there on request
        run = edis({QStringLiteral("delete"), subject_, QStringLiteral("--permanent")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = edis(
            {QStringLiteral("subjects"), QStringLiteral("--deleted"), QStringLiteral("--filter"), subject_});
        QCOMPARE(run.out.trimmed(), QString());
    }

private:
    QString url_;
    QProcessEnvironment environment_;
    QString binary_;
    QString subject_;
    QString v1_;
    QString v2_;
    QString broken_;
    QTemporaryDir dir_;
    std::unique_ptr<registry::RegistryClient> client_;
};

QTEST_MAIN(TestSchemaCli)
#include "tst_schemacli.moc"
