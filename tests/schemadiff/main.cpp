// test_schemadiff: the semantic diff per format, the plain text diff and the report, in one
// executable.

#include <QCoreApplication>

int runAvroDiffTests(int argc, char **argv);
int runProtobufDiffTests(int argc, char **argv);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (auto run : {runAvroDiffTests, runProtobufDiffTests}) {
        failures += run(argc, argv);
    }
    return failures == 0 ? 0 : 1;
}
