// What a classic get shows of one key: order, refresh, removal, expiry, paging budget.
#include <classic/ClassicItem.h>
#include <classic/Listing.h>

#include <QTest>

using classic::Item;
using classic::Listing;

namespace {

const QByteArray key = classic::canonicalKey("colors");
constexpr qint64 second = 1000000;
constexpr qint64 now = 1'800'000'000LL * second;

classic::StoredValue stored(const Item& item)
{
    return {item.dhtValueId(key), classic::dhtValueType, item.encode(), 604800};
}

Item put(const QByteArray& data, qint64 putTime, qint32 ttl, const QByteArray& secret = {})
{
    Item item;
    item.putTimeUs = putTime;
    item.ttl = ttl;
    item.data = data;
    item.valueHash = classic::sha1(data);
    if (!secret.isEmpty())
        item.secretHash = classic::sha1(secret);
    return item;
}

QList<QByteArray> all(const Listing& listing)
{
    QList<QByteArray> out;
    QByteArray placemark;
    do {
        const auto page = listing.page(placemark, 100, now);
        for (const auto* e : page.entries)
            out << e->data();
        placemark = page.placemark;
    } while (!placemark.isEmpty());
    return out;
}

} // namespace

class TestListing : public QObject
{
    Q_OBJECT
private slots:
    void envelopeRoundTrip()
    {
        Item a = put("blue", now, 3600, "donttell");
        a.application = "put.py";
        a.clientIp = 0x7f000001;
        const Item b = Item::decode(a.encode());
        QVERIFY(!b.raw);
        QCOMPARE(b.data, a.data);
        QCOMPARE(b.secretHash, a.secretHash);
        QCOMPARE(b.application, a.application);
        QCOMPARE(b.expiryUs(), a.expiryUs());
        QCOMPARE(b.storageKey(key).size(), classic::placemarkBytes);
        const classic::EnvelopeView view(a.encode());
        QVERIFY(view.isValid());
        char sk[classic::placemarkBytes];
        view.storageKey(key, sk);
        QCOMPARE(QByteArray(sk, classic::placemarkBytes), a.storageKey(key));
        QVERIFY(Item::decode("not an envelope").raw);
    }

    void shortKeysArePadded()
    {
        QCOMPARE(classic::canonicalKey("abc"), QByteArray(17, '\0') + "abc");
        QCOMPARE(classic::canonicalKey(QByteArray(1, '\0') + "abc"), classic::canonicalKey("abc"));
    }

    void oldestFirstExpiredGone()
    {
        const Listing l(key,
                        {stored(put("second", now - 5 * second, 60)),
                         stored(put("first", now - 9 * second, 60)),
                         stored(put("expired", now - 70 * second, 60))},
                        now);
        QCOMPARE(all(l), (QList<QByteArray>{"first", "second"}));
    }

    void refreshKeepsLaterExpiryAndMovesToEnd()
    {
        const Listing l(key,
                        {stored(put("a", now - 10 * second, 100)), stored(put("b", now - 9 * second, 100)),
                         stored(put("a", now - 8 * second, 200)), // later expiry: replaces, moves to end
                         stored(put("b", now - 7 * second, 10))}, // earlier expiry: dropped
                        now);
        QCOMPARE(all(l), (QList<QByteArray>{"b", "a"}));
    }

    void tombstoneHidesOnlyTheRightSecret()
    {
        Item rm;
        rm.kind = Item::Kind::Remove;
        rm.putTimeUs = now - second;
        rm.ttl = 3600;
        rm.secretHash = classic::sha1("donttell");
        rm.valueHash = classic::sha1("blue");
        Item wrong = rm;
        wrong.secretHash = classic::sha1("guess");
        wrong.valueHash = classic::sha1("green");
        const Listing l(key,
                        {stored(put("red", now - 5 * second, 3600)),
                         stored(put("blue", now - 4 * second, 3600, "donttell")),
                         stored(put("green", now - 3 * second, 3600, "other")), stored(rm), stored(wrong)},
                        now);
        QCOMPARE(all(l), (QList<QByteArray>{"red", "green"}));
    }

    void rawValuesComeFirst()
    {
        const Listing l(key, {stored(put("classic", now - second, 60)), {7, 0, "raw", 600}}, now);
        QCOMPARE(all(l), (QList<QByteArray>{"raw", "classic"}));
        QCOMPARE(l.entries().first().expiryUs, now + 600 * second);
    }

    void pageBudget_data()
    {
        QTest::addColumn<int>("valueSize");
        QTest::addColumn<int>("perPage");
        QTest::newRow("10-byte values") << 10 << 21;
        QTest::newRow("empty values") << 0 << 27;
        QTest::newRow("1024-byte values") << 1024 << 1;
    }

    void pageBudget()
    {
        QFETCH(int, valueSize);
        QFETCH(int, perPage);
        QVector<classic::StoredValue> values;
        for (int i = 0; i < 60; ++i) {
            QByteArray data(valueSize, 'x');
            if (valueSize > 2)
                data.replace(0, 3, QByteArray::number(100 + i));
            values << stored(put(data, now - 100 * second + i, 3600,
                                 valueSize > 2 ? QByteArray() : QByteArray::number(i)));
        }
        const Listing l(key, values, now);
        const auto first = l.page({}, 100, now);
        QCOMPARE(first.entries.size(), perPage);
        QCOMPARE(first.placemark.size(), classic::placemarkBytes);
        QCOMPARE(l.page({}, 5, now).entries.size(), std::min(5, perPage));
        QCOMPARE(l.page({}, 0, now).entries.size(), 0);
        QVERIFY(l.page({}, 0, now).placemark.isEmpty());
        QCOMPARE(l.page({}, 65536, now).entries.size(), 0); // only the low 16 bits count
        QCOMPARE(all(l).size(), 60);
    }
};

QTEST_APPLESS_MAIN(TestListing)
#include "tst_listing.moc"
