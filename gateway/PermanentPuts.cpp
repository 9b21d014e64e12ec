#include "PermanentPuts.h"

#include "ValueRef.h"

quint64 PermanentPuts::idOf(const QByteArray& key20, quint16 type, const QByteArray& data) const
{
    for (auto it = m_puts.lowerBound(key20); it != m_puts.cend() && it.key().startsWith(key20); ++it) {
        if (it->type == type && it->data == data)
            return it->id;
    }
    return 0;
}

void PermanentPuts::note(const Put& put)
{
    const QByteArray s = valueRef(put.key20, put.id);
    const auto it = m_puts.find(s);
    if (it != m_puts.end()) {
        m_ends.remove(it->untilMs, s);
        *it = put;
    } else {
        m_puts.insert(s, put);
        ++m_perKey[put.key20];
    }
    m_ends.insert(put.untilMs, s);
}

void PermanentPuts::remove(const QByteArray& key20, quint64 id)
{
    const auto it = m_puts.find(valueRef(key20, id));
    if (it == m_puts.end())
        return;
    m_ends.remove(it->untilMs, it.key());
    const auto count = m_perKey.find(key20);
    if (--*count == 0)
        m_perKey.erase(count);
    m_puts.erase(it);
}

QVector<PermanentPuts::Put> PermanentPuts::takeEnded(qint64 nowMs, int most)
{
    QVector<Put> ended;
    while (ended.size() < most && !m_ends.isEmpty() && m_ends.firstKey() <= nowMs) {
        const auto it = m_puts.constFind(m_ends.first());
        if (it == m_puts.cend()) {
            m_ends.erase(m_ends.begin());
            continue;
        }
        const Put put = *it;
        remove(put.key20, put.id); // takes it out of m_ends too
        ended.append(put);
    }
    return ended;
}
