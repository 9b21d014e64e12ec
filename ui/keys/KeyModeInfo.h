#pragma once

#include "core/dht/DhtKey.h"

#include <QCoreApplication>
#include <QString>

// The words the key bar and the bookmarks use for a key mode: the mode decides which place in
// the DHT a key names, so every place that shows a key also says how it becomes bytes.
class KeyModeInfo
{
    Q_DECLARE_TR_FUNCTIONS(KeyModeInfo)
public:
    static QString label(DhtKey::Mode mode);       // "Text → SHA-1", "Hex", "Raw"
    static QString description(DhtKey::Mode mode); // one sentence for a tooltip
    static QString placeholder(DhtKey::Mode mode); // the empty entry's hint
};
