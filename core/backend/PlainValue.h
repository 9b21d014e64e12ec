#pragma once

#include "core/dht/DhtValueType.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

// A plain OpenDHT value, put for other software to read (issue #19): the bytes as they are, a
// value type and a user type, not our classic envelope. The DHT has no TTL for it: a stock node
// keeps it one lifetime of its type (DhtValueType::lifetimeSeconds) after its last store, so a
// longer TTL is kept alive by whoever put it and ends within one lifetime after the TTL.
struct PlainValue
{
    // libopendht's MAX_VALUE_SIZE, which counts the data and the user type.
    static constexpr qsizetype maxBytes = 64 * 1024;

    QByteArray data;
    quint16 type = 0;
    QString userType;

    qsizetype size() const { return data.size() + userType.toUtf8().size(); }
    qint64 lifetimeMs() const { return qint64(DhtValueType::lifetimeSeconds(type)) * 1000; }
    // Whether a TTL needs more than one POST (a permanent put, refreshed, then downgraded).
    bool needsKeeping(int ttlSeconds) const { return qint64(ttlSeconds) * 1000 > lifetimeMs(); }

    // When a value put at `at` for ttlSeconds leaves the DHT: one lifetime after a single POST;
    // when kept, between its TTL's end and one lifetime later (the downgrade is sent at the end).
    struct End
    {
        QDateTime earliest;
        QDateTime latest;
    };
    End end(const QDateTime& at, int ttlSeconds) const
    {
        if (!needsKeeping(ttlSeconds))
            return {at.addMSecs(lifetimeMs()), at.addMSecs(lifetimeMs())};
        return {at.addSecs(ttlSeconds), at.addSecs(ttlSeconds).addMSecs(lifetimeMs())};
    }
};
