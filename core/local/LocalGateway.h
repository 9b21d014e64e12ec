#pragma once

#include <QObject>
#include <QProcess>
#include <QTimer>
#include <QUrl>

// The embedded default: our own opendht-gateway as a child process on loopback, on a free port,
// with its values kept in the application data location so that they survive restarts. It is
// started with --exit-with-parent, so the kernel stops it (and it saves its values) even when
// the browser is killed; stop() ends it on a normal exit, waiting for it to save.
class LocalGateway : public QObject
{
    Q_OBJECT
public:
    static constexpr int startTimeoutMs = 15000;
    static constexpr int stopTimeoutMs = 5000;

    explicit LocalGateway(QObject* parent = nullptr);
    ~LocalGateway() override;

    // Defaults: findProgram() and <AppDataLocation>/gateway.
    void setProgram(const QString& program) { m_program = program; }
    void setStateDir(const QString& dir) { m_stateDir = dir; }
    QString program() const { return m_program; }
    QString stateDir() const { return m_stateDir; }

    // Starts the child; started() or failed() follows, never both.
    void start();
    // Asks the child to stop (SIGTERM: it saves its values), waits for it, kills it if it hangs.
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
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

private:
    void readStdout();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString& reason);

    QProcess m_process;
    QTimer m_startTimer;
    QString m_program;
    QString m_stateDir;
    QUrl m_url;
    QByteArray m_stdout;
    QString m_log;
    bool m_starting = false;
    bool m_stopping = false;
};
