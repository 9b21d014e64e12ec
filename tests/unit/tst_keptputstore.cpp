// KeptPutStore keeps what the keeper needs to resume a put after a restart, and KeptPutText
// says what a put needs from the browser (issue #21); plain OpenDHT values (issue #19) are kept
// in the same list, their end exact to one lifetime of their type.
#include "core/backend/PlainValue.h"
#include "core/kept/KeptPutStore.h"
#include "core/kept/KeptPutText.h"

#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

class TestKeptPutStore : public QObject
{
    Q_OBJECT

    static KeptPut sample()
    {
        KeptPut p;
        p.key = QStringLiteral("some key");
        p.keyMode = QStringLiteral("text");
        p.keyHex = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        p.proxy = QUrl(QStringLiteral("http://127.0.0.1:8000/"));
        p.body = R"({"data":"eA==","id":"1","type":0})";
        p.lastPost = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
        p.ttlEnd = p.lastPost.addDays(3);
        p.nextRefresh = p.lastPost.addSecs(22 * 3600);
        return p;
    }

private slots:
    void savesUpdatesAndRemoves()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/kept.sqlite")); // its folder is made
        QString error;
        KeptPut p = sample();
        {
            KeptPutStore store;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            QVERIFY(store.save(&p));
            QVERIFY(p.id > 0);
        }
        KeptPutStore store; // a restart
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QList<KeptPut> all = store.all();
        QCOMPARE(all.size(), 1);
        const KeptPut& back = all.first();
        QCOMPARE(back.id, p.id);
        QCOMPARE(back.key, p.key);
        QCOMPARE(back.keyHex, p.keyHex);
        QCOMPARE(back.proxy, p.proxy);
        QCOMPARE(back.body, p.body);
        QCOMPARE(back.ttlEnd, p.ttlEnd);
        QCOMPARE(back.lastPost, p.lastPost);
        QCOMPARE(back.nextRefresh, p.nextRefresh);
        QCOMPARE(back.kind, KeptPut::Kind::ClassicItem);

        p.nextRefresh = QDateTime(); // only the downgrade left
        QVERIFY(store.save(&p));
        all = store.all();
        QCOMPARE(all.size(), 1);
        QVERIFY(!all.first().nextRefresh.isValid());
        store.remove(p.id);
        QVERIFY(store.all().isEmpty());
    }

    void saysWhatAPutNeeds()
    {
        KeptPut p = sample();
        const QDateTime now = p.lastPost.addSecs(3600);
        QVERIFY(p.needsRefresh()); // three days: the proxy's 24 h are not enough
        QVERIFY(KeptPutText::needs(p, now).startsWith(u"refresh due before "));
        QVERIFY(KeptPutText::needs(p, now).endsWith(u"keep the browser running then, or it ends early"));
        p.ttlEnd = p.lastPost.addSecs(3 * 3600);
        p.nextRefresh = QDateTime();
        QVERIFY(!p.needsRefresh());
        QVERIFY(KeptPutText::needs(p, now).startsWith(u"downgrade at "));
        QCOMPARE(KeptPutText::type(p), QStringLiteral("classic item"));
        p.kind = KeptPut::Kind::PlainValue; // issue #19's puts, in the same list
        p.valueType = 3;
        p.userType = QStringLiteral("text/plain");
        QCOMPARE(KeptPutText::type(p), QStringLiteral("value type 3 IM message, user type \"text/plain\""));
        p.valueType = 77;
        p.userType.clear();
        QCOMPARE(KeptPutText::type(p), QStringLiteral("value type 77"));
    }

    void plainPutRoundTripsWithItsTypeAndItsLifetime()
    {
        QTemporaryDir dir;
        QString error;
        KeptPut p = sample();
        p.kind = KeptPut::Kind::PlainValue;
        p.valueType = 5;
        p.userType = QStringLiteral("application/x-ice");
        {
            KeptPutStore store;
            QVERIFY2(store.open(dir.filePath(QStringLiteral("kept.sqlite")), &error), qPrintable(error));
            QVERIFY(store.save(&p));
        }
        KeptPutStore store; // a restart
        QVERIFY2(store.open(dir.filePath(QStringLiteral("kept.sqlite")), &error), qPrintable(error));
        const KeptPut back = store.all().value(0);
        QCOMPARE(back.kind, KeptPut::Kind::PlainValue);
        QCOMPARE(back.valueType, 5);
        QCOMPARE(back.userType, p.userType);
        QCOMPARE(back.typeLifetimeMs(), 60'000); // ICE candidates: a stock node keeps them 1 minute
        p.valueType = 77;                        // unknown to stock nodes: kept as user data
        QCOMPARE(p.typeLifetimeMs(), 600'000);
        p.kind = KeptPut::Kind::ClassicItem; // our type 0x4F43, unknown to stock nodes too
        p.valueType = 0;
        QCOMPARE(p.typeLifetimeMs(), 600'000);
    }

    void saysHowExactAPlainValuesEndIs()
    {
        QLocale::setDefault(QLocale::c());
        const QDateTime now = QDateTime(QDate(2026, 12, 1), QTime(10, 0));
        KeptPut p = sample();
        p.ttlEnd = QDateTime(QDate(2026, 12, 1), QTime(14, 5));
        QCOMPARE(KeptPutText::ends(p, now), QStringLiteral("14:05 today")); // a classic item: exact
        p.kind = KeptPut::Kind::PlainValue;
        p.valueType = 5;
        QCOMPARE(KeptPutText::ends(p, now), QStringLiteral("between 14:05 and 14:06 today"));
        p.ttlEnd = QDateTime(QDate(2026, 12, 1), QTime(23, 55));
        p.valueType = 0;
        QCOMPARE(KeptPutText::ends(p, now), QStringLiteral("between 23:55 today and 00:05 tomorrow"));
        QCOMPARE(KeptPutText::lifetime(60'000), QStringLiteral("1 minute"));
        QCOMPARE(KeptPutText::lifetime(7LL * 86400 * 1000), QStringLiteral("7 days"));
    }

    void aPlainValueIsKeptOnlyPastItsTypesLifetime()
    {
        const PlainValue ice{"candidate", 5, {}};
        QVERIFY(!ice.needsKeeping(60)); // one POST lives a minute
        QVERIFY(ice.needsKeeping(61));
        const QDateTime at = QDateTime(QDate(2026, 12, 1), QTime(14, 2));
        PlainValue::End end = ice.end(at, 180); // kept, downgraded at the TTL's end
        QCOMPARE(end.earliest, at.addSecs(180));
        QCOMPARE(end.latest, at.addSecs(240));
        end = ice.end(at, 30); // one POST: a whole lifetime, longer than the TTL
        QCOMPARE(end.earliest, at.addSecs(60));
        QCOMPARE(end.latest, at.addSecs(60));
        QCOMPARE(PlainValue({QByteArray(PlainValue::maxBytes - 4, 'x'), 0, QStringLiteral("text")}).size(),
                 PlainValue::maxBytes);
    }

    void saysTodayAndTomorrow()
    {
        QLocale::setDefault(QLocale::c()); // 24-hour times, ISO-like dates
        const QDateTime now = QDateTime(QDate(2026, 12, 1), QTime(10, 0));
        QCOMPARE(KeptPutText::when(QDateTime(QDate(2026, 12, 1), QTime(14, 5)), now),
                 QStringLiteral("14:05 today"));
        QCOMPARE(KeptPutText::when(QDateTime(QDate(2026, 12, 2), QTime(14, 5)), now),
                 QStringLiteral("14:05 tomorrow"));
        QCOMPARE(KeptPutText::when(QDateTime(QDate(2026, 12, 9), QTime(8, 0)), now),
                 QStringLiteral("9 Dec 2026 08:00"));
    }
};

QTEST_GUILESS_MAIN(TestKeptPutStore)
#include "tst_keptputstore.moc"
