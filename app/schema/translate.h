#pragma once

// One translation context for the messages of edis_schema.

#include <QCoreApplication>
#include <QString>

#include <string_view>

namespace edis::schema {

inline QString tr(const char *text)
{
    return QCoreApplication::translate("edis::schema", text);
}

inline QString qs(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

} // namespace edis::schema
