#pragma once

#include "core/dht/DhtKey.h"

#include <QHash>
#include <QString>

class BookmarksModel;
class KeyHistory;

// The keys the browser knows the text of (its history and bookmarks), by InfoHash: a DHT
// store lists only hashes, and these are the only way back to what the user typed.
class KnownKeys
{
public:
    // core's key type, named once here for the panel (and its tests): one line to follow a rename.
    using Key = DhtKey;

    struct Known
    {
        QString text; // the bookmark's name, or the key as typed
        Key key;
    };

    void addHistory(const KeyHistory& history);
    void addBookmarks(const BookmarksModel& bookmarks);
    void add(const Key& key, const QString& text);

    const Known* find(const QByteArray& key20) const;
    int size() const { return int(m_known.size()); }

private:
    QHash<QByteArray, Known> m_known;
};
