#include "LedgerPages.h"

#include <algorithm>

namespace {

constexpr uchar interiorIndexPage = 0x02;
constexpr uchar leafIndexPage = 0x0a;
constexpr int columns = 6; // key, id, envelope, keep_until_us, origin, account

quint32 bigEndian(const QByteArray& b, qsizetype at, int bytes)
{
    quint32 v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | uchar(b[at + i]);
    return v;
}

// SQLite's variable-length integer: 7 bits a byte, big-endian, the ninth byte whole. False when
// it runs past end.
bool varint(const QByteArray& b, qsizetype& at, qsizetype end, quint64* value)
{
    quint64 v = 0;
    for (int i = 0; i < 9; ++i) {
        if (at >= end)
            return false;
        const uchar c = uchar(b[at++]);
        if (i == 8) {
            *value = (v << 8) | c;
            return true;
        }
        v = (v << 7) | (c & 0x7f);
        if (!(c & 0x80)) {
            *value = v;
            return true;
        }
    }
    return false;
}

} // namespace

LedgerPages::LedgerPages(const QByteArray& file)
    : m_file(file)
{
    if (file.size() >= 100) {
        const quint32 size = bigEndian(file, 16, 2);
        if (size == 1)
            m_pageSize = 65536;
        else if (size >= 512 && (size & (size - 1)) == 0)
            m_pageSize = size;
        m_usable = m_pageSize - uchar(file[20]); // bytes reserved at the end of each page
    }
}

QVector<ItemLedger::Row> LedgerPages::rows() const
{
    QVector<ItemLedger::Row> rows;
    for (qsizetype page = 0; (page + 1) * m_pageSize <= m_file.size(); ++page) {
        const qsizetype base = page * m_pageSize;
        const qsizetype head = base + (page == 0 ? 100 : 0);
        const uchar type = uchar(m_file[head]);
        if (type != leafIndexPage && type != interiorIndexPage)
            continue;
        const bool interior = type == interiorIndexPage;
        const quint32 cells = bigEndian(m_file, head + 3, 2);
        const qsizetype pointers = head + (interior ? 12 : 8);
        for (quint32 c = 0; c < cells && pointers + 2 * (c + 1) <= base + m_pageSize; ++c) {
            ItemLedger::Row row;
            if (cellRow(page, bigEndian(m_file, pointers + 2 * c, 2), interior, &row))
                rows.append(std::move(row));
        }
    }
    return rows;
}

bool LedgerPages::cellRow(qsizetype page, qsizetype cell, bool interior, ItemLedger::Row* row) const
{
    const qsizetype base = page * m_pageSize;
    qsizetype at = base + cell + (interior ? 4 : 0); // an inner cell starts with its left child
    quint64 size = 0;
    if (cell >= m_usable || !varint(m_file, at, base + m_usable, &size))
        return false;
    QByteArray bytes;
    return payload(at, size, &bytes) && record(bytes, row);
}

// The cell's payload: on the page up to a limit, the rest in a chain of overflow pages (the
// arithmetic of SQLite's file format for index pages).
bool LedgerPages::payload(qsizetype at, quint64 size, QByteArray* out) const
{
    const qint64 u = m_usable;
    const qint64 maxLocal = (u - 12) * 64 / 255 - 23;
    const qint64 minLocal = (u - 12) * 32 / 255 - 23;
    if (size > quint64(64 * 1024 * 1024))
        return false;
    qint64 local = qint64(size);
    if (local > maxLocal) {
        local = minLocal + (qint64(size) - minLocal) % (u - 4);
        if (local > maxLocal)
            local = minLocal;
    }
    const qsizetype pageEnd = (at / m_pageSize + 1) * m_pageSize;
    if (at + local > pageEnd)
        return false;
    *out = m_file.mid(at, local);
    if (local == qint64(size))
        return true;
    if (at + local + 4 > pageEnd)
        return false;
    quint32 next = bigEndian(m_file, at + local, 4);
    const qsizetype pages = m_file.size() / m_pageSize;
    for (qsizetype hops = 0; out->size() < qsizetype(size); ++hops) {
        if (next == 0 || qsizetype(next) > pages || hops > pages)
            return false; // a broken chain: the row is lost
        const qsizetype base = qsizetype(next - 1) * m_pageSize;
        const qsizetype take = std::min<qsizetype>(u - 4, qsizetype(size) - out->size());
        out->append(m_file.mid(base + 4, take));
        next = bigEndian(m_file, base, 4);
    }
    return true;
}

bool LedgerPages::record(const QByteArray& p, ItemLedger::Row* row)
{
    qsizetype at = 0;
    quint64 headerSize = 0;
    if (!varint(p, at, p.size(), &headerSize) || headerSize > quint64(p.size()))
        return false;
    quint64 types[columns];
    for (quint64& t : types) {
        if (!varint(p, at, qsizetype(headerSize), &t))
            return false;
    }
    if (at != qsizetype(headerSize))
        return false;
    qsizetype body = at;
    QByteArray blobs[columns];
    qint64 ints[columns] = {};
    for (int c = 0; c < columns; ++c) {
        const quint64 t = types[c];
        const bool blobColumn = c == 0 || c == 2 || c == 4;
        if (blobColumn) {
            if (t < 12 || t % 2 != 0) // not a blob
                return false;
            const qsizetype n = qsizetype((t - 12) / 2);
            if (body + n > p.size())
                return false;
            blobs[c] = p.mid(body, n);
            body += n;
            continue;
        }
        static constexpr int intBytes[] = {0, 1, 2, 3, 4, 6, 8};
        if (t == 8 || t == 9) {
            ints[c] = qint64(t - 8);
            continue;
        }
        if (t < 1 || t > 6 || body + intBytes[t] > p.size())
            return false;
        // Sign-extended from the first byte, shifted as unsigned: a negative value shifted left
        // is undefined behaviour in C++17 (UBSan's report on a damaged ledger's page).
        quint64 v = quint64(qint64(qint8(p[body])));
        for (int i = 1; i < intBytes[t]; ++i)
            v = (v << 8) | uchar(p[body + i]);
        ints[c] = qint64(v);
        body += intBytes[t];
    }
    *row = {blobs[0], quint64(ints[1]), blobs[2], ints[3], blobs[4], quint32(ints[5])};
    return true;
}
