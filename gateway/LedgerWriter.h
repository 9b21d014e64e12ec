#pragma once

#include "ItemLedger.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

class QObject;

// Writes the ledger on a thread of its own, so that the Qt thread, which answers every client,
// never waits for the disk: ext4 held a write into the WAL for 30 to 100 ms now and then under a
// put flood, a stall for everyone. Group commit: whatever was queued while a commit ran goes
// into the next transaction, one write for many puts. A put is answered once its transaction is
// committed (recorded() on the context's thread), so status 0 still means on disk.
class LedgerWriter
{
public:
    using Recorded = std::function<void(bool)>;

    explicit LedgerWriter(ItemLedger* ledger)
        : m_ledger(ledger)
    {
    }
    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;
    ~LedgerWriter() { stop(); }

    // From now on the ledger is this thread's alone. recorded() runs on context's thread, which
    // must stop() the writer before it is destroyed.
    void start(QObject* context);
    // Writes what is queued, then ends; the recorded() of those runs when the context's thread
    // is back in its event loop, if ever.
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

    // recorded(true) once the row is committed, false if it could not be written.
    void add(ItemLedger::Row row, Recorded recorded);
    // Waits until the row is committed: for the start (the first stored form's migration).
    bool addNow(ItemLedger::Row row);
    void remove(const QByteArray& key20, quint64 id);

private:
    struct Op
    {
        ItemLedger::Row row; // a removal: key20 and id only
        bool isAdd = false;
        Recorded recorded;
        std::promise<bool>* waiter = nullptr;
    };

    void enqueue(Op op);
    void run();
    void write(std::deque<Op>& batch);

    ItemLedger* m_ledger;
    QObject* m_context = nullptr; // outlives the thread: its owner stops it first
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Op> m_queue;
    bool m_stopping = false;
    // A transaction's most: its answers wait for all of it.
    static constexpr size_t maxBatch = 4096;
};
