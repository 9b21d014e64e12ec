// What a classic get shows of one key: order, refresh, removal, expiry, paging budget.
#include "core/stored/ClassicItem.h"
#include "core/stored/Listing.h"

#include <QTest>

using classic::Item;
using classic::Listing;

namespace {

const QByteArray key = classic::canonicalKey("colors");
constexpr qint64 second = 1000000;
constexpr qint64 now = 1'800'000'000LL * second;

classic::StoredValue stored(const Item& item)
{
    return {item.dhtValueId(key), DhtValueType::classicItem, item.encode(), 604800};
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

Item removal(const QByteArray& data, const QByteArray& secret, qint64 putTime, qint32 ttl)
{
    Item rm;
    rm.kind = Item::Kind::Remove;
    rm.putTimeUs = putTime;
    rm.ttl = ttl;
    rm.secretHash = classic::sha1(secret);
    rm.valueHash = classic::sha1(data);
    rm.data = secret;
    return rm;
}

QList<QByteArray> all(const Listing& listing, qint64 at = now)
{
    QList<QByteArray> out;
    QByteArray placemark;
    do {
        const auto page = listing.page(placemark, 100, at);
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
        const QByteArray stored = a.encode();
        const classic::EnvelopeView view(stored);
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
        const Item rm = removal("blue", "donttell", now - second, 3600);
        const Item wrong = removal("green", "guess", now - second, 3600);
        const Listing l(key,
                        {stored(put("red", now - 5 * second, 3600)),
                         stored(put("blue", now - 4 * second, 3600, "donttell")),
                         stored(put("green", now - 3 * second, 3600, "other")), stored(rm), stored(wrong)},
                        now);
        QCOMPARE(all(l), (QList<QByteArray>{"red", "green"}));
    }

    // Anyone can write envelopes into the DHT (through any stock proxy): only removals that
    // carry the secret count, and a plain put cannot be removed at all.
    void forgedRemovalsHideNothing()
    {
        Item noProof = removal("blue", "donttell", now - second, 3600);
        noProof.data = "not the secret";
        Item plain = removal("red", "whatever", now - second, 3600);
        plain.secretHash = QByteArray(DhtLimits::hashBytes, '\0');
        Item emptySecret = put("green", now - 3 * second, 3600);
        emptySecret.secretHash = classic::sha1({}); // an empty secret is a secret like any other
        const Listing l(key,
                        {stored(put("red", now - 5 * second, 3600)),
                         stored(put("blue", now - 4 * second, 3600, "donttell")), stored(emptySecret),
                         stored(noProof), stored(plain)},
                        now);
        QCOMPARE(all(l), (QList<QByteArray>{"red", "blue", "green"}));
        const Listing removed(key, {stored(emptySecret), stored(removal("green", {}, now - second, 60))},
                              now);
        QCOMPARE(all(removed), QList<QByteArray>{});
    }

    void forgedDataUnderAVictimsIdentityIsNotShown()
    {
        Item forged = put("blue", now - 2 * second, 3600, "donttell");
        forged.data = "evil";
        forged.putTimeUs = now - second; // newer and longer-lived than the victim's
        forged.ttl = 7200;
        const Listing l(key, {stored(put("blue", now - 4 * second, 3600, "donttell")), stored(forged)}, now);
        QCOMPARE(all(l), (QList<QByteArray>{"blue"}));
    }

    // A removal with a short TTL still hides the item it removed for the item's whole life, and
    // a re-put of the same identity made before the removal's TTL ended stays hidden too.
    void removalOutlivesItsTtl()
    {
        const QByteArray secret = "donttell";
        const Listing l(key,
                        {stored(put("blue", now - 100 * second, 600, secret)),
                         stored(put("blue", now - 90 * second, 604800, secret)), // extended by someone
                         stored(removal("blue", secret, now - 80 * second, 3)),
                         stored(put("blue", now - 79 * second, 604800, secret))}, // re-put within 3 s
                        now);
        QCOMPARE(all(l), QList<QByteArray>{});
        const Listing later(key,
                            {stored(put("blue", now - 100 * second, 604800, secret)),
                             stored(removal("blue", secret, now - 80 * second, 3)),
                             stored(put("blue", now - 10 * second, 60, secret))}, // after the removal
                            now);
        QCOMPARE(all(later), QList<QByteArray>{"blue"});
        QCOMPARE(later.entries().first().expiryUs, now + 50 * second);
    }

    void envelopesFromTheFutureAreNotBelieved()
    {
        const Listing l(key,
                        {stored(put("soon", now + 60 * second, 3600)),
                         stored(put("much later", now + 3600 * second, 3600))},
                        now);
        QCOMPARE(all(l), QList<QByteArray>{"soon"});
    }

    void firstStoredFormIsNotAnItem()
    {
        QByteArray v1 = put("old", now - second, 3600).encode();
        v1[3] = '1';
        QVERIFY(!Item::isEnvelope(v1));
        const auto migrated = Item::decodeVersion1(v1);
        QVERIFY(migrated);
        QCOMPARE(migrated->data, QByteArray("old"));
        QCOMPARE(migrated->expiryUs(), now + 3599 * second);
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
