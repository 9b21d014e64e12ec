#include "ClassicService.h"

#include "DhtNode.h"
#include "FairShare.h"
#include "ItemKeeper.h"

#include "core/xmlrpc/XmlRpcReader.h"
#include "core/xmlrpc/XmlRpcWriter.h"

#include <QDateTime>

#include <chrono>

using xmlrpc::Value;
using xmlrpc::Writer;
using T = xmlrpc::Value::Type;

namespace {

constexpr int maxValuesPerKey = 65536 - 256;

qint64 nowUs()
{
    // Microseconds, not milliseconds: puts at two gateways within one millisecond still have
    // the order in which they were answered.
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

ClassicService::Reply faultReply(const QString& message)
{
    return {false, Writer::fault(message)};
}

ClassicService::Reply exceptionReply(const QString& message)
{
    return faultReply(QStringLiteral("java.lang.Exception: ") + message);
}

ClassicService::Reply crashReply()
{
    // What the 2006 gateway answered when its handler threw (empty key, foreign placemark).
    return faultReply(QStringLiteral("java.lang.reflect.InvocationTargetException"));
}

ClassicService::Reply statusReply(int status)
{
    return {false, Writer::response(Value::fromInt(status))};
}

struct Signature
{
    const char* handler;
    QList<T> types;
};

const QHash<QString, Signature>& signatures()
{
    static const QHash<QString, Signature> table{
        {QStringLiteral("put"), {"XmlRpcPutHandler", {T::Base64, T::Base64, T::Int, T::String}}},
        {QStringLiteral("put_removable"),
         {"XmlRpcPutHandler", {T::Base64, T::Base64, T::String, T::Base64, T::Int, T::String}}},
        {QStringLiteral("get"), {"XmlRpcGetHandler", {T::Base64, T::Int, T::Base64, T::String}}},
        {QStringLiteral("get_details"), {"XmlRpcGetHandler", {T::Base64, T::Int, T::Base64, T::String}}},
        {QStringLiteral("rm"),
         {"XmlRpcRmHandler", {T::Base64, T::Base64, T::String, T::Base64, T::Int, T::String}}},
        {QStringLiteral("ping"), {"XmlRpcPingHandler", {}}},
    };
    return table;
}

// Apache XML-RPC picked a Java method by the exact types of the parameters; a mismatch named
// the method it looked for, with the gateway's three hidden trailing parameters.
QString noSuchMethod(const QString& method, const Signature& sig, const QList<Value>& params)
{
    QStringList types;
    for (const Value& p : params)
        types << p.javaTypeName();
    types << QStringLiteral("java.lang.String") << QStringLiteral("java.net.InetSocketAddress")
          << QStringLiteral("bamboo.util.Curry$Thunk1");
    return QStringLiteral("java.lang.NoSuchMethodException: bamboo.dht.Gateway$") +
           QString::fromLatin1(sig.handler) + u'.' + method + u'(' + types.join(QStringLiteral(", ")) + u')';
}

bool matches(const QList<Value>& params, const QList<T>& types)
{
    if (params.size() != types.size())
        return false;
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (!params[i].is(types[i]))
            return false;
    }
    return true;
}

qint32 clampTtl(qint32 ttl)
{
    return std::min(ttl, DhtLimits::maxTtlSeconds);
}

} // namespace

struct ClassicService::Call
{
    const QList<Value>& params;
    const ClientInfo& client;
    QByteArray bytes(int i) const { return params[i].toBytes(); }
};

ClassicService::ClassicService(DhtNode* node, ItemKeeper* keeper, FairShare* share, QObject* parent)
    : QObject(parent)
    , m_node(node)
    , m_keeper(keeper)
    , m_share(share)
    , m_views(node)
{
}

void ClassicService::handle(const QByteArray& body, const ClientInfo& client, Done done)
{
    const auto parsed = xmlrpc::Reader::readCall(body);
    if (!parsed.ok()) {
        done({true, {}});
        return;
    }
    ++m_calls;
    const QString& method = parsed.call.methodName;
    const auto sig = signatures().constFind(method);
    if (sig == signatures().cend()) {
        done(exceptionReply(QStringLiteral("no such handler: ") + method));
        return;
    }
    if (!matches(parsed.call.params, sig->types)) {
        done(faultReply(noSuchMethod(method, *sig, parsed.call.params)));
        return;
    }
    const Call call{parsed.call.params, client};
    if (method == u"ping") {
        const QString ua = client.userAgent.isEmpty() ? QStringLiteral("unknown") : client.userAgent;
        done({false, Writer::response(Value::fromString(client.address + u':' + QString::number(client.port) +
                                                        QStringLiteral(", XML: ") + ua))});
    } else if (method == u"put" || method == u"put_removable") {
        put(call, method == u"put_removable", std::move(done));
    } else if (method == u"get" || method == u"get_details") {
        get(call, method == u"get_details", std::move(done));
    } else {
        rm(call, std::move(done));
    }
}

qint64 ClassicService::nextPutTimeUs()
{
    // Strictly increasing, so that two puts in one microsecond still have an order.
    m_lastPutUs = std::max(nowUs(), m_lastPutUs + 1);
    return m_lastPutUs;
}

void ClassicService::put(const Call& call, bool removable, Done done)
{
    const QByteArray key = call.bytes(0);
    const QByteArray value = call.bytes(1);
    if (key.size() > DhtLimits::keyBytes)
        return done(exceptionReply(QStringLiteral("key is longer than 20 bytes")));
    if (value.size() > DhtLimits::maxValueBytes)
        return done(exceptionReply(QStringLiteral("value is longer than 1024 bytes")));
    classic::Item item;
    if (removable) {
        const QString hashType = call.params[2].toString();
        if (hashType != u"SHA")
            return done(
                exceptionReply(QStringLiteral("unknown secret hash algorithm: \"%1\"").arg(hashType)));
        const QByteArray secretHash = call.bytes(3);
        if (secretHash.size() > DhtLimits::hashBytes)
            return done(exceptionReply(QStringLiteral("secret hash is longer than 20 bytes")));
        if (secretHash.size() != DhtLimits::hashBytes)
            return done(crashReply());
        item.secretHash = secretHash;
    }
    if (key.isEmpty())
        return done(crashReply());
    const int last = int(call.params.size()) - 1;
    item.kind = classic::Item::Kind::Put;
    item.ttl = clampTtl(call.params[last - 1].toInt());
    item.valueHash = classic::sha1(value);
    item.clientIp = call.client.ipv4;
    item.application = call.params[last].toString().toUtf8();
    item.data = value;
    store(key, item, call.client.account, std::move(done));
}

void ClassicService::rm(const Call& call, Done done)
{
    const QByteArray key = call.bytes(0);
    const QByteArray valueHash = call.bytes(1);
    const QString hashType = call.params[2].toString();
    const QByteArray secret = call.bytes(3);
    if (key.size() > DhtLimits::keyBytes)
        return done(exceptionReply(QStringLiteral("key is longer than 20 bytes")));
    if (valueHash.size() > DhtLimits::hashBytes)
        return done(exceptionReply(QStringLiteral("value_hash is longer than 20 bytes")));
    if (hashType != u"SHA")
        return done(exceptionReply(QStringLiteral("unknown secret hash algorithm: \"%1\"").arg(hashType)));
    if (secret.size() > DhtLimits::maxSecretBytes)
        return done(exceptionReply(QStringLiteral("secret is longer than 40 bytes")));
    if (key.isEmpty())
        return done(crashReply());
    if (valueHash.size() != DhtLimits::hashBytes)
        return done(statusReply(0)); // can match nothing; rm never tells
    classic::Item item;
    item.kind = classic::Item::Kind::Remove;
    // Even an rm whose TTL is over at once hides the puts made before it (classic::Listing).
    item.ttl = std::max(0, clampTtl(call.params[4].toInt()));
    item.secretHash = classic::sha1(secret);
    item.valueHash = valueHash;
    item.clientIp = call.client.ipv4;
    item.application = call.params[5].toString().toUtf8();
    item.data = secret; // the proof: gateways honour a removal only when its hash matches
    store(key, item, call.client.account, std::move(done));
}

void ClassicService::store(const QByteArray& key, classic::Item item, quint32 account, Done done,
                           std::function<void()> inDht)
{
    storeAny(
        key, std::move(item), account, [done](int status, const StoredValue&) { done(statusReply(status)); },
        std::move(inDht));
}

void ClassicService::storeAny(const QByteArray& key, classic::Item item, quint32 account, Stored done,
                              std::function<void()> inDht)
{
    m_keeper->notePut();
    if (item.kind == classic::Item::Kind::Put && item.ttl <= 0)
        return done(0, {}); // stored already expired, as the original did
    const QByteArray key20 = classic::canonicalKey(key);
    if (key20 == QByteArray(DhtLimits::keyBytes, '\0'))
        return done(2, {}); // libopendht has no such InfoHash: nothing can be stored
    // A libopendht node keeps at most 65 536 values under one key and drops more silently:
    // near that, say "over capacity" rather than 0 for a value nobody would ever see.
    if (m_views.valueCount(key20) >= maxValuesPerKey)
        return done(1, {});
    // Each new key costs libopendht a search held for an hour (DhtNode::admitSearch).
    if (m_node->admitSearch(key20, account) != SearchBudget::Verdict::Counted)
        return done(1, {});
    whenReachable(
        [this, key20, item = std::move(item), account, done = std::move(done), inDht](bool reachable) {
            if (!reachable)
                return done(2, {}); // meant to be in a DHT, and not a single peer: try again
            storeJoined(key20, item, account, done, inDht);
        });
}

void ClassicService::whenReachable(std::function<void(bool)> then)
{
    // A good peer is one that answered lately (what GET / calls health "ok"); dead peers stay
    // "dubious" for a minute or more and reach nobody. The figures of the last second will do
    // while there are good peers; only without, it is asked again, every 50 ms.
    if (m_node->options().bootstrap.isEmpty() || m_node->stats().goodPeers() > 0)
        return then(true); // a lone gateway (the embedded default) is its whole DHT
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    auto* poll = new QTimer(this);
    poll->setInterval(50);
    connect(poll, &QTimer::timeout, this, [this, poll, waited, then] {
        const bool reachable = m_node->freshStats().goodPeers() > 0;
        if (reachable || waited->hasExpired(joinWaitMs)) {
            poll->deleteLater();
            poll->stop();
            then(reachable);
        }
    });
    poll->start();
}

void ClassicService::storeJoined(const QByteArray& key20, classic::Item item, quint32 account,
                                 const Stored& done, const std::function<void()>& inDht)
{
    const qint64 now = nowUs();
    item.putTimeUs = nextPutTimeUs();
    // The commitment is what the gateway will keep: a removal is kept a week past its TTL.
    const qint64 keepSeconds = (item.keepUntilUs() - item.putTimeUs) / DhtLimits::secondUs;
    const StoredValue value{item.dhtValueId(key20), DhtNode::classicType, item.encode(),
                            DhtValueType::lifetimeSeconds(DhtNode::classicType)};
    // Every byte it makes the gateway hold counts, the application name included.
    if (!m_share->admit(account, FairShare::costOf(value.data.size()), keepSeconds, now))
        return done(1, {});
    // Status 0 means held: recorded (on disk with a state directory) and kept in the DHT from
    // now on. The copies to other nodes follow; dead peers delay nobody.
    std::function<void(bool)> announced;
    if (inDht)
        announced = [inDht](bool) { inDht(); };
    const auto recorded = [this, key20, value, done](bool held) {
        if (!held)
            return done(2, {}); // could not be written to disk: try again, or elsewhere
        // This gateway's clients read their own writes at once, whatever the DHT's pace.
        m_views.stored(key20, value);
        done(0, value);
        emit itemAccepted(key20, value.data);
    };
    m_keeper->keep({key20, value, item.keepUntilUs(), {}, account}, recorded, announced);
}

void ClassicService::get(const Call& call, bool details, Done done)
{
    const QByteArray key = call.bytes(0);
    const qint32 maxvals = call.params[1].toInt();
    const QByteArray placemark = call.bytes(2);
    if (key.size() > DhtLimits::keyBytes)
        return done(exceptionReply(QStringLiteral("key is longer than 20 bytes")));
    if (placemark.size() > classic::placemarkBytes)
        return done(exceptionReply(QStringLiteral("placemark is longer than 77 bytes")));
    if (key.isEmpty() || (!placemark.isEmpty() && placemark.size() != classic::placemarkBytes))
        return done(crashReply());
    const auto reply = [details, placemark, maxvals, done](const classic::Listing& listing) {
        const qint64 now = nowUs();
        const auto page = listing.page(placemark, maxvals, now);
        QList<Value> values;
        values.reserve(page.entries.size());
        for (const auto* e : page.entries) {
            if (e->meta && e->meta->isEncrypted())
                continue; // nothing a classic client could read: its bytes are a cypher for someone else
            if (!details) {
                values.append(Value::fromBytes(e->data()));
                continue;
            }
            const auto left = qint32(std::max<qint64>(0, (e->expiryUs - now) / 1000000));
            values.append(Value::fromArray({Value::fromBytes(e->data()), Value::fromInt(left),
                                            Value::fromString(QStringLiteral("SHA")),
                                            Value::fromBytes(e->secretHash())}));
        }
        done({false, Writer::response(
                         Value::fromArray({Value::fromArray(values), Value::fromBytes(page.placemark)}))});
    };
    if ((maxvals & 0xFFFF) == 0)
        return reply(classic::Listing());
    const QByteArray key20 = classic::canonicalKey(key);
    if (const QString why = m_views.refusalToOpen(key20, call.client.account); !why.isEmpty())
        return done(exceptionReply(why));
    m_views.read(key20, call.client.account, reply);
}
