// test_schemadiff: the semantic diff per format, the plain text diff and the report, in one
// executable.

#include <QCoreApplication>

int runAvroDiffTests(int argc, char **argv);
int runProtobufDiffTests(int argc, char **argv);
int runJsonSchemaDiffTests(int argc, char **argv);
int runTextDiffTests(int argc, char **argv);
int runReportTests(int argc, char **argv);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (auto run :
        {runAvroDiffTests, runProtobufDiffTests, runJsonSchemaDiffTests, runTextDiffTests, runReportTests}) {
        failures += run(argc, argv);
    }
    return failures == 0 ? 0 : 1;
}
