#include "KeptPutKeeper.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

// A timer no longer than an hour: a suspended machine or a changed clock is noticed soon.
constexpr qint64 maxWaitMs = 3600LL * 1000;

} // namespace

qint64 KeptPutKeeper::configuredRefreshMs()
{
    bool ok = false;
    const qint64 ms = qEnvironmentVariable("ODB_TEST_KEEPER_REFRESH_MS").toLongLong(&ok);
    return ok && ms > 0 ? ms : refreshMs;
}

KeptPutKeeper::KeptPutKeeper(QObject* parent)
    : QObject(parent)
    , m_refreshMs(configuredRefreshMs())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeptPutKeeper::onTimer);
}

KeptPutKeeper::~KeptPutKeeper() = default;

bool KeptPutKeeper::open(const QString& path, QString* error)
{
    if (!m_store.open(path, error))
        return false;
    m_puts = m_store.all();
    schedule();
    emit changed();
    return true;
}

void KeptPutKeeper::plan(KeptPut* put, const QDateTime& at) const
{
    put->lastPost = at;
    const QDateTime refresh = at.addMSecs(m_refreshMs);
    put->nextRefresh = put->ttlEnd > refresh ? refresh : QDateTime();
}

void KeptPutKeeper::keep(KeptPut p)
{
    plan(&p, p.lastPost.isValid() ? p.lastPost : now());
    p.id = 0;
    if (!m_store.isOpen() || !m_store.save(&p))
        p.id = m_nextMemoryId--; // kept while this program runs
    m_puts.append(p);
    schedule();
    emit changed();
}

void KeptPutKeeper::save(KeptPut* p)
{
    if (p->id > 0)
        m_store.save(p);
}

KeptPut* KeptPutKeeper::put(qint64 id)
{
    auto it = std::find_if(m_puts.begin(), m_puts.end(), [id](const KeptPut& p) { return p.id == id; });
    return it == m_puts.end() ? nullptr : &*it;
}

std::optional<KeptPut> KeptPutKeeper::find(qint64 id) const
{
    for (const KeptPut& p : m_puts) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

void KeptPutKeeper::forget(qint64 id)
{
    if (id > 0)
        m_store.remove(id);
    m_puts.erase(std::remove_if(m_puts.begin(), m_puts.end(), [id](const KeptPut& p) { return p.id == id; }),
                 m_puts.end());
    m_stopping.remove(id);
    emit changed();
}

void KeptPutKeeper::stop(qint64 id)
{
    KeptPut* p = put(id);
    if (!p)
        return;
    m_stopping.insert(id);
    if (!m_busy.contains(id))
        post(id, false);
}

void KeptPutKeeper::stopAll()
{
    for (const KeptPut& p : std::as_const(m_puts))
        m_stopping.insert(p.id);
    const QList<KeptPut> puts = m_puts;
    for (const KeptPut& p : puts) {
        if (!m_busy.contains(p.id))
            post(p.id, false);
    }
}

std::optional<QDateTime> KeptPutKeeper::earliestEarlyEnd() const
{
    std::optional<QDateTime> earliest;
    for (const KeptPut& p : m_puts) {
        if (p.needsRefresh() && !m_stopping.contains(p.id) && (!earliest || p.heldUntil() < *earliest))
            earliest = p.heldUntil();
    }
    return earliest;
}

void KeptPutKeeper::schedule()
{
    std::optional<QDateTime> due;
    for (const KeptPut& p : std::as_const(m_puts)) {
        if (m_busy.contains(p.id))
            continue;
        const QDateTime at = p.nextRefresh.isValid() ? std::min(p.nextRefresh, p.ttlEnd) : p.ttlEnd;
        if (!due || at < *due)
            due = at;
    }
    if (!due) {
        m_timer.stop();
        return;
    }
    m_timer.start(std::chrono::milliseconds(std::clamp<qint64>(now().msecsTo(*due), 0, maxWaitMs)));
}

void KeptPutKeeper::onTimer()
{
    const QDateTime t = now();
    QList<qint64> refresh, downgrade;
    for (const KeptPut& p : std::as_const(m_puts)) {
        if (m_busy.contains(p.id))
            continue;
        if (p.ttlEnd <= t)
            downgrade << p.id;
        else if (p.nextRefresh.isValid() && p.nextRefresh <= t)
            refresh << p.id;
    }
    for (qint64 id : std::as_const(downgrade)) {
        // Nothing left to downgrade: the proxy stopped by itself and the DHT let it go.
        if (const KeptPut* p = put(id); p->heldUntil().addMSecs(p->typeLifetimeMs()) <= t)
            forget(id);
        else
            post(id, false);
    }
    for (qint64 id : std::as_const(refresh))
        post(id, true);
    schedule();
}

void KeptPutKeeper::post(qint64 id, bool permanent)
{
    const KeptPut* p = put(id);
    if (!p)
        return;
    QJsonObject o = QJsonDocument::fromJson(p->body).object();
    if (permanent)
        o.insert(QStringLiteral("permanent"), true);
    QUrl url = p->proxy;
    url.setPath(QStringLiteral("/key/") + p->keyHex);
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::UserAgentHeader, HttpCall::userAgent(m_application));
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    auto* call = new HttpCall(&m_nam, r, "POST", QJsonDocument(o).toJson(QJsonDocument::Compact),
                              HttpCall::Limits(), &m_calls);
    m_busy.insert(id);
    connect(call, &HttpCall::finished, this, [this, call, id, permanent] {
        call->deleteLater();
        m_busy.remove(id);
        onPosted(id, permanent, call);
        schedule();
    });
    call->start();
}

void KeptPutKeeper::onPosted(qint64 id, bool permanent, const HttpCall* call)
{
    KeptPut* p = put(id);
    if (!p)
        return;
    const bool ok = call->error() == HttpCall::Error::None;
    if (!ok)
        emit problem(tr("%1 of key \"%2\" at %3 failed: %4")
                         .arg(permanent ? tr("A refresh") : tr("The downgrade"), p->key, p->proxy.authority(),
                              call->errorString()));
    emit posted(id, permanent, ok);
    if (!permanent) {
        // Downgraded, or past what a downgrade can still change: let it go. A failed downgrade
        // is tried again until the proxy would stop refreshing by itself anyway.
        if (ok || p->heldUntil() <= now().addMSecs(retryMs))
            return forget(id);
        p->ttlEnd = std::min(p->ttlEnd, now().addMSecs(retryMs));
        save(p);
        emit changed();
        return;
    }
    if (m_stopping.contains(id))
        return post(id, false); // stopped while the refresh was on its way
    if (ok)
        plan(p, now());
    else
        p->nextRefresh = now().addMSecs(retryMs);
    save(p);
    emit changed();
}
