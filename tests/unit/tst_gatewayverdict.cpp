// GatewayVerdict and NodeInfo on the node-info documents of real proxies and gateways
// (docs/real-networks.md): what a user reads in the status column, and what may be chosen.
#include "core/probe/GatewayVerdict.h"

#include <QTest>

namespace {

LatencyStats answering(double ms = 1.0)
{
    LatencyStats s;
    for (int i = 0; i < 3; ++i)
        s.add(LatencyStats::Outcome::Ok, ms);
    return s;
}

DhtCondition checkedWith(const QByteArray& nodeInfo, double readMs = 20)
{
    DhtCondition c;
    c.node = NodeInfo::parse(nodeInfo);
    c.nodeAsked = true;
    c.readEnded = true;
    c.readMs = readMs;
    c.readSlow = readMs > 3000;
    return c;
}

const QByteArray healthyProxy = R"({"ipv4":{"dubious":0,"good":3,"incoming":2},"ipv6":{"dubious":0,"good":0,)"
                                R"("incoming":0},"node_id":"1297","ops":1,"public_ip":"127.0.0.1"})";
const QByteArray isolatedProxy =
    R"({"ipv4":{"dubious":0,"good":0,"incoming":0},"ipv6":{"dubious":0,"good":0,)"
    R"("incoming":0},"node_id":"1297"})";

QByteArray ours(const char* health, int good)
{
    return QStringLiteral(R"({"service":"opendht-gateway","health":"%1","ipv4":{"good":%2,"dubious":0}})")
        .arg(QLatin1String(health))
        .arg(good)
        .toUtf8();
}

} // namespace

class TestGatewayVerdict : public QObject
{
    Q_OBJECT

private slots:
    void judged_data()
    {
        QTest::addColumn<QByteArray>("nodeInfo");
        QTest::addColumn<double>("readMs");
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("healthy");
        QTest::newRow("healthy proxy") << healthyProxy << 20.0 << "ok" << true;
        QTest::newRow("isolated proxy") << isolatedProxy << 1.0 << "isolated" << false;
        QTest::newRow("zombie proxy (good:1 still)")
            << QByteArray(R"({"ipv4":{"good":1},"node_id":"1"})") << 6300.0 << "slow DHT" << false;
        QTest::newRow("our gateway, ok") << ours("ok", 2) << 5.0 << "ok" << true;
        QTest::newRow("our gateway, lone") << ours("lone", 0) << 1.0 << "this computer only" << true;
        QTest::newRow("our gateway, isolated") << ours("isolated", 0) << 1.0 << "isolated" << false;
        QTest::newRow("our gateway, joining") << ours("joining", 0) << 1.0 << "joining" << false;
    }
    void judged()
    {
        QFETCH(QByteArray, nodeInfo);
        QFETCH(double, readMs);
        QFETCH(QString, word);
        QFETCH(bool, healthy);
        const GatewayVerdict v = GatewayVerdict::judge(answering(), checkedWith(nodeInfo, readMs));
        QCOMPARE(v.word(), word);
        QCOMPARE(v.isHealthy(), healthy);
        QVERIFY(healthy || v.rank() > 0);
    }

    void nothingIsJudgedBeforeTheCheck()
    {
        DhtCondition c;
        c.node = NodeInfo::parse(healthyProxy);
        c.nodeAsked = true; // the read is still under way
        const GatewayVerdict v = GatewayVerdict::judge(answering(), c);
        QCOMPARE(v.state(), GatewayVerdict::State::Waiting);
        QVERIFY(!v.isHealthy() && !v.isUnhealthy());
    }

    void aGatewayThatDoesNotAnswerSaysHow()
    {
        LatencyStats s = answering();
        s.add(LatencyStats::Outcome::Refused, 0);
        const GatewayVerdict v = GatewayVerdict::judge(s, checkedWith(healthyProxy));
        QCOMPARE(v.state(), GatewayVerdict::State::Down);
        QCOMPARE(v.word(), QStringLiteral("refused"));
        QCOMPARE(v.rank(), 3);
    }

    void aFailedPutCountsForTenMinutes()
    {
        DhtCondition c = checkedWith(healthyProxy);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        c.putFailedAt = now.addSecs(-60);
        c.putError = QStringLiteral("HTTP 502");
        const GatewayVerdict v = GatewayVerdict::judge(answering(), c, now);
        QCOMPARE(v.word(), QStringLiteral("puts failing"));
        QVERIFY2(v.reason().contains(QStringLiteral("HTTP 502")), qPrintable(v.reason()));
        QCOMPARE(GatewayVerdict::judge(answering(), c, now.addSecs(GatewayVerdict::putFailureSeconds)).word(),
                 QStringLiteral("ok"));
    }

    void otherServersHaveNoNodeInfo()
    {
        QVERIFY(!NodeInfo::parse("<html>Bamboo</html>"));
        QVERIFY(!NodeInfo::parse(R"({"service":"something else"})"));
        const auto info = NodeInfo::parse(healthyProxy);
        QVERIFY(info);
        QCOMPARE(info->goodPeers, 3);
        QCOMPARE(info->incomingPeers, 2);
        QVERIFY(!info->isolated());
    }
};

QTEST_GUILESS_MAIN(TestGatewayVerdict)
#include "tst_gatewayverdict.moc"
