// Fair sharing of the gateway's storage between client addresses.
#include "gateway/FairShare.h"

#include <QTest>

namespace {
constexpr qint64 second = 1000000;
constexpr qint64 t0 = 1'800'000'000LL * second;
constexpr quint32 alice = 0x7f000001;
constexpr quint32 bob = 0x7f000002;
} // namespace

class TestFairShare : public QObject
{
    Q_OBJECT
private slots:
    void aloneAClientMayUseEverything()
    {
        FairShare share(1000); // 1000 bytes for a week
        QVERIFY(share.admit(alice, 500, 604800, t0));
        QVERIFY(share.admit(alice, 500, 604800, t0));
        QVERIFY(!share.admit(alice, 1, 604800, t0));
    }

    void costIsSizeTimesTtl()
    {
        FairShare share(1000);
        // 2000 bytes for half a week cost what 1000 bytes cost for a week.
        QVERIFY(share.admit(alice, 2000, 302400, t0));
        QVERIFY(!share.admit(alice, 1, 302400, t0));
    }

    void overShareClientRefusedOthersNot()
    {
        FairShare share(1000);
        QVERIFY(share.admit(alice, 900, 604800, t0));
        // Bob arrives: the share is now half each. Alice is over hers, Bob is not.
        QVERIFY(share.admit(bob, 400, 604800, t0));
        QVERIFY(!share.admit(alice, 10, 604800, t0));
        QVERIFY(share.admit(bob, 100, 604800, t0));
        QVERIFY(!share.admit(bob, 10, 604800, t0));
    }

    void liveBytesAreBoundedWhateverTheTtl()
    {
        FairShare share(1000);
        // Minute-long TTLs cost little commitment, but the bytes held now count: 2000 at most.
        QVERIFY(share.admit(alice, 1500, 60, t0));
        QVERIFY(!share.admit(alice, 600, 60, t0));
        QVERIFY(share.admit(bob, 400, 60, t0));                 // Bob's half is still his
        QVERIFY(!share.admit(bob, 200, 60, t0));                // ...within 2000 in all
        QVERIFY(share.admit(alice, 500, 60, t0 + 61 * second)); // once expired, room again
    }

    // Hardening issue, item 2: one client that filled the gateway while alone locked every
    // later client out. Each still gets its floor, capacity / clients.
    void aClientThatFilledEverythingLocksNobodyOut()
    {
        FairShare share(1000);
        for (int i = 0; i < 20; ++i)
            QVERIFY(share.admit(alice, 100, 60, t0)); // 2000 bytes: all there is
        QVERIFY(!share.admit(alice, 100, 60, t0));
        QVERIFY(share.admit(bob, 500, 60, t0)); // Bob's floor: 1000 / 2
        QVERIFY(!share.admit(bob, 1, 60, t0));  // beyond it, the bound in all holds
        QVERIFY(!share.admit(alice, 1, 60, t0));
        constexpr quint32 carol = 0x7f000003;
        QVERIFY(share.admit(carol, 333, 60, t0)); // and every newcomer its own
    }

    void commitmentsShrinkAndExpire()
    {
        FairShare share(1000);
        QVERIFY(share.admit(alice, 1000, 604800, t0));
        QCOMPARE(share.activeClients(t0), 1);
        // Half a week later half of the commitment is left.
        QVERIFY(qAbs(share.held(alice, t0 + 302400 * second) - 1000.0 * 302400) < 1e3);
        QVERIFY(share.admit(alice, 1000, 302400, t0 + 302400 * second));
        QCOMPARE(share.activeClients(t0 + 604801 * second), 0);
    }
};

QTEST_APPLESS_MAIN(TestFairShare)
#include "tst_fairshare.moc"
