#include "ItemKeeper.h"

#include <QDateTime>
#include <QElapsedTimer>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

} // namespace

ItemKeeper::ItemKeeper(DhtNode* node, QObject* parent)
    : QObject(parent)
    , m_node(node)
{
    m_endTimer.setSingleShot(true);
    connect(&m_endTimer, &QTimer::timeout, this, &ItemKeeper::endDue);
    m_trimmer.setMaxThreadCount(1);
    m_trimTimer.setSingleShot(true);
    connect(&m_trimTimer, &QTimer::timeout, this, [this] {
        if (std::exchange(m_putsSinceTrimArmed, 0) >= floodPuts) {
            // Still a flood: its puts take the freed memory again at once, and a trim now would
            // hold each arena's lock while the flood's threads and the Qt thread wait on it.
            m_trimTimer.start(trimDelay);
            return;
        }
        trimHeap(QStringLiteral("items ended: %1 of %2 kept at the peak are gone")
                     .arg(m_peakItems - m_items.size())
                     .arg(m_peakItems));
        m_peakItems = m_items.size();
        if (m_lateTrimTimer.isActive())
            m_lateTrimAgain = true;
        else
            m_lateTrimTimer.start(searchLinger);
    });
    // libopendht frees the search it keeps for each key put to only 62 minutes after its last
    // use (SEARCH_EXPIRE_TIME, swept every 2 to 6 minutes): most of what a flood of puts to
    // many keys costs. Freed then, its pages are given back by a second trim.
    m_lateTrimTimer.setSingleShot(true);
    connect(&m_lateTrimTimer, &QTimer::timeout, this, [this] {
        trimHeap(QStringLiteral("libopendht's searches of the ended items are gone"));
        if (std::exchange(m_lateTrimAgain, false))
            m_lateTrimTimer.start(searchLinger); // for the big expiries that came meanwhile
    });
}

ItemKeeper::~ItemKeeper()
{
    m_writer.stop(); // before this object goes: the writer's answers are queued to it
}

void ItemKeeper::trimHeap(const QString& what)
{
#ifdef __GLIBC__
    // glibc keeps freed memory for later mallocs, in the middle of the heap and in the
    // arenas of libopendht's threads alike; malloc_trim returns the free pages at once. It
    // locks one arena at a time, so the Qt thread's mallocs wait for the main arena's turn at
    // most, not for the whole walk.
    m_trimmer.start([what] {
        QElapsedTimer took;
        took.start();
        malloc_trim(0);
        qInfo("%s; freed memory given back in %lld ms (off the Qt thread)", qPrintable(what),
              qlonglong(took.elapsed()));
    });
#else
    qInfo("%s", qPrintable(what));
#endif
}

bool ItemKeeper::open(const QString& path, QString* error)
{
    QString salvaged;
    if (!m_ledger.open(path, error, &salvaged))
        return false;
    if (!salvaged.isEmpty())
        qCritical("%s", qPrintable(salvaged)); // said whatever the log level: items were lost
    for (const ItemLedger::Row& row : m_ledger.live(nowUs())) {
        const StoredValue value{row.id, DhtNode::classicType, row.envelope,
                                DhtValueType::lifetimeSeconds(DhtNode::classicType)};
        add({row.key20, value, row.keepUntilUs, row.origin, row.account});
    }
    scheduleEnd();
    m_writer.start(this);
    return true;
}

namespace {

ItemLedger::Row rowOf(const ItemKeeper::Kept& item)
{
    return {item.key20, item.value.id, item.value.data, item.keepUntilUs, item.origin, item.account};
}

} // namespace

void ItemKeeper::keep(const Kept& item, Recorded recorded, std::function<void(bool)> announced)
{
    if (!recorded)
        recorded = [](bool) {};
    if (item.keepUntilUs <= nowUs())
        return recorded(true); // ended already: nothing to keep
    if (!m_writer.isRunning()) {
        hold(item, std::move(announced)); // no state directory: held in memory only
        return recorded(true);
    }
    const QByteArray ref = valueRef(item.key20, item.value.id);
    ++m_pending[ref];
    m_writer.add(rowOf(item), [this, item, ref, recorded = std::move(recorded),
                               announced = std::move(announced)](bool written) {
        if (--m_pending[ref] == 0)
            m_pending.remove(ref);
        if (written && item.keepUntilUs > nowUs())
            hold(item, announced);
        else if (written)
            m_writer.remove(item.key20, item.value.id); // ended while on its way
        recorded(written);
    });
}

bool ItemKeeper::keepNow(const Kept& item)
{
    if (item.keepUntilUs <= nowUs())
        return true;
    if (m_writer.isRunning() && !m_writer.addNow(rowOf(item)))
        return false;
    hold(item);
    return true;
}

void ItemKeeper::hold(const Kept& kept, std::function<void(bool)> announced)
{
    add(kept, std::move(announced));
    scheduleEnd();
}

void ItemKeeper::add(Kept kept, std::function<void(bool)> announced)
{
    const QByteArray r = valueRef(kept.key20, kept.value.id);
    if (m_items.contains(r))
        return;
    m_node->keep(kept.key20, kept.value, std::move(announced));
    m_ends.insert(kept.keepUntilUs, r);
    count(kept, +1);
    m_items.insert(r, std::move(kept));
    m_peakItems = std::max(m_peakItems, m_items.size());
    m_node->setOwnBytes(m_own.bytes + m_backups.bytes);
}

void ItemKeeper::count(const Kept& kept, int sign)
{
    Totals& t = kept.origin.isEmpty() ? m_own : m_backups;
    t.values += sign;
    t.bytes += sign * kept.value.data.size();
}

void ItemKeeper::release(const QByteArray& key20, quint64 valueId)
{
    const auto it = m_items.find(valueRef(key20, valueId));
    if (it == m_items.end())
        return;
    m_node->release(key20, valueId);
    if (m_writer.isRunning())
        m_writer.remove(key20, valueId);
    count(*it, -1);
    m_ends.remove(it->keepUntilUs, it.key());
    m_items.erase(it);
    m_node->setOwnBytes(m_own.bytes + m_backups.bytes);
}

bool ItemKeeper::contains(const QByteArray& key20, quint64 valueId) const
{
    const QByteArray ref = valueRef(key20, valueId);
    return m_items.contains(ref) || m_pending.contains(ref);
}

int ItemKeeper::itemsAt(const QByteArray& key20) const
{
    int n = 0;
    for (auto it = m_items.lowerBound(key20); it != m_items.cend() && it.key().startsWith(key20); ++it)
        ++n;
    return n;
}

void ItemKeeper::endDue()
{
    const qint64 now = nowUs();
    // A few milliseconds of ends at a time: thousands of items may end within the same second
    // (a flood's), and other clients are served between the slices.
    QElapsedTimer slice;
    slice.start();
    while (!m_ends.isEmpty() && m_ends.firstKey() <= now && slice.elapsed() < endSliceMs) {
        const auto it = m_items.constFind(m_ends.first());
        if (it == m_items.cend()) {
            m_ends.erase(m_ends.begin());
            continue;
        }
        const QByteArray key20 = it->key20; // copies: release() erases what they point into
        const quint64 id = it->value.id;
        release(key20, id); // also takes it out of m_ends
    }
    scheduleEnd(); // at once if some are still due: after what came in meanwhile
    giveBackMemory();
}

void ItemKeeper::giveBackMemory()
{
    // After a big expiry only (half of a peak of 10 000 items or more gone), a few seconds
    // later so that one trim follows a whole burst of ends: a trim walks the whole heap.
    constexpr qsizetype bigPeak = 10000;
    if (m_peakItems >= bigPeak && m_items.size() * 2 <= m_peakItems && !m_trimTimer.isActive()) {
        m_putsSinceTrimArmed = 0;
        m_trimTimer.start(trimDelay);
    }
}

void ItemKeeper::scheduleEnd()
{
    if (m_ends.isEmpty()) {
        m_endTimer.stop();
        return;
    }
    const qint64 waitMs = std::max<qint64>(0, (m_ends.firstKey() - nowUs()) / 1000 + 1);
    // Long waits are re-armed: a far end need not be timed to the millisecond from afar.
    m_endTimer.start(int(std::min<qint64>(waitMs, 3600 * 1000)));
}
