#include "ProxyClient.h"

#include "ProxyPutKeeper.h"

#include "ProxyValue.h"
#include "ProxyWatch.h"
#include "core/backend/InputCheck.h"
#include "core/kept/KeptPutKeeper.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>

#include "core/stored/Listing.h"

using Kind = GatewayError::Kind;

namespace {

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

// The proxy's error bodies are {"err": "..."} (or {"err:": "..."}, an upstream typo).
QString proxyError(const QByteArray& body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QString err = o.value(QStringLiteral("err")).toString(o.value(QStringLiteral("err:")).toString());
    return err.isEmpty() ? QString() : QStringLiteral(": \"%1\"").arg(err.left(200));
}

// The POST body of a plain value, without "permanent". The id is a string: a JSON number would
// lose precision above 2^53 (proxy-rest.md 3.2); empty data is left out, as "" would store two
// zero bytes.
QByteArray plainBody(quint64 id, const PlainValue& value)
{
    QJsonObject o{{QStringLiteral("id"), QString::number(id)}, {QStringLiteral("type"), int(value.type)}};
    if (!value.data.isEmpty())
        o.insert(QStringLiteral("data"), QString::fromLatin1(value.data.toBase64()));
    if (!value.userType.isEmpty())
        o.insert(QStringLiteral("utype"), value.userType);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray withPermanent(const QByteArray& body)
{
    QJsonObject o = QJsonDocument::fromJson(body).object();
    o.insert(QStringLiteral("permanent"), true);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

// ----------------------------------------------------------------------------------- reply

ProxyReply::ProxyReply(ProxyClient* client, Expect expect, const QByteArray& key20)
    : GatewayCall(client)
    , m_client(client)
    , m_expect(expect)
    , m_key20(key20)
    , m_lines(client->m_options.maxLineBytes)
{
}

void ProxyReply::start(HttpCall* call)
{
    m_call = call;
    call->setStreaming(m_expect == Expect::Values);
    connect(call, &HttpCall::received, this, &ProxyReply::onReceived);
    connect(call, &HttpCall::finished, this, &ProxyReply::onFinished);
    call->start();
}

void ProxyReply::abortWork()
{
    // Aborted now, not when the event loop gets to deleteLater: a hostile proxy streaming an
    // endless body would otherwise be read on meanwhile.
    if (HttpCall* call = std::exchange(m_call, nullptr)) {
        call->disconnect(this);
        call->cancel();
        call->deleteLater();
    }
}

void ProxyReply::onReceived(const QByteArray& bytes)
{
    if (isFinished() || !m_call || m_call->httpStatus() < 200 || m_call->httpStatus() > 299)
        return; // an error status: onFinished() reports it
    const auto& o = m_client->m_options;
    const QString who = m_client->gateway().authority();
    m_receivedBytes += bytes.size();
    QList<QByteArray> lines;
    // Each limit named on its own, so that the user knows which one to raise.
    if (!m_lines.append(bytes, lines)) {
        abortWork();
        return finishWith(Kind::ReplyTooLarge,
                          tr("%1 sent a line over %2 bytes").arg(who).arg(o.maxLineBytes));
    }
    if (m_receivedBytes > o.maxBytes) {
        abortWork();
        return finishWith(
            Kind::ReplyTooLarge,
            tr("%1 sent over %2 bytes in all (the fetch's byte budget)").arg(who).arg(o.maxBytes));
    }
    const QString checker =
        m_client->gateway().toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    for (const QByteArray& line : std::as_const(lines)) {
        const auto d = ProxyValue::decode(line, checker);
        if (!d.error.isEmpty()) {
            abortWork();
            return finishWith(
                Kind::MalformedReply,
                tr("malformed reply from %1, value %2: %3").arg(who).arg(m_stored.size()).arg(d.error));
        }
        if (!d.expired)
            m_stored.append(d.value);
        if (m_stored.size() > o.maxValues) {
            abortWork();
            return finishWith(Kind::ReplyTooLarge,
                              tr("%1 sent more than %2 values").arg(who).arg(o.maxValues));
        }
    }
    if (!lines.isEmpty())
        emit progress(int(m_stored.size()), 0);
}

void ProxyReply::onFinished()
{
    HttpCall* call = m_call;
    if (!call || isFinished())
        return;
    call->deleteLater();
    m_call = nullptr;
    noteExchange(*call);
    const QString who = m_client->gateway().authority();
    if (call->error() != HttpCall::Error::None) {
        // opendht-gateway says which classic status a failed put had: the classic words then.
        const int status =
            QJsonDocument::fromJson(call->body()).object().value(QStringLiteral("status")).toInt();
        if (m_expect == Expect::Put && call->httpStatus() == 502 && status == 1)
            return finishWith(
                Kind::OverCapacity,
                tr("%1 is over capacity for this client (status 1): back off before trying again").arg(who));
        if (m_expect == Expect::Put && call->httpStatus() == 502 && status == 2)
            return finishWith(Kind::TryAgainExhausted,
                              tr("%1 answered \"try again\" (status 2): it has no DHT peer now").arg(who));
        return finishWith(GatewayCall::errorKind(call->error()),
                          call->errorString() + proxyError(call->body()));
    }
    switch (m_expect) {
    case Expect::NodeInfo: {
        const QJsonDocument doc = QJsonDocument::fromJson(call->body());
        if (!doc.isObject() || !doc.object().contains(QStringLiteral("node_id")))
            return finishWith(Kind::MalformedReply,
                              tr("%1 answered GET / without a node_id: not an OpenDHT proxy?").arg(who));
        m_nodeInfo = doc.object();
        return finishWith();
    }
    case Expect::Put:
        return finishWith();
    case Expect::Values:
        if (!m_lines.rest().trimmed().isEmpty())
            return finishWith(Kind::MalformedReply,
                              tr("malformed reply from %1: the last line is cut off").arg(who));
        const qint64 now = nowUs();
        const QList<DhtValue> values = classic::Listing(m_key20, m_stored, now).values(now);
        addValues(values, 1);
        return finishWith();
    }
}

// ---------------------------------------------------------------------------------- client

ProxyClient::ProxyClient(QNetworkAccessManager* nam, QObject* parent)
    : GatewayBackend(parent)
    , m_nam(nam)
{
}

int ProxyClient::keptPuts() const
{
    return int(
        std::count_if(m_keepers.cbegin(), m_keepers.cend(), [](const auto& k) { return !k.isNull(); }));
}

void ProxyClient::stopKeepingPuts()
{
    for (const auto& keeper : std::as_const(m_keepers)) {
        if (keeper)
            keeper->cancel();
    }
}

void ProxyClient::handOverKeptPuts(QObject* newParent)
{
    for (const auto& keeper : std::as_const(m_keepers)) {
        if (keeper)
            keeper->setParent(newParent);
    }
    m_keepers.clear();
}

void ProxyClient::setPutKeeper(KeptPutKeeper* keeper)
{
    m_putKeeper = keeper;
}

GatewayWatch* ProxyClient::watch(const DhtKey& key)
{
    return new ProxyWatch(m_options.gateway, key, m_options.maxLineBytes, this);
}

GatewayCall* ProxyClient::removeValue(const DhtKey&, const QByteArray&, const QByteArray&, int)
{
    return refused(
        Kind::Unsupported,
        tr("%1 is an OpenDHT proxy: proxies cannot remove values").arg(m_options.gateway.authority()));
}

QNetworkRequest ProxyClient::request(const QString& path) const
{
    QUrl url = m_options.gateway;
    url.setPath(path);
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::UserAgentHeader, HttpCall::userAgent(m_options.application));
    return r;
}

ProxyReply* ProxyClient::refused(Kind kind, const QString& message)
{
    auto* reply = new ProxyReply(this, ProxyReply::Expect::Put, {});
    reply->finishWith(kind, message);
    return reply;
}

ProxyReply* ProxyClient::nodeInfo()
{
    auto* reply = new ProxyReply(this, ProxyReply::Expect::NodeInfo, {});
    reply->start(new HttpCall(m_nam, request(QStringLiteral("/")), "GET", {}, m_options.limits, reply));
    return reply;
}

ProxyReply* ProxyClient::fetchAll(const DhtKey& key)
{
    if (const GatewayError e = InputCheck::key(key); e.isError())
        return refused(e.kind, e.message);
    auto* reply = new ProxyReply(this, ProxyReply::Expect::Values, key.infoHash());
    reply->start(new HttpCall(m_nam, request(QStringLiteral("/key/") + key.infoHashHex()), "GET", {},
                              m_options.limits, reply));
    return reply;
}

KeptPut ProxyClient::keptPut(const DhtKey& key, const QByteArray& plainBody, qint64 ttlEndMs) const
{
    KeptPut p;
    p.key = key.input();
    p.keyMode = DhtKey::modeName(key.mode());
    p.keyHex = key.infoHashHex();
    p.proxy = m_options.gateway;
    p.body = plainBody;
    p.ttlEnd = QDateTime::fromMSecsSinceEpoch(ttlEndMs, Qt::UTC);
    return p;
}

ProxyReply* ProxyClient::put(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                             const QByteArray& secret)
{
    if (const GatewayError e = InputCheck::put(key, value, ttlSeconds, secret, false); e.isError())
        return refused(e.kind, e.message);
    classic::Item item;
    item.putTimeUs = nowUs();
    item.ttl = ttlSeconds;
    item.data = value;
    item.valueHash = classic::sha1(value);
    if (!secret.isEmpty())
        item.secretHash = classic::sha1(secret);
    item.application = m_options.application.toUtf8();
    const QByteArray key20 = key.infoHash();
    QNetworkRequest r = request(QStringLiteral("/key/") + key.infoHashHex());
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const quint64 id = item.dhtValueId(key20);
    auto plan = ProxyPutKeeper::plan(ttlSeconds, int(m_options.permanentRefreshMs / 1000));
    if (m_options.gatewayKeepsItems)
        plan = {};
    auto* reply = new ProxyReply(this, ProxyReply::Expect::Put, key20);
    reply->start(new HttpCall(m_nam, r, "POST", ProxyValue::encodePut(id, item.encode(), plan.permanent),
                              m_options.limits, reply));
    if (plan.permanent) {
        const QByteArray plain = ProxyValue::encodePut(id, item.encode());
        const KeptPut kept = keptPut(key, plain, item.putTimeUs / 1000 + qint64(ttlSeconds) * 1000);
        connect(reply, &GatewayCall::finished, this, [this, reply, r, ttlSeconds, kept] {
            if (reply->ok())
                keepPut(kept, r, ttlSeconds);
        });
    }
    return reply;
}

void ProxyClient::keepPut(const KeptPut& kept, const QNetworkRequest& request, int ttlSeconds)
{
    if (m_putKeeper)
        return m_putKeeper->keep(kept);
    auto* keeper = new ProxyPutKeeper(m_nam, request, kept.body, qint64(ttlSeconds) * 1000,
                                      m_options.permanentRefreshMs, m_options.limits, this);
    connect(keeper, &ProxyPutKeeper::done, keeper, &QObject::deleteLater);
    m_keepers.append(keeper);
}

ProxyReply* ProxyClient::putPlain(const DhtKey& key, const PlainValue& value, int ttlSeconds, bool keep)
{
    if (const GatewayError e = InputCheck::plain(key, value, ttlSeconds); e.isError())
        return refused(e.kind, e.message);
    const qint64 putMs = QDateTime::currentMSecsSinceEpoch();
    // A fixed id of its own, so that refreshes and the downgrade reach this very value.
    const quint64 id = QRandomGenerator::system()->generate64() | 1;
    const QByteArray plain = plainBody(id, value);
    const bool permanent = keep && value.needsKeeping(ttlSeconds);
    const QByteArray key20 = key.infoHash();
    QNetworkRequest r = request(QStringLiteral("/key/") + key.infoHashHex());
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    auto* reply = new ProxyReply(this, ProxyReply::Expect::Put, key20);
    reply->start(
        new HttpCall(m_nam, r, "POST", permanent ? withPermanent(plain) : plain, m_options.limits, reply));
    if (permanent) {
        KeptPut kept = keptPut(key, plain, putMs + qint64(ttlSeconds) * 1000);
        kept.kind = KeptPut::Kind::PlainValue;
        kept.valueType = value.type;
        kept.userType = value.userType;
        connect(reply, &GatewayCall::finished, this, [this, reply, r, ttlSeconds, kept] {
            if (reply->ok())
                keepPut(kept, r, ttlSeconds);
        });
    }
    return reply;
}
