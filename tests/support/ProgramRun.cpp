#include "ProgramRun.h"

#include <QProcess>
#include <QSignalSpy>

QString ProgramRun::describe() const
{
    return QStringLiteral("exit %1%2\n--- stdout:\n%3--- stderr:\n%4")
        .arg(code)
        .arg(normalExit ? QString() : QStringLiteral(" (crashed or killed)"),
             QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
}

QList<QByteArray> ProgramRun::lines() const
{
    QList<QByteArray> l = out.split('\n');
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

ProgramRun runProgram(const QString& program, const QStringList& arguments,
                      const QProcessEnvironment& environment, const QByteArray& input, int deadlineMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    // A spy, not waitForFinished: the event loop must run for servers in this process.
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    ProgramRun r;
    if (!process.waitForStarted(5000)) {
        r.err = "did not start: " + process.errorString().toUtf8() + '\n';
        return r;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!finished.wait(deadlineMs)) {
        process.kill();
        process.waitForFinished(5000);
        r.err = "timed out\n";
        return r;
    }
    r.normalExit = process.exitStatus() == QProcess::NormalExit;
    r.code = r.normalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

QString cliBinary()
{
    const QString fromEnvironment = qEnvironmentVariable("ODB_CLI");
    return fromEnvironment.isEmpty() ? QStringLiteral(ODB_CLI_DEFAULT) : fromEnvironment;
}
