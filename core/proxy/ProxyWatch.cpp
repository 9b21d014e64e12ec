#include "ProxyWatch.h"

#include "ProxyValue.h"

#include "core/stored/Listing.h"

#include <QDateTime>

namespace {
constexpr int settleMs = 150;
// The first list is the baseline (not announced as new): give the proxy time to send what it
// holds, since an empty key sends nothing at all.
constexpr int baselineMs = 1000;
constexpr int maxValues = 65536;
} // namespace

ProxyWatch::ProxyWatch(const QUrl& proxy, const DhtKey& key, qsizetype maxLineBytes, QObject* parent)
    : GatewayWatch(parent)
    , m_url(proxy)
    , m_key20(key.infoHash())
    , m_maxLineBytes(maxLineBytes)
    , m_lines(maxLineBytes)
{
    m_url.setPath(QStringLiteral("/key/") + key.infoHashHex() + QStringLiteral("/listen"));
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ProxyWatch::open);
    m_publish.setSingleShot(true);
    connect(&m_publish, &QTimer::timeout, this, [this] {
        if (m_call && !m_call->isFinished()) // the stream holds: an empty key sends nothing at all
            setState(State::Live);
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
        QVector<classic::StoredValue> current(m_live.cbegin(), m_live.cend());
        if (m_opened.isValid() && m_opened.elapsed() < baselineMs) {
            for (auto it = m_carried.cbegin(); it != m_carried.cend(); ++it) {
                if (!m_live.contains(it.key()))
                    current.append(*it);
            }
        } else {
            m_carried.clear();
        }
        publish(classic::Listing(m_key20, current, now).values(now));
    });
    connect(&m_expiry, &QTimer::timeout, this, &ProxyWatch::publishSoon);
    m_expiry.start(std::chrono::seconds(5));
    open();
}

void ProxyWatch::stop()
{
    m_stopped = true;
    m_retry.stop();
    m_expiry.stop();
    dropCall();
}

void ProxyWatch::dropCall()
{
    // Aborted now, not when the event loop gets to deleteLater: a hostile stream would
    // otherwise be read on meanwhile.
    if (HttpCall* call = std::exchange(m_call, nullptr)) {
        call->disconnect(this);
        call->cancel();
        call->deleteLater();
    }
}

void ProxyWatch::open()
{
    if (m_stopped)
        return;
    m_carried.insert(m_live);
    m_live.clear();
    m_lines = LineSplitter(m_maxLineBytes);
    m_opened.start();
    HttpCall::Limits limits;
    limits.deadlineMs = reopenSeconds * 1000;
    limits.inactivityMs = reopenSeconds * 1000;
    m_call = new HttpCall(&m_nam, QNetworkRequest(m_url), "GET", {}, limits, this);
    m_call->setStreaming(true);
    connect(m_call, &HttpCall::received, this, &ProxyWatch::onReceived);
    connect(m_call, &HttpCall::finished, this, &ProxyWatch::onFinished);
    m_call->start();
    if (!m_publish.isActive()) // the baseline: then what was carried over and not sent again leaves
        m_publish.start(baselineMs);
    if (state() != State::Live) // a periodic reopen of a live stream keeps it live
        setState(m_failures == 0 ? State::Connecting : State::Reconnecting, stateReason());
}

void ProxyWatch::onReceived(const QByteArray& bytes)
{
    if (!m_call || m_call->httpStatus() != 200)
        return;
    QList<QByteArray> lines;
    if (!m_lines.append(bytes, lines)) {
        dropCall();
        return retryLater(tr("%1 sent a line over %2 bytes").arg(m_url.authority()).arg(m_maxLineBytes));
    }
    const QString checker = m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    for (const QByteArray& line : std::as_const(lines)) {
        const auto d = ProxyValue::decode(line, checker);
        if (!d.error.isEmpty()) {
            dropCall();
            return retryLater(tr("malformed line from %1: %2").arg(m_url.authority(), d.error));
        }
        if (d.expired) {
            m_live.remove(d.value.id);
            m_carried.remove(d.value.id);
        } else if (m_live.size() < maxValues) // a flooding stream is bounded
            m_live.insert(d.value.id, d.value);
    }
    m_failures = 0;
    setState(State::Live);
    publishSoon();
}

void ProxyWatch::publishSoon()
{
    // Right after (re)opening, the proxy resends what it holds: wait for that to settle.
    // Later a change is published at once (lines of one read still come as one list).
    if (!m_publish.isActive())
        m_publish.start(m_opened.isValid() && m_opened.elapsed() < baselineMs ? settleMs : 0);
}

void ProxyWatch::onFinished()
{
    HttpCall* call = m_call;
    if (!call || m_stopped)
        return;
    call->deleteLater();
    m_call = nullptr;
    if (call->error() == HttpCall::Error::Timeout && m_failures == 0 && state() == State::Live) {
        open(); // the periodic reopen of a healthy stream
        return;
    }
    retryLater(call->error() == HttpCall::Error::None
                   ? tr("%1 ended the listen stream").arg(m_url.authority())
                   : call->errorString());
}

void ProxyWatch::retryLater(const QString& reason)
{
    m_call = nullptr;
    const int delay = std::min(maxBackoffSeconds, 1 << std::min(m_failures, 5));
    ++m_failures;
    setState(State::Reconnecting, tr("%1; trying again in %2 s").arg(reason).arg(delay));
    m_retry.start(std::chrono::seconds(delay));
}
