#pragma once

// What the RabbitMQ management tests share: where the real node is (tests/services/rabbitmq.sh
// writes the EDIS_TEST_RABBITMQ_* variables), names no other run uses, and a way to wait for one
// asynchronous client call.

#include "rabbit/managementclient.h"

#include <QTest>
#include <QUuid>

#include <optional>

namespace edis::test {

inline const char *kRabbitHint
    = "run the suite with tests/run.sh, or start a node with `tests/services/rabbitmq.sh start DIR` "
      "and load DIR/rabbitmq.env (set -a; . DIR/rabbitmq.env; set +a)";

/// The variable's value; empty (and the test should QFAIL with missingRabbitEnv) when unset.
inline QString rabbitEnv(const char *name)
{
    return qEnvironmentVariable(name);
}

inline QByteArray missingRabbitEnv(const char *name)
{
    return QByteArray(name) + " is not set: " + kRabbitHint;
}

/// A prefix that keeps this run's queues and exchanges apart from other runs on the same node.
inline QString uniqueRabbitPrefix(const char *test)
{
    return QStringLiteral("edis-%1-%2-")
        .arg(QLatin1String(test), QUuid::createUuid().toString(QUuid::Id128).left(12));
}

/// Runs `call(callback)` and spins the event loop until the callback came (or `timeoutMs`).
template <typename T, typename Call>
rabbit::Result<T> awaitRabbit(Call call, int timeoutMs = 30000)
{
    std::optional<rabbit::Result<T>> result;
    call([&result](const rabbit::Result<T> &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs)) {
        return rabbit::ManagementError::make(rabbit::ManagementError::Kind::Timeout,
            QStringLiteral("the test waited %1 ms in vain").arg(timeoutMs));
    }
    return *result;
}

} // namespace edis::test

/// QVERIFY that a Result succeeded, printing the error when it did not.
#define EDIS_RABBIT_OK(result) QVERIFY2((result).ok(), qPrintable((result).error().message))
/// QVERIFY that an error is of a kind, printing its kind and sentence when it is not.
#define EDIS_RABBIT_KIND(error, expected)                                                                    \
    QVERIFY2((error).kind == (expected),                                                                     \
        qPrintable(                                                                                          \
            QStringLiteral("got %1 (%2), expected %3")                                                       \
                .arg(edis::rabbit::kindId((error).kind), (error).message, edis::rabbit::kindId(expected))))
