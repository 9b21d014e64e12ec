// The proxy routes' permanent puts (gateway/PermanentPuts): a refresh without an id is matched
// by content under its key, a refresh moves its end, and puts end a slice at a time.
#include "gateway/PermanentPuts.h"

#include <QTest>

namespace {
QByteArray key(int i)
{
    return QByteArray::number(i).rightJustified(20, 'k');
}

PermanentPuts::Put put(int k, quint64 id, const QByteArray& data, qint64 untilMs)
{
    return {key(k), id, 3, data, untilMs};
}
} // namespace

class TestPermanentPuts : public QObject
{
    Q_OBJECT
private slots:
    void aRefreshIsFoundByItsContentUnderItsKey()
    {
        PermanentPuts puts;
        puts.note(put(1, 11, "a", 100));
        puts.note(put(1, 12, "b", 100));
        puts.note(put(2, 21, "a", 100));
        QCOMPARE(puts.idOf(key(1), 3, "b"), quint64(12));
        QCOMPARE(puts.idOf(key(2), 3, "a"), quint64(21));
        QCOMPARE(puts.idOf(key(1), 4, "b"), quint64(0)); // another type is another value
        QCOMPARE(puts.idOf(key(3), 3, "a"), quint64(0));
        QCOMPARE(puts.size(), 3);
        QCOMPARE(puts.keys(), 2);
    }

    void aRefreshMovesItsEnd()
    {
        PermanentPuts puts;
        puts.note(put(1, 11, "a", 100));
        puts.note(put(1, 11, "a", 500));
        QVERIFY(puts.takeEnded(400, 10).isEmpty());
        const auto ended = puts.takeEnded(500, 10);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.first().id, quint64(11));
        QCOMPARE(puts.size(), 0);
        QCOMPARE(puts.keys(), 0);
    }

    void aRemovedPutNeitherEndsNorCounts()
    {
        PermanentPuts puts;
        puts.note(put(1, 11, "a", 100));
        puts.note(put(1, 12, "b", 100));
        puts.remove(key(1), 11);
        puts.remove(key(1), 99); // not there: nothing
        QCOMPARE(puts.keys(), 1);
        QCOMPARE(puts.idOf(key(1), 3, "a"), quint64(0));
        const auto ended = puts.takeEnded(100, 10);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.first().id, quint64(12));
    }

    void putsEndASliceAtATimeInTheOrderOfTheirEnds()
    {
        PermanentPuts puts;
        for (int i = 0; i < 25; ++i)
            puts.note(put(i, quint64(i + 1), "x", 1000 - i));
        const auto first = puts.takeEnded(2000, 10);
        QCOMPARE(first.size(), 10);
        QCOMPARE(first.first().untilMs, qint64(976));
        QCOMPARE(puts.takeEnded(2000, 10).size(), 10);
        QCOMPARE(puts.takeEnded(2000, 10).size(), 5);
        QCOMPARE(puts.size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestPermanentPuts)
#include "tst_permanentputs.moc"
