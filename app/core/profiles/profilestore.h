#pragma once

#include "profiles/connectionprofile.h"

#include <QList>
#include <QString>

namespace edis::profiles {

/// The user's connection profiles — Kafka clusters and RabbitMQ nodes — kept in one JSON file
/// that never holds a secret. Saves are atomic (QSaveFile): a crash or a full disk leaves the
/// previous file intact.
class ProfileStore {
public:
    /// The default file: connections.json in the application's config directory.
    static QString defaultPath();

    explicit ProfileStore(QString path = defaultPath());

    const QString &path() const { return path_; }
    /// Reads the file; a missing file is an empty store. On error the store is left unchanged.
    bool load(QString *error);
    bool save(QString *error) const;

    const QList<ConnectionProfile> &profiles() const { return profiles_; }
    const ConnectionProfile *find(const QString &idOrName) const;
    /// Adds or replaces (by id) a profile; gives it an id when it has none.
    ConnectionProfile upsert(ConnectionProfile profile);
    bool remove(const QString &id);
    /// A copy with a new id and a "(copy)" name.
    ConnectionProfile duplicate(const QString &id);
    void markUsed(const QString &id, qint64 nowMs);
    /// The most recently used profiles first (never-used ones are left out).
    QList<ConnectionProfile> recent(int max) const;

    /// The saved RabbitMQ nodes, in the order added.
    const QList<RabbitProfile> &rabbitProfiles() const { return rabbitProfiles_; }
    const RabbitProfile *findRabbit(const QString &idOrName) const;
    /// Adds or replaces (by id) a RabbitMQ profile; gives it an id when it has none.
    RabbitProfile upsertRabbit(RabbitProfile profile);
    bool removeRabbit(const QString &id);
    void markRabbitUsed(const QString &id, qint64 nowMs);

    /// Export/import of profiles for sharing (secrets are never included).
    static bool exportTo(const QString &file, const QList<ConnectionProfile> &profiles, QString *error);
    /// Reads profiles written by exportTo; they get fresh ids so they never overwrite existing ones.
    static QList<ConnectionProfile> importFrom(const QString &file, QString *error);

private:
    QString path_;
    QList<ConnectionProfile> profiles_;
    QList<RabbitProfile> rabbitProfiles_;
};

} // namespace edis::profiles
