#pragma once

#include "kafka/groupadmin.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace edis::cluster {
class ClusterSession;
class SessionRequests;
} // namespace edis::cluster

namespace edis::ui {

/// Moves a consumer group's committed offsets: the user picks topics and a target, sees a
/// preview (partition: current → new), and only then may apply exactly that preview. Changing
/// any input discards the preview. The cluster refuses while the group has active members; the
/// dialog says so instead of applying.
class ResetOffsetsDialog : public QDialog {
    Q_OBJECT
public:
    /// `topics`: the topics the group has offsets for (offered besides "all of them").
    ResetOffsetsDialog(cluster::ClusterSession *session, const QString &groupId, const QStringList &topics,
        QWidget *parent = nullptr);

    const QList<kafka::OffsetResetRow> &preview() const { return preview_; }

Q_SIGNALS:
    void offsetsReset(const QString &groupId);

private:
    bool specFromInput(kafka::OffsetResetSpec *spec, QString *problem) const;
    void inputChanged();
    void showPreview();
    void apply();
    void updateButtons();

    QString groupId_;
    cluster::SessionRequests *requests_;
    QComboBox *topic_;
    QComboBox *target_;
    QDateTimeEdit *dateTime_;
    QLineEdit *offset_;
    QPushButton *previewButton_;
    QPushButton *applyButton_;
    QTableWidget *table_;
    QLabel *message_;
    QList<kafka::OffsetResetRow> preview_;
};

} // namespace edis::ui
