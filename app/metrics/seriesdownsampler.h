#pragma once

#include <QList>

namespace edis::metrics {

/// Reduces a time series to at most `maxPoints` points by averaging equal time buckets, so a
/// day at 1 s resolution is not handed point by point to a plot 1,500 pixels wide. Unknown
/// values (NaN) are left out of the averages; a bucket with no known value stays NaN (a gap).
/// `keys` must be sorted. Does nothing when maxPoints <= 0 or the series is already short enough.
void downsampleByAverage(QList<double> &keys, QList<double> &values, int maxPoints);

} // namespace edis::metrics
