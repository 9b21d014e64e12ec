// The hysteresis of the automatic gateway choice (LatencyStats::clearlyBetter), as a plain rule:
// a challenger takes over only when clearly faster (20 % and 1 ms on medians of three samples at
// least), so that gateways answering alike never flap. Replaces a timing-based live test that
// failed under CPU load (issue 17).
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
};

QTEST_MAIN(TestLatencyRule)
#include "tst_latencyrule.moc"
