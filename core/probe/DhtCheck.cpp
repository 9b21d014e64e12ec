#include "DhtCheck.h"

#include "core/connect/BackendFactory.h"
#include "core/net/HttpCall.h"

namespace {

HttpCall::Limits nodeLimits()
{
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = 5000;
    limits.maxBodyBytes = 64 * 1024;
    return limits;
}

HttpCall::Limits readLimits()
{
    // Long enough to measure a zombie's reads (6 to 9 s), which are called slow long before.
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = 20000;
    limits.maxBodyBytes = 256 * 1024;
    return limits;
}

// What a failed put says of the gateway's DHT: a refusal of the input or a cancel says
// nothing, a network error is the latency probe's to see.
bool putFailureCounts(GatewayError::Kind kind)
{
    using K = GatewayError::Kind;
    return kind == K::TryAgainExhausted || kind == K::Fault || kind == K::Timeout || kind == K::HttpStatus ||
           kind == K::ClosedUnanswered || kind == K::MalformedReply;
}

} // namespace

DhtCheck::DhtCheck(QNetworkAccessManager* nam, const QUrl& url, GatewayKind kind, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_url(url)
    , m_backend(makeGatewayBackend(kind, nam, url, QStringLiteral("health-probe"), readLimits()))
{
    m_slow.setSingleShot(true);
    m_slow.setTimerType(Qt::PreciseTimer); // a coarse one may fire 5 % early: "slow" at 2.85 s
    connect(&m_slow, &QTimer::timeout, this, &DhtCheck::onSlow);
}

DhtCheck::~DhtCheck()
{
    if (m_nodeCall)
        m_nodeCall->disconnect(this);
    if (m_read)
        m_read->disconnect(this); // the backend, which owns it, goes next
}

DhtKey DhtCheck::probeKey()
{
    return DhtKey::parse(QStringLiteral("opendht-browser health probe"), DhtKey::Mode::Text);
}

void DhtCheck::run()
{
    if (isRunning())
        return;
    askNode();
    read();
}

void DhtCheck::askNode()
{
    QUrl root = m_url;
    root.setPath(QStringLiteral("/"));
    auto* call = new HttpCall(m_nam, QNetworkRequest(root), "GET", {}, nodeLimits(), this);
    m_nodeCall = call;
    connect(call, &HttpCall::finished, this, [this, call] {
        call->deleteLater();
        m_nodeCall = nullptr;
        if (call->error() == HttpCall::Error::None)
            m_condition.node = NodeInfo::parse(call->body());
        // Else the node info stays what it was: a gateway that stopped answering is the
        // latency probe's news.
        m_condition.nodeAsked = true;
        endCheck();
    });
    call->start();
}

void DhtCheck::read()
{
    m_read = m_backend->fetchValues(probeKey());
    m_readClock.start();
    m_slow.start(m_slowMs);
    connect(m_read, &GatewayCall::finished, this, &DhtCheck::onReadFinished);
}

void DhtCheck::onReadFinished()
{
    GatewayCall* call = m_read;
    m_read = nullptr;
    m_slow.stop();
    call->deleteLater();
    const GatewayError& error = call->error();
    m_condition.readMs = double(m_readClock.nsecsElapsed()) / 1e6;
    m_condition.readSlow = m_condition.readMs > m_slowMs || error.kind == GatewayError::Kind::Timeout;
    m_condition.readError = error.isError() && !m_condition.readSlow ? error.message : QString();
    m_condition.readEnded = true;
    endCheck();
}

// Said at once: the read may take many seconds more, and the chooser must not wait for it.
void DhtCheck::onSlow()
{
    if (!m_read)
        return;
    m_condition.readMs = m_slowMs;
    m_condition.readSlow = true;
    m_condition.readEnded = true;
    emit changed();
}

void DhtCheck::endCheck()
{
    if (!isRunning())
        m_condition.checkedAt = QDateTime::currentDateTimeUtc();
    emit changed();
}

void DhtCheck::notePut(const GatewayError& error)
{
    if (!error.isError()) {
        if (m_condition.putFailedAt.isNull())
            return;
        m_condition.putFailedAt = {};
        m_condition.putError.clear();
    } else if (putFailureCounts(error.kind)) {
        m_condition.putFailedAt = QDateTime::currentDateTimeUtc();
        m_condition.putError = error.message;
    } else {
        return;
    }
    emit changed();
}

void DhtCheck::noteGet(const GatewayError& error, qint64 ms)
{
    if (error.kind == GatewayError::Kind::Cancelled)
        return; // the user stopped it: its length says nothing
    const bool slow = ms > m_slowMs || error.kind == GatewayError::Kind::Timeout;
    if (!slow)
        return; // a quick get of the user's says less than our read: it may come from storage
    m_condition.readSlow = true;
    m_condition.readMs = double(ms);
    m_condition.readEnded = true;
    emit changed();
}
