#pragma once

#include <QHash>
#include <QMultiMap>

// Storage shared fairly between clients, told apart by IP address as the classic service did.
//
// A put costs its commitment, (value length + 77) bytes x TTL seconds, as in the Open DHT
// paper. The gateway's capacity is C bytes held for a week, C x 604800 byte-seconds in all.
// A client may hold at most that total divided by the number of clients that hold live items
// (itself included); what it holds is the remaining commitment of its live items, which
// shrinks as they age. Bytes held at any moment are bounded too, so that short TTLs cannot pile
// up memory: 2C divided by the clients for each, and 2C in all for what clients hold beyond
// their floor of C divided by the clients (so at most 3C): whatever the others did, an active
// client can always hold its floor. A client over its share is refused (status 1); nobody else
// is touched.
class FairShare
{
public:
    explicit FairShare(qint64 capacityBytes)
        : m_capacityBytes(capacityBytes)
    {
    }

    // Admits and records the put, or refuses it. Times in microseconds since the Unix epoch.
    bool admit(quint32 client, qint64 bytes, qint64 ttlSeconds, qint64 nowUs);

    // Records a put admitted before (by this gateway before a restart), whatever the shares are now.
    void record(quint32 client, qint64 bytes, qint64 ttlSeconds, qint64 nowUs);

    // Remaining commitment of one client now, in byte-seconds.
    double held(quint32 client, qint64 nowUs);
    int activeClients(qint64 nowUs);
    double liveBytes() const { return m_liveBytes; }
    qint64 capacityBytes() const { return m_capacityBytes; }

    // What an item costs besides its envelope (the whole stored bytes: value, application name,
    // header): its copy in libopendht's storage and searches, its view entry and ledger row.
    // Measured: about 1.2 kB of resident memory per kept item.
    static constexpr int perItemOverhead = 1024;
    static qint64 costOf(qint64 storedBytes) { return storedBytes + perItemOverhead; }
    static constexpr double burstFactor = 2.0;

private:
    struct Commitment
    {
        quint32 client;
        qint64 bytes;
    };
    struct Account
    {
        // The remaining commitment of the live items is sum(bytes x (expiry - now)), kept as
        // two running sums so that it costs O(1) to read at any time.
        double bytes = 0;
        double bytesTimesExpiry = 0; // byte-seconds
        int items = 0;
    };
    void expire(qint64 nowUs);

    qint64 m_capacityBytes;
    QHash<quint32, Account> m_accounts;
    QMultiMap<qint64, Commitment> m_byExpiry; // expiry (us) -> commitment
    double m_liveBytes = 0;
};
