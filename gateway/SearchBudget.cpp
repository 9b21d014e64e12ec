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

SearchBudget::Verdict SearchBudget::admit(const QByteArray& key20, quint32 account, Clock::time_point now)
{
    const qint64 minute = minuteOf(now);
    expire(minute, key20);
    if (m_keys.contains(key20))
        return Verdict::Counted;
    Verdict verdict = verdictFor(account);
    if (verdict != Verdict::Counted) {
        // Refused by the count: let it be the count of keys that still count, not of those
        // whose slices are still to be forgotten.
        expireAll(minute);
        verdict = verdictFor(account);
    }
    if (verdict != Verdict::Counted)
        return verdict;
    m_keys.insert(key20, {minute, 0, true, account});
    placeIn(key20, minute);
    ++m_brought[account];
    return Verdict::Counted;
}

SearchBudget::Verdict SearchBudget::verdictFor(quint32 account) const
{
    const int brought = keysOf(account);
    if (m_keys.size() >= m_limit)
        return Verdict::Full;
    if (brought >= share())
        return Verdict::OverShare;
    if (m_keys.size() >= m_limit - reserve() && brought >= fewKeys())
        return Verdict::Full; // the reserve is for clients that brought few keys
    return Verdict::Counted;
}

QString SearchBudget::refusal(Verdict verdict, quint32 account) const
{
    if (verdict == Verdict::OverShare)
        return QStringLiteral("over capacity: this gateway looked up %1 keys for your address within the "
                              "hour, a client's most (a quarter of its limit of %2); a key it looked "
                              "up lately can still be read")
            .arg(keysOf(account))
            .arg(m_limit);
    return QStringLiteral("over capacity: this gateway looked up %1 keys within the hour, its limit "
                          "being %2 (its last %3 kept for clients that brought fewer than %4 keys); a "
                          "key it looked up lately can still be read")
        .arg(keys())
        .arg(m_limit)
        .arg(reserve())
        .arg(fewKeys());
}

void SearchBudget::use(const QByteArray& key20, Clock::time_point now)
{
    const qint64 minute = minuteOf(now);
    expire(minute, key20);
    auto it = m_keys.find(key20);
    if (it == m_keys.end()) {
        m_keys.insert(key20, {minute, 0});
        placeIn(key20, minute);
        return;
    }
    if (it->holds == 0 && it->minute != minute) {
        takeOut(key20, it->minute);
        placeIn(key20, minute);
    }
    it->minute = minute;
}

void SearchBudget::hold(const QByteArray& key20, Clock::time_point now)
{
    use(key20, now);
    Entry& e = m_keys[key20];
    if (e.holds++ == 0)
        takeOut(key20, e.minute); // held keys do not expire
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
    m_unheld.emplace(minute, key20);
}

void SearchBudget::takeOut(const QByteArray& key20, qint64 minute)
{
    m_unheld.erase({minute, key20});
}

void SearchBudget::expire(qint64 minute, const QByteArray& key20)
{
    const qint64 oldest = minute - window.count(); // a use in that minute or before is over
    for (int n = 0; n < expirySlice && !m_unheld.empty() && m_unheld.begin()->first <= oldest; ++n)
        forget(m_unheld.begin());
    // The key about to be looked at is up to date, whatever is left of the slices.
    const auto it = m_keys.constFind(key20);
    if (it != m_keys.cend() && it->holds == 0 && it->minute <= oldest) {
        const auto unheld = m_unheld.find({it->minute, key20});
        if (unheld != m_unheld.end())
            forget(unheld);
    }
}

void SearchBudget::expireAll(qint64 minute)
{
    while (!m_unheld.empty() && m_unheld.begin()->first <= minute - window.count())
        forget(m_unheld.begin());
}

void SearchBudget::forget(std::set<std::pair<qint64, QByteArray>>::iterator unheld)
{
    const Entry e = m_keys.take(unheld->second);
    if (e.charged && --m_brought[e.account] <= 0)
        m_brought.remove(e.account);
    m_unheld.erase(unheld);
}
