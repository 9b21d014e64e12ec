#pragma once

#include "core/dht/DhtKey.h"
#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

struct PlainValue;

// The checks of the user's input, in one wording for the CLI, the put form and both kinds of
// gateway (which check again before anything is sent): a key that fits its mode, a value of at
// most DhtLimits::maxValueBytes, a TTL from 1 s to DhtLimits::maxTtlSeconds, a secret of 1 to
// DhtLimits::maxSecretBytes. Each returns no error (kind None) or the first one; the message is
// a clause ("the value is 1030 bytes; at most 1024 fit") that a caller may make a sentence of.
namespace InputCheck {

// One field at a time, so that the put form can show each problem beside its field.
GatewayError key(const DhtKey& key);
GatewayError value(const QByteArray& value);
GatewayError plainValue(const PlainValue& value);
GatewayError ttl(int seconds);
// required: a removable put or a removal; otherwise an empty secret means a plain put.
GatewayError secret(const QByteArray& secret, bool required);

// A whole call.
GatewayError put(const DhtKey& key, const QByteArray& value, int ttlSeconds, const QByteArray& secret,
                 bool secretRequired);
// A plain OpenDHT value: a key, at most PlainValue::maxBytes of data and user type, a TTL.
GatewayError plain(const DhtKey& key, const PlainValue& value, int ttlSeconds);
GatewayError remove(const DhtKey& key, const QByteArray& secret, int ttlSeconds);

// "The value is 1030 bytes; at most 1024 fit.": the message as a sentence of its own.
QString sentence(const GatewayError& error);

} // namespace InputCheck
