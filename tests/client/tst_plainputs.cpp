// Plain OpenDHT values (issue #19) kept through a stock OpenDHT proxy across restarts: the
// browser's KeptPutKeeper, driven from the test, with a SQLite store in a data directory of the
// test's own. Real parts: two Debian `dhtnode` processes (one a --proxyserver) on a network of
// their own, and opendht-cli reading the store; the TEST-ONLY relay
// (tests/fixtures/relay/post_counting_relay.py) in front of the proxy tells every POST. The
// refresh interval is shortened with the keeper's setter (ODB_TEST_KEEPER_REFRESH_MS does the
// same for programs). The value is type 5, ICE candidates: a stock node keeps it one minute.
#include "support/KeptPutsFixture.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutStore.h"
#include "core/proxy/ProxyClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace keptputs;

namespace {

// A stock node drops a type-5 value this long after its last store; its expiry runs on a
// scheduler of its own, so a test under load allows a little more.
constexpr int typeLifetimeMs = 60000;
constexpr int expirySlackMs = 20000;

} // namespace

class TestPlainPuts : public QObject
{
    Q_OBJECT

    RelayedProxy m_proxy;
    KeptHome m_home;
    QNetworkAccessManager m_nam;

    // The values the stock proxy holds under the key, as its GET /key/{hash} lists them.
    QList<QJsonObject> proxyValues(const DhtKey& key)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/key/%2")
                                         .arg(m_proxy.stock().httpPort())
                                         .arg(key.infoHashHex())));
        request.setTransferTimeout(eventDeadlineMs);
        std::unique_ptr<QNetworkReply> reply(m_nam.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(eventDeadlineMs))
            reply->abort();
        QList<QJsonObject> values;
        for (const QByteArray& line : reply->readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (!o.isEmpty())
                values << o;
        }
        return values;
    }

    bool proxyHolds(const DhtKey& key, const QString& id)
    {
        const QList<QJsonObject> values = proxyValues(key);
        return std::any_of(values.cbegin(), values.cend(), [&](const QJsonObject& o) {
            return o.value(QStringLiteral("id")).toString() == id;
        });
    }

    // A plain put through the relay, tried again until the proxy's node has found its peer.
    bool putThroughProxy(KeptPutKeeper* keeper, const DhtKey& key, const PlainValue& value, int ttlSeconds)
    {
        ProxyClient client(&m_nam);
        client.setGateway(m_proxy.relay().url());
        client.setPutKeeper(keeper);
        return putUntilAccepted([&] { return client.putPlain(key, value, ttlSeconds); });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_proxy.start());
    }

    void aKeptPlainPutResumesAfterARestartAndEndsWithinATypeLifetimeOnceStopped()
    {
        const DhtKey key = DhtKey::parse(QStringLiteral("plain kept across restarts"), DhtKey::Mode::Text);
        const PlainValue value{QByteArrayLiteral("candidate 1 udp 2130706431 127.0.0.1 5000 typ host"), 5,
                               QStringLiteral("application/x-ice")};
        {
            KeptPutKeeper browser; // the first run of the browser
            QString error;
            QVERIFY2(browser.open(m_home.storePath(), &error), qPrintable(error));
            browser.setRefreshMs(1500);
            QVERIFY(putThroughProxy(&browser, key, value, 600));
            QCOMPARE(browser.puts().size(), 1);
            const KeptPut p = browser.puts().first();
            QCOMPARE(p.kind, KeptPut::Kind::PlainValue);
            QCOMPARE(p.valueType, 5);
            QCOMPARE(p.userType, value.userType);
            QCOMPARE(p.typeLifetimeMs(), typeLifetimeMs);
        } // the browser quits before the refresh is due
        QTRY_COMPARE_WITH_TIMEOUT(m_proxy.relay().accepted().count(true), 1, eventDeadlineMs);

        // The proxy holds the value as it was put: the same bytes, type and user type.
        QString id;
        for (const QJsonObject& o : proxyValues(key)) {
            if (QByteArray::fromBase64(o.value(QStringLiteral("data")).toString().toLatin1()) == value.data) {
                QCOMPARE(o.value(QStringLiteral("type")).toInt(), 5);
                QCOMPARE(o.value(QStringLiteral("utype")).toString(), value.userType);
                id = o.value(QStringLiteral("id")).toString();
            }
        }
        QVERIFY2(!id.isEmpty(), "the proxy does not hold the value put");

        const QString listed = m_home.cliKept();
        QVERIFY2(listed.contains(u"plain kept across restarts") &&
                     listed.contains(u"value type 5 ICE candidates, user type \"application/x-ice\"") &&
                     listed.contains(u" and ") && listed.contains(m_proxy.relay().url().toString()),
                 qPrintable(listed));

        KeptPutKeeper browser; // started again: resumes and refreshes the same value
        QString error;
        QVERIFY2(browser.open(m_home.storePath(), &error), qPrintable(error));
        browser.setRefreshMs(1500);
        QCOMPARE(browser.puts().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().count(true) >= 2, eventDeadlineMs);
        QVERIFY(proxyHolds(key, id));

        // Stopped from the list: the downgrade, and the value leaves within a type lifetime.
        const qint64 id64 = browser.puts().first().id;
        browser.stop(id64);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().endsWith(false), eventDeadlineMs);
        QElapsedTimer since;
        since.start();
        QTRY_VERIFY_WITH_TIMEOUT(browser.puts().isEmpty(), eventDeadlineMs);
        KeptPutStore store;
        QVERIFY(store.open(m_home.storePath(), &error));
        QVERIFY(store.all().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!proxyHolds(key, id), typeLifetimeMs + expirySlackMs);
        qInfo("gone from the proxy %lld ms after the downgrade", since.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestPlainPuts)
#include "tst_plainputs.moc"
