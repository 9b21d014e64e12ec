#pragma once

#include "KeyViews.h"
#include "core/stored/Listing.h"

#include "core/xmlrpc/XmlRpcValue.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class DhtNode;
class FairShare;
class ItemKeeper;

// Who is calling, as the HTTP layer saw it.
struct ClientInfo
{
    quint32 ipv4 = 0;    // 0 for IPv6 peers
    quint32 account = 0; // whose fair share: the IPv4 address, or the IPv6 /64 prefix hashed
    QString address;
    quint16 port = 0;
    QString userAgent;
};

// The classic Open DHT methods (put, put_removable, get, get_details, rm, ping) with the
// original argument checks, fault strings and status codes, on top of the DHT node.
class ClassicService : public QObject
{
    Q_OBJECT
public:
    struct Reply
    {
        bool close = false; // the original closed the connection without answering
        QByteArray body;    // an XML-RPC response document
    };
    using Done = std::function<void(Reply)>;

    // How long a put waits for a gateway that should be in a DHT (it was given bootstrap nodes)
    // but has no good peer, before it answers 2, "try again".
    static constexpr int joinWaitMs = 1000;

    ClassicService(DhtNode* node, ItemKeeper* keeper, FairShare* share, QObject* parent = nullptr);

    // Handles one request body; done is called once, possibly later (after DHT work).
    void handle(const QByteArray& body, const ClientInfo& client, Done done);

    quint64 callsServed() const { return m_calls; }
    const KeyViews& views() const { return m_views; }
    KeyViews& views() { return m_views; }

    // Stores a classic item put through another door (the REST API) as a put of this client
    // would be: a put time of this gateway's clock, the same fair share, the same keeping.
    // then gets the classic status (0, 1 or 2) and, on 0, the DHT value that holds the item.
    using Stored = std::function<void(int status, const StoredValue& value)>;
    void storeClientItem(const QByteArray& key, const classic::Item& item, quint32 account, Stored then)
    {
        storeAny(key, item, account, std::move(then));
    }
    // Calls then(true) once the DHT this gateway should be in is reachable (at once for a lone
    // gateway), then(false) if it is not within joinWaitMs.
    void whenReachable(std::function<void(bool)> then);

signals:
    // An item this gateway accepted and now keeps (for BackupSender).
    void itemAccepted(const QByteArray& key20, const QByteArray& envelope);

public:
    // Stores an item of the gateway's own (its announcement), as a put from client 0 would be.
    // inDht, if set, follows once the DHT's closest nodes took it (or the attempt ended).
    void storeItem(const QByteArray& key, const classic::Item& item, Done done,
                   std::function<void()> inDht = {})
    {
        store(key, item, 0, std::move(done), std::move(inDht));
    }

private:
    struct Call;
    void put(const Call& call, bool removable, Done done);
    void get(const Call& call, bool details, Done done);
    void rm(const Call& call, Done done);
    void store(const QByteArray& key, classic::Item item, quint32 account, Done done,
               std::function<void()> inDht = {});
    void storeAny(const QByteArray& key, classic::Item item, quint32 account, Stored then,
                  std::function<void()> inDht = {});
    void storeJoined(const QByteArray& key20, classic::Item item, quint32 account, const Stored& done,
                     const std::function<void()>& inDht);
    qint64 nextPutTimeUs();

    DhtNode* m_node;
    ItemKeeper* m_keeper;
    FairShare* m_share;
    qint64 m_lastPutUs = 0;
    quint64 m_calls = 0;

    KeyViews m_views;
};
