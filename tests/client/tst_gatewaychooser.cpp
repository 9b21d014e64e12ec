// GatewayChooser against real gateways: the automatic choice kept for the day across a restart,
// failover with rediscovery, a manual choice that is never switched behind the user's back,
// the signal that lets the browser start its own gateway, and the one local entry.
#include "support/GatewayProcess.h"

#include "core/classic/ClassicClient.h"
#include "core/classic/GatewayAnnouncement.h"
#include "core/probe/ChoiceStore.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {

constexpr int intervalMs = 300;

QUrl closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
}

quint16 freeUdpPort()
{
    QUdpSocket socket;
    socket.bind(QHostAddress::LocalHost);
    return socket.localPort();
}

// A directory of the given gateways only (the built-in ones removed, so that whatever runs on
// the default port of this machine cannot take part), with its files in a directory of its own.
class Setup
{
public:
    explicit Setup(const QList<QUrl>& urls)
        : m_settings(m_dir.filePath(QStringLiteral("gateways.ini")), QSettings::IniFormat)
    {
        m_directory = makeDirectory();
        const auto builtIn = m_directory->entries();
        for (const auto& e : builtIn)
            m_directory->remove(e.url);
        for (const QUrl& url : urls)
            m_directory->add({url, url.authority(), {}, GatewayDirectory::Origin::User});
    }
    GatewayDirectory* directory() const { return m_directory.get(); }
    // The one store of the list and the choice, as the browser gives it.
    QSettings* settings() { return &m_settings; }
    ChoiceStore store() { return ChoiceStore(&m_settings); }
    // The same file, as the next start of the program reads it.
    std::unique_ptr<GatewayDirectory> makeDirectory()
    {
        return std::make_unique<GatewayDirectory>(&m_settings);
    }

private:
    QTemporaryDir m_dir;
    QSettings m_settings;
    std::unique_ptr<GatewayDirectory> m_directory;
};

void startChooser(GatewayChooser& chooser)
{
    chooser.setInterval(intervalMs);
    chooser.probe()->setTimeout(1000);
    chooser.start();
}

} // namespace

class TestGatewayChooser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Nothing may be read or written but the store each test gives.
        QStandardPaths::setTestModeEnabled(true);
    }

    void theChoiceOfTheDaySurvivesARestart()
    {
        GatewayProcess a, b;
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        Setup setup({a.url(), b.url()});
        QUrl chosen;
        {
            GatewayChooser first(setup.directory(), setup.settings());
            startChooser(first);
            QTRY_VERIFY_WITH_TIMEOUT(first.current() && setup.store().rememberedChoice(), 5000);
            chosen = first.current()->url;
            QCOMPARE(setup.store().rememberedChoice(), chosen);
        }
        const auto directory = setup.makeDirectory();
        GatewayChooser second(directory.get(), setup.settings());
        second.start();
        // At once: no probe has answered yet, and none has to.
        QVERIFY(second.current());
        QCOMPARE(second.current()->url, chosen);
        QCOMPARE(second.probe()->target(second.indexOf(chosen)).stats.samples(), 0);
        QVERIFY(!second.isDiscovering());
    }

    void anExpiredChoiceIsDroppedAndDiscoveryRuns()
    {
        GatewayProcess a;
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        Setup setup({a.url(), closedPort()});
        setup.store().rememberChoice(a.url(), QDateTime::currentDateTimeUtc().addDays(-2));
        GatewayChooser chooser(setup.directory(), setup.settings());
        QSignalSpy discovered(&chooser, &GatewayChooser::discovered);
        startChooser(chooser);
        QVERIFY(!chooser.current()); // yesterday's choice is not taken
        QVERIFY(!setup.store().choiceTime());
        QVERIFY(chooser.isDiscovering());
        QTRY_COMPARE_WITH_TIMEOUT(discovered.size(), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(setup.store().rememberedChoice(), a.url(), 5000); // today's
    }

    void failoverToTheNextBestAndRediscover()
    {
        // Three gateways on one DHT, each announcing itself; the directory knows two of them.
        const quint16 dhtPort = freeUdpPort();
        const QString network = QString::number(QDateTime::currentMSecsSinceEpoch() % 1000000000 + 7);
        const auto announcing = [&](bool first) {
            QTcpServer probePort;
            probePort.listen(QHostAddress::LocalHost);
            const QString port = QString::number(probePort.serverPort());
            probePort.close();
            QStringList args{QStringLiteral("--port"),       port,
                             QStringLiteral("--announce"),   QStringLiteral("http://127.0.0.1:%1/").arg(port),
                             QStringLiteral("--network-id"), network};
            if (first)
                args << QStringLiteral("--dht-port") << QString::number(dhtPort);
            else
                args << QStringLiteral("--bootstrap") << QStringLiteral("127.0.0.1:%1").arg(dhtPort);
            return args;
        };
        GatewayProcess a(announcing(true)), b(announcing(false)), c(announcing(false));
        QString error;
        for (GatewayProcess* g : {&a, &b, &c})
            QVERIFY2(g->start(&error), qPrintable(error));
        waitForAnnouncements(b.url(), 3);

        Setup setup({a.url(), b.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        QSignalSpy discovered(&chooser, &GatewayChooser::discovered);
        startChooser(chooser);
        // No choice of the day yet: the first discovery learns the third gateway.
        QTRY_VERIFY_WITH_TIMEOUT(!discovered.isEmpty(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(setup.directory()->find(c.url()), 5000);
        QCOMPARE(setup.directory()->find(c.url())->origin, GatewayDirectory::Origin::Discovered);
        QTRY_VERIFY_WITH_TIMEOUT(chooser.current() && chooser.indexOf(c.url()) >= 0, 5000);
        // Medians of a few samples each, so that the choice has settled: from here on, only a
        // failure may change it.
        const auto settled = [&] {
            for (int i = 0; i < chooser.probe()->count(); ++i) {
                if (chooser.probe()->target(i).stats.samples() < 5)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 5000);

        const QUrl before = chooser.current()->url;
        GatewayProcess& dying = before == a.url() ? a : before == b.url() ? b : c;
        int failuresSeen = 0;
        int failuresAtSwitch = -1;
        bool unhealthyAtSwitch = false;
        connect(&chooser, &GatewayChooser::statsChanged, this, [&](int index) {
            const auto& t = chooser.probe()->target(index);
            if (t.url == before && t.stats.lastOutcome() != LatencyStats::Outcome::Ok)
                ++failuresSeen;
        });
        connect(&chooser, &GatewayChooser::currentChanged, this, [&] {
            if (failuresAtSwitch < 0 && chooser.current() && chooser.current()->url != before) {
                failuresAtSwitch = failuresSeen;
                unhealthyAtSwitch = chooser.probe()->target(chooser.indexOf(before)).verdict().isUnhealthy();
            }
        });
        discovered.clear();
        dying.stop();
        QTRY_VERIFY_WITH_TIMEOUT(failuresAtSwitch >= 0, 5000);
        // The switch was for the failure, and the first failure seen was enough: no second failed
        // probe was waited for. That first failure is either a probe's, within one probe interval,
        // or the periodic DHT check's read that was under way when the
        // gateway went (then no failed probe was seen yet).
        QVERIFY(unhealthyAtSwitch);
        QVERIFY2(failuresAtSwitch <= 1, qPrintable(QString::number(failuresAtSwitch)));
        QVERIFY(chooser.isAutomatic());
        // ...and the gateways were read again through one that answers.
        QTRY_VERIFY_WITH_TIMEOUT(!discovered.isEmpty(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(setup.store().rememberedChoice(), chooser.current()->url, 5000);
    }

    void aManualChoiceFailsLoudlyAndStays()
    {
        GatewayProcess a, b;
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        Setup setup({a.url(), b.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        QSignalSpy failing(&chooser, &GatewayChooser::currentFailing);
        startChooser(chooser);
        chooser.use(b.url());
        QVERIFY(!chooser.isAutomatic());
        QCOMPARE(chooser.current()->url, b.url());
        QTRY_VERIFY_WITH_TIMEOUT(chooser.probe()->target(chooser.indexOf(a.url())).stats.samples() >= 2,
                                 5000);
        b.stop();
        QTRY_COMPARE_WITH_TIMEOUT(failing.size(), 1, 5000);
        QCOMPARE(failing.first().at(0).toUrl(), b.url());
        QCOMPARE(failing.first().at(1).toString(), QStringLiteral("refused"));
        const int samples = chooser.probe()->target(chooser.indexOf(b.url())).stats.samples();
        QTRY_VERIFY_WITH_TIMEOUT(
            chooser.probe()->target(chooser.indexOf(b.url())).stats.samples() >= samples + 3, 5000);
        QCOMPARE(chooser.current()->url, b.url()); // nothing switched behind the user's back
        QVERIFY(!chooser.isAutomatic());
        QCOMPARE(failing.size(), 1); // said once, not at every probe
    }

    void theUsersChoiceIsKeptInTheStoreGiven()
    {
        const QUrl a = closedPort(), b = closedPort();
        Setup setup({a, b});
        {
            GatewayChooser chooser(setup.directory(), setup.settings());
            QSignalSpy mode(&chooser, &GatewayChooser::automaticChanged);
            chooser.use(b);
            QCOMPARE(mode.size(), 1);
            QCOMPARE(int(chooser.state()), int(chooser::State::Manual));
        }
        QCOMPARE(setup.store().automatic(), false);
        QCOMPARE(setup.store().manual(), b);
        const auto directory = setup.makeDirectory();
        GatewayChooser next(directory.get(), setup.settings());
        QVERIFY(!next.isAutomatic());
        next.start();
        QCOMPARE(next.current()->url, b); // before any probe: it is the user's, answering or not
        next.setAutomatic(true);
        QCOMPARE(setup.store().automatic(), true);
    }

    void noGatewayAnswersIsSaidOnce()
    {
        Setup setup({closedPort(), closedPort()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        QSignalSpy none(&chooser, &GatewayChooser::noGatewayAnswers);
        startChooser(chooser);
        QTRY_COMPARE_WITH_TIMEOUT(none.size(), 1, 5000);
        QCOMPARE(chooser.probe()->target(0).stats.status(), QStringLiteral("refused"));
        QTest::qWait(3 * intervalMs);
        QCOMPARE(none.size(), 1);
        QVERIFY(!chooser.current());
    }

    void theLocalGatewayIsReplacedAndFiguresOfOthersKept()
    {
        GatewayProcess a;
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        Setup setup({a.url()});
        GatewayChooser chooser(setup.directory(), setup.settings());
        QSignalSpy targets(&chooser, &GatewayChooser::targetsChanged);
        startChooser(chooser);
        QTRY_VERIFY_WITH_TIMEOUT(chooser.probe()->target(0).stats.samples() >= 2, 5000);
        const QUrl first = closedPort(), second = closedPort();
        chooser.setLocalGateway(first);
        chooser.setLocalGateway(second); // the embedded gateway started again, on another port
        const auto local = [&] {
            QList<QUrl> urls;
            for (const auto& e : setup.directory()->entries()) {
                if (e.origin == GatewayDirectory::Origin::Local)
                    urls << e.url;
            }
            return urls;
        };
        QCOMPARE(local(), QList<QUrl>{second});
        QCOMPARE(setup.directory()->find(second)->name, QStringLiteral("Local gateway"));
        QTRY_VERIFY_WITH_TIMEOUT(chooser.indexOf(second) >= 0, 5000);
        QVERIFY(!targets.isEmpty());
        QCOMPARE(chooser.indexOf(first), -1);
        QCOMPARE(chooser.probe()->count(), 2);
        QVERIFY(chooser.probe()->target(chooser.indexOf(a.url())).stats.samples() >= 2); // kept
        QCOMPARE(chooser.current()->url, a.url());
    }

private:
    // Until every announcement has spread through the DHT (as read through via).
    void waitForAnnouncements(const QUrl& via, int count)
    {
        QNetworkAccessManager nam;
        ClassicClient client(&nam);
        client.setGateway(via);
        int seen = 0;
        for (int attempt = 0; attempt < 40 && seen < count; ++attempt) {
            GatewayCall* call = client.fetchValues(GatewayAnnouncement::key());
            QSignalSpy finished(call, &GatewayCall::finished);
            QVERIFY(finished.wait(15000));
            seen = int(call->values().size());
            call->deleteLater();
            if (seen < count)
                QTest::qWait(500);
        }
        QCOMPARE(seen, count);
    }
};

QTEST_GUILESS_MAIN(TestGatewayChooser)
#include "tst_gatewaychooser.moc"
