#include "KeptPutStore.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

namespace {

constexpr char schema[] = "CREATE TABLE IF NOT EXISTS kept_puts("
                          " id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, value_type INTEGER NOT NULL,"
                          " user_type TEXT NOT NULL, key TEXT NOT NULL, key_mode TEXT NOT NULL,"
                          " key_hex TEXT NOT NULL, proxy TEXT NOT NULL, body BLOB NOT NULL,"
                          " ttl_end_ms INTEGER NOT NULL, last_post_ms INTEGER NOT NULL,"
                          " next_refresh_ms INTEGER)"; // NULL: only the downgrade is left

constexpr char columns[] = "kind, value_type, user_type, key, key_mode, key_hex, proxy, body, ttl_end_ms,"
                           " last_post_ms, next_refresh_ms";

void bindText(sqlite3_stmt* s, int column, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(s, column, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

QString columnText(sqlite3_stmt* s, int column)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, column)),
                             sqlite3_column_bytes(s, column));
}

QDateTime columnTime(sqlite3_stmt* s, int column)
{
    if (sqlite3_column_type(s, column) == SQLITE_NULL)
        return {};
    return QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(s, column), Qt::UTC);
}

void bindTime(sqlite3_stmt* s, int column, const QDateTime& t)
{
    if (t.isValid())
        sqlite3_bind_int64(s, column, t.toMSecsSinceEpoch());
    else
        sqlite3_bind_null(s, column);
}

// Binds put's columns from 1 on, in the order of `columns`.
void bindPut(sqlite3_stmt* s, const KeptPut& put)
{
    sqlite3_bind_int(s, 1, int(put.kind));
    sqlite3_bind_int(s, 2, put.valueType);
    bindText(s, 3, put.userType);
    bindText(s, 4, put.key);
    bindText(s, 5, put.keyMode);
    bindText(s, 6, put.keyHex);
    bindText(s, 7, put.proxy.toString());
    sqlite3_bind_blob(s, 8, put.body.constData(), int(put.body.size()), SQLITE_TRANSIENT);
    bindTime(s, 9, put.ttlEnd);
    bindTime(s, 10, put.lastPost);
    bindTime(s, 11, put.nextRefresh);
}

} // namespace

KeptPutStore::~KeptPutStore()
{
    close();
}

QString KeptPutStore::userPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/opendht-browser/browser/kept-puts.sqlite");
}

void KeptPutStore::close()
{
    sqlite3_close(m_db);
    m_db = nullptr;
}

bool KeptPutStore::exec(const char* sql)
{
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

bool KeptPutStore::open(const QString& path, QString* error)
{
    close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    // A reader and a writer (opendht-cli kept, the browser) may meet: wait for each other a bit.
    const bool ok = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK &&
                    sqlite3_busy_timeout(m_db, 2000) == SQLITE_OK && exec("PRAGMA journal_mode=WAL") &&
                    exec("PRAGMA synchronous=NORMAL") && exec(schema);
    if (!ok) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, lastError());
        close();
    }
    return ok;
}

QString KeptPutStore::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not open");
}

bool KeptPutStore::save(KeptPut* put)
{
    if (!m_db)
        return false;
    QByteArray sql;
    if (put->id > 0)
        sql = QByteArray("UPDATE kept_puts SET (") + columns +
              ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?";
    else
        sql = QByteArray("INSERT INTO kept_puts (") + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &s, nullptr) != SQLITE_OK)
        return false;
    bindPut(s, *put);
    if (put->id > 0)
        sqlite3_bind_int64(s, 12, put->id);
    const bool ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    if (ok && put->id <= 0)
        put->id = sqlite3_last_insert_rowid(m_db);
    return ok;
}

void KeptPutStore::remove(qint64 id)
{
    if (!m_db)
        return;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(m_db, "DELETE FROM kept_puts WHERE id = ?", -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_step(s);
    sqlite3_finalize(s);
}

QList<KeptPut> KeptPutStore::all() const
{
    QList<KeptPut> puts;
    if (!m_db)
        return puts;
    sqlite3_stmt* s = nullptr;
    const QByteArray sql = QByteArray("SELECT id, ") + columns + " FROM kept_puts ORDER BY ttl_end_ms, id";
    sqlite3_prepare_v2(m_db, sql.constData(), -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
        KeptPut p;
        p.id = sqlite3_column_int64(s, 0);
        p.kind = KeptPut::Kind(sqlite3_column_int(s, 1));
        p.valueType = sqlite3_column_int(s, 2);
        p.userType = columnText(s, 3);
        p.key = columnText(s, 4);
        p.keyMode = columnText(s, 5);
        p.keyHex = columnText(s, 6);
        p.proxy = QUrl(columnText(s, 7));
        p.body = QByteArray(static_cast<const char*>(sqlite3_column_blob(s, 8)), sqlite3_column_bytes(s, 8));
        p.ttlEnd = columnTime(s, 9);
        p.lastPost = columnTime(s, 10);
        p.nextRefresh = columnTime(s, 11);
        puts.append(p);
    }
    sqlite3_finalize(s);
    return puts;
}
