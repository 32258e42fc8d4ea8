// test_pipeline: every test class of the pipeline model area, in one executable.

#include <QCoreApplication>

int runCatalogueTests(int argc, char **argv);
int runModelTests(int argc, char **argv);
int runValidationTests(int argc, char **argv);
int runFileTests(int argc, char **argv);
int runFileBoundsTests(int argc, char **argv);
int runClipboardTests(int argc, char **argv);
int runCliTests(int argc, char **argv);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (auto run : {runCatalogueTests, runModelTests, runValidationTests, runFileTests, runFileBoundsTests,
             runClipboardTests, runCliTests}) {
        failures += run(argc, argv);
    }
    return failures == 0 ? 0 : 1;
}
