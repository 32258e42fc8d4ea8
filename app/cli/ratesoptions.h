#pragma once

// `edis rates`'s options, read into a request that a test can check without a broker.

#include "metrics/offsetsampler.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace edis::cli {

/// A sample every day at the most: far beyond any use, and it keeps the interval's milliseconds
/// (and the sampler's timer) in range.
inline constexpr double kMaxRatesIntervalSeconds = 86'400;

struct RatesRequest {
    /// Topics, groups and interval; requestTimeout is left to the caller (--timeout).
    metrics::SamplerOptions sampler;
    int samples = 0; ///< stop after this many printed samples; 0: until interrupted
    bool json = false;
    bool partitions = false; ///< each partition as well
};

/// --topic, --group, --interval, --samples, --partitions, --json.
void addRatesOptions(QCommandLineParser &parser);

/// Reads the options addRatesOptions() added from a parsed `parser`. On a bad value: nullopt,
/// and `*error` names the option and says what it expects.
std::optional<RatesRequest> ratesRequestFromOptions(const QCommandLineParser &parser, QString *error);

} // namespace edis::cli
