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
    const qint64 maxAge = after20.isEmpty() ? firstPageAgeMs : laterPageAgeMs;
    withSnapshot(maxAge, [after20, limit, done](const Snapshot& s) { done(lines(s, after20, limit)); });
}

qint64 StoredKeys::count(qint64 maxAgeMs)
{
    if (!m_snapshot || m_snapshot->taken.hasExpired(maxAgeMs))
        take();
    return m_snapshot ? m_snapshot->keys.size() : -1;
}

void StoredKeys::withSnapshot(qint64 maxAgeMs, std::function<void(const Snapshot&)> use)
{
    if (m_snapshot && !m_snapshot->taken.hasExpired(maxAgeMs))
        return use(*m_snapshot);
    // Pages asked for meanwhile share the one snapshot being taken.
    m_waiting.append([this, use] { use(*m_snapshot); });
    take();
}

void StoredKeys::take()
{
    if (std::exchange(m_taking, true))
        return;
    m_node->exportKeys([this](QVector<StoredKey> keys) {
        auto s = std::make_shared<Snapshot>();
        std::sort(keys.begin(), keys.end(),
                  [](const StoredKey& a, const StoredKey& b) { return a.key20 < b.key20; });
        s->keys = std::move(keys);
        m_keeper->forEach([&s](const ItemKeeper::Kept& k) { ++s->itemsByKey[k.key20]; });
        s->taken.start();
        m_snapshot = std::move(s);
        m_taking = false;
        for (const auto& waiting : std::exchange(m_waiting, {}))
            waiting();
    });
}

QByteArray StoredKeys::lines(const Snapshot& s, const QByteArray& after20, int limit)
{
    auto it = after20.isEmpty()
                  ? s.keys.cbegin()
                  : std::upper_bound(s.keys.cbegin(), s.keys.cend(), after20,
                                     [](const QByteArray& k, const StoredKey& e) { return k < e.key20; });
    QByteArray out;
    out.reserve(qsizetype(std::min<qint64>(limit, s.keys.cend() - it)) * 110 + 80);
    QByteArray last;
    for (int n = 0; n < limit && it != s.keys.cend(); ++n, ++it) {
        appendKeyLine(out, *it, s.itemsByKey.value(it->key20));
        last = it->key20;
    }
    // The cursor is the last key given, or empty once the listing is through.
    const QByteArray next = it == s.keys.cend() ? QByteArray() : last.toHex();
    out += "{\"next\":\"" + next + "\",\"total\":" + QByteArray::number(s.keys.size()) + "}\n";
    return out;
}
