// The proxy client against what no real `dhtnode --proxyserver` sends: each malformed, oversize
// or silent answer from the TEST-ONLY HostileServer gives its specific error in time, with
// memory bounded. (Real proxies are tested in tests/gateway/test_proxy_cli.py.)
#include "hostile/HostileServer.h"

#include "core/backend/GatewayWatch.h"
#include "core/proxy/ProxyClient.h"
#include "core/proxy/ProxyPutKeeper.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using H = HostileServer;
using Kind = GatewayError::Kind;

namespace {
bool waitFinished(GatewayCall* call, int timeoutMs = 10000)
{
    QSignalSpy spy(call, &GatewayCall::finished);
    return spy.wait(timeoutMs) && spy.size() == 1;
}

QByteArray json(const QByteArray& body)
{
    return H::httpHead(200, "OK", "Content-Length: " + QByteArray::number(body.size()) + "\r\n") + body;
}
} // namespace

class TestHostileProxy : public QObject
{
    Q_OBJECT
private slots:
    void fetch_data()
    {
        QTest::addColumn<HostileServer::Act>("act");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("not JSON") << H::send(json("{\"data\":\n")) << int(Kind::MalformedReply)
                                  << QStringLiteral("not JSON");
        QTest::newRow("id as a number") << H::send(json("{\"data\":\"aGk=\",\"id\":5,\"type\":0}\n"))
                                        << int(Kind::MalformedReply) << QStringLiteral("\"id\"");
        QTest::newRow("bad base64") << H::send(json("{\"data\":\"a*b=\",\"id\":\"5\",\"type\":0}\n"))
                                    << int(Kind::MalformedReply) << QStringLiteral("base64");
        QTest::newRow("last line cut off")
            << H::send(json("{\"data\":\"aGk=\",\"id\":\"5\",\"type\":0}\n{\"da"))
            << int(Kind::MalformedReply) << QStringLiteral("cut off");
        QTest::newRow("a 100 MB line")
            << H::stream(100LL * 1024 * 1024) << int(Kind::ReplyTooLarge) << QStringLiteral("line over");
        QByteArray flood;
        for (int i = 0; i < 300; ++i)
            flood += "{\"data\":\"aGk=\",\"id\":\"" + QByteArray::number(i + 1) + "\",\"type\":0}\n";
        QTest::newRow("more values than allowed")
            << H::send(json(flood)) << int(Kind::ReplyTooLarge) << QStringLiteral("more than 200 values");
        QTest::newRow("HTTP 502") << H::send(H::httpHead(502, "Bad Gateway", "Content-Length: 0\r\n"))
                                  << int(Kind::HttpStatus) << QStringLiteral("502");
        QTest::newRow("silence") << H::neverAnswer() << int(Kind::Timeout) << QStringLiteral("within");
    }

    void fetch()
    {
        QFETCH(HostileServer::Act, act);
        QFETCH(int, kind);
        QFETCH(QString, mustSay);
        HostileServer server; // TEST-ONLY fake proxy
        server.setAct(act);
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        client.options().maxValues = 200;
        client.options().limits.deadlineMs = 2000;
        QElapsedTimer t;
        t.start();
        GatewayCall* call = client.fetchValues(DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text));
        QVERIFY(waitFinished(call));
        QVERIFY2(t.elapsed() < 3000, "not within the deadline");
        QCOMPARE(int(call->error().kind), kind);
        QVERIFY2(call->error().message.contains(mustSay), qPrintable(call->error().message));
        QVERIFY2(call->error().message.contains(server.url().authority()), qPrintable(call->error().message));
        QVERIFY(server.bytesSent() < 10 * 1024 * 1024); // the 100 MB body was cut off early
    }

    void endlessShortLinesStopAtTheByteBudget()
    {
        // Every line a valid value and far below the line limit: only the total budget stops it.
        HostileServer server; // TEST-ONLY fake proxy: a terabyte of short values, endless in effect
        server.setAct(H::streamLines("{\"data\":\"aGk=\",\"id\":\"7\",\"type\":0}\n", 1LL << 40));
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        const qint64 budget = 1024 * 1024; // about 29 000 lines, below the 65 536 values allowed
        client.options().maxBytes = budget;
        client.options().limits.deadlineMs = 30000; // the budget, not the deadline, must end it
        GatewayCall* call = client.fetchValues(DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text));
        QVERIFY(waitFinished(call, 30000));
        QCOMPARE(call->error().kind, Kind::ReplyTooLarge);
        const QString message = call->error().message;
        QVERIFY2(message.contains(QStringLiteral("over 1048576 bytes in all")), qPrintable(message));
        QVERIFY2(message.contains(server.url().authority()), qPrintable(message));
        QVERIFY(call->values().isEmpty()); // nothing half-read handed on
        // The reply is aborted: the connection closes (the server never ends it), and what was
        // sent stays near the budget (socket buffers aside), not what the server had to send.
        QTRY_COMPARE_WITH_TIMEOUT(server.disconnections(), 1, 10000);
        QVERIFY2(server.bytesSent() < budget + 16 * 1024 * 1024,
                 qPrintable(QString::number(server.bytesSent())));
    }

    void putRefusedNamesTheProxysReason()
    {
        HostileServer server; // what a proxy without peers answers (proxy-rest.md section 6)
        server.setAct(
            H::send(H::httpHead(502, "Bad Gateway", "Content-Length: 20\r\n") + "{\"err\":\"Put failed\"}"));
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        GatewayCall* call =
            client.putValue(DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text), "v", 60, {});
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, Kind::HttpStatus);
        QVERIFY2(call->error().message.contains(QStringLiteral("Put failed")),
                 qPrintable(call->error().message));
    }

    void ttlPlan()
    {
        QCOMPARE(ProxyPutKeeper::plan(600).permanent, false); // one type lifetime is enough
        QCOMPARE(ProxyPutKeeper::plan(601).permanent, true);
        QCOMPARE(ProxyPutKeeper::plan(601).refreshes, 0);    // the proxy's 24 h cover it
        QCOMPARE(ProxyPutKeeper::plan(604800).refreshes, 7); // a week: every 22 h
    }

    void longTtlIsKeptAliveThenLetGo()
    {
        HostileServer server; // TEST-ONLY: records the POSTs a real proxy would take
        server.setAct(H::send(json("{\"data\":\"aGk=\",\"id\":\"1\",\"type\":0}\n")));
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        client.options().permanentRefreshMs = 200; // 22 h in real life
        const DhtKey key = DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text);

        QVERIFY(waitFinished(client.putValue(key, "short", 300, {})));
        QCOMPARE(server.requests(), 1);
        QVERIFY(!server.receivedRequests().last().contains("permanent"));
        QCOMPARE(client.keptPuts(), 0);

        QVERIFY(waitFinished(client.putValue(key, "long", 3600, {})));
        QVERIFY(server.receivedRequests().last().contains("\"permanent\":true"));
        QCOMPARE(client.keptPuts(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(server.requests() >= 4, 5000); // refreshed while the TTL runs
        for (const QByteArray& r : server.receivedRequests().mid(1))
            QVERIFY(r.contains("\"permanent\":true"));
        const int before = server.requests();
        client.stopKeepingPuts();
        QTRY_COMPARE_WITH_TIMEOUT(client.keptPuts(), 0, 5000);
        QCOMPARE(server.requests(), before + 1);
        QVERIFY(!server.receivedRequests().last().contains("permanent")); // the downgrade
        QTest::qWait(500);
        QCOMPARE(server.requests(), before + 1); // and nothing after it
    }

    void watchesNeverStarveOtherCalls()
    {
        // Qt opens at most 6 connections per host and per QNetworkAccessManager: 8 listens on
        // the client's own manager would leave a fetch queued for good.
        HostileServer server; // TEST-ONLY: listens that never end, then one answer
        QList<HostileServer::Act> acts(8, H::neverAnswer());
        acts << H::send(json("{\"data\":\"aGk=\",\"id\":\"5\",\"type\":0}\n"));
        server.setActs(acts);
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        const DhtKey key = DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text);
        QList<GatewayWatch*> watches;
        for (int i = 0; i < 8; ++i)
            watches << client.watch(key);
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 8, 5000);
        GatewayCall* call = client.fetchValues(key);
        QVERIFY(waitFinished(call, 3000));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(call->values().size(), 1);
        for (GatewayWatch* w : watches)
            w->stop();
    }

    void notAProxy()
    {
        HostileServer server;
        server.setAct(H::send(json("{\"hello\":1}")));
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        GatewayCall* call = client.probe();
        QVERIFY(waitFinished(call));
        QCOMPARE(call->error().kind, Kind::MalformedReply);
        QVERIFY(call->error().message.contains(QStringLiteral("not an OpenDHT proxy")));
    }

    void watchReconnectsAfterAMalformedStream()
    {
        HostileServer server;
        server.setAct(H::send(H::httpHead(200, "OK") + "garbage\n"));
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(server.url());
        GatewayWatch* watch = client.watch(DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text));
        QSignalSpy states(watch, &GatewayWatch::stateChanged);
        QTRY_COMPARE_WITH_TIMEOUT(watch->state(), GatewayWatch::State::Reconnecting, 5000);
        QVERIFY2(watch->stateReason().contains(QStringLiteral("malformed")),
                 qPrintable(watch->stateReason()));
        QTRY_VERIFY_WITH_TIMEOUT(server.connections() >= 2, 5000); // it tried again, after a delay
        watch->stop();
    }
};

QTEST_GUILESS_MAIN(TestHostileProxy)
#include "tst_hostileproxy.moc"
