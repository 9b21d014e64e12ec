#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// What a gateway's answer to GET / says of its DHT node: the peers it has, and for our own
// gateway its health in a word. A stock OpenDHT proxy gives only the peer counts, a snapshot it
// refreshes every 2 minutes (see docs/real-networks.md); opendht-gateway gives the
// figures of the moment, the network it joined and "lone", "joining", "ok" or "isolated".
struct NodeInfo
{
    bool ours = false;       // opendht-gateway (else a stock proxy)
    QString health;          // ours only
    bool speaksRest = false; // ours, serving the proxy REST API beside XML-RPC
    int goodPeers = 0;       // both families
    int incomingPeers = 0;
    QString network = {}; // ours only: the DhtNetwork it joined, by name
    qint64 networkId = 0; // ours only

    // No peer at all: for a proxy, its DHT is cut off; ours says so itself, or is alone by
    // design ("lone").
    bool isolated() const { return ours ? health == u"isolated" : goodPeers == 0 && incomingPeers == 0; }

    // Nothing when the body is neither kind's node info.
    static std::optional<NodeInfo> parse(const QByteArray& body);
};
