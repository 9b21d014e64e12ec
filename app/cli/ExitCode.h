#pragma once

#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

// opendht-cli's exit codes, so scripts can tell what happened.
enum ExitCode
{
    ExitOk = 0,
    ExitUsage = 2,    // bad command line or bad input (refused before anything was sent)
    ExitNotFound = 3, // get/details: no value under the key
    ExitGateway = 4,  // the gateway answered, but with an error (fault, status 1 or 2, malformed reply)
    ExitNetwork = 5   // no usable answer: refused, unreachable, timeout, closed
};

inline ExitCode exitCodeFor(const GatewayError& e)
{
    if (!e.isError())
        return ExitOk;
    if (e.isInputError())
        return ExitUsage;
    return e.isNetworkError() ? ExitNetwork : ExitGateway;
}
