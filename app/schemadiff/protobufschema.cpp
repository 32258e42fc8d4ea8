#include "protobufschema.h"

#include "schemalimits.h"

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace edis::schemadiff::proto {

namespace pb = google::protobuf;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schemadiff::proto", text);
}

/// The name the schema under diff gets in its pool when its text does not carry one.
constexpr char kMainFileName[] = "edis-schema-under-diff.proto";

class TextErrors : public pb::io::ErrorCollector {
public:
    void AddError(int line, pb::io::ColumnNumber column, const std::string &message) override
    {
        if (messages.size() < kMaxErrors) {
            messages << tr("line %1, column %2: %3")
                            .arg(line + 1)
                            .arg(column + 1)
                            .arg(QString::fromStdString(message));
        }
    }
    QStringList messages;

private:
    static constexpr qsizetype kMaxErrors = 5;
};

class PoolErrors : public pb::DescriptorPool::ErrorCollector {
public:
    void AddError(const std::string &filename, const std::string &elementName,
        const pb::Message * /*descriptor*/, ErrorLocation /*location*/, const std::string &message) override
    {
        if (messages.size() < kMaxErrors) {
            messages << tr("%1: %2: %3")
                            .arg(QString::fromStdString(filename), QString::fromStdString(elementName),
                                QString::fromStdString(message));
        }
    }
    QStringList messages;

private:
    static constexpr qsizetype kMaxErrors = 5;
};

bool looksLikeBase64(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9+/=\\s]+$"));
    return !text.trimmed().isEmpty() && re.match(text).hasMatch();
}

/// `.proto` text or a base64 FileDescriptorProto into `out`, named `fileName` unless the
/// descriptor names itself.
bool parseFile(const QString &text, const std::string &fileName, pb::FileDescriptorProto *out, QString *error)
{
    if (text.size() > kMaxSchemaChars) {
        *error = tr("longer than %1 characters").arg(kMaxSchemaChars);
        return false;
    }
    if (looksLikeBase64(text)) {
        const QByteArray bytes = QByteArray::fromBase64(text.toLatin1());
        if (!bytes.isEmpty() && out->ParseFromArray(bytes.constData(), static_cast<int>(bytes.size()))) {
            if (out->name().empty()) {
                out->set_name(fileName);
            }
            return true;
        }
        out->Clear();
    }
    const std::string utf8 = text.toStdString();
    // The parser logs "No syntax specified" to stderr; the diff shows its own errors instead.
    const pb::LogSilencer quiet;
    pb::io::ArrayInputStream input(utf8.data(), static_cast<int>(utf8.size()));
    TextErrors errors;
    pb::io::Tokenizer tokenizer(&input, &errors);
    pb::compiler::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.Parse(&tokenizer, out) || !errors.messages.isEmpty()) {
        *error
            = errors.messages.isEmpty() ? tr("does not parse") : errors.messages.join(QStringLiteral("; "));
        return false;
    }
    out->set_name(fileName);
    return true;
}

} // namespace

struct ProtoSchema::Databases {
    Databases()
        : generated(*pb::DescriptorPool::generated_pool())
        , merged(&given, &generated)
        , pool(&merged, &errors)
    {
    }

    pb::SimpleDescriptorDatabase given;
    pb::DescriptorPoolDatabase generated;
    pb::MergedDescriptorDatabase merged;
    PoolErrors errors;
    pb::DescriptorPool pool;
};

ProtoSchema::ProtoSchema()
    : databases_(std::make_unique<Databases>())
{
}

ProtoSchema::~ProtoSchema() = default;

std::unique_ptr<ProtoSchema> ProtoSchema::load(const SchemaText &schema, QString *error)
{
    auto loaded = std::make_unique<ProtoSchema>();
    for (auto it = schema.references.cbegin(); it != schema.references.cend(); ++it) {
        pb::FileDescriptorProto reference;
        QString why;
        if (!parseFile(it.value(), it.key().toStdString(), &reference, &why)) {
            *error = tr("reference '%1': %2").arg(it.key(), why);
            return nullptr;
        }
        reference.set_name(it.key().toStdString()); // imports name it by its reference name
        loaded->databases_->given.Add(reference);
    }
    pb::FileDescriptorProto main;
    QString why;
    if (!parseFile(schema.text, kMainFileName, &main, &why)) {
        *error = why;
        return nullptr;
    }
    const std::string mainName = main.name();
    if (!loaded->databases_->given.Add(main)) {
        *error = tr("the file name '%1' is used twice").arg(QString::fromStdString(mainName));
        return nullptr;
    }
    loaded->file_ = loaded->databases_->pool.FindFileByName(mainName);
    if (loaded->file_ == nullptr) {
        const QStringList &messages = loaded->databases_->errors.messages;
        *error = messages.isEmpty() ? tr("it does not link (an import missing from the references?)")
                                    : messages.join(QStringLiteral("; "))
                                          .replace(QString::fromLatin1(kMainFileName), tr("the schema"));
        return nullptr;
    }
    return loaded;
}

QString ProtoSchema::canonicalText() const
{
    return file_ != nullptr ? QString::fromStdString(file_->DebugString()) : QString();
}

} // namespace edis::schemadiff::proto
