#include "SearchBudget.h"

#include <algorithm>

SearchBudget::SearchBudget(int limit)
    : m_limit(limit)
{
}

qint64 SearchBudget::minuteOf(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
}

bool SearchBudget::allows(const QByteArray& key20, Clock::time_point now)
{
    expire(minuteOf(now));
    return m_keys.contains(key20) || m_keys.size() < m_limit;
}

void SearchBudget::use(const QByteArray& key20, Clock::time_point now)
{
    const qint64 minute = minuteOf(now);
    expire(minute);
    auto it = m_keys.find(key20);
    if (it == m_keys.end()) {
        m_keys.insert(key20, {minute, 0});
        placeIn(key20, minute);
        return;
    }
    if (it->holds == 0 && it->minute != minute) {
        m_unheld[it->minute].remove(key20);
        placeIn(key20, minute);
    }
    it->minute = minute;
}

void SearchBudget::hold(const QByteArray& key20, Clock::time_point now)
{
    use(key20, now);
    Entry& e = m_keys[key20];
    if (e.holds++ == 0)
        m_unheld[e.minute].remove(key20); // held keys do not expire
}

void SearchBudget::unhold(const QByteArray& key20, Clock::time_point now)
{
    const auto it = m_keys.find(key20);
    if (it == m_keys.end() || it->holds == 0)
        return; // a release of what was held before a restart, say
    if (--it->holds > 0)
        return;
    it->minute = minuteOf(now);
    placeIn(key20, it->minute);
}

void SearchBudget::placeIn(const QByteArray& key20, qint64 minute)
{
    m_unheld[minute].insert(key20);
}

void SearchBudget::expire(qint64 minute)
{
    const qint64 oldest = minute - window.count(); // a use in that minute or before is over
    while (!m_unheld.empty() && m_unheld.begin()->first <= oldest) {
        for (const QByteArray& key : std::as_const(m_unheld.begin()->second))
            m_keys.remove(key);
        m_unheld.erase(m_unheld.begin());
    }
}
