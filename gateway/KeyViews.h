#pragma once

#include "DhtNode.h"
#include "core/stored/Listing.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

// The values of the keys clients are reading, kept current by DHT listens, so that a get is
// answered from memory instead of a DHT lookup each time (a lookup costs a round of UDP
// requests, and now and then libopendht lets one wait a whole second for a silent node).
//
// A key is looked up once when first read (readers wait for that), and watched from then on:
// values stored anywhere in the DHT arrive through the listen, and the view is reconciled with
// a background lookup every resyncSeconds while it is read, so a missed notification cannot
// leave it stale for long. Keys nobody read for idleSeconds are forgotten.
//
// Views are bounded, since every HTTP client may read any key: at most maxViews keys and
// maxBytes of values in all (a key holds at most maxViewBytes), the least recently read going
// first; a client (an IPv4 address, an IPv6 /64) holds at most its share of the views, and opens
// new ones at most newViewsPerSecond (a burst of newViewBurst): beyond, its reads of new keys
// wait, so one client reading random keys cannot make the gateway flood the DHT with lookups.
class KeyViews : public QObject
{
    Q_OBJECT
public:
    static constexpr int resyncSeconds = 15;
    static constexpr int idleSeconds = 300;
    static constexpr int maxViews = 512;
    static constexpr qint64 maxBytes = 64LL * 1024 * 1024;
    static constexpr qint64 maxViewBytes = 8LL * 1024 * 1024;
    static constexpr int minClientShare = 16;
    static constexpr double newViewsPerSecond = 50;
    static constexpr double newViewBurst = 100;

    explicit KeyViews(DhtNode* node, QObject* parent = nullptr);

    using Reader = std::function<void(const classic::Listing&)>;
    void read(const QByteArray& key20, quint32 client, Reader then);
    // The key's values as a proxy answers GET /key: one JSON line each, as they are stored
    // (classic items as their envelopes, other software's values with all they carry).
    using LinesReader = std::function<void(const QByteArray& lines)>;
    void readLines(const QByteArray& key20, quint32 client, LinesReader then);
    // Watches the key: its values once known, then each value stored and each one gone
    // (expired = true), until unwatch(). A watched key stays in memory and is resynced.
    using Watcher = std::function<void(const QVector<StoredValue>& values, bool expired)>;
    quint64 watch(const QByteArray& key20, quint32 client, Watcher watcher);
    void unwatch(quint64 handle);
    // Why the client cannot read the key now, or nothing when it can: its view is open, or the
    // node's search budget has room for it in the client's part (DhtNode::admitSearch).
    QString refusalToOpen(const QByteArray& key20, quint32 client);
    // A value this gateway just stored: its own clients read it at once.
    void stored(const QByteArray& key20, const StoredValue& value);
    int size() const { return int(m_views.size()); }
    qint64 bytes() const { return m_bytes; }
    // How many DHT values the key holds, as far as a view knows; -1 when it is not watched.
    int valueCount(const QByteArray& key20) const;

private:
    // A reader waiting for a view: of a listing, of JSON lines, or a watch to start.
    struct Waiter
    {
        Reader listing;
        LinesReader lines;
        quint64 watch = 0;
    };
    struct View
    {
        QByteArray key;
        quint32 owner = 0; // the client whose read opened it
        quint64 listenHandle = 0;
        QHash<quint64, StoredValue> values;
        qint64 bytes = 0;
        bool synced = false;
        bool syncing = false;
        quint64 version = 0;
        classic::Listing listing;
        quint64 listingVersion = ~quint64(0);
        QByteArray lines;
        quint64 linesVersion = ~quint64(0);
        QElapsedTimer lastRead;
        QElapsedTimer lastSync;
        QList<Waiter> waiters;
        QList<quint64> watchers;
        bool busy() const { return syncing || !waiters.isEmpty() || !watchers.isEmpty(); }
    };
    struct Waiting
    {
        QByteArray key20;
        Waiter then;
    };
    struct Watch
    {
        QByteArray key20;
        Watcher watcher;
        bool live = false;
    };
    struct Client
    {
        double tokens = newViewBurst;
        QElapsedTimer refilled;
        int views = 0;
        QList<Waiting> waiting;
    };

    void readAny(const QByteArray& key20, quint32 client, Waiter then);
    void readView(const QByteArray& key20, View& view, Waiter then);
    void deliver(const QByteArray& key20, View& view, const QList<Waiter>& waiters);
    void notify(const View& view, const QVector<StoredValue>& values, bool expired);
    bool takeToken(Client& client);
    void serveWaiting();
    View& open(const QByteArray& key20, quint32 client);
    void makeRoom(quint32 client);
    bool closeOldest(const std::function<bool(const View&)>& which);
    void sync(const QByteArray& key20);
    void merge(View& view, const QVector<StoredValue>& values);
    void drop(View& view, quint64 id);
    const classic::Listing& listing(const QByteArray& key20, View& view);
    const QByteArray& lines(View& view);
    void sweep();
    void close(const QByteArray& key20);

    DhtNode* m_node;
    QHash<QByteArray, View> m_views;
    QHash<quint32, Client> m_clients;
    QHash<quint64, Watch> m_watches;
    quint64 m_nextWatch = 1;
    qint64 m_bytes = 0;
    bool m_evictionPending = false;
    QTimer m_sweep;
    QTimer m_waitingTimer;
};
