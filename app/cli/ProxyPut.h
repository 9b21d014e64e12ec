#pragma once

#include "core/dht/DhtKey.h"

#include <QByteArray>

class ProxyClient;

// `opendht-cli put` through an OpenDHT proxy. A proxy keeps a permanent put 24 hours after the
// last POST, and this command returns at once: so it says when the value will really leave the
// DHT whenever that is not within 10 minutes of its TTL, and offers --keep (stay and refresh
// until the TTL ends, then downgrade) or a gateway of ours that keeps its items itself.
class ProxyPut
{
public:
    struct Request
    {
        DhtKey key;
        QByteArray value;
        QByteArray secret;
        int ttlSeconds = 3600;
        bool keep = false;
    };
    static int run(ProxyClient* proxy, const Request& request);

private:
    static void advise(const ProxyClient& proxy, int ttlSeconds);
};
