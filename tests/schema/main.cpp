// Runs every test class of edis_schema linked into this executable.

#include "schematest.h"

#include <QCoreApplication>
#include <QtTest>

#include <vector>

namespace edis::test {

namespace {

std::vector<TestFactory> &factories()
{
    static std::vector<TestFactory> all;
    return all;
}

} // namespace

bool registerSchemaTest(TestFactory factory)
{
    factories().push_back(std::move(factory));
    return true;
}

int runSchemaTests(int argc, char **argv)
{
    int failures = 0;
    for (const auto &make : factories()) {
        const auto test = make();
        failures += QTest::qExec(test.get(), argc, argv);
    }
    return failures;
}

std::string fromHex(std::string_view hex)
{
    std::string out;
    int high = -1;
    for (const char c : hex) {
        int v = -1;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            v = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            v = c - 'A' + 10;
        } else {
            continue;
        }
        if (high < 0) {
            high = v;
        } else {
            out.push_back(char(high << 4 | v));
            high = -1;
        }
    }
    return out;
}

std::string toHex(std::string_view bytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0xF]);
    }
    return out;
}

} // namespace edis::test

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return edis::test::runSchemaTests(argc, argv);
}
