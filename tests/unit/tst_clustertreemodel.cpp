// The navigation tree must keep the user's place (persistent indexes, selection) across the
// periodic metadata refreshes, and report exactly what the cluster holds.

#include "models/clustertreemodel.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

using edis::kafka::BrokerInfo;
using edis::kafka::ClusterMetadata;
using edis::kafka::PartitionInfo;
using edis::kafka::TopicInfo;
using edis::models::ClusterTreeModel;
using Kind = ClusterTreeModel::NodeKind;

namespace {

TopicInfo topic(const QString &name, int partitions, bool oneUnderReplicated = false)
{
    TopicInfo t;
    t.name = name;
    for (int p = 0; p < partitions; ++p) {
        PartitionInfo info;
        info.id = p;
        info.leader = 1;
        info.replicas = {1, 2};
        info.isr = (oneUnderReplicated && p == 0) ? QList<int32_t> {1} : QList<int32_t> {1, 2};
        t.partitions.append(info);
    }
    return t;
}

ClusterMetadata metadata(const QStringList &topicNames, int brokers = 2)
{
    ClusterMetadata md;
    md.clusterId = QStringLiteral("cluster-1");
    md.controllerId = 1;
    for (int b = 1; b <= brokers; ++b) {
        md.brokers.append(BrokerInfo {b, QStringLiteral("127.0.0.1"), 9090 + b});
    }
    QStringList sorted = topicNames; // as KafkaClient delivers them
    sorted.sort();
    for (const auto &n : sorted) {
        md.topics.append(topic(n, 3));
    }
    return md;
}

QStringList topicsShown(const ClusterTreeModel &m, int cluster)
{
    QStringList names;
    const QModelIndex folder = m.topicsFolderIndex(cluster);
    for (int r = 0; r < m.rowCount(folder); ++r) {
        names << m.index(r, 0, folder).data(ClusterTreeModel::TopicNameRole).toString();
    }
    return names;
}

} // namespace

class TestClusterTreeModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void structureFollowsMetadata()
    {
        ClusterTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int c = model.addCluster(QStringLiteral("Local"));
        QCOMPARE(model.clusterCount(), 1);
        model.setMetadata(
            c, metadata({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("__internal")}, 3));

        const QModelIndex cluster = model.clusterIndex(c);
        QCOMPARE(cluster.data().toString(), QStringLiteral("Local"));
        QCOMPARE(cluster.data(ClusterTreeModel::KindRole).toInt(), int(Kind::Cluster));
        QCOMPARE(model.rowCount(model.brokersFolderIndex(c)), 3);
        QCOMPARE(topicsShown(model, c),
            (QStringList {QStringLiteral("__internal"), QStringLiteral("a"), QStringLiteral("b")}));

        const QModelIndex a = model.topicIndex(c, QStringLiteral("a"));
        QVERIFY(a.isValid());
        QCOMPARE(a.data(ClusterTreeModel::PartitionCountRole).toInt(), 3);
        QCOMPARE(a.data(ClusterTreeModel::KindRole).toInt(), int(Kind::Topic));
        QCOMPARE(a.parent(), model.topicsFolderIndex(c));
        QVERIFY(model.topicIndex(c, QStringLiteral("__internal"))
                    .data(ClusterTreeModel::InternalTopicRole)
                    .toBool());
        QVERIFY(!model.topicIndex(c, QStringLiteral("nope")).isValid());
    }

    void refreshKeepsPersistentIndexes()
    {
        ClusterTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int c = model.addCluster(QStringLiteral("Local"));
        model.setMetadata(c, metadata({QStringLiteral("b"), QStringLiteral("d")}));
        const QPersistentModelIndex d(model.topicIndex(c, QStringLiteral("d")));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // A topic appears before "d", one after, and "b" goes away.
        model.setMetadata(c, metadata({QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("e")}));

        QCOMPARE(resets.count(), 0);
        QVERIFY(inserted.count() >= 1);
        QVERIFY(removed.count() >= 1);
        QVERIFY(d.isValid());
        QCOMPARE(d.data(ClusterTreeModel::TopicNameRole).toString(), QStringLiteral("d"));
        QCOMPARE(topicsShown(model, c),
            (QStringList {QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("e")}));
    }

    void identicalRefreshChangesNothing()
    {
        ClusterTreeModel model;
        const int c = model.addCluster(QStringLiteral("Local"));
        model.setMetadata(c, metadata({QStringLiteral("a"), QStringLiteral("b")}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setMetadata(c, metadata({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
    }

    void partitionChangeUpdatesTheRow()
    {
        ClusterTreeModel model;
        const int c = model.addCluster(QStringLiteral("Local"));
        ClusterMetadata md = metadata({QStringLiteral("a")});
        model.setMetadata(c, md);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        md.topics[0] = topic(QStringLiteral("a"), 8, true);
        model.setMetadata(c, md);
        const QModelIndex a = model.topicIndex(c, QStringLiteral("a"));
        QCOMPARE(a.data(ClusterTreeModel::PartitionCountRole).toInt(), 8);
        QVERIFY(a.data(Qt::ToolTipRole).toString().contains(QLatin1String("under-replicated")));
        QVERIFY(changed.count() >= 1);
    }

    void severalClustersStayApart()
    {
        ClusterTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int one = model.addCluster(QStringLiteral("One"));
        const int two = model.addCluster(QStringLiteral("Two"));
        model.setMetadata(one, metadata({QStringLiteral("x")}));
        model.setMetadata(two, metadata({QStringLiteral("y"), QStringLiteral("z")}));
        QCOMPARE(topicsShown(model, one), QStringList {QStringLiteral("x")});
        QCOMPARE(topicsShown(model, two), (QStringList {QStringLiteral("y"), QStringLiteral("z")}));
        QCOMPARE(
            model.topicIndex(two, QStringLiteral("z")).data(ClusterTreeModel::ClusterIndexRole).toInt(), two);

        model.removeCluster(one);
        QCOMPARE(model.clusterCount(), 1);
        QCOMPARE(model.clusterIndex(0).data().toString(), QStringLiteral("Two"));
        QCOMPARE(topicsShown(model, 0), (QStringList {QStringLiteral("y"), QStringLiteral("z")}));
    }

    void connectionStateIsShown()
    {
        ClusterTreeModel model;
        const int c = model.addCluster(QStringLiteral("Broken"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setClusterState(c, 2, QStringLiteral("Connection refused"));
        QCOMPARE(model.clusterIndex(c).data(ClusterTreeModel::ConnectionStateRole).toInt(), 2);
        QCOMPARE(
            model.clusterIndex(c).data(Qt::ToolTipRole).toString(), QStringLiteral("Connection refused"));
        QCOMPARE(changed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestClusterTreeModel)
#include "tst_clustertreemodel.moc"
