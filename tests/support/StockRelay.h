#pragma once
// Real parts for tests of puts kept through a proxy (issue #21): two Debian `dhtnode` processes
// on a network of their own, the second a --proxyserver, and the TEST-ONLY relay
// (tests/fixtures/relay/post_counting_relay.py) in front of it, which tells every POST it passes
// on. Each process is stopped by its destructor, and dies with the test (PR_SET_PDEATHSIG).
// ODB_PYTHON and ODB_RELAY come from odb_test_support (tests/support/CMakeLists.txt).

#include "FreePorts.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace keptputs {

inline constexpr int eventDeadlineMs = 30000;

// Waits for expr; returns false from the enclosing bool function if it never held.
#define WAIT_FOR_OR_RETURN_FALSE(expr, timeout)                                                              \
    do {                                                                                                     \
        (void)QTest::qWaitFor([&] { return bool(expr); }, timeout);                                          \
        if (!(expr))                                                                                         \
            return false;                                                                                    \
    } while (false)

inline void dieWithTest(QProcess* p)
{
    p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

// Two stock nodes on a network of their own; the second serves the proxy REST API.
class StockProxy
{
public:
    StockProxy()
        : m_httpPort(freeTcpPort())
        , m_firstPort(freeUdpPort())
        , m_network(QRandomGenerator::global()->bounded(1 << 30))
    {
        const QString network = QString::number(m_network);
        const QString firstPort = QString::number(m_firstPort);
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
    // For readers of the DHT (python3-opendht, a dhtnode shell): its network id, and the
    // first node's address to join it through.
    int network() const { return m_network; }
    QString firstNode() const { return QStringLiteral("127.0.0.1:%1").arg(m_firstPort); }

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
    quint16 m_firstPort;
    int m_network;
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

} // namespace keptputs
