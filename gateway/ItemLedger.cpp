#include "ItemLedger.h"

#include "LedgerSalvage.h"

#include "core/stored/ClassicItem.h"

#include <sqlite3.h>

namespace {

constexpr char schema[] = "CREATE TABLE IF NOT EXISTS items("
                          " key BLOB NOT NULL, id INTEGER NOT NULL, envelope BLOB NOT NULL,"
                          " keep_until_us INTEGER NOT NULL, origin BLOB NOT NULL, account INTEGER NOT NULL,"
                          " PRIMARY KEY (key, id)) WITHOUT ROWID";

void bindBlob(sqlite3_stmt* s, int column, const QByteArray& bytes)
{
    sqlite3_bind_blob(s, column, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
}

QByteArray columnBlob(sqlite3_stmt* s, int column)
{
    return QByteArray(static_cast<const char*>(sqlite3_column_blob(s, column)),
                      sqlite3_column_bytes(s, column));
}

} // namespace

ItemLedger::~ItemLedger()
{
    close();
}

void ItemLedger::close()
{
    sqlite3_finalize(m_insert);
    sqlite3_finalize(m_delete);
    m_insert = m_delete = nullptr;
    sqlite3_close(m_db);
    m_db = nullptr;
}

bool ItemLedger::exec(const char* sql)
{
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

namespace {

bool isDamageCode(int rc)
{
    return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

} // namespace

bool ItemLedger::openFile(const QString& path)
{
    return sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr) == SQLITE_OK;
}

QString ItemLedger::damage()
{
    // Before anything is written: SQLite's check of every page of the file.
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(m_db, "PRAGMA quick_check", -1, &s, nullptr);
    QString verdict;
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        verdict = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return isDamageCode(sqlite3_errcode(m_db)) ? lastError() : QString();
    return verdict == u"ok" ? QString() : verdict.simplified().left(200); // one line
}

bool ItemLedger::readRows(QVector<Row>& rows, int* unsound)
{
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT key, id, envelope, keep_until_us, origin, account FROM items", -1, &s,
                       nullptr);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        Row row{columnBlob(s, 0), quint64(sqlite3_column_int64(s, 1)),
                columnBlob(s, 2), sqlite3_column_int64(s, 3),
                columnBlob(s, 4), quint32(sqlite3_column_int64(s, 5))};
        if (isSound(row))
            rows.append(std::move(row));
        else
            ++*unsound;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

bool ItemLedger::insertAll(const QVector<Row>& rows)
{
    bool ok = exec("BEGIN");
    for (const Row& row : rows)
        ok = ok && add(row);
    return exec(ok ? "COMMIT" : "ROLLBACK") && ok;
}

bool ItemLedger::isSound(const Row& row)
{
    const classic::EnvelopeView view(row.envelope);
    return row.key20.size() == classic::keyBytes && view.isValid() && view.isAuthentic() &&
           row.keepUntilUs == view.keepUntilUs() &&
           row.id == classic::Item::decode(row.envelope).dhtValueId(row.key20);
}

bool ItemLedger::open(const QString& path, QString* error, QString* warning)
{
    close();
    m_loaded.clear();
    QString problem;
    bool ok = openFile(path);
    if (ok)
        problem = damage();
    // WAL without a sync per commit: a commit is in the file once written, which a killed
    // process cannot undo; only a power cut may lose the last ones.
    const auto prepare = [this] {
        // Checkpoints (where SQLite syncs the file) are SQLite's own, after a commit that takes
        // the WAL past 1000 pages, on LedgerWriter's thread: no other write runs meanwhile, so
        // each one completes and the WAL starts over. A passive checkpoint from a connection of
        // its own never caught up with a flood's commits: the WAL grew to 5 GB in a minute.
        // The file is cut back to the limit when it starts over after a big transaction.
        return exec("PRAGMA journal_mode=WAL") && exec("PRAGMA synchronous=NORMAL") &&
               exec("PRAGMA wal_autocheckpoint=1000") && exec("PRAGMA journal_size_limit=16777216") &&
               exec(schema) &&
               sqlite3_prepare_v2(m_db, "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)", -1,
                                  &m_insert, nullptr) == SQLITE_OK &&
               sqlite3_prepare_v2(m_db, "DELETE FROM items WHERE key = ? AND id = ?", -1, &m_delete,
                                  nullptr) == SQLITE_OK;
    };
    if (ok && problem.isEmpty()) {
        int unsound = 0;
        ok = prepare() && readRows(m_loaded, &unsound);
        if (!ok && isDamageCode(sqlite3_errcode(m_db)))
            problem = lastError();
        else if (unsound > 0)
            problem = QStringLiteral("%1 row(s) fail their check").arg(unsound);
    }
    if (!problem.isEmpty()) {
        // Its last state stays as it is: no checkpoint of its WAL into the damaged file.
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        close();
        m_loaded.clear();
        const LedgerSalvage::Result salvaged = LedgerSalvage::salvage(path);
        if (!salvaged.error.isEmpty()) {
            *error = QStringLiteral("%1 is damaged (%2) and %3").arg(path, problem, salvaged.error);
            return false;
        }
        ok = openFile(path) && prepare() && insertAll(salvaged.rows);
        m_loaded = salvaged.rows;
        if (warning)
            *warning = LedgerSalvage::report(path, problem, salvaged);
    }
    if (ok) // another connection writing it (a test, a second gateway) makes a commit wait, not fail
        sqlite3_busy_timeout(m_db, 1000);
    if (!ok) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, lastError());
        close();
    }
    return ok;
}

QString ItemLedger::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not open");
}

bool ItemLedger::add(const Row& row)
{
    if (!m_db)
        return false;
    bindBlob(m_insert, 1, row.key20);
    sqlite3_bind_int64(m_insert, 2, sqlite3_int64(row.id));
    bindBlob(m_insert, 3, row.envelope);
    sqlite3_bind_int64(m_insert, 4, row.keepUntilUs);
    bindBlob(m_insert, 5, row.origin);
    sqlite3_bind_int64(m_insert, 6, sqlite3_int64(row.account));
    const bool ok = sqlite3_step(m_insert) == SQLITE_DONE;
    sqlite3_reset(m_insert);
    return ok;
}

void ItemLedger::remove(const QByteArray& key20, quint64 id)
{
    if (!m_db)
        return;
    bindBlob(m_delete, 1, key20);
    sqlite3_bind_int64(m_delete, 2, sqlite3_int64(id));
    sqlite3_step(m_delete);
    sqlite3_reset(m_delete);
}

bool ItemLedger::begin()
{
    // The write lock at once: another writer of the file (a second gateway on the same state
    // dir) is waited for once, for the busy timeout, not at every row.
    return m_db && exec("BEGIN IMMEDIATE");
}

bool ItemLedger::inTransaction() const
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

bool ItemLedger::commit(QString* error)
{
    if (!m_db)
        return false;
    if (exec("COMMIT"))
        return true;
    if (error)
        *error = lastError();
    exec("ROLLBACK"); // a transaction left open would hold every later row back
    return false;
}

QVector<ItemLedger::Row> ItemLedger::live(qint64 nowUs)
{
    QVector<Row> rows;
    if (!m_db)
        return rows;
    sqlite3_stmt* cleanup = nullptr;
    sqlite3_prepare_v2(m_db, "DELETE FROM items WHERE keep_until_us <= ?", -1, &cleanup, nullptr);
    sqlite3_bind_int64(cleanup, 1, nowUs);
    sqlite3_step(cleanup);
    sqlite3_finalize(cleanup);
    rows.swap(m_loaded); // read at open, which checked them
    rows.removeIf([nowUs](const Row& r) { return r.keepUntilUs <= nowUs; });
    return rows;
}
