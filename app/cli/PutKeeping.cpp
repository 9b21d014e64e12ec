#include "PutKeeping.h"

#include "ExitCode.h"
// The gateway's self-pipe signal watcher, shared rather than written twice.
#include "../../gateway/SignalWatcher.h"

#include <kept/KeptPutKeeper.h>
#include <kept/KeptPutText.h>

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

void say(const QString& line, bool terminal)
{
    // On a terminal the line is redrawn in place; elsewhere one line per event.
    if (terminal)
        std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
    else
        std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(line));
    std::fflush(stderr);
}

QString progress(const KeptPutKeeper& keeper)
{
    if (keeper.puts().isEmpty())
        return t("done");
    const KeptPut& p = keeper.puts().first();
    const QString next = p.nextRefresh.isValid() ? t("next refresh %1").arg(KeptPutText::when(p.nextRefresh))
                                                 : t("no refresh left");
    return t("keeping \"%1\" at %2: %3, downgrade at %4 (Ctrl+C stops it now)")
        .arg(KeptPutText::key(p), p.proxy.authority(), next, KeptPutText::when(p.ttlEnd));
}

} // namespace

int PutKeeping::run(KeptPutKeeper* keeper)
{
    const bool terminal = ::isatty(STDERR_FILENO);
    SignalWatcher watcher;
    QEventLoop loop;
    bool stopping = false;
    bool failed = false; // the downgrade of a stop was not accepted
    QObject::connect(keeper, &KeptPutKeeper::problem, &loop,
                     [&](const QString& message) { say(message, false); });
    QObject::connect(keeper, &KeptPutKeeper::posted, &loop, [&](qint64, bool permanent, bool ok) {
        if (!terminal && ok)
            say(permanent ? t("refreshed") : t("downgrade sent"), false);
        if (!permanent && stopping) {
            failed = !ok;
            loop.quit(); // sent once, answered or not: a stop does not wait a day for retries
        }
    });
    QObject::connect(keeper, &KeptPutKeeper::changed, &loop, [&] {
        if (keeper->puts().isEmpty())
            loop.quit();
        else if (terminal)
            say(progress(*keeper), true);
    });
    QObject::connect(&watcher, &SignalWatcher::stopRequested, &loop, [&] {
        if (std::exchange(stopping, true))
            return loop.quit(); // a second Ctrl+C: leave now
        say(t("stopping: sending the downgrade"), terminal);
        keeper->stopAll();
    });
    // The "today"/"tomorrow" of the progress line moves on by itself.
    QTimer redraw;
    if (terminal) {
        QObject::connect(&redraw, &QTimer::timeout, &loop, [&] { say(progress(*keeper), true); });
        redraw.start(std::chrono::minutes(1));
        say(progress(*keeper), true);
    }
    if (!keeper->puts().isEmpty())
        loop.exec();
    if (terminal)
        std::fprintf(stderr, "\n");
    return failed ? ExitNetwork : ExitOk;
}
