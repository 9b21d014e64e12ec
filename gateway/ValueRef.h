#pragma once

#include <QByteArray>
#include <QtEndian>

// A value's place in the gateway's tables: its key, then its id big-endian, so that a sorted
// table holds the values of one key together (ItemKeeper::itemsAt, PermanentPuts::idOf look a
// key's values up as one range).
inline QByteArray valueRef(const QByteArray& key20, quint64 valueId)
{
    char id[8];
    qToBigEndian(valueId, id);
    return key20 + QByteArray(id, 8);
}
