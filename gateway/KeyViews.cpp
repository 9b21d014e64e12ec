#include "KeyViews.h"

#include "ProxyJson.h"

#include <QDateTime>
#include <QSet>

namespace {

qint64 valueBytes(const StoredValue& v)
{
    return v.data.size() + qint64(sizeof(StoredValue)) + (v.meta ? v.meta->bytes() : 0);
}

} // namespace

KeyViews::KeyViews(DhtNode* node, QObject* parent)
    : QObject(parent)
    , m_node(node)
{
    connect(&m_sweep, &QTimer::timeout, this, &KeyViews::sweep);
    m_sweep.start(std::chrono::seconds(30));
    m_waitingTimer.setInterval(20);
    connect(&m_waitingTimer, &QTimer::timeout, this, &KeyViews::serveWaiting);
}

void KeyViews::read(const QByteArray& key20, quint32 client, Reader then)
{
    readAny(key20, client, {std::move(then), {}, 0});
}

void KeyViews::readLines(const QByteArray& key20, quint32 client, LinesReader then)
{
    readAny(key20, client, {{}, std::move(then), 0});
}

quint64 KeyViews::watch(const QByteArray& key20, quint32 client, Watcher watcher)
{
    const quint64 handle = m_nextWatch++;
    m_watches.insert(handle, {key20, std::move(watcher), false});
    readAny(key20, client, {{}, {}, handle});
    return handle;
}

void KeyViews::unwatch(quint64 handle)
{
    const Watch w = m_watches.take(handle);
    const auto it = m_views.find(w.key20);
    if (w.live && it != m_views.end())
        it->watchers.removeOne(handle);
}

QString KeyViews::refusalToOpen(const QByteArray& key20, quint32 client)
{
    if (m_views.contains(key20))
        return {};
    const auto verdict = m_node->admitSearch(key20, client);
    return verdict == SearchBudget::Verdict::Counted ? QString()
                                                     : m_node->searches().refusal(verdict, client);
}

void KeyViews::readAny(const QByteArray& key20, quint32 client, Waiter then)
{
    const auto it = m_views.find(key20);
    if (it != m_views.end())
        return readView(key20, *it, std::move(then));
    // A key nobody watches yet costs a lookup and a listen: rationed per client.
    Client& c = m_clients[client];
    if (!c.waiting.isEmpty() || !takeToken(c)) {
        c.waiting.append({key20, std::move(then)});
        if (!m_waitingTimer.isActive())
            m_waitingTimer.start();
        return;
    }
    readView(key20, open(key20, client), std::move(then));
}

void KeyViews::readView(const QByteArray& key20, View& view, Waiter then)
{
    view.lastRead.start();
    if (!view.synced) {
        view.waiters.append(std::move(then));
        sync(key20);
        return;
    }
    if (view.lastSync.hasExpired(resyncSeconds * 1000))
        sync(key20); // in the background; this reader is answered now
    deliver(key20, view, {std::move(then)});
}

void KeyViews::deliver(const QByteArray& key20, View& view, const QList<Waiter>& waiters)
{
    // Copies first (sharing their data): a reader may open other views and move this one.
    bool wantListing = false, wantLines = false, wantValues = false;
    for (const Waiter& w : waiters) {
        wantListing = wantListing || w.listing;
        wantLines = wantLines || w.lines;
        wantValues = wantValues || (w.watch && m_watches.contains(w.watch));
    }
    const classic::Listing current = wantListing ? listing(key20, view) : classic::Listing();
    const QByteArray text = wantLines ? lines(view) : QByteArray();
    const QVector<StoredValue> values =
        wantValues ? QVector<StoredValue>(view.values.cbegin(), view.values.cend()) : QVector<StoredValue>();
    QList<std::pair<Watcher, QVector<StoredValue>>> started;
    for (const Waiter& w : waiters) {
        const auto watch = w.watch ? m_watches.find(w.watch) : m_watches.end();
        if (watch != m_watches.end()) {
            watch->live = true;
            view.watchers.append(w.watch);
            started.append({watch->watcher, values});
        }
    }
    for (const Waiter& w : waiters) {
        if (w.listing)
            w.listing(current);
        else if (w.lines)
            w.lines(text);
    }
    for (const auto& [watcher, initial] : started)
        watcher(initial, false);
}

void KeyViews::notify(const View& view, const QVector<StoredValue>& values, bool expired)
{
    if (view.watchers.isEmpty() || values.isEmpty())
        return;
    // Later, not from inside a merge: a watcher writes to its connection, which may close.
    QMetaObject::invokeMethod(
        this,
        [this, handles = view.watchers, values, expired] {
            for (quint64 h : handles) {
                const auto it = m_watches.constFind(h);
                if (it != m_watches.cend())
                    it->watcher(values, expired);
            }
        },
        Qt::QueuedConnection);
}

bool KeyViews::takeToken(Client& client)
{
    if (!client.refilled.isValid())
        client.refilled.start();
    client.tokens = std::min(newViewBurst,
                             client.tokens + double(client.refilled.restart()) / 1000.0 * newViewsPerSecond);
    if (client.tokens < 1)
        return false;
    client.tokens -= 1;
    return true;
}

void KeyViews::serveWaiting()
{
    // Take what may go now first, then answer: answering may open views (and clients).
    QList<std::pair<quint32, Waiting>> ready;
    bool anyLeft = false;
    for (auto c = m_clients.begin(); c != m_clients.end(); ++c) {
        while (!c->waiting.isEmpty() && (m_views.contains(c->waiting.first().key20) || takeToken(*c)))
            ready.append({c.key(), c->waiting.takeFirst()});
        anyLeft = anyLeft || !c->waiting.isEmpty();
    }
    if (!anyLeft)
        m_waitingTimer.stop();
    for (auto& [client, w] : ready) {
        const auto it = m_views.find(w.key20);
        readView(w.key20, it != m_views.end() ? *it : open(w.key20, client), std::move(w.then));
    }
}

void KeyViews::stored(const QByteArray& key20, const StoredValue& value)
{
    const auto it = m_views.find(key20);
    if (it != m_views.end())
        merge(*it, {value});
}

int KeyViews::valueCount(const QByteArray& key20) const
{
    const auto it = m_views.constFind(key20);
    return it == m_views.cend() || !it->synced ? -1 : int(it->values.size());
}

KeyViews::View& KeyViews::open(const QByteArray& key20, quint32 client)
{
    makeRoom(client);
    View& view = m_views[key20];
    view.key = key20;
    view.owner = client;
    ++m_clients[client].views;
    view.lastRead.start();
    view.listenHandle =
        m_node->listen(key20, [this, key20](const QVector<StoredValue>& values, bool expired) {
            const auto it = m_views.find(key20);
            if (it == m_views.end())
                return; // forgotten meanwhile
            if (!expired)
                return merge(*it, values);
            for (const StoredValue& v : values)
                drop(*it, v.id);
            ++it->version;
        });
    return view;
}

void KeyViews::makeRoom(quint32 client)
{
    // A client over its share gives up its own least recently read view; then the whole.
    int owners = 0;
    for (const Client& c : std::as_const(m_clients))
        owners += c.views > 0;
    const int share = std::max(minClientShare, maxViews / std::max(1, owners));
    if (m_clients[client].views >= share)
        closeOldest([client](const View& v) { return v.owner == client; });
    if (m_views.size() >= maxViews)
        closeOldest([](const View&) { return true; });
}

bool KeyViews::closeOldest(const std::function<bool(const View&)>& which)
{
    auto oldest = m_views.end();
    for (auto v = m_views.begin(); v != m_views.end(); ++v) {
        if (!v->busy() && which(*v) &&
            (oldest == m_views.end() || v->lastRead.elapsed() > oldest->lastRead.elapsed()))
            oldest = v;
    }
    if (oldest == m_views.end())
        return false; // all busy: allow more for a moment rather than fail a reader
    close(oldest.key());
    return true;
}

void KeyViews::sync(const QByteArray& key20)
{
    View& view = m_views[key20];
    if (view.syncing)
        return;
    view.syncing = true;
    m_node->get(key20, [this, key20](const QVector<StoredValue>& values) {
        const auto it = m_views.find(key20);
        if (it == m_views.end())
            return;
        it->syncing = false;
        it->synced = true;
        it->lastSync.start();
        // A lookup is the truth for values of other software, which carry no expiry of their
        // own: drop those the lookup did not return (their expiry notice may have been lost).
        QSet<quint64> found;
        for (const StoredValue& v : values)
            found.insert(v.id);
        QList<quint64> raw;
        for (auto v = it->values.cbegin(); v != it->values.cend(); ++v) {
            if (!found.contains(v.key()) && !classic::EnvelopeView(v->data).isValid())
                raw.append(v.key());
        }
        for (quint64 id : raw)
            drop(*it, id);
        ++it->version;
        merge(*it, values);
        deliver(key20, *it, std::exchange(it->waiters, {}));
    });
}

void KeyViews::merge(View& view, const QVector<StoredValue>& values)
{
    QVector<StoredValue> added;
    for (const StoredValue& v : values) {
        auto it = view.values.find(v.id);
        if (it != view.values.end() && it->data == v.data)
            continue;
        const qint64 old = it == view.values.end() ? 0 : valueBytes(*it);
        if (view.bytes - old + valueBytes(v) > maxViewBytes)
            continue; // a key this big is shown in part rather than taking the memory of all
        view.bytes += valueBytes(v) - old;
        m_bytes += valueBytes(v) - old;
        view.values.insert(v.id, v); // new, or a raw value edited by its owner
        ++view.version;
        added.append(v);
    }
    notify(view, added, false);
    if (m_bytes > maxBytes && !m_evictionPending) {
        // Later, not here: closing views moves others in the hash, and callers hold references.
        m_evictionPending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_evictionPending = false;
                while (m_bytes > maxBytes && closeOldest([](const View&) { return true; })) {
                }
            },
            Qt::QueuedConnection);
    }
}

void KeyViews::drop(View& view, quint64 id)
{
    const auto it = view.values.find(id);
    if (it == view.values.end())
        return;
    view.bytes -= valueBytes(*it);
    m_bytes -= valueBytes(*it);
    notify(view, {*it}, true);
    view.values.erase(it);
}

const classic::Listing& KeyViews::listing(const QByteArray& key20, View& view)
{
    if (view.listingVersion != view.version) {
        const QVector<StoredValue> values(view.values.cbegin(), view.values.cend());
        view.listing = classic::Listing(key20, values, QDateTime::currentMSecsSinceEpoch() * 1000);
        view.listingVersion = view.version;
    }
    return view.listing;
}

const QByteArray& KeyViews::lines(View& view)
{
    if (view.linesVersion != view.version) {
        view.lines.clear();
        for (const StoredValue& v : std::as_const(view.values))
            ProxyJson::appendValue(view.lines, v);
        view.linesVersion = view.version;
    }
    return view.lines;
}

void KeyViews::sweep()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    QList<QByteArray> idle;
    for (auto it = m_views.begin(); it != m_views.end(); ++it) {
        if (!it->busy() && it->lastRead.hasExpired(idleSeconds * 1000)) {
            idle.append(it.key());
            continue;
        }
        if (!it->watchers.isEmpty() && it->lastSync.hasExpired(resyncSeconds * 1000))
            sync(it.key()); // watched, maybe not read: kept reconciled all the same
        // Drop what ended, so a long-watched key does not grow without bound.
        QList<quint64> ended;
        for (auto v = it->values.cbegin(); v != it->values.cend(); ++v) {
            const classic::EnvelopeView env(v->data);
            if (env.isValid() && env.keepUntilUs() <= now)
                ended.append(v.key());
        }
        for (quint64 id : ended)
            drop(*it, id);
        if (!ended.isEmpty())
            ++it->version;
    }
    for (const QByteArray& key : idle)
        close(key);
    m_clients.removeIf([](const auto& c) { return c.value().views == 0 && c.value().waiting.isEmpty(); });
}

void KeyViews::close(const QByteArray& key20)
{
    const auto it = m_views.find(key20);
    if (it == m_views.end())
        return;
    m_node->cancelListen(it->listenHandle);
    m_bytes -= it->bytes;
    const auto owner = m_clients.find(it->owner);
    if (owner != m_clients.end())
        --owner->views;
    m_views.erase(it);
}
