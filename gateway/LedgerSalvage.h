#pragma once

#include "ItemLedger.h"

#include <QString>
#include <QStringList>
#include <QVector>

// What can still be read of a damaged ledger (one SQLite cannot read whole, or whose rows fail
// their check). The damaged file is kept aside, untouched, under a dated name; what still reads
// is read from a copy of it: SQLite reads a B-tree from its root down, so one bad page would
// hide every row after it, and the rows are read instead key range by key range (65 536 ranges,
// by the first two bytes of the key), each range on its own, so that a bad page costs only the
// ranges whose rows it holds. A header whose fixed fields were overwritten is mended in the copy.
class LedgerSalvage
{
public:
    struct Result
    {
        QString keptAside;              // the damaged file's new name; empty if it could not be moved
        QVector<ItemLedger::Row> rows;  // every row that read back and passed its check
        QVector<QByteArray> failedKeys; // rows that read back but failed their check
        QStringList lostRanges;         // key prefixes (hex) that could not be read, merged
        bool headerMended = false;
        QString error; // the file could not be moved aside: nothing done
    };

    // path is a ledger found damaged; it is moved aside (with its WAL) before anything else.
    static Result salvage(const QString& path);
    // The sentence the gateway says about it: what was kept, what was lost, where the file is.
    static QString report(const QString& path, const QString& problem, const Result& r);
};
