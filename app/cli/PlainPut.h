#pragma once

#include "core/backend/PlainValue.h"
#include "core/dht/DhtKey.h"

#include <QString>

class GatewayBackend;

// `opendht-cli put --plain`: a plain OpenDHT value (its bytes, --type, --user-type) for other
// software to read, through an OpenDHT proxy or opendht-gateway's REST API. A TTL longer than
// the type's lifetime is kept: the command stays in the foreground, refreshing the permanent
// put, and downgrades it at the TTL's end (as `put --keep` does for classic items); --once
// sends one plain POST and warns when the value ends before its TTL.
class PlainPut
{
public:
    struct Request
    {
        DhtKey key;
        PlainValue value;
        int ttlSeconds = 3600;
        bool once = false;
        QString application;
    };
    static int run(GatewayBackend* backend, const Request& request);
};
