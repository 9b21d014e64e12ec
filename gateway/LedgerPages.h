#pragma once

#include "ItemLedger.h"

#include <QByteArray>
#include <QVector>

// The ledger's rows read straight off the pages of its file, the way `sqlite3 .recover` does:
// every page that is shaped like a B-tree page of an index (a WITHOUT ROWID table is one) gives
// the rows of its cells, wherever the page sits in the tree. This finds the rows of intact pages
// that the tree no longer leads to: a truncated file loses the inner pages that point to the
// leaves it still holds. Rows of the six columns of the items table only; the caller checks
// them (ItemLedger::isSound), which also throws away whatever garbage happened to parse.
class LedgerPages
{
public:
    explicit LedgerPages(const QByteArray& file);
    QVector<ItemLedger::Row> rows() const;

private:
    bool cellRow(qsizetype page, qsizetype cell, bool interior, ItemLedger::Row* row) const;
    bool payload(qsizetype at, quint64 size, QByteArray* out) const;
    static bool record(const QByteArray& payload, ItemLedger::Row* row);

    QByteArray m_file; // shared with the caller, not copied
    qsizetype m_pageSize = 4096;
    qsizetype m_usable = 4096;
};
