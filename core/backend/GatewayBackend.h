#pragma once

#include "GatewayCall.h"
#include "GatewayWatch.h"
#include "PlainValue.h"

#include "core/dht/DhtKey.h"

#include <QObject>
#include <QUrl>

class KeptPutKeeper;

// The two kinds of gateway the browser and the CLI talk to.
enum class GatewayKind
{
    Classic, // classic Open DHT XML-RPC (opendht-gateway, or any old gateway)
    Proxy    // a modern OpenDHT REST proxy (dhtnode --proxyserver)
};

// What a kind of gateway can do, so that a UI shows or greys out what applies.
struct GatewayCapabilities
{
    bool remove = false;   // a removable put can be taken back (rm)
    bool exactTtl = false; // the gateway itself reports each value's remaining TTL
    bool push = false;     // a watch is pushed changes (else it fetches again periodically)
};

// One interface to a gateway of either kind. Keys are ClassicKeys: one key typed once reaches
// the same values through either kind. Calls check what they can before sending, and finish
// with an input error (nothing sent) when that fails.
class GatewayBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual GatewayKind kind() const = 0;
    virtual GatewayCapabilities capabilities() const = 0;
    virtual QUrl gateway() const = 0;

    // Stores value under key for ttlSeconds; with a secret, removable with it (where the kind can).
    virtual GatewayCall* putValue(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                                  const QByteArray& secret) = 0;
    // Stores a plain OpenDHT value (not a classic item) through the proxy REST API, where the
    // gateway speaks it, else finishes with an Unsupported error saying why (see
    // plainValuesRefusal). keep: a TTL longer than the type's lifetime is kept alive (a
    // permanent put, refreshed, downgraded at the end); false: one plain POST, nothing more.
    virtual GatewayCall* putPlainValue(const DhtKey& key, const PlainValue& value, int ttlSeconds,
                                       bool keep = true) = 0;
    // Why this gateway cannot take plain values now, in words; empty when it can.
    virtual QString plainValuesRefusal() const = 0;
    // Puts to keep alive go to keeper (not owned), which may keep them across restarts.
    virtual void setPutKeeper(KeptPutKeeper* keeper) = 0;
    // Every value under the key, with remaining TTL and removability.
    virtual GatewayCall* fetchValues(const DhtKey& key) = 0;
    // Takes back a value put with a secret; an error where the kind cannot (see capabilities).
    virtual GatewayCall* removeValue(const DhtKey& key, const QByteArray& value, const QByteArray& secret,
                                     int ttlSeconds) = 0;
    // Keeps the key live until the watch is stopped or deleted (it belongs to this backend).
    virtual GatewayWatch* watch(const DhtKey& key) = 0;
    // A cheap round trip that shows the gateway answers as its kind should.
    virtual GatewayCall* probe() = 0;

signals:
    // What the gateway can do changed (it was found to speak another protocol as well).
    void capabilitiesChanged();

public:
    static QString kindName(GatewayKind kind)
    {
        return kind == GatewayKind::Classic ? QStringLiteral("classic") : QStringLiteral("proxy");
    }
};
