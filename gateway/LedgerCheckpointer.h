#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

// Copies the ledger's WAL into its file on a thread of its own. A checkpoint is where SQLite
// syncs the file to disk (a commit in WAL mode with synchronous=NORMAL only writes): done by the
// Qt thread's own connection, as SQLite does after every 1000 pages of WAL, it held a put or an
// item's end for up to 100 ms under load. A passive checkpoint from another connection blocks
// nobody: commits go on appending to the WAL meanwhile.
class LedgerCheckpointer
{
public:
    LedgerCheckpointer() = default;
    LedgerCheckpointer(const LedgerCheckpointer&) = delete;
    LedgerCheckpointer& operator=(const LedgerCheckpointer&) = delete;
    ~LedgerCheckpointer() { stop(); }

    bool start(const QString& path);
    void stop();

private:
    void run();

    sqlite3* m_db = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};
