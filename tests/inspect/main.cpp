// Runs every test class linked into this executable.

#include "testrecords.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return edis::test::runRegisteredTests(argc, argv);
}
