#pragma once

// The stop token of the job running on this thread, for code deep under it whose interface has
// no room for one: a decoder that may have to fetch a schema (registry::SchemaCache's blocking
// fetch) while a consumer thread filters a topic. The job sets it for its run; code that waits
// asks for it, and a stop then ends the wait within milliseconds.

#include <stop_token>

namespace edis::inspect {

class StopScope {
public:
    /// Makes `stop` this thread's current stop token until the scope ends (scopes nest).
    explicit StopScope(std::stop_token stop);
    ~StopScope();
    StopScope(const StopScope &) = delete;
    StopScope &operator=(const StopScope &) = delete;

    /// The innermost scope's token on this thread; a token that is never stopped without one.
    static std::stop_token current();
    /// Whether a scope is active on this thread (a caller that has none must not wait long).
    static bool active();

private:
    std::stop_token token_;
    const StopScope *outer_;
};

} // namespace edis::inspect
