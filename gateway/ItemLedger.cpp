#include "ItemLedger.h"

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

bool ItemLedger::open(const QString& path, QString* error)
{
    close();
    const bool ok = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK &&
                    // WAL without a sync per commit: a commit is in the file once written, which a killed
                    // process cannot undo; only a power cut may lose the last ones.
                    exec("PRAGMA journal_mode=WAL") && exec("PRAGMA synchronous=NORMAL") && exec(schema) &&
                    sqlite3_prepare_v2(m_db, "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)", -1,
                                       &m_insert, nullptr) == SQLITE_OK &&
                    sqlite3_prepare_v2(m_db, "DELETE FROM items WHERE key = ? AND id = ?", -1, &m_delete,
                                       nullptr) == SQLITE_OK;
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
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT key, id, envelope, keep_until_us, origin, account FROM items", -1, &s,
                       nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
        rows.append({columnBlob(s, 0), quint64(sqlite3_column_int64(s, 1)), columnBlob(s, 2),
                     sqlite3_column_int64(s, 3), columnBlob(s, 4), quint32(sqlite3_column_int64(s, 5))});
    }
    sqlite3_finalize(s);
    return rows;
}
