// A signed value of other software leaves the table when it really expires (issue 14), not at a
// TTL restarted by each listing: a stock `dhtnode -i` signs a value (type 0: 10 minutes), a stock
// `dhtnode --proxyserver` serves it, and a watching KeyTab drops its row within seconds of the
// value's end. About 11 minutes: labelled soak.
#include "support/StockNode.h"

#include "core/connect/BackendFactory.h"
#include "core/dht/DhtValueType.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/KeyTab.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

class TestOtherValuesExpiry : public QObject
{
    Q_OBJECT
private slots:
    void signedValueLeavesAtItsRealEnd();
};

void TestOtherValuesExpiry::signedValueLeavesAtItsRealEnd()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("dhtnode")).isEmpty())
        QSKIP("Debian's dhtnode is not installed");
    const QString network = QString::number(10000 + QRandomGenerator::global()->bounded(50000));
    const quint16 proxyDht = freeUdpPort(), proxyHttp = freeTcpPort();
    StockNode proxy, producer;
    QVERIFY(proxy.start({QStringLiteral("-n"), network, QStringLiteral("-p"), QString::number(proxyDht),
                         QStringLiteral("--proxyserver"), QString::number(proxyHttp),
                         QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")}));
    QVERIFY(producer.start({QStringLiteral("-i"), QStringLiteral("-n"), network, QStringLiteral("-p"),
                            QString::number(freeUdpPort()), QStringLiteral("-b"),
                            QStringLiteral("127.0.0.1:%1").arg(proxyDht)}));
    const QString key = QStringLiteral("expiring %1").arg(network);
    const DhtKey dhtKey = DhtKey::parse(key, DhtKey::Mode::Text);
    QVERIFY2(producer.put(QStringLiteral("s %1 signed-and-ending").arg(dhtKey.infoHashHex())),
             qPrintable(producer.output()));
    QElapsedTimer sincePut;
    sincePut.start();

    QNetworkAccessManager nam;
    auto backend = makeGatewayBackend(GatewayKind::Proxy, &nam,
                                      QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxyHttp)),
                                      QStringLiteral("tst_othervaluesexpiry"));
    KeyTab tab(dhtKey);
    tab.setBackend(backend.get());
    tab.setWatching(true);
    QTRY_COMPARE_WITH_TIMEOUT(tab.model()->count(), 1, stockDeadlineMs);
    QVERIFY(tab.model()->valueAt(0).isSigned());

    const qint64 lifetimeMs = qint64(DhtValueType::lifetimeSeconds(0)) * 1000;
    QTRY_COMPARE_WITH_TIMEOUT(tab.model()->count(), 0, int(lifetimeMs + 120000));
    const qint64 endedMs = sincePut.elapsed();
    qInfo("the row left %.1f s after the put; the value's type lives %lld s", endedMs / 1000.0,
          lifetimeMs / 1000);
    // The put was confirmed after it was stored: the value ends at most a few seconds after that.
    QVERIFY2(endedMs >= lifetimeMs - 5000 && endedMs <= lifetimeMs + 15000,
             qPrintable(QString::number(endedMs)));
}

QTEST_MAIN(TestOtherValuesExpiry)
#include "tst_othervaluesexpiry.moc"
