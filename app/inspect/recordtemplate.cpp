#include "recordtemplate.h"

#include <QDateTime>
#include <QUuid>

#include <array>
#include <string_view>

namespace edis::inspect {

namespace {

enum class Field { Sequence, Now, Uuid };

constexpr std::array kFields {std::pair {std::string_view("{{i}}"), Field::Sequence},
    std::pair {std::string_view("{{now}}"), Field::Now},
    std::pair {std::string_view("{{uuid}}"), Field::Uuid}};

QByteArray randomUuid()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QByteArray valueOf(Field field, const TemplateFields &fields)
{
    switch (field) {
    case Field::Sequence:
        return QByteArray::number(fields.sequence);
    case Field::Now:
        return QByteArray::number(fields.nowMs);
    case Field::Uuid:
        return fields.newUuid ? fields.newUuid() : randomUuid();
    }
    return {};
}

} // namespace

QByteArray expandTemplate(const QByteArray &text, const TemplateFields &fields)
{
    qsizetype open = text.indexOf("{{");
    if (open < 0) {
        return text; // the common case: no copy
    }
    QByteArray out;
    out.reserve(text.size() + 32);
    qsizetype from = 0;
    while (open >= 0) {
        out.append(text.constData() + from, open - from);
        const std::string_view rest(text.constData() + open, std::size_t(text.size() - open));
        qsizetype consumed = 1;
        bool matched = false;
        for (const auto &[token, field] : kFields) {
            if (rest.substr(0, token.size()) == token) {
                out += valueOf(field, fields);
                consumed = qsizetype(token.size());
                matched = true;
                break;
            }
        }
        if (!matched) {
            out += '{'; // "{{{i}}" is a brace, then the field
        }
        from = open + consumed;
        open = text.indexOf("{{", from);
    }
    out.append(text.constData() + from, text.size() - from);
    return out;
}

kafka::OutgoingMessage expandRecord(const kafka::OutgoingMessage &templ, quint64 sequence)
{
    kafka::OutgoingMessage record = templ;
    const TemplateFields fields {sequence, QDateTime::currentMSecsSinceEpoch(), {}};
    if (record.key) {
        record.key = expandTemplate(*record.key, fields);
    }
    if (record.value) {
        record.value = expandTemplate(*record.value, fields);
    }
    return record;
}

} // namespace edis::inspect
