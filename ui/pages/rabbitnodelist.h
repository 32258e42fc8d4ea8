#pragma once

#include <QTreeWidget>

namespace edis::profiles {
class ProfileStore;
} // namespace edis::profiles

namespace edis::ui {

/// The saved RabbitMQ nodes in the navigation beside the Kafka clusters: one row per node with
/// what the RabbitMQ page last said of it (connected with its queue count, or why not). Choosing
/// one opens the page on it; the last row adds a node.
class RabbitNodeList : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, DetailColumn, ColumnCount };
    static constexpr int kProfileIdRole = Qt::UserRole + 1;

    explicit RabbitNodeList(QWidget *parent = nullptr);

    void setProfileStore(const profiles::ProfileStore *store);
    /// Lists the store's nodes again (after a save or a forget), keeping what was said of them.
    void reload();
    /// What the page says of node `id` now ("connected · 15 queues", an error): shown beside it.
    void setNodeState(const QString &id, bool good, const QString &text);
    /// The node rows (not the "add" row).
    int nodeCount() const;

Q_SIGNALS:
    /// A saved node was chosen (clicked or Enter).
    void nodeActivated(const QString &profileId);
    /// The "add" row was chosen.
    void addRequested();

private:
    void onActivated(QTreeWidgetItem *item);

    const profiles::ProfileStore *store_ = nullptr;
    QHash<QString, std::pair<bool, QString>> states_;
};

} // namespace edis::ui
