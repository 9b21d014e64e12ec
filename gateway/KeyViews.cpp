#include "KeyViews.h"

#include <QDateTime>

KeyViews::KeyViews(DhtNode* node, QObject* parent)
    : QObject(parent)
    , m_node(node)
{
    connect(&m_sweep, &QTimer::timeout, this, &KeyViews::sweep);
    m_sweep.start(std::chrono::seconds(30));
}

void KeyViews::read(const QByteArray& key20, Reader then)
{
    View& view = open(key20);
    view.lastRead.start();
    if (!view.synced) {
        view.waiters.append(std::move(then));
        sync(key20);
        return;
    }
    if (view.lastSync.hasExpired(resyncSeconds * 1000))
        sync(key20);                                       // in the background; this reader is answered now
    const classic::Listing current = listing(key20, view); // see sync()
    then(current);
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

KeyViews::View& KeyViews::open(const QByteArray& key20)
{
    auto it = m_views.find(key20);
    if (it != m_views.end())
        return *it;
    if (m_views.size() >= maxViews) {
        // The least recently read view that nobody waits for; none: allow one more for now.
        auto oldest = m_views.end();
        for (auto v = m_views.begin(); v != m_views.end(); ++v) {
            const bool idle = v->waiters.isEmpty() && !v->syncing;
            if (idle && (oldest == m_views.end() || v->lastRead.elapsed() > oldest->lastRead.elapsed()))
                oldest = v;
        }
        if (oldest != m_views.end())
            close(oldest.key());
    }
    View& view = m_views[key20];
    view.lastRead.start();
    view.listenHandle =
        m_node->listen(key20, [this, key20](const QVector<StoredValue>& values, bool expired) {
            const auto it = m_views.find(key20);
            if (it == m_views.end())
                return; // forgotten meanwhile
            if (!expired) {
                merge(*it, values);
                return;
            }
            for (const StoredValue& v : values)
                it->values.remove(v.id);
            ++it->version;
        });
    return view;
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
        it->values.removeIf([](const auto& e) { return !classic::EnvelopeView(e.value().data).isValid(); });
        ++it->version;
        merge(*it, values);
        // Copies (sharing their data): a reader may open other views and move this one.
        const classic::Listing current = listing(key20, *it);
        const QList<Reader> waiters = std::exchange(it->waiters, {});
        for (const Reader& w : waiters)
            w(current);
    });
}

void KeyViews::merge(View& view, const QVector<StoredValue>& values)
{
    for (const StoredValue& v : values) {
        auto it = view.values.find(v.id);
        if (it == view.values.end()) {
            view.values.insert(v.id, v);
            ++view.version;
        } else if (it->data != v.data) { // a raw value edited by its owner
            *it = v;
            ++view.version;
        }
    }
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

void KeyViews::sweep()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    QList<QByteArray> idle;
    for (auto it = m_views.begin(); it != m_views.end(); ++it) {
        if (it->waiters.isEmpty() && it->lastRead.hasExpired(idleSeconds * 1000)) {
            idle.append(it.key());
            continue;
        }
        // Drop what expired, so a long-watched key does not grow without bound.
        const qsizetype before = it->values.size();
        it->values.removeIf([now](const auto& entry) {
            const classic::EnvelopeView env(entry.value().data);
            return env.isValid() && env.expiryUs() <= now;
        });
        if (it->values.size() != before)
            ++it->version;
    }
    for (const QByteArray& key : idle)
        close(key);
}

void KeyViews::close(const QByteArray& key20)
{
    const auto it = m_views.find(key20);
    if (it == m_views.end())
        return;
    m_node->cancelListen(it->listenHandle);
    m_views.erase(it);
}
