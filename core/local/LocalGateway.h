#pragma once

#include <QObject>
#include <QProcess>
#include <QTimer>
#include <QUrl>

// The embedded default: our own opendht-gateway as a child process on loopback, on a free port,
// with its values kept in the application data location so that they survive restarts. It is
// started with --exit-with-parent, so the kernel stops it (and it saves its values) even when
// the browser is killed. stop() asks it to end and returns at once (it may take seconds to save,
// and the window must not freeze meanwhile); the destructor, at the program's end, waits.
//
// It joins one DhtNetwork, "local" (no network) by default. Only "local" keeps its DHT socket on
// loopback: the default must open no UDP port on the LAN, while a node of a real network must be
// reachable by its peers. Each network has its own state directory, so that items and the node
// id of one network never leak into another.
class LocalGateway : public QObject
{
    Q_OBJECT
public:
    static constexpr int startTimeoutMs = 15000;
    static constexpr int stopTimeoutMs = 5000;

    explicit LocalGateway(QObject* parent = nullptr);
    ~LocalGateway() override;

    // Defaults: findProgram() and <AppDataLocation>.
    void setProgram(const QString& program) { m_program = program; }
    void setDataDir(const QString& dir) { m_dataDir = dir; }
    QString program() const { return m_program; }
    QString dataDir() const { return m_dataDir; }

    // The DhtNetwork to join (by name). A running gateway is restarted on it (stop(), then
    // start() once it has ended); false, and nothing changes, for an unknown name.
    bool setNetwork(const QString& name);
    static QString defaultNetwork() { return QStringLiteral("local"); }
    QString network() const { return m_network; }
    // <dataDir>/gateway for "local" (where every earlier version kept its values), else
    // <dataDir>/gateway-<name>.
    QString stateDir() const;
    static QString stateDirName(const QString& network);
    // What start() runs the program with.
    QStringList arguments() const;

    // Starts the child; started() or failed() follows, never both. While the previous child is
    // still stopping, it starts once that one has ended.
    void start();
    // Asks the child to stop (SIGTERM: it saves its values) and returns at once; stopped()
    // follows when it has ended, killed if it still runs after stopTimeoutMs.
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool isStopping() const { return m_stopping; }
    bool isReady() const { return m_url.isValid(); }
    QUrl url() const { return m_url; }
    qint64 processId() const { return m_process.processId(); }
    QString log() const { return m_log; }

    // $ODB_GATEWAY, else opendht-gateway beside this program (installed, or in the build tree),
    // else the one on PATH.
    static QString findProgram();

signals:
    void started(const QUrl& url);
    void failed(const QString& reason);
    // The child ended while it was serving (not by stop()).
    void exited(const QString& reason);
    // The child asked to stop by stop() has ended.
    void stopped();

private:
    void readStdout();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString& reason);

    QProcess m_process;
    QTimer m_startTimer;
    QTimer m_killTimer;
    QString m_program;
    QString m_dataDir;
    QString m_network;
    QUrl m_url;
    QByteArray m_stdout;
    QString m_log;
    bool m_starting = false;
    bool m_stopping = false;
    bool m_startAfterStop = false;
};
