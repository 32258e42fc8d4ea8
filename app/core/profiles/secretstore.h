#pragma once

#include "profiles/connectionprofile.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

namespace edis::profiles {

/// Where profile secrets live: the OS keychain (Secret Service / KWallet on Linux, Keychain on
/// macOS, Credential Manager on Windows) through qtkeychain. Calls are asynchronous and never
/// block the caller's thread. Secrets are also kept in memory for the session, so when no
/// keychain is available the store keeps working and the user is asked once per session.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadCallback = std::function<void(std::optional<ProfileSecrets> secrets)>;
    using WriteCallback = std::function<void(bool persisted, const QString &problem)>;

    /// `service` names the entry in the keychain; tests use their own.
    explicit SecretStore(QString service = QStringLiteral("EDIS Studio"), QObject *parent = nullptr);

    /// Whether secrets outlive the session: false once the keychain was found unusable.
    bool keychainAvailable() const { return keychainAvailable_; }
    QString keychainProblem() const { return keychainProblem_; }
    /// Skips the keychain (for tests and for users who turn it off).
    void setKeychainEnabled(bool enabled);

    /// The secrets of a profile; nullopt when none are known (the UI then asks the user).
    void read(const QString &profileId, ReadCallback done);
    void write(const QString &profileId, const ProfileSecrets &secrets, WriteCallback done = {});
    void remove(const QString &profileId);

Q_SIGNALS:
    /// Emitted once when the keychain turns out to be unusable, with the reason.
    void keychainUnavailable(const QString &reason);

private:
    void markUnavailable(const QString &reason);

    QString service_;
    bool keychainAvailable_ = true;
    QString keychainProblem_;
    QHash<QString, ProfileSecrets> session_;
};

QByteArray serializeSecrets(const ProfileSecrets &secrets);
std::optional<ProfileSecrets> deserializeSecrets(const QByteArray &bytes);

} // namespace edis::profiles
