#include "dialogs/connectionmanager.h"

#include "cluster/connectiontester.h"
#include "detailslabel.h"
#include "dialogs/registryprofileform.h"
#include "profiles/profileimport.h"
#include "profiles/secretstore.h"
#include "util/filebounds.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace edis::ui {

using namespace profiles;
using namespace std::chrono_literals;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

std::map<std::string, std::string> parseProperties(const QString &text)
{
    std::map<std::string, std::string> out;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || eq <= 0) {
            continue;
        }
        out[line.left(eq).trimmed().toStdString()] = line.mid(eq + 1).trimmed().toStdString();
    }
    return out;
}

QString formatProperties(const std::map<std::string, std::string> &props)
{
    QStringList lines;
    for (const auto &[k, v] : props) {
        lines << QString::fromStdString(k) + QLatin1Char('=') + QString::fromStdString(v);
    }
    return lines.join(QLatin1Char('\n'));
}

QString kindName(BrokerKind kind)
{
    switch (kind) {
    case BrokerKind::Kafka:
        return ConnectionManager::tr("Apache Kafka");
    case BrokerKind::EventHubs:
        return ConnectionManager::tr("Azure Event Hubs (Kafka endpoint)");
    case BrokerKind::Redpanda:
        return ConnectionManager::tr("Redpanda");
    case BrokerKind::ConfluentCloud:
        return ConnectionManager::tr("Confluent Cloud");
    }
    return {};
}

QLineEdit *lineEdit(QWidget *parent, const char *objectName, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ConnectionManager::ConnectionManager(ProfileStore *store, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , store_(store)
    , secrets_(secrets)
    , tester_(new cluster::ConnectionTester(this))
    , list_(new QListWidget(this))
    , form_(new QFormLayout)
{
    setObjectName(QStringLiteral("connectionManager"));
    setWindowTitle(tr("Connections"));
    list_->setObjectName(QStringLiteral("profileList"));
    buildForm();

    auto *newButton = new QPushButton(tr("New"), this);
    newButton->setObjectName(QStringLiteral("newProfileButton"));
    auto *newMenu = new QMenu(newButton);
    for (BrokerKind kind :
        {BrokerKind::Kafka, BrokerKind::EventHubs, BrokerKind::Redpanda, BrokerKind::ConfluentCloud}) {
        newMenu->addAction(kindName(kind), this, [this, kind] { newProfile(kind); });
    }
    newButton->setMenu(newMenu);
    auto *duplicateButton = new QPushButton(tr("Duplicate"), this);
    auto *deleteButton = new QPushButton(tr("Delete"), this);
    deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    auto *importButton = new QPushButton(tr("Import"), this);
    auto *importMenu = new QMenu(importButton);
    importMenu->addAction(tr("Event Hubs connection string…"), this, &ConnectionManager::importEventHubs);
    importMenu->addAction(
        tr("Java client.properties…"), this, [this] { importFile(QStringLiteral("java")); });
    importMenu->addAction(
        tr("kcat / librdkafka config…"), this, [this] { importFile(QStringLiteral("kcat")); });
    importMenu->addAction(tr("EDIS connections file…"), this, [this] { importFile(QStringLiteral("edis")); });
    importButton->setMenu(importMenu);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    connect(duplicateButton, &QPushButton::clicked, this, &ConnectionManager::duplicateCurrent);
    connect(deleteButton, &QPushButton::clicked, this, &ConnectionManager::deleteCurrent);
    connect(exportButton, &QPushButton::clicked, this, &ConnectionManager::exportProfiles);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(list_, 1);
    auto *listButtons = new QHBoxLayout;
    for (QPushButton *b : {newButton, duplicateButton, deleteButton}) {
        listButtons->addWidget(b);
    }
    leftLayout->addLayout(listButtons);
    auto *fileButtons = new QHBoxLayout;
    fileButtons->addWidget(importButton);
    fileButtons->addWidget(exportButton);
    leftLayout->addLayout(fileButtons);

    // A notice, in the palette's tooltip colours: the backend's own words only under Details.
    keychainBanner_ = new widgets::DetailsLabel(QStringLiteral("keychainBanner"), this);
    keychainBanner_->setAutoFillBackground(true);
    keychainBanner_->setBackgroundRole(QPalette::ToolTipBase);
    keychainBanner_->setForegroundRole(QPalette::ToolTipText);
    keychainBanner_->summaryLabel()->setForegroundRole(QPalette::ToolTipText);
    keychainBanner_->setContentsMargins(6, 6, 6, 6);
    problems_ = new QLabel(this);
    problems_->setObjectName(QStringLiteral("profileProblems"));
    problems_->setWordWrap(true);
    problems_->setStyleSheet(QStringLiteral("QLabel { color: #a4262c; }"));
    testResult_ = new widgets::DetailsLabel(QStringLiteral("testResult"), this);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(keychainBanner_);
    rightLayout->addLayout(form_);
    rightLayout->addWidget(registry_);
    rightLayout->addWidget(problems_);
    rightLayout->addWidget(testResult_);
    rightLayout->addStretch(1);

    testButton_ = new QPushButton(tr("Test connection"), this);
    testButton_->setObjectName(QStringLiteral("testConnectionButton"));
    saveButton_ = new QPushButton(tr("Save"), this);
    saveButton_->setObjectName(QStringLiteral("saveProfileButton"));
    connectButton_ = new QPushButton(tr("Connect"), this);
    connectButton_->setObjectName(QStringLiteral("connectProfileButton"));
    connectButton_->setDefault(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(testButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(saveButton_, QDialogButtonBox::ApplyRole);
    buttons->addButton(connectButton_, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(testButton_, &QPushButton::clicked, this, &ConnectionManager::testConnection);
    connect(saveButton_, &QPushButton::clicked, this, &ConnectionManager::saveCurrent);
    connect(connectButton_, &QPushButton::clicked, this, [this] {
        if (saveCurrent()) {
            Q_EMIT connectRequested(editedProfile(), editedSecrets());
            accept();
        }
    });
    connect(tester_, &cluster::ConnectionTester::finished, this,
        [this](const kafka::KafkaError &error, const QString &summary) {
            testButton_->setEnabled(true);
            // The first sentence says what happened; librdkafka's own words go under Details.
            if (error) {
                testResult_->setMessage(QStringLiteral("✗ ") + error.message);
            } else {
                testResult_->setText(QStringLiteral("✓ ") + tr("Connected: %1").arg(summary));
            }
        });

    // Profiles with TLS and SASL have many rows: on a short screen the form scrolls, the
    // dialog's buttons stay in view.
    auto *rightScroll = new QScrollArea(this);
    rightScroll->setObjectName(QStringLiteral("profileFormScroll"));
    rightScroll->setFrameShape(QFrame::NoFrame);
    rightScroll->setWidgetResizable(true);
    rightScroll->setWidget(right);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(rightScroll);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, false);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 560});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    const auto showKeychainState = [this] {
        const QString problem = secrets_->keychainProblem().trimmed();
        keychainBanner_->setText(tr("Passwords cannot be saved on this computer, because no keychain is "
                                    "available. EDIS Studio keeps them for this session only and will ask "
                                    "for them again next time."),
            problem.isEmpty() ? QString() : tr("The keychain reported: %1").arg(problem));
        keychainBanner_->setVisible(!secrets_->keychainAvailable());
    };
    connect(secrets_, &SecretStore::keychainUnavailable, this, showKeychainState);
    showKeychainState();

    connect(list_, &QListWidget::currentRowChanged, this, [this] {
        const ConnectionProfile *p = store_->find(currentId());
        if (p) {
            showProfile(*p);
        }
    });
    reloadList({});
    resize(900, 600);
}

ConnectionManager::~ConnectionManager() = default;

void ConnectionManager::buildForm()
{
    kindLabel_ = new QLabel(this);
    name_ = lineEdit(this, "profileName", tr("e.g. Production"));
    bootstrap_ = lineEdit(this, "profileBootstrap", tr("host:port[,host:port…]"));
    protocol_ = new QComboBox(this);
    protocol_->setObjectName(QStringLiteral("profileProtocol"));
    for (SecurityProtocol p : {SecurityProtocol::Plaintext, SecurityProtocol::Ssl,
             SecurityProtocol::SaslPlaintext, SecurityProtocol::SaslSsl}) {
        protocol_->addItem(toString(p), static_cast<int>(p));
    }
    mechanism_ = new QComboBox(this);
    mechanism_->setObjectName(QStringLiteral("profileMechanism"));
    for (SaslMechanism m : {SaslMechanism::Plain, SaslMechanism::ScramSha256, SaslMechanism::ScramSha512,
             SaslMechanism::OAuthBearer, SaslMechanism::Gssapi}) {
        mechanism_->addItem(toString(m), static_cast<int>(m));
    }
    username_ = lineEdit(this, "profileUser");
    password_ = lineEdit(this, "profilePassword");
    password_->setEchoMode(QLineEdit::Password);
    oauthMode_ = new QComboBox(this);
    oauthMode_->addItem(tr("OIDC client credentials"), static_cast<int>(OAuthMode::OidcClientCredentials));
    oauthMode_->addItem(tr("Static token"), static_cast<int>(OAuthMode::StaticToken));
    tokenEndpoint_ = lineEdit(this, "profileTokenEndpoint", QStringLiteral("https://…/oauth2/token"));
    clientId_ = lineEdit(this, "profileClientId");
    scope_ = lineEdit(this, "profileScope");
    principal_ = lineEdit(this, "profilePrincipal", QStringLiteral("user@REALM"));
    keytab_ = lineEdit(this, "profileKeytab");
    caFile_ = lineEdit(this, "profileCaFile", tr("PEM file; empty: the system's CAs"));
    certFile_ = lineEdit(this, "profileCertFile", tr("PEM file, for mutual TLS"));
    keyFile_ = lineEdit(this, "profileKeyFile");
    keyPassword_ = lineEdit(this, "profileKeyPassword");
    keyPassword_->setEchoMode(QLineEdit::Password);
    verifyHostname_ = new QCheckBox(tr("Verify the broker's host name"), this);
    verifyHostname_->setObjectName(QStringLiteral("profileVerifyHostname"));
    extra_ = new QPlainTextEdit(this);
    extra_->setObjectName(QStringLiteral("profileProperties"));
    extra_->setPlaceholderText(tr("More librdkafka properties, one key=value per line"));
    extra_->setMaximumHeight(90);
    readOnly_ = new QCheckBox(tr("Read-only: turn off every action that changes the cluster"), this);
    readOnly_->setObjectName(QStringLiteral("profileReadOnly"));
    registry_ = new RegistryProfileForm(this);

    form_->addRow(tr("Broker:"), kindLabel_);
    form_->addRow(tr("&Name:"), name_);
    form_->addRow(tr("&Bootstrap servers:"), bootstrap_);
    form_->addRow(tr("&Security:"), protocol_);
    form_->addRow(tr("SASL &mechanism:"), mechanism_);
    form_->addRow(tr("&User:"), username_);
    form_->addRow(tr("&Password:"), password_);
    form_->addRow(tr("OAuth:"), oauthMode_);
    form_->addRow(tr("Token endpoint:"), tokenEndpoint_);
    form_->addRow(tr("Client id:"), clientId_);
    form_->addRow(tr("Scope:"), scope_);
    form_->addRow(tr("Kerberos principal:"), principal_);
    form_->addRow(tr("Keytab:"), keytab_);
    form_->addRow(tr("CA certificate:"), caFile_);
    form_->addRow(tr("Client certificate:"), certFile_);
    form_->addRow(tr("Client key:"), keyFile_);
    form_->addRow(tr("Key password:"), keyPassword_);
    form_->addRow(QString(), verifyHostname_);
    form_->addRow(tr("Properties:"), extra_);
    form_->addRow(QString(), readOnly_);

    const auto changed = [this] {
        if (!loading_) {
            updateFieldVisibility();
            updateProblems();
        }
    };
    for (QLineEdit *e : {name_, bootstrap_, username_, password_, tokenEndpoint_, clientId_, scope_,
             principal_, keytab_, caFile_, certFile_, keyFile_, keyPassword_}) {
        connect(e, &QLineEdit::textChanged, this, changed);
    }
    for (QComboBox *c : {protocol_, mechanism_, oauthMode_}) {
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    }
    connect(extra_, &QPlainTextEdit::textChanged, this, changed);
    connect(registry_, &RegistryProfileForm::changed, this, changed);
}

void ConnectionManager::setRow(QWidget *field, bool visible)
{
    form_->setRowVisible(field, visible);
}

void ConnectionManager::updateFieldVisibility()
{
    const ConnectionProfile p = editedProfile();
    const bool sasl = p.usesSasl();
    const bool userPassword = sasl
        && (p.mechanism == SaslMechanism::Plain || p.mechanism == SaslMechanism::ScramSha256
            || p.mechanism == SaslMechanism::ScramSha512);
    const bool oauth = sasl && p.mechanism == SaslMechanism::OAuthBearer;
    const bool oidc = oauth && p.oauthMode == OAuthMode::OidcClientCredentials;
    const bool kerberos = sasl && p.mechanism == SaslMechanism::Gssapi;
    setRow(mechanism_, sasl);
    setRow(username_, userPassword);
    setRow(password_, p.needsSecret());
    form_->labelForField(password_)->setProperty("text", p.secretLabel() + QLatin1Char(':'));
    setRow(oauthMode_, oauth);
    for (QWidget *w : {static_cast<QWidget *>(tokenEndpoint_), static_cast<QWidget *>(clientId_),
             static_cast<QWidget *>(scope_)}) {
        setRow(w, oidc);
    }
    setRow(principal_, kerberos);
    setRow(keytab_, kerberos);
    for (QWidget *w :
        {static_cast<QWidget *>(caFile_), static_cast<QWidget *>(certFile_), static_cast<QWidget *>(keyFile_),
            static_cast<QWidget *>(keyPassword_), static_cast<QWidget *>(verifyHostname_)}) {
        setRow(w, p.usesTls());
    }
}

void ConnectionManager::updateProblems()
{
    const QStringList problems = validate(editedProfile());
    problems_->setText(problems.join(QLatin1Char('\n')));
    for (QPushButton *b : {testButton_, saveButton_, connectButton_}) {
        b->setEnabled(problems.isEmpty() && !(b == testButton_ && tester_->isRunning()));
    }
}

QString ConnectionManager::currentId() const
{
    const auto *item = list_->currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

void ConnectionManager::reloadList(const QString &selectId)
{
    list_->clear();
    for (const auto &p : store_->profiles()) {
        auto *item = new QListWidgetItem(p.readOnly ? tr("%1 (read-only)").arg(p.name) : p.name, list_);
        item->setData(kIdRole, p.id);
        item->setToolTip(kindName(p.kind) + QStringLiteral(" — ") + p.bootstrapServers);
    }
    selectProfile(selectId);
}

void ConnectionManager::selectProfile(const QString &id)
{
    for (int row = 0; row < list_->count(); ++row) {
        if (list_->item(row)->data(kIdRole).toString() == id) {
            list_->setCurrentRow(row);
            return;
        }
    }
    if (list_->count() > 0) {
        list_->setCurrentRow(0);
    } else {
        newProfile(BrokerKind::Kafka);
    }
}

void ConnectionManager::showProfile(const ConnectionProfile &p)
{
    loading_ = true;
    editing_ = p;
    editingId_ = p.id;
    kindLabel_->setText(kindName(p.kind));
    name_->setText(p.name);
    bootstrap_->setText(p.bootstrapServers);
    protocol_->setCurrentIndex(protocol_->findData(static_cast<int>(p.security)));
    mechanism_->setCurrentIndex(mechanism_->findData(static_cast<int>(p.mechanism)));
    username_->setText(p.username);
    password_->clear();
    keyPassword_->clear();
    oauthMode_->setCurrentIndex(oauthMode_->findData(static_cast<int>(p.oauthMode)));
    tokenEndpoint_->setText(p.oauthTokenEndpoint);
    clientId_->setText(p.oauthClientId);
    scope_->setText(p.oauthScope);
    principal_->setText(p.kerberosPrincipal);
    keytab_->setText(p.kerberosKeytab);
    caFile_->setText(p.caFile);
    certFile_->setText(p.certFile);
    keyFile_->setText(p.keyFile);
    verifyHostname_->setChecked(p.verifyHostname);
    extra_->setPlainText(formatProperties(p.extraProperties));
    readOnly_->setChecked(p.readOnly);
    registry_->setRegistry(p.registry);
    testResult_->clear();
    loading_ = false;
    updateFieldVisibility();
    updateProblems();
    // Fill in the stored secrets when the keychain has them (asynchronously).
    const QString id = p.id;
    secrets_->read(id, [this, id](std::optional<ProfileSecrets> s) {
        if (s && id == editingId_ && password_->text().isEmpty()) {
            password_->setText(s->password);
            keyPassword_->setText(s->keyPassword);
            registry_->setSecrets(s->registrySecret, s->registryKeyPassword);
            QMap<QString, QString> merged;
            for (const auto &[k, v] : editing_.extraProperties) {
                merged.insert(QString::fromStdString(k), QString::fromStdString(v));
            }
            for (const auto &[k, v] : s->properties) {
                merged.insert(QString::fromStdString(k), QString::fromStdString(v));
            }
            std::map<std::string, std::string> all;
            for (auto it = merged.cbegin(); it != merged.cend(); ++it) {
                all[it.key().toStdString()] = it.value().toStdString();
            }
            extra_->setPlainText(formatProperties(all));
        }
    });
}

ConnectionProfile ConnectionManager::editedProfile() const
{
    ConnectionProfile p = editing_;
    p.name = name_->text().trimmed();
    p.bootstrapServers = bootstrap_->text().trimmed();
    p.security = static_cast<SecurityProtocol>(protocol_->currentData().toInt());
    p.mechanism = static_cast<SaslMechanism>(mechanism_->currentData().toInt());
    p.username = username_->text().trimmed();
    p.oauthMode = static_cast<OAuthMode>(oauthMode_->currentData().toInt());
    p.oauthTokenEndpoint = tokenEndpoint_->text().trimmed();
    p.oauthClientId = clientId_->text().trimmed();
    p.oauthScope = scope_->text().trimmed();
    p.kerberosPrincipal = principal_->text().trimmed();
    p.kerberosKeytab = keytab_->text().trimmed();
    p.caFile = caFile_->text().trimmed();
    p.certFile = certFile_->text().trimmed();
    p.keyFile = keyFile_->text().trimmed();
    p.verifyHostname = verifyHostname_->isChecked();
    p.extraProperties = parseProperties(extra_->toPlainText());
    p.readOnly = readOnly_->isChecked();
    p.registry = registry_->registry();
    ProfileSecrets ignored;
    moveSecretProperties(p, ignored);
    return p;
}

ProfileSecrets ConnectionManager::editedSecrets() const
{
    ProfileSecrets s;
    s.password = password_->text();
    s.keyPassword = keyPassword_->text();
    s.registrySecret = registry_->secret();
    s.registryKeyPassword = registry_->keyPassword();
    ConnectionProfile withSecrets = editing_;
    withSecrets.extraProperties = parseProperties(extra_->toPlainText());
    moveSecretProperties(withSecrets, s);
    return s;
}

bool ConnectionManager::saveCurrent()
{
    const ConnectionProfile p = store_->upsert(editedProfile());
    editing_ = p;
    editingId_ = p.id;
    const ProfileSecrets s = editedSecrets();
    if (s != ProfileSecrets()) {
        secrets_->write(p.id, s);
    }
    QString error;
    if (!store_->save(&error)) {
        QMessageBox::warning(this, tr("Connections"), error);
        return false;
    }
    reloadList(p.id);
    return true;
}

void ConnectionManager::testConnection()
{
    testButton_->setEnabled(false);
    testResult_->setText(tr("Testing %1…").arg(bootstrap_->text().trimmed()));
    tester_->start(toConnectionSettings(editedProfile(), editedSecrets()), 10s);
}

void ConnectionManager::addProfile(
    const ConnectionProfile &profile, const ProfileSecrets &secrets, const QStringList &warnings)
{
    list_->blockSignals(true);
    list_->clearSelection();
    list_->setCurrentRow(-1);
    list_->blockSignals(false);
    showProfile(profile);
    loading_ = true;
    password_->setText(secrets.password);
    keyPassword_->setText(secrets.keyPassword);
    registry_->setSecrets(secrets.registrySecret, secrets.registryKeyPassword);
    std::map<std::string, std::string> all = profile.extraProperties;
    all.insert(secrets.properties.cbegin(), secrets.properties.cend());
    extra_->setPlainText(formatProperties(all));
    loading_ = false;
    updateProblems();
    if (!warnings.isEmpty()) {
        testResult_->setText(warnings.join(QLatin1Char('\n')));
    }
    name_->setFocus();
}

void ConnectionManager::newProfile(BrokerKind kind)
{
    addProfile(preset(kind), {});
}

void ConnectionManager::duplicateCurrent()
{
    const ConnectionProfile copy = store_->duplicate(currentId());
    if (!copy.id.isEmpty()) {
        QString error;
        store_->save(&error);
        reloadList(copy.id);
    }
}

void ConnectionManager::deleteCurrent()
{
    const ConnectionProfile *p = store_->find(currentId());
    if (!p
        || QMessageBox::question(
               this, tr("Delete connection"), tr("Delete the connection '%1'?").arg(p->name))
            != QMessageBox::Yes) {
        return;
    }
    const QString id = p->id;
    store_->remove(id);
    secrets_->remove(id);
    QString error;
    if (!store_->save(&error)) {
        QMessageBox::warning(this, tr("Connections"), error);
    }
    reloadList({});
}

void ConnectionManager::importEventHubs()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Azure Event Hubs"),
        tr("Namespace connection string (Shared access policies → "
           "Connection string–primary key):"),
        QLineEdit::Password, {}, &ok);
    if (!ok || text.isEmpty()) {
        return;
    }
    const ImportedProfile r = fromEventHubsConnectionString(text);
    if (!r.ok()) {
        QMessageBox::warning(this, tr("Azure Event Hubs"), r.error);
        return;
    }
    addProfile(r.profile, r.secrets, r.warnings);
}

void ConnectionManager::importFile(const QString &kind)
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import connection"));
    if (file.isEmpty()) {
        return;
    }
    if (kind == QLatin1String("edis")) {
        QString error;
        const auto imported = ProfileStore::importFrom(file, &error);
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Import"), error);
            return;
        }
        for (const auto &p : imported) {
            store_->upsert(p);
        }
        store_->save(&error);
        reloadList(imported.isEmpty() ? QString() : imported.first().id);
        return;
    }
    const util::BoundedFile in = util::readBoundedFile(file, util::kConnectionSettingsFileBound);
    if (!in.ok()) {
        QMessageBox::warning(this, tr("Import"), in.error);
        return;
    }
    const QString text = QString::fromUtf8(in.bytes);
    const ImportedProfile r = kind == QLatin1String("java") ? fromJavaProperties(text) : fromKcatConfig(text);
    if (!r.ok()) {
        QMessageBox::warning(this, tr("Import"), r.error);
        return;
    }
    addProfile(r.profile, r.secrets, r.warnings);
}

void ConnectionManager::exportProfiles()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export connections"), QStringLiteral("connections.json"), tr("EDIS connections (*.json)"));
    if (file.isEmpty()) {
        return;
    }
    QString error;
    if (!ProfileStore::exportTo(file, store_->profiles(), &error)) {
        QMessageBox::warning(this, tr("Export"), error);
    }
}

} // namespace edis::ui
