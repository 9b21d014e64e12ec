#pragma once
// A program a test runs to its end (opendht-cli, a Python peer): how it ended and what it wrote.
// The event loop runs meanwhile, so that a server in the test process (a HostileServer) can
// answer it; a program that outlives the deadline is killed. TEST-ONLY support.
#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct ProgramRun
{
    int code = -1; // -1 unless it exited normally
    bool normalExit = false;
    QByteArray out;
    QByteArray err;

    QString describe() const;        // for a failure message: the exit and both outputs, cut short
    QList<QByteArray> lines() const; // stdout's lines, without the empty one after the last newline
};

inline constexpr int programDeadlineMs = 30000;

ProgramRun runProgram(const QString& program, const QStringList& arguments,
                      const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
                      const QByteArray& input = {}, int deadlineMs = programDeadlineMs);

// ODB_CLI from the environment, else the build's opendht-cli.
QString cliBinary();

inline ProgramRun runCli(const QStringList& arguments,
                         const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
                         const QByteArray& input = {}, int deadlineMs = programDeadlineMs)
{
    return runProgram(cliBinary(), arguments, environment, input, deadlineMs);
}
