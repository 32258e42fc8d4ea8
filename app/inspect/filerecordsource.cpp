#include "filerecordsource.h"

#include "filterexpression.h"
#include "messageexport.h"

#include <QCoreApplication>

#include <algorithm>
#include <thread>

namespace edis::inspect {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect::FileRecordSource", text);
}

/// A paused source waits in steps this long, so that a stop or a resume is seen soon.
constexpr std::chrono::milliseconds kPausedStep {20};

} // namespace

FileRecordSource::FileRecordSource(QString path)
    : path_(std::move(path))
{
}

kafka::KafkaError FileRecordSource::open(const ConsumeRequest &request, std::stop_token stop)
{
    request_ = request;
    stop_ = std::move(stop);
    file_.setFileName(path_);
    if (!file_.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot read %1: %2").arg(path_, file_.errorString()));
        return error_;
    }
    return {};
}

std::size_t FileRecordSource::poll(
    MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords)
{
    if (paused_ || finished_) {
        std::this_thread::sleep_for(std::min(maxWait, kPausedStep));
        return 0;
    }
    std::size_t appended = 0;
    while (appended < maxRecords && !stop_.stop_requested()) {
        if (request_.maxMessages != 0 && delivered_ >= request_.maxMessages) {
            finished_ = true;
            break;
        }
        const QByteArray line = file_.readLine().trimmed();
        if (line.isEmpty()) {
            if (file_.atEnd()) {
                finished_ = true; // a file is bounded: its end is the end of the read
                break;
            }
            ++line_;
            continue; // a blank line between records
        }
        if (!appendLine(line, batch)) {
            break;
        }
        ++line_;
        if (!request_.filter
            || request_.filter->matches(batch.at(batch.size() - 1), request_.payloads.get())) {
            ++appended;
            ++delivered_;
        } else {
            batch.removeLast();
        }
    }
    return appended;
}

bool FileRecordSource::appendLine(const QByteArray &line, MessageBatch &batch)
{
    QString why;
    const std::optional<ImportedRecord> record
        = parseKcatJson(std::string_view(line.constData(), std::size_t(line.size())), &why);
    if (!record) {
        fail(tr("%1, line %2: %3").arg(path_).arg(line_ + 1).arg(why));
        return false;
    }
    ++scanned_;
    const kafka::OutgoingMessage &m = record->message;
    bytes_ += std::size_t(m.key.value_or(QByteArray()).size())
        + std::size_t(m.value.value_or(QByteArray()).size());
    if (!wanted(record->partition)) {
        return true; // read, and left out like any record the selection does not take
    }
    std::vector<HeaderRef> headers;
    headers.reserve(m.headers.size());
    for (const auto &[name, value] : m.headers) {
        headers.push_back({name, std::string_view(value.constData(), std::size_t(value.size()))});
    }
    const auto bytes = [](const std::optional<QByteArray> &b) -> std::optional<std::string_view> {
        return b ? std::optional<std::string_view>(std::string_view(b->constData(), std::size_t(b->size())))
                 : std::nullopt;
    };
    RecordRef ref;
    ref.topic = m.topic;
    ref.partition = record->partition;
    ref.offset = record->offset >= 0 ? record->offset : int64_t(line_);
    ref.timestamp = record->timestampMs;
    ref.timestampType = record->timestampMs >= 0 ? TimestampType::CreateTime : TimestampType::NotAvailable;
    ref.key = bytes(m.key);
    ref.value = bytes(m.value);
    ref.headers = headers.data();
    ref.headerCount = headers.size();
    batch.append(ref);
    PartitionProgress &p = progressOf(m.topic, record->partition);
    p.nextOffset = ref.offset + 1;
    return true;
}

bool FileRecordSource::wanted(int32_t partition) const
{
    if (request_.topics.empty() || request_.topics.front().partitions.empty()) {
        return true;
    }
    const auto &wanted = request_.topics.front().partitions;
    return std::find(wanted.begin(), wanted.end(), partition) != wanted.end();
}

PartitionProgress &FileRecordSource::progressOf(const std::string &topic, int32_t partition)
{
    const auto [it, added] = partitionIndex_.try_emplace({topic, partition}, partitions_.size());
    if (added) {
        PartitionProgress p;
        p.topic = QString::fromStdString(topic);
        p.partition = partition;
        partitions_.push_back(p);
    }
    return partitions_[it->second];
}

void FileRecordSource::fail(const QString &message)
{
    error_ = kafka::KafkaError::make(kafka::KafkaError::Kind::Other, message);
    finished_ = true;
}

} // namespace edis::inspect
