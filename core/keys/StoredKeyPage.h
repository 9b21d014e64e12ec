#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

// One key a gateway stores, as GET /keys lists it (gateway/README.md, "Listing the keys
// stored here").
struct StoredKeyInfo
{
    QByteArray key20;
    int values = 0;
    qint64 bytes = 0;
    qint64 newestMs = 0; // Unix ms of the newest value's store there; 0: not known
    int items = 0;       // classic items the gateway itself keeps under the key
};

// One page of GET /keys read: JSON lines of keys, then the end line {"next":..,"total":..}. A
// body without that end line is no listing at all (a stock proxy answers GET /keys as the get
// of a key, with no line), which callers tell apart from a broken one.
struct StoredKeyPage
{
    enum class Outcome
    {
        Page,
        NoListing, // no end line: this server does not list keys
        Malformed  // an end line, but lines that are not keys
    };

    Outcome outcome = Outcome::NoListing;
    QVector<StoredKeyInfo> keys;
    QByteArray next20; // empty: the listing is through
    qint64 total = 0;
    QString problem; // what was wrong, for Malformed

    static StoredKeyPage parse(const QByteArray& body);
};
