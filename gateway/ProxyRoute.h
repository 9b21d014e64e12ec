#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Which service a request is for, from its method and target: the OpenDHT proxy REST API
// (the routes of `dhtnode --proxyserver` 2.4.12, legacy /{key} forms included, since
// libopendht's own proxy client gets and puts on them), or the classic service (XML-RPC
// POSTs and status GETs on any other path; anything else there is closed unanswered).
struct ProxyRoute
{
    enum class Kind
    {
        Classic,
        NodeInfo,  // GET /node/info
        NodeStats, // GET /node/stats
        Get,       // GET /key/{key}, GET /{key}
        Put,       // POST /key/{key}, POST /{key}
        Listen,    // GET /key/{key}/listen
        Options,   // GET /key/{key}/options, OPTIONS /{key} and /key/{key}
        Push,      // SUBSCRIBE, UNSUBSCRIBE
        Keys,      // GET /keys: the keys this node stores (ours, not the proxy's; see StoredKeys)
        NotImplemented
    };

    Kind kind = Kind::Classic;
    QByteArray key20;    // the InfoHash, for the key routes
    bool legacy = false; // the /{key} form: a POST there with an XML body is still XML-RPC
    QByteArray query;    // GET /keys: what follows '?' (the proxy's routes ignore it)

    static ProxyRoute parse(QByteArrayView method, QByteArrayView target);
    // As the proxy maps a path segment to an InfoHash: 40 leading hex digits are the hash
    // (whatever follows), anything else is hashed (SHA-1 of the raw text, no percent-decoding).
    static QByteArray keyOf(QByteArrayView segment);
    static bool startsWithHash(QByteArrayView segment);
};
