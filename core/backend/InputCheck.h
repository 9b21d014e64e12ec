#pragma once

#include "core/dht/DhtKey.h"
#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

struct PlainValue;

// The checks of the user's input that both kinds of gateway make before anything is sent,
// with the same words: a key that fits its mode, a value of at most 1024 bytes, a TTL from
// 1 s to a week, a secret of 1 to 40 bytes. Each returns no error (kind None) or the first one.
namespace InputCheck {

GatewayError key(const DhtKey& key);
// secretRequired: a removable put or a removal; otherwise an empty secret means a plain put.
GatewayError put(const DhtKey& key, const QByteArray& value, int ttlSeconds, const QByteArray& secret,
                 bool secretRequired);
// A plain OpenDHT value: a key, at most PlainValue::maxBytes of data and user type, a TTL.
GatewayError plain(const DhtKey& key, const PlainValue& value, int ttlSeconds);
GatewayError remove(const DhtKey& key, const QByteArray& secret, int ttlSeconds);

} // namespace InputCheck
