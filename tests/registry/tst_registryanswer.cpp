// How the registry client classifies what came back (registry/registryanswer.h): one row per
// case, from the facts of a finished exchange to the error kind, codes and sentence.

#include "registry/registryanswer.h"

#include <QJsonObject>
#include <QTest>

using namespace edis::registry;
using Kind = RegistryError::Kind;

Q_DECLARE_METATYPE(edis::registry::RegistryError::Kind)

namespace {

ReplyFacts http(
    int status, const QByteArray &body, const QString &contentType = QStringLiteral("application/json"))
{
    ReplyFacts f;
    f.httpStatus = status;
    f.body = body;
    f.contentType = contentType;
    f.endpoint = QStringLiteral("registry:8081");
    f.request = QStringLiteral("GET /subjects");
    f.timeout = std::chrono::milliseconds(1500);
    return f;
}

ReplyFacts transport(
    QNetworkReply::NetworkError error, const QString &text = QStringLiteral("socket says no"))
{
    ReplyFacts f = http(0, {}, {});
    f.networkError = error;
    f.networkErrorString = text;
    return f;
}

} // namespace

Q_DECLARE_METATYPE(ReplyFacts)

class TestRegistryAnswer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<ReplyFacts>("facts");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("refused") << transport(QNetworkReply::ConnectionRefusedError)
                                 << Kind::ConnectionRefused << 0 << "refused the connection";
        QTest::newRow("host not found")
            << transport(QNetworkReply::HostNotFoundError) << Kind::HostNotFound << 0 << "was not found";
        ReplyFacts timedOut = transport(QNetworkReply::OperationCanceledError);
        timedOut.timedOut = true;
        QTest::newRow("our timeout") << timedOut << Kind::Timeout << 0 << "within 1.5 s";
        ReplyFacts big = http(200, "[\"a\"");
        big.tooLarge = true;
        QTest::newRow("too large") << big << Kind::TooLarge << 0 << "64 MiB";
        ReplyFacts badCert = transport(QNetworkReply::SslHandshakeFailedError);
        badCert.sslErrors = QStringList {QStringLiteral("The certificate is self-signed, and untrusted")};
        QTest::newRow("certificate") << badCert << Kind::Tls << 0 << "self-signed";
        QTest::newRow("handshake") << transport(
            QNetworkReply::SslHandshakeFailedError, QStringLiteral("wrong version"))
                                   << Kind::Tls << 0 << "wrong version";
        QTest::newRow("reset") << transport(QNetworkReply::RemoteHostClosedError, QStringLiteral("closed"))
                               << Kind::Network << 0 << "closed";
        QTest::newRow("cancelled") << transport(QNetworkReply::OperationCanceledError) << Kind::Cancelled << 0
                                   << "cancelled";

        QTest::newRow("401") << http(401, {}, {}) << Kind::Unauthorized << 0 << "credentials";
        QTest::newRow("403") << http(403, R"({"error_code":40301,"message":"User cannot access"})")
                             << Kind::Forbidden << 40301 << "User cannot access";
        QTest::newRow("40401") << http(404, R"({"error_code":40401,"message":"Subject 'x' not found."})")
                               << Kind::SubjectNotFound << 40401 << "Subject 'x' not found.";
        QTest::newRow("40402") << http(404, R"({"error_code":40402,"message":"Version 9 not found."})")
                               << Kind::VersionNotFound << 40402 << "Version 9";
        QTest::newRow("40403") << http(404, R"({"error_code":40403,"message":"Schema 7 not found."})")
                               << Kind::SchemaNotFound << 40403 << "Schema 7";
        QTest::newRow("other 404 code") << http(404, R"({"error_code":40408,"message":"not configured"})")
                                        << Kind::NotFound << 40408 << "40408";
        QTest::newRow("404 HTML") << http(404, "<html>nope</html>", QStringLiteral("text/html"))
                                  << Kind::NotARegistry << 0 << "not a Schema Registry";
        QTest::newRow("404 empty") << http(404, {}, {}) << Kind::NotARegistry << 0 << "/apis/ccompat/v7";
        QTest::newRow("incompatible") << http(409,
            R"({"error_code":409,"message":"io.apicurio.registry.rules.violation.RuleViolationException: Incompatible artifact: x"})")
                                      << Kind::Incompatible << 409
                                      << "incompatible: Incompatible artifact: x";
        QTest::newRow("not soft deleted")
            << http(409, R"({"error_code":40405,"message":"Subject x must be soft deleted first"})")
            << Kind::Conflict << 40405 << "soft deleted first";
        QTest::newRow("invalid schema") << http(422, R"({"error_code":42201,"message":"Invalid schema"})")
                                        << Kind::InvalidSchema << 42201 << "invalid: Invalid schema";
        QTest::newRow("invalid level")
            << http(422, R"({"error_code":42203,"message":"Invalid compatibility level"})")
            << Kind::Unprocessable << 42203 << "42203";
        QTest::newRow("500") << http(
            500, R"({"error_code":50001,"message":"Error in the backend data store"})")
                             << Kind::ServerError << 50001 << "backend data store";
        QTest::newRow("502 HTML") << http(502, "<html>Bad gateway</html>", QStringLiteral("text/html"))
                                  << Kind::ServerError << 0 << "HTTP 502";
        QTest::newRow("400") << http(400, R"({"error_code":400,"message":"Unrecognized field"})")
                             << Kind::Http << 400 << "Unrecognized field";
        QTest::newRow("200 HTML") << http(200, "<html></html>", QStringLiteral("text/html; charset=utf-8"))
                                  << Kind::NotARegistry << 0 << "HTTP 200 (text/html)";
        QTest::newRow("200 garbage") << http(200, "hello", QStringLiteral("text/plain")) << Kind::NotARegistry
                                     << 0 << "not a Schema Registry";
        QTest::newRow("200 empty") << http(200, {}) << Kind::NotARegistry << 0 << "not a Schema Registry";
        QTest::newRow("200 JSON") << http(200, R"(["a","b"])") << Kind::None << 0 << QString();
        QTest::newRow("200 versioned type")
            << http(200, "[]", QStringLiteral("application/vnd.schemaregistry.v1+json")) << Kind::None << 0
            << QString();
        QTest::newRow("200 bare number") << http(200, "1") << Kind::None << 0 << QString();
    }
    void classifies()
    {
        QFETCH(ReplyFacts, facts);
        QFETCH(Kind, kind);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        const HttpAnswer answer = interpretReply(facts);
        QCOMPARE(kindId(answer.error.kind), kindId(kind));
        QCOMPARE(answer.error.errorCode, code);
        if (kind != Kind::None) {
            QVERIFY2(answer.error.message.contains(mentions), qPrintable(answer.error.message));
            QVERIFY(!answer.error.message.contains(QLatin1String("Exception:")));
        }
    }

    void successfulBodiesAreJson()
    {
        QCOMPARE(interpretReply(http(200, "1")).json.toInt(), 1);
        QCOMPARE(
            interpretReply(http(200, R"({"id":5})")).json.toObject().value(QLatin1String("id")).toInt(), 5);
        const HttpAnswer odd = interpretReply(http(200, R"({"status":"UP"})"));
        QVERIFY(odd.error.ok());
        QCOMPARE(unexpectedAnswer(odd).kind, Kind::NotARegistry);
    }

    void exceptionNamesAreDropped_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("shown");
        QTest::newRow("java") << "io.apicurio.registry.rules.violation.RuleViolationException: Incompatible"
                              << "Incompatible";
        QTest::newRow("plain") << "Schema being registered is incompatible"
                               << "Schema being registered is incompatible";
        QTest::newRow("mentions one later") << "Failed: see java.lang.IllegalStateException: x"
                                            << "Failed: see java.lang.IllegalStateException: x";
    }
    void exceptionNamesAreDropped()
    {
        QFETCH(QString, message);
        QFETCH(QString, shown);
        QCOMPARE(withoutExceptionName(message), shown);
    }
};

QTEST_GUILESS_MAIN(TestRegistryAnswer)
#include "tst_registryanswer.moc"
