// GatewayChooser judges gateways by their DHT (issue #15), against real processes: our lone
// gateway beside a Debian `dhtnode --proxyserver` that never had a peer. The isolated proxy
// answers HTTP as fast as ours, yet is never chosen automatically; pinned, it is reported in
// words once and kept; a real put through it (502) makes it "puts failing".
#include "support/GatewayProcess.h"

#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"
#include "core/proxy/ProxyClient.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <csignal>
#include <sys/prctl.h>

namespace {

constexpr int intervalMs = 300;

// A stock OpenDHT proxy with no bootstrap node: its DHT never has a peer.
class IsolatedProxy
{
public:
    IsolatedProxy()
    {
        QTcpServer tcp;
        tcp.listen(QHostAddress::LocalHost);
        m_port = tcp.serverPort();
        tcp.close();
        QUdpSocket udp;
        udp.bind(QHostAddress::LocalHost);
        const QString dhtPort = QString::number(udp.localPort());
        udp.close();
        m_process.setProgram(QStringLiteral("/usr/bin/dhtnode"));
        m_process.setArguments({QStringLiteral("-s"), QStringLiteral("-p"), dhtPort,
                                QStringLiteral("--proxyserver"), QString::number(m_port),
                                QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")});
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start();
    }
    ~IsolatedProxy()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port)); }
    // Until its HTTP server answers (it starts after the DHT node).
    bool waitAnswering()
    {
        if (!m_process.waitForStarted(10000))
            return false;
        QNetworkAccessManager nam;
        for (int attempt = 0; attempt < 200 && m_process.state() == QProcess::Running; ++attempt) {
            QNetworkReply* reply = nam.get(QNetworkRequest(url()));
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(2000);
            const bool ok = reply->error() == QNetworkReply::NoError;
            reply->deleteLater();
            if (ok)
                return true;
            QTest::qWait(100);
        }
        return false;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// A directory of the given gateways only, in a directory of its own.
class Setup
{
public:
    explicit Setup(const QList<QUrl>& urls)
        : m_settings(m_dir.filePath(QStringLiteral("gateways.ini")), QSettings::IniFormat)
        , m_directory(&m_settings)
    {
        const auto builtIn = m_directory.entries();
        for (const auto& e : builtIn)
            m_directory.remove(e.url);
        for (const QUrl& url : urls)
            m_directory.add({url, url.authority(), {}, GatewayDirectory::Origin::User});
    }
    GatewayDirectory* directory() { return &m_directory; }
    QSettings* settings() { return &m_settings; } // the chooser's store too

private:
    QTemporaryDir m_dir;
    QSettings m_settings;
    GatewayDirectory m_directory;
};

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
    IsolatedProxy m_isolated;

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
        Setup setup({m_isolated.url(), m_lone.url()}); // the isolated one first in the list
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
        Setup setup({m_lone.url(), m_isolated.url()});
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
        Setup setup({m_lone.url(), other.url()});
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
