#include "PutKeeping.h"

#include "ExitCode.h"
// The gateway's self-pipe signal watcher, shared rather than written twice.
#include "core/util/SignalWatcher.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutText.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace {

QString t(const char* text)
{
    return QCoreApplication::translate("PutKeeping", text);
}

// A progress line (redrawn in place on a terminal) or a line of its own, which on a terminal
// first clears the progress line it replaces.
void say(const QString& line, bool progress)
{
    if (progress)
        std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
    else
        std::fprintf(stderr, "%sopendht-cli: %s\n", ::isatty(STDERR_FILENO) ? "\r\033[K" : "",
                     qPrintable(line));
    std::fflush(stderr);
}

QString progress(const KeptPutKeeper& keeper, int refreshes)
{
    if (keeper.puts().isEmpty())
        return t("done");
    const KeptPut& p = keeper.puts().first();
    const QString next = p.nextRefresh.isValid() ? t("next refresh %1").arg(KeptPutText::when(p.nextRefresh))
                                                 : t("no refresh left");
    return QCoreApplication::translate(
               "PutKeeping",
               "keeping \"%1\" at %2: refreshed %n time(s), %3, downgrade at %4 (Ctrl+C stops it now)",
               nullptr, refreshes)
        .arg(KeptPutText::key(p), p.proxy.authority())
        .arg(next, KeptPutText::when(p.ttlEnd));
}

} // namespace

int PutKeeping::run(KeptPutKeeper* keeper)
{
    const bool terminal = ::isatty(STDERR_FILENO);
    SignalWatcher watcher;
    QEventLoop loop;
    bool stopping = false;
    bool failed = false; // the downgrade of a stop was not accepted
    int refreshes = 0;
    QObject::connect(keeper, &KeptPutKeeper::problem, &loop,
                     [&](const QString& message) { say(message, false); });
    QObject::connect(keeper, &KeptPutKeeper::posted, &loop, [&](qint64 id, bool permanent, bool ok) {
        refreshes += permanent && ok;
        const auto put = keeper->find(id); // still there: it goes after this signal
        if (!permanent && ok)
            say(t("downgrade sent: the value leaves the DHT within %1")
                    .arg(KeptPutText::lifetime(put ? put->typeLifetimeMs() : 600000)),
                false);
        else if (permanent && ok && !terminal)
            say(t("refreshed"), false);
        if (!permanent && stopping) {
            failed = !ok;
            loop.quit(); // sent once, answered or not: a stop does not wait a day for retries
        }
    });
    QObject::connect(keeper, &KeptPutKeeper::changed, &loop, [&] {
        if (keeper->puts().isEmpty())
            loop.quit();
        else if (terminal)
            say(progress(*keeper, refreshes), true);
    });
    QObject::connect(&watcher, &SignalWatcher::stopRequested, &loop, [&] {
        if (std::exchange(stopping, true))
            return loop.quit(); // a second Ctrl+C: leave now
        say(t("stopping: sending the downgrade"), false);
        keeper->stopAll();
    });
    // The "today"/"tomorrow" of the progress line moves on by itself.
    QTimer redraw;
    if (terminal) {
        QObject::connect(&redraw, &QTimer::timeout, &loop, [&] { say(progress(*keeper, refreshes), true); });
        redraw.start(std::chrono::minutes(1));
        say(progress(*keeper, refreshes), true);
    }
    if (!keeper->puts().isEmpty())
        loop.exec();
    return failed ? ExitNetwork : ExitOk;
}
