// How many keys a gateway has libopendht search within an hour, and how clients share them
// (gateway/SearchBudget): each search holds memory for 62 minutes after its last step, so new
// keys past the limit are refused, and no client takes more than its part.
#include "gateway/SearchBudget.h"

#include <QTest>

using namespace std::chrono_literals;
using Clock = SearchBudget::Clock;
using Verdict = SearchBudget::Verdict;

namespace {
QByteArray key(int i)
{
    return QByteArray::number(i).rightJustified(20, '0');
}

// Keys first..first+count-1 for the client: how many were counted before the first refusal.
int bring(SearchBudget& budget, quint32 account, int first, int count, Clock::time_point t,
          Verdict* refused = nullptr)
{
    for (int i = 0; i < count; ++i) {
        const Verdict v = budget.admit(key(first + i), account, t);
        if (v != Verdict::Counted) {
            if (refused)
                *refused = v;
            return i;
        }
    }
    return count;
}
} // namespace

class TestSearchBudget : public QObject
{
    Q_OBJECT
private slots:
    void theLimitIsSharedWithAReserveForClientsWithFewKeys()
    {
        SearchBudget budget(40); // a client's most 10, the reserve the last 4, for fewer than 1
        QCOMPARE(budget.share(), 10);
        QCOMPARE(budget.reserve(), 4);
        QCOMPARE(budget.fewKeys(), 1);
        const Clock::time_point t{};
        Verdict refused = Verdict::Counted;
        QCOMPARE(bring(budget, 1, 0, 20, t, &refused), 10);
        QCOMPARE(refused, Verdict::OverShare); // while the gateway has room for 30 more
        QCOMPARE(bring(budget, 2, 100, 10, t), 10);
        QCOMPARE(bring(budget, 3, 200, 10, t), 10);
        QCOMPARE(bring(budget, 4, 300, 10, t, &refused), 6); // up to the reserve
        QCOMPARE(refused, Verdict::Full);
        QCOMPARE(budget.keys(), 36);
        // A client that brought no key yet still gets one in: four such clients fill it.
        for (quint32 newcomer = 5; newcomer <= 8; ++newcomer) {
            QCOMPARE(bring(budget, newcomer, int(newcomer) * 100, 2, t, &refused), 1);
            QCOMPARE(refused, Verdict::Full);
        }
        QCOMPARE(budget.keys(), 40);
        QCOMPARE(budget.admit(key(900), 9, t), Verdict::Full);
        QCOMPARE(budget.admit(key(0), 9, t), Verdict::Counted); // a key counted already
        QCOMPARE(budget.keysOf(9), 0);                          // and charged to its first client
        budget.use(key(901), t);                                // the gateway's own: counted anyway
        QCOMPARE(budget.keys(), 41);
        QCOMPARE(budget.keysOf(1), 10);
    }

    void aKeyOfTheGatewaysOwnIsChargedToNobody()
    {
        SearchBudget budget(8); // a client's most 2
        const Clock::time_point t{};
        budget.use(key(0), t);
        budget.hold(key(1), t);
        QCOMPARE(budget.admit(key(0), 1, t), Verdict::Counted);
        QCOMPARE(budget.admit(key(1), 1, t), Verdict::Counted);
        QCOMPARE(budget.keysOf(1), 0);
        QCOMPARE(bring(budget, 1, 10, 5, t), 2);
    }

    void aClientsChargeEndsWithItsKeys()
    {
        SearchBudget budget(8);
        const Clock::time_point t{};
        QCOMPARE(bring(budget, 1, 0, 2, t), 2);
        QCOMPARE(budget.admit(key(5), 1, t + 64min), Verdict::OverShare);
        QCOMPARE(budget.admit(key(5), 1, t + SearchBudget::window), Verdict::Counted);
        QCOMPARE(budget.keysOf(1), 1); // keys 0 and 1 are over
        QCOMPARE(budget.keys(), 1);
    }

    void aRefusalSaysWhichLimitAndItsFigures()
    {
        SearchBudget budget(8);
        const Clock::time_point t{};
        Verdict refused = Verdict::Counted;
        QCOMPARE(bring(budget, 7, 0, 3, t, &refused), 2);
        const QString share = budget.refusal(refused, 7);
        QVERIFY2(share.contains(QLatin1String("looked up 2 keys for your address")), qPrintable(share));
        QVERIFY2(share.contains(QLatin1String("limit of 8")), qPrintable(share));
        for (int i = 0; i < 6; ++i)
            budget.use(key(100 + i), t);
        const QString full = budget.refusal(budget.admit(key(50), 8, t), 8);
        QVERIFY2(full.contains(QLatin1String("looked up 8 keys within the hour, its limit being 8")),
                 qPrintable(full));
    }

    void aKeyCountsForTheWindowAfterItsLastUse()
    {
        SearchBudget budget(2);
        const Clock::time_point t{};
        budget.use(key(0), t);
        budget.use(key(1), t + 30min); // used again at 40 min below
        budget.use(key(1), t + 40min);
        QCOMPARE(budget.admit(key(2), 1, t + 64min), Verdict::Full);
        QCOMPARE(budget.admit(key(2), 1, t + SearchBudget::window), Verdict::Counted); // key 0 is over
        QCOMPARE(budget.keys(), 2);
        budget.admit(key(3), 2, t + 40min + SearchBudget::window - 1min);
        QCOMPARE(budget.keys(), 2); // key 1 from its last use, not its first
        budget.admit(key(2), 2, t + 40min + SearchBudget::window);
        QCOMPARE(budget.keys(), 1);
        QCOMPARE(budget.keysOf(1), 1);
    }

    void aHeldKeyCountsUntilTheWindowAfterItsRelease()
    {
        SearchBudget budget(1);
        const Clock::time_point t{};
        budget.hold(key(0), t);
        budget.hold(key(0), t); // two values kept under it
        QCOMPARE(budget.admit(key(1), 1, t + 10h), Verdict::Full);
        budget.unhold(key(0), t + 10h);
        QCOMPARE(budget.admit(key(1), 1, t + 20h), Verdict::Full); // still one hold
        budget.unhold(key(0), t + 20h);
        QCOMPARE(budget.admit(key(1), 1, t + 20h + 64min), Verdict::Full);
        QCOMPARE(budget.admit(key(1), 1, t + 20h + SearchBudget::window), Verdict::Counted);
        budget.unhold(key(5), t + 21h); // never held: nothing happens
        QCOMPARE(budget.keys(), 1);
    }

    void aUseOfAHeldKeyDoesNotEndItsHold()
    {
        SearchBudget budget(1);
        const Clock::time_point t{};
        budget.hold(key(0), t);
        budget.use(key(0), t + 1h); // a get of a kept key
        QCOMPARE(budget.admit(key(1), 1, t + 5h), Verdict::Full);
    }

    void aFloodsKeysAreForgottenASliceACall()
    {
        // A flood's keys all end in one minute; the Qt thread forgets a slice of them at each
        // put or read rather than all in one (a stall for every client).
        SearchBudget budget(10000);
        const Clock::time_point t{};
        for (int i = 0; i < 5000; ++i)
            budget.use(key(i), t);
        QCOMPARE(budget.admit(key(9000), 3, t + SearchBudget::window), Verdict::Counted);
        QVERIFY2(budget.keys() > 4000, qPrintable(QString::number(budget.keys())));
        for (int call = 0; call < 40 && budget.keys() > 1; ++call)
            budget.use(key(9000), t + SearchBudget::window);
        QCOMPARE(budget.keys(), 1);
        QCOMPARE(budget.keysOf(3), 1);
    }

    void aKeyLeftInASliceStillEndsOnTime()
    {
        SearchBudget budget(10000);
        const Clock::time_point t{};
        QCOMPARE(bring(budget, 1, 9999, 1, t), 1); // sorts after every key of the gateway's own
        for (int i = 0; i < 5000; ++i)
            budget.use(key(i), t);
        // Over, though not yet forgotten: counted afresh, charged to its new client.
        QCOMPARE(budget.admit(key(9999), 2, t + SearchBudget::window), Verdict::Counted);
        QCOMPARE(budget.keysOf(1), 0);
        QCOMPARE(budget.keysOf(2), 1);
    }

    void aRefusalCountsOnlyTheKeysThatStillCount()
    {
        SearchBudget budget(10000);
        const Clock::time_point t{};
        QCOMPARE(bring(budget, 2, 9990, 10, t), 10); // enough keys to be kept out of the reserve
        for (int i = 0; i < 9990; ++i)
            budget.use(key(i), t);
        QCOMPARE(budget.admit(key(20000), 2, t + 1h), Verdict::Full);
        // An hour on, every key is over: the first slice alone would leave the reserve in use.
        QCOMPARE(budget.admit(key(20000), 2, t + SearchBudget::window), Verdict::Counted);
        QCOMPARE(budget.keys(), 1);
        QCOMPARE(budget.keysOf(2), 1);
    }
};

QTEST_APPLESS_MAIN(TestSearchBudget)
#include "tst_searchbudget.moc"
