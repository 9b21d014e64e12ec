#include "LocalGateway.h"

#include "core/net/DhtNetwork.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <utility>

LocalGateway::LocalGateway(QObject* parent)
    : QObject(parent)
    , m_program(findProgram())
    , m_dataDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
    , m_network(defaultNetwork())
{
    m_startTimer.setSingleShot(true);
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        fail(tr("the local gateway did not get ready within %1 s").arg(startTimeoutMs / 1000));
        stop();
    });
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { m_process.kill(); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &LocalGateway::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        // Kept short: only the end of what it said matters when something went wrong.
        m_log = QString(m_log + QString::fromUtf8(m_process.readAllStandardError())).right(4096);
    });
    connect(&m_process, &QProcess::finished, this, &LocalGateway::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("cannot start the local gateway %1: %2").arg(m_program, m_process.errorString()));
    });
}

LocalGateway::~LocalGateway()
{
    // The program is ending: wait here for the child to save, as nothing else needs the event
    // loop any more, and tell nobody (whoever listened is being destroyed).
    m_process.disconnect(this);
    if (m_process.state() == QProcess::NotRunning)
        return;
    if (!m_stopping)
        m_process.terminate();
    if (!m_process.waitForFinished(stopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QString LocalGateway::findProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("ODB_GATEWAY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString here = QCoreApplication::applicationDirPath();
    // Installed side by side; in the build tree the browser is in app/ and the gateway in gateway/.
    for (const char* relative : {"/opendht-gateway", "/../gateway/opendht-gateway"}) {
        const QString candidate = here + QLatin1String(relative);
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("opendht-gateway"));
    return onPath.isEmpty() ? QStringLiteral("opendht-gateway") : onPath;
}

bool LocalGateway::setNetwork(const QString& name)
{
    if (!DhtNetwork::byName(name))
        return false;
    if (name == m_network)
        return true;
    m_network = name;
    if (isRunning() && !m_stopping) {
        stop();
        start(); // once the old one has ended (a start already pending takes the new network)
    }
    return true;
}

QString LocalGateway::stateDirName(const QString& network)
{
    if (network == defaultNetwork())
        return QStringLiteral("gateway");
    return QStringLiteral("gateway-") + network;
}

QString LocalGateway::stateDir() const
{
    return m_dataDir + u'/' + stateDirName(m_network);
}

QStringList LocalGateway::arguments() const
{
    QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                     QStringLiteral("0"),        QStringLiteral("--network"), m_network};
    // Without a network nobody needs to reach the DHT socket; otherwise it binds every address
    // (the gateway's default), as peers of a real network must reach it.
    if (m_network == defaultNetwork())
        args << QStringLiteral("--dht-listen") << QStringLiteral("127.0.0.1");
    else // on a real network the others would be strangers: a desktop keeps only its own items
        args << QStringLiteral("--keep-for-others") << QStringLiteral("off");
    args << QStringLiteral("--state-dir") << stateDir() << QStringLiteral("--exit-with-parent");
    return args;
}

void LocalGateway::start()
{
    if (m_stopping) {
        m_startAfterStop = true;
        return;
    }
    if (isRunning())
        return;
    m_url.clear();
    m_stdout.clear();
    m_log.clear();
    m_stopping = false;
    m_starting = true;
    QDir().mkpath(stateDir());
    m_process.setProgram(m_program);
    m_process.setArguments(arguments());
    m_startTimer.start(startTimeoutMs);
    m_process.start(QIODevice::ReadOnly);
}

void LocalGateway::readStdout()
{
    m_stdout += m_process.readAllStandardOutput();
    if (isReady() || !m_stdout.contains('\n'))
        return;
    static const QRegularExpression ready(
        QStringLiteral("^opendht-gateway ready http=127\\.0\\.0\\.1:(\\d+) "));
    const QString line = QString::fromUtf8(m_stdout.left(m_stdout.indexOf('\n')));
    const auto match = ready.match(line);
    if (!match.hasMatch()) {
        fail(tr("the local gateway said \"%1\" instead of getting ready").arg(line.left(200)));
        stop();
        return;
    }
    m_startTimer.stop();
    m_starting = false;
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(match.captured(1)));
    emit started(m_url);
}

void LocalGateway::onFinished(int exitCode, QProcess::ExitStatus status)
{
    const QString how =
        status == QProcess::CrashExit ? tr("crashed") : tr("exited with status %1").arg(exitCode);
    const QString said = m_log.trimmed().right(300);
    const QString reason = said.isEmpty() ? tr("the local gateway %1 without a message").arg(how)
                                          : tr("the local gateway %1: %2").arg(how, said);
    const bool wasReady = isReady();
    m_url.clear();
    if (m_stopping) {
        m_stopping = false;
        m_killTimer.stop();
        emit stopped();
        if (std::exchange(m_startAfterStop, false))
            start();
        return;
    }
    if (wasReady)
        emit exited(reason);
    else
        fail(reason);
}

void LocalGateway::fail(const QString& reason)
{
    if (!m_starting)
        return; // already reported, or not starting
    m_starting = false;
    m_startTimer.stop();
    emit failed(reason);
}

void LocalGateway::stop()
{
    m_startTimer.stop();
    m_starting = false;
    m_startAfterStop = false;
    if (m_process.state() == QProcess::NotRunning || m_stopping)
        return;
    m_stopping = true;
    m_url.clear(); // no longer serving, from now on
    m_process.terminate();
    m_killTimer.start(stopTimeoutMs);
}
