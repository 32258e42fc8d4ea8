#pragma once

// Helpers of the edis_schema tests: the test-class registry of this executable, and bytes from hex.

#include <QObject>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace edis::test {

using TestFactory = std::function<std::unique_ptr<QObject>()>;
bool registerSchemaTest(TestFactory factory);
int runSchemaTests(int argc, char **argv);

/// "0a ff 10" (spaces optional) as bytes.
std::string fromHex(std::string_view hex);
/// Bytes as lowercase hex without spaces.
std::string toHex(std::string_view bytes);

} // namespace edis::test

#define EDIS_REGISTER_SCHEMA_TEST(Class)                                                                     \
    static const bool registered##Class [[maybe_unused]]                                                     \
    = edis::test::registerSchemaTest([] { return std::unique_ptr<QObject>(new (Class)); })
