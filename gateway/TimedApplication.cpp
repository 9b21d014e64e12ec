#include "TimedApplication.h"

#include <QElapsedTimer>
#include <QEvent>

#include <cstdio>
#include <ctime>
#include <sys/resource.h>

namespace {

// What the Qt thread spent: its CPU time, and how often it waited (for a lock, a disk, a
// syscall: voluntary switches) or was preempted for another thread (involuntary): a slow event
// with little CPU time was kept waiting, not busy.
struct ThreadUse
{
    qint64 cpuNs = 0;
    long waits = 0;
    long preempted = 0;

    static ThreadUse now()
    {
        ThreadUse u;
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        u.cpuNs = qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
        rusage r{};
        getrusage(RUSAGE_THREAD, &r);
        u.waits = r.ru_nvcsw;
        u.preempted = r.ru_nivcsw;
        return u;
    }
};

// The receiver and its first ancestors, by class: a socket notifier says little by itself.
QByteArray lineage(const QObject* o)
{
    QByteArray names;
    for (int depth = 0; o && depth < 4; ++depth, o = o->parent())
        names += (depth ? " < " : "") + QByteArray(o->metaObject()->className());
    return names;
}

} // namespace

TimedApplication::TimedApplication(int& argc, char** argv)
    : QCoreApplication(argc, argv)
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("ODB_GATEWAY_SLOW_MS", &ok);
    if (ok && ms > 0)
        m_slowNs = qint64(ms) * 1000000;
}

bool TimedApplication::notify(QObject* receiver, QEvent* event)
{
    if (m_slowNs == 0)
        return QCoreApplication::notify(receiver, event);
    timespec started{};
    clock_gettime(CLOCK_MONOTONIC, &started); // to line the log up with a profiler's samples
    QElapsedTimer took;
    took.start();
    const ThreadUse before = ThreadUse::now();
    const int type = event->type(); // the event may be gone once handled
    const QByteArray who = lineage(receiver);
    const bool handled = QCoreApplication::notify(receiver, event);
    const qint64 ns = took.nsecsElapsed();
    if (ns >= m_slowNs) {
        const ThreadUse after = ThreadUse::now();
        std::fprintf(stderr,
                     "slow event at %lld.%06ld s (monotonic): %.1f ms (CPU %.1f ms, %ld waits, %ld "
                     "preemptions), type %d, to %s\n",
                     qlonglong(started.tv_sec), long(started.tv_nsec / 1000), ns / 1e6,
                     (after.cpuNs - before.cpuNs) / 1e6, after.waits - before.waits,
                     after.preempted - before.preempted, type, who.constData());
    }
    return handled;
}
