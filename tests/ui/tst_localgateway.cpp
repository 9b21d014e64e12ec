// The embedded gateway per DhtNetwork: the arguments it is started with, its state directory
// per network (the old one kept for "local"), where its DHT socket is bound, a restart on
// another network, and GatewayHealth reading what the real process says of itself.
#include "support/GatewayInfo.h"
#include "support/GatewayProcess.h"

#include "core/local/LocalGateway.h"
#include "core/net/DhtNetwork.h"
#include "core/probe/GatewayHealth.h"
#include "core/probe/LatencyProbe.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <signal.h>

namespace {

constexpr int startMs = 20000; // generous: the machine may be busy

QString valueAfter(const QStringList& args, const QString& option)
{
    const qsizetype i = args.indexOf(option);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
}

QString nodeIdIn(const QString& stateDir)
{
    QFile file(stateDir + QStringLiteral("/node-id"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QString();
}

// Starts (or waits for the restart of) the gateway; its GET / document, empty on failure.
QJsonObject waitReady(LocalGateway& local)
{
    if (!QTest::qWaitFor([&] { return local.isReady(); }, startMs))
        return {};
    return gatewayinfo::nodeInfo(local.url());
}

} // namespace

class TestLocalGateway : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultsKeepTheOldStateDir();
    void argumentsPerNetwork_data();
    void argumentsPerNetwork();
    void unknownNetworkRefused();
    void restartsOnAnotherNetworkWithItsOwnState();
    void stopReturnsAtOnce();
    void aGatewayThatDoesNotStopIsKilled();
    void restartWaitsForTheOldOneToEnd();
    void healthParse_data();
    void healthParse();
    void healthOfARealGateway();
};

void TestLocalGateway::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("ODB_GATEWAY", GatewayProcess::binary().toLocal8Bit());
}

void TestLocalGateway::defaultsKeepTheOldStateDir()
{
    // Where every version before the choice of network kept the values: existing users keep them.
    const LocalGateway local;
    QCOMPARE(local.network(), QStringLiteral("local"));
    QCOMPARE(local.stateDir(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/gateway"));
}

void TestLocalGateway::argumentsPerNetwork_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<QString>("stateDirName");
    QTest::addColumn<bool>("loopbackDht");
    QTest::newRow("local") << QStringLiteral("local") << QStringLiteral("gateway") << true;
    QTest::newRow("public") << QStringLiteral("public") << QStringLiteral("gateway-public") << false;
    QTest::newRow("ham-dht") << QStringLiteral("ham-dht") << QStringLiteral("gateway-ham-dht") << false;
}

void TestLocalGateway::argumentsPerNetwork()
{
    QFETCH(QString, network);
    QFETCH(QString, stateDirName);
    QFETCH(bool, loopbackDht);
    LocalGateway local;
    local.setDataDir(QStringLiteral("/data"));
    QVERIFY(local.setNetwork(network));
    QCOMPARE(local.network(), network);
    QCOMPARE(local.stateDir(), QStringLiteral("/data/") + stateDirName);
    QCOMPARE(LocalGateway::stateDirName(network), stateDirName);

    const QStringList args = local.arguments();
    QCOMPARE(valueAfter(args, QStringLiteral("--network")), network);
    QCOMPARE(valueAfter(args, QStringLiteral("--state-dir")), local.stateDir());
    QCOMPARE(valueAfter(args, QStringLiteral("--listen")), QStringLiteral("127.0.0.1")); // HTTP: always
    QCOMPARE(valueAfter(args, QStringLiteral("--port")), QStringLiteral("0"));
    QVERIFY(args.contains(QStringLiteral("--exit-with-parent")));
    // The DHT socket: loopback without a network, the gateway's default (every address) with one.
    QCOMPARE(valueAfter(args, QStringLiteral("--dht-listen")),
             loopbackDht ? QStringLiteral("127.0.0.1") : QString());
    // On a real network a desktop does not keep strangers' items.
    QCOMPARE(valueAfter(args, QStringLiteral("--keep-for-others")),
             loopbackDht ? QString() : QStringLiteral("off"));
}

void TestLocalGateway::unknownNetworkRefused()
{
    LocalGateway local;
    QVERIFY(local.setNetwork(QStringLiteral("ham-dht")));
    for (const QString& bad : {QStringLiteral("nope"), QStringLiteral("Ham-DHT"), QString()}) {
        QVERIFY(!local.setNetwork(bad));
        QCOMPARE(local.network(), QStringLiteral("ham-dht"));
    }
}

void TestLocalGateway::restartsOnAnotherNetworkWithItsOwnState()
{
    QTemporaryDir data;
    LocalGateway local; // stopped by its destructor, whatever happens below
    local.setDataDir(data.path());
    local.start();
    QJsonObject info = waitReady(local);
    QVERIFY2(!info.isEmpty(), qPrintable(local.log()));
    QCOMPARE(info.value(QStringLiteral("network")).toString(), QStringLiteral("local"));
    QCOMPARE(info.value(QStringLiteral("health")).toString(), QStringLiteral("lone"));
    const QString localNode = info.value(QStringLiteral("node_id")).toString();
    QCOMPARE(nodeIdIn(data.filePath(QStringLiteral("gateway"))), localNode);
    // No UDP port on the LAN: the DHT socket is on loopback only.
    const auto dhtPort = quint16(info.value(QStringLiteral("dht_port")).toInt());
    QStringList addresses = gatewayinfo::udpAddresses(local.processId(), dhtPort);
    QVERIFY(!addresses.isEmpty());
    for (const QString& a : addresses)
        QVERIFY2(gatewayinfo::isLoopbackHex(a), qPrintable(addresses.join(u' ')));

    // Another network while it runs: stopped (saving), started again on it.
    const qint64 firstPid = local.processId();
    QSignalSpy started(&local, &LocalGateway::started);
    QVERIFY(local.setNetwork(QStringLiteral("ham-dht")));
    QVERIFY(started.wait(startMs));
    QVERIFY(local.processId() != firstPid);
    info = gatewayinfo::nodeInfo(local.url());
    QCOMPARE(info.value(QStringLiteral("network")).toString(), QStringLiteral("ham-dht"));
    QCOMPARE(info.value(QStringLiteral("network_id")).toInteger(), 59973);
    QCOMPARE(info.value(QStringLiteral("bootstrap")).toArray(),
             QJsonArray::fromStringList(DhtNetwork::byName(QStringLiteral("ham-dht"))->bootstrap));
    // Its real hosts are out of reach from here: it keeps trying.
    const QString health = info.value(QStringLiteral("health")).toString();
    QVERIFY2(health == u"joining" || health == u"isolated", qPrintable(health));
    QCOMPARE(local.stateDir(), data.filePath(QStringLiteral("gateway-ham-dht")));
    const QString hamNode = info.value(QStringLiteral("node_id")).toString();
    QCOMPARE(nodeIdIn(local.stateDir()), hamNode);
    QVERIFY(hamNode != localNode);
    addresses =
        gatewayinfo::udpAddresses(local.processId(), quint16(info.value(QStringLiteral("dht_port")).toInt()));
    QVERIFY2(std::any_of(addresses.begin(), addresses.end(), gatewayinfo::isWildcardHex),
             qPrintable(addresses.join(u' ')));

    // Back: the old state directory, so the same node (and the same items).
    QVERIFY(local.setNetwork(QStringLiteral("local")));
    QVERIFY(started.wait(startMs));
    info = gatewayinfo::nodeInfo(local.url());
    QCOMPARE(info.value(QStringLiteral("network")).toString(), QStringLiteral("local"));
    QCOMPARE(info.value(QStringLiteral("node_id")).toString(), localNode);
    QSignalSpy stopped(&local, &LocalGateway::stopped);
    local.stop();
    QVERIFY(stopped.wait(startMs));
    QVERIFY(!local.isRunning());
}

// A gateway frozen with SIGSTOP cannot act on SIGTERM until SIGCONT: a real process that is slow
// to stop, as a busy one saving many values is.
void TestLocalGateway::stopReturnsAtOnce()
{
    QTemporaryDir data;
    LocalGateway local;
    local.setDataDir(data.path());
    local.start();
    QVERIFY2(!waitReady(local).isEmpty(), qPrintable(local.log()));
    const auto pid = pid_t(local.processId());
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    QSignalSpy stopped(&local, &LocalGateway::stopped);
    QSignalSpy exited(&local, &LocalGateway::exited);
    local.stop();
    // Returned while the child still runs: the caller's event loop goes on meanwhile.
    QVERIFY(local.isRunning());
    QVERIFY(local.isStopping());
    QVERIFY(!local.isReady());
    QCOMPARE(stopped.size(), 0);
    QCOMPARE(::kill(pid, SIGCONT), 0);
    QVERIFY(stopped.wait(startMs));
    QVERIFY(!local.isRunning());
    QVERIFY(!local.isStopping());
    QCOMPARE(exited.size(), 0); // asked to stop: not an unexpected end
}

void TestLocalGateway::aGatewayThatDoesNotStopIsKilled()
{
    QTemporaryDir data;
    LocalGateway local;
    local.setDataDir(data.path());
    local.start();
    QVERIFY2(!waitReady(local).isEmpty(), qPrintable(local.log()));
    QCOMPARE(::kill(pid_t(local.processId()), SIGSTOP), 0); // never continued
    QSignalSpy stopped(&local, &LocalGateway::stopped);
    local.stop();
    QVERIFY(local.isRunning());
    QVERIFY(stopped.wait(LocalGateway::stopTimeoutMs + startMs));
    QVERIFY(!local.isRunning());
}

void TestLocalGateway::restartWaitsForTheOldOneToEnd()
{
    QTemporaryDir data;
    LocalGateway local;
    local.setDataDir(data.path());
    local.start();
    QVERIFY2(!waitReady(local).isEmpty(), qPrintable(local.log()));
    const auto firstPid = pid_t(local.processId());
    QCOMPARE(::kill(firstPid, SIGSTOP), 0);
    QSignalSpy started(&local, &LocalGateway::started);
    QVERIFY(local.setNetwork(QStringLiteral("ham-dht")));
    QVERIFY(local.isStopping());
    QCOMPARE(local.processId(), qint64(firstPid)); // the new one waits for the old one's end
    QCOMPARE(::kill(firstPid, SIGCONT), 0);
    QVERIFY(started.wait(startMs));
    QVERIFY(local.processId() != qint64(firstPid));
    QCOMPARE(gatewayinfo::nodeInfo(local.url()).value(QStringLiteral("network")).toString(),
             QStringLiteral("ham-dht"));
}

void TestLocalGateway::healthParse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("health");
    QTest::addColumn<int>("goodPeers");
    QTest::newRow("ok") << QByteArray(R"({"service":"opendht-gateway","network":"public","network_id":0,)"
                                      R"("health":"ok","ipv4":{"good":3,"dubious":1},"ipv6":{"good":2}})")
                        << true << QStringLiteral("ok") << 5;
    QTest::newRow("proxy") << QByteArray(R"({"node_id":"ab","ipv4":{"good":3}})") << false << QString() << 0;
    QTest::newRow("old gateway") << QByteArray(R"({"service":"opendht-gateway","peers":{"good":1}})") << false
                                 << QString() << 0;
    QTest::newRow("garbage") << QByteArray("<html>") << false << QString() << 0;
}

void TestLocalGateway::healthParse()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QFETCH(QString, health);
    QFETCH(int, goodPeers);
    const auto status = GatewayHealth::parse(body);
    QCOMPARE(status.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(status->health, health);
    QCOMPARE(status->goodPeers, goodPeers);
    QCOMPARE(status->network, QStringLiteral("public"));
}

void TestLocalGateway::healthOfARealGateway()
{
    GatewayProcess gateway({QStringLiteral("--network"), QStringLiteral("local")});
    QString error;
    QVERIFY2(gateway.start(&error), qPrintable(error));
    // Read by the probe's DHT check, as in the browser: GatewayHealth asks nothing of its own.
    LatencyProbe probe;
    probe.setTargets({gateway.url()});
    probe.setInterval(200);
    GatewayHealth health(&probe);
    QSignalSpy changed(&health, &GatewayHealth::changed);
    health.watch(gateway.url());
    probe.start();
    QVERIFY(changed.wait(10000));
    QVERIFY(health.status());
    QCOMPARE(health.status()->network, QStringLiteral("local"));
    QCOMPARE(health.status()->networkId, gateway.networkId()); // the test's own id, given explicitly
    QCOMPARE(health.status()->health, QStringLiteral("lone"));

    // A gateway that goes is no longer healthy: its status goes at its next probe.
    gateway.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!health.status(), 10000);
    health.watch({});
    QVERIFY(health.url().isEmpty());
}

QTEST_GUILESS_MAIN(TestLocalGateway)
#include "tst_localgateway.moc"
