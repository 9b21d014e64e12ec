#pragma once

#include <classic/ClassicKey.h>
#include <classic/ClassicTypes.h>

// The checks of the user's input that both kinds of gateway make before anything is sent,
// with the same words: a key that fits its mode, a value of at most 1024 bytes, a TTL from
// 1 s to a week, a secret of 1 to 40 bytes. Each returns no error (kind None) or the first one.
namespace InputCheck {

ClassicError key(const ClassicKey& key);
// secretRequired: a removable put or a removal; otherwise an empty secret means a plain put.
ClassicError put(const ClassicKey& key, const QByteArray& value, int ttlSeconds, const QByteArray& secret,
                 bool secretRequired);
ClassicError remove(const ClassicKey& key, const QByteArray& secret, int ttlSeconds);

} // namespace InputCheck
