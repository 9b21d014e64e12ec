#pragma once

#include "DhtValueMeta.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// One value under a key, as a gateway of any kind returned it: a classic item (ours, through
// any gateway; or any value of a classic XML-RPC gateway of other software) with its exact TTL,
// secret hash and application, or a value of other software with what the DHT says of it (id,
// type, user type, owner, signature, recipient, cypher, priority).
struct DhtValue
{
    QByteArray data;
    qint32 ttlLeft = -1;          // seconds; -1 when the call did not ask (get rather than get_details)
    QByteArray secretHash;        // 20 bytes from get_details; all zero (or empty) for a plain put
    bool ttlIsUpperBound = false; // a value put by another kind of client: at most ttlLeft
    QString application;          // who put it, where the gateway tells (proxies: from the envelope)

    // What the DHT says of it, where the gateway tells (proxies and our REST API; classic
    // XML-RPC gateways show none of it).
    bool hasId = false;
    quint64 id = 0; // libopendht's 64-bit value id, exact
    quint16 type = 0;
    bool classicItem = false; // an envelope of ours: TTL, secret hash and application are exact
    std::shared_ptr<const DhtValueMeta> meta = nullptr; // null for a plain value

    bool removable() const
    {
        return !secretHash.isEmpty() && secretHash != QByteArray(secretHash.size(), '\0');
    }
    bool isEncrypted() const { return meta && meta->isEncrypted(); }
    bool isSigned() const { return meta && meta->isSigned(); }
    QByteArray userType() const { return meta ? meta->userType : QByteArray(); }
    QByteArray ownerId() const { return meta ? meta->ownerId : QByteArray(); }
    qint32 seq() const { return meta ? meta->seq : 0; }
    // The type where it is known: not for a gateway that tells none, nor for an encrypted value
    // (its type travels inside the ciphertext; the outer 0 means nothing).
    std::optional<quint16> knownType() const
    {
        return hasId && !isEncrypted() ? std::optional(type) : std::nullopt;
    }
    // Whether something keeps the value alive in the DHT beyond one put: no for a classic item
    // or a value of a classic gateway (each lives its exact TTL), yes where the gateway says so,
    // unknown for the rest (a stock proxy serves a permanent value as it serves a plain one).
    std::optional<bool> permanent() const
    {
        if (classicItem || !hasId)
            return false;
        if (meta && meta->permanent)
            return true;
        return std::nullopt;
    }

    // What makes two values one row: a DHT value of other software is its id (two such values
    // never merge, and the same id twice is one value); a classic item, its secret hash and its
    // data (the classic identity, kept across re-puts, which change its DHT id).
    QByteArray identity() const;
};
