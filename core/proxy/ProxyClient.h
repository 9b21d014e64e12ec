#pragma once

#include "LineSplitter.h"

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"
#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"
#include "core/kept/KeptPut.h"
#include "core/net/HttpCall.h"
#include "core/stored/ClassicItem.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

class KeptPutKeeper;
class ProxyClient;
class ProxyPutKeeper;

// One call to a modern OpenDHT proxy. After a fetch, values() are the values as a classic
// gateway shows them (oldest classic item first, removed and expired items gone); values of
// other software come first, as raw data, their TTL an upper bound.
class ProxyReply : public GatewayCall
{
    Q_OBJECT
public:
    enum class Expect
    {
        NodeInfo,
        Values,
        Put
    };

    QJsonObject nodeInfo() const { return m_nodeInfo; }

private:
    friend class ProxyClient;
    ProxyReply(ProxyClient* client, Expect expect, const QByteArray& key20);
    void start(HttpCall* call);
    void onReceived(const QByteArray& bytes);
    void onFinished();
    void abortWork() override;

    ProxyClient* m_client;
    Expect m_expect;
    QByteArray m_key20;
    QPointer<HttpCall> m_call;
    LineSplitter m_lines;
    QVector<classic::StoredValue> m_stored;
    qint64 m_receivedBytes = 0;
    QJsonObject m_nodeInfo;
};

// A client of modern OpenDHT proxies (`dhtnode --proxyserver`, REST): node info, every value
// under a key, and classic puts, stored as the same envelopes opendht-gateway stores, so one key
// reaches the same values through either kind of gateway. Keys are sent as the 40-hex InfoHash
// of the classic key (never as text the proxy would hash itself).
class ProxyClient : public GatewayBackend
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl gateway = QUrl(QStringLiteral("http://127.0.0.1:8000/"));
        QString application = QStringLiteral("opendht-browser");
        HttpCall::Limits limits;
        qsizetype maxLineBytes = 128 * 1024; // a 64 KiB value is about 88 KiB of JSON
        int maxValues = 65536;               // a node keeps at most that many under one key
        qint64 maxBytes = 64 * 1024 * 1024;
        qint64 permanentRefreshMs = 22LL * 3600 * 1000; // see ProxyPutKeeper
        // The proxy is opendht-gateway, which keeps a classic item until its TTL ends: no
        // permanent put, nothing for this client to keep alive.
        bool gatewayKeepsItems = false;
    };

    explicit ProxyClient(QNetworkAccessManager* nam, QObject* parent = nullptr);
    void setGateway(const QUrl& url) { m_options.gateway = url; }
    QUrl gateway() const override { return m_options.gateway; }
    GatewayKind kind() const override { return GatewayKind::Proxy; }
    // A proxy has no delete, and no TTL of its own: the remaining TTL comes from the envelope
    // (exact for classic items, an upper bound for other values).
    GatewayCapabilities capabilities() const override { return {false, false, true}; }
    GatewayWatch* watch(const DhtKey& key) override;
    GatewayCall* putValue(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                          const QByteArray& secret) override
    {
        return put(key, value, ttlSeconds, secret);
    }
    GatewayCall* putPlainValue(const DhtKey& key, const PlainValue& value, int ttlSeconds,
                               bool keep = true) override
    {
        return putPlain(key, value, ttlSeconds, keep);
    }
    QString plainValuesRefusal() const override { return {}; }
    GatewayCall* fetchValues(const DhtKey& key) override { return fetchAll(key); }
    GatewayCall* removeValue(const DhtKey& key, const QByteArray& value, const QByteArray& secret,
                             int ttlSeconds) override;
    GatewayCall* probe() override { return nodeInfo(); }
    Options& options() { return m_options; }

    ProxyReply* nodeInfo();
    ProxyReply* fetchAll(const DhtKey& key);
    // Stores a classic item that expires after ttlSeconds (removable with a secret). Beyond 10
    // minutes the proxy is asked to keep it (a permanent put) and this client keeps asking, for
    // exactly the TTL, while it lives (ProxyPutKeeper), or hands it to the KeptPutKeeper set.
    ProxyReply* put(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                    const QByteArray& secret = {});
    // Stores a plain OpenDHT value as it is (its bytes, type and user type, a random value id).
    // A TTL over the type's lifetime is a permanent put kept as a classic one is (also through
    // opendht-gateway, which keeps only its classic items itself), downgraded at the TTL's end;
    // otherwise, or without keep, one plain POST that lives one type lifetime.
    ProxyReply* putPlain(const DhtKey& key, const PlainValue& value, int ttlSeconds, bool keep = true);

    // Puts whose TTL this client is still keeping alive through the proxy.
    int keptPuts() const;
    // Lets them go: the proxy stops refreshing them, the DHT drops them within 10 minutes.
    void stopKeepingPuts();
    // Gives them to newParent, for a client about to be deleted (another gateway is chosen):
    // they go on refreshing at this client's proxy for their whole TTL. newParent must go
    // before this client's network manager.
    void handOverKeptPuts(QObject* newParent);
    // From now on, puts to keep go to this keeper (which may keep them across restarts)
    // instead of being kept by this client.
    void setPutKeeper(KeptPutKeeper* keeper) override;

private:
    friend class ProxyReply;
    QList<QPointer<ProxyPutKeeper>> m_keepers;
    QPointer<KeptPutKeeper> m_putKeeper;
    ProxyReply* refused(GatewayError::Kind kind, const QString& message);
    KeptPut keptPut(const DhtKey& key, const QByteArray& plainBody, qint64 ttlEndMs) const;
    // After the first permanent POST was accepted: to the keeper set, or kept by this client.
    void keepPut(const KeptPut& kept, const QNetworkRequest& request, int ttlSeconds);
    QNetworkRequest request(const QString& path) const;

    QNetworkAccessManager* m_nam;
    Options m_options;
};
