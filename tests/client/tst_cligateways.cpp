// opendht-cli gateways list|add|remove: the list it shares with the browser, and an add that
// refuses (with a sentence and exit code 4 or 5) what does not answer as a gateway. A real
// gateway for what a gateway does; the TEST-ONLY HostileServer for a web page and a silent port.
#include "support/GatewayProcess.h"

#include "core/probe/GatewayDirectory.h"
#include "hostile/HostileServer.h"

#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(code).arg(out, err);
    }
};

QString cliBinary()
{
    const QString fromEnvironment = qEnvironmentVariable("ODB_CLI");
    return fromEnvironment.isEmpty() ? QStringLiteral(ODB_CLI_DEFAULT) : fromEnvironment;
}

QUrl closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
}

} // namespace

class TestCliGateways : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home; // the CLI's config and cache, away from the user's

    // With the event loop running, so that a HostileServer in this process can answer.
    Run cli(const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(cliBinary(), QStringList{QStringLiteral("gateways")} + arguments);
        Run r;
        if (!finished.wait(20000)) {
            process.kill();
            process.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.code = process.exitCode();
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    QString listLine(const QUrl& url)
    {
        const Run r = cli({QStringLiteral("list")});
        for (const QString& line : r.out.split(u'\n')) {
            if (line.contains(url.toString()))
                return line.simplified();
        }
        return {};
    }

private slots:
    void init() { QDir(m_home.path()).removeRecursively(); }

    void addListRemoveARealGateway()
    {
        GatewayProcess gw;
        QString error;
        QVERIFY2(gw.start(&error), qPrintable(error));
        // Typed without the trailing slash: the same gateway as the browser would list it.
        const QString typed = QStringLiteral("http://127.0.0.1:%1").arg(gw.port());
        Run r = cli({QStringLiteral("add"), typed, QStringLiteral("--name"), QStringLiteral("my gateway")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(QStringLiteral("classic gateway")), qPrintable(r.describe()));
        QCOMPARE(listLine(gw.url()), QStringLiteral("my gateway classic %1 user").arg(gw.url().toString()));

        // The browser reads the same file.
        QSettings shared(m_home.filePath(QStringLiteral("config/opendht-browser/gateways.ini")),
                         QSettings::IniFormat);
        GatewayDirectory directory(&shared);
        QVERIFY(directory.find(gw.url()));
        QCOMPARE(directory.find(gw.url())->kind, GatewayKind::Classic);

        r = cli({QStringLiteral("add"), typed});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("in the list already")), qPrintable(r.describe()));

        r = cli({QStringLiteral("remove"), typed});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(listLine(gw.url()), QString());
    }

    void builtInGatewaysCannotBeRemoved()
    {
        const QStringList words =
            cli({QStringLiteral("list")}).out.split(u'\n').first().split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(words.last(), QStringLiteral("builtin"));
        const QString url = words.at(words.size() - 2);
        const Run r = cli({QStringLiteral("remove"), url});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("built in")), qPrintable(r.describe()));
        QVERIFY(!listLine(QUrl(url)).isEmpty());
    }

    void whatIsNoGatewayIsRefused_data()
    {
        QTest::addColumn<int>("what");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("a closed port") << 0 << 5 << QStringLiteral("refused the connection");
        QTest::newRow("a silent port") << 1 << 5 << QStringLiteral(" 1 s");
        QTest::newRow("a web page") << 2 << 4 << QStringLiteral("does not answer as a classic gateway");
        QTest::newRow("not a URL") << 3 << 2 << QStringLiteral("is not an http URL");
    }

    void whatIsNoGatewayIsRefused()
    {
        QFETCH(int, what);
        QFETCH(int, code);
        QFETCH(QString, says);
        HostileServer server;
        QVERIFY(server.listen());
        if (what == 1)
            server.setAct(HostileServer::neverAnswer());
        else
            server.setAct(HostileServer::send(HostileServer::httpOk("<html><body>It works!</body></html>")));
        const QString url = what == 0   ? closedPort().toString()
                            : what == 3 ? QStringLiteral("ftp://127.0.0.1/")
                                        : QStringLiteral("http://127.0.0.1:%1/").arg(server.port());
        const Run r = cli({QStringLiteral("add"), url, QStringLiteral("--timeout"), QStringLiteral("1s")});
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(says), qPrintable(r.describe()));
        QVERIFY2(!r.err.contains(u'\n') || r.err.indexOf(u'\n') == r.err.size() - 1,
                 qPrintable(r.err));              // one line
        QCOMPARE(listLine(QUrl(url)), QString()); // nothing added
    }

    void helpNamesTheActions()
    {
        QProcess process;
        process.start(cliBinary(), {QStringLiteral("gateways"), QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QString help = QString::fromUtf8(process.readAllStandardOutput());
        for (const char* word : {"list", "add URL", "remove URL", "--name"})
            QVERIFY2(help.contains(QLatin1String(word)), qPrintable(help));
    }
};

QTEST_GUILESS_MAIN(TestCliGateways)
#include "tst_cligateways.moc"
