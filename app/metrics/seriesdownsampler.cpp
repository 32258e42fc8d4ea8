#include "metrics/seriesdownsampler.h"

#include <cmath>
#include <limits>

namespace edis::metrics {

void downsampleByAverage(QList<double> &keys, QList<double> &values, int maxPoints)
{
    const qsizetype n = keys.size();
    if (maxPoints <= 0 || n <= maxPoints || n != values.size()) {
        return;
    }
    const double first = keys.first();
    const double span = keys.last() - first;
    if (!(span > 0)) {
        return;
    }
    const double width = span / maxPoints;
    QList<double> outKeys;
    QList<double> outValues;
    outKeys.reserve(maxPoints + 1);
    outValues.reserve(maxPoints + 1);
    qsizetype i = 0;
    while (i < n) {
        const auto bucket = static_cast<qint64>((keys[i] - first) / width);
        double keySum = 0;
        double valueSum = 0;
        qsizetype count = 0;
        qsizetype known = 0;
        while (i < n && static_cast<qint64>((keys[i] - first) / width) == bucket) {
            keySum += keys[i];
            ++count;
            if (!std::isnan(values[i])) {
                valueSum += values[i];
                ++known;
            }
            ++i;
        }
        outKeys.push_back(keySum / static_cast<double>(count));
        outValues.push_back(
            known > 0 ? valueSum / static_cast<double>(known) : std::numeric_limits<double>::quiet_NaN());
    }
    keys = std::move(outKeys);
    values = std::move(outValues);
}

} // namespace edis::metrics
