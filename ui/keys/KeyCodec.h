#pragma once

#include "core/dht/DhtKey.h"

#include <QString>
#include <QVariant>

// How a key is written into QSettings: "<mode>:<input>" (e.g. "hex:00ff", "text:my key"), so
// that the same text typed in another mode can never come back as the wrong key, and the file
// stays readable. Used for the history, the bookmarks and the window's open tabs alike.
class KeyCodec
{
public:
    static QString toString(const DhtKey& key);
    // An invalid key when the text is not one toString() wrote (e.g. a hand-edited file).
    static DhtKey fromString(const QString& text);

    static QVariant toVariant(const DhtKey& key) { return toString(key); }
    static DhtKey fromVariant(const QVariant& value);
};
