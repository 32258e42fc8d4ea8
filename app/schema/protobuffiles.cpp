#include "schema/protobuffiles.h"

#include "schema/jsontext.h"
#include "schema/translate.h"

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>

#include <QStringList>

namespace edis::schema::protobuf {

namespace {

namespace pb = google::protobuf;

constexpr int kMaxParseErrors = 5;

class ParseErrors final : public pb::io::ErrorCollector {
public:
    QStringList errors;
    void AddError(int line, pb::io::ColumnNumber column, const std::string &message) override
    {
        if (errors.size() < kMaxParseErrors) {
            errors << tr("line %1, column %2: %3").arg(line + 1).arg(column + 1).arg(qs(message));
        }
    }
};

/// A serialized FileDescriptorProto in base64: only base64 characters and line breaks, which
/// .proto source (spaces, braces, semicolons) never is.
bool looksLikeBase64(const std::string &text)
{
    if (text.size() < 4) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
            || c == '/' || c == '=' || c == '-' || c == '_' || c == '\n' || c == '\r';
    });
}

} // namespace

Result<ParsedFile> parseFile(const QString &text, const QString &what)
{
    using R = Result<ParsedFile>;
    const auto utf8 = text.trimmed().toStdString();
    ParsedFile parsed;
    if (looksLikeBase64(utf8)) {
        std::string compact;
        std::copy_if(utf8.begin(), utf8.end(), std::back_inserter(compact),
            [](char c) { return c != '\n' && c != '\r'; });
        std::string bytes;
        if (!json::decodeBase64(compact, &bytes) || !parsed.proto.ParseFromString(bytes)) {
            return R::failure(
                tr("%1 looks like a base64 FileDescriptorProto but does not decode as one.").arg(what));
        }
        parsed.fromDescriptor = true;
        return R::success(std::move(parsed));
    }
    const pb::LogSilencer silence; // the parser logs a missing syntax statement to stderr; proto2 is meant
    pb::io::ArrayInputStream input(utf8.data(), int(utf8.size()));
    ParseErrors errors;
    pb::io::Tokenizer tokenizer(&input, &errors);
    pb::compiler::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.Parse(&tokenizer, &parsed.proto) || !errors.errors.isEmpty()) {
        return R::failure(tr("%1 does not parse as .proto: %2")
                              .arg(what,
                                  errors.errors.isEmpty() ? tr("unknown error")
                                                          : errors.errors.join(QStringLiteral("; "))));
    }
    return R::success(std::move(parsed));
}

} // namespace edis::schema::protobuf
