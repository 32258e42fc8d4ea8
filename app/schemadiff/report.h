#pragma once
// A short plain-text report of a semantic diff, for the terminal (`edis schema diff`): the
// verdict per mode, then one line per change with its effects, and its explanation under it.

#include "schemadiff.h"

#include <QString>

namespace edis::schemadiff {

struct ReportOptions {
    bool explanations = true; ///< the one-line explanation under each change
};

QString renderReport(const SchemaDiffResult &result, const ReportOptions &options = {});

} // namespace edis::schemadiff
