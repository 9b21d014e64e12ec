#pragma once

#include "core/stored/ClassicItem.h"

#include <QString>

// A value as a modern OpenDHT proxy (dhtnode --proxyserver, REST) writes it: one JSON object a
// line, {"data": base64, "id": "decimal", "type": n, ...}, with "expired": true when a listen
// reports it gone. Encrypted or signed values from other software are tolerated.
namespace ProxyValue {

struct Decoded
{
    classic::StoredValue value;
    bool expired = false;
    QString error; // empty when the line was a value
};

// checkedBy: the gateway that served the line, recorded as the checker of a signed value's
// signature (a proxy serves no value whose signature fails).
Decoded decode(const QByteArray& line, const QString& checkedBy = {});

// The POST body that stores a classic item through a proxy.
QByteArray encodePut(quint64 id, const QByteArray& envelope, bool permanent = false);

} // namespace ProxyValue
