// Puts through a stock OpenDHT proxy kept for their whole TTL across restarts (issue #21): the
// browser's KeptPutKeeper, driven from the test, with a SQLite store in a data directory of
// the test's own. Real parts: two Debian `dhtnode` processes (one a --proxyserver) on a random
// network id, and opendht-cli reading the store; the TEST-ONLY relay
// (tests/fixtures/relay/post_counting_relay.py) in front of the proxy tells every POST. The
// refresh interval is shortened with the keeper's setter (the test hook
// ODB_TEST_KEEPER_REFRESH_MS does the same for programs).
#include "support/KeptPutsFixture.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutStore.h"
#include "core/proxy/ProxyClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace keptputs;

class TestKeptPuts : public QObject
{
    Q_OBJECT

    RelayedProxy m_proxy;
    KeptHome m_home;

    // A put through the relay, tried again until the proxy's node has found its peer.
    bool putThroughProxy(KeptPutKeeper* keeper, const DhtKey& key, int ttlSeconds)
    {
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(m_proxy.relay().url());
        client.setPutKeeper(keeper);
        return putUntilAccepted([&] { return client.put(key, "kept value", ttlSeconds); });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_proxy.start());
    }

    void keptPutIsPostedAgainAfterARestart()
    {
        const DhtKey key = DhtKey::parse(QStringLiteral("kept across restarts"), DhtKey::Mode::Text);
        qint64 id = 0;
        QDateTime firstPost;
        {
            KeptPutKeeper browser; // the first run of the browser
            QString error;
            QVERIFY2(browser.open(m_home.storePath(), &error), qPrintable(error));
            browser.setRefreshMs(1500);
            QVERIFY(putThroughProxy(&browser, key, 2 * 86400));
            QCOMPARE(browser.puts().size(), 1);
            const KeptPut p = browser.puts().first();
            id = p.id;
            firstPost = p.lastPost;
            QCOMPARE(p.proxy, m_proxy.relay().url());
            QCOMPARE(p.keyHex, key.infoHashHex());
            QVERIFY(p.needsRefresh());
            QCOMPARE(browser.earliestEarlyEnd(), p.heldUntil()); // what the quit notice says
        } // the browser quits before the refresh is due
        // The relay reports each POST on its output after answering it: wait for the report.
        QTRY_COMPARE_WITH_TIMEOUT(m_proxy.relay().accepted().count(true), 1, eventDeadlineMs);

        const QString listed = m_home.cliKept();
        QVERIFY2(listed.contains(QStringLiteral("kept across restarts")) &&
                     listed.contains(u"classic item") && listed.contains(m_proxy.relay().url().toString()) &&
                     listed.contains(u"refresh due before"),
                 qPrintable(listed));

        KeptPutKeeper browser; // started again: resumes and refreshes
        QString error;
        QVERIFY2(browser.open(m_home.storePath(), &error), qPrintable(error));
        browser.setRefreshMs(1500);
        QCOMPARE(browser.puts().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().count(true) >= 2, eventDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(browser.find(id) && browser.find(id)->lastPost > firstPost, eventDeadlineMs);

        // Stopped from the list: the downgrade goes to the same proxy, and the put is gone.
        browser.stop(id);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().endsWith(false), eventDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(browser.puts().isEmpty(), eventDeadlineMs);
        QVERIFY(!browser.earliestEarlyEnd());
        KeptPutStore store;
        QVERIFY(store.open(m_home.storePath(), &error));
        QVERIFY(store.all().isEmpty());
        QCOMPARE(m_home.cliKept(), QString());
    }

    void keptPutIsDowngradedAtTheEndOfItsTtl()
    {
        // A put whose TTL ends in two seconds, as the keeper has it after the first POST.
        KeptPutKeeper keeper; // no store: this run only, as opendht-cli put --keep
        KeptPut p;
        p.key = QStringLiteral("ends soon");
        p.keyHex = DhtKey::parse(p.key, DhtKey::Mode::Text).infoHashHex();
        p.proxy = m_proxy.relay().url();
        p.body = QJsonDocument(QJsonObject{{QStringLiteral("data"), QStringLiteral("ZW5kcyBzb29u")},
                                           {QStringLiteral("id"), QStringLiteral("4242")},
                                           {QStringLiteral("type"), 0}})
                     .toJson(QJsonDocument::Compact);
        p.lastPost = QDateTime::currentDateTimeUtc();
        p.ttlEnd = p.lastPost.addSecs(2);
        const qsizetype before = m_proxy.relay().accepted().size();
        keeper.keep(p);
        QVERIFY(!keeper.earliestEarlyEnd()); // no refresh needed: the proxy's 24 h cover it
        QTRY_VERIFY_WITH_TIMEOUT(keeper.puts().isEmpty(), eventDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_proxy.relay().accepted().mid(before), QList<bool>{false},
                                  eventDeadlineMs);
    }
};

QTEST_GUILESS_MAIN(TestKeptPuts)
#include "tst_keptputs.moc"
