// When the gateway pings a family's bootstrap nodes again (gateway/FamilyRebootstrap): libopendht
// stops bootstrapping once one family is connected, so an IPv4 bootstrap node whose first ping
// was lost would never be asked again.
#include "gateway/DhtNode.h"
#include "gateway/FamilyRebootstrap.h"

#include <QTest>

using namespace std::chrono_literals;
using Clock = FamilyRebootstrap::Clock;

namespace {
NodeStats peers(unsigned good4, unsigned good6)
{
    NodeStats s;
    s.ipv4.good = good4;
    s.ipv6.good = good6;
    return s;
}

// The times, in whole seconds after the start, at which the rule asks for IPv4, checking once
// a second (as the gateway does) for `seconds` with these figures.
QList<int> ipv4Asks(FamilyRebootstrap& rule, Clock::time_point start, int from, int to, const NodeStats& s)
{
    QList<int> asks;
    for (int t = from; t < to; ++t)
        if (rule.check(s, start + std::chrono::seconds(t)).ipv4)
            asks.append(t);
    return asks;
}
} // namespace

class TestFamilyRebootstrap : public QObject
{
    Q_OBJECT
private slots:
    void aLonelyFamilyIsAskedAtDoublingIntervals()
    {
        const Clock::time_point start{};
        FamilyRebootstrap rule(start);
        // IPv6 has a peer from the first second, IPv4 never: 10 s, then 10, 20, 40, ... up to 600.
        QCOMPARE(ipv4Asks(rule, start, 0, 700, peers(0, 3)), (QList<int>{10, 20, 40, 80, 160, 320, 640}));
        QCOMPARE(ipv4Asks(rule, start, 700, 3000, peers(0, 3)), (QList<int>{1240, 1840, 2440}));
    }

    void nothingWhileBothFamiliesAreDisconnected()
    {
        // libopendht's own bootstrap loop runs then; and a family with a peer is never asked.
        const Clock::time_point start{};
        FamilyRebootstrap rule(start);
        for (int t = 0; t < 200; ++t) {
            const auto due = rule.check(peers(0, 0), start + std::chrono::seconds(t));
            QVERIFY(!due.ipv4 && !due.ipv6);
            QVERIFY(!rule.check(peers(2, 2), start + std::chrono::seconds(t)).ipv4);
        }
    }

    void eachFamilyOnItsOwn()
    {
        const Clock::time_point start{};
        FamilyRebootstrap rule(start);
        const auto due = rule.check(peers(4, 0), start + 10s);
        QVERIFY(due.ipv6);
        QVERIFY(!due.ipv4);
    }

    void aPeerStartsTheRuleOver()
    {
        const Clock::time_point start{};
        FamilyRebootstrap rule(start);
        QCOMPARE(ipv4Asks(rule, start, 0, 100, peers(0, 1)), (QList<int>{10, 20, 40, 80}));
        QCOMPARE(ipv4Asks(rule, start, 100, 200, peers(1, 1)), QList<int>{}); // joined IPv4
        // Lost it again: asked at once, then 10 s later, 20 s after that.
        QCOMPARE(ipv4Asks(rule, start, 200, 240, peers(0, 1)), (QList<int>{200, 210, 230}));
    }
};

QTEST_APPLESS_MAIN(TestFamilyRebootstrap)
#include "tst_familyrebootstrap.moc"
