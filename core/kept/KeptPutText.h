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
    // A type lifetime in words: "1 minute", "10 minutes", "7 days".
    static QString lifetime(qint64 ms);
    // When it leaves the DHT: a classic item at its TTL's end (readers drop it then); a plain
    // value between that and one type lifetime later ("14:05 today to 14:06").
    static QString ends(const KeptPut& put, const QDateTime& now = QDateTime::currentDateTime());
    // "between 14:05 today and 14:06" (or "about 14:06 today" when both are the same minute).
    static QString between(const QDateTime& earliest, const QDateTime& latest,
                           const QDateTime& now = QDateTime::currentDateTime());
    static QString needs(const KeptPut& put, const QDateTime& now = QDateTime::currentDateTime());
    // "14:05 today", "14:05 tomorrow", or the date and time, in the user's locale.
    static QString when(const QDateTime& at, const QDateTime& now = QDateTime::currentDateTime());
};
