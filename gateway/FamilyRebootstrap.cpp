#include "FamilyRebootstrap.h"

#include "DhtNode.h"

#include <algorithm>

FamilyRebootstrap::FamilyRebootstrap(Clock::time_point start)
{
    m_ipv4.next = m_ipv6.next = start + firstWait; // libopendht pinged them all at the start
}

FamilyRebootstrap::Due FamilyRebootstrap::check(const NodeStats& stats, Clock::time_point now)
{
    Due d;
    // While neither family has a peer, libopendht's own bootstrap loop is at work.
    d.ipv4 = due(m_ipv4, stats.ipv4.good == 0 && stats.ipv6.good > 0, now);
    d.ipv6 = due(m_ipv6, stats.ipv6.good == 0 && stats.ipv4.good > 0, now);
    return d;
}

bool FamilyRebootstrap::due(Family& f, bool lonely, Clock::time_point now)
{
    if (!lonely) {
        if (f.wait != firstWait) { // it had been asked again: start the rule over
            f.wait = firstWait;
            f.next = now + firstWait;
        }
        f.next = std::max(f.next, now); // (a family that lost its peers is asked at once)
        return false;
    }
    if (now < f.next)
        return false;
    f.next = now + f.wait;
    f.wait = std::min<Clock::duration>(f.wait * 2, longestWait);
    return true;
}
