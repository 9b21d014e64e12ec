#include "GatewayError.h"

CallOutcome GatewayError::outcome() const
{
    switch (kind) {
    case Kind::None:
        return CallOutcome::Ok;
    case Kind::ConnectionRefused:
        return CallOutcome::Refused;
    case Kind::HostNotFound:
        return CallOutcome::HostNotFound;
    case Kind::Timeout:
        return CallOutcome::Timeout;
    case Kind::ClosedUnanswered:
        return CallOutcome::Closed;
    case Kind::Network:
        return CallOutcome::Network;
    case Kind::Cancelled:
        return CallOutcome::Cancelled;
    case Kind::ReplyTooLarge:
        return CallOutcome::TooLarge;
    case Kind::HttpStatus:
        return CallOutcome::HttpStatus;
    // The gateway answered, and the answer was an error or no answer of its protocol; the input
    // errors never reach a gateway, so none is a network error either.
    case Kind::BadKey:
    case Kind::ValueTooLong:
    case Kind::TtlOutOfRange:
    case Kind::BadSecret:
    case Kind::OverCapacity:
    case Kind::TryAgainExhausted:
    case Kind::Fault:
    case Kind::MalformedReply:
    case Kind::PagingLoop:
    case Kind::Unsupported:
        break;
    }
    return CallOutcome::BadAnswer;
}
