#include "recordcommands.h"

#include "profiles/connectionprofile.h"
#include "textformat.h"

#include <QJsonDocument>

#include <algorithm>

namespace edis::inspect {

namespace {

QString text(std::string_view bytes)
{
    return textOf(bytes);
}

/// One line: compact JSON when the value is JSON (so a line-based producer sends it whole).
QString oneLineValue(const MessageView &record)
{
    const QByteArray bytes(record.value().data(), qsizetype(record.value().size()));
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull()) {
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }
    return text(record.value());
}

QStringList propertyArguments(const kafka::ConnectionSettings &connection, const QString &flag)
{
    QStringList args;
    for (const auto &[name, value] : connection.properties) {
        const QString assignment = QString::fromStdString(name) + QLatin1Char('=');
        // A secret stays out of the clipboard: the shell fills it in from the environment.
        args << flag
             << (profiles::isSecretProperty(name) ? assignment + QStringLiteral("\"$KAFKA_SECRET\"")
                                                  : shellQuote(assignment + QString::fromStdString(value)));
    }
    return args;
}

} // namespace

QString shellQuote(const QString &word)
{
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) {
            return c.isLetterOrNumber() || QStringLiteral("-_./:=,@%+").contains(c);
        })) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString valueText(const MessageView &record)
{
    return record.hasValue() ? text(record.value()) : QString();
}

QString kcatProduceCommand(const MessageView &record, const kafka::ConnectionSettings &connection)
{
    // kcat reads "key<TAB>value" per line with -K '\t'; -Z turns empty fields into nulls.
    QStringList cmd {QStringLiteral("kcat"), QStringLiteral("-P"), QStringLiteral("-b"),
        shellQuote(connection.bootstrapServers), QStringLiteral("-t"),
        shellQuote(QString::fromUtf8(record.topic().data(), qsizetype(record.topic().size()))),
        QStringLiteral("-p"), QString::number(record.partition())};
    cmd << propertyArguments(connection, QStringLiteral("-X"));
    record.forEachHeader([&](const HeaderRef &h) {
        cmd << QStringLiteral("-H")
            << shellQuote(text(h.name) + QLatin1Char('=') + (h.value ? text(*h.value) : QString()));
        return true;
    });
    const bool nulls = !record.hasKey() || !record.hasValue();
    if (nulls) {
        cmd << QStringLiteral("-Z");
    }
    cmd << QStringLiteral("-K") << QStringLiteral("'\\t'");
    const QString key = record.hasKey() ? text(record.key()) : QString();
    const QString value = record.hasValue() ? oneLineValue(record) : QString();
    return QStringLiteral("printf '%s\\t%s\\n' %1 %2 | %3")
        .arg(shellQuote(key), shellQuote(value), cmd.join(QLatin1Char(' ')));
}

QString edisProduceCommand(const MessageView &record, const kafka::ConnectionSettings &connection)
{
    QStringList cmd {QStringLiteral("edis"), QStringLiteral("produce"), QStringLiteral("--bootstrap-server"),
        shellQuote(connection.bootstrapServers), QStringLiteral("--topic"),
        shellQuote(QString::fromUtf8(record.topic().data(), qsizetype(record.topic().size()))),
        QStringLiteral("--partition"), QString::number(record.partition())};
    cmd << propertyArguments(connection, QStringLiteral("--property"));
    record.forEachHeader([&](const HeaderRef &h) {
        cmd << QStringLiteral("--header")
            << shellQuote(text(h.name) + QLatin1Char('=') + (h.value ? text(*h.value) : QString()));
        return true;
    });
    cmd << QStringLiteral("--property") << QStringLiteral("parse.key=true");
    if (!record.hasKey() || !record.hasValue()) {
        cmd << QStringLiteral("--property") << QStringLiteral("null.marker=NULL");
    }
    const QString key = record.hasKey() ? text(record.key()) : QStringLiteral("NULL");
    const QString value = record.hasValue() ? oneLineValue(record) : QStringLiteral("NULL");
    return QStringLiteral("printf '%s\\t%s\\n' %1 %2 | %3")
        .arg(shellQuote(key), shellQuote(value), cmd.join(QLatin1Char(' ')));
}

} // namespace edis::inspect
