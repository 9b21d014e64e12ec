#pragma once

#include "core/dht/DhtValueType.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

// One put that this program keeps alive through an OpenDHT proxy for its whole TTL
// (proxy-rest.md section 10): the proxy refreshes a permanent put for 24 hours after each
// permanent POST, so someone must POST again before then while the TTL runs, and POST the same
// value without "permanent" (the downgrade) at its end, so that it ends within one type
// lifetime of the TTL instead of up to 24 hours later.
struct KeptPut
{
    // What was put: a classic item (an envelope of ours), or a plain OpenDHT value of a given
    // value type and user type (issue #19), kept the same way.
    enum class Kind
    {
        ClassicItem = 0,
        PlainValue = 1
    };
    static constexpr qint64 proxyHoldMs = 24LL * 3600 * 1000; // proxy::OP_TIMEOUT

    qint64 id = 0; // the store's row id (or the keeper's own number when nothing is stored)
    Kind kind = Kind::ClassicItem;
    int valueType = 0;     // the DHT value type
    QString userType;      // a plain value's user type
    QString key;           // the key as the user typed it...
    QString keyMode;       // ...and how it became the InfoHash (DhtKey::modeName)
    QString keyHex;        // the InfoHash, 40 hex digits: the path of every POST
    QUrl proxy;            // the proxy that holds the permanent put: only it can downgrade it
    QByteArray body;       // the value's JSON as POSTed, without "permanent"
    QDateTime ttlEnd;      // when the TTL ends
    QDateTime lastPost;    // the last permanent POST the proxy accepted
    QDateTime nextRefresh; // when the keeper POSTs again (invalid: only the downgrade is left)

    // How long a stock node keeps the value after the last store: after the downgrade, it is
    // gone within this. A classic item's type is unknown to stock nodes: user data's 10 minutes.
    qint64 typeLifetimeMs() const
    {
        const quint16 type = kind == Kind::ClassicItem ? DhtValueType::classicItem : quint16(valueType);
        return qint64(DhtValueType::lifetimeSeconds(type)) * 1000;
    }
    // Until when the proxy goes on refreshing the value without any further POST.
    QDateTime heldUntil() const { return lastPost.addMSecs(proxyHoldMs); }
    // Whether it would end before its TTL unless it is refreshed by heldUntil().
    bool needsRefresh() const { return nextRefresh.isValid() && ttlEnd > heldUntil(); }
};
