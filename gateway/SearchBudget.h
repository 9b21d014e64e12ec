#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>

#include <chrono>
#include <map>

// How many keys the node may have libopendht look up or announce within an hour. Each key a
// node searches costs libopendht a Search (about 1.4 kB of heap, 2 kB of RSS, per address
// family), which it forgets only 62 minutes after its last step (Dht::SEARCH_EXPIRE_TIME): a
// flood of puts or gets of fresh keys, from any number of clients, would hold memory for an hour
// in proportion to its rate. Counting the keys searched within that window, and refusing new
// ones past a limit, bounds that memory by the limit instead.
//
// A key counts from its use until `window` after it; a key held (a listen, a permanent put)
// counts all the while it is held and `window` after.
class SearchBudget
{
public:
    using Clock = std::chrono::steady_clock;
    // libopendht's 62 minutes and a few more: its last step comes after the call, and it looks
    // for expired searches on a timer.
    static constexpr std::chrono::minutes window{65};
    static constexpr int defaultLimit = 100000;

    explicit SearchBudget(int limit = defaultLimit);
    int limit() const { return m_limit; }
    int keys() const { return int(m_keys.size()); }

    // Whether a search of key20 fits now: a key counted already always does, a new one while
    // fewer than limit() keys count.
    bool allows(const QByteArray& key20, Clock::time_point now);
    // key20 is searched now. Counted whether or not it fits: the gateway's own searches (its
    // registry, the items it keeps for others) are never refused.
    void use(const QByteArray& key20, Clock::time_point now);
    void hold(const QByteArray& key20, Clock::time_point now);
    void unhold(const QByteArray& key20, Clock::time_point now);

private:
    struct Entry
    {
        qint64 minute = 0;
        int holds = 0;
    };
    static qint64 minuteOf(Clock::time_point t);
    void expire(qint64 minute);
    void placeIn(const QByteArray& key20, qint64 minute);

    int m_limit;
    QHash<QByteArray, Entry> m_keys;
    std::map<qint64, QSet<QByteArray>> m_unheld; // by the minute of their last use
};
