#pragma once

// What the registry tests share: where the real registry is, subject names no other run uses,
// and a way to wait for one asynchronous client call.

#include "registry/registryclient.h"

#include <QRandomGenerator>
#include <QTest>

#include <optional>

namespace edis::test {

/// The Confluent-compatible URL of the registry tests/services/registry.sh started, or empty.
inline QString registryUrl()
{
    return qEnvironmentVariable("EDIS_TEST_REGISTRY_URL");
}

inline const char *kNoRegistry
    = "EDIS_TEST_REGISTRY_URL is not set: run the suite with tests/run.sh, or start a registry with "
      "`tests/services/registry.sh start DIR` and load DIR/registry.env (set -a; . DIR/registry.env; set +a)";

/// A prefix that keeps this run's subjects apart from other runs on the same registry.
inline QString uniquePrefix(const char *test)
{
    return QStringLiteral("edis-%1-%2-")
        .arg(QLatin1String(test))
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

/// Runs `call(callback)` and spins the event loop until the callback came (or `timeoutMs`).
template <typename T, typename Call>
registry::Result<T> await(Call call, int timeoutMs = 30000)
{
    std::optional<registry::Result<T>> result;
    call([&result](const registry::Result<T> &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs)) {
        return registry::RegistryError::make(registry::RegistryError::Kind::Timeout,
            QStringLiteral("the test waited %1 ms in vain").arg(timeoutMs));
    }
    return *result;
}

} // namespace edis::test

/// QVERIFY that a Result succeeded, printing the error when it did not.
#define EDIS_VERIFY_OK(result) QVERIFY2((result).ok(), qPrintable((result).error().message))
/// QVERIFY that an error is of a kind, printing its kind and sentence when it is not.
#define EDIS_VERIFY_KIND(error, expected)                                                                    \
    QVERIFY2((error).kind == (expected),                                                                     \
        qPrintable(QStringLiteral("got %1 (%2), expected %3")                                                \
                       .arg(edis::registry::kindId((error).kind), (error).message,                           \
                           edis::registry::kindId(expected))))
