#pragma once

#include <QCoreApplication>

// The gateway's application: with ODB_GATEWAY_SLOW_MS=N in the environment, every event the Qt
// thread takes longer than N ms to handle is logged to stderr (its time, its type and its
// receiver), so that what holds every client waiting under load can be found. The Qt thread
// serves every client: a long event there is a stall for all of them. Off: one branch an event.
class TimedApplication : public QCoreApplication
{
public:
    TimedApplication(int& argc, char** argv);
    bool notify(QObject* receiver, QEvent* event) override;

private:
    qint64 m_slowNs = 0; // 0: not timed
};
