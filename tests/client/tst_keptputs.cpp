// Puts through a stock OpenDHT proxy kept for their whole TTL across restarts (issue #21): the
// browser's KeptPutKeeper, driven from the test, with a SQLite store in a data directory of
// the test's own. Real parts: two Debian `dhtnode` processes (one a --proxyserver) on a random
// network id, and opendht-cli reading the store; the TEST-ONLY relay
// (tests/fixtures/relay/post_counting_relay.py) in front of the proxy tells every POST. The
// refresh interval is shortened with the keeper's setter (the test hook
// ODB_TEST_KEEPER_REFRESH_MS does the same for programs).
#include <kept/KeptPutKeeper.h>
#include <kept/KeptPutStore.h>
#include <proxy/ProxyClient.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <csignal>
#include <memory>
#include <sys/prctl.h>

namespace {

constexpr int eventDeadlineMs = 30000;

// Waits for expr; returns false from the enclosing bool function if it never held.
#define WAIT_FOR_OR_RETURN_FALSE(expr, timeout)                                                              \
    do {                                                                                                     \
        (void)QTest::qWaitFor([&] { return bool(expr); }, timeout);                                          \
        if (!(expr))                                                                                         \
            return false;                                                                                    \
    } while (false)

void dieWithTest(QProcess* p)
{
    p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

quint16 freeUdpPort()
{
    QUdpSocket udp;
    udp.bind(QHostAddress::LocalHost);
    return udp.localPort();
}

quint16 freeTcpPort()
{
    QTcpServer tcp;
    tcp.listen(QHostAddress::LocalHost);
    return tcp.serverPort();
}

// Two stock nodes on a network of their own; the second serves the proxy REST API.
class StockProxy
{
public:
    StockProxy()
        : m_httpPort(freeTcpPort())
    {
        const QString network = QString::number(QRandomGenerator::global()->bounded(1 << 30));
        const QString firstPort = QString::number(freeUdpPort());
        start(&m_first,
              {QStringLiteral("-s"), QStringLiteral("-n"), network, QStringLiteral("-p"), firstPort});
        start(&m_proxy,
              {QStringLiteral("-s"), QStringLiteral("-n"), network, QStringLiteral("-p"),
               QString::number(freeUdpPort()), QStringLiteral("-b"), QStringLiteral("127.0.0.1:") + firstPort,
               QStringLiteral("--proxyserver"), QString::number(m_httpPort), QStringLiteral("--proxy-addr"),
               QStringLiteral("127.0.0.1")});
    }
    ~StockProxy()
    {
        for (QProcess* p : {&m_proxy, &m_first}) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    quint16 httpPort() const { return m_httpPort; }

private:
    static void start(QProcess* p, const QStringList& args)
    {
        p->setProgram(QStringLiteral("/usr/bin/dhtnode"));
        p->setArguments(args);
        p->setStandardOutputFile(QProcess::nullDevice());
        p->setStandardErrorFile(QProcess::nullDevice());
        p->setStandardInputFile(QProcess::nullDevice());
        dieWithTest(p);
        p->start();
    }
    QProcess m_first;
    QProcess m_proxy;
    quint16 m_httpPort;
};

// The TEST-ONLY relay: each POST it passed on, as the JSON line it printed.
class Relay
{
public:
    explicit Relay(quint16 upstream)
    {
        m_process.setProgram(QStringLiteral(ODB_PYTHON));
        m_process.setArguments({QStringLiteral(ODB_RELAY), QString::number(upstream)});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        dieWithTest(&m_process);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                if (line.startsWith("relay port "))
                    m_port = line.mid(11).toUShort();
                else if (!line.isEmpty())
                    m_posts << QJsonDocument::fromJson(line).object();
            }
        });
        m_process.start();
    }
    ~Relay()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    bool waitListening()
    {
        WAIT_FOR_OR_RETURN_FALSE(m_port != 0, eventDeadlineMs);
        return true;
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port)); }
    // The POSTs answered 200, true for each permanent one.
    QList<bool> accepted() const
    {
        QList<bool> kinds;
        for (const QJsonObject& o : m_posts) {
            if (o.value(QStringLiteral("status")).toInt() == 200)
                kinds << o.value(QStringLiteral("permanent")).toBool();
        }
        return kinds;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QList<QJsonObject> m_posts;
};

} // namespace

class TestKeptPuts : public QObject
{
    Q_OBJECT

    std::unique_ptr<StockProxy> m_stock;
    std::unique_ptr<Relay> m_relay;
    QTemporaryDir m_home;

    QString storePath() const
    {
        return m_home.filePath(QStringLiteral("data/opendht-browser/browser/kept-puts.sqlite"));
    }

    // `opendht-cli kept` with the test's data directory: what it prints.
    QString cliKept() const
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        cli.setProcessEnvironment(env);
        cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)), {QStringLiteral("kept")});
        if (!cli.waitForFinished(eventDeadlineMs) || cli.exitCode() != 0)
            return QStringLiteral("<opendht-cli kept failed: %1>")
                .arg(QString::fromUtf8(cli.readAllStandardError()));
        return QString::fromUtf8(cli.readAllStandardOutput());
    }

    // A put through the relay, tried again until the proxy's node has found its peer (502 before).
    bool putThroughProxy(KeptPutKeeper* keeper, const ClassicKey& key, int ttlSeconds)
    {
        QNetworkAccessManager nam;
        ProxyClient client(&nam);
        client.setGateway(m_relay->url());
        client.setPutKeeper(keeper);
        for (int attempt = 0; attempt < 60; ++attempt) {
            ProxyReply* reply = client.put(key, "kept value", ttlSeconds);
            QSignalSpy done(reply, &GatewayCall::finished);
            if (!done.wait(eventDeadlineMs))
                return false;
            if (reply->ok())
                return true;
            QTest::qWait(250);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_stock = std::make_unique<StockProxy>();
        m_relay = std::make_unique<Relay>(m_stock->httpPort());
        QVERIFY(m_relay->waitListening());
    }

    void keptPutIsPostedAgainAfterARestart()
    {
        const ClassicKey key =
            ClassicKey::parse(QStringLiteral("kept across restarts"), ClassicKey::Mode::Text);
        qint64 id = 0;
        QDateTime firstPost;
        {
            KeptPutKeeper browser; // the first run of the browser
            QString error;
            QVERIFY2(browser.open(storePath(), &error), qPrintable(error));
            browser.setRefreshMs(1500);
            QVERIFY(putThroughProxy(&browser, key, 2 * 86400));
            QCOMPARE(browser.puts().size(), 1);
            const KeptPut p = browser.puts().first();
            id = p.id;
            firstPost = p.lastPost;
            QCOMPARE(p.proxy, m_relay->url());
            QCOMPARE(p.keyHex, key.infoHashHex());
            QVERIFY(p.needsRefresh());
            QCOMPARE(browser.earliestEarlyEnd(), p.heldUntil()); // what the quit notice says
        } // the browser quits before the refresh is due
        QCOMPARE(m_relay->accepted().count(true), 1);

        const QString listed = cliKept();
        QVERIFY2(listed.contains(QStringLiteral("kept across restarts")) &&
                     listed.contains(u"classic item") && listed.contains(m_relay->url().toString()) &&
                     listed.contains(u"refresh due before"),
                 qPrintable(listed));

        KeptPutKeeper browser; // started again: resumes and refreshes
        QString error;
        QVERIFY2(browser.open(storePath(), &error), qPrintable(error));
        browser.setRefreshMs(1500);
        QCOMPARE(browser.puts().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_relay->accepted().count(true) >= 2, eventDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(browser.find(id) && browser.find(id)->lastPost > firstPost, eventDeadlineMs);

        // Stopped from the list: the downgrade goes to the same proxy, and the put is gone.
        browser.stop(id);
        QTRY_VERIFY_WITH_TIMEOUT(m_relay->accepted().endsWith(false), eventDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(browser.puts().isEmpty(), eventDeadlineMs);
        QVERIFY(!browser.earliestEarlyEnd());
        KeptPutStore store;
        QVERIFY(store.open(storePath(), &error));
        QVERIFY(store.all().isEmpty());
        QCOMPARE(cliKept(), QString());
    }

    void keptPutIsDowngradedAtTheEndOfItsTtl()
    {
        // A put whose TTL ends in two seconds, as the keeper has it after the first POST.
        KeptPutKeeper keeper; // no store: this run only, as opendht-cli put --keep
        KeptPut p;
        p.key = QStringLiteral("ends soon");
        p.keyHex = ClassicKey::parse(p.key, ClassicKey::Mode::Text).infoHashHex();
        p.proxy = m_relay->url();
        p.body = QJsonDocument(QJsonObject{{QStringLiteral("data"), QStringLiteral("ZW5kcyBzb29u")},
                                           {QStringLiteral("id"), QStringLiteral("4242")},
                                           {QStringLiteral("type"), 0}})
                     .toJson(QJsonDocument::Compact);
        p.lastPost = QDateTime::currentDateTimeUtc();
        p.ttlEnd = p.lastPost.addSecs(2);
        const qsizetype before = m_relay->accepted().size();
        keeper.keep(p);
        QVERIFY(!keeper.earliestEarlyEnd()); // no refresh needed: the proxy's 24 h cover it
        QTRY_VERIFY_WITH_TIMEOUT(keeper.puts().isEmpty(), eventDeadlineMs);
        QCOMPARE(m_relay->accepted().mid(before), QList<bool>{false});
    }
};

QTEST_GUILESS_MAIN(TestKeptPuts)
#include "tst_keptputs.moc"
