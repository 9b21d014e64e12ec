// LatencyProbe against real gateways: the automatic choice fails over when the chosen gateway
// dies, and does not flap between gateways that answer alike.
#include "GatewayProcess.h"

#include <probe/LatencyProbe.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

class TestLatencyProbe : public QObject
{
    Q_OBJECT

    static void startBoth(GatewayProcess& a, GatewayProcess& b)
    {
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
    }

private slots:
    void failoverWithinOneInterval()
    {
        GatewayProcess a, b;
        startBoth(a, b);
        if (QTest::currentTestFailed())
            return;
        LatencyProbe probe;
        probe.setTargets({a.url(), b.url()});
        probe.setInterval(300);
        probe.setTimeout(1000);
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probe.chosen() >= 0 && probe.target(0).stats.samples() >= 3, 5000);
        const int first = probe.chosen();
        (first == 0 ? a : b).stop();
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(probe.chosen(), 1 - first, 3000);
        // Noticed at the next probe of the dead gateway: one interval, plus the refused connect.
        QVERIFY2(t.elapsed() < 300 + 200, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(probe.target(first).stats.status(), QStringLiteral("refused"));
    }

    void aPinnedChoiceIsKeptAndItsFailureReported()
    {
        GatewayProcess a, b;
        startBoth(a, b);
        if (QTest::currentTestFailed())
            return;
        LatencyProbe probe;
        probe.setTargets({a.url(), b.url()});
        probe.setInterval(200);
        probe.pin(0);
        QSignalSpy failing(&probe, &LatencyProbe::pinnedFailing);
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probe.target(1).stats.samples() >= 2, 3000);
        QCOMPARE(probe.chosen(), 0);
        a.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!failing.isEmpty(), 2000);
        QCOMPARE(failing.first().at(1).toString(), QStringLiteral("refused"));
        QTest::qWait(600);
        QCOMPARE(probe.chosen(), 0); // the user's choice, still: nothing switched
    }

    void noFlappingBetweenEquals()
    {
        GatewayProcess a, b;
        startBoth(a, b);
        if (QTest::currentTestFailed())
            return;
        LatencyProbe probe;
        probe.setTargets({a.url(), b.url()});
        probe.setInterval(50);
        QSignalSpy changes(&probe, &LatencyProbe::chosenChanged);
        probe.start();
        QTest::qWait(2000); // about 40 rounds of two gateways within a fraction of a millisecond
        QVERIFY(probe.chosen() >= 0);
        QCOMPARE(changes.size(), 1);
    }

    void pausedProbesNothing()
    {
        GatewayProcess a;
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        LatencyProbe probe;
        probe.setTargets({a.url()});
        probe.setInterval(50);
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(probe.target(0).stats.samples() >= 2, 3000);
        probe.pause();
        QTest::qWait(100); // the round under way ends
        const int samples = probe.target(0).stats.samples();
        QTest::qWait(300);
        QCOMPARE(probe.target(0).stats.samples(), samples);
    }
};

QTEST_GUILESS_MAIN(TestLatencyProbe)
#include "tst_latencyprobe.moc"
