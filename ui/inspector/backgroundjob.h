#pragma once

// The inspector's name for util::runInBackground (util/backgroundjob.h), which runs one-off jobs
// on a util::BackgroundWorker; kept while inspectorpage.cpp is being split, so that the split
// and this move do not collide. New code includes util/backgroundjob.h.

#include "util/backgroundjob.h"

namespace edis::ui {

using util::runInBackground;

} // namespace edis::ui
