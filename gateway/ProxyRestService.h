#pragma once

#include "ClassicService.h"
#include "KeyListPolicy.h"
#include "PermanentPuts.h"
#include "ProxyRoute.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace dht {
struct Value;
}
class DhtNode;
class FairShare;
class HttpConnection;
class StoredKeys;

// The OpenDHT proxy REST API of `dhtnode --proxyserver` 2.4.12 (see gateway/README.md, "The
// proxy REST API"), answered from the same key views as the classic get and admitted by the
// same fair share as classic puts, so that today's OpenDHT clients (libopendht's proxy client:
// Jami, `dhtnode --proxyclient`) and classic clients share one gateway and one set of values.
class ProxyRestService : public QObject
{
    Q_OBJECT
public:
    // A permanent put is kept alive this long after its last POST (proxy::OP_TIMEOUT).
    static constexpr int permanentSeconds = 24 * 3600;
    // Listens a client (an IPv4 address, an IPv6 /64) may hold, and all together.
    static constexpr int maxListensPerClient = 32;
    static constexpr int maxListens = 512;
    // Notices a listener may leave unread before its connection is closed.
    static constexpr qsizetype listenBacklogBytes = 1024 * 1024;

    using StatusProvider = std::function<QByteArray(const ClientInfo&)>;
    ProxyRestService(DhtNode* node, ClassicService* classic, FairShare* share, StatusProvider status,
                     QObject* parent = nullptr);

    // GET /keys (ours, beside the proxy's routes): who may list, and the listing.
    void setKeyListing(StoredKeys* keys, KeyListPolicy policy);

    void handle(const ProxyRoute& route, const QByteArray& body, const ClientInfo& client,
                HttpConnection* connection);

    int listenCount() const { return m_listens; }
    int permanentPuts() const { return int(m_permanent.size()); }
    // The proxy's node info: node_id, ipv4/ipv6 good, dubious and incoming peers, ops.
    QJsonObject nodeInfo() const;

private:
    class ListenStream;

    void get(const QByteArray& key20, const ClientInfo& client, HttpConnection* connection);
    void listen(const QByteArray& key20, const ClientInfo& client, HttpConnection* connection);
    void put(const QByteArray& key20, const QByteArray& body, const ClientInfo& client,
             HttpConnection* connection);
    void putClassic(const QByteArray& key20, const dht::Value& value, const ClientInfo& client,
                    HttpConnection* connection);
    void putRaw(const QByteArray& key20, std::shared_ptr<dht::Value> value, bool permanent,
                const ClientInfo& client, HttpConnection* connection);
    void notePermanent(const QByteArray& key20, const dht::Value& value, bool permanent);
    void expirePermanent();
    QByteArray stats() const;
    void listKeys(const QByteArray& query, const ClientInfo& client, HttpConnection* connection);

    DhtNode* m_node;
    ClassicService* m_classic;
    FairShare* m_share;
    StatusProvider m_status;
    PermanentPuts m_permanent;
    QTimer m_permanentTimer;
    QHash<quint32, int> m_listensOf;
    int m_listens = 0;
    quint64 m_requests = 0;
    QElapsedTimer m_since;
    StoredKeys* m_keys = nullptr;
    KeyListPolicy m_listPolicy;
};
