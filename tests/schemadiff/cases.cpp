#include "cases.h"

namespace schemadifftest {

QStringList summarize(const edis::schemadiff::SchemaDiffResult &result)
{
    using namespace edis::schemadiff;
    QStringList out;
    for (const Change &c : result.changes) {
        QString line = QStringLiteral("%1 %2 %3 %4")
                           .arg(kindId(c.kind), c.path, effectId(c.backward), effectId(c.forward));
        if (c.heuristic) {
            line += QStringLiteral(" heuristic");
        }
        if (c.risk) {
            line += QStringLiteral(" risk");
        }
        out << line;
    }
    out.sort();
    return out;
}

} // namespace schemadifftest
