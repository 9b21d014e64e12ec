#pragma once

#include "KeptPut.h"

#include <QCoreApplication>

// What the browser's list of kept puts and `opendht-cli kept` say about a put: its type, and
// what it needs from the browser for its TTL to hold (a refresh before the proxy lets it go,
// or the downgrade at its end).
class KeptPutText
{
    Q_DECLARE_TR_FUNCTIONS(KeptPutText)
public:
    static QString type(const KeptPut& put);
    static QString key(const KeptPut& put);
    static QString needs(const KeptPut& put, const QDateTime& now = QDateTime::currentDateTime());
    // "14:05 today", "14:05 tomorrow", or the date and time, in the user's locale.
    static QString when(const QDateTime& at, const QDateTime& now = QDateTime::currentDateTime());
};
