#pragma once

// How RegistryClient reads what came back: the facts of one finished HTTP exchange become a
// JSON value or a classified RegistryError (refused, 401, 40401, "not a registry", ...). Pure
// functions of the facts, so that each case is a table row in the tests.

#include "registry/registryerror.h"
#include "util/httpreply.h"

#include <QByteArray>
#include <QJsonValue>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

#include <chrono>

namespace edis::registry {

using ReplyFacts = util::HttpReplyFacts;

struct HttpAnswer {
    RegistryError error; ///< Kind::None when a 2xx answer carried JSON
    QJsonValue json; ///< the body of a successful answer (objects, arrays and bare numbers)
    int httpStatus = 0;
    QString endpoint;
    QString request;
};

HttpAnswer interpretReply(const ReplyFacts &facts);

/// The error for a successful answer whose JSON is not what the API returns there.
RegistryError unexpectedAnswer(const HttpAnswer &answer);

/// The registry's reason without a Java exception's class name in front
/// ("io.apicurio...RuleViolationException: Incompatible artifact" -> "Incompatible artifact").
QString withoutExceptionName(const QString &message);

} // namespace edis::registry
