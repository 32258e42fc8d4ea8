#include "profiles/profilestore.h"

#include "util/filebounds.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace edis::profiles {

namespace {

constexpr int kFormatVersion = 1;
const QLatin1String kFormat("edis-connections");

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::profiles::ProfileStore", text);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool writeJson(const QString &file, const QList<ConnectionProfile> &profiles, QString *error,
    const QList<RabbitProfile> &rabbitProfiles = {})
{
    QJsonArray array;
    for (const auto &p : profiles) {
        array.append(toJson(p));
    }
    QJsonObject root {{QStringLiteral("format"), kFormat}, {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("profiles"), array}};
    if (!rabbitProfiles.isEmpty()) {
        QJsonArray rabbit;
        for (const auto &p : rabbitProfiles) {
            rabbit.append(toJson(p));
        }
        root.insert(QStringLiteral("rabbitmq"), rabbit);
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!out.commit()) {
        *error = tr("Cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

/// Parses a profiles file; returns false with a message naming the file and the problem.
bool readJson(const QString &file, QList<ConnectionProfile> *profiles, QString *error,
    QList<RabbitProfile> *rabbitProfiles = nullptr)
{
    const util::BoundedFile in = util::readBoundedFile(file, util::kConnectionProfilesFileBound);
    if (!in.ok()) {
        *error = in.error;
        return false;
    }
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(in.bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = tr("%1 is not a connections file (%2 at byte %3).")
                     .arg(file, parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != kFormat) {
        *error = tr("%1 is not an EDIS Studio connections file.").arg(file);
        return false;
    }
    if (root.value(QLatin1String("version")).toInt() > kFormatVersion) {
        *error = tr("%1 was written by a newer EDIS Studio (format %2); this version reads format %3.")
                     .arg(file)
                     .arg(root.value(QLatin1String("version")).toInt())
                     .arg(kFormatVersion);
        return false;
    }
    profiles->clear();
    for (const auto &v : root.value(QLatin1String("profiles")).toArray()) {
        profiles->append(profileFromJson(v.toObject()));
    }
    if (rabbitProfiles) {
        rabbitProfiles->clear();
        for (const auto &v : root.value(QLatin1String("rabbitmq")).toArray()) {
            rabbitProfiles->append(rabbitProfileFromJson(v.toObject()));
        }
    }
    return true;
}

} // namespace

QString ProfileStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/connections.json");
}

ProfileStore::ProfileStore(QString path)
    : path_(std::move(path))
{
}

bool ProfileStore::load(QString *error)
{
    if (!QFile::exists(path_)) {
        profiles_.clear();
        rabbitProfiles_.clear();
        return true;
    }
    QList<ConnectionProfile> loaded;
    QList<RabbitProfile> loadedRabbit;
    if (!readJson(path_, &loaded, error, &loadedRabbit)) {
        return false;
    }
    profiles_ = std::move(loaded);
    rabbitProfiles_ = std::move(loadedRabbit);
    return true;
}

bool ProfileStore::save(QString *error) const
{
    return writeJson(path_, profiles_, error, rabbitProfiles_);
}

const RabbitProfile *ProfileStore::findRabbit(const QString &idOrName) const
{
    const auto it = std::find_if(rabbitProfiles_.cbegin(), rabbitProfiles_.cend(),
        [&](const RabbitProfile &p) { return p.id == idOrName || p.name == idOrName; });
    return it == rabbitProfiles_.cend() ? nullptr : &*it;
}

RabbitProfile ProfileStore::upsertRabbit(RabbitProfile profile)
{
    if (profile.id.isEmpty()) {
        profile.id = newId();
    }
    const auto it = std::find_if(rabbitProfiles_.begin(), rabbitProfiles_.end(),
        [&](const RabbitProfile &p) { return p.id == profile.id; });
    if (it != rabbitProfiles_.end()) {
        *it = profile;
    } else {
        rabbitProfiles_.append(profile);
    }
    return profile;
}

bool ProfileStore::removeRabbit(const QString &id)
{
    return rabbitProfiles_.removeIf([&](const RabbitProfile &p) { return p.id == id; }) > 0;
}

void ProfileStore::markRabbitUsed(const QString &id, qint64 nowMs)
{
    for (auto &p : rabbitProfiles_) {
        if (p.id == id) {
            p.lastUsedMs = nowMs;
        }
    }
}

const ConnectionProfile *ProfileStore::find(const QString &idOrName) const
{
    const auto it = std::find_if(profiles_.cbegin(), profiles_.cend(),
        [&](const ConnectionProfile &p) { return p.id == idOrName || p.name == idOrName; });
    return it == profiles_.cend() ? nullptr : &*it;
}

ConnectionProfile ProfileStore::upsert(ConnectionProfile profile)
{
    if (profile.id.isEmpty()) {
        profile.id = newId();
    }
    const auto it = std::find_if(
        profiles_.begin(), profiles_.end(), [&](const ConnectionProfile &p) { return p.id == profile.id; });
    if (it != profiles_.end()) {
        *it = profile;
    } else {
        profiles_.append(profile);
    }
    return profile;
}

bool ProfileStore::remove(const QString &id)
{
    return profiles_.removeIf([&](const ConnectionProfile &p) { return p.id == id; }) > 0;
}

ConnectionProfile ProfileStore::duplicate(const QString &id)
{
    const ConnectionProfile *original = find(id);
    if (!original) {
        return {};
    }
    ConnectionProfile copy = *original;
    copy.id = newId();
    copy.name = tr("%1 (copy)").arg(original->name);
    copy.lastUsedMs = 0;
    profiles_.append(copy);
    return copy;
}

void ProfileStore::markUsed(const QString &id, qint64 nowMs)
{
    for (auto &p : profiles_) {
        if (p.id == id) {
            p.lastUsedMs = nowMs;
        }
    }
}

QList<ConnectionProfile> ProfileStore::recent(int max) const
{
    QList<ConnectionProfile> used;
    std::copy_if(profiles_.cbegin(), profiles_.cend(), std::back_inserter(used),
        [](const ConnectionProfile &p) { return p.lastUsedMs > 0; });
    std::sort(used.begin(), used.end(),
        [](const ConnectionProfile &a, const ConnectionProfile &b) { return a.lastUsedMs > b.lastUsedMs; });
    return used.mid(0, max);
}

bool ProfileStore::exportTo(const QString &file, const QList<ConnectionProfile> &profiles, QString *error)
{
    return writeJson(file, profiles, error);
}

QList<ConnectionProfile> ProfileStore::importFrom(const QString &file, QString *error)
{
    QList<ConnectionProfile> profiles;
    if (!readJson(file, &profiles, error)) {
        return {};
    }
    for (auto &p : profiles) {
        p.id = newId();
        p.lastUsedMs = 0;
    }
    return profiles;
}

} // namespace edis::profiles
