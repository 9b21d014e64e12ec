#pragma once

#include "core/dht/DhtKey.h"

#include <QHash>
#include <QString>

class BookmarksModel;
class KeyHistory;

// The keys the browser knows the text of (its history and bookmarks, and the records a gateway
// keeps for itself), by InfoHash: a DHT store lists only hashes, and these are the only way
// back to what was typed.
class KnownKeys
{
public:
    // core's key type, named once here for the panel (and its tests): one line to follow a rename.
    using Key = DhtKey;

    struct Known
    {
        QString text; // the bookmark's name, or the key as typed
        Key key;
        int rank = -1;           // of the text among all (rankTexts()): the key column's sort
        bool gatewayOwn = false; // the gateway's own record, not one of the user's keys
    };

    void addHistory(const KeyHistory& history);
    void addBookmarks(const BookmarksModel& bookmarks);
    void add(const Key& key, const QString& text);
    // A key the gateway puts for itself (its presence record): known by its text, but not the
    // user's. Added last, it is told as the gateway's even when the user opened it too.
    void addGatewayOwn(const Key& key);
    // Ranks the texts, the user's in their order, the gateway's own after them (equal texts
    // share a rank), so that a sort compares numbers; call after the last add.
    void rankTexts();

    const Known* find(const QByteArray& key20) const;
    int size() const { return int(m_known.size()); }

private:
    QHash<QByteArray, Known> m_known;
};
