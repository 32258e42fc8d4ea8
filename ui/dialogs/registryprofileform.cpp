#include "dialogs/registryprofileform.h"

#include "detailslabel.h"
#include "registry/registryclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace edis::ui {

using registry::RegistryAuth;

namespace {

QLineEdit *lineEdit(QWidget *parent, const char *objectName, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

RegistryProfileForm::RegistryProfileForm(QWidget *parent)
    : QGroupBox(tr("Schema Registry"), parent)
    , body_(new QWidget(this))
    , form_(new QFormLayout)
    , url_(lineEdit(body_, "registryUrl", QStringLiteral("https://registry:8081")))
    , auth_(new QComboBox(body_))
    , username_(lineEdit(body_, "registryUser"))
    , secret_(lineEdit(body_, "registrySecret"))
    , caFile_(lineEdit(body_, "registryCaFile", tr("PEM file; empty: the system's CAs")))
    , certFile_(lineEdit(body_, "registryCertFile", tr("PEM file, for mutual TLS")))
    , keyFile_(lineEdit(body_, "registryKeyFile"))
    , keyPassword_(lineEdit(body_, "registryKeyPassword"))
    , verifyHostname_(new QCheckBox(tr("Verify the registry's host name"), body_))
    , testButton_(new QPushButton(tr("Test registry"), body_))
    , testResult_(new widgets::DetailsLabel(QStringLiteral("registryTestResult"), body_))
{
    setObjectName(QStringLiteral("registrySection"));
    setCheckable(true);
    setChecked(false);
    setToolTip(tr("Decode Avro, Protobuf and JSON Schema records with the schemas of this "
                  "cluster's Schema Registry"));
    url_->setToolTip(tr("The API's base URL; for Apicurio, …/apis/ccompat/v7"));
    auth_->setObjectName(QStringLiteral("registryAuth"));
    auth_->addItem(tr("None"), static_cast<int>(RegistryAuth::None));
    auth_->addItem(tr("Basic (user and password)"), static_cast<int>(RegistryAuth::Basic));
    auth_->addItem(tr("Bearer token"), static_cast<int>(RegistryAuth::Bearer));
    secret_->setEchoMode(QLineEdit::Password);
    keyPassword_->setEchoMode(QLineEdit::Password);
    verifyHostname_->setObjectName(QStringLiteral("registryVerifyHostname"));
    verifyHostname_->setChecked(true);
    testButton_->setObjectName(QStringLiteral("testRegistryButton"));

    form_->addRow(tr("&URL:"), url_);
    form_->addRow(tr("Authentication:"), auth_);
    form_->addRow(tr("User:"), username_);
    form_->addRow(tr("Password:"), secret_);
    form_->addRow(tr("CA certificate:"), caFile_);
    form_->addRow(tr("Client certificate:"), certFile_);
    form_->addRow(tr("Client key:"), keyFile_);
    form_->addRow(tr("Key password:"), keyPassword_);
    form_->addRow(QString(), verifyHostname_);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(testButton_, 0, Qt::AlignTop);
    testRow->addWidget(testResult_, 1);
    form_->addRow(QString(), testRow);
    auto *bodyLayout = new QVBoxLayout(body_);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(form_);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(body_);
    body_->setVisible(false);

    const auto edited = [this] {
        if (!loading_) {
            updateRows();
            Q_EMIT changed();
        }
    };
    for (QLineEdit *e : {url_, username_, secret_, caFile_, certFile_, keyFile_, keyPassword_}) {
        connect(e, &QLineEdit::textChanged, this, edited);
    }
    connect(auth_, &QComboBox::currentIndexChanged, this, edited);
    connect(verifyHostname_, &QCheckBox::toggled, this, edited);
    // Unchecked, the section is its title only: the dialog stays short for clusters without one.
    connect(this, &QGroupBox::toggled, this, [this, edited](bool on) {
        body_->setVisible(on);
        edited();
    });
    connect(testButton_, &QPushButton::clicked, this, &RegistryProfileForm::testRegistry);
    updateRows();
}

RegistryProfileForm::~RegistryProfileForm() = default;

void RegistryProfileForm::updateRows()
{
    const auto auth = static_cast<RegistryAuth>(auth_->currentData().toInt());
    form_->setRowVisible(username_, auth == RegistryAuth::Basic);
    form_->setRowVisible(secret_, auth != RegistryAuth::None);
    if (auto *label = form_->labelForField(secret_)) {
        label->setProperty("text", auth == RegistryAuth::Bearer ? tr("Token:") : tr("Password:"));
    }
    testButton_->setEnabled(!isTesting() && !url_->text().trimmed().isEmpty());
}

void RegistryProfileForm::setRegistry(const std::optional<profiles::RegistryProfile> &registry)
{
    loading_ = true;
    testClient_.reset(); // its callback does not run any more
    base_ = registry.value_or(profiles::RegistryProfile {});
    setChecked(registry.has_value());
    body_->setVisible(registry.has_value());
    url_->setText(base_.url);
    auth_->setCurrentIndex(auth_->findData(static_cast<int>(base_.auth)));
    username_->setText(base_.username);
    secret_->clear();
    caFile_->setText(base_.caFile);
    certFile_->setText(base_.certFile);
    keyFile_->setText(base_.keyFile);
    keyPassword_->clear();
    verifyHostname_->setChecked(base_.verifyHostname);
    testResult_->clear();
    loading_ = false;
    updateRows();
}

void RegistryProfileForm::setSecrets(const QString &secret, const QString &keyPassword)
{
    if (secret_->text().isEmpty()) {
        secret_->setText(secret);
    }
    if (keyPassword_->text().isEmpty()) {
        keyPassword_->setText(keyPassword);
    }
}

std::optional<profiles::RegistryProfile> RegistryProfileForm::registry() const
{
    if (!isChecked()) {
        return std::nullopt;
    }
    profiles::RegistryProfile r = base_;
    r.url = url_->text().trimmed();
    r.auth = static_cast<RegistryAuth>(auth_->currentData().toInt());
    r.username = r.auth == RegistryAuth::Basic ? username_->text().trimmed() : QString();
    r.caFile = caFile_->text().trimmed();
    r.certFile = certFile_->text().trimmed();
    r.keyFile = keyFile_->text().trimmed();
    r.verifyHostname = verifyHostname_->isChecked();
    return r;
}

QString RegistryProfileForm::secret() const
{
    return isChecked() && static_cast<RegistryAuth>(auth_->currentData().toInt()) != RegistryAuth::None
        ? secret_->text()
        : QString();
}

QString RegistryProfileForm::keyPassword() const
{
    return isChecked() ? keyPassword_->text() : QString();
}

void RegistryProfileForm::testRegistry()
{
    const auto r = registry();
    if (!r) {
        return;
    }
    profiles::ConnectionProfile holder;
    holder.registry = r;
    profiles::ProfileSecrets secrets;
    secrets.registrySecret = secret();
    secrets.registryKeyPassword = keyPassword();
    testClient_ = std::make_unique<registry::RegistryClient>(*profiles::toRegistrySettings(holder, secrets));
    testResult_->setText(tr("Testing %1…").arg(testClient_->endpoint()));
    updateRows();
    // The client calls back from the event loop, never from inside the call; resetting it (a
    // new test, another profile, the dialog closing) aborts the request and drops the callback.
    testClient_->testConnection([this](const registry::Result<registry::ConnectionCheck> &result) {
        if (result.ok()) {
            showTestResult(tr("Connected: %1.").arg(result.value().summary), {}, true);
        } else {
            showTestResult(result.error().message, result.error().detail, false);
        }
        // Not from inside the client's own callback: it is deleted once this returns.
        QMetaObject::invokeMethod(
            this,
            [this, client = testClient_.get()] {
                if (testClient_.get() == client) {
                    testClient_.reset();
                    updateRows();
                }
            },
            Qt::QueuedConnection);
    });
}

void RegistryProfileForm::showTestResult(const QString &summary, const QString &details, bool ok)
{
    testResult_->setText((ok ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + summary, details);
}

} // namespace edis::ui
