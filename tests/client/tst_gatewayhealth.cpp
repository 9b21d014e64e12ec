// GatewayChooser judges gateways by their DHT (issue #15), against real processes: our lone
// gateway beside a Debian `dhtnode --proxyserver` that never had a peer. The isolated proxy
// answers HTTP as fast as ours, yet is never chosen automatically; pinned, it is reported in
// words once and kept; a real put through it (502) makes it "puts failing".
#include "support/GatewayProcess.h"
#include "support/IsolatedDirectory.h"
#include "support/LoneStockProxy.h"

#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"
#include "core/proxy/ProxyClient.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using lonestock::LoneStockProxy;

namespace {

constexpr int intervalMs = 300;

GatewayVerdict verdictOf(const GatewayChooser& chooser, const QUrl& url)
{
    return chooser.probe()->target(chooser.indexOf(url)).verdict();
}

void startChooser(GatewayChooser& chooser)
{
    chooser.setInterval(intervalMs);
    chooser.probe()->setCheckInterval(intervalMs);
    chooser.probe()->setTimeout(2000);
    chooser.start();
}

} // namespace

class TestGatewayHealth : public QObject
{
    Q_OBJECT

    GatewayProcess m_lone;
    LoneStockProxy m_isolated; // no bootstrap node: its DHT never has a peer

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("opendht-browser-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_gatewayhealth"));
        QString error;
        QVERIFY2(m_lone.start(&error), qPrintable(error));
        QVERIFY(m_isolated.waitAnswering());
    }

    void theIsolatedProxyIsNamedAndNeverChosen()
    {
        IsolatedDirectory setup({m_isolated.url(), m_lone.url()}); // the isolated one first in the list
        GatewayChooser chooser(setup.directory(), setup.settings());
        QList<QUrl> chosen;
        connect(&chooser, &GatewayChooser::currentChanged, this, [&] {
            if (chooser.current())
                chosen << chooser.current()->url;
        });
        startChooser(chooser);
        QTRY_VERIFY_WITH_TIMEOUT(verdictOf(chooser, m_isolated.url()).isKnown(), 10000);
        const GatewayVerdict isolated = verdictOf(chooser, m_isolated.url());
        QCOMPARE(isolated.state(), GatewayVerdict::State::Isolated);
        QCOMPARE(isolated.word(), QStringLiteral("isolated"));
        QVERIFY2(isolated.reason().contains(QStringLiteral("no peers")), qPrintable(isolated.reason()));
        QCOMPARE(chooser.probe()->target(chooser.indexOf(m_isolated.url())).stats.status(),
                 QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(chooser.current(), 10000);
        QCOMPARE(chooser.current()->url, m_lone.url());
        QCOMPARE(verdictOf(chooser, m_lone.url()).word(), QStringLiteral("this computer only"));
        QCOMPARE(chooser.recommendedIndex(), chooser.indexOf(m_lone.url()));
        QTest::qWait(5 * intervalMs); // more rounds and checks
        QVERIFY2(!chosen.contains(m_isolated.url()), "the isolated proxy was chosen automatically");
    }

    void aPinnedUnhealthyGatewayIsReportedOnceAndKept()
    {
        IsolatedDirectory setup({m_lone.url(), m_isolated.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        QSignalSpy failing(&chooser, &GatewayChooser::currentFailing);
        startChooser(chooser);
        chooser.use(m_isolated.url());
        QTRY_COMPARE_WITH_TIMEOUT(failing.size(), 1, 10000);
        QCOMPARE(failing.first().at(0).toUrl(), m_isolated.url());
        const QString words = failing.first().at(1).toString();
        QVERIFY2(words.startsWith(QStringLiteral("isolated: ")) && words.contains(QStringLiteral("no peers")),
                 qPrintable(words));

        // A real put through it: the stock proxy answers 502 ("Put failed").
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(m_isolated.url());
        GatewayCall* put = client.putValue(DhtKey::parse(QStringLiteral("health"), DhtKey::Mode::Text),
                                           QByteArrayLiteral("v"), 60, {});
        QSignalSpy putDone(put, &GatewayCall::finished);
        QVERIFY(putDone.wait(20000));
        QVERIFY(put->error().isError());
        chooser.noteOperation(m_isolated.url(), LatencyProbe::Operation::Put, put->error(), put->elapsedMs());
        QCOMPARE(verdictOf(chooser, m_isolated.url()).word(), QStringLiteral("puts failing"));

        const int checks = chooser.probe()->target(chooser.indexOf(m_isolated.url())).stats.samples();
        QTRY_VERIFY_WITH_TIMEOUT(
            chooser.probe()->target(chooser.indexOf(m_isolated.url())).stats.samples() >= checks + 3, 5000);
        QCOMPARE(chooser.current()->url, m_isolated.url()); // nothing switched behind the user's back
        QVERIFY(!chooser.isAutomatic());
        QCOMPARE(failing.size(), 1); // said once, not at every probe nor at every check
    }

    void automaticLeavesAGatewayWhosePutsFail()
    {
        GatewayProcess other;
        QString error;
        QVERIFY2(other.start(&error), qPrintable(error));
        IsolatedDirectory setup({m_lone.url(), other.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        startChooser(chooser);
        QTRY_VERIFY_WITH_TIMEOUT(chooser.current() && verdictOf(chooser, chooser.current()->url).isHealthy(),
                                 10000);
        const QUrl before = chooser.current()->url;
        // What a put of the user's through it returned when the gateway's DHT had lost its
        // peers (its classic status 2, "try again", until the attempts ran out).
        GatewayError failed;
        failed.kind = GatewayError::Kind::TryAgainExhausted;
        failed.message = QStringLiteral("the gateway asked to try again later, 3 times");
        chooser.noteOperation(before, LatencyProbe::Operation::Put, failed, 9000);
        QTRY_VERIFY_WITH_TIMEOUT(chooser.current()->url != before, 5000); // at once, in fact
        QVERIFY(chooser.isAutomatic());
        QCOMPARE(verdictOf(chooser, before).word(), QStringLiteral("puts failing"));
    }
};

QTEST_GUILESS_MAIN(TestGatewayHealth)
#include "tst_gatewayhealth.moc"
