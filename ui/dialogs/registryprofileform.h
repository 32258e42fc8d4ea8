#pragma once

// The connection manager's "Schema Registry" section: a checkable group that collapses to its
// title when the cluster has no registry. The URL, the authentication (none, basic user and
// password, bearer token), the TLS files and host name check, and "Test registry", which runs
// RegistryClient::testConnection asynchronously and says what came back beside the button.
// The section edits a profiles::RegistryProfile and its two secrets; saving is the manager's.

#include "profiles/connectionprofile.h"

#include <QGroupBox>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;

namespace edis::registry {
class RegistryClient;
}
namespace edis::widgets {
class DetailsLabel;
}

namespace edis::ui {

class RegistryProfileForm : public QGroupBox {
    Q_OBJECT
public:
    explicit RegistryProfileForm(QWidget *parent = nullptr);
    ~RegistryProfileForm() override;

    /// Shows the profile's registry (none: the section is unchecked and collapsed); the secret
    /// fields are emptied and a test in flight is dropped.
    void setRegistry(const std::optional<profiles::RegistryProfile> &registry);
    /// Fills in the secrets (from the keychain or an import) unless the user typed some.
    void setSecrets(const QString &secret, const QString &keyPassword);
    /// The registry as the fields show it; nullopt when the section is unchecked.
    std::optional<profiles::RegistryProfile> registry() const;
    QString secret() const;
    QString keyPassword() const;

    /// Tests the registry the fields describe; the result shows beside the button.
    void testRegistry();
    bool isTesting() const { return testClient_ != nullptr; }

Q_SIGNALS:
    /// A field changed (the manager checks the profile again).
    void changed();

private:
    void updateRows();
    void showTestResult(const QString &summary, const QString &details, bool ok);

    QWidget *body_;
    QFormLayout *form_;
    QLineEdit *url_;
    QComboBox *auth_;
    QLineEdit *username_;
    QLineEdit *secret_;
    QLineEdit *caFile_;
    QLineEdit *certFile_;
    QLineEdit *keyFile_;
    QLineEdit *keyPassword_;
    QCheckBox *verifyHostname_;
    QPushButton *testButton_;
    widgets::DetailsLabel *testResult_;
    /// The registry of the base profile, so that fields this form does not show (the request
    /// timeout) are kept.
    profiles::RegistryProfile base_;
    std::unique_ptr<registry::RegistryClient> testClient_;
    bool loading_ = false;
};

} // namespace edis::ui
