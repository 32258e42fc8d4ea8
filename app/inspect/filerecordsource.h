#pragma once

// A file of records as a record source: the JSON Lines of kcat -J envelopes that the inspector
// exports (and `kcat -J` writes), read back into the inspector with its filters, search and
// export, with no broker. A record's offset is the one in the file when it has one, else its
// line's position (0-based).

#include "recordsource.h"

#include <QFile>
#include <QString>

#include <map>

namespace edis::inspect {

class FileRecordSource final : public RecordSource {
public:
    explicit FileRecordSource(QString path);

    kafka::KafkaError open(const ConsumeRequest &request, std::stop_token stop) override;
    std::size_t poll(MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords) override;
    bool finished() const override { return finished_; }
    const kafka::KafkaError &error() const override { return error_; }
    void setPaused(bool paused) override { paused_ = paused; }
    bool isPaused() const override { return paused_; }

    const std::vector<PartitionProgress> &partitions() const override { return partitions_; }
    uint64_t scanned() const override { return scanned_; }
    uint64_t delivered() const override { return delivered_; }
    uint64_t bytesRead() const override { return bytes_; }
    /// Unknown until the file is read to its end: lines are not counted ahead.
    int64_t remaining() const override { return finished_ ? 0 : -1; }

private:
    /// Parses one line into `batch`; false (with error_ set) when it is not a record.
    bool appendLine(const QByteArray &line, MessageBatch &batch);
    bool wanted(int32_t partition) const;
    PartitionProgress &progressOf(const std::string &topic, int32_t partition);
    void fail(const QString &message);

    QString path_;
    QFile file_;
    ConsumeRequest request_;
    std::stop_token stop_;
    bool paused_ = false;
    bool finished_ = false;
    kafka::KafkaError error_;
    uint64_t line_ = 0;
    uint64_t scanned_ = 0;
    uint64_t delivered_ = 0;
    uint64_t bytes_ = 0;
    std::vector<PartitionProgress> partitions_;
    std::map<std::pair<std::string, int32_t>, std::size_t> partitionIndex_;
};

} // namespace edis::inspect
