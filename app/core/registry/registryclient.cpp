#include "registry/registryclient.h"

#include "registry/registryanswer.h"
#include "util/filebounds.h"
#include "util/httpreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace edis::registry {

namespace {

// What Confluent's own clients send: the versioned type first, plain JSON accepted too.
constexpr const char *kAccept = "application/vnd.schemaregistry.v1+json, "
                                "application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
constexpr const char *kContentType = "application/vnd.schemaregistry.v1+json";

/// Certificates and keys are a few KiB; a larger file is the wrong file.
constexpr util::FileBound kTlsFileBound {
    QT_TRANSLATE_NOOP("edis::files", "certificate and key files"), util::kMiB};

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString versionSegment(int version)
{
    return version == kLatestVersion ? QStringLiteral("latest") : QString::number(version);
}

QString configPath(const char *root, const QString &subject)
{
    const QString base = QLatin1Char('/') + QLatin1String(root);
    return subject.isEmpty() ? base : base + QLatin1Char('/') + segment(subject);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject draftJson(const SchemaDraft &draft)
{
    QJsonObject o {{QStringLiteral("schema"), draft.text}};
    // Avro is the API's default; older registries refuse a field they do not know.
    if (draft.type != SchemaType::Avro) {
        o.insert(QStringLiteral("schemaType"), toString(draft.type));
    }
    if (!draft.references.isEmpty()) {
        QJsonArray refs;
        for (const SchemaReference &r : draft.references) {
            refs.append(QJsonObject {{QStringLiteral("name"), r.name}, {QStringLiteral("subject"), r.subject},
                {QStringLiteral("version"), r.version}});
        }
        o.insert(QStringLiteral("references"), refs);
    }
    return o;
}

// Parsers: the JSON the API answers, or nullopt when it is not of that shape.

std::optional<QStringList> toStringList(const QJsonValue &v)
{
    if (!v.isArray()) {
        return std::nullopt;
    }
    QStringList list;
    for (const auto &item : v.toArray()) {
        if (!item.isString()) {
            return std::nullopt;
        }
        list << item.toString();
    }
    return list;
}

std::optional<QList<int>> toIntList(const QJsonValue &v)
{
    if (!v.isArray()) {
        return std::nullopt;
    }
    QList<int> list;
    for (const auto &item : v.toArray()) {
        if (!item.isDouble()) {
            return std::nullopt;
        }
        list << item.toInt();
    }
    return list;
}

std::optional<int> toInt(const QJsonValue &v)
{
    return v.isDouble() ? std::optional<int>(v.toInt()) : std::nullopt;
}

std::optional<int> toId(const QJsonValue &v)
{
    const QJsonValue id = v.toObject().value(QLatin1String("id"));
    return id.isDouble() ? std::optional<int>(id.toInt()) : std::nullopt;
}

std::optional<Schema> toSchema(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    const QJsonValue text = o.value(QLatin1String("schema"));
    const std::optional<SchemaType> type
        = schemaTypeFromString(o.value(QLatin1String("schemaType")).toString());
    if (!text.isString() || !type) {
        return std::nullopt;
    }
    Schema s;
    s.id = o.value(QLatin1String("id")).toInt();
    s.subject = o.value(QLatin1String("subject")).toString();
    s.version = o.value(QLatin1String("version")).toInt();
    s.type = *type;
    s.text = text.toString();
    for (const auto &item : o.value(QLatin1String("references")).toArray()) {
        const QJsonObject r = item.toObject();
        s.references.append({r.value(QLatin1String("name")).toString(),
            r.value(QLatin1String("subject")).toString(), r.value(QLatin1String("version")).toInt()});
    }
    return s;
}

std::optional<QList<SubjectVersion>> toSubjectVersions(const QJsonValue &v)
{
    if (!v.isArray()) {
        return std::nullopt;
    }
    QList<SubjectVersion> list;
    for (const auto &item : v.toArray()) {
        const QJsonObject o = item.toObject();
        if (!o.value(QLatin1String("subject")).isString()) {
            return std::nullopt;
        }
        list.append(
            {o.value(QLatin1String("subject")).toString(), o.value(QLatin1String("version")).toInt()});
    }
    return list;
}

std::optional<CompatibilityLevel> toCompatibility(const QJsonValue &v)
{
    // GET answers {"compatibilityLevel": ...}, PUT {"compatibility": ...}.
    const QJsonObject o = v.toObject();
    const QJsonValue level = o.contains(QLatin1String("compatibilityLevel"))
        ? o.value(QLatin1String("compatibilityLevel"))
        : o.value(QLatin1String("compatibility"));
    return compatibilityFromString(level.toString());
}

std::optional<RegistryMode> toMode(const QJsonValue &v)
{
    return modeFromString(v.toObject().value(QLatin1String("mode")).toString());
}

std::optional<CompatibilityCheck> toCheck(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    const QJsonValue compatible = o.value(QLatin1String("is_compatible"));
    if (!compatible.isBool()) {
        return std::nullopt;
    }
    CompatibilityCheck check;
    check.compatible = compatible.toBool();
    for (const auto &m : o.value(QLatin1String("messages")).toArray()) {
        check.messages << (m.isString() ? m.toString()
                                        : QString::fromUtf8(QJsonDocument(m.toObject()).toJson()));
    }
    return check;
}

/// The handler that parses a successful answer with `parse` and hands the result to `done`.
template <typename T, typename Parse>
std::function<void(const HttpAnswer &)> deliver(RegistryClient::Callback<T> done, Parse parse)
{
    return [done = std::move(done), parse](const HttpAnswer &answer) {
        if (!answer.error.ok()) {
            done(answer.error);
            return;
        }
        std::optional<T> value = parse(answer.json);
        if (!value) {
            done(unexpectedAnswer(answer));
            return;
        }
        done(std::move(*value));
    };
}

std::optional<QSslKey> readKey(const QByteArray &pem, const QString &password)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, password.toUtf8());
        if (!key.isNull()) {
            return key;
        }
    }
    return std::nullopt;
}

} // namespace

RegistryClient::RegistryClient(RegistrySettings settings, QObject *parent)
    : QObject(parent)
    , settings_(std::move(settings))
    , network_(new QNetworkAccessManager(this))
{
    settings_.url = settings_.url.trimmed();
    settingsProblem_ = validate(settings_).join(QLatin1Char(' '));
    if (settingsProblem_.isEmpty()) {
        loadTlsFiles();
    }
    // Credentials are sent with every request: never follow a redirect to another origin.
    network_->setRedirectPolicy(settings_.auth == RegistryAuth::None
            ? QNetworkRequest::NoLessSafeRedirectPolicy
            : QNetworkRequest::SameOriginRedirectPolicy);
}

RegistryClient::~RegistryClient()
{
    closing_ = true;
    const QSet<QNetworkReply *> replies = inFlight_;
    for (QNetworkReply *reply : replies) {
        reply->abort();
    }
}

QString RegistryClient::endpoint() const
{
    const QUrl url(settings_.url);
    const bool tls = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(tls ? 443 : 80));
}

void RegistryClient::loadTlsFiles()
{
    const bool https = QUrl(settings_.url).scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (!https) {
        return;
    }
    if (!QSslSocket::supportsSsl()) {
        settingsProblem_ = tr("TLS is not available (Qt has no TLS backend here), so %1 cannot be reached.")
                               .arg(settings_.url);
        return;
    }
    ssl_ = QSslConfiguration::defaultConfiguration();
    if (!settings_.caFile.isEmpty()) {
        const util::BoundedFile file = util::readBoundedFile(settings_.caFile, kTlsFileBound);
        QList<QSslCertificate> cas
            = file.ok() ? QSslCertificate::fromData(file.bytes, QSsl::Pem) : QList<QSslCertificate>();
        if (file.ok() && cas.isEmpty()) {
            cas = QSslCertificate::fromData(file.bytes, QSsl::Der);
        }
        if (!file.ok() || cas.isEmpty()) {
            settingsProblem_ = file.ok()
                ? tr("The registry's CA file %1 holds no certificate.").arg(settings_.caFile)
                : tr("The registry's CA file: %1").arg(file.error);
            return;
        }
        ssl_.setCaCertificates(cas);
    }
    if (!settings_.certFile.isEmpty()) {
        const util::BoundedFile cert = util::readBoundedFile(settings_.certFile, kTlsFileBound);
        const util::BoundedFile key = util::readBoundedFile(settings_.keyFile, kTlsFileBound);
        if (!cert.ok() || !key.ok()) {
            settingsProblem_ = cert.ok() ? tr("The registry's key file: %1").arg(key.error)
                                         : tr("The registry's client certificate file: %1").arg(cert.error);
            return;
        }
        const QList<QSslCertificate> certs = QSslCertificate::fromData(cert.bytes, QSsl::Pem);
        const std::optional<QSslKey> privateKey = readKey(key.bytes, settings_.keyPassword);
        if (certs.isEmpty()) {
            settingsProblem_ = tr("The registry's client certificate file %1 holds no PEM certificate.")
                                   .arg(settings_.certFile);
            return;
        }
        if (!privateKey) {
            settingsProblem_
                = tr("The registry's key file %1 cannot be read: not a PEM private key, or the key "
                     "password is wrong.")
                      .arg(settings_.keyFile);
            return;
        }
        ssl_.setLocalCertificateChain(certs);
        ssl_.setPrivateKey(*privateKey);
    }
}

void RegistryClient::failLater(const RegistryError &error, AnswerHandler handler)
{
    // Never call back from inside the call: the caller may not be ready for it.
    QMetaObject::invokeMethod(
        this,
        [error, handler = std::move(handler)] {
            HttpAnswer answer;
            answer.error = error;
            handler(answer);
        },
        Qt::QueuedConnection);
}

void RegistryClient::send(Request request, AnswerHandler handler)
{
    if (!settingsProblem_.isEmpty()) {
        failLater(
            RegistryError::make(RegistryError::Kind::InvalidSettings, settingsProblem_), std::move(handler));
        return;
    }
    QUrl url(settings_.url);
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + request.path, QUrl::TolerantMode);
    if (!request.query.isEmpty()) {
        QUrlQuery query;
        query.setQueryItems(request.query);
        url.setQuery(query);
    }
    QNetworkRequest nr(url);
    nr.setRawHeader("Accept", kAccept);
    if (settings_.auth == RegistryAuth::Basic) {
        nr.setRawHeader("Authorization",
            "Basic " + (settings_.username + QLatin1Char(':') + settings_.secret).toUtf8().toBase64());
    } else if (settings_.auth == RegistryAuth::Bearer) {
        nr.setRawHeader("Authorization", "Bearer " + settings_.secret.toUtf8());
    }
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        nr.setSslConfiguration(ssl_);
    }
    if (request.verb == Verb::Post || request.verb == Verb::Put) {
        nr.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray(kContentType));
    }

    QNetworkReply *reply = nullptr;
    QString verbName;
    switch (request.verb) {
    case Verb::Get:
        reply = network_->get(nr);
        verbName = QStringLiteral("GET");
        break;
    case Verb::Post:
        reply = network_->post(nr, request.body);
        verbName = QStringLiteral("POST");
        break;
    case Verb::Put:
        reply = network_->put(nr, request.body);
        verbName = QStringLiteral("PUT");
        break;
    case Verb::Delete:
        reply = network_->deleteResource(nr);
        verbName = QStringLiteral("DELETE");
        break;
    }
    ++requestsSent_;
    inFlight_.insert(reply);
    const QString what = verbName + QLatin1Char(' ') + QUrl::fromPercentEncoding(request.path.toLatin1());

    util::guardReply(reply, {settings_.requestTimeout, kMaxAnswerBytes, settings_.verifyHostname});
    connect(reply, &QNetworkReply::finished, this, [this, reply, what, handler = std::move(handler)] {
        inFlight_.remove(reply);
        reply->deleteLater();
        if (closing_) {
            return;
        }
        ReplyFacts facts = util::replyFacts(reply);
        facts.timeout = settings_.requestTimeout;
        facts.endpoint = endpoint();
        facts.request = what;
        handler(interpretReply(facts));
    });
}

void RegistryClient::abortAll()
{
    const QSet<QNetworkReply *> replies = inFlight_;
    for (QNetworkReply *reply : replies) {
        reply->abort();
    }
}

void RegistryClient::testConnection(Callback<ConnectionCheck> done)
{
    subjects(false, [this, done = std::move(done)](const Result<QStringList> &subjects) {
        if (!subjects.ok()) {
            done(subjects.error());
            return;
        }
        const int count = static_cast<int>(subjects->size());
        compatibility({}, [count, done](const Result<CompatibilityLevel> &level) {
            ConnectionCheck check;
            check.subjectCount = count;
            check.summary = tr("%n subject(s)", nullptr, count);
            if (level.ok()) {
                check.globalCompatibility = level.value();
                check.summary
                    = tr("%1, default compatibility %2").arg(check.summary, toString(level.value()));
            }
            done(check);
        });
    });
}

void RegistryClient::subjects(bool includeDeleted, Callback<QStringList> done)
{
    Request r {Verb::Get, QStringLiteral("/subjects"), {}, {}};
    if (includeDeleted) {
        r.query.append({QStringLiteral("deleted"), QStringLiteral("true")});
    }
    send(std::move(r), deliver<QStringList>(std::move(done), toStringList));
}

void RegistryClient::versions(const QString &subject, bool includeDeleted, Callback<QList<int>> done)
{
    Request r {Verb::Get, QStringLiteral("/subjects/%1/versions").arg(segment(subject)), {}, {}};
    if (includeDeleted) {
        r.query.append({QStringLiteral("deleted"), QStringLiteral("true")});
    }
    send(std::move(r), deliver<QList<int>>(std::move(done), toIntList));
}

void RegistryClient::schemaVersion(const QString &subject, int version, Callback<Schema> done)
{
    send(
        {Verb::Get, QStringLiteral("/subjects/%1/versions/%2").arg(segment(subject), versionSegment(version)),
            {}, {}},
        deliver<Schema>(std::move(done), toSchema));
}

void RegistryClient::referencedBy(const QString &subject, int version, Callback<QList<int>> done)
{
    send({Verb::Get,
             QStringLiteral("/subjects/%1/versions/%2/referencedby")
                 .arg(segment(subject), versionSegment(version)),
             {}, {}},
        deliver<QList<int>>(std::move(done), toIntList));
}

void RegistryClient::schemaById(int id, Callback<Schema> done)
{
    send({Verb::Get, QStringLiteral("/schemas/ids/%1").arg(id), {}, {}},
        deliver<Schema>(std::move(done), [id](const QJsonValue &v) {
            std::optional<Schema> s = toSchema(v);
            if (s) {
                s->id = id; // the answer by id does not repeat it
            }
            return s;
        }));
}

void RegistryClient::subjectsOfSchema(int id, Callback<QStringList> done)
{
    send({Verb::Get, QStringLiteral("/schemas/ids/%1/subjects").arg(id), {}, {}},
        deliver<QStringList>(std::move(done), toStringList));
}

void RegistryClient::versionsOfSchema(int id, Callback<QList<SubjectVersion>> done)
{
    send({Verb::Get, QStringLiteral("/schemas/ids/%1/versions").arg(id), {}, {}},
        deliver<QList<SubjectVersion>>(std::move(done), toSubjectVersions));
}

void RegistryClient::schemaTypes(Callback<QStringList> done)
{
    send({Verb::Get, QStringLiteral("/schemas/types"), {}, {}},
        deliver<QStringList>(std::move(done), toStringList));
}

void RegistryClient::compatibility(const QString &subject, Callback<CompatibilityLevel> done)
{
    Request r {Verb::Get, configPath("config", subject), {}, {}};
    if (!subject.isEmpty()) {
        r.query.append({QStringLiteral("defaultToGlobal"), QStringLiteral("true")});
    }
    send(std::move(r), deliver<CompatibilityLevel>(std::move(done), toCompatibility));
}

void RegistryClient::setCompatibility(
    const QString &subject, CompatibilityLevel level, Callback<CompatibilityLevel> done)
{
    send({Verb::Put, configPath("config", subject), {},
             compact(QJsonObject {{QStringLiteral("compatibility"), toString(level)}})},
        deliver<CompatibilityLevel>(std::move(done), toCompatibility));
}

void RegistryClient::mode(const QString &subject, Callback<RegistryMode> done)
{
    Request r {Verb::Get, configPath("mode", subject), {}, {}};
    if (!subject.isEmpty()) {
        r.query.append({QStringLiteral("defaultToGlobal"), QStringLiteral("true")});
    }
    send(std::move(r), deliver<RegistryMode>(std::move(done), toMode));
}

void RegistryClient::setMode(const QString &subject, RegistryMode mode, Callback<RegistryMode> done)
{
    send({Verb::Put, configPath("mode", subject), {},
             compact(QJsonObject {{QStringLiteral("mode"), toString(mode)}})},
        deliver<RegistryMode>(std::move(done), toMode));
}

void RegistryClient::registerSchema(const QString &subject, const SchemaDraft &schema, Callback<int> done)
{
    send({Verb::Post, QStringLiteral("/subjects/%1/versions").arg(segment(subject)), {},
             compact(draftJson(schema))},
        deliver<int>(std::move(done), toId));
}

void RegistryClient::lookupSchema(const QString &subject, const SchemaDraft &schema, Callback<Schema> done)
{
    send({Verb::Post, QStringLiteral("/subjects/%1").arg(segment(subject)), {}, compact(draftJson(schema))},
        deliver<Schema>(std::move(done), toSchema));
}

void RegistryClient::checkCompatibility(
    const QString &subject, int version, const SchemaDraft &schema, Callback<CompatibilityCheck> done)
{
    send({Verb::Post,
             QStringLiteral("/compatibility/subjects/%1/versions/%2")
                 .arg(segment(subject), versionSegment(version)),
             {{QStringLiteral("verbose"), QStringLiteral("true")}}, compact(draftJson(schema))},
        deliver<CompatibilityCheck>(std::move(done), toCheck));
}

void RegistryClient::deleteSubject(const QString &subject, DeleteMode mode, Callback<QList<int>> done)
{
    Request r {Verb::Delete, QStringLiteral("/subjects/%1").arg(segment(subject)), {}, {}};
    if (mode == DeleteMode::Permanent) {
        r.query.append({QStringLiteral("permanent"), QStringLiteral("true")});
    }
    send(std::move(r), deliver<QList<int>>(std::move(done), toIntList));
}

void RegistryClient::deleteVersion(const QString &subject, int version, DeleteMode mode, Callback<int> done)
{
    Request r {Verb::Delete,
        QStringLiteral("/subjects/%1/versions/%2").arg(segment(subject), versionSegment(version)), {}, {}};
    if (mode == DeleteMode::Permanent) {
        r.query.append({QStringLiteral("permanent"), QStringLiteral("true")});
    }
    send(std::move(r), deliver<int>(std::move(done), toInt));
}

} // namespace edis::registry
