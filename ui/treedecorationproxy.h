#pragma once

#include <QHash>
#include <QIcon>
#include <QIdentityProxyModel>
#include <QList>

namespace edis::ui {

/// Adds icons to the core's cluster tree (which knows nothing of QtGui/QtWidgets), and the
/// recent message rates of topics (for sparklines) from the throughput sampler.
class TreeDecorationProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    /// On a topic's detail column: QList<double>, its msg/s over the last minute, oldest first.
    static constexpr int SparklineRole = Qt::UserRole + 100;

    explicit TreeDecorationProxy(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role) const override;

    /// The rates of `cluster`'s topics (topic → values, oldest first); replaces earlier ones.
    void setTopicRates(int cluster, QHash<QString, QList<double>> rates);
    QList<double> topicRates(int cluster, const QString &topic) const;

private:
    QString toolTip(const QModelIndex &index) const;

    QHash<int, QHash<QString, QList<double>>> rates_;
    QIcon stateIcons_[3];
    QIcon folderIcon_;
    QIcon brokerIcon_;
    QIcon topicIcon_;
    QIcon internalTopicIcon_;
};

} // namespace edis::ui
