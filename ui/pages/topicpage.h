#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/topicadmin.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace edis::cluster {
class ClusterSession;
class SessionRequests;
} // namespace edis::cluster
namespace edis::widgets {
class ElidedLabel;
class StatusIndicator;
} // namespace edis::widgets

namespace edis::ui {

/// One topic: partitions with leader, replicas, in-sync replicas and watermarks (message counts),
/// its configs (inherited or overridden, with help texts), and actions to add partitions, edit
/// a config or delete the topic. Watermarks and configs are read on the session's worker.
class TopicPage : public QWidget {
    Q_OBJECT
public:
    explicit TopicPage(QWidget *parent = nullptr);
    /// The cluster the shown topic belongs to; set it before setTopic(). Without a session the
    /// page shows metadata only.
    void setSession(cluster::ClusterSession *session);
    /// Shows `topic`; a null pointer means the topic is gone (deleted meanwhile). Watermarks and
    /// configs are (re)loaded when the topic or its partition count changed.
    void setTopic(const QString &name, const kafka::TopicInfo *topic);
    QString topicName() const { return name_; }
    const QList<kafka::ConfigEntry> &configs() const { return configs_; }

public Q_SLOTS:
    /// Reloads watermarks and configs.
    void reload();

Q_SIGNALS:
    void topicDeleted(const QString &name);

private:
    void loadWatermarks();
    void loadConfigs();
    void showPartitions();
    void showConfigs();
    void showConfigHelp();
    void updateActions();
    void addPartitions();
    void editConfig();
    void deleteTopic();

    cluster::SessionRequests *watermarkRequests_;
    cluster::SessionRequests *configRequests_;
    cluster::SessionRequests *actionRequests_;
    QString name_;
    std::optional<kafka::TopicInfo> topic_;
    QHash<int32_t, kafka::PartitionWatermarks> watermarks_;
    QList<kafka::ConfigEntry> configs_;
    QString configsProblem_;
    bool configsUnavailable_ = false; ///< the cluster cannot show configs (the sandbox)
    widgets::ElidedLabel *title_;
    QLabel *summary_;
    widgets::StatusIndicator *status_;
    QPushButton *refreshButton_;
    QPushButton *addPartitionsButton_;
    QPushButton *editConfigButton_;
    QPushButton *deleteButton_;
    QTableWidget *partitions_;
    QTableWidget *configTable_;
    QCheckBox *overridesOnly_;
    QLabel *configHelp_;
};

} // namespace edis::ui
