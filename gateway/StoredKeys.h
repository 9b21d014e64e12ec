#pragma once

#include "DhtNode.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>

class ItemKeeper;

// The keys this node stores, for GET /keys: pages of JSON lines in InfoHash order, the cursor
// being the last key of the previous page. A page comes from a snapshot of libopendht's store,
// sorted once (O(log n + page) a page, not O(all)); a first page (no cursor) wants a snapshot
// of at most a second ago taken after this node's last own put (so a client sees what it just
// put), later pages take one of up to 30 s. Keys that come and go between
// snapshots cannot repeat (the cursor only moves forward), and a key present all along is
// listed exactly once.
class StoredKeys : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultLimit = 1000;
    static constexpr int maxLimit = 10000;

    StoredKeys(DhtNode* node, const ItemKeeper* keeper, QObject* parent = nullptr);

    // One page after the key after20 (empty: from the first key), at most limit keys: one JSON
    // line a key, then {"next":"<40 hex or empty at the end>","total":N}. done may run at once.
    void page(const QByteArray& after20, int limit, std::function<void(QByteArray)> done);

    // Keys of the latest snapshot (-1 before the first) and its age; a snapshot older than
    // maxAgeMs is retaken in the background, so that GET / stays cheap and near the truth.
    qint64 count(qint64 maxAgeMs);
    qint64 ageMs() const { return m_snapshot ? m_snapshot->taken.elapsed() : -1; }

private:
    struct Snapshot
    {
        QVector<StoredKey> keys; // sorted by key20
        QElapsedTimer taken;
        quint64 putCount = 0; // the node's own puts before it was taken
    };

    bool isFresh(qint64 maxAgeMs, quint64 puts) const;
    void withSnapshot(qint64 maxAgeMs, bool afterLastPut, std::function<void(const Snapshot&)> use);
    void take();
    QByteArray lines(const Snapshot& s, const QByteArray& after20, int limit) const;

    DhtNode* m_node;
    const ItemKeeper* m_keeper;
    std::shared_ptr<const Snapshot> m_snapshot;
    bool m_taking = false;
    struct Waiting
    {
        quint64 puts; // the node's own puts the snapshot must have seen
        std::function<void(const Snapshot&)> use;
    };
    QVector<Waiting> m_waiting; // pages waiting for the snapshot being taken
};
