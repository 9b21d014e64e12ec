#pragma once

#include "DecodeResult.h"

#include "core/dht/DhtValue.h"

// One way of reading a value's bytes (msgpack, a certificate, a Jami device announcement...).
// Stateless: match() and decode() may be called for any value, hostile ones included, and
// must return within the bounds of DecodeLimits.
class ValueDecoder
{
public:
    // How well a decoder fits a value, from its type, user type, id and bytes.
    enum Match : int
    {
        None = 0,
        Possible = 20, // the bytes could be read this way: offered, never chosen automatically
        Likely = 50,   // chosen automatically when nothing fits better
        Certain = 90   // the type, the user type or the exact shape says so
    };

    virtual ~ValueDecoder() = default;
    // Stable, for settings: "msgpack", "certificate", ...
    virtual QString id() const = 0;
    // For the user, translated: "msgpack", "X.509 certificate", ...
    virtual QString name() const = 0;
    virtual int match(const DhtValue& value) const = 0;
    virtual DecodeResult decode(const DhtValue& value) const = 0;
};
