#include "GatewayProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <csignal>
#include <sys/prctl.h>

namespace {
constexpr int startTimeoutMs = 20000;
constexpr int stopTimeoutMs = 5000;
} // namespace

QString GatewayProcess::binary()
{
    const QString fromEnvironment = qEnvironmentVariable("ODB_GATEWAY");
    return fromEnvironment.isEmpty() ? QStringLiteral(ODB_GATEWAY_DEFAULT) : fromEnvironment;
}

GatewayProcess::GatewayProcess(const QStringList& extraArguments)
    : m_extraArguments(extraArguments)
{
    m_process.setProgram(binary());
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("stderr.log")));
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

GatewayProcess::~GatewayProcess()
{
    stop();
}

bool GatewayProcess::start(QString* error)
{
    m_networkId = QRandomGenerator::global()->bounded(1000, 2000000000);
    m_process.setArguments(
        QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--dht-listen"),
                    QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--dht-port"), QStringLiteral("0"), QStringLiteral("--network-id"),
                    QString::number(m_networkId), QStringLiteral("--log-level"), QStringLiteral("warn")} +
        m_extraArguments);
    m_process.start(QIODevice::ReadOnly);
    if (!m_process.waitForStarted(startTimeoutMs)) {
        *error = QStringLiteral("%1 did not start: %2").arg(binary(), m_process.errorString());
        return false;
    }
    static const QRegularExpression ready(
        QStringLiteral("^opendht-gateway ready http=127\\.0\\.0\\.1:(\\d+) dht=(\\d+) node=([0-9a-f]{40})$"));
    const QDeadlineTimer deadline(startTimeoutMs);
    while (!m_process.canReadLine()) {
        if (m_process.state() != QProcess::Running) {
            *error = QStringLiteral("%1 exited (status %2) before its ready line; stderr: %3")
                         .arg(binary())
                         .arg(m_process.exitCode())
                         .arg(log());
            return false;
        }
        if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_process.state() != QProcess::Running)
                continue; // it ended while we waited: say so above
            *error = QStringLiteral("%1 sent no ready line within %2 s; stderr: %3")
                         .arg(binary())
                         .arg(startTimeoutMs / 1000)
                         .arg(log());
            stop();
            return false;
        }
    }
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    const auto match = ready.match(line);
    if (!match.hasMatch()) {
        *error = QStringLiteral("unexpected first line from the gateway: \"%1\"").arg(line);
        stop();
        return false;
    }
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(match.captured(1)));
    return true;
}

void GatewayProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(stopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(stopTimeoutMs);
    }
}

QString GatewayProcess::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("stderr.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000)) : QString();
}
