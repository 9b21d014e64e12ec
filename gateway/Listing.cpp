#include "Listing.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace classic {

namespace {
// The classic identity of an item: (secret hash, value hash); the key is the listing's.
QByteArray identity(const Item& item)
{
    return item.secretHash + item.valueHash;
}
} // namespace

Listing::Listing(const QByteArray& key20, const QVector<StoredValue>& stored, qint64 nowUs)
{
    QHash<QByteArray, Item> puts; // identity -> the put that expires last
    QSet<QByteArray> removed;     // identities under a live tombstone
    QSet<QByteArray> raws;
    for (const StoredValue& sv : stored) {
        Item item = Item::decode(sv.data);
        if (item.raw) {
            if (raws.contains(item.valueHash))
                continue;
            raws.insert(item.valueHash);
            item.ttl = sv.lifetimeSeconds;
            item.putTimeUs = 0; // unknown: raw values come first, in value-hash order
            m_entries.append({item.storageKey(key20), item.data, nowUs + qint64(sv.lifetimeSeconds) * 1000000,
                              item.secretHash});
            continue;
        }
        if (item.expiryUs() <= nowUs)
            continue;
        const QByteArray id = identity(item);
        if (item.kind == Item::Kind::Remove) {
            removed.insert(id);
            continue;
        }
        // A re-put of the same item replaces it only when it expires later (classic refresh).
        auto it = puts.find(id);
        if (it == puts.end())
            puts.insert(id, item);
        else if (item.expiryUs() > it->expiryUs())
            *it = item;
    }
    for (const Item& item : std::as_const(puts)) {
        if (removed.contains(identity(item)))
            continue;
        m_entries.append({item.storageKey(key20), item.data, item.expiryUs(), item.secretHash});
    }
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry& a, const Entry& b) { return a.storageKey < b.storageKey; });
}

Listing::Page Listing::page(const QByteArray& placemark, qint32 maxvals, qint64 nowUs) const
{
    Page page;
    const int limit = maxvals & 0xFFFF;
    if (limit == 0)
        return page;
    auto it = m_entries.cbegin();
    if (!placemark.isEmpty()) {
        it = std::upper_bound(m_entries.cbegin(), m_entries.cend(), placemark,
                              [](const QByteArray& p, const Entry& e) { return p < e.storageKey; });
    }
    int used = 0;
    for (; it != m_entries.cend() && page.entries.size() < limit; ++it) {
        if (it->expiryUs <= nowUs)
            continue;
        const int cost = int(it->data.size()) + perValueCost;
        if (!page.entries.isEmpty() && used + cost > pageBudget)
            break;
        used += cost;
        page.entries.append(&*it);
    }
    if (it != m_entries.cend())
        page.placemark = page.entries.last()->storageKey;
    return page;
}

} // namespace classic
