#pragma once

#include "core/net/CallOutcome.h"

#include <QString>

// What went wrong with a gateway call, as a kind a program can act on and a sentence (naming
// the gateway where one was involved) a person can read.
struct GatewayError
{
    enum class Kind
    {
        None,
        BadKey,
        ValueTooLong,
        TtlOutOfRange,
        BadSecret,
        OverCapacity,      // status 1
        TryAgainExhausted, // status 2, retried until the attempts ran out
        Fault,             // an XML-RPC fault: the gateway's own text is in the message
        ConnectionRefused,
        HostNotFound,
        Timeout,
        ClosedUnanswered, // what classic gateways do with a request they cannot parse
        HttpStatus,
        MalformedReply,
        ReplyTooLarge,
        PagingLoop, // the gateway sent a placemark twice, or far too many pages
        Network,
        Cancelled,
        Unsupported // the kind of gateway cannot do it (a proxy cannot remove)
    };

    Kind kind = Kind::None;
    QString message;

    bool isError() const { return kind != Kind::None; }
    // Errors of the user's input, found before anything was sent.
    bool isInputError() const
    {
        return kind == Kind::BadKey || kind == Kind::ValueTooLong || kind == Kind::TtlOutOfRange ||
               kind == Kind::BadSecret;
    }
    // The kind in the classification every part shares (see CallOutcome).
    CallOutcome outcome() const;
    // No usable answer came (refused, unreachable, timed out, closed, cancelled), as opposed to
    // an answer that was an error (see isNetworkError(CallOutcome)).
    bool isNetworkError() const { return ::isNetworkError(outcome()); }
};
