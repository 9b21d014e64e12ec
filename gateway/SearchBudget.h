#pragma once

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QString>

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

// How many keys the node may have libopendht look up or announce within an hour, and how they
// are shared between clients. Each key a node searches costs libopendht a Search (about 1.4 kB
// of heap, 2 kB of RSS, per address family), which it forgets only 62 minutes after its last
// step (Dht::SEARCH_EXPIRE_TIME): a flood of puts or gets of fresh keys, from any number of
// clients, would hold memory for an hour in proportion to its rate. Counting the keys searched
// within that window, and refusing new ones past a limit, bounds that memory by the limit.
//
// Shared as the connections are (HttpConnection): a client (an account of the fair share: an
// IPv4 address, an IPv6 /64) may bring at most a quarter of the limit, and the last tenth is
// kept for clients that brought few keys, so that whoever filled the rest, from however many
// addresses, a client that looks up a key now and then still gets it looked up.
//
// A key counts from its use until `window` after it; a key held (a listen, a permanent put)
// counts all the while it is held and `window` after. It is charged to the client that brought
// it first, for as long as it counts.
class SearchBudget
{
public:
    using Clock = std::chrono::steady_clock;
    // libopendht's 62 minutes and a few more: its last step comes after the call, and it looks
    // for expired searches on a timer.
    static constexpr std::chrono::minutes window{65};
    static constexpr int defaultLimit = 100000;

    enum class Verdict
    {
        Counted,   // the key counts (it did already, or it fits)
        Full,      // the gateway counts as many keys as it may (for this client: the reserve too)
        OverShare, // the client brought a quarter of the limit already
    };

    explicit SearchBudget(int limit = defaultLimit);
    int limit() const { return m_limit; }
    int keys() const { return int(m_keys.size()); }
    // A client's most, the reserve, and how few keys a client brought to use the reserve.
    int share() const { return std::max(1, m_limit / 4); }
    int reserve() const { return m_limit / 10; }
    int fewKeys() const { return std::max(1, m_limit / 1000); }
    int keysOf(quint32 account) const { return m_brought.value(account); }

    // Whether a search of key20 for the client fits now; if it does and the key is new, it
    // counts from now, charged to the client (whether or not the search follows).
    Verdict admit(const QByteArray& key20, quint32 account, Clock::time_point now);
    // Why admit() refused, for the client to read.
    QString refusal(Verdict verdict, quint32 account) const;
    // key20 is searched now. Counted whether or not it fits, charged to nobody: the gateway's
    // own searches (its registry, the items it keeps for others) are never refused.
    void use(const QByteArray& key20, Clock::time_point now);
    void hold(const QByteArray& key20, Clock::time_point now);
    void unhold(const QByteArray& key20, Clock::time_point now);

private:
    struct Entry
    {
        qint64 minute = 0;
        int holds = 0;
        bool charged = false; // to account
        quint32 account = 0;
    };
    static qint64 minuteOf(Clock::time_point t);
    using Unheld = std::set<std::pair<qint64, QByteArray>>; // (minute of the last use, key)
    // Forgets a slice of the keys whose window ended by `minute`, and key20 if its has: a
    // flood's keys end in the same minute, and each call (each put or read) takes a slice of
    // them rather than the Qt thread stalling for all at once.
    void expire(qint64 minute, const QByteArray& key20);
    void expireAll(qint64 minute); // before a refusal: only keys that still count count
    void forget(Unheld::iterator unheld);
    void placeIn(const QByteArray& key20, qint64 minute);
    void takeOut(const QByteArray& key20, qint64 minute);
    Verdict verdictFor(quint32 account) const;

    static constexpr int expirySlice = 256; // keys a call forgets at most: well under 1 ms

    int m_limit;
    // Trees, not hashes: a QHash doubles in one step (tens of ms at 100 000s of keys, a stall
    // for every client); a tree grows a node at a time.
    QMap<QByteArray, Entry> m_keys;
    Unheld m_unheld;               // the keys not held
    QHash<quint32, int> m_brought; // keys counted, by the client charged
};
