#include "Listing.h"

#include <QHash>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <limits>

namespace classic {

namespace {

// One stored envelope, read in place.
struct Record
{
    // The identity's first bytes (secret hash ^ value hash, a SHA-1): sorting compares these
    // and needs a memcmp of the whole identity only for the few pairs they do not tell apart.
    quint64 identityPrefix;
    const StoredValue* stored;
    EnvelopeView view;
};

quint64 identityPrefix(const EnvelopeView& view)
{
    return qFromBigEndian<quint64>(view.identity()) ^ qFromBigEndian<quint64>(view.identity() + hashBytes);
}

// A raw value's storage key: put time 0 (raw values come first), and its DHT id in the last
// bytes of the value hash, so that two values with the same bytes keep distinct placemarks.
void rawStorageKey(const QByteArray& key20, const Item& item, quint64 id, char* out)
{
    const QByteArray sk = item.storageKey(key20);
    std::memcpy(out, sk.constData(), placemarkBytes);
    qToBigEndian(id, out + placemarkBytes - 5 - 8);
}

qint32 seqOf(const std::shared_ptr<const DhtValueMeta>& meta)
{
    return meta ? meta->seq : 0;
}

bool sameIdentity(const Record& a, const Record& b)
{
    return std::memcmp(a.view.identity(), b.view.identity(), 2 * hashBytes) == 0;
}

// Whether an envelope counts at all: authentic, not from the future, and still in force (a put
// until its expiry, a removal as long as a put it hides may live).
bool believable(const EnvelopeView& view, qint64 nowUs)
{
    return view.putTimeUs() <= nowUs + Item::maxClockSkewUs && view.keepUntilUs() > nowUs &&
           view.isAuthentic();
}

// The put a group of one identity shows, sorted latest expiry first, or none. A removal hides
// every put made before its own TTL ended, whatever their TTL (so that a re-put with a longer
// TTL cannot undo it); of the puts left, the one that expires last is the item (the classic
// refresh rule: a re-put that expires later replaces the item and moves it to the end).
const Record* shownPut(const Record* first, const Record* last, qint64 nowUs)
{
    qint64 hiddenBeforeUs = std::numeric_limits<qint64>::min();
    for (const Record* r = first; r != last; ++r) {
        if (r->view.isRemoval())
            hiddenBeforeUs = std::max(hiddenBeforeUs, r->view.expiryUs());
    }
    for (const Record* r = first; r != last; ++r) {
        if (!r->view.isRemoval() && r->view.putTimeUs() >= hiddenBeforeUs && r->view.expiryUs() > nowUs)
            return r;
    }
    return nullptr;
}

} // namespace

QByteArray Listing::Entry::secretHash() const
{
    // Most items are plain puts: they all share one zero hash instead of a copy each.
    static const QByteArray zero(hashBytes, '\0');
    if (secretOffset < 0 || std::memcmp(stored.constData() + secretOffset, zero.constData(), hashBytes) == 0)
        return zero;
    return stored.mid(secretOffset, hashBytes);
}

Listing::Listing(const QByteArray& key20, const QVector<StoredValue>& stored, qint64 nowUs)
{
    std::vector<Record> records;
    records.reserve(size_t(stored.size()));
    QHash<quint64, qsizetype> raws; // id -> its entry
    for (const StoredValue& sv : stored) {
        const EnvelopeView view(sv.data);
        if (view.isValid()) {
            if (believable(view, nowUs))
                records.push_back({identityPrefix(view), &sv, view});
            continue;
        }
        // Not an envelope: a value put by another kind of client, shown as it is. Its identity
        // is its id; of one id seen twice, the higher sequence number is the value.
        const auto known = raws.constFind(sv.id);
        if (known != raws.cend() && seqOf(m_entries[*known].meta) >= seqOf(sv.meta))
            continue;
        Item item = Item::decode(sv.data);
        Entry e;
        rawStorageKey(key20, item, sv.id, e.storageKey.data());
        e.stored = sv.data;
        e.id = sv.id;
        e.type = sv.type;
        e.meta = sv.meta;
        e.expiryUs = nowUs + qint64(sv.lifetimeSeconds) * secondUs;
        if (known != raws.cend()) {
            m_entries[*known] = std::move(e);
        } else {
            raws.insert(sv.id, m_entries.size());
            m_entries.append(std::move(e));
        }
    }
    // Group by identity (secret hash, value hash), latest expiry first in each group.
    std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
        if (a.identityPrefix != b.identityPrefix)
            return a.identityPrefix < b.identityPrefix;
        const int c = std::memcmp(a.view.identity(), b.view.identity(), 2 * hashBytes);
        return c != 0 ? c < 0 : a.view.expiryUs() > b.view.expiryUs();
    });
    m_entries.reserve(m_entries.size() + qsizetype(records.size()));
    for (size_t i = 0; i < records.size();) {
        size_t end = i + 1;
        while (end < records.size() && records[i].identityPrefix == records[end].identityPrefix &&
               sameIdentity(records[i], records[end]))
            ++end;
        if (const Record* put = shownPut(records.data() + i, records.data() + end, nowUs)) {
            Entry e;
            put->view.storageKey(key20, e.storageKey.data());
            e.stored = put->stored->data;
            e.id = put->stored->id;
            e.type = put->stored->type;
            e.dataOffset = put->view.dataOffset();
            e.expiryUs = put->view.expiryUs();
            e.secretOffset = EnvelopeView::secretOffset;
            m_entries.append(std::move(e));
        }
        i = end;
    }
    // Sort an order, not the entries themselves: moving 100-byte entries dominated big keys.
    // The storage key starts with the big-endian put time, so comparing that first decides
    // nearly every pair without a memcmp.
    std::vector<std::pair<quint64, int>> order;
    order.reserve(size_t(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i)
        order.emplace_back(qFromBigEndian<quint64>(m_entries[i].storageKey.data()), i);
    std::sort(order.begin(), order.end(), [this](const auto& a, const auto& b) {
        if (a.first != b.first)
            return a.first < b.first;
        return std::memcmp(m_entries[a.second].storageKey.data(), m_entries[b.second].storageKey.data(),
                           placemarkBytes) < 0;
    });
    // Then the entries follow the order in place, cycle by cycle: a second array of them cost
    // as much again in fresh memory (page faults) as the moves themselves.
    Entry* entries = m_entries.data();
    for (size_t start = 0; start < order.size(); ++start) {
        if (order[start].second < 0)
            continue; // already in place
        Entry first = std::move(entries[start]);
        size_t at = start;
        for (;;) {
            const int from = std::exchange(order[at].second, -1);
            if (size_t(from) == start) {
                entries[at] = std::move(first);
                break;
            }
            entries[at] = std::move(entries[from]);
            at = size_t(from);
        }
    }
}

QByteArray Listing::Entry::application() const
{
    if (secretOffset < 0)
        return {};
    return stored.mid(EnvelopeView::headerBytes, dataOffset - EnvelopeView::headerBytes);
}

QList<DhtValue> Listing::values(qint64 nowUs) const
{
    QList<DhtValue> out;
    out.reserve(m_entries.size());
    // The values of a key mostly come from one application: its name is decoded once and
    // shared, not once a value.
    QByteArrayView lastApplication;
    QString applicationName;
    for (const Entry& e : m_entries) {
        if (e.expiryUs <= nowUs)
            continue;
        DhtValue v;
        v.data = e.data();
        v.ttlLeft = qint32((e.expiryUs - nowUs) / 1000000);
        v.secretHash = e.secretHash();
        v.ttlIsUpperBound = e.secretOffset < 0;
        const QByteArrayView application =
            e.secretOffset < 0 ? QByteArrayView()
                               : QByteArrayView(e.stored).sliced(EnvelopeView::headerBytes,
                                                                 e.dataOffset - EnvelopeView::headerBytes);
        if (application != lastApplication || applicationName.isNull()) {
            applicationName = QString::fromUtf8(application);
            lastApplication = application;
        }
        v.application = applicationName;
        v.hasId = true;
        v.id = e.id;
        v.type = e.type;
        v.classicItem = e.secretOffset >= 0;
        v.meta = e.meta;
        out.append(std::move(v));
    }
    return out;
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
                              [](const QByteArray& p, const Entry& e) {
                                  return std::memcmp(p.constData(), e.storageKey.data(), placemarkBytes) < 0;
                              });
    }
    int used = 0;
    for (; it != m_entries.cend() && page.entries.size() < limit; ++it) {
        if (it->expiryUs <= nowUs)
            continue;
        const int cost = int(it->dataSize()) + perValueCost;
        if (!page.entries.isEmpty() && used + cost > pageBudget)
            break;
        used += cost;
        page.entries.append(&*it);
    }
    if (it != m_entries.cend())
        page.placemark = page.entries.last()->placemark();
    return page;
}

} // namespace classic
