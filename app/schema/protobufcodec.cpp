#include "schema/protobufcodec.h"

#include "schema/protobuffiles.h"
#include "schema/translate.h"
#include "schema/wireformat.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <QSet>

#include <climits>
#include <mutex>

namespace edis::schema {

namespace pb = google::protobuf;

namespace {

const std::string kTypeUrlPrefix = "type.googleapis.com";
/// The main schema's file name when its text has none (.proto source): not an import path a
/// reference would have.
const std::string kMainFileName = "edis-registry-schema.proto";
constexpr int kMaxPoolErrors = 5;

/// Errors of building descriptors. The pool may call it later from any thread (a type that an
/// Any names, loaded on first use), so it locks.
class PoolErrors final : public pb::DescriptorPool::ErrorCollector {
public:
    void AddError(const std::string &filename, const std::string &element, const pb::Message * /*descriptor*/,
        ErrorLocation /*location*/, const std::string &message) override
    {
        const std::lock_guard lock(mutex_);
        if (errors_.size() < kMaxPoolErrors) {
            errors_ << (element.empty() ? tr("%1: %2").arg(qs(filename), qs(message))
                                        : tr("%1, %2: %3").arg(qs(filename), qs(element), qs(message)));
        }
    }
    QString text() const
    {
        const std::lock_guard lock(mutex_);
        return errors_.join(QStringLiteral("; "));
    }

private:
    mutable std::mutex mutex_;
    QStringList errors_;
};

void collectMessages(
    const pb::Descriptor *d, std::vector<int> &path, std::vector<ProtobufCodec::MessageType> &out)
{
    if (d->options().map_entry()) {
        return;
    }
    out.push_back({path, qs(d->full_name())});
    for (int i = 0; i < d->nested_type_count(); ++i) {
        path.push_back(i);
        collectMessages(d->nested_type(i), path, out);
        path.pop_back();
    }
}

QString unknownFieldNumbers(const pb::Message &message, int depth = 0)
{
    QStringList numbers;
    const auto *reflection = message.GetReflection();
    const auto &unknown = reflection->GetUnknownFields(message);
    for (int i = 0; i < unknown.field_count(); ++i) {
        numbers << QString::number(unknown.field(i).number());
    }
    std::vector<const pb::FieldDescriptor *> fields;
    reflection->ListFields(message, &fields);
    for (const auto *f : fields) {
        if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE || depth > 20) {
            continue;
        }
        const int count = f->is_repeated() ? reflection->FieldSize(message, f) : 1;
        for (int i = 0; i < count; ++i) {
            const auto &sub = f->is_repeated() ? reflection->GetRepeatedMessage(message, f, i)
                                               : reflection->GetMessage(message, f);
            const auto inner = unknownFieldNumbers(sub, depth + 1);
            if (!inner.isEmpty()) {
                numbers << QStringLiteral("%1.{%2}").arg(qs(f->name()), inner);
            }
        }
    }
    return numbers.join(QStringLiteral(", "));
}

} // namespace

struct ProtobufCodec::State {
    pb::SimpleDescriptorDatabase files; ///< the schema and its references
    pb::DescriptorPoolDatabase wellKnown {*pb::DescriptorPool::generated_pool()};
    pb::MergedDescriptorDatabase merged {&files, &wellKnown};
    PoolErrors errors;
    std::unique_ptr<pb::DescriptorPool> pool;
    std::unique_ptr<pb::DynamicMessageFactory> factory;
    std::unique_ptr<pb::util::TypeResolver> resolver;
    const pb::FileDescriptor *file = nullptr;
};

ProtobufCodec::ProtobufCodec()
    : d_(std::make_unique<State>())
{
}

ProtobufCodec::~ProtobufCodec() = default;

Result<std::shared_ptr<const ProtobufCodec>> ProtobufCodec::compile(
    const QString &schema, const SchemaReferences &references)
{
    using R = Result<std::shared_ptr<const ProtobufCodec>>;
    std::shared_ptr<ProtobufCodec> codec(new ProtobufCodec);
    State &s = *codec->d_;

    auto main = protobuf::parseFile(schema, tr("The Protobuf schema"));
    if (!main) {
        return R::failure(main.error());
    }
    codec->fromDescriptor_ = main->fromDescriptor;
    auto &mainProto = main.value().proto;
    if (mainProto.name().empty() || !main->fromDescriptor) {
        mainProto.set_name(kMainFileName);
    }
    QSet<QString> available;
    std::vector<pb::FileDescriptorProto> all;
    for (const auto &reference : references) {
        auto parsed = protobuf::parseFile(
            reference.schema, tr("The referenced Protobuf schema \"%1\"").arg(reference.name));
        if (!parsed) {
            return R::failure(parsed.error());
        }
        parsed.value().proto.set_name(reference.name.toStdString()); // imports name it so
        available.insert(reference.name);
        all.push_back(std::move(parsed.value().proto));
    }
    all.push_back(mainProto);
    for (const auto &file : all) {
        for (const auto &dependency : file.dependency()) {
            const auto name = qs(dependency);
            if (!available.contains(name)
                && !pb::DescriptorPool::generated_pool()->FindFileByName(dependency)) {
                return R::failure(
                    tr("%1 imports \"%2\", which is neither among its references nor a "
                       "well-known type (google/protobuf/…).")
                        .arg(file.name() == kMainFileName ? tr("The Protobuf schema") : qs(file.name()),
                            name));
            }
        }
        if (!s.files.Add(file)) {
            return R::failure(tr("Two references have the same import path \"%1\".").arg(qs(file.name())));
        }
    }
    s.pool = std::make_unique<pb::DescriptorPool>(&s.merged, &s.errors);
    s.file = s.pool->FindFileByName(mainProto.name());
    if (!s.file) {
        const auto errors = s.errors.text();
        return R::failure(tr("The Protobuf schema does not compile: %1")
                              .arg(errors.isEmpty() ? tr("unknown error") : errors));
    }
    s.factory = std::make_unique<pb::DynamicMessageFactory>(s.pool.get());
    s.resolver.reset(pb::util::NewTypeResolverForDescriptorPool(kTypeUrlPrefix, s.pool.get()));
    return R::success(std::move(codec));
}

std::vector<ProtobufCodec::MessageType> ProtobufCodec::messageTypes() const
{
    std::vector<MessageType> out;
    std::vector<int> path;
    for (int i = 0; i < d_->file->message_type_count(); ++i) {
        path = {i};
        collectMessages(d_->file->message_type(i), path, out);
    }
    return out;
}

Result<const pb::Descriptor *> ProtobufCodec::descriptorAt(std::span<const int> indexes) const
{
    using R = Result<const pb::Descriptor *>;
    const std::vector<int> zero {0};
    const auto idx = indexes.empty() ? std::span<const int>(zero) : indexes;
    const int topLevel = d_->file->message_type_count();
    if (idx[0] < 0 || idx[0] >= topLevel) {
        return R::failure(topLevel == 0
                ? tr("The Protobuf schema defines no message.")
                : tr("Message index %1 is out of range: the schema has %2 top-level messages.")
                      .arg(wire::indexesText(idx))
                      .arg(topLevel));
    }
    const pb::Descriptor *d = d_->file->message_type(idx[0]);
    for (std::size_t i = 1; i < idx.size(); ++i) {
        if (idx[i] < 0 || idx[i] >= d->nested_type_count()) {
            return R::failure(tr("Message index %1 is out of range: %2 has %3 nested messages.")
                                  .arg(wire::indexesText(idx), qs(d->full_name()))
                                  .arg(d->nested_type_count()));
        }
        d = d->nested_type(idx[i]);
    }
    return R::success(d);
}

Result<QString> ProtobufCodec::messageName(std::span<const int> indexes) const
{
    const auto d = descriptorAt(indexes);
    return d ? Result<QString>::success(qs(d.value()->full_name())) : Result<QString>::failure(d.error());
}

Result<std::string> ProtobufCodec::decodeToJson(std::string_view message, std::span<const int> indexes,
    const DecodeOptions &options, QStringList *problems) const
{
    using R = Result<std::string>;
    const auto d = descriptorAt(indexes);
    if (!d) {
        return R::failure(d.error());
    }
    const pb::Descriptor *descriptor = d.value();
    if (message.size() > std::size_t(INT_MAX)) {
        return R::failure(tr("The Protobuf message is larger than 2 GB."));
    }
    const std::unique_ptr<pb::Message> m(d_->factory->GetPrototype(descriptor)->New());
    const pb::LogSilencer silence; // libprotobuf logs invalid UTF-8 to stderr; the error says it
    if (!m->ParsePartialFromArray(message.data(), int(message.size()))) {
        return R::failure(
            tr("The bytes do not match the Protobuf message %1: malformed or truncated (or a string "
               "that is not UTF-8).")
                .arg(qs(descriptor->full_name())));
    }
    if (!m->IsInitialized()) {
        return R::failure(tr("The Protobuf message %1 lacks required fields: %2")
                              .arg(qs(descriptor->full_name()), qs(m->InitializationErrorString())));
    }
    if (problems) {
        if (const auto unknown = unknownFieldNumbers(*m); !unknown.isEmpty()) {
            *problems << tr("Fields not in the schema (not shown): %1").arg(unknown);
        }
    }
    pb::util::JsonPrintOptions print;
    print.add_whitespace = options.pretty;
    print.always_print_primitive_fields = true;
    print.preserve_proto_field_names = true;
    std::string out;
    // The bytes are valid (parsed above): print them through the codec's cached type resolver
    // rather than MessageToJsonString, which builds a resolver and re-serializes each message.
    const auto status = pb::util::BinaryToJsonString(d_->resolver.get(),
        kTypeUrlPrefix + '/' + descriptor->full_name(), std::string(message), &out, print);
    if (!status.ok()) {
        return R::failure(tr("The Protobuf message %1 does not print as JSON: %2")
                              .arg(qs(descriptor->full_name()), qs(std::string(status.message()))));
    }
    return R::success(std::move(out));
}

Result<std::string> ProtobufCodec::encodeFromJson(std::string_view json, std::span<const int> indexes) const
{
    using R = Result<std::string>;
    const auto d = descriptorAt(indexes);
    if (!d) {
        return R::failure(d.error());
    }
    const pb::Descriptor *descriptor = d.value();
    const std::unique_ptr<pb::Message> m(d_->factory->GetPrototype(descriptor)->New());
    pb::util::JsonParseOptions parse;
    parse.ignore_unknown_fields = false;
    const auto status
        = pb::util::JsonStringToMessage(pb::StringPiece(json.data(), json.size()), m.get(), parse);
    if (!status.ok()) {
        return R::failure(tr("The value does not fit the Protobuf message %1: %2")
                              .arg(qs(descriptor->full_name()), qs(std::string(status.message()))));
    }
    if (!m->IsInitialized()) {
        return R::failure(tr("The value lacks required fields of %1: %2")
                              .arg(qs(descriptor->full_name()), qs(m->InitializationErrorString())));
    }
    std::string out;
    if (!m->SerializeToString(&out)) {
        return R::failure(tr("The Protobuf message %1 does not serialize.").arg(qs(descriptor->full_name())));
    }
    return R::success(std::move(out));
}

} // namespace edis::schema
