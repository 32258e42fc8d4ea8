// RegistryClient against a real Schema Registry (Apicurio's Confluent API, started by
// tests/services/registry.sh; EDIS_TEST_REGISTRY_URL says where), and against peers that are
// not one: a closed port, an HTTP server answering HTML, one that never answers.

#include "badpeer.h"
#include "registry/registryclient.h"
#include "registrytest.h"

#include <QElapsedTimer>
#include <QTest>

using namespace edis::registry;
using edis::test::await;
using edis::test::BadPeer;
using Kind = RegistryError::Kind;

Q_DECLARE_METATYPE(edis::registry::SchemaType)
Q_DECLARE_METATYPE(edis::registry::RegistryAuth)
Q_DECLARE_METATYPE(edis::registry::RegistryError::Kind)

namespace {

const QString kOrderV1 = QStringLiteral(
    R"({"type":"record","name":"Order","namespace":"edis.test","fields":[{"name":"id","type":"long"}]})");
// Backward compatible with v1: a new field with a default.
const QString kOrderV2 = QStringLiteral(
    R"({"type":"record","name":"Order","namespace":"edis.test","fields":[{"name":"id","type":"long"},)"
    R"({"name":"note","type":"string","default":""}]})");
// Not backward compatible with v1: a long cannot be read as a record.
const QString kOrderBroken = QStringLiteral(
    R"({"type":"record","name":"Order","namespace":"edis.test","fields":[{"name":"id","type":)"
    R"({"type":"record","name":"Id","fields":[{"name":"v","type":"string"}]}}]})");
const QString kProto
    = QStringLiteral("syntax = \"proto3\";\npackage edis.test;\n\nmessage Order {\n  int64 id = 1;\n}\n");
const QString kJsonSchema
    = QStringLiteral(R"({"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]})");
const QString kMoney = QStringLiteral(
    R"({"type":"record","name":"Money","namespace":"edis.common","fields":[{"name":"cents","type":"long"}]})");
const QString kPayment = QStringLiteral(
    R"({"type":"record","name":"Payment","namespace":"edis.test","fields":[{"name":"amount","type":"edis.common.Money"}]})");

SchemaDraft avro(const QString &text)
{
    return SchemaDraft {SchemaType::Avro, text, {}};
}

RegistrySettings settingsFor(const QString &url, std::chrono::milliseconds timeout = std::chrono::seconds(20))
{
    RegistrySettings s;
    s.url = url;
    s.requestTimeout = timeout;
    return s;
}

} // namespace

class TestRegistryClient : public QObject {
    Q_OBJECT

    QString url_;
    QString prefix_;
    std::unique_ptr<RegistryClient> client_;

    RegistryClient &client() { return *client_; }
    QString subject(const char *name) const { return prefix_ + QLatin1String(name); }

    Result<int> registerSchema(const QString &subject, const SchemaDraft &draft)
    {
        return await<int>([&](auto done) { client().registerSchema(subject, draft, done); });
    }
    Result<QList<int>> versions(const QString &subject, bool deleted = false)
    {
        return await<QList<int>>([&](auto done) { client().versions(subject, deleted, done); });
    }
    Result<QStringList> subjects(bool deleted = false)
    {
        return await<QStringList>([&](auto done) { client().subjects(deleted, done); });
    }
    Result<Schema> version(const QString &subject, int v)
    {
        return await<Schema>([&](auto done) { client().schemaVersion(subject, v, done); });
    }
    Result<Schema> byId(int id)
    {
        return await<Schema>([&](auto done) { client().schemaById(id, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        url_ = edis::test::registryUrl();
        if (url_.isEmpty()) {
            QFAIL(edis::test::kNoRegistry);
        }
        prefix_ = edis::test::uniquePrefix("client");
        client_ = std::make_unique<RegistryClient>(settingsFor(url_));
        QVERIFY2(client_->settingsProblem().isEmpty(), qPrintable(client_->settingsProblem()));
    }

    void testConnectionFindsTheRegistry()
    {
        const auto check = await<ConnectionCheck>([&](auto done) { client().testConnection(done); });
        EDIS_VERIFY_OK(check);
        QVERIFY(check->subjectCount >= 0);
        QVERIFY(check->globalCompatibility.has_value()); // Apicurio: NONE, Confluent: BACKWARD
        QVERIFY2(check->summary.contains(toString(*check->globalCompatibility)), qPrintable(check->summary));
    }

    void schemaTypesAreServed()
    {
        const auto types = await<QStringList>([&](auto done) { client().schemaTypes(done); });
        EDIS_VERIFY_OK(types);
        for (const char *type : {"AVRO", "PROTOBUF", "JSON"}) {
            QVERIFY2(types->contains(QLatin1String(type)), qPrintable(types->join(QLatin1Char(','))));
        }
    }

    // Each type registers, and reads back the same by id, by subject/version and through the
    // id's subjects and versions. The subject names need escaping in the URL.
    void registersEveryTypeAndReadsItBack_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<SchemaType>("type");
        QTest::addColumn<QString>("text");
        QTest::newRow("avro") << "avro-value" << SchemaType::Avro << kOrderV1;
        QTest::newRow("protobuf") << "proto-value" << SchemaType::Protobuf << kProto;
        QTest::newRow("json schema") << "json-value" << SchemaType::Json << kJsonSchema;
        QTest::newRow("subject needing escapes") << "a/b c é:1" << SchemaType::Avro << kOrderV1;
    }
    void registersEveryTypeAndReadsItBack()
    {
        QFETCH(QString, name);
        QFETCH(SchemaType, type);
        QFETCH(QString, text);
        const QString s = prefix_ + name;
        const Result<int> id = registerSchema(s, SchemaDraft {type, text, {}});
        EDIS_VERIFY_OK(id);
        QVERIFY(id.value() > 0);

        const Result<Schema> fetched = byId(id.value());
        EDIS_VERIFY_OK(fetched);
        QCOMPARE(fetched->id, id.value());
        QCOMPARE(toString(fetched->type), toString(type));
        QCOMPARE(fetched->text, text);
        QVERIFY(fetched->references.isEmpty());

        const Result<Schema> latest = version(s, kLatestVersion);
        EDIS_VERIFY_OK(latest);
        QCOMPARE(latest->subject, s);
        QCOMPARE(latest->version, 1);
        QCOMPARE(latest->id, id.value());
        QCOMPARE(toString(latest->type), toString(type));

        const auto idSubjects
            = await<QStringList>([&](auto done) { client().subjectsOfSchema(id.value(), done); });
        EDIS_VERIFY_OK(idSubjects);
        QVERIFY(idSubjects->contains(s));
        const auto idVersions
            = await<QList<SubjectVersion>>([&](auto done) { client().versionsOfSchema(id.value(), done); });
        EDIS_VERIFY_OK(idVersions);
        QVERIFY(idVersions->contains(SubjectVersion {s, 1}));

        const Result<QStringList> all = subjects();
        EDIS_VERIFY_OK(all);
        QVERIFY(all->contains(s));
    }

    void versionsAndLatest()
    {
        const QString s = subject("versions-value");
        const Result<int> v1 = registerSchema(s, avro(kOrderV1));
        const Result<int> v2 = registerSchema(s, avro(kOrderV2));
        EDIS_VERIFY_OK(v1);
        EDIS_VERIFY_OK(v2);
        QVERIFY(v1.value() != v2.value());
        // The same schema again is no new version: the registry answers the existing id.
        const Result<int> again = registerSchema(s, avro(kOrderV2));
        EDIS_VERIFY_OK(again);
        QCOMPARE(again.value(), v2.value());

        const Result<QList<int>> list = versions(s);
        EDIS_VERIFY_OK(list);
        QCOMPARE(list.value(), (QList<int> {1, 2}));
        const Result<Schema> latest = version(s, kLatestVersion);
        EDIS_VERIFY_OK(latest);
        QCOMPARE(latest->version, 2);
        QCOMPARE(latest->text, kOrderV2);
        const Result<Schema> first = version(s, 1);
        EDIS_VERIFY_OK(first);
        QCOMPARE(first->id, v1.value());
        QCOMPARE(first->text, kOrderV1);
    }

    void referencesAndReferencedBy()
    {
        const QString common = subject("money");
        const Result<int> money = registerSchema(common, avro(kMoney));
        EDIS_VERIFY_OK(money);
        const SchemaReference ref {QStringLiteral("edis.common.Money"), common, 1};
        const Result<int> payment
            = registerSchema(subject("payment-value"), SchemaDraft {SchemaType::Avro, kPayment, {ref}});
        EDIS_VERIFY_OK(payment);

        const Result<Schema> fetched = byId(payment.value());
        EDIS_VERIFY_OK(fetched);
        QCOMPARE(fetched->references, (QList<SchemaReference> {ref}));
        const Result<Schema> latest = version(subject("payment-value"), kLatestVersion);
        EDIS_VERIFY_OK(latest);
        QCOMPARE(latest->references, (QList<SchemaReference> {ref}));

        const auto users = await<QList<int>>([&](auto done) { client().referencedBy(common, 1, done); });
        EDIS_VERIFY_OK(users);
        QCOMPARE(users.value(), (QList<int> {payment.value()}));
        const auto none
            = await<QList<int>>([&](auto done) { client().referencedBy(subject("payment-value"), 1, done); });
        EDIS_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
    }

    void compatibilityGetSetAndCheck()
    {
        const auto global = await<CompatibilityLevel>([&](auto done) { client().compatibility({}, done); });
        EDIS_VERIFY_OK(global);

        const QString s = subject("compat-value");
        EDIS_VERIFY_OK(registerSchema(s, avro(kOrderV1)));
        const auto set = await<CompatibilityLevel>(
            [&](auto done) { client().setCompatibility(s, CompatibilityLevel::Backward, done); });
        EDIS_VERIFY_OK(set);
        QCOMPARE(toString(set.value()), toString(CompatibilityLevel::Backward));
        const auto got = await<CompatibilityLevel>([&](auto done) { client().compatibility(s, done); });
        EDIS_VERIFY_OK(got);
        QCOMPARE(toString(got.value()), toString(CompatibilityLevel::Backward));
        // The subject's level is its own: the global one is unchanged.
        const auto globalAfter
            = await<CompatibilityLevel>([&](auto done) { client().compatibility({}, done); });
        QCOMPARE(toString(globalAfter.value()), toString(global.value()));

        const auto good = await<CompatibilityCheck>(
            [&](auto done) { client().checkCompatibility(s, kLatestVersion, avro(kOrderV2), done); });
        EDIS_VERIFY_OK(good);
        QVERIFY(good->compatible);
        const auto bad = await<CompatibilityCheck>(
            [&](auto done) { client().checkCompatibility(s, 1, avro(kOrderBroken), done); });
        EDIS_VERIFY_OK(bad);
        QVERIFY(!bad->compatible);

        // Registering it anyway: 409 with the registry's reason, without the Java class name.
        const Result<int> refused = registerSchema(s, avro(kOrderBroken));
        QVERIFY(!refused.ok());
        const RegistryError e = refused.error();
        EDIS_VERIFY_KIND(e, Kind::Incompatible);
        QCOMPARE(e.httpStatus, 409);
        QCOMPARE(e.errorCode, RegistryErrorCode::kIncompatibleSchema);
        QVERIFY2(!e.detail.isEmpty() && e.message.contains(e.detail), qPrintable(e.message));
        QVERIFY2(e.message.contains(QLatin1String("incompatible")), qPrintable(e.message));
        QVERIFY2(!e.message.contains(QLatin1String("Exception:")), qPrintable(e.message));
        QCOMPARE(versions(s).value(), (QList<int> {1}));
    }

    void modeGetAndSet()
    {
        const auto global = await<RegistryMode>([&](auto done) { client().mode({}, done); });
        EDIS_VERIFY_OK(global);
        QCOMPARE(toString(global.value()), toString(RegistryMode::ReadWrite));
        const QString s = subject("mode-value");
        EDIS_VERIFY_OK(registerSchema(s, avro(kOrderV1)));
        const auto readOnly
            = await<RegistryMode>([&](auto done) { client().setMode(s, RegistryMode::ReadOnly, done); });
        EDIS_VERIFY_OK(readOnly);
        QCOMPARE(toString(readOnly.value()), toString(RegistryMode::ReadOnly));
        const auto got = await<RegistryMode>([&](auto done) { client().mode(s, done); });
        EDIS_VERIFY_OK(got);
        QCOMPARE(toString(got.value()), toString(RegistryMode::ReadOnly));
        const auto back
            = await<RegistryMode>([&](auto done) { client().setMode(s, RegistryMode::ReadWrite, done); });
        QCOMPARE(toString(back.value()), toString(RegistryMode::ReadWrite));
    }

    void softThenPermanentDelete()
    {
        const QString s = subject("delete-value");
        EDIS_VERIFY_OK(registerSchema(s, avro(kOrderV1)));
        EDIS_VERIFY_OK(registerSchema(s, avro(kOrderV2)));

        // A version: soft, then permanent.
        const auto soft
            = await<int>([&](auto done) { client().deleteVersion(s, 1, DeleteMode::Soft, done); });
        EDIS_VERIFY_OK(soft);
        QCOMPARE(soft.value(), 1);
        QCOMPARE(versions(s).value(), (QList<int> {2}));
        QCOMPARE(versions(s, true).value(), (QList<int> {1, 2}));
        const auto gone
            = await<int>([&](auto done) { client().deleteVersion(s, 1, DeleteMode::Permanent, done); });
        EDIS_VERIFY_OK(gone);
        QCOMPARE(versions(s, true).value(), (QList<int> {2}));

        // The subject: permanent first is refused; soft hides it from the plain list only.
        const auto early
            = await<QList<int>>([&](auto done) { client().deleteSubject(s, DeleteMode::Permanent, done); });
        QVERIFY(!early.ok());
        EDIS_VERIFY_KIND(early.error(), Kind::Conflict);
        QCOMPARE(early.error().errorCode, RegistryErrorCode::kSubjectNotSoftDeleted);
        const auto softSubject
            = await<QList<int>>([&](auto done) { client().deleteSubject(s, DeleteMode::Soft, done); });
        EDIS_VERIFY_OK(softSubject);
        QCOMPARE(softSubject.value(), (QList<int> {2}));
        QVERIFY(!subjects().value().contains(s));
        QVERIFY(subjects(true).value().contains(s));
        EDIS_VERIFY_KIND(versions(s).error(), Kind::SubjectNotFound);
        const auto permanent
            = await<QList<int>>([&](auto done) { client().deleteSubject(s, DeleteMode::Permanent, done); });
        EDIS_VERIFY_OK(permanent);
        QVERIFY(!subjects(true).value().contains(s));
    }

    void lookupFindsTheVersion()
    {
        const QString s = subject("lookup-value");
        const Result<int> id = registerSchema(s, avro(kOrderV1));
        EDIS_VERIFY_OK(id);
        EDIS_VERIFY_OK(registerSchema(s, avro(kOrderV2)));
        const auto found = await<Schema>([&](auto done) { client().lookupSchema(s, avro(kOrderV1), done); });
        EDIS_VERIFY_OK(found);
        QCOMPARE(found->id, id.value());
        QCOMPARE(found->version, 1);
        QCOMPARE(found->subject, s);
        const auto missing = await<Schema>([&](auto done) { client().lookupSchema(s, avro(kMoney), done); });
        QVERIFY(!missing.ok());
        EDIS_VERIFY_KIND(missing.error(), Kind::SchemaNotFound);
        QCOMPARE(missing.error().errorCode, RegistryErrorCode::kSchemaNotFound);
    }

    void notFoundAnswersCarryTheirCode_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("subject") << "subject" << Kind::SubjectNotFound << RegistryErrorCode::kSubjectNotFound;
        QTest::newRow("version") << "version" << Kind::VersionNotFound << RegistryErrorCode::kVersionNotFound;
        QTest::newRow("schema id") << "id" << Kind::SchemaNotFound << RegistryErrorCode::kSchemaNotFound;
    }
    void notFoundAnswersCarryTheirCode()
    {
        QFETCH(QString, what);
        QFETCH(Kind, kind);
        QFETCH(int, code);
        const QString existing = subject("notfound-value");
        EDIS_VERIFY_OK(registerSchema(existing, avro(kOrderV1)));
        Result<Schema> r = RegistryError {};
        if (what == QLatin1String("subject")) {
            r = version(subject("no-such-subject"), 1);
        } else if (what == QLatin1String("version")) {
            r = version(existing, 99);
        } else {
            r = byId(987654321);
        }
        QVERIFY(!r.ok());
        EDIS_VERIFY_KIND(r.error(), kind);
        QCOMPARE(r.error().httpStatus, 404);
        QCOMPARE(r.error().errorCode, code);
        QVERIFY2(r.error().message.startsWith(QLatin1String("No such")), qPrintable(r.error().message));
        QVERIFY(r.error().isNotFound());
        QVERIFY(!r.error().isTransient());
    }

    void invalidSchemaIsRefused()
    {
        const Result<int> r = registerSchema(subject("invalid-value"), avro(QStringLiteral("{\"type\": ")));
        QVERIFY(!r.ok());
        EDIS_VERIFY_KIND(r.error(), Kind::InvalidSchema);
        QCOMPARE(r.error().httpStatus, 422);
        QVERIFY2(r.error().message.contains(QLatin1String("invalid")), qPrintable(r.error().message));
    }

    /// The registry tests/services/registry.sh starts with EDIS_REGISTRY_BASIC_AUTH=1 (Quarkus
    /// basic authentication on every path): the right credentials work, wrong or missing ones
    /// are named as such.
    void basicAuthenticationAgainstARealRegistry_data()
    {
        QTest::addColumn<RegistryAuth>("auth");
        QTest::addColumn<bool>("rightPassword");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("right credentials") << RegistryAuth::Basic << true << Kind::None;
        QTest::newRow("wrong password") << RegistryAuth::Basic << false << Kind::Unauthorized;
        QTest::newRow("no credentials") << RegistryAuth::None << true << Kind::Unauthorized;
        QTest::newRow("password as a bearer token") << RegistryAuth::Bearer << true << Kind::Unauthorized;
    }
    void basicAuthenticationAgainstARealRegistry()
    {
        QFETCH(RegistryAuth, auth);
        QFETCH(bool, rightPassword);
        QFETCH(Kind, kind);
        const QString url = qEnvironmentVariable("EDIS_TEST_REGISTRY_AUTH_URL");
        if (url.isEmpty()) {
            QFAIL("EDIS_TEST_REGISTRY_AUTH_URL is not set: tests/run.sh starts a registry with basic "
                  "authentication when Apicurio 3.x can run (Java 21+), or start one with "
                  "`EDIS_REGISTRY_BASIC_AUTH=1 tests/services/registry.sh start DIR` and load "
                  "DIR/registry.env");
        }
        RegistrySettings s = settingsFor(url);
        s.auth = auth;
        s.username = qEnvironmentVariable("EDIS_TEST_REGISTRY_AUTH_USER");
        s.secret = qEnvironmentVariable("EDIS_TEST_REGISTRY_AUTH_PASSWORD") + (rightPassword ? "" : "-wrong");
        RegistryClient c(s);
        const auto check = await<ConnectionCheck>([&](auto done) { c.testConnection(done); });
        EDIS_VERIFY_KIND(check.error(), kind);
        if (kind == Kind::None) {
            const auto id = await<int>(
                [&](auto done) { c.registerSchema(subject("auth-value"), avro(kOrderV1), done); });
            EDIS_VERIFY_OK(id);
        } else {
            QCOMPARE(check.error().httpStatus, 401);
            QVERIFY(!check.error().message.contains(s.secret));
        }
    }

    // --- Peers that are not a working registry -------------------------------------------

    void refusedConnection()
    {
        const quint16 port = edis::test::freePort();
        RegistryClient c(settingsFor(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto r = await<QStringList>([&](auto done) { c.subjects(false, done); });
        EDIS_VERIFY_KIND(r.error(), Kind::ConnectionRefused);
        QVERIFY2(r.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)),
            qPrintable(r.error().message));
        QVERIFY(r.error().isTransient());
        // "Test connection" says the same.
        const auto check = await<ConnectionCheck>([&](auto done) { c.testConnection(done); });
        EDIS_VERIFY_KIND(check.error(), Kind::ConnectionRefused);
    }

    void hostNotFound()
    {
        RegistryClient c(settingsFor(QStringLiteral("http://no-such-host.invalid:8081")));
        const auto r = await<QStringList>([&](auto done) { c.subjects(false, done); });
        EDIS_VERIFY_KIND(r.error(), Kind::HostNotFound);
        QVERIFY2(
            r.error().message.contains(QLatin1String("no-such-host.invalid")), qPrintable(r.error().message));
    }

    void notARegistry_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("HTML page") << BadPeer::http(
            200, "OK", "text/html; charset=utf-8", "<html><body>Welcome to nginx!</body></html>");
        QTest::newRow("HTML 404") << BadPeer::http(404, "Not Found", "text/html", "<html>Not Found</html>");
        QTest::newRow("JSON of something else")
            << BadPeer::http(200, "OK", "application/json", R"({"status":"UP"})");
        QTest::newRow("404 without an error code")
            << BadPeer::http(404, "Not Found", "application/json", R"({"title":"Not Found","status":404})");
        QTest::newRow("plain text") << BadPeer::http(200, "OK", "text/plain", "hello");
    }
    void notARegistry()
    {
        QFETCH(QByteArray, answer);
        BadPeer peer(answer);
        QVERIFY(peer.isListening());
        RegistryClient c(settingsFor(peer.url()));
        const auto check = await<ConnectionCheck>([&](auto done) { c.testConnection(done); });
        EDIS_VERIFY_KIND(check.error(), Kind::NotARegistry);
        QVERIFY2(check.error().message.contains(QLatin1String("not a Schema Registry")),
            qPrintable(check.error().message));
        QVERIFY2(check.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(peer.port())),
            qPrintable(check.error().message));
    }

    /// The registry's host without the API's path (a common mistake with Apicurio).
    void registryHostWithoutTheApiPath()
    {
        QUrl root(url_);
        root.setPath(QString());
        RegistryClient c(settingsFor(root.toString()));
        const auto check = await<ConnectionCheck>([&](auto done) { c.testConnection(done); });
        EDIS_VERIFY_KIND(check.error(), Kind::NotARegistry);
        QVERIFY2(check.error().message.contains(QLatin1String("/apis/ccompat/v7")),
            qPrintable(check.error().message));
    }

    void silentServerTimesOut()
    {
        BadPeer silent {QByteArray()};
        RegistryClient c(settingsFor(silent.url(), std::chrono::milliseconds(300)));
        QElapsedTimer clock;
        clock.start();
        const auto r = await<QStringList>([&](auto done) { c.subjects(false, done); });
        const qint64 elapsed = clock.elapsed();
        EDIS_VERIFY_KIND(r.error(), Kind::Timeout);
        QVERIFY2(r.error().message.contains(QLatin1String("0.3 s")), qPrintable(r.error().message));
        QVERIFY2(elapsed >= 290 && elapsed < 3000, qPrintable(QString::number(elapsed)));
        QCOMPARE(c.pendingRequests(), 0);
    }

    void credentialsAreSentAndRefusalsNamed_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("401") << 401 << Kind::Unauthorized << "credentials";
        QTest::newRow("403") << 403 << Kind::Forbidden << "does not allow";
    }
    void credentialsAreSentAndRefusalsNamed()
    {
        QFETCH(int, status);
        QFETCH(Kind, kind);
        QFETCH(QString, mentions);
        BadPeer peer(BadPeer::http(
            status, "No", "application/json", R"({"error_code":40101,"message":"Unauthorized"})"));
        RegistrySettings s = settingsFor(peer.url());
        s.auth = RegistryAuth::Basic;
        s.username = QStringLiteral("key");
        s.secret = QStringLiteral("s3cret");
        RegistryClient c(s);
        const auto r = await<int>(
            [&](auto done) { c.registerSchema(QStringLiteral("x-value"), avro(kOrderV1), done); });
        EDIS_VERIFY_KIND(r.error(), kind);
        QCOMPARE(r.error().httpStatus, status);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QLatin1String("s3cret")));
        QCOMPARE(peer.requests().size(), 1);
        const QByteArray request = peer.requests().first();
        QVERIFY2(request.startsWith("POST /subjects/x-value/versions HTTP/1.1"), request.constData());
        QVERIFY2(request.contains("Authorization: Basic " + QByteArray("key:s3cret").toBase64()),
            request.constData());
        QVERIFY2(
            request.contains("Content-Type: application/vnd.schemaregistry.v1+json"), request.constData());
        QVERIFY2(request.contains("Accept: application/vnd.schemaregistry.v1+json"), request.constData());
        QVERIFY2(request.contains("application/json"), request.constData());
    }

    void bearerTokenIsSent()
    {
        BadPeer peer(BadPeer::http(200, "OK", "application/vnd.schemaregistry.v1+json", "[]"));
        RegistrySettings s = settingsFor(peer.url());
        s.auth = RegistryAuth::Bearer;
        s.secret = QStringLiteral("tok-123");
        RegistryClient c(s);
        const auto r = await<QStringList>([&](auto done) { c.subjects(true, done); });
        EDIS_VERIFY_OK(r);
        QVERIFY(r->isEmpty());
        QVERIFY(peer.requests().first().startsWith("GET /subjects?deleted=true HTTP/1.1"));
        QVERIFY(peer.requests().first().contains("Authorization: Bearer tok-123"));
    }

    void tlsFailureIsNamed()
    {
        // A TLS client against a plain-HTTP server: the handshake cannot succeed.
        BadPeer plain(BadPeer::http(200, "OK", "text/html", "<html></html>"));
        RegistryClient c(settingsFor(plain.url(QStringLiteral("https"))));
        QVERIFY2(c.settingsProblem().isEmpty(), qPrintable(c.settingsProblem()));
        const auto r = await<QStringList>([&](auto done) { c.subjects(false, done); });
        EDIS_VERIFY_KIND(r.error(), Kind::Tls);
        QVERIFY2(r.error().message.startsWith(QLatin1String("TLS")), qPrintable(r.error().message));
    }

    void unusableSettingsFailLater_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("caFile");
        QTest::newRow("no scheme") << "registry:8081" << QString();
        QTest::newRow("ftp") << "ftp://registry:8081" << QString();
        QTest::newRow("password in the URL") << "http://user:pw@registry:8081" << QString();
        QTest::newRow("missing CA file") << "https://registry:8081"
                                         << "/nonexistent/ca.pem";
    }
    void unusableSettingsFailLater()
    {
        QFETCH(QString, url);
        QFETCH(QString, caFile);
        RegistrySettings s = settingsFor(url);
        s.caFile = caFile;
        RegistryClient c(s);
        QVERIFY(!c.settingsProblem().isEmpty());
        bool called = false;
        RegistryError error;
        c.subjects(false, [&](const Result<QStringList> &r) {
            called = true;
            error = r.error();
        });
        QVERIFY(!called); // never from inside the call
        QTRY_VERIFY(called);
        EDIS_VERIFY_KIND(error, Kind::InvalidSettings);
        QCOMPARE(error.message, c.settingsProblem());
        QCOMPARE(c.requestsSent(), quint64 {0});
    }

    void destroyingTheClientDropsCallbacks()
    {
        BadPeer silent {QByteArray()};
        bool called = false;
        {
            RegistryClient c(settingsFor(silent.url()));
            c.subjects(false, [&](const Result<QStringList> &) { called = true; });
            QTRY_COMPARE(silent.requests().size(), 1);
        }
        QTest::qWait(50);
        QVERIFY(!called);
    }

    void abortAllCancels()
    {
        BadPeer silent {QByteArray()};
        RegistryClient c(settingsFor(silent.url()));
        std::optional<RegistryError> error;
        c.subjects(false, [&](const Result<QStringList> &r) { error = r.error(); });
        QTRY_COMPARE(silent.requests().size(), 1);
        c.abortAll();
        QTRY_VERIFY(error.has_value());
        QCOMPARE(error->kind, Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestRegistryClient)
#include "tst_registryclient.moc"
