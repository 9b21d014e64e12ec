#pragma once

#include <chrono>

struct NodeStats;

// When to ping the bootstrap nodes of one address family again. libopendht bootstraps only
// while both families are disconnected: once IPv6 has a peer, an IPv4 bootstrap node whose
// first ping was lost (UDP, a busy peer) is never asked again, and a dual-stack gateway whose
// other IPv4 peers can only come from that node stays IPv6-only for good. This rule asks
// again, 10 s after the start and then at doubling intervals up to 10 min, while a family has
// no good peer and the other one has; a good peer in the family starts the rule over.
class FamilyRebootstrap
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::seconds firstWait{10};
    static constexpr std::chrono::seconds longestWait{600};

    explicit FamilyRebootstrap(Clock::time_point start);

    struct Due
    {
        bool ipv4 = false;
        bool ipv6 = false;
    };
    // Which families' bootstrap nodes to ping now, given the node's latest figures; a family
    // reported due is not due again before its next interval.
    Due check(const NodeStats& stats, Clock::time_point now);

private:
    struct Family
    {
        Clock::time_point next;
        Clock::duration wait = firstWait;
    };
    static bool due(Family& f, bool lonely, Clock::time_point now);

    Family m_ipv4;
    Family m_ipv6;
};
