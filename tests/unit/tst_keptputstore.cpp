// KeptPutStore keeps what the keeper needs to resume a put after a restart, and KeptPutText
// says what a put needs from the browser (issue #21).
#include <kept/KeptPutStore.h>
#include <kept/KeptPutText.h>

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
        QCOMPARE(KeptPutText::type(p), QStringLiteral("value type 3, user type \"text/plain\""));
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
