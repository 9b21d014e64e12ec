#include "ProxyRestService.h"

#include "DhtNode.h"
#include "FairShare.h"
#include "HttpConnection.h"
#include "ProxyJson.h"
#include "StoredKeys.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <json/json.h>
#include <opendht/value.h>

namespace {

// The proxy's error bodies, word for word (the colon in "err:" is upstream's).
const QByteArray missingParameters = "{\"err\":\"Missing parameters\"}";
const QByteArray incorrectJson = "{\"err:\":\"Incorrect JSON\"}";
const QByteArray internalError = "{\"err\":\"Internal server error\"}";
const QByteArray optionsHeaders = "Access-Control-Allow-Methods: OPTIONS, GET, POST, LISTEN\r\n"
                                  "Access-Control-Allow-Headers: content-type\r\n"
                                  "Access-Control-Max-Age: 86400\r\n";

// A put that failed: the proxy's words, and the classic status that says why (1: over this
// client's fair share or the key's limit, 2: no DHT to store it in, try again).
QByteArray putFailed(int status)
{
    return "{\"err\":\"Put failed\",\"status\":" + QByteArray::number(status) + '}';
}

QJsonObject peersJson(const PeerCounts& p)
{
    return {{QStringLiteral("good"), int(p.good)},
            {QStringLiteral("dubious"), int(p.dubious)},
            {QStringLiteral("incoming"), int(p.incoming)}};
}

QByteArray bytesOf(const std::vector<uint8_t>& blob)
{
    return QByteArray(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size()));
}

QByteArray errorJson(const QString& text)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("err"), text}}).toJson(QJsonDocument::Compact);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

// One GET /key/{key}/listen: the key's values, then each change, as chunks of JSON lines,
// until the client closes. It lives on the connection, and ends with it.
class ProxyRestService::ListenStream : public QObject
{
public:
    ListenStream(ProxyRestService* service, const QByteArray& key20, const ClientInfo& client,
                 HttpConnection* connection)
        : QObject(connection)
        , m_service(service)
        , m_account(client.account)
    {
        ++service->m_listens;
        ++service->m_listensOf[m_account];
        connect(connection, &HttpConnection::closed, this, &ListenStream::stop);
        QPointer<HttpConnection> out(connection);
        m_handle = views().watch(key20, m_account, [out](const QVector<StoredValue>& values, bool expired) {
            if (!out)
                return;
            QByteArray lines;
            for (const StoredValue& v : values)
                ProxyJson::appendValue(lines, v, expired);
            out->writeChunk(lines, listenBacklogBytes);
        });
    }
    ~ListenStream() override { stop(); }

    void stop()
    {
        // The service may be gone already when the gateway is torn down.
        if (!m_handle || !m_service)
            return;
        views().unwatch(std::exchange(m_handle, 0));
        --m_service->m_listens;
        if (--m_service->m_listensOf[m_account] <= 0)
            m_service->m_listensOf.remove(m_account);
    }

private:
    KeyViews& views() { return m_service->m_classic->views(); }

    QPointer<ProxyRestService> m_service;
    quint32 m_account;
    quint64 m_handle = 0;
};

ProxyRestService::ProxyRestService(DhtNode* node, ClassicService* classic, FairShare* share,
                                   StatusProvider status, QObject* parent)
    : QObject(parent)
    , m_node(node)
    , m_classic(classic)
    , m_share(share)
    , m_status(std::move(status))
{
    m_since.start();
    connect(&m_permanentTimer, &QTimer::timeout, this, &ProxyRestService::expirePermanent);
    m_permanentTimer.start(std::chrono::minutes(1));
}

void ProxyRestService::handle(const ProxyRoute& route, const QByteArray& body, const ClientInfo& client,
                              HttpConnection* connection)
{
    using K = ProxyRoute::Kind;
    ++m_requests;
    switch (route.kind) {
    case K::NodeInfo:
        return connection->answer(200, m_status(client));
    case K::NodeStats:
        return connection->answer(200, stats());
    case K::Get:
        return get(route.key20, client, connection);
    case K::Put:
        return put(route.key20, body, client, connection);
    case K::Listen:
        return listen(route.key20, client, connection);
    case K::Options:
        return connection->answer(200, {}, optionsHeaders);
    case K::Push:
        return connection->answer(
            501, "{\"err\":\"Push notifications are not offered by this gateway: listen with GET "
                 "/key/{key}/listen\"}");
    case K::Keys:
        return listKeys(route.query, client, connection);
    case K::Classic:
    case K::NotImplemented:
        break;
    }
    connection->answer(501, {});
}

void ProxyRestService::setKeyListing(StoredKeys* keys, KeyListPolicy policy)
{
    m_keys = keys;
    m_listPolicy = policy;
}

void ProxyRestService::listKeys(const QByteArray& query, const ClientInfo& client, HttpConnection* connection)
{
    if (!m_keys || !m_listPolicy.allows(QHostAddress(client.address)))
        return connection->answer(403, errorJson(m_listPolicy.refusal()));
    const QUrlQuery q(QString::fromLatin1(query));
    const QString cursor = q.queryItemValue(QStringLiteral("cursor"));
    if (!cursor.isEmpty() && (cursor.size() != 40 || !ProxyRoute::startsWithHash(cursor.toLatin1())))
        return connection->answer(400, errorJson(QStringLiteral("cursor wants the 40 hex digits of a key")));
    int limit = StoredKeys::defaultLimit;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = q.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1)
            return connection->answer(
                400,
                errorJson(QStringLiteral("limit wants a number from 1 to %1").arg(StoredKeys::maxLimit)));
    }
    // Above the bound a page is the bound: a client asking for everything still gets pages.
    limit = std::min(limit, StoredKeys::maxLimit);
    QPointer<HttpConnection> out(connection);
    m_keys->page(QByteArray::fromHex(cursor.toLatin1()), limit, [out](const QByteArray& lines) {
        if (out)
            out->answer(200, lines);
    });
}

QJsonObject ProxyRestService::nodeInfo() const
{
    const NodeStats s = m_node->stats();
    return {{QStringLiteral("node_id"), m_node->nodeId()},
            {QStringLiteral("ipv4"), peersJson(s.ipv4)},
            {QStringLiteral("ipv6"), peersJson(s.ipv6)},
            // libopendht counts its ongoing searches; ours are the keys watched for readers.
            {QStringLiteral("ops"), m_classic->views().size()}};
}

QByteArray ProxyRestService::stats() const
{
    const double seconds = std::max<double>(1, double(m_since.elapsed()) / 1000);
    const QJsonObject doc{{QStringLiteral("listenCount"), m_listens},
                          {QStringLiteral("nodeInfo"), nodeInfo()},
                          {QStringLiteral("pushListenersCount"), 0},
                          {QStringLiteral("putCount"), m_permanent.keys()},
                          {QStringLiteral("requestRate"), double(m_requests) / seconds},
                          {QStringLiteral("totalPermanentPuts"), m_permanent.size()}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n';
}

void ProxyRestService::get(const QByteArray& key20, const ClientInfo& client, HttpConnection* connection)
{
    if (const QString why = m_classic->views().refusalToOpen(key20, client.account); !why.isEmpty())
        return connection->answer(503, errorJson(why));
    QPointer<HttpConnection> out(connection);
    m_classic->views().readLines(key20, client.account, [out](const QByteArray& lines) {
        if (!out)
            return;
        out->beginStream();
        // Chunks of a reasonable size, cut after a line: a whole key of 8 MiB is never one chunk.
        constexpr qsizetype chunkBytes = 256 * 1024;
        qsizetype at = 0;
        while (at < lines.size()) {
            qsizetype end = std::min(lines.size(), at + chunkBytes);
            const qsizetype newline = end < lines.size() ? lines.lastIndexOf('\n', end - 1) : -1;
            if (newline >= at)
                end = newline + 1;
            out->writeChunk(QByteArrayView(lines).sliced(at, end - at),
                            std::numeric_limits<qsizetype>::max());
            at = end;
        }
        out->endStream();
    });
}

void ProxyRestService::listen(const QByteArray& key20, const ClientInfo& client, HttpConnection* connection)
{
    if (m_listens >= maxListens || m_listensOf.value(client.account) >= maxListensPerClient)
        return connection->answer(503, "{\"err\":\"Too many listens\"}");
    if (const QString why = m_classic->views().refusalToOpen(key20, client.account); !why.isEmpty())
        return connection->answer(503, errorJson(why));
    connection->holdOpen();
    connection->beginStream();
    new ListenStream(this, key20, client, connection);
}

void ProxyRestService::put(const QByteArray& key20, const QByteArray& body, const ClientInfo& client,
                           HttpConnection* connection)
{
    if (body.isEmpty())
        return connection->answer(400, missingParameters);
    Json::Value root;
    try {
        // jsoncpp's defaults, as the proxy parses: comments allowed, trailing bytes ignored.
        const std::unique_ptr<Json::CharReader> reader(Json::CharReaderBuilder().newCharReader());
        std::string error;
        if (!reader->parse(body.constData(), body.constData() + body.size(), &root, &error))
            return connection->answer(400, incorrectJson);
    } catch (const std::exception&) {
        return connection->answer(400, incorrectJson); // nested deeper than jsoncpp allows
    }
    std::shared_ptr<dht::Value> value;
    try {
        if (!root.isObject())
            throw std::invalid_argument("not an object");
        value = std::make_shared<dht::Value>(root);
    } catch (const std::exception&) {
        return connection->answer(500, internalError); // a type that is no number, an owner that is no key...
    }
    if (value->type == DhtNode::classicType)
        return putClassic(key20, *value, client, connection);
    putRaw(key20, value, root.isMember("permanent"), client, connection);
}

void ProxyRestService::putClassic(const QByteArray& key20, const dht::Value& value, const ClientInfo& client,
                                  HttpConnection* connection)
{
    // A classic item (our clients put them through REST too): stored as the classic service
    // stores one, with this gateway's put time, and kept until its end (so "permanent" does
    // not apply). Only an authentic envelope is taken, as from any other DHT node.
    const QByteArray data = bytesOf(value.data);
    const classic::EnvelopeView envelope(data);
    if (!envelope.isValid() || !envelope.isAuthentic())
        return connection->answer(400, "{\"err\":\"Not an authentic classic item\"}");
    classic::Item item = classic::Item::decode(data);
    item.ttl = std::clamp(item.ttl, 0, DhtLimits::maxTtlSeconds);
    item.clientIp = client.ipv4;
    QPointer<HttpConnection> out(connection);
    const StoredValue posted = DhtNode::stored(value);
    m_classic->storeClientItem(key20, item, client.account, [out, posted](int status, const StoredValue& v) {
        if (!out)
            return;
        if (status != 0)
            return out->answer(502, putFailed(status));
        out->answer(200, ProxyJson::value(v.id ? v : posted)); // a TTL of 0 stores nothing
    });
}

void ProxyRestService::putRaw(const QByteArray& key20, std::shared_ptr<dht::Value> value, bool permanent,
                              const ClientInfo& client, HttpConnection* connection)
{
    if (value->id == dht::Value::INVALID_ID) {
        // A permanent put without an id is first matched by content, as the proxy does, so
        // that a client's refresh does not make a second value.
        value->id = permanent ? m_permanent.idOf(key20, value->type, bytesOf(value->data)) : 0;
        while (value->id == dht::Value::INVALID_ID)
            value->id = QRandomGenerator::global()->generate64();
    }
    // Costed as a classic put: what the gateway holds (data and all it carries, plus what a
    // value costs besides) for as long as it keeps it: a permanent put the 24 h of its timer
    // from this POST, a plain one its type's lifetime. A refresh is charged again.
    const StoredValue stored = DhtNode::stored(*value);
    const qint64 bytes = stored.data.size() + (stored.meta ? stored.meta->bytes() : 0);
    const qint64 seconds = permanent ? permanentSeconds : stored.lifetimeSeconds;
    if (m_node->admitSearch(key20, client.account) != SearchBudget::Verdict::Counted ||
        !m_share->admit(client.account, FairShare::costOf(bytes), seconds, nowMs() * 1000))
        return connection->answer(502, putFailed(1));
    QPointer<HttpConnection> out(connection);
    m_classic->whenReachable([this, out, key20, value, permanent, stored](bool reachable) {
        if (!reachable) {
            if (out)
                out->answer(502, putFailed(2));
            return;
        }
        // Answered once this node holds it, as a classic put is: the copies to the closest
        // nodes follow, and dead peers delay nobody.
        m_node->putValue(key20, value, permanent);
        notePermanent(key20, *value, permanent);
        m_classic->views().stored(key20, stored);
        if (out)
            out->answer(200, ProxyJson::value(stored));
    });
}

void ProxyRestService::notePermanent(const QByteArray& key20, const dht::Value& value, bool permanent)
{
    // A plain re-POST of a permanent value is the proxy's downgrade: libopendht stops
    // refreshing it, and it ends one lifetime later.
    if (!permanent)
        return m_permanent.remove(key20, value.id);
    m_permanent.note(
        {key20, value.id, value.type, bytesOf(value.data), nowMs() + qint64(permanentSeconds) * 1000});
}

void ProxyRestService::expirePermanent()
{
    // A slice at a time: a flood's puts end within the same minute, a day after it.
    constexpr int slice = 1000;
    const auto ended = m_permanent.takeEnded(nowMs(), slice);
    for (const PermanentPuts::Put& p : ended)
        m_node->release(p.key20, p.id);
    if (ended.size() == slice)
        QTimer::singleShot(0, this, &ProxyRestService::expirePermanent);
}
