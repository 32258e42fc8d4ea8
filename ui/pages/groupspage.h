#pragma once

#include "kafka/groupadmin.h"

#include <QWidget>

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

/// The consumer groups of one cluster: a list on the left; for the selected group its state,
/// members with their assignments, committed offsets, lag per partition and total lag, and
/// actions to reset offsets or delete the group. All reads run on the session's worker.
class GroupsPage : public QWidget {
    Q_OBJECT
public:
    explicit GroupsPage(QWidget *parent = nullptr);

    /// Shows the groups of `session` (loads them at once); null clears the page.
    void setSession(cluster::ClusterSession *session);
    cluster::ClusterSession *session() const;
    QString selectedGroup() const { return selected_; }
    const kafka::GroupDetails &details() const { return details_; }

public Q_SLOTS:
    /// Reloads the list and the selected group.
    void refresh();
    void selectGroup(const QString &groupId);

Q_SIGNALS:
    /// A group was deleted or its offsets were reset (the rest of the window may care).
    void groupChanged(const QString &groupId);

private:
    void showGroups(const QList<kafka::GroupListing> &groups);
    void loadDetails();
    void showDetails();
    void clearDetails(const QString &why);
    void resetOffsets();
    void deleteGroup();
    void setBusy(bool busy);
    void showError(const kafka::KafkaError &error);
    /// On the sandbox, says what it cannot do instead of asking it; returns whether it did.
    bool showSandboxLimitation();

    cluster::SessionRequests *listRequests_;
    cluster::SessionRequests *detailRequests_;
    widgets::StatusIndicator *status_;
    QPushButton *refreshButton_;
    QTableWidget *groups_;
    widgets::ElidedLabel *title_;
    QLabel *summary_;
    QTableWidget *offsets_;
    QTableWidget *members_;
    QPushButton *resetButton_;
    QPushButton *deleteButton_;
    QString selected_;
    kafka::GroupDetails details_;
    bool detailsLoaded_ = false;
};

} // namespace edis::ui
