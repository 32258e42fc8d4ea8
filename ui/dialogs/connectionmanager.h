#pragma once

#include "profiles/connectionprofile.h"
#include "profiles/profilestore.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace edis::cluster {
class ConnectionTester;
}
namespace edis::profiles {
class SecretStore;
}
namespace edis::widgets {
class DetailsLabel;
}

namespace edis::ui {

class RegistryProfileForm;

/// The connection manager: create, edit, duplicate, delete, import and export profiles, test
/// them, and connect. Profiles are saved without secrets; secrets go to the SecretStore.
class ConnectionManager : public QDialog {
    Q_OBJECT
public:
    ConnectionManager(
        profiles::ProfileStore *store, profiles::SecretStore *secrets, QWidget *parent = nullptr);
    ~ConnectionManager() override;

    /// Selects a profile by id (or the first one).
    void selectProfile(const QString &id);
    /// The profile as the form shows it, and the secrets typed into the form.
    profiles::ConnectionProfile editedProfile() const;
    profiles::ProfileSecrets editedSecrets() const;
    /// Shows an imported or preset profile as a new, unsaved entry.
    void addProfile(const profiles::ConnectionProfile &profile, const profiles::ProfileSecrets &secrets,
        const QStringList &warnings = {});

Q_SIGNALS:
    /// The user asked to connect with this profile and these secrets.
    void connectRequested(
        const edis::profiles::ConnectionProfile &profile, const edis::profiles::ProfileSecrets &secrets);

private:
    void buildForm();
    void reloadList(const QString &selectId);
    void showProfile(const profiles::ConnectionProfile &profile);
    void updateFieldVisibility();
    void updateProblems();
    bool saveCurrent();
    void testConnection();
    void newProfile(profiles::BrokerKind kind);
    void duplicateCurrent();
    void deleteCurrent();
    void importEventHubs();
    void importFile(const QString &kind);
    void exportProfiles();
    QString currentId() const;
    void setRow(QWidget *field, bool visible);

    profiles::ProfileStore *store_;
    profiles::SecretStore *secrets_;
    cluster::ConnectionTester *tester_;
    QString editingId_;
    profiles::ConnectionProfile editing_;
    bool loading_ = false;

    QListWidget *list_;
    QFormLayout *form_;
    QLabel *kindLabel_;
    QLineEdit *name_;
    QLineEdit *bootstrap_;
    QComboBox *protocol_;
    QComboBox *mechanism_;
    QLineEdit *username_;
    QLineEdit *password_;
    QComboBox *oauthMode_;
    QLineEdit *tokenEndpoint_;
    QLineEdit *clientId_;
    QLineEdit *scope_;
    QLineEdit *principal_;
    QLineEdit *keytab_;
    QLineEdit *caFile_;
    QLineEdit *certFile_;
    QLineEdit *keyFile_;
    QLineEdit *keyPassword_;
    QCheckBox *verifyHostname_;
    QPlainTextEdit *extra_;
    QCheckBox *readOnly_;
    RegistryProfileForm *registry_;
    widgets::DetailsLabel *keychainBanner_;
    QLabel *problems_;
    widgets::DetailsLabel *testResult_;
    QPushButton *testButton_;
    QPushButton *saveButton_;
    QPushButton *connectButton_;
};

} // namespace edis::ui
