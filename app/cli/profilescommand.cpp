// edis profiles: the connections saved by EDIS Studio's connection manager, for --profile.

#include "clicommon.h"
#include "profiles/profileimport.h"
#include "profiles/profilestore.h"
#include "util/filebounds.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis profiles", text);
}

} // namespace

int runProfiles(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List and import saved connections (secrets stay in the keychain)."));
    parser.addOptions({
        {QStringLiteral("list"), tr("List the saved connections.")},
        {QStringLiteral("import-properties"), tr("Save a connection from a Java client.properties file."),
            QStringLiteral("file")},
        {QStringLiteral("import-kcat"), tr("Save a connection from a kcat/librdkafka config file."),
            QStringLiteral("file")},
        {QStringLiteral("name"), tr("Name for an imported connection."), QStringLiteral("name")},
        {QStringLiteral("json"), tr("Machine-readable output.")},
    });
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    profiles::ProfileStore store;
    QString error;
    if (!store.load(&error)) {
        printError(error);
        return ExitFailure;
    }
    const QString importFile = parser.isSet(QStringLiteral("import-properties"))
        ? parser.value(QStringLiteral("import-properties"))
        : parser.value(QStringLiteral("import-kcat"));
    if (!importFile.isEmpty()) {
        const util::BoundedFile in = util::readBoundedFile(importFile, util::kConnectionSettingsFileBound);
        if (!in.ok()) {
            printError(in.error);
            // As `pipeline import` does for a file over its bound; a missing file as before.
            return in.failure == util::BoundedFile::Failure::TooLarge ? ExitFailure : ExitNotFound;
        }
        const QString text = QString::fromUtf8(in.bytes);
        profiles::ImportedProfile imported = parser.isSet(QStringLiteral("import-properties"))
            ? profiles::fromJavaProperties(text)
            : profiles::fromKcatConfig(text);
        if (!imported.ok()) {
            printError(imported.error);
            return ExitFailure;
        }
        for (const QString &w : imported.warnings) {
            printError(tr("warning: %1").arg(w));
        }
        if (parser.isSet(QStringLiteral("name"))) {
            imported.profile.name = parser.value(QStringLiteral("name"));
        }
        if (imported.secrets != profiles::ProfileSecrets()) {
            printError(
                tr("warning: the file's secrets were not saved; store them with EDIS Studio's connection "
                   "manager or pass EDIS_SECRET."));
        }
        const auto saved = store.upsert(imported.profile);
        if (!store.save(&error)) {
            printError(error);
            return ExitFailure;
        }
        printOut(saved.name);
        return ExitOk;
    }
    if (!parser.isSet(QStringLiteral("list"))) {
        printError(tr("Give --list, --import-properties FILE or --import-kcat FILE."));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &p : store.profiles()) {
            out.push_back({{"id", p.id.toStdString()}, {"name", p.name.toStdString()},
                {"kind", profiles::toString(p.kind).toStdString()},
                {"bootstrap_servers", p.bootstrapServers.toStdString()},
                {"security_protocol", profiles::toString(p.security).toStdString()},
                {"read_only", p.readOnly}});
        }
        printOut(QString::fromStdString(out.dump()));
        return ExitOk;
    }
    for (const auto &p : store.profiles()) {
        printOut(QStringLiteral("%1\t%2\t%3%4")
                     .arg(p.name, p.bootstrapServers, profiles::toString(p.security),
                         p.readOnly ? QStringLiteral("\tread-only") : QString()));
    }
    return ExitOk;
}

} // namespace edis::cli
