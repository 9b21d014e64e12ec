// ClassicClient against a real opendht-gateway: every call, status 1, paging through 10 000
// values, cancelling in the middle, deleting the client while calls run; and bad input refused
// before a single byte is sent (proved with the TEST-ONLY HostileServer, which counts).
#include "support/GatewayProcess.h"
#include "support/TestSupport.h"

#include "hostile/HostileServer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

#include <functional>
#include <memory>

using Kind = GatewayError::Kind;
using testsupport::waitFinished;

#define FINISH(reply) QVERIFY2(waitFinished(reply), "the call did not finish in time")
#define VERIFY_OK(reply) QVERIFY2((reply)->ok(), qPrintable((reply)->error().message))

namespace {

constexpr int bigCount = 10000;
constexpr int bigInFlight = 32;

QByteArray sha1(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
}

QList<QByteArray> datas(const QList<DhtValue>& values)
{
    QList<QByteArray> out;
    for (const DhtValue& v : values)
        out.append(v.data);
    return out;
}

QByteArray bigValue(int i)
{
    return QByteArrayLiteral("big-") + QByteArray::number(i).rightJustified(5, '0');
}

// The first <base64> of a request body, decoded: the key of every classic call.
QByteArray firstBase64(const QByteArray& request)
{
    static const QRegularExpression re(QStringLiteral("<base64>([^<]*)</base64>"));
    const auto match = re.match(QString::fromLatin1(request));
    return match.hasMatch() ? QByteArray::fromBase64(match.captured(1).toLatin1()) : QByteArray();
}

} // namespace

class TestClassicClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GatewayProcess> m_gateway;
    testsupport::TrackingNam m_nam;
    std::unique_ptr<ClassicClient> m_client;
    DhtKey m_bigKey;
    bool m_bigPut = false;
    QList<qint64> m_bigSentAt; // in one sequence of events: when each put was sent...
    QList<qint64> m_bigDoneAt; // ...and when its answer came
    QList<QByteArray> m_bigFetched;

    DhtKey key(const QString& name) const
    {
        return DhtKey::parse(QStringLiteral("tst_classicclient %1 %2").arg(m_gateway->networkId()).arg(name),
                             DhtKey::Mode::Text);
    }

    // Puts values one after the other, so that their order is the put order.
    void putInOrder(const DhtKey& k, const QList<QByteArray>& values, int ttl = 3600)
    {
        for (const QByteArray& v : values) {
            ClassicReply* put = m_client->put(k, v, ttl);
            FINISH(put);
            VERIFY_OK(put);
            put->deleteLater();
        }
    }

    // 10 000 values under one key, put through the client with 32 calls in flight.
    void ensureBigKey()
    {
        if (m_bigPut)
            return;
        m_bigKey = key(QStringLiteral("big"));
        m_bigSentAt = QList<qint64>(bigCount, -1);
        m_bigDoneAt = QList<qint64>(bigCount, -1);
        int sent = 0;
        int done = 0;
        qint64 tick = 0;
        QString firstError;
        std::function<void()> launch;
        QObject guard; // declared last: destroyed first, so no callback outlives the locals
        launch = [&] {
            while (sent < bigCount && sent - done < bigInFlight) {
                const int i = sent++;
                m_bigSentAt[i] = tick++;
                ClassicReply* put = m_client->put(m_bigKey, bigValue(i), 3600);
                connect(put, &ClassicReply::finished, &guard, [&, put, i] {
                    m_bigDoneAt[i] = tick++;
                    ++done;
                    if (!put->ok() && firstError.isEmpty())
                        firstError = put->error().message;
                    put->deleteLater();
                    launch();
                });
            }
        };
        QElapsedTimer timer;
        timer.start();
        launch();
        QTRY_COMPARE_WITH_TIMEOUT(done, bigCount, 40000);
        QVERIFY2(firstError.isEmpty(), qPrintable(firstError));
        qInfo("put %d values, %d in flight, in %lld ms", bigCount, bigInFlight, qlonglong(timer.elapsed()));
        m_bigPut = true;
    }

    // The values of the big key in the order the gateway gives them, by one uninterrupted fetchAll.
    void ensureBigFetched()
    {
        ensureBigKey();
        if (!m_bigFetched.isEmpty() || QTest::currentTestFailed())
            return;
        ClassicReply* all = m_client->fetchAll(m_bigKey);
        FINISH(all);
        VERIFY_OK(all);
        m_bigFetched = datas(all->values());
        all->deleteLater();
    }

private slots:
    void initTestCase()
    {
        m_gateway = std::make_unique<GatewayProcess>();
        QString error;
        QVERIFY2(m_gateway->start(&error), qPrintable(error));
        m_client = std::make_unique<ClassicClient>(&m_nam);
        m_client->setGateway(m_gateway->url());
        m_client->setApplication(QStringLiteral("tst_classicclient"));
        m_client->options().limits.deadlineMs = 20000;
    }

    void cleanup()
    {
        // Whatever a test did, every QNetworkReply it caused is finished and deleted.
        QTRY_COMPARE_WITH_TIMEOUT(m_nam.alive(), 0, 5000);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        if (m_gateway)
            m_gateway->stop();
    }

    void put_thenGet()
    {
        const DhtKey k = key(QStringLiteral("put_thenGet"));
        ClassicReply* put = m_client->put(k, QByteArrayLiteral("hello"), 600);
        FINISH(put);
        VERIFY_OK(put);
        QCOMPARE(put->attempts(), 1);
        putInOrder(k, {QByteArrayLiteral("world")});

        ClassicReply* get = m_client->get(k, 10);
        FINISH(get);
        VERIFY_OK(get);
        QCOMPARE(datas(get->values()), (QList<QByteArray>{"hello", "world"}));
        QCOMPARE(get->values().at(0).ttlLeft, -1); // get does not tell the TTL
        QVERIFY(get->placemark().isEmpty());       // nothing more
        QCOMPARE(get->pages(), 1);

        ClassicReply* other = m_client->get(key(QStringLiteral("put_thenGet: nothing here")), 10);
        FINISH(other);
        VERIFY_OK(other); // no value is not an error
        QVERIFY(other->values().isEmpty());
        QVERIFY(other->placemark().isEmpty());
    }

    void get_onePageAtATime()
    {
        const DhtKey k = key(QStringLiteral("get_onePageAtATime"));
        QList<QByteArray> all;
        for (int i = 0; i < 30; ++i)
            all.append(QByteArrayLiteral("value-") +
                       QByteArray::number(i).rightJustified(4, '0')); // 10 bytes
        putInOrder(k, all);
        if (QTest::currentTestFailed())
            return;

        ClassicReply* five = m_client->get(k, 5);
        FINISH(five);
        VERIFY_OK(five);
        QCOMPARE(datas(five->values()), all.mid(0, 5)); // maxvals is honoured
        QVERIFY(!five->placemark().isEmpty());

        // A get is one page; its placemark leads to the next one, until the empty placemark.
        QList<QByteArray> seen;
        QByteArray placemark;
        int pages = 0;
        do {
            ClassicReply* page = m_client->get(k, 100, placemark);
            FINISH(page);
            VERIFY_OK(page);
            QCOMPARE(page->pages(), 1);
            seen += datas(page->values());
            placemark = page->placemark();
            page->deleteLater();
            QVERIFY(++pages <= 30);
        } while (!placemark.isEmpty());
        QVERIFY2(pages > 1, "30 values of 10 bytes do not fit one classic page (1063 bytes)");
        QCOMPARE(seen, all);
    }

    void getDetails_ttlAndRemovable()
    {
        const DhtKey k = key(QStringLiteral("getDetails"));
        QElapsedTimer sincePut;
        sincePut.start();
        putInOrder(k, {QByteArrayLiteral("plain")}, 600);
        ClassicReply* removable = m_client->putRemovable(k, QByteArrayLiteral("removable"), "s3cret", 3600);
        FINISH(removable);
        VERIFY_OK(removable);

        ClassicReply* details = m_client->getDetails(k, 10);
        FINISH(details);
        VERIFY_OK(details);
        const int slack = int(sincePut.elapsed() / 1000) + 2;
        const QList<DhtValue> v = details->values();
        QCOMPARE(datas(v), (QList<QByteArray>{"plain", "removable"}));
        QVERIFY2(v[0].ttlLeft <= 600 && v[0].ttlLeft >= 600 - slack,
                 qPrintable(QString::number(v[0].ttlLeft)));
        QVERIFY(!v[0].removable());
        QVERIFY2(v[1].ttlLeft <= 3600 && v[1].ttlLeft >= 3600 - slack,
                 qPrintable(QString::number(v[1].ttlLeft)));
        QVERIFY(v[1].removable());
        QCOMPARE(v[1].secretHash, sha1("s3cret"));

        ClassicReply* all = m_client->fetchAll(k, true); // the same through fetchAll
        FINISH(all);
        VERIFY_OK(all);
        QCOMPARE(datas(all->values()), datas(v));
        QCOMPARE(all->values().at(1).removable(), true);
        QVERIFY(all->values().at(0).ttlLeft > 0);
    }

    void rm_rightAndWrongSecret()
    {
        const DhtKey k = key(QStringLiteral("rm"));
        ClassicReply* doomed = m_client->putRemovable(k, QByteArrayLiteral("doomed"), "right", 600);
        FINISH(doomed);
        VERIFY_OK(doomed);
        putInOrder(k, {QByteArrayLiteral("keeper")}, 600);

        // A wrong secret is not reported (classic gateways answer 0): nothing is removed.
        ClassicReply* wrong = m_client->rm(k, QByteArrayLiteral("doomed"), "wrong", 3600);
        FINISH(wrong);
        VERIFY_OK(wrong);
        ClassicReply* after = m_client->get(k, 10);
        FINISH(after);
        VERIFY_OK(after);
        QCOMPARE(datas(after->values()), (QList<QByteArray>{"doomed", "keeper"}));

        // A plain put cannot be removed, whatever the secret.
        ClassicReply* plain = m_client->rm(k, QByteArrayLiteral("keeper"), "right", 3600);
        FINISH(plain);
        VERIFY_OK(plain);

        ClassicReply* right = m_client->rm(k, QByteArrayLiteral("doomed"), "right", 3600);
        FINISH(right);
        VERIFY_OK(right);
        ClassicReply* gone = m_client->get(k, 10);
        FINISH(gone);
        VERIFY_OK(gone);
        QCOMPARE(datas(gone->values()), (QList<QByteArray>{"keeper"}));
    }

    void ping_answers()
    {
        ClassicReply* ping = m_client->ping();
        FINISH(ping);
        VERIFY_OK(ping);
        // "<client-ip>:<client-port>, XML: <User-Agent>", and our User-Agent names the application.
        QVERIFY2(ping->text().startsWith(QStringLiteral("127.0.0.1:")), qPrintable(ping->text()));
        QVERIFY2(ping->text().contains(QStringLiteral("OpenDHT-Browser/")), qPrintable(ping->text()));
        QVERIFY2(ping->text().contains(QStringLiteral("tst_classicclient")), qPrintable(ping->text()));
        QVERIFY(ping->values().isEmpty());
    }

    void fault_namesGatewayAndItsText()
    {
        // The one fault a correct client can still meet: a placemark it did not get from the gateway.
        ClassicReply* get = m_client->get(key(QStringLiteral("fault")), 10, QByteArray(78, 'p'));
        FINISH(get);
        QCOMPARE(get->error().kind, Kind::Fault);
        QVERIFY(!get->error().isInputError());
        const QString message = get->error().message;
        QVERIFY2(message.contains(QStringLiteral("placemark is longer than 77 bytes")), qPrintable(message));
        QVERIFY2(message.contains(m_gateway->authority()), qPrintable(message));
    }

    void overCapacity_isStatus1()
    {
        // --capacity 2000: the gateway holds 2000 bytes for a week, and at most 4000 bytes at any
        // moment; an item costs its envelope and 1024 bytes besides.
        GatewayProcess tiny({QStringLiteral("--capacity"), QStringLiteral("2000")});
        QString error;
        QVERIFY2(tiny.start(&error), qPrintable(error));
        ClassicClient client(&m_nam);
        client.setGateway(tiny.url());
        const DhtKey k = key(QStringLiteral("overCapacity"));

        ClassicReply* small = client.put(k, QByteArrayLiteral("x"), 60); // about 1100 x 60: within the share
        FINISH(small);
        VERIFY_OK(small);
        ClassicReply* big = client.put(k, QByteArray(1024, 'y'), 604800); // about 2100 x 604800: over it
        FINISH(big);
        QCOMPARE(big->error().kind, Kind::OverCapacity);
        QVERIFY(!big->error().isInputError());
        QCOMPARE(big->attempts(), 1); // status 1 is not retried
        QVERIFY2(big->error().message.contains(QStringLiteral("over capacity")),
                 qPrintable(big->error().message));
        QVERIFY2(big->error().message.contains(tiny.authority()), qPrintable(big->error().message));

        ClassicReply* get = client.get(k, 10);
        FINISH(get);
        VERIFY_OK(get);
        QCOMPARE(datas(get->values()), (QList<QByteArray>{"x"}));
    }

    void boundaries_accepted_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("keyText");
        QTest::addColumn<int>("valueSize");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QByteArray>("secret");
        const QString unique = QString::number(QRandomGenerator::global()->generate(), 16);
        QTest::newRow("raw key of 20 bytes")
            << int(DhtKey::Mode::Raw) << QString(unique + QStringLiteral("@@@@@@@@@@@@@@@@@@@@")).left(20)
            << 5 << 600 << QByteArray();
        QTest::newRow("hex key of 40 digits")
            << int(DhtKey::Mode::Hex) << QString::fromLatin1(sha1(unique.toUtf8()).toHex()) << 5 << 600
            << QByteArray();
        QTest::newRow("text key of 1000 characters")
            << int(DhtKey::Mode::Text) << unique + QString(1000, u'k') << 5 << 600 << QByteArray();
        QTest::newRow("value of 1024 bytes")
            << int(DhtKey::Mode::Text) << unique + QStringLiteral("1024") << 1024 << 600 << QByteArray();
        QTest::newRow("empty value") << int(DhtKey::Mode::Text) << unique + QStringLiteral("empty") << 0
                                     << 600 << QByteArray();
        QTest::newRow("TTL of one week")
            << int(DhtKey::Mode::Text) << unique + QStringLiteral("week") << 5 << 604800 << QByteArray();
        QTest::newRow("secret of 40 bytes") << int(DhtKey::Mode::Text) << unique + QStringLiteral("secret40")
                                            << 5 << 600 << QByteArray(40, 's');
        QTest::newRow("secret of 1 byte") << int(DhtKey::Mode::Text) << unique + QStringLiteral("secret1")
                                          << 5 << 600 << QByteArrayLiteral("s");
    }

    void boundaries_accepted()
    {
        QFETCH(int, mode);
        QFETCH(QString, keyText);
        QFETCH(int, valueSize);
        QFETCH(int, ttl);
        QFETCH(QByteArray, secret);
        const DhtKey k = DhtKey::parse(keyText, DhtKey::Mode(mode));
        QVERIFY2(k.isValid(), qPrintable(k.error()));
        QByteArray value(valueSize, '\0');
        for (int i = 0; i < valueSize; ++i)
            value[i] = char(i * 7);
        ClassicReply* put =
            secret.isEmpty() ? m_client->put(k, value, ttl) : m_client->putRemovable(k, value, secret, ttl);
        FINISH(put);
        VERIFY_OK(put);
        ClassicReply* details = m_client->getDetails(k, 10);
        FINISH(details);
        VERIFY_OK(details);
        QCOMPARE(details->values().size(), 1);
        QCOMPARE(details->values().at(0).data, value);
        QVERIFY(details->values().at(0).ttlLeft > ttl - 10);
        QCOMPARE(details->values().at(0).removable(), !secret.isEmpty());
    }

    void keyBytesOnTheWire_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("text: SHA-1 of the text")
            << int(DhtKey::Mode::Text) << QStringLiteral("mykey") << sha1("mykey");
        QTest::newRow("text: SHA-1 of its UTF-8")
            << int(DhtKey::Mode::Text) << QStringLiteral("cl\u00e9 \u263a")
            << sha1("cl\xc3\xa9 \xe2\x98\xba");
        QTest::newRow("hex: the bytes")
            << int(DhtKey::Mode::Hex) << QStringLiteral("00ff7f10") << QByteArray("\x00\xff\x7f\x10", 4);
        QTest::newRow("hex: upper case, spaces around")
            << int(DhtKey::Mode::Hex) << QStringLiteral(" ABCDEF ") << QByteArray("\xab\xcd\xef");
        QTest::newRow("raw: the UTF-8 bytes")
            << int(DhtKey::Mode::Raw) << QStringLiteral("mykey") << QByteArrayLiteral("mykey");
        QTest::newRow("raw: non-ASCII")
            << int(DhtKey::Mode::Raw) << QStringLiteral("cl\u00e9") << QByteArray("cl\xc3\xa9");
    }

    void keyBytesOnTheWire()
    {
        QFETCH(int, mode);
        QFETCH(QString, input);
        QFETCH(QByteArray, wire);
        HostileServer recorder; // TEST-ONLY: only to see the request bytes
        QVERIFY(recorder.listen());
        ClassicClient client(&m_nam);
        client.setGateway(recorder.url());
        const DhtKey k = DhtKey::parse(input, DhtKey::Mode(mode));
        QVERIFY2(k.isValid(), qPrintable(k.error()));
        QCOMPARE(k.bytes(), wire);
        ClassicReply* put = client.put(k, QByteArrayLiteral("v"), 60);
        FINISH(put);
        VERIFY_OK(put);
        QCOMPARE(recorder.requests(), 1);
        const QByteArray request = recorder.receivedRequests().at(0);
        QVERIFY(request.contains("<methodName>put</methodName>"));
        QCOMPARE(firstBase64(request), wire);
    }

    void badInput_refusedBeforeSending_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("keyText");
        QTest::addColumn<int>("valueSize");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<int>("secretSize");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QStringList>("mustSay");
        const int raw = int(DhtKey::Mode::Raw), hex = int(DhtKey::Mode::Hex), text = int(DhtKey::Mode::Text);
        const QString k21 = QStringLiteral("abcdefghijklmnopqrstu");
        const QString put = QStringLiteral("put"), putRemovable = QStringLiteral("putRemovable"),
                      rm = QStringLiteral("rm");
        QTest::newRow("put: raw key of 21 bytes") << put << raw << k21 << 1 << 60 << 4 << Kind::BadKey
                                                  << QStringList{QStringLiteral("21"), QStringLiteral("20")};
        QTest::newRow("put: hex key with a non-hex digit")
            << put << hex << QStringLiteral("zz11") << 1 << 60 << 4 << Kind::BadKey
            << QStringList{QStringLiteral("not a hex key")};
        QTest::newRow("get: hex key with an odd number of digits")
            << QStringLiteral("get") << hex << QStringLiteral("abc") << 1 << 60 << 4 << Kind::BadKey
            << QStringList{QStringLiteral("even number")};
        QTest::newRow("getDetails: hex key of 21 bytes")
            << QStringLiteral("getDetails") << hex << QString(42, u'a') << 1 << 60 << 4 << Kind::BadKey
            << QStringList{QStringLiteral("21")};
        QTest::newRow("fetchAll: empty raw key") << QStringLiteral("fetchAll") << raw << QString() << 1 << 60
                                                 << 4 << Kind::BadKey << QStringList{QStringLiteral("empty")};
        QTest::newRow("rm: raw key of 21 bytes")
            << rm << raw << k21 << 1 << 60 << 4 << Kind::BadKey << QStringList{QStringLiteral("21")};
        QTest::newRow("put: value of 1025 bytes")
            << put << text << QStringLiteral("k") << 1025 << 60 << 4 << Kind::ValueTooLong
            << QStringList{QStringLiteral("1025"), QStringLiteral("1024")};
        QTest::newRow("putRemovable: value of 1025 bytes")
            << putRemovable << text << QStringLiteral("k") << 1025 << 60 << 4 << Kind::ValueTooLong
            << QStringList{QStringLiteral("1025")};
        QTest::newRow("put: TTL 0") << put << text << QStringLiteral("k") << 1 << 0 << 4
                                    << Kind::TtlOutOfRange
                                    << QStringList{QStringLiteral("0 s"), QStringLiteral("604800")};
        QTest::newRow("put: TTL 604801") << put << text << QStringLiteral("k") << 1 << 604801 << 4
                                         << Kind::TtlOutOfRange << QStringList{QStringLiteral("604801")};
        QTest::newRow("put: TTL -5") << put << text << QStringLiteral("k") << 1 << -5 << 4
                                     << Kind::TtlOutOfRange << QStringList{QStringLiteral("-5")};
        QTest::newRow("putRemovable: TTL 604801")
            << putRemovable << text << QStringLiteral("k") << 1 << 604801 << 4 << Kind::TtlOutOfRange
            << QStringList{QStringLiteral("604801")};
        QTest::newRow("rm: TTL 0") << rm << text << QStringLiteral("k") << 1 << 0 << 4 << Kind::TtlOutOfRange
                                   << QStringList{QStringLiteral("0 s")};
        QTest::newRow("putRemovable: secret of 41 bytes")
            << putRemovable << text << QStringLiteral("k") << 1 << 60 << 41 << Kind::BadSecret
            << QStringList{QStringLiteral("41"), QStringLiteral("40")};
        QTest::newRow("putRemovable: empty secret")
            << putRemovable << text << QStringLiteral("k") << 1 << 60 << 0 << Kind::BadSecret
            << QStringList{QStringLiteral("0 bytes")};
        QTest::newRow("rm: secret of 41 bytes") << rm << text << QStringLiteral("k") << 1 << 60 << 41
                                                << Kind::BadSecret << QStringList{QStringLiteral("41")};
    }

    void badInput_refusedBeforeSending()
    {
        QFETCH(QString, call);
        QFETCH(int, mode);
        QFETCH(QString, keyText);
        QFETCH(int, valueSize);
        QFETCH(int, ttl);
        QFETCH(int, secretSize);
        QFETCH(Kind, kind);
        QFETCH(QStringList, mustSay);

        HostileServer counter; // TEST-ONLY: counts connections; answers a ping for the control call
        counter.setAct(HostileServer::send(
            HostileServer::httpOk(HostileServer::response("<value>127.0.0.1:1, XML: counter</value>"))));
        QVERIFY(counter.listen());
        ClassicClient client(&m_nam);
        client.setGateway(counter.url());
        const int madeBefore = m_nam.made();

        const DhtKey k = DhtKey::parse(keyText, DhtKey::Mode(mode));
        const QByteArray value(valueSize, 'v');
        const QByteArray secret(secretSize, 's');
        ClassicReply* reply = nullptr;
        if (call == u"put")
            reply = client.put(k, value, ttl);
        else if (call == u"putRemovable")
            reply = client.putRemovable(k, value, secret, ttl);
        else if (call == u"rm")
            reply = client.rm(k, value, secret, ttl);
        else if (call == u"get")
            reply = client.get(k, 10);
        else if (call == u"getDetails")
            reply = client.getDetails(k, 10);
        else
            reply = client.fetchAll(k);
        FINISH(reply);
        QCOMPARE(reply->error().kind, kind);
        QVERIFY(reply->error().isInputError());
        QVERIFY(!reply->ok());
        for (const QString& s : mustSay)
            QVERIFY2(reply->error().message.contains(s), qPrintable(reply->error().message));
        QCOMPARE(reply->attempts(), 0);
        QVERIFY(reply->values().isEmpty());
        QCOMPARE(m_nam.made(), madeBefore); // no request was even made

        // Control: a good call on the same client reaches the server, and is the only thing that did.
        ClassicReply* ping = client.ping();
        FINISH(ping);
        VERIFY_OK(ping);
        QCOMPARE(counter.connections(), 1);
        QCOMPARE(counter.requests(), 1);
        QVERIFY(counter.receivedRequests().at(0).contains("<methodName>ping</methodName>"));
    }

    void fetchAll_10000ValuesEachOnceInOrder()
    {
        ensureBigKey();
        if (QTest::currentTestFailed())
            return;
        ClassicReply* all = m_client->fetchAll(m_bigKey);
        QSignalSpy finished(all, &ClassicReply::finished);
        QList<QPair<int, int>> progress;
        QList<QByteArray> arrived;
        connect(all, &ClassicReply::progress, this, [&](int values, int pages) {
            progress.append({values, pages});
        });
        connect(all, &ClassicReply::pageArrived, this,
                [&](const QList<DhtValue>& page) { arrived += datas(page); });
        QElapsedTimer timer;
        timer.start();
        QVERIFY(finished.wait(30000));
        qInfo("fetchAll: %lld values in %d pages, %lld ms", qlonglong(all->values().size()), all->pages(),
              qlonglong(timer.elapsed()));
        VERIFY_OK(all);
        const QList<QByteArray> got = datas(all->values());
        QCOMPARE(got.size(), bigCount);

        // Each exactly once.
        const QSet<QByteArray> distinct(got.cbegin(), got.cend());
        QCOMPARE(distinct.size(), bigCount);
        for (int i = 0; i < bigCount; ++i)
            QVERIFY2(distinct.contains(bigValue(i)), bigValue(i).constData());

        // In put order. With 32 puts in flight the gateway may take concurrent puts in any order;
        // what is fixed is that a put answered before another was sent comes first.
        QList<int> index;
        for (const QByteArray& v : got)
            index.append(v.mid(4).toInt());
        qint64 laterMinDone = std::numeric_limits<qint64>::max(); // over the values after position p
        for (int p = bigCount - 1; p >= 0; --p) {
            const int i = index[p];
            QVERIFY2(
                laterMinDone > m_bigSentAt[i],
                qPrintable(QStringLiteral("value %1 (position %2) comes after a value put before it was sent")
                               .arg(i)
                               .arg(p)));
            laterMinDone = std::min(laterMinDone, m_bigDoneAt[i]);
        }

        // Progress as pages arrived, with growing counts, ending at the whole.
        QVERIFY2(all->pages() > 100, "10 000 values take hundreds of classic pages");
        QCOMPARE(progress.size(), all->pages());
        for (int p = 0; p < progress.size(); ++p) {
            QCOMPARE(progress[p].second, p + 1);
            if (p > 0)
                QVERIFY(progress[p].first > progress[p - 1].first);
        }
        QCOMPARE(progress.last().first, bigCount);
        QCOMPARE(arrived, got);
        QVERIFY(!finished.wait(200)); // exactly one finished()
        QCOMPARE(finished.size(), 1);
        m_bigFetched = got;
        all->deleteLater();
    }

    void fetchAll_cancelInTheMiddle_data()
    {
        QTest::addColumn<bool>("fromSlot");
        QTest::newRow("cancelled by the test after 5 pages") << false;
        QTest::newRow("cancelled from its own progress signal") << true;
    }

    void fetchAll_cancelInTheMiddle()
    {
        QFETCH(bool, fromSlot);
        ensureBigFetched();
        if (QTest::currentTestFailed())
            return;
        ClassicReply* all = m_client->fetchAll(m_bigKey);
        QSignalSpy finished(all, &ClassicReply::finished);
        QSignalSpy progress(all, &ClassicReply::progress);
        QSignalSpy pages(all, &ClassicReply::pageArrived);
        int valuesAtCancel = -1;
        int pagesAtCancel = -1;
        int requestsAtCancel = -1;
        const auto cancel = [&] {
            valuesAtCancel = int(all->values().size());
            pagesAtCancel = all->pages();
            requestsAtCancel = m_nam.made();
            all->cancel();
        };
        if (fromSlot) {
            connect(all, &ClassicReply::progress, this, [&](int, int pageCount) {
                if (pageCount == 5)
                    cancel();
            });
        } else {
            while (progress.size() < 5)
                QVERIFY(progress.wait(10000));
            cancel();
        }
        QVERIFY(finished.wait(10000));
        QCOMPARE(all->error().kind, Kind::Cancelled);
        QVERIFY(all->isFinished());
        QVERIFY(!all->ok());
        QVERIFY(pagesAtCancel >= 5);
        QCOMPARE(progress.size(), pagesAtCancel);
        QCOMPARE(pages.size(), pagesAtCancel);

        // The values so far are kept, and are the first ones.
        QVERIFY(valuesAtCancel > 0 && valuesAtCancel < bigCount);
        QCOMPARE(int(all->values().size()), valuesAtCancel);
        QCOMPARE(datas(all->values()), m_bigFetched.mid(0, valuesAtCancel));

        // Nothing more: no signal, no request.
        QVERIFY(!progress.wait(1000));
        QCOMPARE(pages.size(), pagesAtCancel);
        QCOMPARE(finished.size(), 1);
        QVERIFY2(
            m_nam.made() == requestsAtCancel,
            qPrintable(
                QStringLiteral("%1 request(s) sent after cancel()").arg(m_nam.made() - requestsAtCancel)));
        all->deleteLater();
    }

    void cancel_afterFinishChangesNothing()
    {
        ClassicReply* ping = m_client->ping();
        FINISH(ping);
        VERIFY_OK(ping);
        QSignalSpy finished(ping, &ClassicReply::finished);
        ping->cancel();
        QVERIFY(!finished.wait(300));
        QVERIFY(ping->ok());
        QCOMPARE(ping->error().kind, Kind::None);
    }

    void deleteClient_whileCallsRun()
    {
        ensureBigKey();
        if (QTest::currentTestFailed())
            return;
        auto* client = new ClassicClient(&m_nam);
        client->setGateway(m_gateway->url());
        QList<QPointer<ClassicReply>> replies;
        ClassicReply* all = client->fetchAll(m_bigKey);
        replies << all;
        for (int i = 0; i < 10; ++i)
            replies << client->put(key(QStringLiteral("deleteClient")), QByteArray::number(i), 600);
        replies << client->ping() << client->getDetails(m_bigKey, 50) << client->fetchAll(m_bigKey, true);

        QSignalSpy page(all, &ClassicReply::pageArrived);
        QVERIFY(page.wait(10000)); // the fetchAll is really in the middle
        QVERIFY(!all->isFinished());
        QVERIFY(m_nam.alive() > 0); // requests in flight
        const int made = m_nam.made();

        delete client;
        for (const auto& r : replies)
            QVERIFY(r.isNull());                           // the client's calls died with it
        QTRY_COMPARE_WITH_TIMEOUT(m_nam.alive(), 0, 5000); // and so did every QNetworkReply
        QCOMPARE(m_nam.made(), made);                      // no request after the deletion

        // The manager and the gateway still serve the next client.
        ClassicClient next(&m_nam);
        next.setGateway(m_gateway->url());
        ClassicReply* ping = next.ping();
        FINISH(ping);
        VERIFY_OK(ping);
    }
};

QTEST_GUILESS_MAIN(TestClassicClient)
#include "tst_classicclient.moc"
