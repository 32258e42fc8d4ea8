// A held record as a command to paste: "Copy as kcat" and "Copy as edis produce". What a shell
// prints from the copied command is the record's key and value, and no secret property of the
// connection is ever written into it.

#include "profiles/connectionprofile.h"
#include "recordcommands.h"
#include "testrecords.h"

#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace edis;
using namespace edis::inspect;

class TestRecordCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shellCommandsQuoteSafely_data();
    void shellCommandsQuoteSafely();
    void noSecretReachesACommand_data();
    void noSecretReachesACommand();
    void nullKeyAndTombstoneUseMarkers();
};

namespace {

constexpr char kSecretValue[] = "s3cr3t-VALUE-that-must-stay-put";

MessageBatch recordBatch(const QByteArray &key, const QByteArray &value)
{
    MessageBatch batch;
    RecordRef r;
    r.topic = "orders.events";
    r.partition = 2;
    r.offset = 5;
    r.key = std::string_view(key.constData(), std::size_t(key.size()));
    r.value = std::string_view(value.constData(), std::size_t(value.size()));
    batch.append(r);
    return batch;
}

} // namespace

void TestRecordCommands::shellCommandsQuoteSafely_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("json") << QByteArray("order-1") << QByteArray(R"({"a": "it's", "b": [1, 2]})");
    QTest::newRow("shell specials") << QByteArray("$(rm -rf x)") << QByteArray(R"(`echo hi` $HOME \ "q")");
    QTest::newRow("unicode") << QByteArray("schlüssel") << QByteArray("wert ✓");
}

void TestRecordCommands::shellCommandsQuoteSafely()
{
    // The printf part of the copied command, run by a real shell, must print key<TAB>value.
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    const MessageBatch batch = recordBatch(key, value);
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = QStringLiteral("localhost:9092");
    connection.properties["security.protocol"] = "SASL_SSL";
    const QString command = edisProduceCommand(batch.at(0), connection);
    QVERIFY(command.contains(QStringLiteral("--partition 2")));
    QVERIFY(command.contains(QStringLiteral("--property security.protocol=SASL_SSL")));
    const QString kcat = kcatProduceCommand(batch.at(0), connection);
    QVERIFY(kcat.contains(QStringLiteral("-t orders.events -p 2")));
    for (const QString &copied : {command, kcat}) {
        const QString printfPart = copied.left(copied.indexOf(QStringLiteral(" | ")));
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
}

void TestRecordCommands::noSecretReachesACommand_data()
{
    // One row per secret property that profiles::isSecretProperty knows (tests/profiles has the
    // same list, and a row for what is not a secret): a secret it knows must never be copied.
    QTest::addColumn<QString>("property");
    for (const char *name : {"sasl.password", "ssl.key.password", "ssl.keystore.password", "ssl.key.pem",
             "ssl_key.pem", "sasl.oauthbearer.config", "sasl.oauthbearer.client.secret", "sasl.jaas.config",
             "sasl.oauthbearer.token"}) {
        QTest::newRow(name) << QString::fromLatin1(name);
    }
}

void TestRecordCommands::noSecretReachesACommand()
{
    QFETCH(QString, property);
    QVERIFY2(profiles::isSecretProperty(property.toStdString()), "a row the one list does not call secret");
    const MessageBatch batch = recordBatch("k", "v");
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = QStringLiteral("broker:9093");
    connection.properties[property.toStdString()] = kSecretValue;
    connection.properties["sasl.username"] = "alice";
    for (const QString &command :
        {edisProduceCommand(batch.at(0), connection), kcatProduceCommand(batch.at(0), connection)}) {
        QVERIFY2(!command.contains(QLatin1String(kSecretValue)), qPrintable(command));
        // The property is still set, from the environment, so the command works when pasted.
        QVERIFY2(command.contains(property + QStringLiteral("=\"$KAFKA_SECRET\"")), qPrintable(command));
        QVERIFY(command.contains(QStringLiteral("sasl.username=alice"))); // not a secret: copied as is
    }
}

void TestRecordCommands::nullKeyAndTombstoneUseMarkers()
{
    MessageBatch batch;
    RecordRef r;
    r.topic = "t";
    batch.append(r); // no key, no value: a tombstone with a null key
    kafka::ConnectionSettings connection;
    connection.bootstrapServers = QStringLiteral("localhost:9092");
    const QString edisCommand = edisProduceCommand(batch.at(0), connection);
    QVERIFY(edisCommand.startsWith(QStringLiteral("printf '%s\\t%s\\n' NULL NULL | ")));
    QVERIFY(edisCommand.contains(QStringLiteral("--property null.marker=NULL")));
    QVERIFY(kcatProduceCommand(batch.at(0), connection).contains(QStringLiteral(" -Z ")));
    QCOMPARE(valueText(batch.at(0)), QString());
}

EDIS_REGISTER_TEST(TestRecordCommands);
#include "tst_recordcommands.moc"
