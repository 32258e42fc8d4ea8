#pragma once

#include <QDialog>

#include <map>
#include <string>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace edis::cluster {
class ClusterSession;
class SessionRequests;
} // namespace edis::cluster

namespace edis::ui {

/// Asks for a new topic's name, partitions, replication factor and configs, checks them as the
/// user types (the Create button stays disabled while anything is wrong), then creates the
/// topic on the session's worker and closes only when the cluster said yes.
class CreateTopicDialog : public QDialog {
    Q_OBJECT
public:
    explicit CreateTopicDialog(cluster::ClusterSession *session, QWidget *parent = nullptr);

    /// What is wrong with the input now, or an empty string.
    QString problem() const;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void topicCreated(const QString &name);

private:
    void validate();
    void setBusy(bool busy);
    bool parseConfigs(std::map<std::string, std::string> *configs, QString *problem) const;

    cluster::ClusterSession *session_;
    cluster::SessionRequests *requests_;
    QLineEdit *name_;
    QLineEdit *partitions_;
    QLineEdit *replicationFactor_;
    QPlainTextEdit *configs_;
    QLabel *message_;
    QDialogButtonBox *buttons_;
    QString serverError_; ///< the cluster's refusal, shown until the input changes
};

} // namespace edis::ui
