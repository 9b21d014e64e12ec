#pragma once

#include "ExitCode.h"

#include "core/backend/GatewayCall.h"

#include <QEventLoop>
#include <QString>

#include <cstdio>

// What the put commands share: a line on stderr, and a call waited for in a local event loop.
namespace CallWait {

inline void printError(const QString& message)
{
    std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(message));
}

// Runs until the call ends, prints its error if it has one, and returns the exit code.
inline int wait(GatewayCall* call)
{
    QEventLoop loop; // finished() is queued: connecting after the call cannot miss it
    QObject::connect(call, &GatewayCall::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (call->error().isError())
        printError(call->error().message);
    return exitCodeFor(call->error());
}

} // namespace CallWait
