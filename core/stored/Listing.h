#pragma once

#include "ClassicItem.h"
#include "core/dht/DhtValue.h"

#include <QVector>

#include <array>

namespace classic {

// What a classic get shows of one key at one moment: the live puts, oldest first (Bamboo's
// storage-key order), with removed and expired items gone and each item once. Built for keys
// holding many values: entries point into the stored envelopes instead of copying them.
class Listing
{
public:
    using StorageKey = std::array<char, placemarkBytes>;

    struct Entry
    {
        StorageKey storageKey; // the placemark after this entry
        QByteArray stored;     // the envelope (or raw value) as the DHT returned it, shared
        int dataOffset = 0;
        qint64 expiryUs = 0;   // raw values: the latest their type lets them live
        int secretOffset = -1; // -1: a raw value, not removable
        quint64 id = 0;        // the DHT value's
        quint16 type = 0;
        std::shared_ptr<const DhtValueMeta> meta; // raw values of other software: who signed, ...

        QByteArray data() const { return stored.mid(dataOffset); }
        qsizetype dataSize() const { return stored.size() - dataOffset; }
        QByteArray secretHash() const;
        QByteArray application() const; // empty for raw values
        QByteArray placemark() const { return QByteArray(storageKey.data(), placemarkBytes); }
    };

    struct Page
    {
        QVector<const Entry*> entries;
        QByteArray placemark; // empty when nothing follows
    };

    // Bamboo's page budget: a value costs its length plus 39 bytes, 1063 bytes a page.
    static constexpr int pageBudget = 1063;
    static constexpr int perValueCost = 39;

    Listing() = default;
    Listing(const QByteArray& key20, const QVector<StoredValue>& stored, qint64 nowUs);

    int size() const { return int(m_entries.size()); }
    // The live entries as a client shows them (raw values' TTL being an upper bound).
    QList<DhtValue> values(qint64 nowUs) const;
    const QVector<Entry>& entries() const { return m_entries; }

    // Values strictly after the placemark, at most maxvals (low 16 bits) and the byte budget;
    // always at least one value when any is left, so paging cannot stall on a large raw value.
    // Entries that expired since the listing was made are skipped.
    Page page(const QByteArray& placemark, qint32 maxvals, qint64 nowUs) const;

private:
    QVector<Entry> m_entries;
};

} // namespace classic
