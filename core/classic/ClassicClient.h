#pragma once

#include "core/dht/DhtKey.h"
#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"
#include "core/stored/ClassicItem.h"

#include "core/backend/GatewayBackend.h"
#include "core/net/HttpCall.h"
#include "core/xmlrpc/XmlRpcValue.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

class ClassicClient;
class ProxyClient;

// One call to a classic gateway (or a whole fetchAll, page after page).
class ClassicReply : public GatewayCall
{
    Q_OBJECT
public:
    enum class Expect
    {
        Status,
        Page,
        DetailsPage,
        Text
    };

    QByteArray placemark() const { return m_placemark; } // after get: where the next page starts
    QString text() const { return m_text; }              // after ping
    int pages() const { return m_pages; }
    int attempts() const { return m_attempts; }

private:
    friend class ClassicClient;
    ClassicReply(ClassicClient* client, const QString& method, const QList<xmlrpc::Value>& params,
                 Expect expect);
    void send();
    void onCallFinished();
    void handleResult(const xmlrpc::Value& result);
    bool readPage(const xmlrpc::Value& result, QList<DhtValue>& page);
    void retryLater();
    void abortWork() override;
    void startBudget();
    bool withinBudget(qint64 bodyBytes);

    ClassicClient* m_client;
    QString m_method;
    QList<xmlrpc::Value> m_params;
    Expect m_expect;
    bool m_fetchAll = false;
    QPointer<HttpCall> m_call;
    QByteArray m_placemark;
    QSet<QByteArray> m_seenPlacemarks;
    QString m_text;
    int m_pages = 0;
    int m_attempts = 0;
    qint64 m_fetchBytes = 0; // a fetchAll: reply bytes of all its pages so far
    QTimer m_fetchDeadline;  // a fetchAll: the time all its pages may take
};

// The classic Open DHT client: what Net::OpenDHT offered (put, fetch every value, application
// name, gateway), asynchronous and cancellable, with every error named. All input checks that
// can be made before sending are made before sending: such a call finishes with an input error
// and no request goes out.
class ClassicClient : public GatewayBackend
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl gateway = QUrl(QStringLiteral("http://127.0.0.1:5851/"));
        QString application = QStringLiteral("opendht-browser");
        HttpCall::Limits limits;
        int tryAgainAttempts = 4;                  // status 2 is retried until this many attempts were made
        int tryAgainDelayMs = 250;                 // doubled after each attempt
        int maxPages = 100000;                     // fetchAll gives up past this many pages,
        qint64 maxFetchBytes = 64LL * 1024 * 1024; // or once its pages' replies passed this,
        int fetchDeadlineMs = 120000;              // or when it took longer than this in all
        int maxValuesPerPage = 100;
        int watchIntervalMs = 5000; // a watch fetches the key again this often
    };

    explicit ClassicClient(QNetworkAccessManager* nam, QObject* parent = nullptr);

    // Another gateway: REST stays off until told (or detected) again.
    void setGateway(const QUrl& url)
    {
        m_options.gateway = url;
        setProxyRest(false);
    }
    QUrl gateway() const override { return m_options.gateway; }
    GatewayKind kind() const override { return GatewayKind::Classic; }
    GatewayCapabilities capabilities() const override { return {true, true, usesProxyRest()}; }
    GatewayWatch* watch(const DhtKey& key) override;
    GatewayCall* putValue(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                          const QByteArray& secret) override;
    GatewayCall* fetchValues(const DhtKey& key) override;
    // Through the REST API when the gateway speaks it (opendht-gateway); XML-RPC has no types.
    GatewayCall* putPlainValue(const DhtKey& key, const PlainValue& value, int ttlSeconds,
                               bool keep = true) override;
    QString plainValuesRefusal() const override;
    void setPutKeeper(KeptPutKeeper* keeper) override;
    // The REST client while the gateway speaks it, else null.
    ProxyClient* proxyRest() const { return m_rest; }
    GatewayCall* removeValue(const DhtKey& key, const QByteArray& value, const QByteArray& secret,
                             int ttlSeconds) override
    {
        return rm(key, value, secret, ttlSeconds);
    }
    GatewayCall* probe() override { return ping(); }
    void setApplication(const QString& name);
    QString application() const { return m_options.application; }
    Options& options() { return m_options; }

    static constexpr int maxValueBytes = DhtLimits::maxValueBytes;

    // opendht-gateway also speaks the OpenDHT proxy REST API on the same URL: one request
    // fetches a whole key (no paging) and a watch is pushed changes. When on, fetchValues(),
    // plain puts (classic items, which classic clients see) and watch() go through it; puts
    // with a secret, rm, get pages and ping stay XML-RPC, which only that can do.
    void setProxyRest(bool on);
    bool usesProxyRest() const { return m_rest != nullptr; }
    // Turns it on if the gateway's GET / says it speaks both; calls made before the answer
    // (or when it says nothing of the kind) stay classic.
    void detectProxyRest();
    // Whether a GET / document is our gateway's, speaking both protocols.
    static bool offersProxyRest(const QByteArray& getRootBody);

    ClassicReply* put(const DhtKey& key, const QByteArray& value, int ttlSeconds);
    ClassicReply* putRemovable(const DhtKey& key, const QByteArray& value, const QByteArray& secret,
                               int ttlSeconds);
    ClassicReply* get(const DhtKey& key, int maxValues, const QByteArray& placemark = {});
    ClassicReply* getDetails(const DhtKey& key, int maxValues, const QByteArray& placemark = {});
    // Every value under the key, page after page, until the gateway's empty placemark.
    ClassicReply* fetchAll(const DhtKey& key, bool details = false);
    // Removes the value put with put_removable and this secret (the gateway answers 0 whether or
    // not anything matched, as classic gateways did). ttl must outlive the value's remaining TTL.
    ClassicReply* rm(const DhtKey& key, const QByteArray& value, const QByteArray& secret, int ttlSeconds);
    ClassicReply* ping();

private:
    friend class ClassicReply;
    ClassicReply* make(const QString& method, const QList<xmlrpc::Value>& params,
                       ClassicReply::Expect expect);
    ClassicReply* refused(const GatewayError& error);
    HttpCall* startCall(const QByteArray& body, QObject* parent);

    QNetworkAccessManager* m_nam;
    Options m_options;
    ProxyClient* m_rest = nullptr;       // a child: its calls and watches end with this client
    QPointer<KeptPutKeeper> m_putKeeper; // given to m_rest, for its plain puts
};
