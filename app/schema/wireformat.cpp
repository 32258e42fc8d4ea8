#include "schema/wireformat.h"

#include "schema/translate.h"

#include <QStringList>

namespace edis::schema::wire {

namespace {

constexpr int kMaxVarintBytes = 10;

struct VarintRead {
    bool ok = false;
    bool truncated = false; ///< the bytes end inside the varint (else it is longer than 10 bytes)
    int64_t value = 0;
    std::size_t bytes = 0;
};

/// A zig-zag varint as Confluent writes it (64-bit, at most 10 bytes).
VarintRead readZigZag(std::string_view in, std::size_t pos)
{
    VarintRead r;
    uint64_t raw = 0;
    for (int i = 0; i < kMaxVarintBytes; ++i) {
        if (pos + std::size_t(i) >= in.size()) {
            r.truncated = true;
            return r;
        }
        const auto b = static_cast<unsigned char>(in[pos + std::size_t(i)]);
        raw |= uint64_t(b & 0x7fU) << (7 * i);
        if (!(b & 0x80U)) {
            r.ok = true;
            r.bytes = std::size_t(i) + 1;
            r.value = int64_t(raw >> 1) ^ -int64_t(raw & 1U);
            return r;
        }
    }
    return r; // longer than 10 bytes: not a varint
}

void appendZigZag(std::string &out, int64_t value)
{
    auto raw = (uint64_t(value) << 1) ^ uint64_t(value >> 63);
    while (raw >= 0x80U) {
        out.push_back(char((raw & 0x7fU) | 0x80U));
        raw >>= 7;
    }
    out.push_back(char(raw));
}

} // namespace

Result<Frame> parseFrame(std::string_view record)
{
    if (record.empty()) {
        return Result<Frame>::failure(tr("Empty bytes: no Schema Registry header."));
    }
    if (record[0] != kMagicByte) {
        return Result<Frame>::failure(
            tr("Not in the Schema Registry wire format: the first byte is 0x%1, not the magic byte 0.")
                .arg(static_cast<unsigned char>(record[0]), 2, 16, QLatin1Char('0')));
    }
    if (record.size() < kHeaderBytes) {
        return Result<Frame>::failure(
            tr("Truncated Schema Registry header: %1 bytes, the magic byte and a 4-byte schema id need 5.")
                .arg(record.size()));
    }
    const auto b = [&](std::size_t i) { return uint32_t(static_cast<unsigned char>(record[i])); };
    Frame f;
    f.schemaId = int32_t(b(1) << 24 | b(2) << 16 | b(3) << 8 | b(4));
    f.payload = record.substr(kHeaderBytes);
    return Result<Frame>::success(f);
}

Result<MessageIndexes> parseMessageIndexes(std::string_view payload)
{
    using R = Result<MessageIndexes>;
    const auto count = readZigZag(payload, 0);
    if (!count.ok) {
        return R::failure(count.truncated
                ? tr("Truncated Protobuf payload: the message-index list is missing or cut off.")
                : tr("Malformed Protobuf message-index list: the count is not a varint."));
    }
    if (count.value < 0 || std::size_t(count.value) > kMaxMessageIndexes) {
        return R::failure(
            tr("Malformed Protobuf message-index list: a count of %1 (at most %2 is plausible).")
                .arg(count.value)
                .arg(kMaxMessageIndexes));
    }
    MessageIndexes m;
    std::size_t pos = count.bytes;
    if (count.value == 0) {
        m.indexes = {0};
    }
    for (int64_t i = 0; i < count.value; ++i) {
        const auto index = readZigZag(payload, pos);
        if (!index.ok) {
            return R::failure(index.truncated
                    ? tr("Truncated Protobuf message-index list: %1 indexes announced, %2 present.")
                          .arg(count.value)
                          .arg(i)
                    : tr("Malformed Protobuf message-index list: index %1 is not a varint.").arg(i + 1));
        }
        if (index.value < 0 || index.value > INT32_MAX) {
            return R::failure(
                tr("Malformed Protobuf message-index list: index %1 is %2.").arg(i + 1).arg(index.value));
        }
        m.indexes.push_back(int(index.value));
        pos += index.bytes;
    }
    m.payload = payload.substr(pos);
    return R::success(std::move(m));
}

std::string frameHeader(int32_t schemaId)
{
    const auto id = uint32_t(schemaId);
    return {kMagicByte, char(id >> 24), char(id >> 16), char(id >> 8), char(id)};
}

void appendMessageIndexes(std::string &out, std::span<const int> indexes)
{
    if (indexes.empty() || (indexes.size() == 1 && indexes[0] == 0)) {
        out.push_back('\0');
        return;
    }
    appendZigZag(out, int64_t(indexes.size()));
    for (const int index : indexes) {
        appendZigZag(out, index);
    }
}

QString indexesText(std::span<const int> indexes)
{
    QStringList parts;
    for (const int index : indexes) {
        parts << QString::number(index);
    }
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace edis::schema::wire
