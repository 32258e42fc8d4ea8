#include "profiles/secretstore.h"

#include <qt6keychain/keychain.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace edis::profiles {

QByteArray serializeSecrets(const ProfileSecrets &secrets)
{
    QJsonObject props;
    for (const auto &[k, v] : secrets.properties) {
        props.insert(QString::fromStdString(k), QString::fromStdString(v));
    }
    QJsonObject o {{QStringLiteral("password"), secrets.password},
        {QStringLiteral("keyPassword"), secrets.keyPassword}, {QStringLiteral("properties"), props}};
    // Written only when set, so that entries of profiles without a registry stay as they were.
    if (!secrets.registrySecret.isEmpty()) {
        o.insert(QStringLiteral("registrySecret"), secrets.registrySecret);
    }
    if (!secrets.registryKeyPassword.isEmpty()) {
        o.insert(QStringLiteral("registryKeyPassword"), secrets.registryKeyPassword);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<ProfileSecrets> deserializeSecrets(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    ProfileSecrets s;
    s.password = o.value(QLatin1String("password")).toString();
    s.keyPassword = o.value(QLatin1String("keyPassword")).toString();
    s.registrySecret = o.value(QLatin1String("registrySecret")).toString();
    s.registryKeyPassword = o.value(QLatin1String("registryKeyPassword")).toString();
    const QJsonObject props = o.value(QLatin1String("properties")).toObject();
    for (auto it = props.begin(); it != props.end(); ++it) {
        s.properties[it.key().toStdString()] = it.value().toString().toStdString();
    }
    return s;
}

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , service_(std::move(service))
{
}

void SecretStore::setKeychainEnabled(bool enabled)
{
    keychainAvailable_ = enabled;
    keychainProblem_ = enabled ? QString() : tr("The keychain is turned off.");
}

void SecretStore::markUnavailable(const QString &reason)
{
    if (!keychainAvailable_) {
        return;
    }
    keychainAvailable_ = false;
    keychainProblem_ = reason;
    Q_EMIT keychainUnavailable(reason);
}

void SecretStore::read(const QString &profileId, ReadCallback done)
{
    if (const auto it = session_.constFind(profileId); it != session_.constEnd()) {
        done(*it);
        return;
    }
    if (!keychainAvailable_) {
        done(std::nullopt);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(service_, this);
    job->setKey(profileId);
    connect(job, &QKeychain::Job::finished, this, [this, job, profileId, done = std::move(done)] {
        if (job->error() == QKeychain::NoError) {
            auto secrets = deserializeSecrets(job->binaryData());
            if (secrets) {
                session_.insert(profileId, *secrets);
            }
            done(secrets);
            return;
        }
        if (job->error() == QKeychain::NoBackendAvailable || job->error() == QKeychain::AccessDenied
            || job->error() == QKeychain::OtherError) {
            markUnavailable(job->errorString());
        }
        done(std::nullopt); // EntryNotFound included: the user will be asked
    });
    job->start();
}

void SecretStore::write(const QString &profileId, const ProfileSecrets &secrets, WriteCallback done)
{
    session_.insert(profileId, secrets);
    if (!keychainAvailable_) {
        if (done) {
            done(false, keychainProblem_);
        }
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(service_, this);
    job->setKey(profileId);
    job->setBinaryData(serializeSecrets(secrets));
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        const bool ok = job->error() == QKeychain::NoError;
        if (!ok) {
            markUnavailable(job->errorString());
        }
        if (done) {
            done(ok, ok ? QString() : job->errorString());
        }
    });
    job->start();
}

void SecretStore::remove(const QString &profileId)
{
    session_.remove(profileId);
    if (!keychainAvailable_) {
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(service_, this);
    job->setKey(profileId);
    job->start();
}

} // namespace edis::profiles
