#pragma once

#include "DhtNode.h"
#include "ItemLedger.h"
#include "LedgerWriter.h"
#include "ValueRef.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

// The classic items this gateway keeps alive in the DHT, each until its end (a put: its
// expiry; a removal: a week past its own, see classic::Item::keepUntilUs). Stock nodes drop a
// value 10 minutes after its last store or refresh, so an item lives in the DHT exactly as long
// as some gateway keeps it: libopendht's permanent put refreshes it, and release() at the end
// stops that. With a state directory the ledger holds the items on disk, and a restarted gateway
// keeps them again.
class ItemKeeper : public QObject
{
    Q_OBJECT
public:
    struct Totals
    {
        qint64 values = 0;
        qint64 bytes = 0;
    };

    struct Kept
    {
        QByteArray key20;
        StoredValue value;
        qint64 keepUntilUs = 0;
        QByteArray origin;   // empty: accepted here; else the gateway that accepted it
        quint32 account = 0; // accepted here: whose fair share it counts against
    };

    using Recorded = LedgerWriter::Recorded;

    explicit ItemKeeper(DhtNode* node, QObject* parent = nullptr);
    ~ItemKeeper() override;

    // Opens the ledger and keeps every item it holds that has not ended (what a damaged ledger
    // lost is said on stderr).
    bool open(const QString& path, QString* error);
    // Keeps the value until its keepUntilUs once it is recorded on disk (at once without a
    // ledger): recorded(true) then, on this thread; recorded(false) when it could not be written
    // (then it is not kept at all). announced: see DhtNode::keep.
    void keep(const Kept& item, Recorded recorded = {}, std::function<void(bool)> announced = {});
    // The same, waiting for the disk: for the start only.
    bool keepNow(const Kept& item);
    void release(const QByteArray& key20, quint64 valueId);
    // Kept, or on its way to the disk.
    bool contains(const QByteArray& key20, quint64 valueId) const;
    // How many items are kept under key20.
    int itemsAt(const QByteArray& key20) const;

    // f(const Kept&) for every item kept.
    template <typename F> void forEach(F f) const
    {
        for (const Kept& k : m_items)
            f(k);
    }

    // A client's put came, kept or refused: memory is not given back while they flood in (a
    // refused put allocates too, and a flood soon reaches its clients' shares).
    void notePut() { ++m_putsSinceTrimArmed; }

    Totals own() const { return m_own; }
    Totals backups() const { return m_backups; }

private:
    void add(Kept kept, std::function<void(bool)> announced = {});
    void hold(const Kept& kept, std::function<void(bool)> announced = {}); // a new item: add() it
    void count(const Kept& kept, int sign);
    void endDue();
    void scheduleEnd();
    void giveBackMemory();
    void trimHeap(const QString& what); // what ended, for the log line of the trim

    DhtNode* m_node;
    ItemLedger m_ledger;
    LedgerWriter m_writer{&m_ledger}; // the ledger's only user once open
    QHash<QByteArray, int> m_pending; // refs on their way to the disk, how many times (a few)
    // A tree, not a hash: a flood's puts reach it one after the other, and a QHash doubles in
    // one step (every entry moved: 45 ms of the Qt thread's CPU in one put of a 60 s flood, a
    // stall for every client); a tree grows a node at a time. By valueRef().
    QMap<QByteArray, Kept> m_items;
    QMultiMap<qint64, QByteArray> m_ends; // keepUntilUs -> ref
    QTimer m_endTimer;
    static constexpr int endSliceMs = 5;
    QTimer m_trimTimer;
    QTimer m_lateTrimTimer;
    bool m_lateTrimAgain = false; // a big expiry came while the late trim was waiting
    // libopendht's search lifetime (62 min) and the longest wait for its sweep (6 min), and some.
    static constexpr std::chrono::minutes searchLinger{70};
    // A trim waits for the puts to calm down: this many puts within one trimDelay is a flood.
    static constexpr std::chrono::seconds trimDelay{5};
    static constexpr int floodPuts = 1000;
    int m_putsSinceTrimArmed = 0;
    qsizetype m_peakItems = 0; // the most items held since memory was last given back
    Totals m_own;
    Totals m_backups;
    // malloc_trim's thread: a trim walks the whole heap (55 to 130 ms under load after a flood),
    // which every client waited for when it ran on the Qt thread. It touches nothing of ours.
    QThreadPool m_trimmer;
};
