#include "LedgerCheckpointer.h"

#include <sqlite3.h>

#include <chrono>

namespace {

// Often enough that the WAL stays small (about what SQLite's own 1000-page rule lets it grow to
// at a few thousand puts a second), rarely enough to cost nothing when idle.
constexpr auto interval = std::chrono::milliseconds(500);

} // namespace

bool LedgerCheckpointer::start(const QString& path)
{
    stop();
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
        return false;
    }
    // The writer's commits wait at most this long for the WAL's write lock (held briefly
    // here when the WAL restarts), never fail on it.
    sqlite3_busy_timeout(m_db, 1000);
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void LedgerCheckpointer::stop()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    sqlite3_close(m_db);
    m_db = nullptr;
}

void LedgerCheckpointer::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_wake.wait_for(lock, interval, [this] { return m_stopping; })) {
        lock.unlock();
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
}
