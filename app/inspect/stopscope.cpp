#include "stopscope.h"

namespace edis::inspect {

namespace {
thread_local const StopScope *innermost = nullptr;
} // namespace

StopScope::StopScope(std::stop_token stop)
    : token_(std::move(stop))
    , outer_(innermost)
{
    innermost = this;
}

StopScope::~StopScope()
{
    innermost = outer_;
}

std::stop_token StopScope::current()
{
    return innermost ? innermost->token_ : std::stop_token();
}

bool StopScope::active()
{
    return innermost != nullptr;
}

} // namespace edis::inspect
