#pragma once

// What the tests of the CLI's option parsers share: a command line parsed the way the edis
// binary parses it (the connection options and the command's own), then read into the command's
// request by the command's own function.

#include "clicommon.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace edis::test {

template <typename Request>
struct ParsedOptions {
    std::optional<Request> request;
    QString error; ///< the parser's or the reader's refusal
    kafka::ConnectionSettings connection;
};

enum class Bootstrap { Given, NotGiven };

/// Parses `edis COMMAND [--bootstrap-server localhost:9092] ARGUMENTS` with the connection options
/// and `addOptions`, then calls `read(parser, &connection, &error)` for the request.
template <typename Request, typename Read>
ParsedOptions<Request> parseCommandLine(const char *command, void (*addOptions)(QCommandLineParser &),
    const QStringList &arguments, Read read, Bootstrap bootstrap = Bootstrap::Given)
{
    QCommandLineParser parser;
    cli::addConnectionOptions(parser);
    addOptions(parser);
    QStringList line {QString::fromLatin1(command)};
    if (bootstrap == Bootstrap::Given) {
        line << QStringLiteral("--bootstrap-server") << QStringLiteral("localhost:9092");
    }
    ParsedOptions<Request> p;
    if (!parser.parse(line + arguments)) {
        p.error = parser.errorText();
        return p;
    }
    if (bootstrap == Bootstrap::Given && !cli::connectionFromOptions(parser, &p.connection)) {
        p.error = QStringLiteral("connection options refused");
        return p;
    }
    p.request = read(parser, &p.connection, &p.error);
    return p;
}

/// "a b  c" as {"a", "b", "c"}.
inline QStringList words(const QString &line)
{
    return line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace edis::test
