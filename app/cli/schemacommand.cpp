// `edis schema`: a Schema Registry from the command line. Subjects, versions and schemas; register
// a schema after the registry's compatibility check; check a draft against a subject (the
// registry's verdict with the semantic diff beside it); diff two versions; read or set the
// compatibility level; soft and permanent delete. The registry client is asynchronous: each
// request runs the event loop until its answer.

#include "clicommon.h"
#include "registry/registryclient.h"
#include "registryoptions.h"
#include "report.h"
#include "schemadiff.h"
#include "schemalimits.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

namespace edis::cli {

namespace {

using nlohmann::ordered_json;
using registry::RegistryError;
using registry::Result;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis schema", text);
}

/// Runs one asynchronous registry request to its answer.
template <typename T, typename Call>
Result<T> await(Call call)
{
    return awaitAnswer<Result<T>>(std::move(call));
}

int exitCodeFor(const RegistryError &error)
{
    using Kind = RegistryError::Kind;
    switch (error.kind) {
    case Kind::ConnectionRefused:
    case Kind::HostNotFound:
    case Kind::Timeout:
    case Kind::Tls:
    case Kind::Network:
    case Kind::Unauthorized:
    case Kind::Forbidden:
    case Kind::NotARegistry:
        return ExitConnection;
    case Kind::InvalidSettings:
        return ExitUsage;
    case Kind::Incompatible:
        return ExitIncompatible;
    case Kind::InvalidSchema:
        return ExitBadInput;
    default:
        return error.isNotFound() ? ExitNotFound : ExitFailure;
    }
}

int fail(const QString &context, const RegistryError &error)
{
    const bool detailAdds = !error.detail.isEmpty() && !error.message.contains(error.detail);
    printError(context + QStringLiteral(": ") + error.message
        + (detailAdds ? QStringLiteral(" (") + error.detail + QLatin1Char(')') : QString()));
    return exitCodeFor(error);
}

void printJson(const ordered_json &value)
{
    printOut(QString::fromStdString(value.dump(2)));
}

ordered_json toJson(const registry::Schema &schema)
{
    ordered_json refs = ordered_json::array();
    for (const auto &ref : schema.references) {
        refs.push_back({{"name", ref.name.toStdString()}, {"subject", ref.subject.toStdString()},
            {"version", ref.version}});
    }
    return {{"subject", schema.subject.toStdString()}, {"version", schema.version}, {"id", schema.id},
        {"schemaType", registry::toString(schema.type).toStdString()}, {"references", refs},
        {"schema", schema.text.toStdString()}};
}

schemadiff::SchemaFormat formatOf(registry::SchemaType type)
{
    switch (type) {
    case registry::SchemaType::Protobuf:
        return schemadiff::SchemaFormat::Protobuf;
    case registry::SchemaType::Json:
        return schemadiff::SchemaFormat::JsonSchema;
    case registry::SchemaType::Avro:
        break;
    }
    return schemadiff::SchemaFormat::Avro;
}

/// A version argument: a number or "latest".
std::optional<int> parseVersion(const QString &text)
{
    if (text.isEmpty() || text.compare(QLatin1String("latest"), Qt::CaseInsensitive) == 0) {
        return registry::kLatestVersion;
    }
    bool ok = false;
    const int version = text.toInt(&ok);
    return ok && version > 0 ? std::optional<int>(version) : std::nullopt;
}

/// Reads a schema file ("-" for standard input), refusing one past kMaxSchemaChars.
std::optional<QString> readSchemaFile(const QString &path, QString *error)
{
    QFile file;
    const bool stdinInput = path == QLatin1String("-");
    const bool opened = stdinInput ? file.open(stdin, QIODevice::ReadOnly) : [&] {
        file.setFileName(path);
        return file.open(QIODevice::ReadOnly);
    }();
    if (!opened) {
        *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.read(schemadiff::kMaxSchemaChars + 1);
    if (bytes.size() > schemadiff::kMaxSchemaChars) {
        *error = tr("%1 is larger than %2 MiB; a schema that large is refused")
                     .arg(stdinInput ? tr("standard input") : path)
                     .arg(schemadiff::kMaxSchemaChars / (qsizetype {1024} * 1024));
        return std::nullopt;
    }
    if (bytes.trimmed().isEmpty()) {
        *error = tr("%1 is empty").arg(stdinInput ? tr("standard input") : path);
        return std::nullopt;
    }
    return QString::fromUtf8(bytes);
}

/// --type, or what the file's extension says (.proto, .json), else Avro.
std::optional<registry::SchemaType> draftType(const QCommandLineParser &parser, const QString &path)
{
    if (parser.isSet(QStringLiteral("type"))) {
        return registry::schemaTypeFromString(parser.value(QStringLiteral("type")).toUpper());
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("proto")) {
        return registry::SchemaType::Protobuf;
    }
    if (suffix == QLatin1String("json")) {
        return registry::SchemaType::Json;
    }
    return registry::SchemaType::Avro;
}

/// NAME=SUBJECT:VERSION, split at the first '=' and the last ':' (names and subjects may hold
/// either).
std::optional<registry::SchemaReference> parseReference(const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (equals <= 0 || colon <= equals + 1) {
        return std::nullopt;
    }
    registry::SchemaReference ref;
    ref.name = text.left(equals);
    ref.subject = text.mid(equals + 1, colon - equals - 1);
    const auto version = parseVersion(text.mid(colon + 1));
    if (!version || *version == registry::kLatestVersion) {
        return std::nullopt;
    }
    ref.version = *version;
    return ref;
}

/// The draft of `register` and `check`: the file, its type and its references. On failure the
/// message is on stderr and `*exitCode` set.
std::optional<registry::SchemaDraft> draftFromArguments(
    const QCommandLineParser &parser, const QString &path, int *exitCode)
{
    registry::SchemaDraft draft;
    const auto type = draftType(parser, path);
    if (!type) {
        printError(
            tr("unknown --type '%1' (AVRO, PROTOBUF or JSON)").arg(parser.value(QStringLiteral("type"))));
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    draft.type = *type;
    for (const QString &text : parser.values(QStringLiteral("reference"))) {
        const auto ref = parseReference(text);
        if (!ref) {
            printError(tr("--reference '%1' is not NAME=SUBJECT:VERSION").arg(text));
            *exitCode = ExitUsage;
            return std::nullopt;
        }
        draft.references.append(*ref);
    }
    QString error;
    const auto text = readSchemaFile(path, &error);
    if (!text) {
        printError(error);
        *exitCode = ExitBadInput;
        return std::nullopt;
    }
    draft.text = *text;
    return draft;
}

QString diffText(const schemadiff::SchemaDiffResult &diff)
{
    return diff.ok() ? schemadiff::renderReport(diff)
                     : tr("The semantic diff could not run: %1").arg(diff.error);
}

ordered_json diffJson(const schemadiff::SchemaDiffResult &diff)
{
    ordered_json changes = ordered_json::array();
    for (const auto &change : diff.changes) {
        changes.push_back(
            {{"path", change.path.toStdString()}, {"kind", schemadiff::kindId(change.kind).toStdString()},
                {"before", change.before.toStdString()}, {"after", change.after.toStdString()},
                {"backward", schemadiff::effectId(change.backward).toStdString()},
                {"forward", schemadiff::effectId(change.forward).toStdString()},
                {"explanation", change.explanation.toStdString()}});
    }
    ordered_json out = {{"format", schemadiff::formatName(diff.format).toStdString()}};
    if (!diff.ok()) {
        out["error"] = diff.error.toStdString();
        return out;
    }
    out["backward"] = schemadiff::effectId(diff.verdict.backward).toStdString();
    out["forward"] = schemadiff::effectId(diff.verdict.forward).toStdString();
    out["full"] = schemadiff::effectId(diff.verdict.full).toStdString();
    out["changes"] = changes;
    return out;
}

class SchemaCommand {
public:
    SchemaCommand(const QCommandLineParser &parser, registry::RegistryClient &client)
        : parser_(parser)
        , client_(client)
        , json_(parser.isSet(QStringLiteral("json")))
    {
    }

    int run(const QString &action, const QStringList &args)
    {
        if (action == QLatin1String("subjects")) {
            return subjects();
        }
        if (action == QLatin1String("versions") && args.size() == 1) {
            return versions(args.at(0));
        }
        if (action == QLatin1String("get")) {
            return get(args);
        }
        if (action == QLatin1String("register") && args.size() == 2) {
            return registerSchema(args.at(0), args.at(1));
        }
        if (action == QLatin1String("check") && args.size() == 2) {
            return check(args.at(0), args.at(1));
        }
        if (action == QLatin1String("diff") && args.size() == 3) {
            return diff(args.at(0), args.at(1), args.at(2));
        }
        if (action == QLatin1String("compatibility") && args.size() <= 1) {
            return compatibility(args.value(0));
        }
        if (action == QLatin1String("delete") && (args.size() == 1 || args.size() == 2)) {
            return remove(args.at(0), args.value(1));
        }
        printError(tr("wrong arguments for '%1'; see edis schema --help").arg(action));
        return ExitUsage;
    }

private:
    int subjects()
    {
        const bool deleted = parser_.isSet(QStringLiteral("deleted"));
        const auto all = await<QStringList>([&](auto done) { client_.subjects(deleted, done); });
        if (!all.ok()) {
            return fail(tr("Could not list the subjects"), all.error());
        }
        const QString filter = parser_.value(QStringLiteral("filter"));
        QStringList shown;
        for (const QString &subject : all.value()) {
            if (filter.isEmpty() || subject.contains(filter, Qt::CaseInsensitive)) {
                shown.append(subject);
            }
        }
        shown.sort(Qt::CaseInsensitive);
        if (json_) {
            ordered_json out = ordered_json::array();
            for (const QString &subject : shown) {
                out.push_back(subject.toStdString());
            }
            printJson(out);
        } else if (!shown.isEmpty()) {
            printOut(shown.join(QLatin1Char('\n')));
        }
        return ExitOk;
    }

    int versions(const QString &subject)
    {
        const bool deleted = parser_.isSet(QStringLiteral("deleted"));
        const auto list = await<QList<int>>([&](auto done) { client_.versions(subject, deleted, done); });
        if (!list.ok()) {
            return fail(tr("Could not list the versions of %1").arg(subject), list.error());
        }
        if (json_) {
            printJson(ordered_json(std::vector<int>(list.value().cbegin(), list.value().cend())));
        } else {
            QStringList lines;
            for (const int version : list.value()) {
                lines.append(QString::number(version));
            }
            printOut(lines.join(QLatin1Char('\n')));
        }
        return ExitOk;
    }

    int get(const QStringList &args)
    {
        Result<registry::Schema> schema = RegistryError {};
        if (parser_.isSet(QStringLiteral("id"))) {
            bool ok = false;
            const int id = parser_.value(QStringLiteral("id")).toInt(&ok);
            if (!ok || id < 0 || !args.isEmpty()) {
                printError(tr("get --id takes a schema id and no subject"));
                return ExitUsage;
            }
            schema = await<registry::Schema>([&](auto done) { client_.schemaById(id, done); });
            if (!schema.ok()) {
                return fail(tr("Could not read schema id %1").arg(id), schema.error());
            }
        } else {
            const auto version = parseVersion(args.value(1));
            if (args.isEmpty() || args.size() > 2 || !version) {
                printError(tr("get takes SUBJECT [VERSION|latest] or --id N"));
                return ExitUsage;
            }
            schema = await<registry::Schema>(
                [&](auto done) { client_.schemaVersion(args.at(0), *version, done); });
            if (!schema.ok()) {
                return fail(tr("Could not read %1 version %2").arg(args.at(0), args.value(1, tr("latest"))),
                    schema.error());
            }
        }
        if (json_) {
            printJson(toJson(schema.value()));
        } else {
            printOut(schema->text);
        }
        return ExitOk;
    }

    int registerSchema(const QString &subject, const QString &path)
    {
        int exitCode = ExitOk;
        const auto draft = draftFromArguments(parser_, path, &exitCode);
        if (!draft) {
            return exitCode;
        }
        const auto id = await<int>([&](auto done) { client_.registerSchema(subject, *draft, done); });
        if (!id.ok()) {
            return fail(tr("Could not register the schema under %1").arg(subject), id.error());
        }
        if (json_) {
            printJson({{"subject", subject.toStdString()}, {"id", id.value()}});
        } else {
            printOut(QString::number(id.value()));
        }
        return ExitOk;
    }

    int check(const QString &subject, const QString &path)
    {
        int exitCode = ExitOk;
        const auto draft = draftFromArguments(parser_, path, &exitCode);
        if (!draft) {
            return exitCode;
        }
        // The semantic diff against the latest version, when there is one.
        const auto latest = await<registry::Schema>(
            [&](auto done) { client_.schemaVersion(subject, registry::kLatestVersion, done); });
        if (!latest.ok() && !latest.error().isNotFound()) {
            return fail(tr("Could not read the latest version of %1").arg(subject), latest.error());
        }
        if (!latest.ok()) {
            // A subject without versions accepts any first schema.
            if (json_) {
                printJson(
                    {{"subject", subject.toStdString()}, {"compatible", true}, {"latestVersion", nullptr}});
            } else {
                printOut(tr("%1 has no versions yet: any schema is accepted as its first.").arg(subject));
            }
            return ExitOk;
        }
        const auto diff
            = schemadiff::diffSchemas(formatOf(draft->type), {latest->text, {}}, {draft->text, {}});
        const auto verdict = await<registry::CompatibilityCheck>(
            [&](auto done) { client_.checkCompatibility(subject, registry::kLatestVersion, *draft, done); });
        if (!verdict.ok()) {
            return fail(
                tr("The registry could not check the schema against %1").arg(subject), verdict.error());
        }
        if (json_) {
            ordered_json messages = ordered_json::array();
            for (const QString &message : verdict->messages) {
                messages.push_back(message.toStdString());
            }
            printJson({{"subject", subject.toStdString()}, {"compatible", verdict->compatible},
                {"latestVersion", latest->version}, {"messages", messages}, {"diff", diffJson(diff)}});
        } else {
            printOut(verdict->compatible
                    ? tr("Compatible: %1 accepts it under its compatibility level.").arg(subject)
                    : tr("Incompatible with %1 under its compatibility level.").arg(subject));
            for (const QString &message : verdict->messages) {
                printOut(QStringLiteral("  ") + message);
            }
            printOut(QString());
            printOut(tr("Against version %1:").arg(latest->version));
            printOut(diffText(diff));
        }
        return verdict->compatible ? ExitOk : ExitIncompatible;
    }

    int diff(const QString &subject, const QString &oldText, const QString &newText)
    {
        const auto oldVersion = parseVersion(oldText);
        const auto newVersion = parseVersion(newText);
        if (!oldVersion || !newVersion) {
            printError(tr("diff takes SUBJECT OLD NEW, versions as numbers or 'latest'"));
            return ExitUsage;
        }
        const auto older
            = await<registry::Schema>([&](auto done) { client_.schemaVersion(subject, *oldVersion, done); });
        if (!older.ok()) {
            return fail(tr("Could not read %1 version %2").arg(subject, oldText), older.error());
        }
        const auto newer
            = await<registry::Schema>([&](auto done) { client_.schemaVersion(subject, *newVersion, done); });
        if (!newer.ok()) {
            return fail(tr("Could not read %1 version %2").arg(subject, newText), newer.error());
        }
        const auto result
            = schemadiff::diffSchemas(formatOf(newer->type), {older->text, {}}, {newer->text, {}});
        if (json_) {
            ordered_json out = diffJson(result);
            out["subject"] = subject.toStdString();
            out["old"] = older->version;
            out["new"] = newer->version;
            printJson(out);
        } else {
            printOut(tr("%1: version %2 → version %3").arg(subject).arg(older->version).arg(newer->version));
            printOut(diffText(result));
        }
        return result.ok() ? ExitOk : ExitBadInput;
    }

    int compatibility(const QString &subject)
    {
        const QString where = subject.isEmpty() ? tr("the registry") : subject;
        if (parser_.isSet(QStringLiteral("set"))) {
            const auto level
                = registry::compatibilityFromString(parser_.value(QStringLiteral("set")).toUpper());
            if (!level) {
                printError(tr("unknown level '%1' (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, "
                              "FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE)")
                               .arg(parser_.value(QStringLiteral("set"))));
                return ExitUsage;
            }
            const auto set = await<registry::CompatibilityLevel>(
                [&](auto done) { client_.setCompatibility(subject, *level, done); });
            if (!set.ok()) {
                return fail(tr("Could not set the compatibility of %1").arg(where), set.error());
            }
        }
        const auto level
            = await<registry::CompatibilityLevel>([&](auto done) { client_.compatibility(subject, done); });
        if (!level.ok()) {
            return fail(tr("Could not read the compatibility of %1").arg(where), level.error());
        }
        const QString name = registry::toString(level.value());
        if (json_) {
            printJson(
                {{"subject", subject.isEmpty() ? ordered_json(nullptr) : ordered_json(subject.toStdString())},
                    {"compatibility", name.toStdString()}});
        } else {
            printOut(name);
        }
        return ExitOk;
    }

    int remove(const QString &subject, const QString &versionText)
    {
        const bool permanent = parser_.isSet(QStringLiteral("permanent"));
        if (versionText.isEmpty()) {
            // A permanent delete needs a soft one first; a subject already soft-deleted goes on.
            auto soft = await<QList<int>>(
                [&](auto done) { client_.deleteSubject(subject, registry::DeleteMode::Soft, done); });
            if (!soft.ok() && !(permanent && soft.error().isNotFound())) {
                return fail(tr("Could not delete %1").arg(subject), soft.error());
            }
            if (permanent) {
                soft = await<QList<int>>([&](auto done) {
                    client_.deleteSubject(subject, registry::DeleteMode::Permanent, done);
                });
                if (!soft.ok()) {
                    return fail(tr("Could not delete %1 permanently").arg(subject), soft.error());
                }
            }
            QStringList versions;
            for (const int v : soft.value()) {
                versions.append(QString::number(v));
            }
            printOut(json_
                    ? QString::fromStdString(ordered_json(
                        {{"subject", subject.toStdString()}, {"permanent", permanent},
                            {"versions", std::vector<int>(soft.value().cbegin(), soft.value().cend())}})
                                                 .dump(2))
                    : tr("Deleted %1%2: versions %3")
                          .arg(subject, permanent ? tr(" permanently") : QString(), versions.join(u',')));
            return ExitOk;
        }
        const auto version = parseVersion(versionText);
        if (!version || *version == registry::kLatestVersion) {
            printError(tr("delete takes SUBJECT [VERSION], the version a number"));
            return ExitUsage;
        }
        auto deleted = await<int>(
            [&](auto done) { client_.deleteVersion(subject, *version, registry::DeleteMode::Soft, done); });
        if (!deleted.ok() && !(permanent && deleted.error().isNotFound())) {
            return fail(tr("Could not delete %1 version %2").arg(subject).arg(*version), deleted.error());
        }
        if (permanent) {
            deleted = await<int>([&](auto done) {
                client_.deleteVersion(subject, *version, registry::DeleteMode::Permanent, done);
            });
            if (!deleted.ok()) {
                return fail(tr("Could not delete %1 version %2 permanently").arg(subject).arg(*version),
                    deleted.error());
            }
        }
        printOut(json_ ? QString::fromStdString(ordered_json(
                     {{"subject", subject.toStdString()}, {"version", deleted.value()},
                         {"permanent", permanent}}).dump(2))
                       : tr("Deleted %1 version %2%3")
                             .arg(subject)
                             .arg(deleted.value())
                             .arg(permanent ? tr(" permanently") : QString()));
        return ExitOk;
    }

    const QCommandLineParser &parser_;
    registry::RegistryClient &client_;
    bool json_;
};

} // namespace

int runSchema(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Browse and manage a Schema Registry (the Confluent-compatible REST API).\n\n"
        "  subjects [--deleted] [--filter TEXT]      list the subjects\n"
        "  versions SUBJECT [--deleted]              list a subject's versions\n"
        "  get SUBJECT [VERSION|latest] | get --id N print a schema (--json: with its metadata)\n"
        "  register SUBJECT FILE                     register FILE (- for standard input), print its id\n"
        "  check SUBJECT FILE                        the registry's verdict on FILE against the latest\n"
        "                                            version, and what changed field by field\n"
        "  diff SUBJECT OLD NEW                      what changed between two versions\n"
        "  compatibility [SUBJECT] [--set LEVEL]     read or set the level (the registry's without SUBJECT)\n"
        "  delete SUBJECT [VERSION] [--permanent]    soft delete (or permanent) a subject or a version\n\n"
        "FILE's type comes from --type or its extension (.avsc Avro, .proto Protobuf, .json JSON Schema).\n"
        "Exit codes: 0 ok, 1 failed, 2 usage, 3 cannot reach the registry (or refused the credentials),\n"
        "4 no such subject, version or id, 5 incompatible, 6 the schema is unreadable, too large or "
        "invalid."));
    parser.addPositionalArgument(QStringLiteral("action"),
        tr("subjects, versions, get, register, check, diff, "
           "compatibility or delete"));
    addRegistryOptions(parser);
    parser.addOptions({
        {QStringLiteral("profile"),
            tr("A saved connection (name or id) whose Schema Registry to use; its secret comes from "
               "the keychain, or from EDIS_SCHEMA_REGISTRY_SECRET."),
            QStringLiteral("name")},
        {QStringLiteral("json"), tr("Print JSON.")},
        {QStringLiteral("deleted"), tr("Include soft-deleted subjects or versions.")},
        {QStringLiteral("filter"), tr("Only subjects containing TEXT (case-insensitive)."),
            QStringLiteral("text")},
        {QStringLiteral("id"), tr("A schema by its global id."), QStringLiteral("id")},
        {QStringLiteral("type"), tr("The schema's type: AVRO, PROTOBUF or JSON."), QStringLiteral("type")},
        {QStringLiteral("reference"), tr("A reference of the schema (repeatable)."),
            QStringLiteral("name=subject:version")},
        {QStringLiteral("set"), tr("Set the compatibility level."), QStringLiteral("level")},
        {QStringLiteral("permanent"), tr("Delete permanently (a soft delete first, as registries require).")},
    });
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        printError(tr("which action? see edis schema --help"));
        return ExitUsage;
    }
    const QString action = args.takeFirst();
    QString error;
    const auto settings = registryFromOptionsOrProfile(parser, &error);
    if (!settings) {
        if (error.isEmpty()) {
            error = parser.isSet(QStringLiteral("profile"))
                ? tr("The saved connection '%1' has no Schema Registry; give --schema-registry URL.")
                      .arg(parser.value(QStringLiteral("profile")))
                : tr("--schema-registry URL or --profile NAME (a saved connection with a registry) is "
                     "required.");
        }
        printError(error);
        return ExitUsage;
    }
    registry::RegistryClient client(*settings);
    return SchemaCommand(parser, client).run(action, args);
}

} // namespace edis::cli
