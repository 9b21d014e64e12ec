#pragma once
// Debian's `dhtnode --proxyserver` alone, for tests that need a stock proxy (what it answers, not
// its DHT): free loopback ports, killed by the destructor and with the test (PR_SET_PDEATHSIG).
// TEST-ONLY support, shared by tests/client and tests/ui.

#include "FreePorts.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <sys/prctl.h>

namespace lonestock {

class LoneStockProxy
{
public:
    LoneStockProxy()
        : m_port(freeTcpPort())
    {
        const QString dhtPort = QString::number(freeUdpPort());
        m_process.setProgram(QStringLiteral("/usr/bin/dhtnode"));
        m_process.setArguments({QStringLiteral("-s"), QStringLiteral("-p"), dhtPort,
                                QStringLiteral("--proxyserver"), QString::number(m_port),
                                QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")});
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start();
    }
    ~LoneStockProxy()
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
            QNetworkRequest request(url());
            request.setTransferTimeout(2000);
            QNetworkReply* reply = nam.get(request);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(3000);
            const bool ok = reply->error() == QNetworkReply::NoError;
            reply->abort();
            reply->deleteLater();
            if (ok)
                return true;
            QTest::qWait(100);
        }
        return false;
    }

private:
    quint16 m_port;
    QProcess m_process;
};

} // namespace lonestock
