#pragma once

#include <QString>

// How a call to a gateway ended, in the one classification every part shares: the probe's
// samples, the chooser, the gateway dock, the gateway check, the kind probe and opendht-cli's
// exit codes (as qBittorrent's errorCodeToString, one table of the words).
enum class CallOutcome
{
    Ok,
    Refused,      // the connection was refused
    HostNotFound, // the name does not resolve
    Timeout,      // nothing came, or not all of it, in time
    Closed,       // the server closed the connection without a reply
    Network,      // another network failure (unreachable, reset in the middle of a reply)
    Tls,          // the TLS handshake failed
    TooLarge,     // the reply went over its size limit
    HttpStatus,   // answered with a status that is not 2xx
    BadAnswer,    // answered, but not as a gateway of its kind (malformed, fault, wrong page)
    Cancelled     // we gave up on it
};

// No usable answer came (refused, unreachable, timed out, closed, cancelled), as opposed to an
// answer that was an error: the one definition of "a network error".
bool isNetworkError(CallOutcome outcome);

// The outcome in a word or two, for a status column ("ok", "refused", "timeout", "wrong
// protocol"...); translated.
QString outcomeWord(CallOutcome outcome);
