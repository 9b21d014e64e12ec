// One page of GET /keys as clients read it: keys and the end line; no end line is no listing
// (a stock proxy's answer), broken lines are a broken listing.
#include "core/keys/StoredKeyPage.h"

#include <QTest>

class TestStoredKeyPage : public QObject
{
    Q_OBJECT
private slots:
    void aPageAndItsCursor()
    {
        const QByteArray body = "{\"key\":\"" + QByteArray(40, 'a') +
                                "\",\"values\":3,\"bytes\":12,\"newest_ms\":1700000000000,\"items\":1}\n"
                                "{\"key\":\"" +
                                QByteArray(40, 'b') +
                                "\",\"values\":1,\"bytes\":0,\"newest_ms\":null,\"items\":0}\n" +
                                "{\"next\":\"" + QByteArray(40, 'b') + "\",\"total\":7}\n";
        const StoredKeyPage page = StoredKeyPage::parse(body);
        QCOMPARE(page.outcome, StoredKeyPage::Outcome::Page);
        QCOMPARE(page.keys.size(), 2);
        QCOMPARE(page.keys[0].key20, QByteArray::fromHex(QByteArray(40, 'a')));
        QCOMPARE(page.keys[0].values, 3);
        QCOMPARE(page.keys[0].bytes, qint64(12));
        QCOMPARE(page.keys[0].newestMs, qint64(1700000000000));
        QCOMPARE(page.keys[0].items, 1);
        QCOMPARE(page.keys[1].newestMs, qint64(0));
        QCOMPARE(page.next20, QByteArray::fromHex(QByteArray(40, 'b')));
        QCOMPARE(page.total, qint64(7));
    }

    void theEnd()
    {
        const StoredKeyPage page = StoredKeyPage::parse("{\"next\":\"\",\"total\":0}\n");
        QCOMPARE(page.outcome, StoredKeyPage::Outcome::Page);
        QVERIFY(page.keys.isEmpty() && page.next20.isEmpty());
    }

    void noListing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty (a stock proxy's get)") << QByteArray();
        QTest::newRow("values of a get") << QByteArray("{\"data\":\"aGk=\",\"id\":\"1\",\"type\":0}\n");
        QTest::newRow("a status page") << QByteArray("<html><body>Bamboo</body></html>");
    }
    void noListing()
    {
        QFETCH(QByteArray, body);
        QCOMPARE(StoredKeyPage::parse(body).outcome, StoredKeyPage::Outcome::NoListing);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("a line that is no key") << QByteArray("{\"data\":1}\n{\"next\":\"\",\"total\":1}\n");
        QTest::newRow("a short key") << QByteArray(
            "{\"key\":\"abc\",\"values\":1}\n{\"next\":\"\",\"total\":1}\n");
        QTest::newRow("a bad cursor") << QByteArray("{\"next\":\"zz\",\"total\":1}\n");
    }
    void malformed()
    {
        QFETCH(QByteArray, body);
        const StoredKeyPage page = StoredKeyPage::parse(body);
        QCOMPARE(page.outcome, StoredKeyPage::Outcome::Malformed);
        QVERIFY(!page.problem.isEmpty());
        QVERIFY(page.keys.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestStoredKeyPage)
#include "tst_storedkeypage.moc"
