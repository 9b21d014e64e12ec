#pragma once
// What the tests of the whole window share: a window on a real gateway, typing a key as a user
// does, waiting for the gateway in use, and asking /proc about the processes the window starts.
#include "UiTestSupport.h"
#include "support/GatewayProcess.h"

#include "core/backend/GatewayBackend.h"
#include "core/kept/KeptPutKeeper.h"
#include "core/local/ActiveGateway.h"
#include "core/probe/GatewayDirectory.h"
#include "ui/keys/KeyBar.h"
#include "ui/window/KeyTab.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QTest>

#include <memory>

namespace windowtest {

inline MainWindow::Options onGateway(const QUrl& url)
{
    MainWindow::Options options;
    options.gateway = url;
    options.localFallback = false;
    options.restoreSession = false;
    return options;
}

// Every test starts from nothing: no settings, no gateway list, no remembered choice.
inline void startFromNothing()
{
    uitest::clearSettings();
    GatewayDirectory::openUserSettings()->clear();
}

// The browser pinned to a gateway, keeping its puts in store and refreshing them every
// refreshMs (22 hours in real life), shown.
inline std::unique_ptr<MainWindow> keepingWindow(const QUrl& gateway, const QString& store, qint64 refreshMs)
{
    MainWindow::Options options = onGateway(gateway);
    options.keptPuts = store;
    auto window = std::make_unique<MainWindow>(options);
    window->keptPuts()->setRefreshMs(refreshMs);
    window->show();
    return window;
}

// Running, as opposed to gone or a zombie waiting to be reaped.
inline bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const int close = line.lastIndexOf(')');
    const char state = close > 0 && close + 2 < line.size() ? line.at(close + 2) : 'X';
    return state != 'Z' && state != 'X';
}

// Types a key into the key bar and presses Enter, as a user does.
inline void typeKey(MainWindow& window, const QString& key)
{
    QLineEdit* edit = window.keyBar()->keyEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, key);
    QTest::keyClick(edit, Qt::Key_Return);
}

// Types a key and waits for its first fetch to end; the tab, or null if it never ended.
inline KeyTab* fetchKey(MainWindow& window, const QString& key, int timeoutMs = 10000)
{
    typeKey(window, key);
    const bool fetched =
        QTest::qWaitFor([&] { return window.currentTab() && window.currentTab()->hasFetched(); }, timeoutMs);
    return fetched ? window.currentTab() : nullptr;
}

inline bool usesGateway(MainWindow& window, const QUrl& url)
{
    return QTest::qWaitFor(
        [&] {
            GatewayBackend* backend = window.activeGateway()->backend();
            return backend && backend->gateway() == url;
        },
        10000);
}

// A real gateway and a window using it (pinned), shown and ready for input.
struct WindowOnGateway
{
    GatewayProcess gateway;
    std::unique_ptr<MainWindow> window;

    bool open(QString* error)
    {
        if (!gateway.start(error))
            return false;
        window = std::make_unique<MainWindow>(onGateway(gateway.url()));
        window->show();
        if (!usesGateway(*window, gateway.url()))
            *error = QStringLiteral("the window never used %1").arg(gateway.url().toString());
        return error->isEmpty();
    }
};

// The menu entry for a network, as a user finds it under Gateway > Network of the Local Gateway.
inline QAction* networkAction(MainWindow& window, const QString& network)
{
    return window.findChild<QAction*>(QStringLiteral("localNetwork-") + network);
}

} // namespace windowtest
