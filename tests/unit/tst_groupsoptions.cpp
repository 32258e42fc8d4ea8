// `edis groups`'s options as a request: the action and group, an offset reset's target, topics
// and whether it is applied, and a clear refusal (naming the option and what it expects) for
// every bad value.

#include "clicommon.h"
#include "groupsoptions.h"
#include "optionparsing.h"

#include <QDateTime>
#include <QTest>

using edis::cli::GroupsRequest;
using Action = GroupsRequest::Action;
using Target = edis::kafka::OffsetResetSpec::Target;

namespace {

using Parsed = edis::test::ParsedOptions<GroupsRequest>;
using edis::test::words;

Parsed parse(const QStringList &arguments)
{
    return edis::test::parseCommandLine<GroupsRequest>("edis groups", edis::cli::addGroupsOptions, arguments,
        [](const QCommandLineParser &parser, edis::kafka::ConnectionSettings *, QString *error) {
            return edis::cli::groupsRequestFromOptions(parser, error);
        });
}

} // namespace

Q_DECLARE_METATYPE(GroupsRequest::Action)
Q_DECLARE_METATYPE(edis::kafka::OffsetResetSpec::Target)

class TestGroupsOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachActionByItsOption_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<Action>("action");
        QTest::newRow("list") << "--list --json" << Action::List;
        QTest::newRow("describe") << "--describe --group g" << Action::Describe;
        QTest::newRow("reset-offsets")
            << "--reset-offsets --group g --all-topics --to-latest" << Action::ResetOffsets;
        QTest::newRow("delete") << "--delete --group g" << Action::Delete;
    }

    void eachActionByItsOption()
    {
        QFETCH(QString, options);
        QFETCH(Action, action);
        const Parsed p = parse(words(options));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, action);
        QCOMPARE(p.request->group, action == Action::List ? QString() : QStringLiteral("g"));
    }

    void resetTargets_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<Target>("target");
        QTest::addColumn<qint64>("value");
        QTest::newRow("earliest") << "--to-earliest" << Target::Earliest << 0LL;
        QTest::newRow("latest") << "--to-latest" << Target::Latest << 0LL;
        QTest::newRow("offset") << "--to-offset 42" << Target::Offset << 42LL;
        QTest::newRow("offset 0") << "--to-offset 0" << Target::Offset << 0LL;
        QTest::newRow("datetime utc")
            << "--to-datetime 2023-11-14T22:13:40.000Z" << Target::Timestamp << 1'700'000'020'000LL;
        QTest::newRow("datetime offset")
            << "--to-datetime 2023-11-14T23:13:40+01:00" << Target::Timestamp << 1'700'000'020'000LL;
    }

    void resetTargets()
    {
        QFETCH(QString, options);
        QFETCH(Target, target);
        QFETCH(qint64, value);
        const Parsed p = parse(words("--reset-offsets --group g --all-topics " + options));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->reset.target, target);
        QCOMPARE(qint64(p.request->reset.value), value);
    }

    void datetimeWithoutZoneIsLocalTime()
    {
        // Like kafka-consumer-groups.
        const Parsed p
            = parse(words("--reset-offsets --group g --all-topics --to-datetime 2024-05-01T12:00:00"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(
            qint64(p.request->reset.value), QDateTime(QDate(2024, 5, 1), QTime(12, 0)).toMSecsSinceEpoch());
    }

    void resetTopicsAndExecution()
    {
        const Parsed some
            = parse(words("--reset-offsets --group g --topic a --topic b --to-earliest --execute"));
        QVERIFY2(some.request, qPrintable(some.error));
        QCOMPARE(some.request->reset.topics, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(some.request->execute);
        QVERIFY(!some.request->implicitDryRun);

        const Parsed all = parse(words("--reset-offsets --group g --all-topics --to-earliest --dry-run"));
        QVERIFY2(all.request, qPrintable(all.error));
        QVERIFY(all.request->reset.topics.isEmpty()); // every topic the group has offsets for
        QVERIFY(!all.request->execute);
        QVERIFY(!all.request->implicitDryRun);

        // Neither: a preview, and the user is told nothing changed.
        const Parsed neither = parse(words("--reset-offsets --group g --all-topics --to-earliest"));
        QVERIFY2(neither.request, qPrintable(neither.error));
        QVERIFY(!neither.request->execute);
        QVERIFY(neither.request->implicitDryRun);
    }

    void badValuesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("error");
        const QString actions
            = QStringLiteral("Give exactly one of --list, --describe, --reset-offsets, --delete.");
        const QString needsGroup = QStringLiteral("--describe, --reset-offsets and --delete need --group.");
        const QString oneTarget = QStringLiteral(
            "--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset.");
        const QString reset = QStringLiteral("--reset-offsets --group g --all-topics ");
        QTest::newRow("no action") << "--group g" << actions;
        QTest::newRow("two actions") << "--list --delete --group g" << actions;
        QTest::newRow("describe without group") << "--describe" << needsGroup;
        QTest::newRow("delete without group") << "--delete" << needsGroup;
        QTest::newRow("reset without group") << "--reset-offsets --all-topics --to-earliest" << needsGroup;
        QTest::newRow("reset without target") << reset << oneTarget;
        QTest::newRow("reset two targets") << reset + "--to-earliest --to-latest" << oneTarget;
        QTest::newRow("negative offset") << reset + "--to-offset -1"
                                         << "--to-offset expects a non-negative offset.";
        QTest::newRow("offset text") << reset + "--to-offset first"
                                     << "--to-offset expects a non-negative offset.";
        QTest::newRow("datetime text")
            << reset + "--to-datetime yesterday"
            << "--to-datetime expects an ISO 8601 date and time, e.g. 2024-05-01T12:00:00Z or "
               "2024-05-01T12:00:00.000+02:00.";
        QTest::newRow("dry-run and execute") << reset + "--to-earliest --dry-run --execute"
                                             << "Give only one of --dry-run, --execute.";
        QTest::newRow("no topics") << "--reset-offsets --group g --to-earliest"
                                   << "--reset-offsets needs --topic (repeatable) or --all-topics.";
    }

    void badValuesAreRefusedByName()
    {
        QFETCH(QString, options);
        QFETCH(QString, error);
        const Parsed p = parse(words(options));
        QVERIFY(!p.request);
        QCOMPARE(p.error, error);
    }
};

QTEST_GUILESS_MAIN(TestGroupsOptions)
#include "tst_groupsoptions.moc"
