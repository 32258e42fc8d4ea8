#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace edis::cluster {
class ClusterSession;
class SessionRequests;
} // namespace edis::cluster

namespace edis::ui {

/// Deleting a topic cannot be undone, so the user types its name to confirm. The deletion runs
/// on the session's worker; the dialog closes only when the cluster confirmed it.
class DeleteTopicDialog : public QDialog {
    Q_OBJECT
public:
    DeleteTopicDialog(cluster::ClusterSession *session, const QString &topic, QWidget *parent = nullptr);

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void topicDeleted(const QString &name);

private:
    void updateButton();

    QString topic_;
    cluster::SessionRequests *requests_;
    QLineEdit *confirm_;
    QLabel *message_;
    QDialogButtonBox *buttons_;
};

} // namespace edis::ui
