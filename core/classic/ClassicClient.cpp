#include "ClassicClient.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/proxy/ProxyClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "ClassicWatch.h"

#include "core/backend/InputCheck.h"

#include "core/xmlrpc/XmlRpcCodec.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QTimer>

using xmlrpc::Value;
using Kind = GatewayError::Kind;

namespace {

// A classic gateway's reason, as a person reads it: the original wrapped every reason it gave
// (a key too long, a budget spent) in a Java exception's name, which says nothing to the user.
// Other faults (a crash inside a handler, a wrong signature) are shown whole.
QString faultReason(const QString& fault)
{
    static const QString wrapper = QStringLiteral("java.lang.Exception: ");
    return fault.startsWith(wrapper) && fault.size() > wrapper.size() ? fault.mid(wrapper.size()) : fault;
}

QString typeName(const Value& v)
{
    switch (v.type()) {
    case Value::Type::Int:
        return QStringLiteral("an int");
    case Value::Type::String:
        return QStringLiteral("a string");
    case Value::Type::Base64:
        return QStringLiteral("base64");
    case Value::Type::Array:
        return QStringLiteral("an array of %1").arg(v.elements().size());
    case Value::Type::Struct:
        return QStringLiteral("a struct");
    default:
        return QStringLiteral("a %1").arg(v.javaTypeName());
    }
}

} // namespace

// ----------------------------------------------------------------------------------- reply

ClassicReply::ClassicReply(ClassicClient* client, const QString& method, const QList<Value>& params,
                           Expect expect)
    : GatewayCall(client)
    , m_client(client)
    , m_method(method)
    , m_params(params)
    , m_expect(expect)
{
}

void ClassicReply::abortWork()
{
    m_fetchDeadline.stop();
    if (HttpCall* call = std::exchange(m_call, nullptr)) {
        call->disconnect(this);
        call->cancel(); // now, not when the event loop gets to deleteLater
        call->deleteLater();
    }
}

void ClassicReply::startBudget()
{
    // Each page has its own limits; a fetch of many pages has one budget in all, so that a
    // gateway handing out fresh placemarks (or a page every few seconds) cannot keep it going.
    const auto& o = m_client->m_options;
    m_fetchDeadline.setSingleShot(true);
    connect(&m_fetchDeadline, &QTimer::timeout, this, [this, ms = o.fetchDeadlineMs] {
        if (isFinished())
            return;
        abortWork();
        finishWith(Kind::Timeout,
                   tr("%1 did not send every page within %2 s (stopped after %n page(s))", nullptr, m_pages)
                       .arg(m_client->gateway().authority())
                       .arg(ms / 1000.0));
    });
    m_fetchDeadline.start(o.fetchDeadlineMs);
}

bool ClassicReply::withinBudget(qint64 bodyBytes)
{
    m_fetchBytes += bodyBytes;
    const qint64 max = m_client->m_options.maxFetchBytes;
    if (!m_fetchAll || m_fetchBytes <= max)
        return true;
    finishWith(Kind::ReplyTooLarge,
               tr("%1 sent over %2 bytes of pages in all (stopped after %n page(s))", nullptr, m_pages)
                   .arg(m_client->gateway().authority())
                   .arg(max));
    return false;
}

void ClassicReply::send()
{
    ++m_attempts;
    const QByteArray body = xmlrpc::Codec::encodeCall(m_method, m_params);
    m_call = m_client->startCall(body, this);
    connect(m_call, &HttpCall::finished, this, &ClassicReply::onCallFinished);
}

void ClassicReply::onCallFinished()
{
    HttpCall* call = m_call;
    if (!call || isFinished())
        return;
    call->deleteLater();
    m_call = nullptr;
    noteExchange(*call);
    if (call->error() != HttpCall::Error::None)
        return finishWith(GatewayCall::errorKind(call->error()), call->errorString());
    if (!withinBudget(call->body().size()))
        return;
    const auto response =
        xmlrpc::Codec::decodeResponse(call->body(), m_client->m_options.limits.maxBodyBytes);
    if (!response.ok())
        return finishWith(Kind::MalformedReply,
                          tr("malformed reply from %1: %2").arg(call->server(), response.error));
    if (response.isFault)
        return finishWith(
            Kind::Fault,
            tr("%1 refused the call: %2").arg(call->server(), faultReason(response.faultString)));
    handleResult(response.value);
}

void ClassicReply::handleResult(const Value& result)
{
    const QString who = m_client->gateway().authority();
    switch (m_expect) {
    case Expect::Text:
        if (!result.is(Value::Type::String))
            return finishWith(
                Kind::MalformedReply,
                tr("malformed reply from %1: ping answered %2, not a string").arg(who, typeName(result)));
        m_text = result.toString();
        return finishWith();
    case Expect::Status:
        if (!result.is(Value::Type::Int))
            return finishWith(Kind::MalformedReply,
                              tr("malformed reply from %1: %2 answered %3, not an int status")
                                  .arg(who, m_method, typeName(result)));
        switch (result.toInt()) {
        case 0:
            return finishWith();
        case 1:
            return finishWith(
                Kind::OverCapacity,
                tr("%1 is over capacity for this client (status 1): back off before trying again").arg(who));
        case 2:
            return retryLater();
        default:
            return finishWith(Kind::MalformedReply,
                              tr("malformed reply from %1: unknown status %2").arg(who).arg(result.toInt()));
        }
    case Expect::Page:
    case Expect::DetailsPage: {
        QList<DhtValue> page;
        if (!readPage(result, page))
            return;
        addValues(page, ++m_pages);
        if (isFinished()) // a slot cancelled it
            return;
        if (!m_fetchAll || m_placemark.isEmpty())
            return finishWith();
        if (m_seenPlacemarks.contains(m_placemark))
            return finishWith(
                Kind::PagingLoop,
                tr("%1 sent the same placemark twice: paging stopped after %n page(s)", nullptr, m_pages)
                    .arg(who));
        if (m_pages >= m_client->m_options.maxPages)
            return finishWith(Kind::PagingLoop,
                              tr("%1 sent more than %n page(s): paging stopped", nullptr, m_pages).arg(who));
        m_seenPlacemarks.insert(m_placemark);
        m_params[2] = Value::fromBytes(m_placemark);
        m_attempts = 0;
        return send();
    }
    }
}

bool ClassicReply::readPage(const Value& result, QList<DhtValue>& page)
{
    const QString who = m_client->gateway().authority();
    const auto bad = [&](const QString& what) {
        finishWith(Kind::MalformedReply, tr("malformed reply from %1: %2").arg(who, what));
        return false;
    };
    if (!result.is(Value::Type::Array) || result.elements().size() != 2)
        return bad(tr("%1 answered %2, not [values, placemark]").arg(m_method, typeName(result)));
    const Value& values = result.elements()[0];
    const Value& placemark = result.elements()[1];
    if (!values.is(Value::Type::Array))
        return bad(tr("the values are %1, not an array").arg(typeName(values)));
    if (!placemark.is(Value::Type::Base64))
        return bad(tr("the placemark is %1, not base64").arg(typeName(placemark)));
    const bool details = m_expect == Expect::DetailsPage;
    int index = 0;
    for (const Value& v : values.elements()) {
        DhtValue cv;
        if (!details) {
            if (!v.is(Value::Type::Base64))
                return bad(tr("value %1 is %2, not base64").arg(index).arg(typeName(v)));
            cv.data = v.toBytes();
        } else {
            const auto& f = v.elements();
            if (!v.is(Value::Type::Array) || f.size() != 4 || !f[0].is(Value::Type::Base64) ||
                !f[1].is(Value::Type::Int) || !f[3].is(Value::Type::Base64))
                return bad(tr("value %1 is %2, not [value, ttl, hash type, secret hash]")
                               .arg(index)
                               .arg(typeName(v)));
            cv.data = f[0].toBytes();
            cv.ttlLeft = f[1].toInt();
            cv.secretHash = f[3].toBytes(); // empty or 20 zero bytes both mean "not removable"
        }
        page.append(cv);
        ++index;
    }
    m_placemark = placemark.toBytes();
    return true;
}

void ClassicReply::retryLater()
{
    const auto& o = m_client->m_options;
    if (m_attempts >= o.tryAgainAttempts) {
        return finishWith(
            Kind::TryAgainExhausted,
            tr("%1 answered \"try again\" (status 2) %n time(s); giving up", nullptr, m_attempts)
                .arg(m_client->gateway().authority()));
    }
    const int delay = o.tryAgainDelayMs << (m_attempts - 1);
    QTimer::singleShot(delay, this, [this] {
        if (!isFinished())
            send();
    });
}

// ---------------------------------------------------------------------------------- client

ClassicClient::ClassicClient(QNetworkAccessManager* nam, QObject* parent)
    : GatewayBackend(parent)
    , m_nam(nam)
{
}

HttpCall* ClassicClient::startCall(const QByteArray& body, QObject* parent)
{
    QNetworkRequest request(m_options.gateway);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/xml"));
    request.setHeader(QNetworkRequest::UserAgentHeader, HttpCall::userAgent(m_options.application));
    auto* call = new HttpCall(m_nam, request, "POST", body, m_options.limits, parent);
    call->start();
    return call;
}

ClassicReply* ClassicClient::make(const QString& method, const QList<Value>& params,
                                  ClassicReply::Expect expect)
{
    auto* reply = new ClassicReply(this, method, params, expect);
    reply->send();
    return reply;
}

ClassicReply* ClassicClient::refused(const GatewayError& error)
{
    auto* reply = new ClassicReply(this, {}, {}, ClassicReply::Expect::Status);
    reply->finishWith(error.kind, error.message);
    return reply;
}

ClassicReply* ClassicClient::put(const DhtKey& key, const QByteArray& value, int ttlSeconds)
{
    if (const GatewayError e = InputCheck::put(key, value, ttlSeconds, {}, false); e.isError())
        return refused(e);
    return make(QStringLiteral("put"),
                {Value::fromBytes(key.bytes()), Value::fromBytes(value), Value::fromInt(ttlSeconds),
                 Value::fromString(m_options.application)},
                ClassicReply::Expect::Status);
}

ClassicReply* ClassicClient::putRemovable(const DhtKey& key, const QByteArray& value,
                                          const QByteArray& secret, int ttlSeconds)
{
    if (const GatewayError e = InputCheck::put(key, value, ttlSeconds, secret, true); e.isError())
        return refused(e);
    const QByteArray secretHash = QCryptographicHash::hash(secret, QCryptographicHash::Sha1);
    return make(QStringLiteral("put_removable"),
                {Value::fromBytes(key.bytes()), Value::fromBytes(value),
                 Value::fromString(QStringLiteral("SHA")), Value::fromBytes(secretHash),
                 Value::fromInt(ttlSeconds), Value::fromString(m_options.application)},
                ClassicReply::Expect::Status);
}

ClassicReply* ClassicClient::get(const DhtKey& key, int maxValues, const QByteArray& placemark)
{
    if (const GatewayError e = InputCheck::key(key); e.isError())
        return refused(e);
    return make(QStringLiteral("get"),
                {Value::fromBytes(key.bytes()), Value::fromInt(maxValues), Value::fromBytes(placemark),
                 Value::fromString(m_options.application)},
                ClassicReply::Expect::Page);
}

ClassicReply* ClassicClient::getDetails(const DhtKey& key, int maxValues, const QByteArray& placemark)
{
    if (const GatewayError e = InputCheck::key(key); e.isError())
        return refused(e);
    return make(QStringLiteral("get_details"),
                {Value::fromBytes(key.bytes()), Value::fromInt(maxValues), Value::fromBytes(placemark),
                 Value::fromString(m_options.application)},
                ClassicReply::Expect::DetailsPage);
}

ClassicReply* ClassicClient::fetchAll(const DhtKey& key, bool details)
{
    if (const GatewayError e = InputCheck::key(key); e.isError())
        return refused(e);
    auto* reply = new ClassicReply(this, details ? QStringLiteral("get_details") : QStringLiteral("get"),
                                   {Value::fromBytes(key.bytes()), Value::fromInt(m_options.maxValuesPerPage),
                                    Value::fromBytes({}), Value::fromString(m_options.application)},
                                   details ? ClassicReply::Expect::DetailsPage : ClassicReply::Expect::Page);
    reply->m_fetchAll = true;
    reply->startBudget();
    reply->send();
    return reply;
}

ClassicReply* ClassicClient::rm(const DhtKey& key, const QByteArray& value, const QByteArray& secret,
                                int ttlSeconds)
{
    if (const GatewayError e = InputCheck::remove(key, secret, ttlSeconds); e.isError())
        return refused(e);
    const QByteArray valueHash = QCryptographicHash::hash(value, QCryptographicHash::Sha1);
    return make(QStringLiteral("rm"),
                {Value::fromBytes(key.bytes()), Value::fromBytes(valueHash),
                 Value::fromString(QStringLiteral("SHA")), Value::fromBytes(secret),
                 Value::fromInt(ttlSeconds), Value::fromString(m_options.application)},
                ClassicReply::Expect::Status);
}

GatewayCall* ClassicClient::fetchValues(const DhtKey& key)
{
    if (m_rest)
        return m_rest->fetchAll(key);
    return fetchAll(key, true);
}

GatewayCall* ClassicClient::putValue(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                                     const QByteArray& secret)
{
    if (!secret.isEmpty())
        return putRemovable(key, value, secret, ttlSeconds);
    if (m_rest)
        return m_rest->put(key, value, ttlSeconds);
    return put(key, value, ttlSeconds);
}

GatewayWatch* ClassicClient::watch(const DhtKey& key)
{
    if (m_rest)
        return m_rest->watch(key);
    return new ClassicWatch(this, key, m_options.watchIntervalMs, this);
}

GatewayCall* ClassicClient::putPlainValue(const DhtKey& key, const PlainValue& value, int ttlSeconds,
                                          bool keep)
{
    if (m_rest)
        return m_rest->putPlain(key, value, ttlSeconds, keep);
    return refused({GatewayError::Kind::Unsupported, plainValuesRefusal()});
}

QString ClassicClient::plainValuesRefusal() const
{
    if (m_rest)
        return {};
    return tr("%1 speaks only the classic Open DHT protocol (XML-RPC), which has no value types: "
              "plain OpenDHT values need an OpenDHT proxy or opendht-gateway")
        .arg(m_options.gateway.authority());
}

void ClassicClient::setPutKeeper(KeptPutKeeper* keeper)
{
    m_putKeeper = keeper;
    if (m_rest)
        m_rest->setPutKeeper(keeper);
}

void ClassicClient::setApplication(const QString& name)
{
    m_options.application = name;
    if (m_rest)
        m_rest->options().application = name;
}

void ClassicClient::setProxyRest(bool on)
{
    if (on == usesProxyRest())
        return;
    if (!on) {
        std::exchange(m_rest, nullptr)->deleteLater(); // its calls may be finishing right now
        emit capabilitiesChanged();
        return;
    }
    m_rest = new ProxyClient(m_nam, this);
    m_rest->setGateway(m_options.gateway);
    m_rest->options().application = m_options.application;
    m_rest->options().limits = m_options.limits;
    m_rest->options().maxBytes = m_options.maxFetchBytes;
    m_rest->options().gatewayKeepsItems = true;
    m_rest->setPutKeeper(m_putKeeper);
    emit capabilitiesChanged();
}

bool ClassicClient::offersProxyRest(const QByteArray& getRootBody)
{
    const QJsonObject o = QJsonDocument::fromJson(getRootBody).object();
    return o.value(QStringLiteral("service")).toString() == u"opendht-gateway" &&
           o.value(QStringLiteral("protocols")).toArray().contains(QStringLiteral("opendht-proxy-rest"));
}

void ClassicClient::detectProxyRest()
{
    QUrl root = m_options.gateway;
    root.setPath(QStringLiteral("/"));
    auto* call = new HttpCall(m_nam, QNetworkRequest(root), "GET", {}, m_options.limits, this);
    connect(call, &HttpCall::finished, this, [this, call, asked = m_options.gateway] {
        call->deleteLater();
        // The gateway may have changed meanwhile: the answer is about the one asked.
        if (call->error() == HttpCall::Error::None && asked == m_options.gateway)
            setProxyRest(offersProxyRest(call->body()));
    });
    call->start();
}

ClassicReply* ClassicClient::ping()
{
    return make(QStringLiteral("ping"), {}, ClassicReply::Expect::Text);
}
