// The automatic gateway choice as plain rules, on figures given: the hysteresis
// (LatencyStats::clearlyBetter): a challenger takes over only when clearly faster (20 % and 1 ms
// on medians of three samples at least), so that gateways answering alike never flap; and the
// choice itself (GatewayChoice::next): healthy first, a failing one replaced at once, one under
// check kept. Replaces a timing-based live test that failed under CPU load (issue 17).
#include "core/probe/GatewayChoice.h"
#include "core/probe/LatencyStats.h"

#include <QTest>

namespace {

LatencyStats samples(std::initializer_list<double> ms)
{
    LatencyStats s;
    qint64 at = 1'700'000'000'000;
    for (double m : ms)
        s.add(LatencyStats::Outcome::Ok, m, at += 1000);
    return s;
}

DhtCondition checked()
{
    DhtCondition c;
    c.nodeAsked = c.readEnded = true;
    c.readMs = 20;
    return c;
}

DhtCondition ourNode(const char* health)
{
    DhtCondition c = checked();
    c.node = NodeInfo{true, QString::fromLatin1(health)};
    return c;
}

// A gateway as the rule sees it: its figures, and what its DHT check found.
struct Gateway
{
    LatencyStats stats;
    DhtCondition dht = checked();
};

int next(const QList<Gateway>& gateways, int current)
{
    QList<GatewayChoice::Candidate> candidates;
    for (const Gateway& g : gateways)
        candidates.append({&g.stats, GatewayVerdict::judge(g.stats, g.dht)});
    return GatewayChoice::next(candidates, current);
}

} // namespace

class TestLatencyRule : public QObject
{
    Q_OBJECT
private slots:
    void equalsNeverTakeOver()
    {
        // Two loopback gateways: fractions of a millisecond apart, either way.
        QVERIFY(!LatencyStats::clearlyBetter(samples({0.3, 0.4, 0.35}), samples({0.5, 0.45, 0.6})));
        QVERIFY(!LatencyStats::clearlyBetter(samples({0.5, 0.45, 0.6}), samples({0.3, 0.4, 0.35})));
        // 20 % faster but under 1 ms apart; 1 ms faster but under 20 % apart.
        QVERIFY(!LatencyStats::clearlyBetter(samples({2, 2, 2}), samples({2.9, 2.9, 2.9})));
        QVERIFY(!LatencyStats::clearlyBetter(samples({10, 10, 10}), samples({11.5, 11.5, 11.5})));
    }

    void clearlyFasterTakesOver()
    {
        QVERIFY(LatencyStats::clearlyBetter(samples({10, 10, 10}), samples({13.1, 13.1, 13.1})));
        QVERIFY(LatencyStats::clearlyBetter(samples({20, 21, 22}), samples({150, 160, 140})));
    }

    void oneSpikeDecidesNothing()
    {
        // Fewer than three samples on either side: a single fast or slow answer is no evidence.
        QVERIFY(!LatencyStats::clearlyBetter(samples({1, 1}), samples({100, 100, 100})));
        QVERIFY(!LatencyStats::clearlyBetter(samples({1, 1, 1}), samples({100, 100})));
        // The median ignores one spike among three.
        QVERIFY(!LatencyStats::clearlyBetter(samples({5, 5, 5}), samples({5, 500, 5})));
    }

    void equalsNeverFlapOverManyRounds()
    {
        // Two loopback gateways whose samples take turns being the faster, round after round.
        QList<Gateway> g(2);
        int chosen = -1;
        QList<int> choices;
        for (int round = 0; round < 40; ++round) {
            g[0].stats.add(LatencyStats::Outcome::Ok, round % 2 ? 0.7 : 0.4, 1000 * round);
            g[1].stats.add(LatencyStats::Outcome::Ok, round % 2 ? 0.4 : 0.7, 1000 * round);
            chosen = next(g, chosen);
            choices << chosen;
        }
        QCOMPARE(choices.first(), 0); // the faster of the first round
        QCOMPARE(choices.count(0), 40);
    }

    void theFastestIsChosenFromScratch()
    {
        QList<Gateway> g{{samples({30, 31, 29})}, {samples({5, 6, 5})}, {samples({12, 12, 12})}};
        QCOMPARE(next(g, -1), 1);
    }

    void aFailingCurrentIsReplacedAtOnce()
    {
        QList<Gateway> g{{samples({5, 5, 5})}, {samples({50, 50, 50})}};
        QCOMPARE(next(g, 0), 0);
        g[0].stats.add(LatencyStats::Outcome::Refused, 0);
        QCOMPARE(next(g, 0), 1); // no margin to beat: it does not answer
        g[0].dht = ourNode("isolated");
        g[0].stats.add(LatencyStats::Outcome::Ok, 5);
        QCOMPARE(next(g, 0), 1); // answers, but its DHT has no peer
    }

    void aCurrentUnderCheckStays()
    {
        // A remembered choice that answers while its first DHT check is under way.
        QList<Gateway> g{{samples({5, 5, 5})}, {samples({50, 50, 50}), DhtCondition{}}};
        QCOMPARE(next(g, 1), 1);
        QCOMPARE(next(g, -1), 0); // nothing under check is chosen from scratch
    }

    void joiningOnlyWhenNoneIsHealthy()
    {
        QList<Gateway> g{{samples({1, 1, 1}), ourNode("joining")}, {samples({40, 40, 40})}};
        QCOMPARE(next(g, -1), 1);
        g[1].dht = ourNode("isolated");
        QCOMPARE(next(g, -1), 0);
        g[0].stats.add(LatencyStats::Outcome::Timeout, 0);
        g[0].stats.add(LatencyStats::Outcome::Timeout, 0);
        QCOMPARE(next(g, 0), -1); // none is fit
    }

    void lossyGatewaysAreNotFit()
    {
        // Answers now, but lost half of its window: not steady enough to be chosen.
        QList<Gateway> g{{samples({1})}};
        g[0].stats.add(LatencyStats::Outcome::Timeout, 0);
        g[0].stats.add(LatencyStats::Outcome::Ok, 1);
        g[0].stats.add(LatencyStats::Outcome::Timeout, 0);
        g[0].stats.add(LatencyStats::Outcome::Ok, 1);
        g[0].stats.add(LatencyStats::Outcome::Timeout, 0);
        g[0].stats.add(LatencyStats::Outcome::Timeout, 0);
        g[0].stats.add(LatencyStats::Outcome::Ok, 1);
        QVERIFY(g[0].stats.answers());
        QVERIFY(!g[0].stats.answersSteadily());
        QCOMPARE(next(g, -1), -1);
    }
};

QTEST_MAIN(TestLatencyRule)
#include "tst_latencyrule.moc"
