#include "LedgerSalvage.h"

#include "LedgerPages.h"

#include <QDateTime>
#include <QFile>
#include <QSet>

#include <sqlite3.h>

namespace {

constexpr int prefixes = 65536;
constexpr int shownRanges = 20;

const QLatin1String walSuffix("-wal");
const QLatin1String shmSuffix("-shm");

QString asideName(const QString& path)
{
    const QString base = path + QStringLiteral(".damaged-") +
                         QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString name = base;
    for (int n = 2; QFile::exists(name); ++n)
        name = base + u'-' + QString::number(n);
    return name;
}

// The fixed fields of SQLite's 100-byte header: a file whose magic or page size was overwritten
// reads again once they are put back. Page size 4096 is SQLite's default, which ours uses.
bool mendHeader(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || f.size() < 100)
        return false;
    QByteArray h = f.read(100);
    const QByteArray fixed = h;
    h.replace(0, 16, QByteArray("SQLite format 3\0", 16));
    const int pageSize = (uchar(h[16]) << 8) | uchar(h[17]);
    const bool powerOfTwo = pageSize == 1 || (pageSize >= 512 && (pageSize & (pageSize - 1)) == 0);
    if (!powerOfTwo) {
        h[16] = char(0x10);
        h[17] = 0;
    }
    for (int i : {18, 19})
        if (h[i] != 1 && h[i] != 2)
            h[i] = 2; // WAL
    h[21] = 64;       // payload fractions: fixed by the format
    h[22] = 32;
    h[23] = 32;
    if (h == fixed)
        return false;
    f.seek(0);
    return f.write(h) == 100;
}

QByteArray prefixKey(int prefix)
{
    if (prefix >= prefixes)
        return QByteArray(21, char(0xff)); // above every 20-byte key
    QByteArray k(2, '\0');
    k[0] = char(prefix >> 8);
    k[1] = char(prefix & 0xff);
    return k;
}

QString prefixHex(int prefix)
{
    return QStringLiteral("%1").arg(prefix, 4, 16, QLatin1Char('0'));
}

QByteArray columnBlob(sqlite3_stmt* s, int column)
{
    return QByteArray(static_cast<const char*>(sqlite3_column_blob(s, column)),
                      sqlite3_column_bytes(s, column));
}

class RangeReader
{
public:
    explicit RangeReader(LedgerSalvage::Result& r)
        : m_r(r)
    {
    }

    void readAll(sqlite3* db)
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db,
                               "SELECT key, id, envelope, keep_until_us, origin, account FROM items"
                               " WHERE key >= ? AND key < ?",
                               -1, &s, nullptr) != SQLITE_OK) {
            lost(0, prefixes); // not even the table's description reads
            flush();
            return;
        }
        for (int p = 0; p < prefixes; ++p) {
            const QByteArray lo = prefixKey(p), hi = prefixKey(p + 1);
            sqlite3_bind_blob(s, 1, lo.constData(), int(lo.size()), SQLITE_TRANSIENT);
            sqlite3_bind_blob(s, 2, hi.constData(), int(hi.size()), SQLITE_TRANSIENT);
            int rc;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW)
                take(s);
            if (rc != SQLITE_DONE)
                lost(p, p + 1);
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
        flush();
    }

private:
    void take(sqlite3_stmt* s)
    {
        ItemLedger::Row row{columnBlob(s, 0), quint64(sqlite3_column_int64(s, 1)),
                            columnBlob(s, 2), sqlite3_column_int64(s, 3),
                            columnBlob(s, 4), quint32(sqlite3_column_int64(s, 5))};
        if (ItemLedger::isSound(row))
            m_r.rows.append(std::move(row));
        else
            m_r.failedKeys.append(row.key20);
    }

    // Prefixes [from, to) could not be read: merged with the range before when they touch it.
    void lost(int from, int to)
    {
        if (m_to == from) {
            m_to = to;
            return;
        }
        flush();
        m_from = from;
        m_to = to;
    }

    void flush()
    {
        if (m_from < 0)
            return;
        m_r.lostRanges.append(m_to - m_from == 1
                                  ? prefixHex(m_from)
                                  : QStringLiteral("%1 to %2").arg(prefixHex(m_from), prefixHex(m_to - 1)));
        m_from = m_to = -1;
    }

    LedgerSalvage::Result& m_r;
    int m_from = -1;
    int m_to = -1;
};

QByteArray rowRef(const ItemLedger::Row& row)
{
    return row.key20 + QByteArray::number(row.id);
}

// Sound rows of intact pages that the tree no longer leads to (see LedgerPages).
void addUnreached(const QString& copy, LedgerSalvage::Result& r)
{
    QFile f(copy);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QSet<QByteArray> seen;
    for (const ItemLedger::Row& row : std::as_const(r.rows))
        seen.insert(rowRef(row));
    for (ItemLedger::Row& row : LedgerPages(f.readAll()).rows()) {
        if (ItemLedger::isSound(row) && !seen.contains(rowRef(row))) {
            seen.insert(rowRef(row));
            r.rows.append(std::move(row));
        }
    }
}

} // namespace

LedgerSalvage::Result LedgerSalvage::salvage(const QString& path)
{
    Result r;
    const QString aside = asideName(path);
    // Kept as it was found: every read below is of a copy.
    if (!QFile::rename(path, aside)) {
        r.error = QStringLiteral("cannot move the damaged %1 aside").arg(path);
        return r;
    }
    r.keptAside = aside;
    QFile::rename(path + walSuffix, aside + walSuffix);
    QFile::remove(path + shmSuffix);
    const QString copy = path + QStringLiteral(".salvage");
    for (const QLatin1String& suffix : {QLatin1String(), walSuffix, shmSuffix})
        QFile::remove(copy + suffix);
    QFile::copy(aside, copy);
    if (QFile::exists(aside + walSuffix))
        QFile::copy(aside + walSuffix, copy + walSuffix);

    sqlite3* db = nullptr;
    const QByteArray name = copy.toUtf8();
    auto openCopy = [&] {
        sqlite3_close(db);
        db = nullptr;
        return sqlite3_open_v2(name.constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
               sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) == SQLITE_OK;
    };
    if (!openCopy() && mendHeader(copy))
        r.headerMended = openCopy();
    RangeReader(r).readAll(db);
    // The WAL's pages into the copy's file (what SQLite can of them), for the page scan.
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    addUnreached(copy, r);
    for (const QLatin1String& suffix : {QLatin1String(), walSuffix, shmSuffix})
        QFile::remove(copy + suffix);
    return r;
}

QString LedgerSalvage::report(const QString& path, const QString& problem, const Result& r)
{
    QString s = QStringLiteral("%1 is damaged (%2): kept aside as %3%4; %5 item(s) read back and kept")
                    .arg(path, problem, r.keptAside,
                         r.headerMended ? QStringLiteral(" (its header mended to read it)") : QString())
                    .arg(r.rows.size());
    if (!r.failedKeys.isEmpty()) {
        QStringList keys;
        for (const QByteArray& k : r.failedKeys.mid(0, shownRanges))
            keys << QString::fromLatin1(k.toHex());
        if (r.failedKeys.size() > shownRanges)
            keys << QStringLiteral("and %1 more").arg(r.failedKeys.size() - shownRanges);
        s += QStringLiteral("; %1 item(s) lost, their rows failing their check, under the key(s) %2")
                 .arg(r.failedKeys.size())
                 .arg(keys.join(QStringLiteral(", ")));
    }
    if (!r.lostRanges.isEmpty()) {
        QStringList ranges = r.lostRanges.mid(0, shownRanges);
        if (r.lostRanges.size() > shownRanges)
            ranges << QStringLiteral("and %1 more").arg(r.lostRanges.size() - shownRanges);
        s += QStringLiteral("; the items not read back under keys beginning %1 are lost (unreadable, they "
                            "cannot be counted)")
                 .arg(ranges.join(QStringLiteral(", ")));
    }
    return s;
}
