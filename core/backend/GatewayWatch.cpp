#include "GatewayWatch.h"

namespace {
// A value's identity with its sequence number: a signed value's update is news.
QByteArray identity(const DhtValue& v)
{
    return v.identity() + QByteArray::number(v.seq());
}
} // namespace

void GatewayWatch::setState(State state, const QString& reason)
{
    if (state == m_state && reason == m_reason)
        return;
    m_state = state;
    m_reason = reason;
    emit stateChanged(state, reason);
}

void GatewayWatch::publish(const QList<DhtValue>& values)
{
    QList<DhtValue> fresh;
    QSet<QByteArray> current;
    for (const DhtValue& v : values) {
        const QByteArray id = identity(v);
        current.insert(id);
        if (!m_seen.contains(id))
            fresh.append(v);
    }
    // What was seen stays seen, so that a reconnect which resends values in pieces announces
    // none of them twice (bounded: past the limit only the current values are remembered).
    m_seen.unite(current);
    if (m_seen.size() > maxRemembered)
        m_seen = current;
    const bool changedList = values.size() != m_values.size() || !fresh.isEmpty() || m_first;
    m_values = values;
    if (changedList)
        emit changed(m_values);
    if (!m_first && !fresh.isEmpty())
        emit newValues(fresh);
    m_first = false;
}
