#pragma once

#include <QIcon>
#include <QIdentityProxyModel>

namespace edis::ui {

/// Adds icons to the core's cluster tree (which knows nothing of QtGui/QtWidgets).
class TreeDecorationProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    explicit TreeDecorationProxy(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QIcon stateIcons_[3];
    QIcon folderIcon_;
    QIcon brokerIcon_;
    QIcon topicIcon_;
    QIcon internalTopicIcon_;
};

} // namespace edis::ui
