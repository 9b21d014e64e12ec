#include "StoredKeys.h"

#include "ItemKeeper.h"

#include <algorithm>

namespace {

constexpr qint64 firstPageAgeMs = 1000;
constexpr qint64 laterPageAgeMs = 30 * 1000;

void appendKeyLine(QByteArray& out, const StoredKey& k, int items)
{
    out += "{\"key\":\"";
    out += k.key20.toHex();
    out += "\",\"values\":" + QByteArray::number(k.values);
    out += ",\"bytes\":" + QByteArray::number(k.bytes);
    out += ",\"newest_ms\":" + (k.newestMs > 0 ? QByteArray::number(k.newestMs) : QByteArray("null"));
    out += ",\"items\":" + QByteArray::number(items);
    out += "}\n";
}

} // namespace

StoredKeys::StoredKeys(DhtNode* node, const ItemKeeper* keeper, QObject* parent)
    : QObject(parent)
    , m_node(node)
    , m_keeper(keeper)
{
}

void StoredKeys::page(const QByteArray& after20, int limit, std::function<void(QByteArray)> done)
{
    const bool first = after20.isEmpty();
    withSnapshot(first ? firstPageAgeMs : laterPageAgeMs, first,
                 [this, after20, limit, done](const Snapshot& s) { done(lines(s, after20, limit)); });
}

qint64 StoredKeys::count(qint64 maxAgeMs)
{
    if (!isFresh(maxAgeMs, 0))
        take();
    return m_snapshot ? m_snapshot->keys.size() : -1;
}

bool StoredKeys::isFresh(qint64 maxAgeMs, quint64 puts) const
{
    return m_snapshot && !m_snapshot->taken.hasExpired(maxAgeMs) && m_snapshot->putCount >= puts;
}

void StoredKeys::withSnapshot(qint64 maxAgeMs, bool afterLastPut, std::function<void(const Snapshot&)> use)
{
    const quint64 puts = afterLastPut ? m_node->putCount() : 0;
    if (isFresh(maxAgeMs, puts))
        return use(*m_snapshot);
    // Pages asked for meanwhile share the snapshot being taken, if it comes after their puts.
    m_waiting.append({puts, std::move(use)});
    take();
}

void StoredKeys::take()
{
    if (std::exchange(m_taking, true))
        return;
    const quint64 puts = m_node->putCount();
    auto s = std::make_shared<Snapshot>();
    s->putCount = puts;
    // The sort on the export's worker: 280 ms for 50 000 keys under load, which every other
    // client waited for when it ran on the Qt thread. The items under each key are counted when
    // a page is written (a lookup a listed key), not for every item at each snapshot.
    const auto onWorker = [](QVector<StoredKey>& keys) {
        std::sort(keys.begin(), keys.end(),
                  [](const StoredKey& a, const StoredKey& b) { return a.key20 < b.key20; });
    };
    m_node->exportKeys(
        [this, s](QVector<StoredKey> keys) {
            s->keys = std::move(keys);
            s->taken.start();
            // The old snapshot dies on the worker, unless a page still holds it (then with it).
            m_node->releaseOnWorker(std::exchange(m_snapshot, std::move(s)));
            m_taking = false;
            QVector<Waiting> later;
            for (Waiting& w : std::exchange(m_waiting, {})) {
                if (w.puts <= m_snapshot->putCount)
                    w.use(*m_snapshot);
                else
                    later.append(std::move(w)); // put after this snapshot began: the next one
            }
            m_waiting = std::move(later);
            if (!m_waiting.isEmpty())
                take();
        },
        onWorker);
}

QByteArray StoredKeys::lines(const Snapshot& s, const QByteArray& after20, int limit) const
{
    auto it = after20.isEmpty()
                  ? s.keys.cbegin()
                  : std::upper_bound(s.keys.cbegin(), s.keys.cend(), after20,
                                     [](const QByteArray& k, const StoredKey& e) { return k < e.key20; });
    QByteArray out;
    out.reserve(qsizetype(std::min<qint64>(limit, s.keys.cend() - it)) * 110 + 80);
    QByteArray last;
    for (int n = 0; n < limit && it != s.keys.cend(); ++n, ++it) {
        appendKeyLine(out, *it, m_keeper->itemsAt(it->key20));
        last = it->key20;
    }
    // The cursor is the last key given, or empty once the listing is through.
    const QByteArray next = it == s.keys.cend() ? QByteArray() : last.toHex();
    out += "{\"next\":\"" + next + "\",\"total\":" + QByteArray::number(s.keys.size()) + "}\n";
    return out;
}
