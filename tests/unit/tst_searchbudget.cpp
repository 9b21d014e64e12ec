// How many keys a gateway has libopendht search within an hour (gateway/SearchBudget): each
// search holds memory for 62 minutes after its last step, so new keys past the limit are refused.
#include "gateway/SearchBudget.h"

#include <QTest>

using namespace std::chrono_literals;
using Clock = SearchBudget::Clock;

namespace {
QByteArray key(int i)
{
    return QByteArray::number(i).rightJustified(20, '0');
}
} // namespace

class TestSearchBudget : public QObject
{
    Q_OBJECT
private slots:
    void newKeysPastTheLimitAreRefused()
    {
        SearchBudget budget(3);
        const Clock::time_point t{};
        for (int i = 0; i < 3; ++i) {
            QVERIFY(budget.allows(key(i), t));
            budget.use(key(i), t);
        }
        QCOMPARE(budget.keys(), 3);
        QVERIFY(!budget.allows(key(3), t));
        QVERIFY(budget.allows(key(1), t)); // a key counted already
        budget.use(key(4), t);             // the gateway's own: counted anyway
        QCOMPARE(budget.keys(), 4);
    }

    void aKeyCountsForTheWindowAfterItsLastUse()
    {
        SearchBudget budget(2);
        const Clock::time_point t{};
        budget.use(key(0), t);
        budget.use(key(1), t + 30min); // used again at 40 min below
        budget.use(key(1), t + 40min);
        QVERIFY(!budget.allows(key(2), t + 64min));
        QVERIFY(budget.allows(key(2), t + SearchBudget::window)); // key 0 is over
        QCOMPARE(budget.keys(), 1);
        budget.allows(key(2), t + 40min + SearchBudget::window - 1min);
        QCOMPARE(budget.keys(), 1); // key 1 from its last use, not its first
        budget.allows(key(2), t + 40min + SearchBudget::window);
        QCOMPARE(budget.keys(), 0);
    }

    void aHeldKeyCountsUntilTheWindowAfterItsRelease()
    {
        SearchBudget budget(1);
        const Clock::time_point t{};
        budget.hold(key(0), t);
        budget.hold(key(0), t); // two values kept under it
        QVERIFY(!budget.allows(key(1), t + 10h));
        budget.unhold(key(0), t + 10h);
        QVERIFY(!budget.allows(key(1), t + 20h)); // still one hold
        budget.unhold(key(0), t + 20h);
        QVERIFY(!budget.allows(key(1), t + 20h + 64min));
        QVERIFY(budget.allows(key(1), t + 20h + SearchBudget::window));
        budget.unhold(key(5), t + 21h); // never held: nothing happens
        QCOMPARE(budget.keys(), 0);
    }

    void aUseOfAHeldKeyDoesNotEndItsHold()
    {
        SearchBudget budget(1);
        const Clock::time_point t{};
        budget.hold(key(0), t);
        budget.use(key(0), t + 1h); // a get of a kept key
        QVERIFY(!budget.allows(key(1), t + 5h));
    }
};

QTEST_APPLESS_MAIN(TestSearchBudget)
#include "tst_searchbudget.moc"
