#pragma once

#include "DhtNode.h"
#include <classic/Listing.h>

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
class KeyViews : public QObject
{
    Q_OBJECT
public:
    static constexpr int resyncSeconds = 15;
    static constexpr int idleSeconds = 300;
    static constexpr int maxViews = 1024;

    explicit KeyViews(DhtNode* node, QObject* parent = nullptr);

    using Reader = std::function<void(const classic::Listing&)>;
    void read(const QByteArray& key20, Reader then);
    // A value this gateway just stored: its own clients read it at once.
    void stored(const QByteArray& key20, const StoredValue& value);
    int size() const { return int(m_views.size()); }
    // How many DHT values the key holds, as far as a view knows; -1 when it is not watched.
    int valueCount(const QByteArray& key20) const;

private:
    struct View
    {
        quint64 listenHandle = 0;
        QHash<quint64, StoredValue> values;
        bool synced = false;
        bool syncing = false;
        quint64 version = 0;
        classic::Listing listing;
        quint64 listingVersion = ~quint64(0);
        QElapsedTimer lastRead;
        QElapsedTimer lastSync;
        QList<Reader> waiters;
    };

    View& open(const QByteArray& key20);
    void sync(const QByteArray& key20);
    void merge(View& view, const QVector<StoredValue>& values);
    const classic::Listing& listing(const QByteArray& key20, View& view);
    void sweep();
    void close(const QByteArray& key20);

    DhtNode* m_node;
    QHash<QByteArray, View> m_views;
    QTimer m_sweep;
};
